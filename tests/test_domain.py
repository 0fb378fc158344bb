"""The domain functions, called directly with an explicit actor: no Socket.IO, no Flask.
They hold the rules, refuse with a message, and return the typed events to publish
(the wire behaviour is covered by test_realtime.py and the format tests)."""

from __future__ import annotations

import pytest
from conftest import OPEN_TROTS

from app import agenda, grouping, meeting, posting, sessions, voting
from app.db import Store
from app.events import (
    ActivityUpdated,
    AgendaChanged,
    BoardPageTurned,
    GoalsChanged,
    NoteAdded,
    NoteDeleted,
    NotesRegrouped,
    NoteUpdated,
    SessionEnded,
    SessionLanguageChanged,
    SpotlightChanged,
    TimerChanged,
)
from app.plugin_context import ActivityReader
from app.posting import Actor, Refused
from app.registry import discover


@pytest.fixture
def registry():
    return discover()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "flipover.db")
    yield s
    s.close()


@pytest.fixture
def room(store, registry):
    session, _token = sessions.create_session(
        store, registry, title="Domein", agenda=[{"workform": "trots", **OPEN_TROTS}, {"workform": "actieplan"}]
    )
    code = session["code"]
    anna, _ = sessions.join_participant(store, code, token=None, name="Anna")
    bram, _ = sessions.join_participant(store, code, token=None, name="Bram")
    trots, plan = sessions.list_activities(store, code)
    return {
        "code": code,
        "trots": trots,
        "plan": plan,
        "anna": Actor(code, "participant", anna["id"]),
        "bram": Actor(code, "participant", bram["id"]),
        "fac": Actor(code, "facilitator"),
        "board": Actor(code, "board"),
    }


def door(store):
    return lambda activity: ActivityReader(store, activity)


def post(store, registry, room, actor, text="Samen lunchen", client_id="c1", **extra):
    return posting.post_note(
        store, registry, actor, room["trots"]["id"], client_id=client_id, text=text, door=door(store), **extra
    )


def test_post_note_returns_the_note_and_its_event(store, registry, room):
    posted = post(store, registry, room, room["anna"])
    assert posted.created and not posted.duplicate
    assert posted.note["text"] == "Samen lunchen" and posted.note["author_id"] == room["anna"].participant_id
    assert [type(e) for e in posted.events] == [NoteAdded]
    again = post(store, registry, room, room["anna"])
    assert again.duplicate and again.note["id"] == posted.note["id"] and again.events == []


def test_post_note_rules_refuse_with_a_message(store, registry, room):
    with pytest.raises(Refused, match="Het bord kan geen post-its plakken"):
        post(store, registry, room, room["board"])
    post(store, registry, room, room["anna"])
    with pytest.raises(Refused, match="verzendcode is al gebruikt"):
        post(store, registry, room, room["bram"])  # Anna's client_id
    throttled = []
    with pytest.raises(Refused, match="rustig"):

        def throttle() -> None:
            throttled.append(True)
            raise Refused("Even rustig aan")

        post(store, registry, room, room["bram"], client_id="c2", throttle=throttle)
    with pytest.raises(Refused, match="geen post-its"):
        posting.post_note(store, registry, room["anna"], room["plan"]["id"], client_id="c3", text="x", door=door(store))


def test_a_format_posts_where_phones_cannot(store, registry, room):
    """ctx.add_note's path: the action plan takes no notes from phones, but the format stores its own."""
    posted = posting.post_note(
        store,
        registry,
        room["fac"],
        room["plan"]["id"],
        client_id="a1",
        text="Actie",
        category="actie",
        data={"who": "Sanne"},
        by_format=True,
    )
    assert posted.created and posted.note["data"] == {"who": "Sanne"} and posted.note["category"] == "actie"
    with pytest.raises(Refused, match="Onbekende soort"):
        posting.post_note(
            store, registry, room["fac"], room["plan"]["id"], client_id="a2", text="x", category="nee", by_format=True
        )


def test_update_and_delete_say_what_changed(store, registry, room):
    note = post(store, registry, room, room["anna"]).note
    with pytest.raises(Refused, match="eigen post-its"):
        posting.update_note(store, registry, room["bram"], note["id"], {"text": "Van mij"})
    with pytest.raises(Refused, match="verbergen"):
        posting.update_note(store, registry, room["anna"], note["id"], {"hidden": True})
    changed = posting.update_note(store, registry, room["fac"], note["id"], {"text": "Beter", "hidden": True})
    assert changed.changes == ["hidden", "edited"] and changed.note["text"] == "Beter"
    assert [type(e) for e in changed.events] == [NoteUpdated]
    deleted = posting.delete_note(store, registry, room["fac"], note["id"])
    assert deleted.changes == ["deleted"] and [type(e) for e in deleted.events] == [NoteDeleted]


def test_grouping_votes_and_agenda_for_an_actor(store, registry, room):
    first = post(store, registry, room, room["anna"]).note
    second = post(store, registry, room, room["bram"], text="Ook lunchen", client_id="c9").note
    stacked = grouping.stack_note(store, registry, room["bram"], second["id"], target_note_id=first["id"])
    assert stacked.group_id is not None and [type(e) for e in stacked.events] == [NotesRegrouped]
    with pytest.raises(Refused, match="begeleider"):
        agenda.set_phase(store, registry, room["anna"], room["trots"]["id"], "stemmen")
    with pytest.raises(Refused, match="stemronde"):
        voting.add_vote(store, registry, room["anna"], note_id=first["id"])
    moved = agenda.set_phase(store, registry, room["fac"], room["trots"]["id"], "stemmen")
    assert moved.activity["phase"] == "stemmen" and ActivityUpdated(room["code"], room["trots"]["id"]) in moved.events
    voted = voting.add_vote(store, registry, room["anna"], group_id=stacked.group_id)
    assert sum(voted.mine.values()) == 1 and voted.votes_left == 2
    with pytest.raises(Refused, match="Alleen deelnemers"):
        voting.add_vote(store, registry, room["fac"], note_id=first["id"])
    assert agenda.goto(store, registry, room["fac"], room["plan"]["id"]).events[0] == AgendaChanged(room["code"])


def test_timer_spotlight_and_page_are_the_facilitators(store, registry, room):
    trots = room["trots"]["id"]
    for actor in (room["anna"], room["board"]):
        with pytest.raises(Refused, match="begeleider"):
            agenda.set_timer(store, registry, actor, trots, "start", 60)
        with pytest.raises(Refused, match="begeleider"):
            agenda.set_spotlight(store, registry, actor, {})
        with pytest.raises(Refused, match="begeleider"):
            agenda.turn_board_page(actor, 1)
    with pytest.raises(Refused, match="Onbekende timer-actie"):
        agenda.set_timer(store, registry, room["fac"], trots, "explode", None)
    timed = agenda.set_timer(store, registry, room["fac"], trots, "start", None)
    # No seconds: the phase's minutes (trots schrijven: 5).
    assert timed.timer["duration_ms"] == 300_000 and timed.timer["state"] == "running"
    assert timed.events == [TimerChanged(room["code"], trots, timed.timer)]
    assert sessions.get_activity(store, room["code"], trots)["timer"]["duration_ms"] == 300_000

    note = post(store, registry, room, room["anna"]).note
    shown = agenda.set_spotlight(store, registry, room["fac"], {"note_id": note["id"]})
    assert shown.spotlight == {"activity_id": trots, "note_id": note["id"]}
    assert shown.events == [SpotlightChanged(room["code"])]
    with pytest.raises(Refused, match="anoniem"):
        agenda.set_spotlight(store, registry, room["fac"], {"activity_id": trots, "participant_id": 1})
    assert agenda.set_spotlight(store, registry, room["fac"], {}).spotlight is None
    assert sessions.get_session(store, room["code"])["spotlight"] is None
    with pytest.raises(Refused, match="'step'"):
        agenda.turn_board_page(room["fac"], True)
    assert agenda.turn_board_page(room["fac"], -1) == [BoardPageTurned(room["code"], -1)]


def test_goals_language_and_end_of_the_meeting(store, registry, room):
    code = room["code"]
    with pytest.raises(Refused, match="begeleider"):
        meeting.add_goal(store, room["anna"], "Meer tijd voor de patiënt")
    added = meeting.add_goal(store, room["fac"], "Meer tijd voor de patiënt")
    assert added.value["title"] == "Meer tijd voor de patiënt"
    assert added.events == [GoalsChanged(code), AgendaChanged(code)]
    second = meeting.add_goal(store, room["fac"], "Minder telefoondruk").value
    moved = meeting.update_goal(store, room["fac"], second["id"], {"title": "Rustiger telefoon", "position": 0})
    assert moved.value["title"] == "Rustiger telefoon" and moved.value["position"] == 0
    meeting.delete_goal(store, room["fac"], added.value["id"])
    assert meeting.set_ambition(store, room["fac"], "  Samen sterk ").value == "Samen sterk"

    with pytest.raises(Refused, match="'ended'"):
        meeting.set_ended(store, room["fac"], "ja")
    assert meeting.set_ended(store, room["fac"], True).events == [SessionEnded(code, True)]
    with pytest.raises(Refused, match="'language'"):
        meeting.set_language(store, registry, room["fac"], "fr")
    switched = meeting.set_language(store, registry, room["fac"], "en")
    assert switched.value == "en" and SessionLanguageChanged(code, "en") in switched.events
    assert sessions.get_session(store, code)["locale"] == "en"
