"""The snapshot a client receives on join (and the API returns): one shape for all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app import agenda_templates, functions, sessions, trajectories
from app import goals as goals_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import photos as photos_mod
from app import votes as votes_mod
from app.codes import display_code
from app.db import Store
from app.plugin_context import ActivityReader
from app.registry import Registry
from app.timer import now_ms
from app.timer import view as timer_view

if TYPE_CHECKING:
    from app.workform import Workform


def visibility(activity: dict[str, Any], registry: Registry) -> dict[str, bool]:
    """How this activity's notes may be shown now: names (anonymous) and text (private phase)."""
    form = registry.get(activity["workform"])
    phase = form.phase(activity["phase"]) if form else None
    return {
        "anonymous": activity["anonymous"],
        "private": bool(phase and phase.private),
        # Anonymous for the facilitator too (Workform.always_anonymous).
        "always": bool(form and form.always_anonymous),
    }


def votes_view(store: Store, activity: dict[str, Any]) -> dict[str, Any] | None:
    """Progress while voting runs; totals per item only once the voting phase is left."""
    progress = votes_mod.progress(store, activity["id"])
    if not progress["cast"]:
        return None
    closed = activity["phase"] != votes_mod.VOTING_PHASE
    return {**progress, "totals": votes_mod.totals(store, activity["id"]) if closed else None}


def voting_limits(activity: dict[str, Any], registry: Registry) -> dict[str, int]:
    """Dots per person and per item: the facilitator's setting for this activity, else the work format's."""
    form = registry.get(activity["workform"])
    per_person = activity["config"].get("votes_per_participant") or (form.votes_per_participant if form else 3)
    per_item = activity["config"].get("max_votes_per_item") or (form.max_votes_per_item if form else None)
    return {"per_person": per_person, "per_item": min(per_item or per_person, per_person)}


def notes_limit(activity: dict[str, Any], form: type[Workform] | None) -> int:
    """How many notes one person may post here: the facilitator's setting for this activity,
    else the work format's."""
    return activity["config"].get("notes_per_participant") or (form.max_notes_per_participant if form else 30)


def phase_timer_minutes(form: type[Workform] | None, activity: dict[str, Any]) -> int | None:
    """The timer preset of the activity's phase, in whole minutes: the work format's minutes
    for the phase, scaled so that its timed phases fill the item's planned minutes (issue 19);
    None when neither says anything."""
    phase = form.phase(activity["phase"]) if form else None
    if phase is None or not phase.minutes:
        return None
    planned = activity.get("minutes")
    timed = sum(p.minutes for p in form.phases if p.minutes and not p.optional) if form else 0
    if planned and timed:
        return max(1, round(planned * phase.minutes / timed))
    return phase.minutes


def activity_view(activity: dict[str, Any], store: Store, registry: Registry) -> dict[str, Any]:
    form = registry.get(activity["workform"])
    return {
        "id": activity["id"],
        "workform": activity["workform"],
        "title": activity["title"],
        "prompt": activity["prompt"],
        "body": activity["body"],
        "phase": activity["phase"],
        "anonymous": activity["anonymous"],
        "locked": activity["locked"],
        "position": activity["position"],
        "minutes": activity.get("minutes"),
        "timer_minutes": phase_timer_minutes(form, activity),
        "timer": timer_view(activity.get("timer"), now_ms()),
        "votes": votes_view(store, activity),
        "voting": voting_limits(activity, registry),
        "notes_limit": notes_limit(activity, form),
        # The meeting clock: since when this item is the current one (epoch ms, null when
        # it is not or the clock has not started) and the milliseconds it was current before.
        "actual": {"since": activity.get("since_ms"), "spent_ms": activity.get("spent_ms") or 0},
        "extra": form().extra_view(activity, ActivityReader(store, activity, registry)) if form else {},
        # Private writing: how many notes are written and not yet on the board, never which.
        "sealed": notes_mod.sealed_counts(store, activity["id"]) if visibility(activity, registry)["private"] else None,
    }


def _for_viewer(view: dict[str, Any], viewer: str) -> dict[str, Any]:
    # The meeting clock's actual times are the board's and the facilitator's (as in app/fanout.py).
    if viewer == "participant":
        view.pop("actual", None)
    return view


def forms_meta(registry: Registry, slugs: set[str], *, viewer: str) -> dict[str, Any]:
    """The work formats' meta for these slugs; the phases' ``instruction`` (the facilitator's
    script) only for the facilitator."""
    out = {slug: form.meta() for slug in slugs if (form := registry.get(slug))}
    if viewer != "facilitator":
        for meta in out.values():
            meta["phases"] = [{k: v for k, v in p.items() if k != "instruction"} for p in meta["phases"]]
    return out


def meeting_plan(registry: Registry, session: dict[str, Any], *, viewer: str) -> dict[str, Any]:
    """What the session's template says about the meeting as a whole (issue 19): its "Doel"
    lines (board and facilitator) and, for the facilitator, the "Voorbereiding" checklist with
    the keys ticked off. Empty lists for a meeting without a template."""
    template = agenda_templates.find(registry, session["template"]) if session.get("template") else None
    if viewer == "participant":
        return {}
    out: dict[str, Any] = {"meeting_goals": template["goals"] if template else []}
    if viewer == "facilitator":
        out["preparation"] = template["preparation"] if template else []
        out["preparation_ticked"] = sessions.preparation_ticks(session)
    return out


def participants_for_facilitator(store: Store, code: str) -> dict[str, Any]:
    """**Facilitator only**: who joined with which function (``participant_list``:
    ``[{id, name, function}]``, oldest first) and how many per function (``functions``:
    ``{key: count}``, functions nobody has left out). Never for boards or phones: in a
    small practice a function is often one person (issue 21)."""
    people = sessions.list_participants(store, code)
    return {"participant_list": people, "functions": functions.counts(p["function"] for p in people)}


def presence_for_facilitator(store: Store, code: str, participant_id: int | None) -> dict[str, Any]:
    """**Facilitator only**, sized to the change: the counts per function and the one
    participant who just joined (``participant``), never the whole list, so a join costs
    the facilitator the same in a room of 20 as in a regional meeting of 500."""
    out: dict[str, Any] = {"functions": functions.counts(sessions.participant_functions(store, code).values())}
    if participant_id is not None:
        person = sessions.get_participant(store, code, participant_id)
        if person is not None:
            out["participant"] = person
    return out


def build_state(
    store: Store,
    registry: Registry,
    session: dict[str, Any],
    *,
    viewer: str,
    viewer_id: int | None = None,
    online: int = 0,
    links: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything a viewer may see of a session right now."""
    code = session["code"]
    activities = sessions.list_activities(store, code)
    seen = {a["id"]: visibility(a, registry) for a in activities}
    if viewer == "participant":
        rows = notes_mod.notes_for_session(store, code, participant_id=viewer_id)
    else:
        rows = notes_mod.notes_for_session(store, code)
    notes = [notes_mod.view_for(n, **seen[n["activity_id"]], viewer=viewer, viewer_id=viewer_id) for n in rows]
    if viewer == "board":
        # Sealed notes are counted in their activity's view, never sent (not even their ids).
        notes = [n for n in notes if not n["sealed"]]
    used = {a["workform"] for a in activities}
    return {
        "code": code,
        "display_code": display_code(code),
        "title": session["title"],
        "practice": session["practice"],
        "language": session.get("locale") or "nl",
        "ended": bool(session.get("ended")),
        "created_at": session["created_at"],
        "duration_minutes": session.get("duration_minutes"),
        "clock_started_at": session.get("clock_started_ms"),
        "current_activity_id": session["current_activity_id"],
        "spotlight": session["spotlight"] if viewer != "participant" else None,
        "activities": [_for_viewer(activity_view(a, store, registry), viewer) for a in activities],
        "groups": groups_mod.list_groups(store, code) if viewer != "participant" else [],
        # Photos of paper flip-overs per item ({activity id: [photo]}); phones show none.
        "photos": photos_mod.session_views(store, code) if viewer != "participant" else {},
        "workforms": forms_meta(registry, used, viewer=viewer),
        "participants": sessions.participant_count(store, code),
        "online": online,
        **(participants_for_facilitator(store, code) if viewer == "facilitator" else {}),
        **goals_mod.public_snapshot(store, code),
        # Goals and open actions this session took over from earlier ones in its trajectory;
        # only the facilitator's view: it names the earlier meeting's join code.
        "carried": trajectories.carried(session) if viewer == "facilitator" else {},
        **meeting_plan(registry, session, viewer=viewer),
        "notes": notes,
        **(links or {}),
    }
