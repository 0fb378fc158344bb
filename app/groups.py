"""Groups of notes (stacks are groups without a name): plain storage functions.

A group lives in one activity. It disappears when its last note leaves; an
unnamed stack also dissolves when only one note is left in it, since a stack
of one is just a note.
"""

from __future__ import annotations

from typing import Any

from app.clock import now_iso
from app.db import Store

MAX_NAME = 60


def _view(row: dict[str, Any]) -> dict[str, Any]:
    """A group as clients get it; ``top_note_id`` is the note it was started on (shown on top
    of a stack while it is still in it)."""
    return {
        "id": row["id"],
        "activity_id": row["activity_id"],
        "name": row["name"] or "",
        "top_note_id": row.get("top_note_id"),
    }


def list_groups(store: Store, code: str) -> list[dict[str, Any]]:
    with store.reading() as db:
        return [_view(r) for r in db["groups"].rows_where("session_code = ?", [code], order_by="id")]


def groups_for_activity(store: Store, activity_id: int) -> list[dict[str, Any]]:
    with store.reading() as db:
        return [_view(r) for r in db["groups"].rows_where("activity_id = ?", [activity_id], order_by="id")]


def get_group(store: Store, code: str, group_id: object) -> dict[str, Any] | None:
    if not isinstance(group_id, int) or isinstance(group_id, bool):
        return None
    # One row by its key (scoped to the session), not the session's whole list.
    with store.reading() as db:
        rows = list(db["groups"].rows_where("id = ? and session_code = ?", [group_id, code]))
    return _view(rows[0]) if rows else None


def clean_name(name: object) -> str:
    return " ".join(name.split())[:MAX_NAME] if isinstance(name, str) else ""


def put_together(store: Store, code: str, note: dict[str, Any], target: dict[str, Any]) -> int:
    """Stick ``note`` onto ``target`` (same activity): into target's group, or a new stack of both.

    Returns the group id; prunes the group the note came from.
    """
    with store.transaction() as db:
        group_id = target["group_id"]
        if group_id is None:
            group_id = (
                db.table("groups")
                .insert(
                    {
                        "session_code": code,
                        "activity_id": target["activity_id"],
                        "name": "",
                        "created_at": now_iso(),
                        "top_note_id": target["id"],
                    }
                )
                .last_pk
            )
            _move(db, target["id"], group_id)
        previous = note["group_id"]
        _move(db, note["id"], group_id)
        if previous is not None and previous != group_id:
            _prune(db, previous)
    return group_id


def move_into(store: Store, note: dict[str, Any], group_id: int | None) -> None:
    """Put a note into an existing group, or out of any group (None)."""
    with store.transaction() as db:
        previous = note["group_id"]
        _move(db, note["id"], group_id)
        if previous is not None and previous != group_id:
            _prune(db, previous)


def rename(store: Store, group_id: int, name: str) -> None:
    with store.transaction() as db:
        db.table("groups").update(group_id, {"name": name})


def dissolve(store: Store, group_id: int) -> None:
    """Remove a group; its notes stay, ungrouped, and its votes go with it."""
    with store.transaction() as db:
        db.execute("update notes set group_id = null where group_id = ?", [group_id])
        db.execute("delete from votes where group_id = ?", [group_id])
        db.execute("delete from groups where id = ?", [group_id])


def _move(db, note_id: int, group_id: int | None) -> None:
    db.execute("update notes set group_id = ? where id = ?", [group_id, note_id])
    # A note's own dots move with it into a group: the group is what people vote on now.
    if group_id is not None:
        db.execute("update votes set group_id = ?, note_id = null where note_id = ?", [group_id, note_id])


def _prune(db, group_id: int) -> None:
    left = db.execute("select count(*) from notes where group_id = ?", [group_id]).fetchone()[0]
    name = db.execute("select name from groups where id = ?", [group_id]).fetchone()
    if left == 0 or (left == 1 and name is not None and not name[0]):
        db.execute("update notes set group_id = null where group_id = ?", [group_id])
        db.execute("delete from votes where group_id = ?", [group_id])
        db.execute("delete from groups where id = ?", [group_id])


def prune_after_delete(store: Store, group_id: int | None) -> None:
    """Called when a note of the group was deleted."""
    if group_id is None:
        return
    with store.transaction() as db:
        _prune(db, group_id)
