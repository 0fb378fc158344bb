"""Socket.IO handlers: thin wrappers that check who asks, call the storage
functions and publish what changed (app/events.py) to the fan-out (app/fanout.py),
which alone decides who receives which view.

Rooms per session ``C``: ``s:C`` everyone, ``s:C:board`` boards, ``s:C:fac``
facilitators, ``s:C:phones`` phones, and ``s:C:p:ID`` each participant's own
devices (the names are in app/fanout.py). Every handler returns its ack:
``{"ok": True, ...}`` only once something is stored; every refusal is
``{"ok": False, "error": <Dutch message>}``. What a handler publishes is delivered
when it ends, before its ack.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from flask import Flask, current_app, request
from flask_socketio import SocketIO, join_room, leave_room

from app import agenda, fanout, functions, grouping, joinguard, limits, links, meeting, posting, sessions, voting
from app import entries as entries_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import timer as timer_mod
from app import votes as votes_mod
from app.auth import facilitator_allowed
from app.context import registry, store
from app.errors import UserError
from app.events import (
    ActivityUpdated,
    NotesRegrouped,
    NoteUpdated,
    PresenceChanged,
    SessionDeleted,
)
from app.i18n import _, language
from app.i18n import clean as clean_language
from app.memory import Trimmer
from app.plugin_context import ActivityReader
from app.presence import HEARTBEAT_SECONDS, SharedPresence
from app.ratelimit import RateLimiter
from app.registry import Registry
from app.sessionqueue import SessionQueue
from app.state import build_state, visibility
from app.workform import CustomEvent, Workform

log = logging.getLogger(__name__)
ROLES = ("participant", "board", "facilitator")


# Raised inside a handler (or a domain function) to answer ``{"ok": False, "error": message}``.
Refused = posting.Refused


@dataclass
class Conn:
    code: str
    role: str
    participant_id: int | None = None
    lang: str = "nl"  # the page's language: refusals to this client are in it


class Hub:
    """Per-process bookkeeping of who is connected where.

    A socket lives on one worker, so ``conns`` stays in this process (the proxy keeps
    a client on its worker). The online count is per process too, unless ``shared``
    is set (several workers): then each participant's first arrival and last
    departure here are also written to the shared presence table, which counts them.
    """

    def __init__(
        self,
        limiter: RateLimiter,
        shared: SharedPresence | None = None,
        identities: RateLimiter | None = None,
        routes: SessionQueue | None = None,
        on_session_left: Callable[[str], None] | None = None,
    ) -> None:
        self.conns: dict[str, Conn] = {}
        self.sockets: Counter[str] = Counter()  # session code → its sockets on this worker
        # Called when the last socket of a session leaves this worker (app/memory.py trims then).
        self.on_session_left = on_session_left
        # With a message queue: this worker hears a session's messages while it has a socket of it.
        self.routes = routes
        self.online: dict[str, Counter[int]] = {}
        # Posts per participant and per connection (so a new identity starts with no fresh burst).
        self.limiter = limiter
        # New participants per connection.
        self.identities = identities or RateLimiter(3, 1 / 60)
        self.shared = shared

    def add(self, sid: str, conn: Conn) -> bool:
        """Keep ``conn`` as socket ``sid``'s; False if the socket went away meanwhile."""
        if self.routes is not None:
            # Returns once subscribed, so the join's state (read after this) misses nothing; held
            # before the socket's previous session is released, so a re-join never drops it.
            self.routes.hold(conn.code)
            if not self.routes.is_connected(sid, "/"):
                # It disconnected while the join waited for Redis, and its disconnect found
                # nothing to remove: keeping it now would leave a phantom online for good.
                self.routes.release(conn.code)
                return False
        self.remove(sid)
        self.conns[sid] = conn
        self.sockets[conn.code] += 1
        if conn.participant_id is not None:
            counter = self.online.setdefault(conn.code, Counter())
            counter[conn.participant_id] += 1
            if self.shared and counter[conn.participant_id] == 1:
                self.shared.arrived(conn.code, conn.participant_id)
        return True

    def remove(self, sid: str) -> Conn | None:
        conn = self.conns.pop(sid, None)
        if conn is not None:
            self.sockets[conn.code] -= 1
            if self.sockets[conn.code] <= 0:
                del self.sockets[conn.code]
                if self.on_session_left is not None:
                    self.on_session_left(conn.code)
            if self.routes is not None:
                self.routes.release(conn.code)
        if conn and conn.participant_id is not None:
            counter = self.online.get(conn.code)
            if counter is not None:
                counter[conn.participant_id] -= 1
                if counter[conn.participant_id] <= 0:
                    del counter[conn.participant_id]
                    if not counter:
                        del self.online[conn.code]  # a host that runs for months sees many sessions
                    if self.shared:
                        self.shared.left(conn.code, conn.participant_id)
        return conn

    def forget_session(self, code: str) -> None:
        for sid, conn in list(self.conns.items()):
            if conn.code == code:
                self.remove(sid)
        self.online.pop(code, None)
        if self.shared:
            self.shared.forget_session(code)

    def online_count(self, code: str) -> int:
        if self.shared:
            return self.shared.count(code)
        return len(self.online.get(code, ()))

    def local_presence(self) -> list[tuple[str, int]]:
        return [(code, pid) for code, counter in self.online.items() for pid in counter]


def _hub() -> Hub:
    return current_app.extensions["flipover.hub"]


def online_count(code: str) -> int:
    return _hub().online_count(code)


def ack_handler(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Turn refusals and crashes into an ``ok: false`` ack; the server keeps running."""

    @functools.wraps(fn)
    def wrapper(*args: Any) -> dict[str, Any]:
        payload = args[0] if args else None
        # The batch delivers what the handler published once it is done (inside the
        # language, before the ack), one message per changed activity.
        with language(_client_language(payload)), fanout.batch():
            try:
                if not isinstance(payload, dict):
                    raise Refused(_("Ongeldig verzoek: verwacht een object met gegevens."))
                return fn(payload)
            except UserError as exc:
                return _refusal(exc)
            except Exception as exc:
                refusal = limits.storage_refusal(exc)  # a full disk or a busy database: say so
                if refusal is not None:
                    log.warning("handler %s could not store: %s", fn.__name__, exc)
                    return _refusal(refusal)
                log.exception("handler %s failed", fn.__name__)
                return {"ok": False, "error": _("Er ging iets mis op de server. Probeer het opnieuw.")}

    return wrapper


def _refusal(exc: UserError) -> dict[str, Any]:
    ack: dict[str, Any] = {"ok": False, "error": str(exc)}
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        ack["retry_after"] = retry_after
    return ack


def _client_language(payload: object) -> str | None:
    """The language of the asking client: given at join (``lang``), kept on its connection."""
    conn = _hub().conns.get(request.sid)  # type: ignore[attr-defined]
    if isinstance(payload, dict) and payload.get("lang") is not None and (conn is None or "code" in payload):
        return clean_language(payload.get("lang"))
    return conn.lang if conn else None


# --- helpers -----------------------------------------------------------------


def _conn() -> Conn:
    conn = _hub().conns.get(request.sid)  # type: ignore[attr-defined]
    if conn is None:
        raise Refused(_("Je bent niet verbonden met een bijeenkomst. Vernieuw de pagina."))
    return conn


def _facilitator() -> Conn:
    conn = _conn()
    if conn.role != "facilitator":
        raise Refused(_("Alleen de begeleider kan dit doen."))
    return conn


def _activity(conn: Conn, activity_id: object) -> tuple[dict[str, Any], type[Workform]]:
    return posting.require_activity(store(), registry(), conn.code, activity_id)


def _note(conn: Conn, note_id: object) -> dict[str, Any]:
    return posting.require_note(store(), conn.code, note_id)


def _rate(conn: Conn) -> None:
    if conn.role != "participant":
        return
    limiter = _hub().limiter
    # Both buckets: the participant's, and the connection's (a re-join as someone new keeps it).
    by_connection = limiter.allow(("sid", request.sid))  # type: ignore[attr-defined]
    if not (limiter.allow(conn.participant_id) and by_connection):
        raise Refused(_("Even rustig aan: je plakt erg snel. Wacht een paar tellen en probeer het opnieuw."))


def _emit_presence(code: str, participant_id: int | None = None) -> None:
    fanout.publish(PresenceChanged(code, participant_id))


def announce_session_deleted(code: str) -> None:
    """Tell every client of a deleted session, then drop them from its rooms."""
    fanout.publish(SessionDeleted(code))


def _links(code: str) -> dict[str, Any]:
    join = links.join_url(code)
    return {"join_url": join, "board_url": links.board_url(code), "phones_can_reach": links.reachable_by_phones(join)}


# --- handlers ----------------------------------------------------------------


@ack_handler
def on_join(payload: dict[str, Any]) -> dict[str, Any]:
    session = joinguard.lookup(payload.get("code"), facilitator_token=payload.get("facilitator_token"))
    if session is None:
        raise Refused(_("Deze bijeenkomst bestaat niet (meer). Controleer de code."))
    code = session["code"]
    role = payload.get("role", "participant")
    if role not in ROLES:
        raise Refused(_("Onbekende rol."))
    sid = request.sid  # type: ignore[attr-defined]
    ack: dict[str, Any] = {"ok": True}
    participant_id = None
    if role == "facilitator":
        if not facilitator_allowed(session, request, payload.get("facilitator_token")):
            raise Refused(_("Deze begeleiderslink klopt niet of ontbreekt."))
    elif role == "participant":

        def new_identity_allowed() -> None:
            if not _hub().identities.allow(sid):
                raise Refused(
                    _("Te vaak opnieuw aangemeld vanaf dit apparaat. Wacht een minuut en probeer het opnieuw.")
                )
            limits.check_rate("joins")  # new participants per address (a whole practice behind one NAT)

        try:
            function = functions.clean(payload.get("function"))
        except functions.UnknownFunction:
            raise Refused(_("Onbekende functie. Kies een functie uit de lijst, of laat het veld leeg.")) from None
        participant, new_token = sessions.join_participant(
            store(),
            code,
            token=payload.get("token"),
            name=payload.get("name"),
            function=function,
            before_new=new_identity_allowed,
            max_participants=limits.cap("participants"),
        )
        participant_id = participant["id"]
        ack["me"] = sessions.public_participant(participant)
        if new_token:
            ack["token"] = new_token
    # Only now, with the new join accepted, leave whatever this socket was before.
    previous = _hub().conns.get(sid)
    if previous:
        for room in _rooms(previous):
            leave_room(room)
    conn = Conn(code=code, role=role, participant_id=participant_id, lang=clean_language(payload.get("lang")) or "nl")
    if not _hub().add(sid, conn):
        raise Refused(_("De verbinding viel weg tijdens het meedoen. Probeer het opnieuw."))
    for room in _rooms(conn):
        join_room(room)
    ack["state"] = build_state(
        store(),
        registry(),
        session,
        viewer=role,
        viewer_id=participant_id,
        online=online_count(code),
        links=_links(code),
    )
    if role == "participant":
        _emit_presence(code, participant_id)
        if session.get("clock_started_ms") is None:
            fanout.publish(*meeting.clock_on_join(store(), code))
    return ack


def _rooms(conn: Conn) -> list[str]:
    rooms = [fanout.session_room(conn.code)]
    if conn.role == "facilitator":
        rooms.append(fanout.facilitator_room(conn.code))
    elif conn.role == "board":
        rooms.append(fanout.board_room(conn.code))
    else:
        rooms += [fanout.phones_room(conn.code), fanout.participant_room(conn.code, conn.participant_id)]
    return rooms


def on_disconnect(*_args: Any) -> None:
    sid = request.sid  # type: ignore[attr-defined]
    hub = _hub()
    hub.limiter.forget(("sid", sid))
    hub.identities.forget(sid)
    conn = hub.remove(sid)
    if conn and conn.role == "participant" and sessions.get_session(store(), conn.code):
        _emit_presence(conn.code)


def on_clock_sync(*_args: Any) -> dict[str, Any]:
    """The server's clock (epoch ms) for a client's NTP-style offset estimate.

    Answers anyone, joined or not, whatever the payload: it reveals nothing but the time,
    and a client syncs before its join ack arrives.
    """
    return {"ok": True, "now": timer_mod.now_ms()}


@ack_handler
def on_note_add(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    posted = posting.post_note(
        store(),
        registry(),
        _actor(conn),
        payload.get("activity_id"),
        client_id=payload.get("client_id"),
        text=payload.get("text"),
        category=payload.get("category"),
        data=payload.get("data"),
        stack_on=payload.get("stack_on"),
        throttle=lambda: _rate(conn),
        door=lambda activity: EventContext(conn, activity),
        max_notes=limits.cap("notes"),
    )
    fanout.publish(*posted.events)
    note, activity, form = posted.note, posted.activity, posted.form
    if posted.duplicate:
        return {"ok": True, "note": _view_for_conn(note, activity, conn), "duplicate": True}
    if posted.created and not posted.stacked and form.note_added is not Workform.note_added:
        form().note_added(note, EventContext(conn, activity))  # e.g. kernwoorden stacks identical proposals
        note = notes_mod.get_note(store(), conn.code, note["id"]) or note
    return {"ok": True, "note": _view_for_conn(note, activity, conn)}


def _actor(conn: Conn) -> posting.Actor:
    return posting.Actor(code=conn.code, role=conn.role, participant_id=conn.participant_id)


def _view_for_conn(note: dict[str, Any], activity: dict[str, Any], conn: Conn) -> dict[str, Any]:
    return notes_mod.view_for(note, **visibility(activity, registry()), viewer=conn.role, viewer_id=conn.participant_id)


@ack_handler
def on_note_update(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    changed = posting.update_note(
        store(),
        registry(),
        _actor(conn),
        payload.get("note_id"),
        {key: payload[key] for key in ("text", "category", "hidden") if key in payload},
        throttle=lambda: _rate(conn),
        door=lambda activity: EventContext(conn, activity),
    )
    fanout.publish(*changed.events)
    _note_changed(changed, conn)
    return {"ok": True, "note": _view_for_conn(changed.note, changed.activity, conn)}


def _note_changed(changed: posting.Changed, conn: Conn) -> None:
    """Tell the work format what the generic note events did to one of its notes."""
    form = changed.form
    if form.note_changed is Workform.note_changed:
        return
    for change in changed.changes:
        form().note_changed(changed.note, change, EventContext(conn, changed.activity))


@ack_handler
def on_note_delete(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    changed = posting.delete_note(
        store(), registry(), _actor(conn), payload.get("note_id"), throttle=lambda: _rate(conn)
    )
    fanout.publish(*changed.events)
    _note_changed(changed, conn)
    return {"ok": True, "deleted": changed.note["id"]}


@ack_handler
def on_note_flag(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    changed = posting.flag_note(
        store(), registry(), _actor(conn), payload.get("note_id"), payload.get("field"), payload.get("value")
    )
    fanout.publish(*changed.events)
    return {"ok": True, "note": _view_for_conn(changed.note, changed.activity, conn)}


@ack_handler
def on_activity_goto(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    moved = agenda.goto(store(), registry(), _actor(conn), payload.get("activity_id"))
    fanout.publish(*moved.events)
    return {"ok": True, "current_activity_id": moved.activity["id"]}


@ack_handler
def on_activity_phase(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    moved = agenda.set_phase(store(), registry(), _actor(conn), payload.get("activity_id"), payload.get("phase"))
    fanout.publish(*moved.events)
    return {"ok": True, "phase": moved.activity["phase"]}


@ack_handler
def on_activity_update(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    moved = agenda.update_activity(store(), registry(), _actor(conn), payload.get("activity_id"), payload)
    fanout.publish(*moved.events)
    return {"ok": True}


@ack_handler
def on_note_stack(payload: dict[str, Any]) -> dict[str, Any]:
    """Stick a note onto another one ("Plak jouw post-it hierbij"), or into a group."""
    conn = _conn()
    regrouped = grouping.stack_note(
        store(),
        registry(),
        _actor(conn),
        payload.get("note_id"),
        group_id=payload.get("group_id"),
        target_note_id=payload.get("target_note_id"),
        throttle=lambda: _rate(conn),
    )
    fanout.publish(*regrouped.events)
    return {"ok": True, "group_id": regrouped.group_id}


@ack_handler
def on_note_unstack(payload: dict[str, Any]) -> dict[str, Any]:
    """Take a note out of its group or stack."""
    conn = _conn()
    regrouped = grouping.unstack_note(
        store(), registry(), _actor(conn), payload.get("note_id"), throttle=lambda: _rate(conn)
    )
    fanout.publish(*regrouped.events)
    return {"ok": True}


@ack_handler
def on_group_update(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    regrouped = grouping.rename_group(store(), registry(), _actor(conn), payload.get("group_id"), payload.get("name"))
    fanout.publish(*regrouped.events)
    return {"ok": True}


@ack_handler
def on_group_delete(payload: dict[str, Any]) -> dict[str, Any]:
    """Dissolve a group: its notes stay, loose."""
    conn = _conn()
    regrouped = grouping.dissolve_group(store(), registry(), _actor(conn), payload.get("group_id"))
    fanout.publish(*regrouped.events)
    return {"ok": True}


@ack_handler
def on_notes_list(payload: dict[str, Any]) -> dict[str, Any]:
    """What a phone pulls to stack onto or vote on: the board's view of one activity.

    Pulled on demand instead of pushed to every phone, so a full room costs no fan-out.
    """
    conn = _conn()
    activity, _form = _activity(conn, payload.get("activity_id"))
    seen = visibility(activity, registry())
    rows = notes_mod.notes_for_activity(store(), activity["id"])
    shown = []
    for row in rows:
        view = notes_mod.view_for(row, **seen, viewer="board")
        if not row["hidden"] and not view["sealed"]:
            # The board view has no authors; a phone still needs to know which notes are its own.
            shown.append({**view, "mine": conn.participant_id is not None and row["author_id"] == conn.participant_id})
    groups = groups_mod.groups_for_activity(store(), activity["id"])
    ack: dict[str, Any] = {"ok": True, "notes": shown, "groups": groups}
    if conn.participant_id is not None:
        ack["my_votes"] = votes_mod.mine(store(), activity["id"], conn.participant_id)
    return ack


def _voting_handler(cast: Callable[..., voting.Voted]) -> Callable[..., dict[str, Any]]:
    """``vote:add`` and ``vote:remove``: the same parse → domain call → publish → ack."""

    @ack_handler
    def handler(payload: dict[str, Any]) -> dict[str, Any]:
        conn = _conn()
        voted = cast(
            store(),
            registry(),
            _actor(conn),
            note_id=payload.get("note_id"),
            group_id=payload.get("group_id"),
            throttle=lambda: _rate(conn),
        )
        fanout.publish(*voted.events)
        return {"ok": True, "my_votes": voted.mine, "votes_left": voted.votes_left}

    return handler


on_vote_add = _voting_handler(voting.add_vote)
on_vote_remove = _voting_handler(voting.remove_vote)


@ack_handler
def on_activity_lock(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    moved = agenda.set_locked(store(), registry(), _actor(conn), payload.get("activity_id"), payload.get("locked"))
    fanout.publish(*moved.events)
    return {"ok": True, "locked": moved.activity["locked"]}


@ack_handler
def on_note_reveal(payload: dict[str, Any]) -> dict[str, Any]:
    """A participant sticks one of their own notes on the board during a private phase."""
    conn = _conn()
    changed = posting.reveal_note(
        store(), registry(), _actor(conn), payload.get("note_id"), throttle=lambda: _rate(conn)
    )
    fanout.publish(*changed.events)
    return {"ok": True, "note": _view_for_conn(changed.note, changed.activity, conn)}


@ack_handler
def on_timer_set(payload: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    timed = agenda.set_timer(
        store(), registry(), _actor(conn), payload.get("activity_id"), payload.get("action"), payload.get("seconds")
    )
    fanout.publish(*timed.events)
    return {"ok": True, "timer": timed.timer}


@ack_handler
def on_spotlight_set(payload: dict[str, Any]) -> dict[str, Any]:
    """Show one note, one group, or one participant's notes large on the board (null: none)."""
    conn = _conn()
    shown = agenda.set_spotlight(store(), registry(), _actor(conn), payload)
    fanout.publish(*shown.events)
    return {"ok": True}


class EventContext(ActivityReader):
    """The door of a work format during one request (see docs/workforms.md §4): what
    :class:`~app.plugin_context.ActivityReader` reads, plus who asks and the few ways to
    change and announce. Passed to custom events, ``validate``, ``validate_edit``,
    ``note_added`` and ``note_changed``; typed for plugins as ``app.workform.Context``."""

    def __init__(self, conn: Conn, activity: dict[str, Any]) -> None:
        super().__init__(store(), activity, registry())
        self._connection = conn  # the transport's; not part of the door
        self.role = conn.role
        self.participant_id = conn.participant_id

    @property
    def is_facilitator(self) -> bool:
        return self._connection.role == "facilitator"

    def refuse(self, message: str) -> NoReturn:
        raise Refused(message)

    # --- notes ---
    def note(self, note_id: object) -> dict[str, Any]:
        """A note of this activity, or a refusal."""
        note = _note(self._connection, note_id)
        if note["activity_id"] != self.activity["id"]:
            raise Refused(_("Deze post-it hoort niet bij dit agendapunt."))
        return note

    def session_note(self, note_id: object) -> dict[str, Any]:
        """A note of any activity of this session (e.g. to turn it into an action)."""
        return _note(self._connection, note_id)

    def update_note(
        self, note: dict[str, Any], *, text: object = None, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Change a note of this activity (its text, cleaned by the core rules, and/or its
        whole ``data``), announce it and return it in the sender's view."""
        if note["activity_id"] != self.activity["id"]:
            raise Refused(_("Deze post-it hoort niet bij dit agendapunt."))
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = notes_mod.clean_text(text)
        if data is not None:
            changes["data"] = data
        if not changes:
            return _view_for_conn(note, self.activity, self._connection)
        updated = notes_mod.update_note(self._store, self.code, note, changes)
        fanout.publish(NoteUpdated(updated, self.activity))
        return _view_for_conn(updated, self.activity, self._connection)

    def update_note_data(self, note: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """``update_note(note, data=data)``: replaces ``note.data``."""
        return self.update_note(note, data=data)

    def add_note(
        self,
        text: object,
        *,
        category: str | None = None,
        data: dict[str, Any] | None = None,
        client_id: object,
        activity_id: int | None = None,
    ) -> dict[str, Any]:
        """Store a note in this activity as the sender (idempotent on ``client_id``) and announce it.
        The same domain function as ``note:add`` (app/posting.py), as the work format's own note.
        With ``activity_id`` (facilitator only) the note goes to that other activity of this
        session, and that activity's view is announced as well (its ``extra`` may list notes)."""
        target = self.activity
        if activity_id is not None and activity_id != self.activity["id"]:
            if not self.is_facilitator:
                raise Refused(_("Alleen de begeleider kan dit doen."))
            found = self.session_activity(activity_id)
            if found is None:
                raise Refused(_("Dit agendapunt bestaat niet in deze bijeenkomst."))
            target = found
        posted = posting.post_note(
            self._store,
            registry(),
            _actor(self._connection),
            target["id"],
            client_id=client_id,
            text=text,
            category=category,
            data=data,
            by_format=True,
            max_notes=limits.cap("notes"),
        )
        fanout.publish(*posted.events)
        if target is not self.activity:
            fanout.publish(ActivityUpdated(self.code, target["id"]))
        return _view_for_conn(posted.note, target, self._connection)

    # --- the work format's own state ---
    def state(self) -> dict[str, Any]:
        """The activity's stored plugin state, read afresh (a copy: changing it stores nothing)."""
        current = sessions.get_activity(self._store, self.code, self.activity["id"])
        return dict(current["state"]) if current else {}

    def set_state(self, state: dict[str, Any]) -> None:
        """Store the activity's plugin state and send the new ``activity.extra`` to whoever displays it."""
        sessions.set_activity_state(self._store, self.activity["id"], state)
        self.activity = {**self.activity, "state": state}
        self.announce()

    def update_state(self, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any]:
        """Atomic read-modify-write of the plugin state: ``change`` gets the latest state (a
        fresh copy) and returns the state to store, or None to store nothing. It runs in one
        transaction, so two facilitator tabs never overwrite each other's change, and a refusal
        inside it (``ctx.refuse``) undoes whatever it wrote (entries too). Returns the stored
        state; a stored change is announced like :meth:`set_state`."""
        with self._store.transaction():
            current = self.state()
            new = change(current)
            if new is None:
                return self.state()
            self.set_state(new)
            return new

    def announce(self) -> None:
        """Resend this activity's view (with ``extra``) as ``activity:updated``: once per
        request however often it is called, to phones only if what they display changed."""
        fanout.publish(ActivityUpdated(self.code, self.activity["id"]))

    # --- per-participant entries ---
    def put_entry(self, key: str, value: Any) -> None:
        """Store the sender's record under ``key`` (replacing their earlier one)."""
        if self.participant_id is None:
            raise Refused(_("Alleen deelnemers kunnen dit doen."))
        entries_mod.put(self._store, self.code, self.activity["id"], self.participant_id, key, value)

    def remove_entry(self, key: str) -> bool:
        """Drop the sender's record under ``key``; False when there was none."""
        if self.participant_id is None:
            return False
        return entries_mod.remove(self._store, self.activity["id"], self.participant_id, key)

    def remove_entries(self, key: str) -> None:
        """Drop everyone's record under ``key`` (facilitator only: e.g. a deleted question's answers)."""
        if not self.is_facilitator:
            raise Refused(_("Alleen de begeleider kan dit doen."))
        entries_mod.remove_key(self._store, self.activity["id"], key)

    def replace_entries(self, key: str, values: dict[int, Any]) -> None:
        """Give everyone a new record under ``key`` at once, participant id → value, dropping the
        others' (facilitator only: e.g. a rotation's start slots). One transaction."""
        if not self.is_facilitator:
            raise Refused(_("Alleen de begeleider kan dit doen."))
        people = {p["id"] for p in self.participants()}
        with self._store.transaction():
            entries_mod.remove_key(self._store, self.activity["id"], key)
            for participant_id, value in values.items():
                if participant_id in people:
                    entries_mod.put(self._store, self.code, self.activity["id"], participant_id, key, value)

    def entries(self, *, mine: bool = False) -> list[dict[str, Any]]:
        """This activity's entries, or with ``mine=True`` only the sender's."""
        return entries_mod.for_activity(
            self._store, self.activity["id"], participant_id=self.participant_id if mine else None
        )

    def stack(self, note: dict[str, Any], target: dict[str, Any]) -> int:
        """Stick ``note`` onto ``target`` (both of this activity) and resend the activity's notes."""
        if note["activity_id"] != self.activity["id"] or target["activity_id"] != self.activity["id"]:
            raise Refused(_("Je kunt alleen post-its van hetzelfde onderdeel samenvoegen."))
        if note["id"] == target["id"]:
            raise Refused(_("Een post-it kan niet op zichzelf geplakt worden."))
        group_id = groups_mod.put_together(self._store, self.code, note, target)
        fanout.publish(NotesRegrouped(self.activity))
        return group_id

    # --- the session ---
    def add_goal(self, title: object, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Add a session goal (facilitator only) and send ``goals:changed`` to everyone."""
        done = meeting.add_goal(self._store, _actor(self._connection), title, data)
        fanout.publish(*done.events)
        return done.value

    def participants(self) -> list[dict[str, Any]]:
        """Everyone who joined, oldest first, as ``{id, name}`` (names: facilitator-only use)."""
        return sessions.list_participants(self._store, self.code)


def _custom_handler(form: type[Workform], event: CustomEvent) -> Callable[..., dict[str, Any]]:
    def handle(payload: dict[str, Any]) -> dict[str, Any]:
        conn = _facilitator() if event.facilitator_only else _conn()
        if conn.role == "board":
            raise Refused(_("Het bord kan dit niet doen."))
        activity, activity_form = _activity(conn, payload.get("activity_id"))
        if activity_form is not form:
            raise Refused(_("Dit agendapunt hoort niet bij deze werkvorm."))
        _rate(conn)
        return event.handler(form(), EventContext(conn, activity), payload)

    handle.__name__ = f"{form.slug}:{event.name}"
    return ack_handler(handle)


@ack_handler
def on_goal_add(payload: dict[str, Any]) -> dict[str, Any]:
    done = meeting.add_goal(store(), _actor(_conn()), payload.get("title"))
    fanout.publish(*done.events)
    return {"ok": True, "goal": done.value}


@ack_handler
def on_goal_update(payload: dict[str, Any]) -> dict[str, Any]:
    done = meeting.update_goal(store(), _actor(_conn()), payload.get("goal_id"), payload)
    fanout.publish(*done.events)
    return {"ok": True, "goal": done.value}


@ack_handler
def on_goal_delete(payload: dict[str, Any]) -> dict[str, Any]:
    done = meeting.delete_goal(store(), _actor(_conn()), payload.get("goal_id"))
    fanout.publish(*done.events)
    return {"ok": True}


@ack_handler
def on_ambition_set(payload: dict[str, Any]) -> dict[str, Any]:
    done = meeting.set_ambition(store(), _actor(_conn()), payload.get("text"))
    fanout.publish(*done.events)
    return {"ok": True, "ambition": done.value}


def _heartbeat(app: Flask, sio: SocketIO, hub: Hub) -> None:
    """Keep this worker's presence rows alive; tell boards when a dead worker's phones expire."""
    assert hub.shared is not None
    while True:
        sio.sleep(HEARTBEAT_SECONDS)
        try:
            fallen = hub.shared.beat(hub.local_presence())
            with app.app_context():
                for code in fallen:
                    if sessions.get_session(store(), code):
                        _emit_presence(code)
        except sqlite3.ProgrammingError:
            return  # the store was closed: the app is shutting down
        except Exception:
            log.exception("presence heartbeat failed; retrying")


@ack_handler
def on_session_update(payload: dict[str, Any]) -> dict[str, Any]:
    """The facilitator switches the session language, or ends (reopens) the meeting;
    every page follows (see docs/protocol.md)."""
    actor = _actor(_conn())
    if "ended" in payload:
        if "language" in payload:
            raise Refused(_("'ended' moet waar of onwaar zijn (en alleen)."))
        done = meeting.set_ended(store(), actor, payload["ended"])
        key = "ended"
    elif "language" in payload:
        done = meeting.set_language(store(), registry(), actor, payload["language"])
        key = "language"
    elif payload.get("clock") == "start":
        done = meeting.start_clock(store(), actor)
        key = "clock_started_at"
    else:
        raise Refused(_("Er is niets om te wijzigen."))
    fanout.publish(*done.events)
    return {"ok": True, key: done.value}


@ack_handler
def on_preparation_tick(payload: dict[str, Any]) -> dict[str, Any]:
    """The facilitator ticks an item of the meeting's "Voorbereiding" checklist (issue 19)."""
    done = meeting.tick_preparation(store(), _actor(_conn()), payload.get("key"), payload.get("done"))
    fanout.publish(*done.events)
    return {"ok": True, "ticked": done.value}


@ack_handler
def on_board_page(payload: dict[str, Any]) -> dict[str, Any]:
    """Turn the board's page when its notes need more than one (static/js/fit.js)."""
    fanout.publish(*agenda.turn_board_page(_actor(_conn()), payload.get("step")))
    return {"ok": True}


CORE_EVENTS: dict[str, Callable[..., Any]] = {
    "join": on_join,
    "note:add": on_note_add,
    "note:update": on_note_update,
    "note:delete": on_note_delete,
    "note:flag": on_note_flag,
    "note:reveal": on_note_reveal,
    "note:stack": on_note_stack,
    "note:unstack": on_note_unstack,
    "group:update": on_group_update,
    "group:delete": on_group_delete,
    "notes:list": on_notes_list,
    "vote:add": on_vote_add,
    "vote:remove": on_vote_remove,
    "activity:goto": on_activity_goto,
    "activity:phase": on_activity_phase,
    "activity:update": on_activity_update,
    "activity:lock": on_activity_lock,
    "spotlight:set": on_spotlight_set,
    "timer:set": on_timer_set,
    "clock:sync": on_clock_sync,
    "goal:add": on_goal_add,
    "goal:update": on_goal_update,
    "goal:delete": on_goal_delete,
    "ambition:set": on_ambition_set,
    "session:update": on_session_update,
    "board:page": on_board_page,
    "preparation:tick": on_preparation_tick,
}


def init_app(app: Flask, sio: SocketIO, forms: Registry) -> None:
    shared = SharedPresence(app.extensions["flipover.store"]) if app.config["SHARED_PRESENCE"] else None
    limiter = RateLimiter(app.config["RATE_BURST"], app.config["RATE_PER_SECOND"])
    identities = RateLimiter(
        app.config["NEW_IDENTITIES_PER_CONNECTION_BURST"], app.config["NEW_IDENTITIES_PER_CONNECTION_PER_MINUTE"] / 60
    )
    routes = sio.server.manager if isinstance(sio.server.manager, SessionQueue) else None
    trimmer = Trimmer(sio.start_background_task, sio.sleep)
    app.extensions["flipover.trimmer"] = trimmer
    app.extensions["flipover.hub"] = hub = Hub(limiter, shared, identities, routes, trimmer.session_left)
    if shared is not None and app.config["PRESENCE_HEARTBEAT"]:
        sio.start_background_task(_heartbeat, app, sio, hub)
    for name, handler in CORE_EVENTS.items():
        sio.on_event(name, handler)
    sio.on_event("disconnect", on_disconnect)
    for form in forms:
        for event in form.custom_events():
            name = f"{form.slug}:{event.name}"
            if name in CORE_EVENTS:
                raise RuntimeError(f"workform event {name} shadows a core event")
            sio.on_event(name, _custom_handler(form, event))
