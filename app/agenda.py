"""Moving through the agenda, for an explicit actor: the current item, an activity's phase,
its texts and voting limits, its lock.

Like app/posting.py: facilitator-only rules live here, and each function returns the
typed events of what changed (the whole agenda only when the agenda itself moves); the
transport publishes them and acks. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import notes as notes_mod
from app import sessions
from app.db import Store
from app.events import ActivityUpdated, AgendaChanged, Event, NotesRegrouped, SpotlightChanged
from app.i18n import _
from app.posting import Actor, Refused, require_activity, require_facilitator
from app.registry import Registry
from app.state import visibility

VOTING_KEYS = ("votes_per_participant", "max_votes_per_item")
TEXT_KEYS = ("title", "prompt", "body")


@dataclass
class Moved:
    activity: dict[str, Any]
    events: list[Event] = field(default_factory=list)


def goto(store: Store, registry: Registry, actor: Actor, activity_id: object) -> Moved:
    """Make an activity the current one (the spotlight goes out)."""
    require_facilitator(actor)
    activity, _form = require_activity(store, registry, actor.code, activity_id)
    sessions.set_current_activity(store, actor.code, activity["id"])
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
    """Change an activity's title, prompt, body, anonymity and voting limits (the keys present)."""
    require_facilitator(actor)
    activity, _form = require_activity(store, registry, actor.code, activity_id)
    keys = [key for key in (*TEXT_KEYS, "anonymous", *VOTING_KEYS) if key in changes]
    if not keys:
        raise Refused(_("Er is niets om te wijzigen."))
    for key in keys:
        value = changes[key]
        if key in VOTING_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 20:
                raise Refused(_("Het aantal stemmen moet een heel getal van 1 tot 20 zijn."))
        elif not isinstance(value, bool if key == "anonymous" else str):
            if key == "anonymous":
                raise Refused(_("'%(key)s' moet waar of onwaar zijn.", key=key))
            raise Refused(_("'%(key)s' moet tekst zijn.", key=key))
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
