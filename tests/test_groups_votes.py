"""Stacking and groups, dot voting, and the phone's pull of the board (notes:list)."""

from __future__ import annotations

import io
import sqlite3

import pytest
from conftest import new_client_id, received
from drivers import post_note as post
from pypdf import PdfReader


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["trots", "toelichting"])
    fac, fac_ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, _ = sock(session, name="Anna")
    bram, _ = sock(session, name="Bram")
    trots = fac_ack["state"]["activities"][0]
    for client in (fac, board, anna, bram):
        client.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "anna": anna,
        "bram": bram,
        "trots": trots["id"],
        "sock": sock,
    }


def phase(room, slug):
    ack = room["fac"].emit("activity:phase", {"activity_id": room["trots"], "phase": slug}, callback=True)
    assert ack["ok"], ack


def group_rows(app):
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute("select id, name from groups").fetchall()
    finally:
        conn.close()


# --- stacking and groups ------------------------------------------------------------------


def test_a_participant_sticks_a_note_onto_a_similar_one(room):
    first = post(room["anna"], room["trots"], "Korte lijnen in het team")
    mine = post(room["bram"], room["trots"], "We lopen makkelijk bij elkaar binnen")
    room["board"].get_received()
    ack = room["bram"].emit("note:stack", {"note_id": mine["id"], "target_note_id": first["id"]}, callback=True)
    assert ack["ok"]
    (sync,) = received(room["board"], "notes:sync")
    grouped = {n["id"]: n["group_id"] for n in sync["notes"]}
    assert grouped[first["id"]] == grouped[mine["id"]] == ack["group_id"]
    # Anna's note, the one Bram stuck his onto, lies on top of the stack.
    top = first["id"]
    assert sync["groups"] == [{"id": ack["group_id"], "activity_id": room["trots"], "name": "", "top_note_id": top}]


def test_posting_straight_onto_a_note_puts_both_in_one_stack(room):
    first = post(room["anna"], room["trots"], "Goede sfeer")
    second = post(room["bram"], room["trots"], "Fijne collega's", stack_on=first["id"])
    assert second["group_id"] is not None
    _board, ack = room["sock"](room["session"], role="board")
    by_id = {n["id"]: n["group_id"] for n in ack["state"]["notes"]}
    assert by_id[first["id"]] == by_id[second["id"]] == second["group_id"]


def test_participants_regroup_only_their_own_notes_and_only_while_sticking(room):
    annas = post(room["anna"], room["trots"], "Van Anna")
    brams = post(room["bram"], room["trots"], "Van Bram")
    refused = room["bram"].emit("note:stack", {"note_id": annas["id"], "target_note_id": brams["id"]}, callback=True)
    assert refused["ok"] is False
    phase(room, "bespreken")
    late = room["bram"].emit("note:stack", {"note_id": brams["id"], "target_note_id": annas["id"]}, callback=True)
    assert late["ok"] is False and late["error"]
    # The facilitator can regroup in any phase.
    assert room["fac"].emit("note:stack", {"note_id": brams["id"], "target_note_id": annas["id"]}, callback=True)["ok"]


def test_no_stacking_onto_a_sealed_note_or_across_activities_or_sessions(room, make_session, sock):
    phase(room, "schrijven")
    sealed = post(room["anna"], room["trots"], "Nog privé")
    mine = post(room["bram"], room["trots"], "Ook privé")
    for who in (room["bram"], room["fac"]):
        ack = who.emit("note:stack", {"note_id": mine["id"], "target_note_id": sealed["id"]}, callback=True)
        assert ack["ok"] is False
    phase(room, "plakken")
    other = make_session(title="Andere praktijk")
    stranger, stranger_ack = sock(other, name="Onbekend")
    foreign = post(stranger, stranger_ack["state"]["activities"][0]["id"], "Elders")
    ack = room["fac"].emit("note:stack", {"note_id": mine["id"], "target_note_id": foreign["id"]}, callback=True)
    assert ack["ok"] is False
    ack = room["bram"].emit(
        "note:add",
        {"activity_id": room["trots"], "client_id": new_client_id(), "text": "x", "stack_on": foreign["id"]},
        callback=True,
    )
    assert ack["ok"] is False


def test_facilitator_names_and_dissolves_a_group(app, room):
    a = post(room["anna"], room["trots"], "Een")
    b = post(room["bram"], room["trots"], "Twee", stack_on=a["id"])
    group_id = b["group_id"]
    room["board"].get_received()
    assert room["fac"].emit("group:update", {"group_id": group_id, "name": "Samenwerking"}, callback=True)["ok"]
    (sync,) = received(room["board"], "notes:sync")
    assert sync["groups"][0]["name"] == "Samenwerking"
    assert room["anna"].emit("group:update", {"group_id": group_id, "name": "Mijn naam"}, callback=True)["ok"] is False
    assert room["fac"].emit("group:delete", {"group_id": group_id}, callback=True)["ok"]
    assert group_rows(app) == []
    _board, ack = room["sock"](room["session"], role="board")
    assert all(n["group_id"] is None for n in ack["state"]["notes"])


def test_a_stack_of_one_dissolves_but_a_named_group_stays(app, room):
    a = post(room["anna"], room["trots"], "Een")
    b = post(room["bram"], room["trots"], "Twee", stack_on=a["id"])
    assert room["bram"].emit("note:unstack", {"note_id": b["id"]}, callback=True)["ok"]
    assert group_rows(app) == []
    c = post(room["bram"], room["trots"], "Drie", stack_on=a["id"])
    room["fac"].emit("group:update", {"group_id": c["group_id"], "name": "Blijft"}, callback=True)
    assert room["fac"].emit("note:unstack", {"note_id": c["id"]}, callback=True)["ok"]
    assert group_rows(app) == [(c["group_id"], "Blijft")]


def test_deleting_a_note_of_a_stack_of_two_dissolves_the_stack(app, room):
    a = post(room["anna"], room["trots"], "Een")
    b = post(room["bram"], room["trots"], "Twee", stack_on=a["id"])
    assert room["bram"].emit("note:delete", {"note_id": b["id"]}, callback=True)["ok"]
    assert group_rows(app) == []


def test_unknown_groups_are_refused(room, make_session, sock):
    note = post(room["anna"], room["trots"], "Een")
    assert room["fac"].emit("group:update", {"group_id": 999, "name": "x"}, callback=True)["ok"] is False
    assert room["fac"].emit("group:delete", {"group_id": "1"}, callback=True)["ok"] is False
    assert room["fac"].emit("note:stack", {"note_id": note["id"], "group_id": 999}, callback=True)["ok"] is False
    assert room["anna"].emit("note:unstack", {"note_id": note["id"]}, callback=True)["ok"] is False


# --- dot voting -----------------------------------------------------------------------------


def test_voting_only_in_the_voting_phase(room):
    note = post(room["anna"], room["trots"], "Een")
    refused = room["bram"].emit("vote:add", {"note_id": note["id"]}, callback=True)
    assert refused["ok"] is False and "stem" in refused["error"].lower()


def test_three_dots_each_at_most_three_on_one_item(room):
    note = post(room["anna"], room["trots"], "Een")
    other = post(room["anna"], room["trots"], "Twee")
    phase(room, "stemmen")
    acks = [room["bram"].emit("vote:add", {"note_id": note["id"]}, callback=True) for _ in range(3)]
    assert [a["votes_left"] for a in acks] == [2, 1, 0]
    fourth = room["bram"].emit("vote:add", {"note_id": other["id"]}, callback=True)
    assert fourth["ok"] is False and "3 stemmen" in fourth["error"]
    back = room["bram"].emit("vote:remove", {"note_id": note["id"]}, callback=True)
    assert back["ok"] and back["votes_left"] == 1 and back["my_votes"] == {f"n:{note['id']}": 2}
    assert room["bram"].emit("vote:remove", {"note_id": other["id"]}, callback=True)["ok"] is False


def test_totals_stay_hidden_until_voting_closes_then_everyone_gets_them(room):
    note = post(room["anna"], room["trots"], "Een")
    phase(room, "stemmen")
    room["board"].get_received()
    room["anna"].emit("vote:add", {"note_id": note["id"]}, callback=True)
    room["bram"].emit("vote:add", {"note_id": note["id"]}, callback=True)
    progress = received(room["board"], "votes:progress")
    assert progress[-1] == {"activity_id": room["trots"], "cast": 2, "voters": 2}
    _board, ack = room["sock"](room["session"], role="board")
    during = next(a for a in ack["state"]["activities"] if a["id"] == room["trots"])["votes"]
    assert during["totals"] is None and during["cast"] == 2
    room["board"].get_received()
    phase(room, "bespreken")
    (changed,) = received(room["board"], "activity:updated")
    assert changed["activity"]["votes"]["totals"] == {f"n:{note['id']}": 2}


def test_a_dot_on_a_grouped_note_counts_for_the_group_and_leaves_with_it(room):
    a = post(room["anna"], room["trots"], "Een")
    b = post(room["bram"], room["trots"], "Twee", stack_on=a["id"])
    phase(room, "stemmen")
    ack = room["anna"].emit("vote:add", {"note_id": a["id"]}, callback=True)
    assert ack["my_votes"] == {f"g:{b['group_id']}": 1}
    assert room["bram"].emit("vote:add", {"group_id": b["group_id"]}, callback=True)["ok"]
    room["fac"].emit("group:delete", {"group_id": b["group_id"]}, callback=True)
    listed = room["anna"].emit("notes:list", {"activity_id": room["trots"]}, callback=True)
    assert listed["my_votes"] == {}


def test_facilitator_and_board_do_not_vote(room):
    note = post(room["anna"], room["trots"], "Een")
    phase(room, "stemmen")
    for client in (room["fac"], room["board"]):
        assert client.emit("vote:add", {"note_id": note["id"]}, callback=True)["ok"] is False


# --- the phone's pull -------------------------------------------------------------------------


def test_notes_list_shows_the_board_view_without_private_notes(room):
    shown = post(room["anna"], room["trots"], "Op het bord")
    phase(room, "schrijven")
    post(room["anna"], room["trots"], "Geheim van Anna")
    listed = room["bram"].emit("notes:list", {"activity_id": room["trots"]}, callback=True)
    assert listed["ok"]
    assert [n["text"] for n in listed["notes"]] == ["Op het bord"]
    assert "Geheim van Anna" not in str(listed)
    assert listed["notes"][0]["mine"] is False and listed["notes"][0]["author_name"] == ""
    own = room["anna"].emit("notes:list", {"activity_id": room["trots"]}, callback=True)
    assert [n["mine"] for n in own["notes"] if n["id"] == shown["id"]] == [True]


def test_a_private_note_never_reaches_another_phone_or_the_board_on_the_wire(room):
    phase(room, "schrijven")
    for client in (room["board"], room["bram"]):
        client.get_received()
    post(room["anna"], room["trots"], "Strikt persoonlijk")
    assert "Strikt persoonlijk" not in str(room["board"].get_received())
    assert "Strikt persoonlijk" not in str(room["bram"].get_received())


# --- report ---------------------------------------------------------------------------------


def test_report_shows_groups_by_votes_and_their_names(room, client):
    a = post(room["anna"], room["trots"], "Samen lunchen")
    b = post(room["bram"], room["trots"], "Koffie om tien", stack_on=a["id"])
    lone = post(room["bram"], room["trots"], "Eigen parkeerplaats")
    room["fac"].emit("group:update", {"group_id": b["group_id"], "name": "Gezelligheid"}, callback=True)
    phase(room, "stemmen")
    room["anna"].emit("vote:add", {"group_id": b["group_id"]}, callback=True)
    room["bram"].emit("vote:add", {"note_id": lone["id"]}, callback=True)
    room["bram"].emit("vote:add", {"note_id": lone["id"]}, callback=True)
    session = room["session"]
    pdf = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Groep: Gezelligheid (2 post-its) — 1 stem" in text
    assert "2 STEMMEN" in text
    # In the section (page 1's summary names the top items first): groups, then the loose notes.
    section = text[text.index("Groep: Gezelligheid") :]
    assert section.index("Gezelligheid") < section.index("Niet gegroepeerd") < section.index("Eigen parkeerplaats")


# --- spotlight on groups and people ------------------------------------------------------------


def test_spotlight_on_a_group(room):
    a = post(room["anna"], room["trots"], "Een")
    b = post(room["bram"], room["trots"], "Twee", stack_on=a["id"])
    room["board"].get_received()
    assert room["fac"].emit("spotlight:set", {"group_id": b["group_id"]}, callback=True)["ok"]
    (spot,) = received(room["board"], "spotlight:changed")
    assert spot["spotlight"] == {"activity_id": room["trots"], "group_id": b["group_id"]}
    assert room["anna"].emit("spotlight:set", {"group_id": b["group_id"]}, callback=True)["ok"] is False


def test_spotlight_on_a_person_needs_names_on(room):
    note = post(room["anna"], room["trots"], "Van Anna")
    person = {"activity_id": room["trots"], "participant_id": note["author_id"]}
    refused = room["fac"].emit("spotlight:set", person, callback=True)
    assert refused["ok"] is False and "anoniem" in refused["error"]
    room["fac"].emit("activity:update", {"activity_id": room["trots"], "anonymous": False}, callback=True)
    room["board"].get_received()
    assert room["fac"].emit("spotlight:set", person, callback=True)["ok"]
    (spot,) = received(room["board"], "spotlight:changed")
    assert spot["spotlight"]["participant_id"] == note["author_id"]
    nobody = room["fac"].emit("spotlight:set", {"activity_id": room["trots"], "participant_id": 999}, callback=True)
    assert nobody["ok"] is False


def test_facilitator_sets_the_number_of_dots_per_activity(room):
    note = post(room["anna"], room["trots"], "Een")
    ack = room["fac"].emit("activity:update", {"activity_id": room["trots"], "votes_per_participant": 1}, callback=True)
    assert ack["ok"]
    phase(room, "stemmen")
    first = room["bram"].emit("vote:add", {"note_id": note["id"]}, callback=True)
    assert first["ok"] and first["votes_left"] == 0
    assert room["bram"].emit("vote:add", {"note_id": note["id"]}, callback=True)["ok"] is False
    _phone, phone_ack = room["sock"](room["session"], name="Cor")
    limits = next(a for a in phone_ack["state"]["activities"] if a["id"] == room["trots"])["voting"]
    assert limits == {"per_person": 1, "per_item": 1}


@pytest.mark.parametrize("value", [0, 21, "3", 2.5, True, None])
def test_nonsense_dot_settings_are_refused(room, value):
    ack = room["fac"].emit(
        "activity:update", {"activity_id": room["trots"], "votes_per_participant": value}, callback=True
    )
    assert ack["ok"] is False


def test_participants_cannot_change_the_dot_settings(room):
    ack = room["anna"].emit(
        "activity:update", {"activity_id": room["trots"], "votes_per_participant": 10}, callback=True
    )
    assert ack["ok"] is False


def test_no_grouping_across_activities_of_one_session(make_session, sock):
    session = make_session(agenda=["trots", "trots"])
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session)
    first, second = (a["id"] for a in ack["state"]["activities"])
    here = post(phone, first, "Hier")
    there = post(phone, second, "Daar")
    for client in (fac, phone):
        refused = client.emit("note:stack", {"note_id": here["id"], "target_note_id": there["id"]}, callback=True)
        assert refused["ok"] is False
    stacked = there["id"]
    other_group = post(phone, second, "Daar ook", stack_on=stacked)["group_id"]
    refused = fac.emit("note:stack", {"note_id": here["id"], "group_id": other_group}, callback=True)
    assert refused["ok"] is False
