"""Moving through the agenda, for an explicit actor: the current item, an activity's phase,
its texts and voting limits, its lock, its timer, the spotlight and the board's page.

Like app/posting.py: facilitator-only rules live here, and each function returns the
typed events of what changed (the whole agenda only when the agenda itself moves); the
transport publishes them and acks. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import notes as notes_mod
from app import photos as photos_mod
from app import sessions
from app import timer as timer_mod
from app.db import Store
from app.events import (
    ActivityUpdated,
    AgendaChanged,
    BoardPageTurned,
    Event,
    NotesRegrouped,
    SpotlightChanged,
    TimerChanged,
)
from app.grouping import require_group
from app.i18n import _
from app.posting import Actor, Refused, require_activity, require_facilitator, require_note
from app.registry import Registry
from app.state import phase_timer_minutes, visibility

VOTING_KEYS = ("votes_per_participant", "max_votes_per_item")
MAX_NOTES_PER_PERSON = 100
TEXT_KEYS = ("title", "prompt", "body")


@dataclass
class Moved:
    activity: dict[str, Any]
    events: list[Event] = field(default_factory=list)


@dataclass
class Timed:
    timer: dict[str, Any] | None  # the client view (app.timer.view), as the ack carries it
    events: list[Event] = field(default_factory=list)


@dataclass
class Shown:
    spotlight: dict[str, Any] | None  # as stored on the session
    events: list[Event] = field(default_factory=list)


def goto(store: Store, registry: Registry, actor: Actor, activity_id: object) -> Moved:
    """Make an activity the current one (the spotlight goes out)."""
    require_facilitator(actor)
    activity, _form = require_activity(store, registry, actor.code, activity_id)
    sessions.set_current_activity(store, actor.code, activity["id"], timer_mod.now_ms())
    return Moved(activity, [AgendaChanged(actor.code), SpotlightChanged(actor.code)])


def set_phase(store: Store, registry: Registry, actor: Actor, activity_id: object, phase_slug: object) -> Moved:
    """Move an activity to one of its format's phases; leaving private writing reveals every note."""
    require_facilitator(actor)
    activity, form = require_activity(store, registry, actor.code, activity_id)
    phase = form.phase(phase_slug) if isinstance(phase_slug, str) else None
    if phase is None:
        names = ", ".join(p.slug for p in form.phases) or _("geen")
        raise Refused(_("Onbekende fase voor deze werkvorm (mogelijk: %(names)s).", names=names))
    was_private = visibility(activity, registry)["private"]
    sessions.set_phase(store, activity["id"], phase.slug)
    moved = Moved({**activity, "phase": phase.slug}, [ActivityUpdated(actor.code, activity["id"])])
    if was_private and not phase.private:
        # Leaving private writing reveals every note at once, for good.
        notes_mod.reveal_all(store, activity["id"])
        moved.events.append(NotesRegrouped(moved.activity))
    return moved


def update_activity(
    store: Store, registry: Registry, actor: Actor, activity_id: object, changes: dict[str, Any]
) -> Moved:
    """Change an activity's title, prompt, body, anonymity, voting limits, notes per person
    and planned minutes (the keys present; ``minutes: null`` takes the item out of the plan)."""
    require_facilitator(actor)
    activity, form = require_activity(store, registry, actor.code, activity_id)
    keys = [
        key for key in (*TEXT_KEYS, "anonymous", *VOTING_KEYS, "notes_per_participant", "minutes") if key in changes
    ]
    if not keys:
        raise Refused(_("Er is niets om te wijzigen."))
    for key in keys:
        value = changes[key]
        if key == "minutes":
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= sessions.MAX_ITEM_MINUTES
            ):
                raise Refused(_("Minuten zijn een heel getal van 1 tot %(most)s.", most=sessions.MAX_ITEM_MINUTES))
        elif key == "notes_per_participant":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_NOTES_PER_PERSON:
                raise Refused(
                    _("Post-its per persoon is een heel getal van 1 tot %(most)s.", most=MAX_NOTES_PER_PERSON)
                )
        elif key in VOTING_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 20:
                raise Refused(_("Het aantal stemmen moet een heel getal van 1 tot 20 zijn."))
        elif not isinstance(value, bool if key == "anonymous" else str):
            if key == "anonymous":
                raise Refused(_("'%(key)s' moet waar of onwaar zijn.", key=key))
            raise Refused(_("'%(key)s' moet tekst zijn.", key=key))
    if form.always_anonymous and changes.get("anonymous", True) is not True:
        raise Refused(_("Deze werkvorm is altijd anoniem: de namen kunnen niet aan."))
    sessions.update_activity(store, activity["id"], changes)
    moved = Moved(activity, [ActivityUpdated(actor.code, activity["id"])])
    if "anonymous" in changes and changes["anonymous"] != activity["anonymous"]:
        moved.events.append(NotesRegrouped({**activity, "anonymous": changes["anonymous"]}))
    return moved


def set_locked(store: Store, registry: Registry, actor: Actor, activity_id: object, locked: object) -> Moved:
    """Lock an activity (nobody posts, votes or regroups) or open it again."""
    require_facilitator(actor)
    activity, _form = require_activity(store, registry, actor.code, activity_id)
    if not isinstance(locked, bool):
        raise Refused(_("'locked' moet waar of onwaar zijn."))
    sessions.set_locked(store, activity["id"], locked)
    return Moved({**activity, "locked": locked}, [ActivityUpdated(actor.code, activity["id"])])


def set_timer(
    store: Store, registry: Registry, actor: Actor, activity_id: object, action: object, seconds: object
) -> Timed:
    """Start, pause, resume, extend or reset an activity's timer. A start without seconds
    takes the current phase's minutes (5 when the phase names none)."""
    require_facilitator(actor)
    activity, form = require_activity(store, registry, actor.code, activity_id)
    if action not in timer_mod.ACTIONS:
        raise Refused(_("Onbekende timer-actie (mogelijk: %(actions)s).", actions=", ".join(timer_mod.ACTIONS)))
    if action == "start" and seconds is None:
        seconds = (phase_timer_minutes(form, activity) or 5) * 60
    now = timer_mod.now_ms()
    timer = timer_mod.apply(activity["timer"], action, seconds, now)
    sessions.set_timer(store, activity["id"], timer)
    view = timer_mod.view(timer, now)
    return Timed(view, [TimerChanged(actor.code, activity["id"], view)])


def set_spotlight(store: Store, registry: Registry, actor: Actor, target: dict[str, Any]) -> Shown:
    """Show one note, one group, one participant's notes or one photo of a paper flip-over
    (``activity_id`` + ``photo_id``) large on the board; a target without any of
    ``note_id``, ``group_id``, ``participant_id``, ``photo_id`` turns the spotlight off.

    Only what the board may show goes in: not a hidden note, not a sealed one, not a
    person in an anonymous activity.
    """
    require_facilitator(actor)
    spotlight: dict[str, Any] | None
    if target.get("photo_id") is not None:
        # A photo of a paper flip-over (app/photos.py), shown large on the board.
        activity, _form = require_activity(store, registry, actor.code, target.get("activity_id"))
        photo = photos_mod.get(store, actor.code, activity["id"], target["photo_id"])
        if photo is None:
            raise Refused(_("Deze foto bestaat niet (meer)."))
        spotlight = {"activity_id": activity["id"], "photo_id": photo["id"]}
    elif target.get("group_id") is not None:
        group, _activity = require_group(store, registry, actor.code, target["group_id"])
        spotlight = {"activity_id": group["activity_id"], "group_id": group["id"]}
    elif target.get("participant_id") is not None:
        activity, _form = require_activity(store, registry, actor.code, target.get("activity_id"))
        if activity["anonymous"]:
            raise Refused(_("Deze werkvorm is anoniem: zet eerst de namen aan om iemand uit te lichten."))
        participant_id = target["participant_id"]
        authors = {n["author_id"] for n in notes_mod.notes_for_activity(store, activity["id"])}
        if participant_id not in authors:
            raise Refused(_("Deze deelnemer heeft hier geen post-its."))
        spotlight = {"activity_id": activity["id"], "participant_id": participant_id}
    elif target.get("note_id") is None:
        spotlight = None
    else:
        note = require_note(store, actor.code, target["note_id"])
        if note["hidden"]:
            raise Refused(_("Een verborgen post-it kan niet worden uitgelicht."))
        activity, _form = require_activity(store, registry, actor.code, note["activity_id"])
        if notes_mod.view_for(note, **visibility(activity, registry), viewer="board")["sealed"]:
            raise Refused(_("Deze post-it is nog niet onthuld: ga eerst naar de volgende fase."))
        spotlight = {"activity_id": note["activity_id"], "note_id": note["id"]}
    sessions.set_spotlight(store, actor.code, spotlight)
    return Shown(spotlight, [SpotlightChanged(actor.code)])


def turn_board_page(actor: Actor, step: object) -> list[Event]:
    """Turn the board's page when its notes need more than one (static/js/fit.js)."""
    require_facilitator(actor)
    if step not in (1, -1) or isinstance(step, bool):
        raise Refused(_("'step' moet 1 of -1 zijn."))
    assert isinstance(step, int)
    return [BoardPageTurned(actor.code, step)]
