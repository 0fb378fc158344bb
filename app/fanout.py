"""The fan-out: the only place that maps change events (app/events.py) to rooms and views.

Rooms per session ``C``: ``s:C`` everyone, ``s:C:board`` boards, ``s:C:fac``
facilitators, ``s:C:phones`` phones, and ``s:C:p:ID`` each participant's own
devices (joined in app/realtime.py). Rules (docs/architecture.md, "Fan-out"):

* a note goes to boards, facilitators and its author's devices, never to all phones;
* one activity's change is ``activity:updated`` with that one activity's view
  (only its work format's ``extra_view`` runs); the whole agenda
  (``activity:changed``) only when the agenda itself changed;
* phones get the participant view of an activity (what they display) and only when
  it differs from what phones last received, so a rating that moves the board's
  means costs the other phones nothing;
* within one request (a Socket.IO handler, see :func:`batch`) events are queued and
  delivered at its end, in order, with repeated updates of one activity delivered
  once, computed from the final state.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g
from flask_socketio import SocketIO

from app import goals as goals_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import photos, sessions
from app import votes as votes_mod
from app.context import registry, store
from app.events import (
    ActivityUpdated,
    AgendaChanged,
    BoardPageTurned,
    Event,
    GoalsChanged,
    NoteAdded,
    NoteDeleted,
    NotesRegrouped,
    NoteUpdated,
    PhotosChanged,
    PreparationChanged,
    PresenceChanged,
    SessionDeleted,
    SessionEnded,
    SessionLanguageChanged,
    SpotlightChanged,
    TimerChanged,
    VotesProgress,
)
from app.registry import Registry
from app.state import activity_view, presence_for_facilitator, visibility

log = logging.getLogger(__name__)

# Fields of an activity view phones do not display: vote progress and totals are for
# the board and the facilitator (a phone has its own dots from ``notes:list``); the
# count of sealed notes is the board's writing panel (and would make every note written
# in private cost every phone an update).
# The item's actual time (the meeting clock) is for the board and the facilitator.
_STAFF_ONLY = ("votes", "sealed", "actual")


def _sio() -> SocketIO:
    return current_app.extensions["socketio"]


def session_room(code: str) -> str:
    return f"s:{code}"


def board_room(code: str) -> str:
    return f"s:{code}:board"


def facilitator_room(code: str) -> str:
    return f"s:{code}:fac"


def phones_room(code: str) -> str:
    return f"s:{code}:phones"


def participant_room(code: str, participant_id: int | None) -> str:
    # Under the session's prefix, so the message queue routes it with the session (app/sessionqueue.py).
    return f"s:{code}:p:{participant_id}"


# --- batching ----------------------------------------------------------------------


class _Batch:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, event: Event) -> None:
        if isinstance(event, ActivityUpdated | AgendaChanged) and self._covered(event):
            return
        self.events.append(event)

    def _covered(self, event: ActivityUpdated | AgendaChanged) -> bool:
        # An agenda resend carries every activity; an update of one activity is sent once.
        for queued in self.events:
            if isinstance(queued, AgendaChanged) and queued.code == event.code:
                return True
            if queued == event:
                return True
        return False

    def drain(self) -> list[Event]:
        agendas = {e.code for e in self.events if isinstance(e, AgendaChanged)}
        events = [e for e in self.events if not (isinstance(e, ActivityUpdated) and e.code in agendas)]
        self.events = []
        return events


@contextmanager
def batch() -> Iterator[None]:
    """Queue what is published inside, deliver it when the block ends (also after a
    refusal: whatever was stored before it is announced). Nested blocks join the outer one."""
    if getattr(g, "flipover_batch", None) is not None:
        yield
        return
    g.flipover_batch = queued = _Batch()
    try:
        yield
    finally:
        g.flipover_batch = None
        for event in queued.drain():
            try:
                _deliver(event)
            except Exception:
                log.exception("delivering %s failed", type(event).__name__)


def publish(*events: Event) -> None:
    """Announce changes: queued when inside :func:`batch`, delivered at once otherwise."""
    queued: _Batch | None = getattr(g, "flipover_batch", None)
    for event in events:
        if queued is not None:
            queued.add(event)
        else:
            _deliver(event)


# --- views -------------------------------------------------------------------------


def participant_view(view: dict[str, Any], forms: Registry) -> dict[str, Any]:
    """An activity view as phones get it: without what only boards and facilitators show,
    and with the work format's ``participant_extra`` of ``extra``."""
    form = forms.get(view["workform"])
    out = {key: value for key, value in view.items() if key not in _STAFF_ONLY}
    if form is not None:
        out["extra"] = form().participant_extra(view["extra"])
    return out


def _digest(view: dict[str, Any]) -> str:
    # The timer travels in ``timer:changed``; its view holds the server's clock, so it
    # would make every view look new.
    stable = {key: value for key, value in view.items() if key != "timer"}
    return hashlib.sha1(json.dumps(stable, sort_keys=True, default=str).encode(), usedforsecurity=False).hexdigest()


# --- delivery ----------------------------------------------------------------------


def _deliver(event: Event) -> None:
    handler = _HANDLERS[type(event)]
    handler(event)


def _to_staff(code: str, name: str, data: dict[str, Any]) -> None:
    sio = _sio()
    sio.emit(name, data, to=board_room(code))
    sio.emit(name, data, to=facilitator_room(code))


def _note_event(name: str, note: dict[str, Any], activity: dict[str, Any]) -> None:
    """A note to facilitators and its author's devices; to boards only once it is on the board.

    A sealed note (private writing) reaches the board as a count in its activity's view
    (``activity:updated``): no id, no time, nothing to tie to the text after the reveal.
    """
    sio, code, seen = _sio(), activity["session_code"], visibility(activity, registry())
    shown = notes_mod.for_board(note, **seen)
    if shown is not None:
        sio.emit(name, {"note": shown}, to=board_room(code))
    sio.emit(name, {"note": notes_mod.view_for(note, **seen, viewer="facilitator")}, to=facilitator_room(code))
    if note["author_id"] is not None:
        mine = notes_mod.view_for(note, **seen, viewer="participant", viewer_id=note["author_id"])
        sio.emit(name, {"note": mine}, to=participant_room(code, note["author_id"]))
    if seen["private"]:
        # Written, revealed early, hidden or recategorised: the writing panel's counts.
        _activity_updated(ActivityUpdated(code, activity["id"]))


def _note_added(event: NoteAdded) -> None:
    _note_event("note:added", event.note, event.activity)


def _note_updated(event: NoteUpdated) -> None:
    _note_event("note:updated", event.note, event.activity)


def _note_deleted(event: NoteDeleted) -> None:
    gone = {"id": event.note_id, "activity_id": event.activity_id}
    activity = sessions.get_activity(store(), event.code, event.activity_id)
    if activity is not None and visibility(activity, registry())["private"]:
        # The note may have been sealed, so its id must not reach the board: the board gets
        # what it may see of the activity as a whole, and the new counts.
        _sio().emit("note:deleted", gone, to=facilitator_room(event.code))
        _board_notes(activity)
        _activity_updated(ActivityUpdated(event.code, event.activity_id))
    else:
        _to_staff(event.code, "note:deleted", gone)
    if event.author_id is not None:
        _sio().emit("note:deleted", gone, to=participant_room(event.code, event.author_id))


def _board_notes(activity: dict[str, Any]) -> None:
    """``notes:sync`` of one activity to the boards: the notes on the board, without the sealed ones."""
    seen = visibility(activity, registry())
    rows = notes_mod.notes_for_activity(store(), activity["id"])
    groups = groups_mod.groups_for_activity(store(), activity["id"])
    views = [view for n in rows if (view := notes_mod.for_board(n, **seen)) is not None]
    data = {"activity_id": activity["id"], "notes": views, "groups": groups}
    _sio().emit("notes:sync", data, to=board_room(activity["session_code"]))


def _notes_regrouped(event: NotesRegrouped) -> None:
    activity = event.activity
    code, seen = activity["session_code"], visibility(activity, registry())
    rows = notes_mod.notes_for_activity(store(), activity["id"])
    groups = groups_mod.groups_for_activity(store(), activity["id"])
    views = [notes_mod.view_for(n, **seen, viewer="facilitator") for n in rows]
    data = {"activity_id": activity["id"], "notes": views, "groups": groups}
    _sio().emit("notes:sync", data, to=facilitator_room(code))
    # At the end of private writing this is the reveal: every note at once, in id order,
    # which for notes written in private is random (app/notes.py, SEALED_ID_MIN).
    _board_notes(activity)


def _activity_updated(event: ActivityUpdated) -> None:
    activity = sessions.get_activity(store(), event.code, event.activity_id)
    if activity is None:
        return  # deleted in the meantime
    view = activity_view(activity, store(), registry())
    _to_staff(event.code, "activity:updated", {"activity": view})
    mine = participant_view(view, registry())
    # Compare-and-set in the database, so workers of a scale-out agree on what phones have.
    if sessions.mark_sent_to_phones(store(), activity["id"], _digest(mine)):
        _sio().emit("activity:updated", {"activity": mine}, to=phones_room(event.code))


def _agenda_changed(event: AgendaChanged) -> None:
    code = event.code
    session = sessions.get_session(store(), code)
    if session is None:
        return
    current_id = session["current_activity_id"]
    views = [activity_view(a, store(), registry()) for a in sessions.list_activities(store(), code)]
    for audience_views, rooms in (
        (views, (board_room(code), facilitator_room(code))),
        ([participant_view(v, registry()) for v in views], (phones_room(code),)),
    ):
        current = next((v for v in audience_views if v["id"] == current_id), None)
        data = {"current_activity_id": current_id, "activity": current, "activities": audience_views}
        for room in rooms:
            _sio().emit("activity:changed", data, to=room)
    # Phones now hold these views: what they last got through activity:updated no longer counts.
    sessions.forget_sent_to_phones(store(), code)


def _timer_changed(event: TimerChanged) -> None:
    _sio().emit("timer:changed", {"activity_id": event.activity_id, "timer": event.timer}, to=session_room(event.code))


def _spotlight_changed(event: SpotlightChanged) -> None:
    code = event.code
    session = sessions.get_session(store(), code)
    if session is None:
        return
    spot = session["spotlight"]
    note_view = None
    if spot:
        note = notes_mod.get_note(store(), code, spot.get("note_id"))
        activity = sessions.get_activity(store(), code, spot.get("activity_id"))
        if note and activity and not note["hidden"]:
            note_view = notes_mod.view_for(note, **visibility(activity, registry()), viewer="board")
    data: dict[str, Any] = {"spotlight": spot, "note": note_view}
    if spot and spot.get("photo_id"):
        rows = photos.for_activity(store(), spot["activity_id"])
        data["photo"] = next((v for v in photos.views(code, rows) if v["id"] == spot["photo_id"]), None)
    _to_staff(code, "spotlight:changed", data)


def _photos_changed(event: PhotosChanged) -> None:
    """Only that item's photos, to board and facilitators (phones show no photos)."""
    rows = photos.for_activity(store(), event.activity_id)
    data = {"activity_id": event.activity_id, "photos": photos.views(event.code, rows)}
    _to_staff(event.code, "photos:changed", data)


def _votes_progress(event: VotesProgress) -> None:
    progress = votes_mod.progress(store(), event.activity_id)
    _to_staff(event.code, "votes:progress", {"activity_id": event.activity_id, **progress})


def _goals_changed(event: GoalsChanged) -> None:
    _sio().emit("goals:changed", goals_mod.public_snapshot(store(), event.code), to=session_room(event.code))


def _presence_changed(event: PresenceChanged) -> None:
    online = current_app.extensions["flipover.hub"].online_count(event.code)
    participants = sessions.participant_count(store(), event.code)
    counts = {"participants": participants, "online": online}
    # Boards get the counts; facilitators also the counts per function and who just joined
    # (issue 21), never the whole list again (their join state has it).
    _sio().emit("presence", counts, to=board_room(event.code))
    people = presence_for_facilitator(store(), event.code, event.participant_id)
    _sio().emit("presence", {**counts, **people}, to=facilitator_room(event.code))


def _board_page(event: BoardPageTurned) -> None:
    # Only the board pages; nothing else shows its pages.
    _sio().emit("board:page", {"step": event.step}, to=board_room(event.code))


def _session_ended(event: SessionEnded) -> None:
    _sio().emit("session:changed", {"ended": event.ended}, to=session_room(event.code))


def _language_changed(event: SessionLanguageChanged) -> None:
    _sio().emit("session:changed", {"language": event.language}, to=session_room(event.code))


def _preparation_changed(event: PreparationChanged) -> None:
    # The facilitator's own checklist: other facilitators' laptops follow, board and phones never see it.
    _sio().emit("preparation:changed", {"ticked": list(event.ticked)}, to=facilitator_room(event.code))


def _session_deleted(event: SessionDeleted) -> None:
    _sio().emit("session:deleted", {"code": event.code}, to=session_room(event.code))
    # Other workers keep their connections' bookkeeping; every later event from those
    # sockets is refused all the same, because the session's activities are gone.
    current_app.extensions["flipover.hub"].forget_session(event.code)


_HANDLERS: dict[type, Any] = {
    NoteAdded: _note_added,
    NoteUpdated: _note_updated,
    NoteDeleted: _note_deleted,
    NotesRegrouped: _notes_regrouped,
    ActivityUpdated: _activity_updated,
    AgendaChanged: _agenda_changed,
    TimerChanged: _timer_changed,
    SpotlightChanged: _spotlight_changed,
    PhotosChanged: _photos_changed,
    VotesProgress: _votes_progress,
    GoalsChanged: _goals_changed,
    PresenceChanged: _presence_changed,
    SessionLanguageChanged: _language_changed,
    SessionEnded: _session_ended,
    BoardPageTurned: _board_page,
    PreparationChanged: _preparation_changed,
    SessionDeleted: _session_deleted,
}
