"""Private writing is not linkable (issue 18, finding 11).

While a private phase runs, the board (anyone with the join code can open it) and the
other phones learn how many notes are written, never which: no id, no time, no event
per note beyond the count. After the reveal the board gets every note with its text, in
an order and with ids that do not follow the order of the taps, and without times. So
whoever watched who tapped "send" when cannot map the texts to their writers.

Every event and ack the board and an onlooking phone receive is collected and searched
for the sealed notes' ids and times.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import activity_of
from drivers import bearer, post_note

from app.notes import SEALED_ID_MIN

TEXTS = {
    "Anna": ["Onze assistentes vangen elke ochtend de drukte op", "De samenwerking met de apotheek loopt goed"],
    "Bram": ["Iedereen springt bij als er iemand ziek is", "Patiënten noemen ons persoonlijk en betrokken"],
    "Chris": ["We hebben de griepprik in twee dagen gedaan", "De POH-GGZ heeft bijna geen wachtlijst"],
}


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["trots"])
    fac, ack = sock(session, role="facilitator")
    activity = activity_of(ack)
    assert fac.emit("activity:phase", {"activity_id": activity["id"], "phase": "schrijven"}, callback=True)["ok"]
    board, board_ack = sock(session, role="board")
    phones = {name: sock(session, name=name)[0] for name in TEXTS}
    onlooker, onlooker_ack = sock(session, name="Dirk")
    for client in (fac, board, onlooker, *phones.values()):
        client.get_received()
    return {
        "session": session,
        "sock": sock,
        "fac": fac,
        "board": board,
        "phones": phones,
        "onlooker": onlooker,
        "activity": activity,
        "seen": {"board": [board_ack], "onlooker": [onlooker_ack]},
    }


def write_all(room: dict[str, Any]) -> list[dict[str, Any]]:
    """Each phone posts its notes, turn by turn; returns the stored notes in posting order."""
    posted = []
    for round_ in range(2):
        for name, phone in room["phones"].items():
            note = post_note(phone, room["activity"], TEXTS[name][round_])
            assert note["sealed"] is True
            posted.append(note)
    return posted


def collect(room: dict[str, Any]) -> None:
    """What the board and the onlooking phone received since the last call, in room["seen"]."""
    room["seen"]["board"] += room["board"].get_received()
    room["seen"]["onlooker"] += room["onlooker"].get_received()


def leaks(received: list[Any], notes: list[dict[str, Any]]) -> list[str]:
    """The ids and times of ``notes`` found anywhere in what was received."""
    wire = json.dumps(received, default=str)
    found = [f"id {n['id']}" for n in notes if str(n["id"]) in wire]
    found += [f"created_at {n['created_at']}" for n in notes if n["created_at"] in wire]
    found += [f"text {n['text']!r}" for n in notes if n["text"] in wire]
    return found


def test_private_writing_sends_board_and_phones_counts_only(room):
    posted = write_all(room)
    collect(room)
    # Edits and a delete of sealed notes: still nothing about which note.
    anna, bram = room["phones"]["Anna"], room["phones"]["Bram"]
    assert anna.emit("note:update", {"note_id": posted[0]["id"], "text": "Onze assistentes zijn top"}, callback=True)[
        "ok"
    ]
    assert bram.emit("note:delete", {"note_id": posted[1]["id"]}, callback=True)["ok"]
    collect(room)
    # A board that joins now, and the onlooker's pull of the notes to stack or vote on.
    _late, late_ack = room["sock"](room["session"], role="board")
    room["seen"]["board"].append(late_ack)
    room["seen"]["onlooker"].append(
        room["onlooker"].emit("notes:list", {"activity_id": room["activity"]["id"]}, callback=True)
    )
    for who in ("board", "onlooker"):
        assert leaks(room["seen"][who], posted) == [], who
    # Each writer's phone sees its own notes and nobody else's.
    chris_got = room["phones"]["Chris"].get_received()
    own_times = {n["created_at"] for n in posted if n["author_name"] == "Chris"}
    # (Another note written in the same millisecond as one of Chris's shares its time.)
    others = [n for n in posted if n["author_name"] != "Chris" and n["created_at"] not in own_times]
    assert leaks(chris_got, others) == []
    assert not any(m["name"] == "note:added" and m["args"][0]["note"]["author_name"] != "Chris" for m in chris_got)
    # What the board does get: the number per category, as the count moved.
    counts = [
        m["args"][0]["activity"]["sealed"]["total"]
        for m in room["seen"]["board"]
        if m.get("name") == "activity:updated"
    ]
    assert counts[:6] == [1, 2, 3, 4, 5, 6] and counts[-1] == 5
    assert late_ack["state"]["notes"] == []
    assert late_ack["state"]["activities"][0]["sealed"] == {"total": 5, "by_category": {"trots": 5}}


def test_an_early_reveal_shows_that_note_only(room):
    posted = write_all(room)
    stuck = posted[2]
    ack = room["phones"]["Chris"].emit("note:reveal", {"note_id": stuck["id"]}, callback=True)
    assert ack["ok"]
    collect(room)
    shown = [m["args"][0]["note"] for m in room["seen"]["board"] if m.get("name") == "note:updated"]
    assert [(n["id"], n["text"], n["created_at"]) for n in shown] == [(stuck["id"], stuck["text"], None)]
    still_sealed = [n for n in posted if n["id"] != stuck["id"]]
    assert leaks(room["seen"]["board"], still_sealed) == []
    assert leaks(room["seen"]["onlooker"], posted) == []


def test_the_reveal_gives_the_board_every_note_in_no_tell_tale_order(room):
    posted = write_all(room)
    collect(room)
    activity_id = room["activity"]["id"]
    assert room["fac"].emit("activity:phase", {"activity_id": activity_id, "phase": "plakken"}, callback=True)["ok"]
    (sync,) = [m["args"][0] for m in room["board"].get_received() if m["name"] == "notes:sync"]
    assert sync["activity_id"] == activity_id
    assert sorted(n["text"] for n in sync["notes"]) == sorted(n["text"] for n in posted)
    assert not any(n["sealed"] for n in sync["notes"])
    # No times, and ids that are not the posting order: nothing to match against the taps.
    assert all(n["created_at"] is None and n["updated_at"] is None for n in sync["notes"])
    assert all(n["id"] >= SEALED_ID_MIN for n in posted)
    # Random draws from a band of 2**52, not the next numbers (which would rank the taps).
    ids = [n["id"] for n in posted]
    assert len(set(ids)) == len(ids) and max(ids) - min(ids) > 2**20
    # A board that joins after the reveal sees the same.
    _late, late_ack = room["sock"](room["session"], role="board")
    assert sorted(n["text"] for n in late_ack["state"]["notes"]) == sorted(n["text"] for n in posted)
    assert all(n["created_at"] is None for n in late_ack["state"]["notes"])
    assert late_ack["state"]["activities"][0]["sealed"] is None


def test_open_notes_keep_counting_below_the_sealed_band(room):
    write_all(room)
    activity_id = room["activity"]["id"]
    assert room["fac"].emit("activity:phase", {"activity_id": activity_id, "phase": "plakken"}, callback=True)["ok"]
    first = post_note(room["phones"]["Anna"], room["activity"], "Na het onthullen geplakt")
    second = post_note(room["phones"]["Bram"], room["activity"], "En nog een")
    assert first["id"] < SEALED_ID_MIN and second["id"] == first["id"] + 1


def test_exports_of_an_anonymous_activity_carry_no_times_of_notes_written_in_private(room, client):
    activity_id = room["activity"]["id"]
    update = {"activity_id": activity_id, "anonymous": True}
    assert room["fac"].emit("activity:update", update, callback=True)["ok"]
    posted = write_all(room)
    assert room["fac"].emit("activity:phase", {"activity_id": activity_id, "phase": "plakken"}, callback=True)["ok"]
    later = post_note(room["phones"]["Anna"], room["activity"], "Na het onthullen geplakt")
    session = room["session"]
    headers = bearer(session)
    exported = client.get(f"/api/sessions/{session['code']}/export.json", headers=headers).get_json()
    notes = {n["text"]: n for a in exported["activities"] for n in a["notes"]}
    assert {n["text"] for n in posted} < set(notes)
    assert all(notes[n["text"]]["created_at"] is None for n in posted)
    assert notes[later["text"]]["created_at"] == later["created_at"]
    csv_text = client.get(f"/api/sessions/{session['code']}/export.csv", headers=headers).data.decode("utf-8-sig")
    assert not any(n["created_at"] in csv_text for n in posted)
