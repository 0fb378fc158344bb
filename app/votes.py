"""Dot voting: plain storage and rule functions.

A dot goes on an item: a group, or a note in no group. Item keys are
``"g:<id>"`` and ``"n:<id>"`` everywhere (wire, board, report).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.clock import now_iso
from app.db import Store
from app.errors import UserError
from app.i18n import _, ngettext

VOTING_PHASE = "stemmen"


class VoteError(UserError):
    """A dot that cannot be placed or taken back."""


def item_key(note: dict[str, Any]) -> str:
    """What a dot on this note counts for: its group if it has one."""
    return f"g:{note['group_id']}" if note["group_id"] is not None else f"n:{note['id']}"


def _rows(db, activity_id: int, participant_id: int | None = None) -> list[dict[str, Any]]:
    sql = "select * from votes where activity_id = ?"
    params: list[Any] = [activity_id]
    if participant_id is not None:
        sql += " and participant_id = ?"
        params.append(participant_id)
    return list(db.query(sql, params))


def _key(row: dict[str, Any]) -> str:
    return f"g:{row['group_id']}" if row["group_id"] is not None else f"n:{row['note_id']}"


def mine(store: Store, activity_id: int, participant_id: int) -> dict[str, int]:
    with store.reading() as db:
        return dict(Counter(_key(r) for r in _rows(db, activity_id, participant_id)))


def totals(store: Store, activity_id: int) -> dict[str, int]:
    with store.reading() as db:
        return dict(Counter(_key(r) for r in _rows(db, activity_id)))


def progress(store: Store, activity_id: int) -> dict[str, int]:
    """How many dots were placed and by how many people (no totals per item)."""
    with store.reading() as db:
        rows = _rows(db, activity_id)
    return {"cast": len(rows), "voters": len({r["participant_id"] for r in rows})}


def add(
    store: Store,
    *,
    code: str,
    activity_id: int,
    participant_id: int,
    note: dict[str, Any],
    per_person: int,
    per_item: int,
) -> dict[str, int]:
    """Place one dot; checks both limits inside the same transaction."""
    key = item_key(note)
    with store.transaction() as db:
        placed = Counter(_key(r) for r in _rows(db, activity_id, participant_id))
        if sum(placed.values()) >= per_person:
            raise VoteError(
                _("Je hebt al je %(n)s stemmen gebruikt. Haal er een weg om opnieuw te kiezen.", n=per_person)
            )
        if placed[key] >= per_item:
            raise VoteError(
                ngettext(
                    "Je kunt hier maximaal %(num)s stem op geven.",
                    "Je kunt hier maximaal %(num)s stemmen op geven.",
                    per_item,
                )
            )
        db.table("votes").insert(
            {
                "session_code": code,
                "activity_id": activity_id,
                "participant_id": participant_id,
                "note_id": None if note["group_id"] is not None else note["id"],
                "group_id": note["group_id"],
                "created_at": now_iso(),
            }
        )
        placed[key] += 1
    return dict(placed)


def remove(store: Store, *, activity_id: int, participant_id: int, note: dict[str, Any]) -> dict[str, int]:
    """Take back one of your dots from this item."""
    key = item_key(note)
    with store.transaction() as db:
        rows = [r for r in _rows(db, activity_id, participant_id) if _key(r) == key]
        if not rows:
            raise VoteError(_("Je hebt hier geen stem op gegeven."))
        db.execute("delete from votes where id = ?", [rows[-1]["id"]])
    return mine(store, activity_id, participant_id)
