"""Dot voting, for an explicit actor: place or take back a dot on a note or a group.

Like app/posting.py: the rules (participants only, a note on the board, the voting
round open, the limits in app/votes.py) live here; the transport publishes the
returned events and acks. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import votes as votes_mod
from app.db import Store
from app.events import Event, VotesProgress
from app.grouping import require_group
from app.i18n import _
from app.posting import Actor, Refused, Throttle, no_throttle, require_activity, require_note
from app.registry import Registry
from app.state import voting_limits


@dataclass
class Voted:
    activity: dict[str, Any]
    mine: dict[str, int]  # the voter's dots per item key
    votes_left: int
    events: list[Event] = field(default_factory=list)


def _target(
    store: Store, registry: Registry, actor: Actor, note_id: object, group_id: object
) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The activity, the voted item and the voter's participant id."""
    if actor.role != "participant" or actor.participant_id is None:
        raise Refused(_("Alleen deelnemers stemmen."))
    if group_id is not None:
        group, activity = require_group(store, registry, actor.code, group_id)
        item = {"id": None, "group_id": group["id"]}
    else:
        note = require_note(store, actor.code, note_id)
        activity, _form = require_activity(store, registry, actor.code, note["activity_id"])
        if note["hidden"]:
            raise Refused(_("Deze post-it staat niet op het bord."))
        item = note
    if activity["phase"] != votes_mod.VOTING_PHASE or activity["locked"]:
        raise Refused(_("Stemmen kan alleen als de begeleider de stemronde heeft geopend."))
    return activity, item, actor.participant_id


def _voted(registry: Registry, activity: dict[str, Any], mine: dict[str, int]) -> Voted:
    left = voting_limits(activity, registry)["per_person"] - sum(mine.values())
    return Voted(activity, mine, left, [VotesProgress(activity["session_code"], activity["id"])])


def add_vote(
    store: Store,
    registry: Registry,
    actor: Actor,
    *,
    note_id: object = None,
    group_id: object = None,
    throttle: Throttle = no_throttle,
) -> Voted:
    """Place one of the participant's dots on a note or a group, within the activity's limits."""
    activity, item, voter = _target(store, registry, actor, note_id, group_id)
    throttle()
    limits = voting_limits(activity, registry)
    mine = votes_mod.add(
        store,
        code=actor.code,
        activity_id=activity["id"],
        participant_id=voter,
        note=item,
        per_person=limits["per_person"],
        per_item=limits["per_item"],
    )
    return _voted(registry, activity, mine)


def remove_vote(
    store: Store,
    registry: Registry,
    actor: Actor,
    *,
    note_id: object = None,
    group_id: object = None,
    throttle: Throttle = no_throttle,
) -> Voted:
    """Take one of the participant's dots back from a note or a group."""
    activity, item, voter = _target(store, registry, actor, note_id, group_id)
    throttle()
    mine = votes_mod.remove(
        store,
        activity_id=activity["id"],
        participant_id=voter,
        note=item,
    )
    return _voted(registry, activity, mine)
