"""Trots as the handbook runs it (issue 19, part 4): everyone writes one situation, then the
facilitator makes a named round (H:L2011-2021). Writing hidden until the round, dot voting,
anonymity and more notes per person are the app's options."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import activity_of, received
from drivers import try_note

from app.registry import discover
from app.state import phase_timer_minutes


def bare_trots(client, **item: Any) -> dict[str, Any]:
    """A session whose trots is created as the format has it (no test defaults)."""
    response = client.post("/api/sessions", json={"title": "Visie", "agenda": [{"workform": "trots", **item}]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def meeting(client, sock):
    session = bare_trots(client, minutes=15)
    board, _ = sock(session, role="board")
    fac, ack = sock(session, role="facilitator")
    anna, _ = sock(session, name="Anna")
    bram, _ = sock(session, name="Bram")
    return session, board, fac, anna, bram, activity_of(ack, "trots")


def test_trots_starts_with_one_named_situation_each_stuck_on_the_board(meeting):
    _session, board, _fac, anna, _bram, trots = meeting
    assert trots["phase"] == "plakken"
    assert trots["anonymous"] is False
    assert trots["notes_limit"] == 1
    first = try_note(anna, trots, "Hoe we samen de griepprik-zaterdag draaiden")
    assert first["ok"], first
    # The handbook does not hide the situations: the board shows each as it is written, named.
    (added,) = received(board, "note:added")
    assert (added["note"]["text"], added["note"]["author_name"]) == (
        "Hoe we samen de griepprik-zaterdag draaiden",
        "Anna",
    )
    second = try_note(anna, trots, "Nog een situatie")
    assert second["ok"] is False
    assert second["error"] == "Je hebt hier al 1 post-it geplaatst, het maximum. Je kunt hem nog aanpassen."


def test_writing_hidden_until_the_round_is_the_apps_extra_step(meeting):
    _session, board, fac, anna, _bram, trots = meeting
    hidden = fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "schrijven"}, callback=True)
    assert hidden["ok"], hidden
    assert try_note(anna, trots, "Hoe we samen de griepprik-zaterdag draaiden")["ok"]
    # Written on one's own: the board gets a count, never the text, until the round.
    assert "griepprik" not in str(received(board, "note:added"))


def test_the_named_round_needs_no_switch(meeting):
    _session, board, fac, anna, _bram, trots = meeting
    hidden = fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "schrijven"}, callback=True)
    assert hidden["ok"], hidden
    posted = try_note(anna, trots, "Onze huisbezoeken")
    assert posted["ok"], posted
    board.get_received()
    ok = fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "bespreken"}, callback=True)
    assert ok["ok"], ok
    # Revealed with the round: the board reads the situation and who wrote it.
    (sync,) = [m["args"][0] for m in board.get_received() if m["name"] == "notes:sync"]
    assert [(n["text"], n["author_name"]) for n in sync["notes"]] == [("Onze huisbezoeken", "Anna")]
    author = received(fac, "note:added")[0]["note"]["author_id"]
    shown = fac.emit("spotlight:set", {"activity_id": trots["id"], "participant_id": author}, callback=True)
    assert shown["ok"], shown


def test_the_facilitator_allows_more_notes_per_person(meeting):
    _session, _board, fac, anna, _bram, trots = meeting
    raised = fac.emit("activity:update", {"activity_id": trots["id"], "notes_per_participant": 3}, callback=True)
    assert raised["ok"], raised
    for text in ("Samenwerking met de apotheek", "De nieuwe website", "Ons opleidingsklimaat"):
        assert try_note(anna, trots, text)["ok"]
    refused = try_note(anna, trots, "Een vierde")
    assert refused["ok"] is False
    assert "3 post-its" in refused["error"]


@pytest.mark.parametrize("wrong", [0, 101, "3", True, None, 2.5])
def test_notes_per_person_must_be_a_whole_number_from_1_to_100(meeting, wrong):
    _session, _board, fac, _anna, _bram, trots = meeting
    answer = fac.emit("activity:update", {"activity_id": trots["id"], "notes_per_participant": wrong}, callback=True)
    assert answer["ok"] is False
    assert answer["error"] == "Post-its per persoon is een heel getal van 1 tot 100."


def test_a_phone_cannot_raise_its_own_limit(meeting):
    _session, _board, _fac, anna, _bram, trots = meeting
    answer = anna.emit("activity:update", {"activity_id": trots["id"], "notes_per_participant": 50}, callback=True)
    assert answer["ok"] is False


def test_voting_and_hidden_writing_are_marked_as_the_apps_options():
    trots = discover().get("trots")
    assert trots is not None
    phases = {p.slug: p for p in trots.phases}
    assert [p.slug for p in trots.phases if not p.optional] == ["plakken", "bespreken"]
    assert trots.start_phase() == "plakken"
    assert phases["stemmen"].optional and phases["schrijven"].optional and phases["schrijven"].private
    assert [p["optional"] for p in trots.meta()["phases"]] == [p.optional for p in trots.phases]


def test_the_planned_quarter_of_an_hour_goes_to_writing_and_the_round():
    trots = discover().get("trots")
    item = {"minutes": 15, "config": {}}
    # The handbook's 15 minutes: 5 to write, 10 for the round; an extra step gets its own share.
    assert phase_timer_minutes(trots, {**item, "phase": "plakken"}) == 5
    assert phase_timer_minutes(trots, {**item, "phase": "bespreken"}) == 10
    assert phase_timer_minutes(trots, {**item, "phase": "schrijven"}) == 5
    assert phase_timer_minutes(trots, {**item, "phase": "stemmen"}) == 3


def test_an_agenda_item_can_start_trots_the_apps_open_way(client, sock):
    session = bare_trots(client, phase="plakken", anonymous=True, config={"notes_per_participant": 20})
    _fac, ack = sock(session, role="facilitator")
    trots = activity_of(ack, "trots")
    assert (trots["phase"], trots["anonymous"], trots["notes_limit"]) == ("plakken", True, 20)


@pytest.mark.parametrize(
    "item",
    [
        {"phase": "verzinnen"},
        {"phase": 3},
        {"anonymous": "ja"},
        {"config": {"notes_per_participant": 0}},
        {"config": {"votes_per_participant": "veel"}},
    ],
)
def test_wrong_creation_options_get_a_clear_error_and_create_nothing(client, item):
    response = client.post("/api/sessions", json={"title": "Visie", "agenda": [{"workform": "trots", **item}]})
    assert response.status_code == 400
    assert response.get_json()["error"]
