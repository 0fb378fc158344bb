"""Trajectories: a practice's series of meetings, and what one meeting carries into the next.

The handbook is not one meeting but a trajectory: kick-off, vision and strategy,
exploring the solution, implementation and a process evaluation. A session may
belong to a trajectory; a new session in it starts from the goals and ambition of
the latest earlier session that has them, and from every action that is not yet
``klaar``. Work formats expose and take in actions through two hooks
(``Workform.trajectory_actions`` and ``Workform.carry_in``), so the core never
names a work format. Plain storage functions, no Flask.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from app import goals as goals_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import sessions
from app import votes as votes_mod
from app.clock import now_iso
from app.codes import hash_token, new_token, token_matches
from app.db import Store
from app.errors import UserError
from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.plugin_context import SetupContext
from app.registry import Registry
from app.workform import Workform

MAX_NAME = 120
# A trajectory's own retention period (``retention_days``): None keeps the server's.
MAX_RETENTION_DAYS = 3650
# The handbook's three phases (H2–H4).
PHASES = {
    "visie": _l("Fase 1 – Digitale visie en strategie"),
    "implementatie": _l("Fase 2 – Implementatie"),
    "evaluatie": _l("Fase 3 – Procesevaluatie"),
}
ACTION_STATUSES = ("open", "bezig", "klaar")


class TrajectoryError(UserError):
    """A trajectory request that cannot be honoured; the message is for people."""


def _text(value: object, limit: int, *, required: str | None = None) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise TrajectoryError(_("Ongeldige invoer."))
    clean = " ".join(value.split())[:limit]
    if required and not clean:
        raise TrajectoryError(required)
    return clean


def _phase(value: object) -> str:
    if not isinstance(value, str) or value not in PHASES:
        raise TrajectoryError(_("Onbekende fase (mogelijk: %(names)s).", names=", ".join(PHASES)))
    return value


def _retention(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= MAX_RETENTION_DAYS:
        raise TrajectoryError(
            _(
                "'retention_days' moet een aantal dagen zijn (1 tot %(max)s), of null voor de standaard van de server.",
                max=MAX_RETENTION_DAYS,
            )
        )
    return float(value)


def _row(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["archived"] = bool(out.get("archived"))
    out["casestudy"] = json.loads(out.get("casestudy") or "{}")
    return out


def public(trajectory: dict[str, Any]) -> dict[str, Any]:
    """What clients see of a trajectory: never the token or owner hashes."""
    return {
        "id": trajectory["id"],
        "name": trajectory["name"],
        "practice": trajectory["practice"],
        "project_leader": trajectory["project_leader"],
        "phase": trajectory["phase"],
        "phase_label": str(PHASES.get(trajectory["phase"], trajectory["phase"])),
        "archived": trajectory["archived"],
        "created_at": trajectory["created_at"],
        # Days its sessions are kept (None: the server's RETENTION_DAYS, app/retention.py).
        "retention_days": _days(trajectory.get("retention_days")),
    }


def _days(value: float | None) -> int | float | None:
    """Whole days as an int in JSON (90, not 90.0)."""
    return int(value) if value is not None and float(value).is_integer() else value


def create_trajectory(
    store: Store,
    *,
    name: object,
    practice: object = None,
    project_leader: object = None,
    phase: object = "visie",
    owner_hash: str = "",
    retention_days: object = None,
) -> tuple[dict[str, Any], str]:
    """Create a trajectory; return it and its token (shown once, like a session's)."""
    row = {
        "id": secrets.token_hex(6),
        "name": _text(name, MAX_NAME, required=_("Geef het traject een naam.")),
        "practice": _text(practice, MAX_NAME),
        "project_leader": _text(project_leader, MAX_NAME),
        "phase": _phase(phase if phase is not None else "visie"),
        "owner_hash": owner_hash,
        "retention_days": _retention(retention_days),
        "created_at": now_iso(),
    }
    token = new_token()
    with store.transaction() as db:
        db.table("trajectories").insert({**row, "token_hash": hash_token(token), "archived": 0, "casestudy": "{}"})
    return get_trajectory(store, row["id"]), token  # type: ignore[return-value]


def get_trajectory(store: Store, trajectory_id: object) -> dict[str, Any] | None:
    if not isinstance(trajectory_id, str) or not 0 < len(trajectory_id) <= 32:
        return None
    with store.reading() as db:
        rows = list(db["trajectories"].rows_where("id = ?", [trajectory_id]))
    return _row(rows[0]) if rows else None


def token_ok(trajectory: dict[str, Any] | None, token: object) -> bool:
    return bool(trajectory) and token_matches(token, trajectory["token_hash"])  # type: ignore[index]


def update_trajectory(store: Store, trajectory_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply the fields present in ``changes`` (name, practice, project_leader, phase, archived,
    retention_days)."""
    allowed: dict[str, Any] = {}
    if "name" in changes:
        allowed["name"] = _text(changes["name"], MAX_NAME, required=_("Geef het traject een naam."))
    for field in ("practice", "project_leader"):
        if field in changes:
            allowed[field] = _text(changes[field], MAX_NAME)
    if "phase" in changes:
        allowed["phase"] = _phase(changes["phase"])
    if "archived" in changes:
        if not isinstance(changes["archived"], bool):
            raise TrajectoryError(_("'archived' moet waar of onwaar zijn."))
        allowed["archived"] = int(changes["archived"])
    if "retention_days" in changes:
        allowed["retention_days"] = _retention(changes["retention_days"])
    if not allowed:
        raise TrajectoryError(_("Er is niets om te wijzigen."))
    with store.transaction() as db:
        db.table("trajectories").update(trajectory_id, allowed)
    return get_trajectory(store, trajectory_id)  # type: ignore[return-value]


def set_casestudy(store: Store, trajectory_id: str, fields: dict[str, str]) -> None:
    with store.transaction() as db:
        db.table("trajectories").update(trajectory_id, {"casestudy": json.dumps(fields)})


def session_codes(store: Store, trajectory_id: str) -> list[str]:
    """The trajectory's sessions, oldest first."""
    with store.reading() as db:
        rows = db.execute(
            "select code from sessions where trajectory_id = ? order by created_at, rowid", [trajectory_id]
        ).fetchall()
    return [r[0] for r in rows]


def session_summary(store: Store, code: str) -> dict[str, Any]:
    """One line of the home page: what a session is, how far it got."""
    with store.reading() as db:
        row = db.table("sessions").get(code)
        notes = db["notes"].count_where("session_code = ? and hidden = 0", [code])
        people = db["participants"].count_where("session_code = ?", [code])
        activities = db["activities"].count_where("session_code = ?", [code])
    return {
        "code": row["code"],
        "title": row["title"],
        "practice": row["practice"],
        "template": row["template"],
        "created_at": row["created_at"],
        "archived": bool(row["archived"]),
        "trajectory_id": row["trajectory_id"],
        "locale": row["locale"],
        "activities": activities,
        "notes": notes,
        "participants": people,
    }


def for_owner(store: Store, owner_hash: str) -> dict[str, Any]:
    """The home page: this owner's trajectories (newest first, each with its sessions) and loose sessions."""
    if not owner_hash:
        return {"trajectories": [], "sessions": []}
    with store.reading() as db:
        trajectories = [
            _row(r) for r in db["trajectories"].rows_where("owner_hash = ?", [owner_hash], order_by="created_at desc")
        ]
        loose = [
            r[0]
            for r in db.execute(
                "select code from sessions where owner_hash = ? and trajectory_id is null order by created_at desc",
                [owner_hash],
            ).fetchall()
        ]
    return {
        "trajectories": [
            {**public(t), "sessions": [session_summary(store, c) for c in session_codes(store, t["id"])]}
            for t in trajectories
        ],
        "sessions": [session_summary(store, c) for c in loose],
    }


def set_session_archived(store: Store, code: str, archived: object) -> None:
    if not isinstance(archived, bool):
        raise TrajectoryError(_("'archived' moet waar of onwaar zijn."))
    with store.transaction() as db:
        db.table("sessions").update(code, {"archived": int(archived)})


# What a session took over from earlier ones ({} outside a trajectory); it lives with the
# session row (app/sessions.py), so the plugin door can read it without this module.
carried = sessions.carried


# --- actions across sessions --------------------------------------------------


def session_actions(store: Store, registry: Registry, code: str) -> list[dict[str, Any]]:
    """Every action the session's work formats hold, in agenda order."""
    out: list[dict[str, Any]] = []
    for activity in sessions.list_activities(store, code):
        form = registry.get(activity["workform"])
        # Only formats that hold actions read their notes (one activity's rows each).
        if form is None or form.trajectory_actions is Workform.trajectory_actions:
            continue
        mine = [n for n in notes_mod.notes_for_activity(store, activity["id"]) if not n["hidden"]]
        out.extend(form().trajectory_actions(activity, mine))
    return out


def action_history(store: Store, registry: Registry, trajectory_id: str) -> list[dict[str, Any]]:
    """Each action of the trajectory once (its latest wording and status), with its status per session."""
    threads: dict[str, dict[str, Any]] = {}
    for code in session_codes(store, trajectory_id):
        session = sessions.get_session(store, code)
        if session is None:  # erased meanwhile
            continue
        for action in session_actions(store, registry, code):
            entry = threads.setdefault(action["thread"], {"history": []})
            entry.update({k: action[k] for k in ("thread", "what", "who", "due", "status")})
            entry["history"].append(
                {"code": code, "title": session["title"], "date": session["created_at"], "status": action["status"]}
            )
    return list(threads.values())


def open_actions(store: Store, registry: Registry, trajectory_id: str) -> list[dict[str, Any]]:
    """Actions whose latest status is not ``klaar``: what the next meeting starts from."""
    return still_open(action_history(store, registry, trajectory_id))


def still_open(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The open actions of an :func:`action_history` (without their history)."""
    return [{k: a[k] for k in ("thread", "what", "who", "due", "status")} for a in history if a["status"] != "klaar"]


def goal_history(store: Store, trajectory_id: str) -> list[dict[str, Any]]:
    """Per session of the trajectory: its ambition and goals (how they evolved)."""
    out = []
    for code in session_codes(store, trajectory_id):
        session = sessions.get_session(store, code)
        if session is None:  # erased meanwhile
            continue
        snap = goals_mod.snapshot(store, code)
        out.append(
            {
                "code": code,
                "title": session["title"],
                "date": session["created_at"],
                "ambition": snap["ambition"],
                "goals": [{"title": g["title"], "thread": goal_thread(code, g)} for g in snap["goals"]],
            }
        )
    return out


def goal_thread(code: str, goal: dict[str, Any]) -> str:
    """A goal keeps its thread when carried forward, so its wording can be followed."""
    return goal["data"].get("thread") or f"{code}:{goal['id']}"


# --- carrying forward -----------------------------------------------------------


def source_for(store: Store, trajectory_id: str, carry_from: object) -> str | None:
    """The session to take goals from: the one asked for (it must be in this trajectory),
    else the latest session of the trajectory that has goals or an ambition."""
    codes = session_codes(store, trajectory_id)
    if carry_from is not None:
        if not isinstance(carry_from, str) or carry_from not in codes:
            raise TrajectoryError(_("Die bijeenkomst hoort niet bij dit traject; kies er een uit hetzelfde traject."))
        return carry_from
    for code in reversed(codes):
        snap = goals_mod.snapshot(store, code)
        if snap["goals"] or snap["ambition"]:
            return code
    return codes[-1] if codes else None


def outcomes(store: Store, registry: Registry, codes: list[str]) -> dict[str, dict[str, Any]]:
    """Per work format, what the latest of ``codes`` (sessions, oldest first) that has any
    hands on (``Workform.carry_out``): ``{slug: {"from": {...}, "items": [...]}}``."""
    found: dict[str, dict[str, Any]] = {}
    for code in reversed(codes):
        session = sessions.get_session(store, code)
        if session is None:
            continue
        for activity in sessions.list_activities(store, code):
            form = registry.get(activity["workform"])
            # Only formats that hand something on read their notes.
            if form is None or form.slug in found or form.carry_out is Workform.carry_out:
                continue
            notes = [n for n in notes_mod.notes_for_activity(store, activity["id"]) if not n["hidden"]]
            activity = {
                **activity,
                "vote_totals": votes_mod.totals(store, activity["id"]),
                "groups": groups_mod.groups_for_activity(store, activity["id"]),
                "goals": goals_mod.list_goals(store, code),
            }
            items = form().carry_out(activity, notes)
            if items:
                origin = {"code": code, "title": session["title"], "date": session["created_at"]}
                found[form.slug] = {"from": origin, "items": items}
    return found


def carry_forward(
    store: Store,
    registry: Registry,
    new_code: str,
    source: str | None,
    actions: list[dict[str, Any]],
    handed_on: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Give the new session the goals and ambition of ``source``, the given open actions
    (see :func:`open_actions`) and what earlier meetings hand on (see :func:`outcomes`);
    remember what was carried for the recap."""
    if not source and not actions and not handed_on:
        return {}
    payload: dict[str, Any] = {
        "from": None,
        "goals": [],
        "ambition": "",
        "actions": actions,
        "outcomes": handed_on or {},
    }
    goals: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (goal, its data in the new session)
    origin = sessions.get_session(store, source) if source else None
    if source and origin:
        snap = goals_mod.snapshot(store, source)
        goals = [(g, {"thread": goal_thread(source, g), "from": source}) for g in snap["goals"]]
        payload.update(
            {
                "from": {"code": source, "title": origin["title"], "date": origin["created_at"]},
                "goals": [g["title"] for g in snap["goals"]],
                "ambition": snap["ambition"],
            }
        )
    now = now_iso()
    with store.transaction() as db:
        for position, (goal, data) in enumerate(goals):
            db.table("goals").insert(
                {
                    "session_code": new_code,
                    "position": position,
                    "title": goal["title"],
                    "data": json.dumps(data),
                    "created_at": now,
                }
            )
        db.table("sessions").update(new_code, {"ambition": payload["ambition"], "carried": json.dumps(payload)})
    for activity in sessions.list_activities(store, new_code):
        form = registry.get(activity["workform"])
        if form is not None:
            form().carry_in(activity, payload, SetupContext(store, activity))
    return payload


def link_session(store: Store, code: str, trajectory: dict[str, Any]) -> None:
    """Put a new session in a trajectory; the trajectory's owner owns it too."""
    with store.transaction() as db:
        db.table("sessions").update(code, {"trajectory_id": trajectory["id"], "owner_hash": trajectory["owner_hash"]})


def set_session_owner(store: Store, code: str, owner_hash: str) -> None:
    with store.transaction() as db:
        db.table("sessions").update(code, {"owner_hash": owner_hash})
