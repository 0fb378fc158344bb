"""A participant's function (issue 21, part 2): optional at join, stored per participant,
seen per person by the facilitator only, counted on the report's cover and in the JSON
export; and the work format `per-functie` that files every note under its poster's
function (a column per function on the board, a part per function in the PDF)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import activity_of, received
from drivers import bearer, pdf_words, post_note, try_note

from app import functions
from workforms.per_functie import UNKNOWN, by_function, function_of

SLUG = "per-functie"
UNKNOWN_FUNCTION = "Onbekende functie. Kies een functie uit de lijst, of laat het veld leeg."


def drain(*clients):
    for c in clients:
        c.get_received()


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=[SLUG, "trots"])
    fac, fac_ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, anna_ack = sock(session, name="Anna", function="huisarts")
    bram, bram_ack = sock(session, name="Bram", function="poh")
    chris, chris_ack = sock(session, name="Chris")
    acks = {"anna": anna_ack, "bram": bram_ack, "chris": chris_ack}
    return session, fac, board, (anna, bram, chris), acks, activity_of(fac_ack, SLUG)


# --- joining with a function --------------------------------------------------------------


def test_the_function_list_is_the_practices_roles_plus_anders():
    assert functions.KEYS == ("huisarts", "doktersassistent", "poh", "praktijkmanager", "praktijkhouder", "anders")
    assert [o["label"] for o in functions.options()] == [
        "Huisarts",
        "Doktersassistent",
        "POH",
        "Praktijkmanager",
        "Praktijkhouder",
        "Anders",
    ]


def test_join_with_a_function_stores_it_and_the_phone_sees_its_own(room):
    _session, _fac, _board, _phones, acks, _activity = room
    assert acks["anna"]["me"]["function"] == "huisarts"
    assert acks["bram"]["me"]["function"] == "poh"
    assert acks["chris"]["me"]["function"] is None


@pytest.mark.parametrize("function", ["tandarts", 7, ["poh"], "huisarts; drop table"], ids=str)
def test_an_unknown_function_is_refused_and_nobody_is_created(make_session, sock, client, function):
    session = make_session()
    _phone, ack = sock(session, name="Dirk", function=function)
    assert ack == {"ok": False, "error": UNKNOWN_FUNCTION}
    state = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    assert state["participants"] == 0 and state["participant_list"] == []


@pytest.mark.parametrize("function", ["", None], ids=["empty", "null"])
def test_an_empty_function_is_none(make_session, sock, function):
    session = make_session()
    _phone, ack = sock(session, name="Eva", function=function)
    assert ack["ok"] and ack["me"]["function"] is None


def test_a_rejoin_keeps_the_function_and_may_change_it(room, sock):
    session, _fac, _board, _phones, acks, _activity = room
    _again, ack = sock(session, token=acks["anna"]["token"])
    assert ack["me"] == {"id": acks["anna"]["me"]["id"], "name": "Anna", "function": "huisarts"}
    _again, ack = sock(session, token=acks["anna"]["token"], function="praktijkhouder")
    assert ack["me"]["function"] == "praktijkhouder"


def test_the_facilitator_state_and_api_list_functions_per_person_and_count_them(room, sock, client):
    session, _fac, _board, _phones, acks, _activity = room
    expected = [
        {"id": acks["anna"]["me"]["id"], "name": "Anna", "function": "huisarts"},
        {"id": acks["bram"]["me"]["id"], "name": "Bram", "function": "poh"},
        {"id": acks["chris"]["me"]["id"], "name": "Chris", "function": None},
    ]
    _fac, ack = sock(session, role="facilitator")
    api = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    for state in (ack["state"], api):
        assert state["participant_list"] == expected
        assert state["functions"] == {"huisarts": 1, "poh": 1}


def test_boards_and_phones_never_get_functions_per_person(room, sock):
    session, fac, board, (anna, _bram, _chris), _acks, _activity = room
    drain(fac, board, anna)
    _board2, board_ack = sock(session, role="board")
    _phone, phone_ack = sock(session, name="Dirk", function="praktijkmanager")
    for state in (board_ack["state"], phone_ack["state"]):
        assert "participant_list" not in state and "functions" not in state
        assert "Anna" not in json.dumps(state)
    # The join that just happened: the board gets counts, the facilitator who is who.
    (to_board,) = received(board, "presence")
    assert to_board == {"participants": 4, "online": 4}
    (to_fac,) = received(fac, "presence")
    assert to_fac["functions"] == {"huisarts": 1, "poh": 1, "praktijkmanager": 1}
    assert to_fac["participant"] == {"id": phone_ack["me"]["id"], "name": "Dirk", "function": "praktijkmanager"}
    assert "participant_list" not in to_fac  # sized to the change: one person, not the room
    assert received(anna, "presence") == []


def test_a_join_costs_the_facilitator_the_same_in_a_small_and_a_large_room(room, sock):
    """Presence to the facilitator carries the one who joined, not the list: its size does
    not grow with the room (issue 22: O(1) per join)."""
    session, fac, _board, _phones, _acks, _activity = room
    sizes = []
    for number in range(30):
        drain(fac)
        sock(session, name=f"Deelnemer {number:02d}", function="doktersassistent")
        (to_fac,) = received(fac, "presence")
        sizes.append(len(json.dumps(to_fac)))
    assert max(sizes) - min(sizes) <= 8, sizes  # only the counts' digits grow


# --- the report's cover and the JSON export ---------------------------------------------------


def test_the_cover_counts_functions_and_the_json_export_has_them(room, client):
    session, *_ = room
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert pdf.status_code == 200
    assert "Functies Huisarts: 1, POH: 1" in pdf_words(pdf.data)
    exported = client.get(f"/api/sessions/{session['code']}/export.json", headers=bearer(session)).get_json()
    assert exported["participant_functions"] == {"huisarts": 1, "poh": 1}
    assert exported["participants_count"] == 3


def test_no_functions_line_when_nobody_gave_one(make_session, sock, client):
    session = make_session()
    sock(session, name="Anna")
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert "Deelnemers 1" in pdf_words(pdf.data)
    assert "Functies" not in pdf_words(pdf.data)
    exported = client.get(f"/api/sessions/{session['code']}/export.json", headers=bearer(session)).get_json()
    assert exported["participant_functions"] == {}


# --- the work format per-functie ------------------------------------------------------------


def test_meta_two_kinds_in_design_colours_no_stacking_and_the_handbooks_question(room, sock):
    session, *_rest, activity = room
    meta = sock(session, role="board")[1]["state"]["workforms"][SLUG]
    assert meta["title"] == "Wat betekent dit voor jouw functie?"
    assert [(c["slug"], c["label"], c["colour"]) for c in meta["categories"]] == [
        ("impact", "Wat verandert er voor mijn functie?", "blauw"),
        ("nodig", "Wat heb ik nodig?", "groen"),
    ]
    assert meta["stacking"] is False
    assert [p["slug"] for p in meta["phases"]] == ["plakken", "bespreken"]
    assert activity["prompt"].startswith("Wat betekent de realisatie van de voorgestelde oplossingsrichting")


def test_a_note_is_filed_under_the_posters_own_function_whatever_the_phone_sends(room):
    *_rest, (anna, bram, _chris), _acks, activity = room
    note = post_note(anna, activity, "Minder spreekuur, meer overleg", category="impact", data={"function": "poh"})
    assert note["data"] == {"function": "huisarts"}
    note = post_note(bram, activity, "Scholing in het nieuwe systeem", category="nodig")
    assert note["data"] == {"function": "poh"}


def test_without_a_function_the_phone_may_pick_one_or_none(room):
    *_rest, (_anna, _bram, chris), _acks, activity = room
    picked = post_note(chris, activity, "Rustiger telefoonlijn", category="impact", data={"function": "poh"})
    assert picked["data"] == {"function": "poh"}
    assert post_note(chris, activity, "Tijd om te leren", category="nodig")["data"] == {}
    ack = try_note(chris, activity, "Een nep-functie", category="nodig", data={"function": "tandarts"})
    assert ack == {"ok": False, "error": UNKNOWN_FUNCTION}


def test_the_board_gets_notes_with_their_function_and_which_functions_joined_never_who(room, sock):
    session, _fac, board, (anna, _bram, _chris), _acks, activity = room
    drain(board)
    post_note(anna, activity, "Meer tijd voor complexe zorg", category="impact")
    (added,) = received(board, "note:added")
    assert added["note"]["data"] == {"function": "huisarts"}
    assert added["note"]["author_name"] == "" and added["note"]["author_id"] is None
    _b, ack = sock(session, role="board")
    extra = activity_of(ack["state"], SLUG)["extra"]
    assert [f["key"] for f in extra["functions"]] == ["huisarts", "poh"]
    assert [o["key"] for o in extra["options"]] == list(functions.KEYS)
    assert "Anna" not in json.dumps(extra)


def test_grouping_per_function_in_order_changes_first_unknown_last():
    notes = [
        {"id": 1, "category": "nodig", "data": {"function": "poh"}},
        {"id": 2, "category": "impact", "data": {}},
        {"id": 3, "category": "impact", "data": {"function": "poh"}},
        {"id": 4, "category": "nodig", "data": {"function": "huisarts"}},
        {"id": 5, "category": "impact", "data": {"function": "bakker"}},
    ]
    grouped = by_function(notes)
    assert list(grouped) == ["huisarts", "poh", UNKNOWN]
    assert [n["id"] for n in grouped["poh"]] == [3, 1]
    assert [n["id"] for n in grouped[UNKNOWN]] == [2, 5]
    assert function_of(notes[4]) == UNKNOWN


def test_the_pdf_groups_notes_per_function(room, client):
    session, _fac, _board, (anna, bram, chris), _acks, activity = room
    post_note(anna, activity, "Minder spreekuur, meer overleg", category="impact")
    post_note(anna, activity, "Een vaste contactpersoon", category="nodig")
    post_note(bram, activity, "Ketenzorgprogrammacoördinatie wordt mijn taak", category="impact")
    post_note(chris, activity, "Duidelijke werkinstructies", category="nodig")
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    words = pdf_words(pdf.data)
    huisarts, poh, onbekend = words.index("Huisarts (2)"), words.index("POH (1)"), words.index("Onbekend (1)")
    assert huisarts < words.index("Minder spreekuur") < words.index("Een vaste contactpersoon") < poh
    assert poh < words.index("Ketenzorgprogramma") < onbekend < words.index("Duidelijke werkinstructies")
    # Page 1 sums it up per function.
    assert "Huisarts: 1 wat verandert, 1 wat nodig is; POH: 1 wat verandert, 0 wat nodig is" in words


def test_the_csv_export_carries_the_function_in_the_notes_data(room, client):
    session, _fac, _board, (anna, _bram, _chris), _acks, activity = room
    post_note(anna, activity, "Minder spreekuur", category="impact")
    body = client.get(f"/api/sessions/{session['code']}/export.csv", headers=bearer(session)).data.decode("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(body), delimiter=";") if r["workform"] == SLUG]
    assert json.loads(row["data"]) == {"function": "huisarts"}
    assert row["category_label"] == "Wat verandert er voor mijn functie?" and row["author"] == ""


def test_an_english_session_names_the_functions_in_english(make_session, sock, client):
    session = make_session(agenda=[SLUG], language="en")
    _fac, fac_ack = sock(session, role="facilitator", lang="en")
    phone, ack = sock(session, name="Anna", function="doktersassistent", lang="en")
    assert ack["me"]["function"] == "doktersassistent"  # keys are the same in every language
    activity = activity_of(fac_ack, SLUG)
    post_note(phone, activity, "More triage on the phone", category="impact")
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    words = pdf_words(pdf.data)
    assert "Roles Doctor's assistant: 1" in words
    assert "Doctor's assistant (1)" in words
    _phone, bad = sock(session, name="Bo", function="dentist", lang="en")
    assert bad == {"ok": False, "error": "Unknown role. Choose a role from the list, or leave the field empty."}
