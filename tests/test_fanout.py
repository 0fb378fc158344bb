"""The fan-out (app/fanout.py): updates sized to the change (issue 17).

One activity's change travels as ``activity:updated`` with that activity's view, to
phones only when what they display changed; the whole agenda (``activity:changed``)
only when the agenda moved; repeated updates within one request are sent once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, app_config, new_client_id

from app import create_app, socketio_of
from app.events import ActivityUpdated, AgendaChanged, NoteDeleted
from app.fanout import _Batch
from app.registry import discover
from app.workform import Workform, facilitator_event

II = "impact-inspanning"
# An 11-item agenda as in the benchmark (bench/rating_round.py): the rating item and ten others.
AGENDA = ["trots"] * 5 + [II] + ["trots"] * 5


def names(messages: list[dict[str, Any]]) -> list[str]:
    return [m["name"] for m in messages]


def of(messages: list[dict[str, Any]], event: str) -> list[Any]:
    return [m["args"][0] for m in messages if m["name"] == event]


@pytest.fixture
def rating_room(make_session, sock):
    """A facilitator, a board and three phones; the matrix has two items and is in its scoring phase."""
    session = make_session(agenda=AGENDA)
    fac, ack = sock(session, role="facilitator")
    ii = activity_of(ack, II)
    items = []
    for text in ("Online triage", "Labuitslag via app"):
        answer = fac.emit(
            f"{II}:add", {"activity_id": ii["id"], "text": text, "client_id": new_client_id()}, callback=True
        )
        items.append(answer["note"]["id"])
    assert fac.emit("activity:goto", {"activity_id": ii["id"]}, callback=True)["ok"]
    assert fac.emit("activity:phase", {"activity_id": ii["id"], "phase": "scoren"}, callback=True)["ok"]
    board, _ = sock(session, role="board")
    phones = [sock(session, name=name)[0] for name in ("Anna", "Bram", "Cas")]
    for client in (fac, board, *phones):
        client.get_received()
    return {"session": session, "fac": fac, "board": board, "phones": phones, "ii": ii, "items": items}


def rate(phone, room: dict[str, Any], item: int, impact: int, effort: int) -> dict[str, Any]:
    payload = {"activity_id": room["ii"]["id"], "note_id": item, "impact": impact, "effort": effort}
    return phone.emit(f"{II}:rate", payload, callback=True)


def test_a_rating_sends_one_activity_to_board_and_facilitator_and_nothing_to_phones(rating_room) -> None:
    room = rating_room
    anna, bram, cas = room["phones"]
    assert rate(anna, room, room["items"][0], 5, 1)["ok"]
    for staff in (room["board"], room["fac"]):
        messages = staff.get_received()
        # One message, one activity (not the agenda), with the new count (the means wait
        # for MIN_RATERS raters, tests/test_sealed.py).
        assert names(messages) == ["activity:updated"]
        (update,) = of(messages, "activity:updated")
        assert set(update) == {"activity"}
        assert update["activity"]["id"] == room["ii"]["id"]
        first = update["activity"]["extra"]["items"][0]
        assert first["impact"]["n"] == 1 and first["n"] == 1 and first["withheld"]
    # Phones show the items to rate, not the room's means: their view did not change.
    for phone in (anna, bram, cas):
        assert phone.get_received() == []


def test_a_change_phones_display_reaches_them_as_their_own_smaller_view(rating_room) -> None:
    room = rating_room
    anna, bram, _cas = room["phones"]
    assert rate(anna, room, room["items"][0], 4, 2)["ok"]
    added = room["fac"].emit(
        f"{II}:add",
        {"activity_id": room["ii"]["id"], "text": "Telefonisch spreekuur", "client_id": new_client_id()},
        callback=True,
    )
    assert added["ok"]
    (update,) = of(bram.get_received(), "activity:updated")
    activity = update["activity"]
    assert [i["text"] for i in activity["extra"]["items"]] == [
        "Online triage",
        "Labuitslag via app",
        "Telefonisch spreekuur",
    ]
    # Only what the phone displays: no means, counts or vote totals.
    assert activity["extra"]["items"][0] == {"id": room["items"][0], "number": 1, "text": "Online triage"}
    assert set(activity["extra"]) == {"items"}
    assert "votes" not in activity
    # The board still gets the whole view, with the counts.
    board_update = of(room["board"].get_received(), "activity:updated")[-1]
    assert board_update["activity"]["extra"]["items"][0]["impact"]["n"] == 1
    assert board_update["activity"]["extra"]["raters"] == 1


def test_a_phase_change_reaches_phones_as_activity_updated(rating_room) -> None:
    room = rating_room
    assert room["fac"].emit("activity:phase", {"activity_id": room["ii"]["id"], "phase": "bespreken"}, callback=True)[
        "ok"
    ]
    for client in (room["board"], room["fac"], *room["phones"]):
        messages = client.get_received()
        assert "activity:changed" not in names(messages)
        (update,) = of(messages, "activity:updated")
        assert update["activity"]["id"] == room["ii"]["id"] and update["activity"]["phase"] == "bespreken"


def test_agenda_goto_still_sends_the_whole_agenda(rating_room) -> None:
    room = rating_room
    first = activity_of(
        room["fac"].emit(
            "join",
            {
                "code": room["session"]["code"],
                "role": "facilitator",
                "facilitator_token": room["session"]["facilitator_token"],
            },
            callback=True,
        ),
        "trots",
    )
    room["fac"].get_received()
    assert room["fac"].emit("activity:goto", {"activity_id": first["id"]}, callback=True)["ok"]
    for client in (room["board"], room["fac"], *room["phones"]):
        messages = client.get_received()
        assert "activity:updated" not in names(messages)
        (changed,) = of(messages, "activity:changed")
        assert changed["current_activity_id"] == first["id"] and len(changed["activities"]) == len(AGENDA)
    phone_view = next(a for a in changed["activities"] if a["id"] == room["ii"]["id"])
    assert set(phone_view["extra"]) == {"items"}  # phones get their own view here too


class Twice(Workform):
    """A work format whose handler changes its state twice in one request."""

    slug = "twice"
    title = {"nl": "Twee keer", "en": "Twice"}

    def extra_view(self, activity: dict[str, Any], store: Any) -> dict[str, Any]:
        return {"n": activity["state"].get("n", 0)}

    @facilitator_event("bump")
    def bump(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        by = payload.get("by", 1)
        ctx.set_state({"n": ctx.state().get("n", 0) + by})
        ctx.set_state({"n": ctx.state().get("n", 0) + by})
        ctx.announce()
        if payload.get("refuse"):
            ctx.refuse("Nee.")
        return {"ok": True}


@pytest.fixture
def twice_app(tmp_path: Path):
    registry = discover()
    registry.register(Twice, origin="test")
    application = create_app(app_config(tmp_path, REGISTRY=registry))
    yield application
    application.extensions["flipover.store"].close()


def _join(app, session: dict[str, Any], **payload: Any):
    client = socketio_of(app).test_client(app, flask_test_client=app.test_client())
    ack = client.emit("join", {"code": session["code"], **payload}, callback=True)
    return client, ack


def test_repeated_updates_of_one_activity_in_one_request_are_sent_once(twice_app) -> None:
    session = (
        twice_app.test_client().post("/api/sessions", json={"title": "T", "agenda": ["trots", "twice"]}).get_json()
    )
    fac, ack = _join(twice_app, session, role="facilitator", facilitator_token=session["facilitator_token"])
    board, _ = _join(twice_app, session, role="board")
    phone, _ = _join(twice_app, session, role="participant", name="Anna")
    twice = activity_of(ack, "twice")
    for client in (fac, board, phone):
        client.get_received()
    assert fac.emit("twice:bump", {"activity_id": twice["id"]}, callback=True) == {"ok": True}
    for client in (fac, board, phone):
        messages = client.get_received()
        (update,) = of(messages, "activity:updated")  # three announcements, one message
        assert update["activity"]["extra"] == {"n": 2}  # the state at the end of the request
    # A refusal after a stored change still announces it (once).
    refused = fac.emit("twice:bump", {"activity_id": twice["id"], "refuse": True}, callback=True)
    assert refused == {"ok": False, "error": "Nee."}
    (update,) = of(board.get_received(), "activity:updated")
    assert update["activity"]["extra"] == {"n": 4}
    for client in (fac, board, phone):
        client.disconnect()


def test_phones_get_an_unchanged_view_only_after_the_agenda_was_resent(twice_app) -> None:
    """Phones' copy of a view is compared with what they last got through activity:updated,
    unless the whole agenda reached them since."""
    session = twice_app.test_client().post("/api/sessions", json={"title": "T", "agenda": ["twice"]}).get_json()
    fac, ack = _join(twice_app, session, role="facilitator", facilitator_token=session["facilitator_token"])
    phone, _ = _join(twice_app, session, role="participant", name="Anna")
    twice = activity_of(ack, "twice")
    assert fac.emit("twice:bump", {"activity_id": twice["id"]}, callback=True)["ok"]
    phone.get_received()
    same = {"activity_id": twice["id"], "by": 0}
    assert fac.emit("twice:bump", same, callback=True)["ok"]
    assert phone.get_received() == []  # nothing new for phones
    assert fac.emit("activity:goto", {"activity_id": twice["id"]}, callback=True)["ok"]
    phone.get_received()
    assert fac.emit("twice:bump", same, callback=True)["ok"]
    (update,) = of(phone.get_received(), "activity:updated")
    assert update["activity"]["extra"] == {"n": 2}
    for client in (fac, phone):
        client.disconnect()


def test_batch_keeps_order_and_lets_an_agenda_resend_cover_single_updates() -> None:
    batch = _Batch()
    batch.add(ActivityUpdated("C", 1))
    batch.add(NoteDeleted("C", 5, 1, None))
    batch.add(ActivityUpdated("C", 1))
    batch.add(ActivityUpdated("C", 2))
    batch.add(ActivityUpdated("D", 3))
    assert batch.drain() == [
        ActivityUpdated("C", 1),
        NoteDeleted("C", 5, 1, None),
        ActivityUpdated("C", 2),
        ActivityUpdated("D", 3),
    ]
    batch.add(ActivityUpdated("C", 1))
    batch.add(AgendaChanged("C"))
    batch.add(ActivityUpdated("C", 2))
    batch.add(AgendaChanged("C"))
    batch.add(ActivityUpdated("D", 3))
    assert batch.drain() == [AgendaChanged("C"), ActivityUpdated("D", 3)]


def _statements_per_tap(app, make_session, sock, agenda: list[str]) -> int:
    session = make_session(agenda=agenda)
    fac, ack = sock(session, role="facilitator")
    ii = activity_of(ack, II)
    item = fac.emit(
        f"{II}:add", {"activity_id": ii["id"], "text": "Online triage", "client_id": new_client_id()}, callback=True
    )["note"]["id"]
    assert fac.emit("activity:phase", {"activity_id": ii["id"], "phase": "scoren"}, callback=True)["ok"]
    phone, _ = sock(session, name="Anna")
    conn: sqlite3.Connection = app.extensions["flipover.store"].db.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert phone.emit(
            f"{II}:rate", {"activity_id": ii["id"], "note_id": item, "impact": 3, "effort": 2}, callback=True
        )["ok"]
    finally:
        conn.set_trace_callback(None)
    return len(seen)


def test_a_tap_costs_the_same_queries_however_long_the_agenda(app, make_session, sock) -> None:
    short = _statements_per_tap(app, make_session, sock, [II])
    long = _statements_per_tap(app, make_session, sock, AGENDA)
    assert long == short
