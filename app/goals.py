"""Session goals (doelstellingen) and the practice's ambition.

Goals are made in one activity (``doelstellingen``) and are the flip-overs of
later ones (kernwoorden, processen en acties, processen en ICT), so they live
on the session, not inside an activity. Only a facilitator changes them.
"""

from __future__ import annotations

import json
from typing import Any

from app.clock import now_iso
from app.db import Store
from app.errors import UserError
from app.i18n import _

MAX_GOALS = 12
MAX_TITLE = 200
MAX_AMBITION = 600


class GoalError(UserError):
    """A goal request that cannot be done; the message is Dutch, for the facilitator."""


def _title(value: object) -> str:
    if not isinstance(value, str) or not " ".join(value.split()):
        raise GoalError(_("Een doelstelling heeft een tekst nodig."))
    clean = " ".join(value.split())
    if len(clean) > MAX_TITLE:
        raise GoalError(_("Een doelstelling is maximaal %(max)s tekens.", max=MAX_TITLE))
    return clean


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "position": row["position"],
        "title": row["title"],
        "data": json.loads(row["data"] or "{}"),
    }


def list_goals(store: Store, code: str) -> list[dict[str, Any]]:
    with store.reading() as db:
        rows = db["goals"].rows_where("session_code = ?", [code], order_by="position, id")
        return [_row(r) for r in rows]


def get_goal(store: Store, code: str, goal_id: object) -> dict[str, Any] | None:
    if not isinstance(goal_id, int) or isinstance(goal_id, bool):
        return None
    with store.reading() as db:
        rows = list(db["goals"].rows_where("id = ? and session_code = ?", [goal_id, code]))
    return _row(rows[0]) if rows else None


def require_goal(store: Store, code: str, goal_id: object) -> dict[str, Any]:
    goal = get_goal(store, code, goal_id)
    if goal is None:
        raise GoalError(_("Deze doelstelling bestaat niet (meer) in deze bijeenkomst."))
    return goal


def add_goal(store: Store, code: str, title: object, data: dict[str, Any] | None = None) -> dict[str, Any]:
    clean = _title(title)
    with store.transaction() as db:
        count = db["goals"].count_where("session_code = ?", [code])
        if count >= MAX_GOALS:
            raise GoalError(_("Maximaal %(max)s doelstellingen per bijeenkomst.", max=MAX_GOALS))
        last = db.execute("select max(position) from goals where session_code = ?", [code]).fetchone()[0]
        row = {
            "session_code": code,
            "position": (last if last is not None else -1) + 1,
            "title": clean,
            "data": json.dumps(data or {}),
            "created_at": now_iso(),
        }
        pk = db.table("goals").insert(row).last_pk
    return require_goal(store, code, pk)


def rename_goal(store: Store, code: str, goal_id: object, title: object) -> dict[str, Any]:
    goal = require_goal(store, code, goal_id)
    with store.transaction() as db:
        db.table("goals").update(goal["id"], {"title": _title(title)})
    return require_goal(store, code, goal["id"])


def set_goal_data(store: Store, code: str, goal_id: object, data: dict[str, Any]) -> dict[str, Any]:
    goal = require_goal(store, code, goal_id)
    with store.transaction() as db:
        db.table("goals").update(goal["id"], {"data": json.dumps(data)})
    return require_goal(store, code, goal["id"])


def delete_goal(store: Store, code: str, goal_id: object) -> None:
    goal = require_goal(store, code, goal_id)
    with store.transaction() as db:
        db.table("goals").delete(goal["id"])
        _renumber(db, code, _order(db, code))


def move_goal(store: Store, code: str, goal_id: object, position: object) -> None:
    """Put a goal at ``position`` (0-based, clamped). Read and write in one transaction,
    so two tabs moving goals at once both end in a valid order."""
    goal = require_goal(store, code, goal_id)
    if not isinstance(position, int) or isinstance(position, bool):
        raise GoalError(_("Ongeldige positie."))
    with store.transaction() as db:
        order = [i for i in _order(db, code) if i != goal["id"]]
        order.insert(max(0, min(position, len(order))), goal["id"])
        _renumber(db, code, order)


def _order(db: Any, code: str) -> list[int]:
    return [r[0] for r in db.execute("select id from goals where session_code = ? order by position, id", [code])]


def _renumber(db: Any, code: str, order: list[int]) -> None:
    for index, goal_id in enumerate(order):
        db.execute("update goals set position = ? where id = ? and session_code = ?", [index, goal_id, code])


def get_ambition(store: Store, code: str) -> str:
    with store.reading() as db:
        row = db.execute("select ambition from sessions where code = ?", [code]).fetchone()
    return row[0] if row else ""


def set_ambition(store: Store, code: str, text: object) -> str:
    if not isinstance(text, str):
        raise GoalError(_("De ambitie moet tekst zijn."))
    clean = text.strip()
    if len(clean) > MAX_AMBITION:
        raise GoalError(_("De ambitie is maximaal %(max)s tekens.", max=MAX_AMBITION))
    with store.transaction() as db:
        db.table("sessions").update(code, {"ambition": clean})
    return clean


def snapshot(store: Store, code: str) -> dict[str, Any]:
    """Goals (with their stored data) and ambition, for the server's own use: reports,
    exports and carrying goals into the next meeting of a trajectory."""
    return {"goals": list_goals(store, code), "ambition": get_ambition(store, code)}


# A carried goal's data names the meeting it came from ("from", and "thread" as
# "<code>:<id>"); with that join code a phone could open the earlier meeting.
PRIVATE_DATA = frozenset({"from", "thread"})


def public_snapshot(store: Store, code: str) -> dict[str, Any]:
    """The shape clients get: in the join state and in ``goals:changed``."""
    snap = snapshot(store, code)
    goals = [{**g, "data": {k: v for k, v in g["data"].items() if k not in PRIVATE_DATA}} for g in snap["goals"]]
    return {**snap, "goals": goals}
