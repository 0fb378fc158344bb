"""Where a note gets posted, edited and deleted: the rules, for an explicit actor.

Each domain function takes who acts (:class:`Actor`), checks every rule (who may,
the phase, the limits, the work format's own checks), stores, and returns the
result with the typed change events (app/events.py) to publish. It never
publishes, emits or acks: the transport does that (app/realtime.py: parse →
domain call → publish → ack). A rule that fails raises :class:`Refused` with a
message for the person who asked. There is one path to store a note: the phone's
``note:add`` and a work format's ``ctx.add_note`` both come through
:func:`post_note`. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app import groups as groups_mod
from app import notes as notes_mod
from app import sessions
from app.db import Store
from app.errors import UserError
from app.events import Event, NoteAdded, NoteDeleted, NotesRegrouped, NoteUpdated, SpotlightChanged
from app.i18n import _, ngettext
from app.registry import Registry
from app.state import notes_limit, visibility
from app.workform import Context, NoteChange, Workform


class Refused(UserError):
    """A rule said no; the message (Dutch by default) is for the person who asked."""


@dataclass(frozen=True)
class Actor:
    """Who acts: their session, their role (``participant``, ``board``, ``facilitator``)
    and, for a participant, their id."""

    code: str
    role: str
    participant_id: int | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"


# The transport's per-participant rate limit, asked at the point the rules put it.
Throttle = Callable[[], None]
# Builds the work format's door (app.realtime.EventContext) for a hook of this activity.
Door = Callable[[dict[str, Any]], Context]


def no_throttle() -> None:
    return None


@dataclass
class Posted:
    note: dict[str, Any]  # as stored (author included); the transport makes the viewer's view
    activity: dict[str, Any]
    form: type[Workform]
    created: bool
    duplicate: bool = False  # a retried client_id: the stored note, nothing new
    stacked: bool = False  # stuck onto another note (``stack_on``)
    events: list[Event] = field(default_factory=list)


@dataclass
class Changed:
    note: dict[str, Any]  # after the change (for ``deleted``: as it was)
    activity: dict[str, Any]
    form: type[Workform]
    changes: list[NoteChange]  # what the work format's note_changed hook hears
    events: list[Event] = field(default_factory=list)


# --- lookups every rule starts from ---------------------------------------------------------


def require_activity(
    store: Store, registry: Registry, code: str, activity_id: object
) -> tuple[dict[str, Any], type[Workform]]:
    activity = sessions.get_activity(store, code, activity_id)
    if activity is None:
        raise Refused(_("Dit agendapunt bestaat niet in deze bijeenkomst."))
    form = registry.get(activity["workform"])
    if form is None:
        raise Refused(_("Deze werkvorm is niet geïnstalleerd."))
    return activity, form


def require_note(store: Store, code: str, note_id: object) -> dict[str, Any]:
    note = notes_mod.get_note(store, code, note_id)
    if note is None:
        raise Refused(_("Deze post-it bestaat niet (meer)."))
    return note


def require_own(actor: Actor, note: dict[str, Any]) -> None:
    """Participants change only their own notes; facilitators any."""
    if actor.is_facilitator:
        return
    if actor.role != "participant" or note["author_id"] != actor.participant_id:
        raise Refused(_("Je kunt alleen je eigen post-its aanpassen."))


def require_posting_open(activity: dict[str, Any], form: type[Workform]) -> None:
    if not form.accepts_notes:
        raise Refused(_("Bij dit agendapunt plak je geen post-its."))
    if activity["locked"]:
        raise Refused(_("De begeleider heeft dit onderdeel op slot gezet: even niets plakken."))
    phase = form.phase(activity["phase"])
    if phase is not None and not phase.posting:
        raise Refused(_("Plakken is gesloten: we zijn aan het %(phase)s.", phase=str(phase.title).lower()))


def stack_target(store: Store, registry: Registry, code: str, activity: dict[str, Any], target_id: object) -> dict:
    """The note someone wants to stick theirs onto: on the board, in the same activity."""
    target = require_note(store, code, target_id)
    if target["activity_id"] != activity["id"]:
        raise Refused(_("Je kunt alleen post-its van hetzelfde onderdeel samenvoegen."))
    seen = visibility(activity, registry)
    if target["hidden"] or notes_mod.view_for(target, **seen, viewer="board")["sealed"]:
        raise Refused(_("Die post-it staat (nog) niet op het bord."))
    return target


def _same_post(stored: dict[str, Any], actor: Actor, activity: dict[str, Any]) -> None:
    """A client_id may only ever return its own author's note in the same activity."""
    if stored["author_id"] != actor.participant_id or stored["activity_id"] != activity["id"]:
        raise Refused(_("Ongeldige post-it (de verzendcode is al gebruikt)."))


def require_room_for_note(store: Store, code: str, max_notes: int) -> None:
    """The session's cap on notes (all activities together): a flood fills no disk."""
    with store.reading() as db:
        row = db.execute("select note_count from sessions where code = ?", [code]).fetchone()
    if row is not None and row[0] >= max_notes:
        raise Refused(
            _(
                "Deze bijeenkomst zit vol: er staan al %(max)s post-its in. "
                "De begeleider kan post-its verwijderen of een nieuwe bijeenkomst beginnen.",
                max=max_notes,
            )
        )


# --- the domain functions ----------------------------------------------------------------------


def post_note(
    store: Store,
    registry: Registry,
    actor: Actor,
    activity_id: object,
    *,
    client_id: object,
    text: object,
    category: object = None,
    data: object = None,
    stack_on: object = None,
    throttle: Throttle = no_throttle,
    door: Door | None = None,
    by_format: bool = False,
    max_notes: int | None = None,
) -> Posted:
    """Store a note in an activity for ``actor``, once per ``client_id`` (a retry returns the
    stored note, ``duplicate``).

    A note from a client (``note:add``) meets every rule, in this order: not the board; a
    known activity; a client_id; the rate limit (``throttle``); posting open (the format
    takes notes, not locked, a posting phase); the text rules; a known category; the
    per-participant maximum; the format's ``validate()`` (given ``door(activity)``); a
    stack target on the board; the session's cap on notes (``max_notes``, app/limits.py).
    A note a work format stores itself (``by_format``,
    ``ctx.add_note``) keeps the rules on text, client_id and category; the format's own
    event already decided the rest (it may post where phones cannot, e.g. the action
    plan), and a client_id already used is returned for the format to judge.
    """
    if actor.role == "board":
        raise Refused(_("Het bord kan geen post-its plakken."))
    activity, form = require_activity(store, registry, actor.code, activity_id)
    # A format's note: the text is checked first, as the format's own fields were.
    clean_text = notes_mod.clean_text(text) if by_format else ""
    clean_id = notes_mod.clean_client_id(client_id)
    existing = notes_mod.find_by_client_id(store, actor.code, clean_id)
    if existing is not None:
        if not by_format:
            _same_post(existing, actor, activity)
        return Posted(existing, activity, form, created=False, duplicate=True)
    if by_format:
        kind = None
        if category is not None:
            found = form.category(category) if isinstance(category, str) else None
            if found is None:
                raise Refused(_("Onbekende soort post-it."))
            kind = found.slug
        stored_data = dict(data) if isinstance(data, dict) else {}
        target = None
    else:
        throttle()
        require_posting_open(activity, form)
        clean_text = notes_mod.clean_text(text)
        found = form.category(category)  # type: ignore[arg-type]
        if form.categories and found is None:
            raise Refused(_("Onbekende soort post-it."))
        kind = found.slug if found else None
        if actor.role == "participant":
            mine = notes_mod.count_by_author(store, activity["id"], actor.participant_id)  # type: ignore[arg-type]
            limit = notes_limit(activity, form)
            if mine >= limit:
                raise Refused(
                    ngettext(
                        "Je hebt hier al %(num)s post-it geplaatst, het maximum. Je kunt hem nog aanpassen.",
                        "Je hebt hier al %(num)s post-its geplaatst, het maximum. Je kunt ze nog aanpassen.",
                        limit,
                    )
                )
        if door is None:
            raise RuntimeError("post_note needs the work format's door for validate()")
        problem, stored_data = form().validate(clean_text, kind, data, door(activity))
        if problem:
            raise Refused(problem)
        target = stack_target(store, registry, actor.code, activity, stack_on) if stack_on is not None else None
    if max_notes is not None:
        require_room_for_note(store, actor.code, max_notes)
    note, created = notes_mod.add_note(
        store,
        code=actor.code,
        activity_id=activity["id"],
        participant_id=actor.participant_id,
        client_id=clean_id,
        text=clean_text,
        category=kind,
        data=stored_data,
        # A note posted in the open stays on the board, even if private writing starts later.
        revealed=not visibility(activity, registry)["private"],
    )
    if not created:
        # Another request stored this client_id between our lookup and insert: answer with
        # it (not marked a duplicate: the asker could not know).
        if not by_format:
            _same_post(note, actor, activity)
        return Posted(note, activity, form, created=False)
    posted = Posted(note, activity, form, created=True, events=[NoteAdded(note, activity)])
    if target is not None:
        groups_mod.put_together(store, actor.code, note, target)
        posted.note = notes_mod.get_note(store, actor.code, note["id"]) or note
        posted.stacked = True
        posted.events.append(NotesRegrouped(activity))
    return posted


def update_note(
    store: Store,
    registry: Registry,
    actor: Actor,
    note_id: object,
    changes: dict[str, Any],
    *,
    throttle: Throttle = no_throttle,
    door: Door | None = None,
) -> Changed:
    """Change a note's ``text``, ``category`` and (facilitator only) ``hidden``, the keys
    present in ``changes``. Participants: their own notes, at the rate limit, while
    posting is open. A new text meets the text rules and the format's ``validate_edit()``."""
    note = require_note(store, actor.code, note_id)
    require_own(actor, note)
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    row: dict[str, Any] = {}
    if "text" in changes:
        row["text"] = notes_mod.clean_text(changes["text"])
        if form.validate_edit is not Workform.validate_edit:
            if door is None:
                raise RuntimeError("update_note needs the work format's door for validate_edit()")
            problem = form().validate_edit(row["text"], note, door(activity))
            if problem:
                raise Refused(problem)
    if "category" in changes:
        category = form.category(changes["category"]) if isinstance(changes["category"], str) else None
        if category is None:
            raise Refused(_("Onbekende soort post-it."))
        row["category"] = category.slug
    if "hidden" in changes:
        if not actor.is_facilitator:
            raise Refused(_("Alleen de begeleider kan post-its verbergen."))
        if not isinstance(changes["hidden"], bool):
            raise Refused(_("'hidden' moet waar of onwaar zijn."))
        row["hidden"] = changes["hidden"]
    if not row:
        raise Refused(_("Er is niets om te wijzigen."))
    if actor.role == "participant":
        throttle()
        require_posting_open(activity, form)
    updated = notes_mod.update_note(store, actor.code, note, row)
    result = Changed(updated, activity, form, changes=[], events=[NoteUpdated(updated, activity)])
    if updated["hidden"]:
        result.events += _clear_spotlight_on(store, actor.code, updated["id"])
    if updated["hidden"] != note["hidden"]:
        result.changes.append("hidden" if updated["hidden"] else "restored")
    if "text" in row or "category" in row:
        result.changes.append("edited")
    return result


def delete_note(
    store: Store, registry: Registry, actor: Actor, note_id: object, *, throttle: Throttle = no_throttle
) -> Changed:
    """Delete a note (its dots go with it). Participants: their own, at the rate limit,
    while posting is open."""
    note = require_note(store, actor.code, note_id)
    require_own(actor, note)
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    if actor.role == "participant":
        throttle()
        require_posting_open(activity, form)
    notes_mod.delete_note(store, note["id"])
    groups_mod.prune_after_delete(store, note["group_id"])
    events: list[Event] = [NoteDeleted(actor.code, note["id"], note["activity_id"], note["author_id"])]
    events += _clear_spotlight_on(store, actor.code, note["id"])
    if note["group_id"] is not None:
        events.append(NotesRegrouped(activity))
    return Changed(note, activity, form, changes=["deleted"], events=events)


def _clear_spotlight_on(store: Store, code: str, note_id: int) -> list[Event]:
    """A note that leaves the board leaves the spotlight too."""
    session = sessions.get_session(store, code)
    if session and session["spotlight"] and session["spotlight"].get("note_id") == note_id:
        sessions.set_spotlight(store, code, None)
        return [SpotlightChanged(code)]
    return []


def require_facilitator(actor: Actor) -> None:
    if not actor.is_facilitator:
        raise Refused(_("Alleen de begeleider kan dit doen."))


def flag_note(store: Store, registry: Registry, actor: Actor, note_id: object, field: object, value: object) -> Changed:
    """The facilitator toggles one of the format's ``note_actions`` on a note (``data[field]``)."""
    require_facilitator(actor)
    note = require_note(store, actor.code, note_id)
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    if field not in {a.field for a in form.note_actions}:
        raise Refused(_("Deze markering bestaat niet bij deze werkvorm."))
    if not isinstance(value, bool):
        raise Refused(_("'value' moet waar of onwaar zijn."))
    updated = notes_mod.update_note(store, actor.code, note, {"data": {**note["data"], field: value}})
    return Changed(updated, activity, form, changes=[], events=[NoteUpdated(updated, activity)])


def reveal_note(
    store: Store, registry: Registry, actor: Actor, note_id: object, *, throttle: Throttle = no_throttle
) -> Changed:
    """A participant sticks one of their own notes on the board during a private phase."""
    note = require_note(store, actor.code, note_id)
    if actor.role != "participant" or note["author_id"] != actor.participant_id:
        raise Refused(_("Je kunt alleen je eigen post-its op het bord plakken."))
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    if not visibility(activity, registry)["private"]:
        raise Refused(_("Alle post-its staan al op het bord."))
    throttle()
    updated = notes_mod.update_note(store, actor.code, note, {"revealed": True})
    return Changed(updated, activity, form, changes=[], events=[NoteUpdated(updated, activity)])
