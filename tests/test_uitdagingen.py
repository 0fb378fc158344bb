"""Werkvorm `uitdagingen-en-kansen` over Socket.IO: pink challenges and blue
opportunities, private writing, reveal, grouping, dots, and the report's two areas."""

from __future__ import annotations

import io

import pytest
from conftest import activity_of, new_client_id, received
from drivers import post_note
from pypdf import PdfReader

from workforms.uitdagingen_en_kansen import area_of_group, split_areas

SLUG = "uitdagingen-en-kansen"


def post(phone, activity, text, category):
    return post_note(phone, activity, text, category=category)


def stored_notes(sock, session, activity):
    """Every note of the activity as a newly joined facilitator sees it (sealed ones included)."""
    _fac, ack = sock(session, role="facilitator")
    return [n for n in ack["state"]["notes"] if n["activity_id"] == activity["id"]]


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=[SLUG])
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phones = [sock(session, name=name)[0] for name in ("Anna", "Bram", "Chris")]
    return session, fac, board, phones, activity_of(ack, SLUG)


def test_meta_has_pink_and_blue_and_the_handbooks_phases(room, sock):
    session, _fac, _board, _phones, activity = room
    meta = sock(session, role="board")[1]["state"]["workforms"][SLUG]
    assert meta["title"] == "Uitdagingen en kansen"
    assert [(c["slug"], c["label"], c["colour"]) for c in meta["categories"]] == [
        ("uitdaging", "Uitdaging", "roze"),
        ("kans", "Kans", "blauw"),
    ]
    phases = {p["slug"]: p for p in meta["phases"]}
    assert list(phases) == ["schrijven", "plakken", "stemmen", "bespreken"]
    assert phases["schrijven"]["private"] and phases["schrijven"]["minutes"] == 5
    assert phases["plakken"]["minutes"] == 5 and phases["plakken"]["posting"]
    assert phases["bespreken"]["minutes"] == 20 and not phases["bespreken"]["posting"]
    assert activity["phase"] == "schrijven"
    assert "kansen" in activity["prompt"]


@pytest.mark.parametrize("category", ["trots", "", 7, ["kans"]], ids=["other-format", "empty", "int", "list"])
def test_a_category_the_format_does_not_have_is_refused_and_nothing_stored(room, sock, category):
    session, _fac, board, phones, activity = room
    board.get_received()
    payload = {"activity_id": activity["id"], "client_id": new_client_id(), "text": "Wachttijden", "category": category}
    ack = phones[0].emit("note:add", payload, callback=True)
    assert ack == {"ok": False, "error": "Onbekende soort post-it."}
    assert received(board, "note:added") == []
    assert stored_notes(sock, session, activity) == []


def test_changing_a_note_to_an_unknown_category_is_refused(room, sock):
    session, _fac, _board, phones, activity = room
    note = post(phones[0], activity, "Telefonische bereikbaarheid", "uitdaging")
    ack = phones[0].emit("note:update", {"note_id": note["id"], "category": "trots"}, callback=True)
    assert ack == {"ok": False, "error": "Onbekende soort post-it."}
    assert [n["category"] for n in stored_notes(sock, session, activity)] == ["uitdaging"]


def test_private_writing_then_reveal_group_vote_discuss(room):
    _session, fac, board, (anna, bram, chris), activity = room
    aid = activity["id"]
    pink = post(anna, activity, "Lange wachttijden aan de telefoon", "uitdaging")
    pink2 = post(bram, activity, "Telefoon staat roodgloeiend", "uitdaging")
    blue = post(chris, activity, "Online afspraken maken", "kans")
    # While writing the board counts, but never reads: no text of anyone's note.
    # (It gets the count per category, not the notes: tests/test_sealed.py.)
    counts = [m["activity"]["sealed"] for m in received(board, "activity:updated")]
    assert counts[-1] == {"total": 3, "by_category": {"uitdaging": 2, "kans": 1}}

    assert fac.emit("activity:phase", {"activity_id": aid, "phase": "plakken"}, callback=True)["ok"]
    synced = received(board, "notes:sync")[-1]
    assert {n["text"] for n in synced["notes"]} == {pink["text"], pink2["text"], blue["text"]}

    stacked = fac.emit("note:stack", {"note_id": pink2["id"], "target_note_id": pink["id"]}, callback=True)
    assert stacked["ok"]
    group_id = stacked["group_id"]
    assert fac.emit("group:update", {"group_id": group_id, "name": "Bereikbaarheid"}, callback=True)["ok"]
    groups = received(board, "notes:sync")[-1]["groups"]
    assert groups == [{"id": group_id, "activity_id": aid, "name": "Bereikbaarheid", "top_note_id": pink["id"]}]

    assert fac.emit("activity:phase", {"activity_id": aid, "phase": "stemmen"}, callback=True)["ok"]
    for phone in (anna, bram):
        assert phone.emit("vote:add", {"group_id": group_id}, callback=True)["ok"]
    assert chris.emit("vote:add", {"note_id": blue["id"]}, callback=True)["ok"]
    # No posting while voting or discussing.
    refused = anna.emit(
        "note:add",
        {"activity_id": aid, "client_id": new_client_id(), "text": "Nog eentje", "category": "kans"},
        callback=True,
    )
    assert refused["ok"] is False
    assert fac.emit("activity:phase", {"activity_id": aid, "phase": "bespreken"}, callback=True)["ok"]
    current = received(board, "activity:updated")[-1]["activity"]
    assert current["votes"]["totals"] == {f"g:{group_id}": 2, f"n:{blue['id']}": 1}


def test_a_mixed_group_goes_to_one_area_by_majority_and_challenges_on_a_tie():
    pink = {"category": "uitdaging"}
    blue = {"category": "kans"}
    assert area_of_group([pink, blue, blue]) == "kans"
    assert area_of_group([pink, pink, blue]) == "uitdaging"
    assert area_of_group([pink, blue]) == "uitdaging"
    notes = [
        {"id": 1, "category": "uitdaging", "group_id": 9},
        {"id": 2, "category": "kans", "group_id": 9},
        {"id": 3, "category": "kans", "group_id": 9},
        {"id": 4, "category": "uitdaging", "group_id": None},
        {"id": 5, "category": "kans", "group_id": None},
    ]
    areas = split_areas(notes)
    assert [n["id"] for n in areas["uitdaging"]] == [4]
    assert [n["id"] for n in areas["kans"]] == [1, 2, 3, 5]


def _pdf(client, session) -> str:
    bearer = {"Authorization": f"Bearer {session['facilitator_token']}"}
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer)
    assert response.status_code == 200
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.data)).pages)
    return " ".join(text.split())


def test_report_has_both_areas_groups_votes_and_loose_notes(room, client):
    session, fac, _board, (anna, bram, chris), activity = room
    aid = activity["id"]
    assert fac.emit("activity:phase", {"activity_id": aid, "phase": "plakken"}, callback=True)["ok"]
    a = post(anna, activity, "Lange wachttijden aan de telefoon", "uitdaging")
    b = post(bram, activity, "Telefoon staat roodgloeiend", "uitdaging")
    post(chris, activity, "Werkdruk bij de assistentes", "uitdaging")
    c = post(chris, activity, "Online afspraken maken", "kans")
    post(anna, activity, "Samenwerken met de apotheek <b>", "kans")
    group_id = fac.emit("note:stack", {"note_id": b["id"], "target_note_id": a["id"]}, callback=True)["group_id"]
    fac.emit("group:update", {"group_id": group_id, "name": "Bereikbaarheid"}, callback=True)
    fac.emit("activity:phase", {"activity_id": aid, "phase": "stemmen"}, callback=True)
    anna.emit("vote:add", {"group_id": group_id}, callback=True)
    bram.emit("vote:add", {"group_id": group_id}, callback=True)
    chris.emit("vote:add", {"note_id": c["id"]}, callback=True)
    fac.emit("activity:phase", {"activity_id": aid, "phase": "bespreken"}, callback=True)

    text = _pdf(client, session)
    challenges, opportunities = text.index("Uitdagingen (roze)"), text.index("Kansen (blauw)")
    assert challenges < opportunities
    pink_part, blue_part = text[challenges:opportunities], text[opportunities:]
    assert "Groep: Bereikbaarheid (2 post-its) — 2 stemmen" in pink_part
    for note in ("Lange wachttijden aan de telefoon", "Telefoon staat roodgloeiend", "Werkdruk bij de assistentes"):
        assert note in pink_part and note not in blue_part
    assert "Niet gegroepeerd" in pink_part
    assert "Online afspraken maken" in blue_part and "1 STEM" in blue_part
    assert "Samenwerken met de apotheek <b>" in blue_part


def test_report_of_an_empty_activity_says_so(room, client):
    text = _pdf(client, room[0])
    # Listed once on page 1, no section of its own (issue 20).
    assert "Uitdagingen en kansen Niet behandeld." in text and "Geen post-its" not in text
