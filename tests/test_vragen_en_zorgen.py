"""vragen-en-zorgen (issue 21, part 3): anonymous questions, concerns and expectations with
+1 support, sorted by support; the facilitator marks them answered with a short answer
that goes to the report (H:L773-775, H:L1097-1099, H:L1121-1123)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Any

import pytest
from conftest import activity_of, without_room_list
from drivers import bearer, pdf_text, post_note, try_note

from app.registry import discover

VZ = "vragen-en-zorgen"
NAME = "Annemarie Vlietstra"


def make(client, **item: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"title": "Praktijkbijeenkomst", "agenda": [{"workform": VZ, **item}]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def room(app, client, sock):
    session = make(client)
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, joined = sock(session, name=NAME)
    bram, _ = sock(session, name="Bram")
    cas, _ = sock(session, name="Cas")
    vz = activity_of(ack, VZ)
    for c in (fac, board, anna, bram, cas):
        c.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "anna": anna,
        "anna_id": joined["me"]["id"],
        "bram": bram,
        "cas": cas,
        "vz": vz,
        "app": app,
    }


def steun(phone, room, note_id: int, on: bool = True) -> dict[str, Any]:
    return phone.emit(f"{VZ}:steun", {"activity_id": room["vz"]["id"], "note_id": note_id, "on": on}, callback=True)


def answer(fac, room, note_id: int, **payload: Any) -> dict[str, Any]:
    return fac.emit(f"{VZ}:beantwoord", {"activity_id": room["vz"]["id"], "note_id": note_id, **payload}, callback=True)


def of(messages: list[dict[str, Any]], event: str) -> list[Any]:
    return [m["args"][0] for m in messages if m["name"] == event]


def wire_bytes(messages: list[dict[str, Any]]) -> int:
    return sum(len(json.dumps([m["name"], *m["args"]], ensure_ascii=False).encode()) for m in messages)


# --- the format ------------------------------------------------------------------------------


def test_the_format_is_registered_always_anonymous_with_three_kinds() -> None:
    form = next(f for f in discover() if f.slug == VZ)
    assert form.always_anonymous is True
    assert [(c.slug, c.colour) for c in form.categories] == [
        ("vraag", "blauw"),
        ("zorg", "roze"),
        ("verwachting", "groen"),
    ]
    assert form.meta()["always_anonymous"] is True
    assert next(f for f in discover() if f.slug == "trots").meta()["always_anonymous"] is False


def test_each_kind_can_be_posted_and_an_unknown_kind_is_refused(room) -> None:
    for kind, text in (
        ("vraag", "Wie beantwoordt straks de telefoon tijdens de lunch?"),
        ("zorg", "Ik ben bang dat de assistentes het nog drukker krijgen."),
        ("verwachting", "Ik verwacht minder telefoontjes in de ochtend."),
    ):
        note = post_note(room["anna"], room["vz"], text, category=kind)
        assert note["category"] == kind
    refused = try_note(room["anna"], room["vz"], "Iets anders", category="klacht")
    assert refused["ok"] is False and refused["error"]
    # Without a kind the first (vraag) is the default.
    assert post_note(room["bram"], room["vz"], "Wanneer begint het?")["category"] == "vraag"


def test_the_agenda_cannot_make_it_named(client, sock) -> None:
    session = make(client, anonymous=False)
    _fac, ack = sock(session, role="facilitator")
    assert activity_of(ack, VZ)["anonymous"] is True


def test_the_facilitator_cannot_switch_the_names_on(room) -> None:
    refused = room["fac"].emit("activity:update", {"activity_id": room["vz"]["id"], "anonymous": False}, callback=True)
    assert refused["ok"] is False
    assert refused["error"] == "Deze werkvorm is altijd anoniem: de namen kunnen niet aan."
    # Other changes still go through.
    ok = room["fac"].emit("activity:update", {"activity_id": room["vz"]["id"], "title": "Vragen"}, callback=True)
    assert ok["ok"], ok


def test_no_name_or_participant_id_reaches_anyone_not_even_the_facilitator(room, client) -> None:
    anna, fac, board, bram = room["anna"], room["fac"], room["board"], room["bram"]
    asked = post_note(anna, room["vz"], "Krijgen we extra uren voor de overgang?", category="zorg")
    other = post_note(bram, room["vz"], "Hoe lang duurt de proefperiode?")
    assert steun(bram, room, asked["id"])["ok"]
    assert steun(anna, room, other["id"])["ok"]
    assert anna.emit("note:update", {"note_id": asked["id"], "text": "Krijgen we extra uren?"}, callback=True)["ok"]
    assert answer(fac, room, asked["id"], antwoord="Ja, twee uur per week.")["ok"]
    assert fac.emit("spotlight:set", {"note_id": asked["id"]}, callback=True)["ok"]
    # Spotlighting a person is refused: there is nobody to name.
    person = fac.emit(
        "spotlight:set", {"activity_id": room["vz"]["id"], "participant_id": room["anna_id"]}, callback=True
    )
    assert person["ok"] is False
    listed = fac.emit("notes:list", {"activity_id": room["vz"]["id"]}, callback=True)
    assert listed["ok"] and listed["notes"]
    rejoined = fac.emit(
        "join",
        {
            "code": room["session"]["code"],
            "role": "facilitator",
            "facilitator_token": room["session"]["facilitator_token"],
        },
        callback=True,
    )
    assert rejoined["ok"]
    # The facilitator's room list (who joined) names people, but never links them to a note.
    listed, rejoined = without_room_list(listed), without_room_list(rejoined)
    for who in (fac, board, bram):
        messages = without_room_list(who.get_received())
        assert messages, "something was sent, so the check below can fail"
        blob = json.dumps(messages, ensure_ascii=False) + json.dumps([listed, rejoined], ensure_ascii=False)
        assert "Annemarie" not in blob
        for message in [*messages, {"args": [listed, rejoined]}]:
            assert f'"author_id": {room["anna_id"]}' not in json.dumps(message["args"])
    # The author's own phone knows its note (mine), nothing more.
    own = [m for m in of(anna.get_received(), "note:updated") if m["note"]["id"] == asked["id"]]
    assert own and own[-1]["note"]["mine"] is True
    for kind in ("csv", "json"):
        body = client.get(f"/api/sessions/{room['session']['code']}/export.{kind}", headers=bearer(room["session"]))
        assert body.status_code == 200
        assert "Annemarie" not in body.get_data(as_text=True)
        assert "extra uren" in body.get_data(as_text=True)


# --- +1 ----------------------------------------------------------------------------------------


def test_one_support_per_phone_taking_back_allowed(room) -> None:
    note = post_note(room["anna"], room["vz"], "Wat als het systeem plat ligt?", category="zorg")
    first = steun(room["bram"], room, note["id"])
    assert first == {"ok": True, "steun": 1, "mine": [note["id"]]}
    again = steun(room["bram"], room, note["id"])
    assert again["ok"] and again["steun"] == 1, "a second tap does not count twice"
    assert steun(room["cas"], room, note["id"])["steun"] == 2
    back = steun(room["bram"], room, note["id"], on=False)
    assert back == {"ok": True, "steun": 1, "mine": []}
    assert steun(room["bram"], room, note["id"], on=False)["steun"] == 1
    mine = room["cas"].emit(f"{VZ}:mijn-steun", {"activity_id": room["vz"]["id"]}, callback=True)
    assert mine == {"ok": True, "mine": [note["id"]]}
    board_notes = [u["note"] for u in of(room["board"].get_received(), "note:updated")]
    assert board_notes[-1]["data"]["steun"] == 1


def test_support_refusals(room) -> None:
    note = post_note(room["anna"], room["vz"], "Moeten we zelf de triage leren?")
    own = steun(room["anna"], room, note["id"])
    assert own == {"ok": False, "error": "Je kunt je eigen vraag niet steunen."}
    by_fac = steun(room["fac"], room, note["id"])
    assert by_fac["ok"] is False and "deelnemers" in by_fac["error"]
    bad = room["bram"].emit(
        f"{VZ}:steun", {"activity_id": room["vz"]["id"], "note_id": note["id"], "on": "ja"}, callback=True
    )
    assert bad["ok"] is False
    missing = steun(room["bram"], room, 999999)
    assert missing["ok"] is False
    assert steun(room["bram"], room, note["id"])["ok"]
    assert answer(room["fac"], room, note["id"], antwoord="Nee, dat blijft bij de assistentes.")["ok"]
    late = steun(room["cas"], room, note["id"])
    assert late == {"ok": False, "error": "Deze vraag is al beantwoord."}
    # Taking a +1 back stays possible.
    assert steun(room["bram"], room, note["id"], on=False)["steun"] == 0
    hidden = post_note(room["bram"], room["vz"], "Verborgen vraag")
    assert room["fac"].emit("note:update", {"note_id": hidden["id"], "hidden": True}, callback=True)["ok"]
    assert steun(room["cas"], room, hidden["id"])["ok"] is False
    other = post_note(room["fac"], room["vz"], "Vraag van de begeleider")
    assert room["fac"].emit("activity:lock", {"activity_id": room["vz"]["id"], "locked": True}, callback=True)["ok"]
    locked = steun(room["cas"], room, other["id"])
    assert locked == {"ok": False, "error": "De begeleider heeft dit onderdeel op slot gezet."}


def test_a_support_is_small_for_everyone_else(room) -> None:
    """One +1 sends the other phones nothing, the board and the facilitator one note."""
    room_phones = [room["cas"]]
    notes = [
        post_note(room["anna"], room["vz"], f"Vraag nummer {i} over het nieuwe telefoonsysteem en de triage")
        for i in range(10)
    ]
    for c in (room["fac"], room["board"], room["anna"], room["bram"], *room_phones):
        c.get_received()
    conn: sqlite3.Connection = room["app"].extensions["flipover.store"].db.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert steun(room["bram"], room, notes[3]["id"])["ok"]
    finally:
        conn.set_trace_callback(None)
    board, fac = room["board"].get_received(), room["fac"].get_received()
    author, other = room["anna"].get_received(), room["cas"].get_received()
    assert other == [], "another phone gets nothing"
    assert [m["name"] for m in board] == ["note:updated"]
    assert [m["name"] for m in fac] == ["note:updated"]
    assert [m["name"] for m in author] == ["note:updated"], "the author's phone sees its own note's count"
    sizes = {"board": wire_bytes(board), "facilitator": wire_bytes(fac), "author": wire_bytes(author)}
    print(f"\n+1 bytes: {sizes}, other phones 0, SQL statements {len(seen)}")
    assert all(size < 800 for size in sizes.values()), sizes
    assert len(seen) <= 30, seen


def test_the_support_count_does_not_grow_with_the_room(room) -> None:
    """A +1 costs the same statements with 2 items or 40 (no scan of everyone's entries)."""
    conn: sqlite3.Connection = room["app"].extensions["flipover.store"].db.conn

    def cost(note_id: int) -> int:
        seen: list[str] = []
        conn.set_trace_callback(seen.append)
        try:
            assert steun(room["cas"], room, note_id)["ok"]
        finally:
            conn.set_trace_callback(None)
        return len(seen)

    first = post_note(room["anna"], room["vz"], "Eerste vraag")
    small = cost(first["id"])
    more = [post_note(room["anna"], room["vz"], f"Vraag {i}")["id"] for i in range(9)]
    more += [post_note(room["bram"], room["vz"], f"Zorg {i}", category="zorg")["id"] for i in range(9)]
    for note_id in more[:12]:
        assert steun(room["cas"], room, note_id)["ok"]
    assert cost(more[-1]) == small


# --- answering --------------------------------------------------------------------------------


def test_the_facilitator_marks_answered_and_reopens(room) -> None:
    note = post_note(room["anna"], room["vz"], "Wie is het aanspreekpunt?")
    room["bram"].get_received()
    done = answer(room["fac"], room, note["id"], antwoord="  De   praktijkmanager. ")
    assert done["ok"], done
    assert done["note"]["data"]["beantwoord"] is True
    assert done["note"]["data"]["antwoord"] == "De praktijkmanager."
    # Phones see it answered, with the answer, in the activity's answered items.
    (update,) = of(room["bram"].get_received(), "activity:updated")
    assert update["activity"]["extra"]["answered"] == [
        {
            "id": note["id"],
            "category": "vraag",
            "text": "Wie is het aanspreekpunt?",
            "beantwoord": True,
            "antwoord": "De praktijkmanager.",
        }
    ]
    assert update["activity"]["extra"]["open"] == 0
    empty = answer(room["fac"], room, note["id"])
    assert empty["ok"] and empty["note"]["data"] == {"beantwoord": True, "antwoord": ""}
    reopened = answer(room["fac"], room, note["id"], beantwoord=False)
    assert reopened["ok"] and "beantwoord" not in reopened["note"]["data"]


def test_answer_validation_and_authorisation(room) -> None:
    note = post_note(room["anna"], room["vz"], "Wat kost het?")
    too_long = answer(room["fac"], room, note["id"], antwoord="x" * 281)
    assert too_long == {"ok": False, "error": "Een antwoord is maximaal 280 tekens; nu 281."}
    assert answer(room["fac"], room, note["id"], antwoord="x" * 280)["ok"]
    assert answer(room["fac"], room, note["id"], antwoord=42)["ok"] is False
    assert answer(room["fac"], room, note["id"], beantwoord="ja")["ok"] is False
    for phone in (room["bram"], room["anna"]):
        refused = answer(phone, room, note["id"], antwoord="Niks")
        assert refused["ok"] is False
    for client in (room["board"],):
        assert answer(client, room, note["id"])["ok"] is False
    stored = room["fac"].emit("notes:list", {"activity_id": room["vz"]["id"]}, callback=True)["notes"][0]
    assert stored["data"]["antwoord"] == "x" * 280


def test_a_phone_cannot_forge_support_or_an_answer(room) -> None:
    posted = try_note(
        room["anna"], room["vz"], "Stiekem", data={"steun": 99, "beantwoord": True, "antwoord": "Al geregeld"}
    )
    assert posted["ok"]
    assert posted["note"]["data"] == {}


# --- board order, report, exports -------------------------------------------------------------


@pytest.fixture
def filled(room):
    anna, bram, cas = room["anna"], room["bram"], room["cas"]
    a = post_note(anna, room["vz"], "Hoe lang duurt de overgang naar het nieuwe systeem?")
    b = post_note(anna, room["vz"], "Ik maak me zorgen over de privacy van patiëntgegevens.", category="zorg")
    c = post_note(bram, room["vz"], "Ik verwacht dat we minder overwerken.", category="verwachting")
    d = post_note(bram, room["vz"], "Wie beantwoordt de vragen van de leverancier?")
    for phone, note in ((bram, b), (cas, b), (cas, a), (anna, d), (cas, d)):
        assert steun(phone, room, note["id"])["ok"]
    assert answer(room["fac"], room, d["id"], antwoord="De praktijkmanager, op dinsdag.")["ok"]
    return {"a": a, "b": b, "c": c, "d": d}


def test_sorting_by_support(filled) -> None:
    from workforms.vragen_en_zorgen import split

    notes = [
        {"id": n["id"], "text": n["text"], "hidden": False, "data": d}
        for n, d in (
            (filled["a"], {"steun": 1}),
            (filled["b"], {"steun": 2}),
            (filled["c"], {}),
            (filled["d"], {"steun": 2, "beantwoord": True}),
        )
    ]
    open_items, done = split(notes)
    assert [n["id"] for n in open_items] == [filled["b"]["id"], filled["a"]["id"], filled["c"]["id"]]
    assert [n["id"] for n in done] == [filled["d"]["id"]]


def test_the_report_lists_open_by_support_and_answered_with_the_answer(room, filled, client) -> None:
    pdf = client.get(f"/api/sessions/{room['session']['code']}/report.pdf", headers=bearer(room["session"]))
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.data).split())
    assert "Open (3), meeste steun eerst" in text
    privacy, overgang, overwerken = (
        text.index("privacy van patiëntgegevens"),
        text.index("overgang naar het nieuwe systeem"),
        text.index("minder overwerken"),
    )
    assert privacy < overgang < overwerken, "most support first"
    assert "(+2)" in text and "(+1)" in text
    assert "Beantwoord (1)" in text
    assert "Antwoord: De praktijkmanager, op dinsdag." in text
    assert text.index("Beantwoord (1)") < text.index("De praktijkmanager, op dinsdag")
    assert "Annemarie" not in text and "Bram" not in text


def test_csv_and_json_carry_the_support_and_the_answer(room, filled, client) -> None:
    code = room["session"]["code"]
    body = client.get(f"/api/sessions/{code}/export.csv", headers=bearer(room["session"]))
    assert body.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    by_text = {r["text"]: r for r in rows}
    zorg = by_text["Ik maak me zorgen over de privacy van patiëntgegevens."]
    assert json.loads(zorg["data"])["steun"] == 2
    assert zorg["category"] == "zorg" and zorg["author"] == "" and zorg["anonymous"] == "true"
    answered = json.loads(by_text["Wie beantwoordt de vragen van de leverancier?"]["data"])
    assert answered == {"steun": 2, "beantwoord": True, "antwoord": "De praktijkmanager, op dinsdag."}
    data = client.get(f"/api/sessions/{code}/export.json", headers=bearer(room["session"])).get_json()
    (activity,) = [a for a in data["activities"] if a["workform"] == VZ]
    assert activity["anonymous"] is True
    assert {n["text"]: n["data"].get("steun", 0) for n in activity["notes"]}[
        "Hoe lang duurt de overgang naar het nieuwe systeem?"
    ] == 1
    assert all(n["author"] is None and n["author_id"] is None for n in activity["notes"])
    assert activity["extra"]["open"] + len(activity["extra"]["answered"]) == 4


def test_a_new_question_costs_the_other_phones_a_count_not_the_list(room) -> None:
    """Sized to the change: with 20 items on the board, the next question sends a phone the
    activity's view with the open count and a digest (well under 2 KiB), never the list;
    a phone that shows the list fetches it, without authors or counts."""
    texts = [f"Hoe regelen we de telefonische bereikbaarheid tijdens de overgang, week {n}?" for n in range(20)]
    for n, text in enumerate(texts):  # ten each, the most one person may ask here
        post_note(room["cas"] if n % 2 else room["bram"], room["vz"], text)
    room["bram"].get_received()
    asked = post_note(room["anna"], room["vz"], "Krijgen we scholing voor het nieuwe systeem?")
    (update,) = of(room["bram"].get_received(), "activity:updated")
    extra = update["activity"]["extra"]
    assert extra["open"] == 21 and extra["answered"] == []
    assert "week 3" not in json.dumps(update), "the list is not broadcast"
    assert len(json.dumps(update)) < 2048, len(json.dumps(update))
    listed = room["bram"].emit(f"{VZ}:lijst", {"activity_id": room["vz"]["id"]}, callback=True)
    assert listed["ok"] and len(listed["items"]) == 21
    assert listed["items"][-1] == {
        "id": asked["id"],
        "category": "vraag",
        "text": "Krijgen we scholing voor het nieuwe systeem?",
    }
    # An edit moves the digest, so a phone that shows the list fetches it again.
    assert room["anna"].emit("note:update", {"note_id": asked["id"], "text": "Scholing?"}, callback=True)["ok"]
    (edited,) = of(room["bram"].get_received(), "activity:updated")
    assert edited["activity"]["extra"]["version"] != extra["version"]
