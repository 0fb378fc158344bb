"""Grouping notes, for an explicit actor: stick a note onto another (a stack) or into a
group, take it out, rename or dissolve a group.

Like app/posting.py: each function checks the rules, stores through app/groups.py and
returns its result with the typed events; the transport publishes and acks. Plain
Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import groups as groups_mod
from app.db import Store
from app.events import ActivityUpdated, Event, NotesRegrouped
from app.i18n import _
from app.posting import (
    Actor,
    Refused,
    Throttle,
    no_throttle,
    require_activity,
    require_facilitator,
    require_note,
    require_own,
    require_posting_open,
    stack_target,
)
from app.registry import Registry
from app.state import visibility
from app.workform import Workform


@dataclass
class Regrouped:
    activity: dict[str, Any]
    group_id: int | None = None
    events: list[Event] = field(default_factory=list)


def require_group(
    store: Store, registry: Registry, code: str, group_id: object
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A group of this session and its activity, or a refusal."""
    group = groups_mod.get_group(store, code, group_id)
    if group is None:
        raise Refused(_("Deze groep bestaat niet (meer)."))
    activity, _form = require_activity(store, registry, code, group["activity_id"])
    return group, activity


def _may_regroup(
    registry: Registry,
    actor: Actor,
    note: dict[str, Any],
    activity: dict[str, Any],
    form: type[Workform],
    throttle: Throttle,
) -> None:
    """Participants regroup only their own notes, only while sticking notes up; facilitators always."""
    if actor.is_facilitator:
        return
    require_own(actor, note)
    require_posting_open(activity, form)
    if visibility(activity, registry)["private"]:
        raise Refused(_("Samenvoegen kan pas als alle post-its op het bord staan."))
    throttle()


def stack_note(
    store: Store,
    registry: Registry,
    actor: Actor,
    note_id: object,
    *,
    group_id: object = None,
    target_note_id: object = None,
    throttle: Throttle = no_throttle,
) -> Regrouped:
    """Stick a note onto another one ("Plak jouw post-it hierbij"), or into a group."""
    note = require_note(store, actor.code, note_id)
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    _may_regroup(registry, actor, note, activity, form, throttle)
    if group_id is not None:
        group, group_activity = require_group(store, registry, actor.code, group_id)
        if group_activity["id"] != activity["id"]:
            raise Refused(_("Deze groep bestaat niet bij dit onderdeel."))
        groups_mod.move_into(store, note, group["id"])
        into = group["id"]
    else:
        target = stack_target(store, registry, actor.code, activity, target_note_id)
        if target["id"] == note["id"]:
            raise Refused(_("Een post-it kan niet op zichzelf geplakt worden."))
        into = groups_mod.put_together(store, actor.code, note, target)
    return Regrouped(activity, into, [NotesRegrouped(activity)])


def unstack_note(
    store: Store, registry: Registry, actor: Actor, note_id: object, *, throttle: Throttle = no_throttle
) -> Regrouped:
    """Take a note out of its group or stack."""
    note = require_note(store, actor.code, note_id)
    activity, form = require_activity(store, registry, actor.code, note["activity_id"])
    _may_regroup(registry, actor, note, activity, form, throttle)
    if note["group_id"] is None:
        raise Refused(_("Deze post-it zit niet in een groep."))
    groups_mod.move_into(store, note, None)
    return Regrouped(activity, None, [NotesRegrouped(activity)])


def rename_group(store: Store, registry: Registry, actor: Actor, group_id: object, name: object) -> Regrouped:
    """The facilitator names a group."""
    require_facilitator(actor)
    group, activity = require_group(store, registry, actor.code, group_id)
    if not isinstance(name, str):
        raise Refused(_("Geef de groep een naam (tekst)."))
    groups_mod.rename(store, group["id"], groups_mod.clean_name(name))
    return Regrouped(activity, group["id"], [NotesRegrouped(activity)])


def dissolve_group(store: Store, registry: Registry, actor: Actor, group_id: object) -> Regrouped:
    """The facilitator dissolves a group: its notes stay, loose; its dots go with it."""
    require_facilitator(actor)
    group, activity = require_group(store, registry, actor.code, group_id)
    groups_mod.dissolve(store, group["id"])
    return Regrouped(activity, None, [NotesRegrouped(activity), ActivityUpdated(actor.code, activity["id"])])
