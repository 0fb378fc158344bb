"""Private writing (schrijven): notes reach only their author and the facilitator;
the board counts them; moving on reveals them all; a participant may stick one early.
Also the facilitator's per-activity anonymity switch."""

from __future__ import annotations

import io

import pytest
from conftest import app_config, received
from drivers import post_note
from pypdf import PdfReader

from app import create_app
from app.registry import discover
from app.workform import BESPREKEN, PLAKKEN, SCHRIJVEN, Category, Workform


class Schrijftest(Workform):
    slug = "schrijftest"
    title = {"nl": "Schrijftest", "en": "Writing test"}
    phases = (SCHRIJVEN, PLAKKEN, BESPREKEN)
    categories = (Category("probleem", "Uitdaging", "roze"), Category("kans", "Kans", "blauw"))


@pytest.fixture
def app(tmp_path):
    registry = discover()
    registry.register(Schrijftest, origin="test")
    application = create_app(app_config(tmp_path, REGISTRY=registry))
    yield application
    application.extensions["flipover.store"].close()


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["schrijftest"])
    fac, fac_ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, anna_ack = sock(session, name="Anna")
    bram, _ = sock(session, name="Bram")
    activity_id = fac_ack["state"]["activities"][0]["id"]
    assert fac_ack["state"]["activities"][0]["phase"] == "schrijven"
    for client in (fac, board, anna, bram):
        client.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "anna": anna,
        "bram": bram,
        "activity_id": activity_id,
        "anna_id": anna_ack["me"]["id"],
        "sock": sock,
    }


def post(client, activity_id, text, category="probleem"):
    return post_note(client, activity_id, text, category=category)


def test_board_counts_but_cannot_read_private_notes(room):
    mine = post(room["anna"], room["activity_id"], "Geheime zorg over de planning", "kans")
    assert mine["sealed"] is True and mine["text"] == "Geheime zorg over de planning"
    # The board gets the count per category, never the note (docs/privacy.md).
    got = room["board"].get_received()
    assert [m for m in got if m["name"].startswith("note")] == []
    (update,) = [m["args"][0]["activity"] for m in got if m["name"] == "activity:updated"]
    assert update["sealed"] == {"total": 1, "by_category": {"kans": 1}}
    (for_fac,) = [m["note"] for m in received(room["fac"], "note:added")]
    assert for_fac["text"] == "Geheime zorg over de planning"
    assert received(room["bram"], "note:added") == []


def test_a_board_joining_mid_phase_gets_a_count_only(room):
    post(room["anna"], room["activity_id"], "Nog even voor mezelf")
    _late_board, ack = room["sock"](room["session"], role="board")
    assert ack["state"]["notes"] == []
    assert ack["state"]["activities"][0]["sealed"] == {"total": 1, "by_category": {"probleem": 1}}


def test_moving_to_plakken_reveals_every_note_to_the_board(room):
    post(room["anna"], room["activity_id"], "Te weinig tijd per patiënt")
    post(room["bram"], room["activity_id"], "Digitale triage", "kans")
    room["board"].get_received()
    ack = room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "plakken"}, callback=True)
    assert ack["ok"]
    (sync,) = received(room["board"], "notes:sync")
    assert sync["activity_id"] == room["activity_id"]
    assert sorted(n["text"] for n in sync["notes"]) == ["Digitale triage", "Te weinig tijd per patiënt"]
    assert not any(n["sealed"] for n in sync["notes"])


def test_moving_between_two_open_phases_sends_no_sync(room):
    room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "plakken"}, callback=True)
    room["board"].get_received()
    room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "bespreken"}, callback=True)
    assert received(room["board"], "notes:sync") == []


def test_a_participant_may_stick_one_note_early(room):
    kept = post(room["anna"], room["activity_id"], "Nog privé")
    stuck = post(room["anna"], room["activity_id"], "Deze mag iedereen zien")
    room["board"].get_received()
    ack = room["anna"].emit("note:reveal", {"note_id": stuck["id"]}, callback=True)
    assert ack["ok"] and ack["note"]["sealed"] is False
    (update,) = [m["note"] for m in received(room["board"], "note:updated")]
    assert update["id"] == stuck["id"] and update["text"] == "Deze mag iedereen zien"
    _board, board_ack = room["sock"](room["session"], role="board")
    texts = {n["id"]: n["text"] for n in board_ack["state"]["notes"]}
    assert texts == {stuck["id"]: "Deze mag iedereen zien"}
    assert kept["id"] not in texts
    assert board_ack["state"]["activities"][0]["sealed"]["total"] == 1


def test_only_the_author_sticks_and_only_while_private(room):
    note = post(room["anna"], room["activity_id"], "Van Anna")
    refused = room["bram"].emit("note:reveal", {"note_id": note["id"]}, callback=True)
    assert refused["ok"] is False
    assert room["fac"].emit("note:reveal", {"note_id": note["id"]}, callback=True)["ok"] is False
    room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "plakken"}, callback=True)
    late = room["anna"].emit("note:reveal", {"note_id": note["id"]}, callback=True)
    assert late["ok"] is False and late["error"]


def test_a_sealed_note_cannot_go_in_the_spotlight(room):
    note = post(room["anna"], room["activity_id"], "Nog niet voor het scherm")
    refused = room["fac"].emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    assert refused["ok"] is False
    assert received(room["board"], "spotlight:changed") == []


def test_report_has_notes_that_were_never_revealed(room, client):
    post(room["anna"], room["activity_id"], "Nooit onthuld maar wel gezegd")
    session = room["session"]
    pdf = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Nooit onthuld maar wel gezegd" in text


def test_switching_anonymity_resends_notes_with_or_without_names(room):
    post(room["anna"], room["activity_id"], "Met naam graag")
    room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "plakken"}, callback=True)
    room["board"].get_received()
    ack = room["fac"].emit("activity:update", {"activity_id": room["activity_id"], "anonymous": False}, callback=True)
    assert ack["ok"]
    (sync,) = received(room["board"], "notes:sync")
    assert [n["author_name"] for n in sync["notes"]] == ["Anna"]
    room["fac"].emit("activity:update", {"activity_id": room["activity_id"], "anonymous": True}, callback=True)
    (sync,) = received(room["board"], "notes:sync")
    assert [n["author_name"] for n in sync["notes"]] == [""]


def test_anonymity_must_be_a_boolean_and_is_facilitator_only(room):
    bad = room["fac"].emit("activity:update", {"activity_id": room["activity_id"], "anonymous": "nee"}, callback=True)
    assert bad["ok"] is False
    refused = room["anna"].emit(
        "activity:update", {"activity_id": room["activity_id"], "anonymous": False}, callback=True
    )
    assert refused["ok"] is False


def test_a_note_moves_to_another_category_and_unknown_ones_are_refused(room):
    room["fac"].emit("activity:phase", {"activity_id": room["activity_id"], "phase": "plakken"}, callback=True)
    note = post(room["anna"], room["activity_id"], "Eigenlijk een kans", "probleem")
    room["board"].get_received()
    moved = room["fac"].emit("note:update", {"note_id": note["id"], "category": "kans"}, callback=True)
    assert moved["ok"] and moved["note"]["category"] == "kans"
    (update,) = [m["note"] for m in received(room["board"], "note:updated")]
    assert update["category"] == "kans"
    for bad in ("trots", "", None, 3):
        ack = room["fac"].emit("note:update", {"note_id": note["id"], "category": bad}, callback=True)
        assert ack["ok"] is False
