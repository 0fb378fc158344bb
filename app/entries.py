"""Per-participant records of a work format (a rating, a chosen card, an assignment).

One row per (activity, participant, key): writing again replaces the value, so
a retried or repeated tap never counts twice. Values are JSON.
"""

from __future__ import annotations

import json
from typing import Any

from app.clock import now_iso
from app.db import Store

MAX_KEY = 80
MAX_VALUE_BYTES = 4000


class EntryError(ValueError):
    pass


def _check(key: object, value: object) -> tuple[str, str]:
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        raise EntryError("invalid entry key")
    encoded = json.dumps(value)
    if len(encoded) > MAX_VALUE_BYTES:
        raise EntryError("entry value too large")
    return key, encoded


def put(store: Store, code: str, activity_id: int, participant_id: int, key: str, value: Any) -> None:
    key, encoded = _check(key, value)
    with store.transaction() as db:
        db.execute(
            "insert into entries (session_code, activity_id, participant_id, key, value, updated_at)"
            " values (?, ?, ?, ?, ?, ?)"
            " on conflict (activity_id, participant_id, key) do update set value = excluded.value,"
            " updated_at = excluded.updated_at",
            [code, activity_id, participant_id, key, encoded, now_iso()],
        )


def remove(store: Store, activity_id: int, participant_id: int, key: str) -> bool:
    with store.transaction() as db:
        cursor = db.execute(
            "delete from entries where activity_id = ? and participant_id = ? and key = ?",
            [activity_id, participant_id, key],
        )
        return cursor.rowcount > 0


def remove_key(store: Store, activity_id: int, key: str) -> None:
    """Drop everyone's entry under ``key`` (e.g. the item they rated was deleted)."""
    with store.transaction() as db:
        db.execute("delete from entries where activity_id = ? and key = ?", [activity_id, key])


def for_activity(store: Store, activity_id: int, *, participant_id: int | None = None) -> list[dict[str, Any]]:
    """Entries as ``{participant_id, key, value}``, oldest first."""
    sql = "select participant_id, key, value from entries where activity_id = ?"
    args: list[Any] = [activity_id]
    if participant_id is not None:
        sql += " and participant_id = ?"
        args.append(participant_id)
    with store.reading() as db:
        rows = db.execute(sql + " order by id", args).fetchall()
    return [{"participant_id": r[0], "key": r[1], "value": json.loads(r[2])} for r in rows]
