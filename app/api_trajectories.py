"""HTTP API for trajectories and the facilitator's home: list, duplicate, archive, delete.

Routes are added to the core API blueprint (``app.api.bp``), so errors stay JSON
``{"error": ...}`` with the same status codes; ``app/__init__.py`` imports this
module before registering the blueprint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, jsonify, request

from app import casestudy, limits, owner, report, retention, sessions, trajectories, trajectory_report
from app.api import (
    attachment,
    bp,
    facilitator_session_or_abort,
    new_session_response,
    proves_trajectory,
    trajectory_or_abort,
)
from app.blocking import heavy_turn, run_heavy
from app.codes import hash_token
from app.context import registry, store
from app.i18n import _, language
from app.realtime import announce_session_deleted


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=_("Stuur een JSON-object."))
    return body


def _public(trajectory: dict[str, Any]) -> dict[str, Any]:
    """The trajectory as clients see it, with the server's retention period its own
    ``retention_days`` (None) falls back to (0: kept until deleted)."""
    days = float(current_app.config.get("RETENTION_DAYS") or 0)
    return {**trajectories.public(trajectory), "retention_default_days": int(days) if days.is_integer() else days}


def _detail(trajectory: dict[str, Any]) -> dict[str, Any]:
    codes = trajectories.session_codes(store(), trajectory["id"])
    history = trajectories.action_history(store(), registry(), trajectory["id"])
    return {
        **_public(trajectory),
        "sessions": [trajectories.session_summary(store(), c) for c in codes],
        "goals": trajectories.goal_history(store(), trajectory["id"]),
        "actions": history,
        "open_actions": trajectories.still_open(history),
    }


@bp.post("/trajectories")
def create_trajectory():
    """Create a trajectory; its token is returned here and never again."""
    body = _body()
    key = owner.key_from(request) or owner.new_key()
    limits.admit("trajectories")
    try:
        trajectory, token = trajectories.create_trajectory(
            store(),
            name=body.get("name"),
            practice=body.get("practice"),
            project_leader=body.get("project_leader"),
            phase=body.get("phase", "visie"),
            owner_hash=hash_token(key),
            retention_days=body.get("retention_days"),
        )
    except trajectories.TrajectoryError as exc:
        abort(400, description=str(exc))
    response = jsonify({**_public(trajectory), "token": token})
    if key != owner.key_from(request):
        owner.remember(response, request, key)
    return response, 201


@bp.get("/trajectories")
def my_trajectories():
    """This browser's trajectories and loose sessions (by its home key; empty without one)."""
    return jsonify(trajectories.for_owner(store(), owner.hash_from(request)))


@bp.get("/trajectories/<trajectory_id>")
def trajectory_detail(trajectory_id: str):
    return jsonify(_detail(trajectory_or_abort(trajectory_id)))


@bp.patch("/trajectories/<trajectory_id>")
def update_trajectory(trajectory_id: str):
    trajectory = trajectory_or_abort(trajectory_id)
    try:
        updated = trajectories.update_trajectory(store(), trajectory["id"], _body())
    except trajectories.TrajectoryError as exc:
        abort(400, description=str(exc))
    return jsonify(_public(updated))


@bp.delete("/trajectories/<trajectory_id>")
def delete_trajectory(trajectory_id: str):
    """Delete the trajectory with every session in it and all their data."""
    trajectory = trajectory_or_abort(trajectory_id)
    codes = retention.erase_trajectory(current_app._get_current_object(), trajectory["id"])  # type: ignore[attr-defined]
    for code in codes:
        announce_session_deleted(code)
    return jsonify({"ok": True, "deleted": trajectory["id"], "sessions": codes})


@bp.post("/sessions/<code>/duplicate")
def duplicate_session(code: str):
    """A new session with the same agenda (titles, prompts, texts, settings) and goals; no notes or people.
    In a trajectory the copy joins it and starts from its open actions."""
    session = facilitator_session_or_abort(code)
    body = request.get_json(silent=True) or {}
    title = body.get("title") if isinstance(body, dict) and body.get("title") else _copy_title(session["title"])
    agenda = [
        {k: a[k] for k in ("workform", "title", "prompt", "body", "config", "minutes")}
        for a in sessions.list_activities(store(), session["code"])
        if a["workform"] in registry()
    ]
    limits.admit("sessions")
    try:
        new, token = sessions.create_session(
            store(),
            registry(),
            title=title,
            practice=session["practice"],
            agenda=agenda,
            template=session["template"] or None,
            lang=session["locale"] or "nl",
            duration_minutes=session.get("duration_minutes"),
        )
    except sessions.SessionError as exc:
        abort(400, description=str(exc))
    trajectory = trajectories.get_trajectory(store(), session["trajectory_id"])
    if trajectory is not None and not proves_trajectory(trajectory):
        # One meeting's token opens that meeting, not its trajectory: the copy stays outside
        # it and does not take the open actions of the trajectory's other meetings.
        trajectory = None
    # The copy takes the original's goals and ambition; a loose copy belongs to the original's owner.
    return new_session_response(new, token, trajectory, session["code"], owner_hash=session["owner_hash"])


def _copy_title(title: str) -> str:
    return _("%(title)s (kopie)", title=title)[: sessions.MAX_TITLE]


@bp.patch("/sessions/<code>")
def update_session(code: str):
    """Archive or restore a session (``{"archived": bool}``)."""
    session = facilitator_session_or_abort(code)
    body = _body()
    if "archived" not in body:
        abort(400, description=_("Er is niets om te wijzigen."))
    try:
        trajectories.set_session_archived(store(), session["code"], body["archived"])
    except trajectories.TrajectoryError as exc:
        abort(400, description=str(exc))
    return jsonify(trajectories.session_summary(store(), session["code"]))


# --- trajectory report and case study -----------------------------------------------------


@bp.get("/trajectories/<trajectory_id>/report.pdf")
def trajectory_report_pdf(trajectory_id: str):
    """The trajectory report: goals over the meetings, action status history, each meeting's highlights."""
    trajectory = trajectory_or_abort(trajectory_id)
    with heavy_turn():  # the read and the layout in one turn (app/blocking.py)
        data = trajectory_report.collect(store(), registry(), trajectory)
        pdf = run_heavy(trajectory_report.render, data, registry())
    report.save_export(Path(current_app.config["EXPORTS_DIR"]), trajectory_report.export_folder(trajectory["id"]), pdf)
    return attachment(pdf, "application/pdf", f"flipover-traject-{trajectory['id']}.pdf")


@bp.get("/trajectories/<trajectory_id>/report.docx")
def trajectory_report_docx(trajectory_id: str):
    """The trajectory report as an editable Word document, with the PDF's structure."""
    from app import report_docx as word  # python-docx only when a Word report is asked for

    trajectory = trajectory_or_abort(trajectory_id)
    with heavy_turn():
        data = trajectory_report.collect(store(), registry(), trajectory)
        docx = run_heavy(word.render_trajectory, data, registry())
    folder = trajectory_report.export_folder(trajectory["id"])
    report.save_export(Path(current_app.config["EXPORTS_DIR"]), folder, docx, name="report.docx")
    return attachment(docx, word.MIME, f"flipover-traject-{trajectory['id']}.docx")


def _casestudy_answer(trajectory: dict[str, Any]) -> dict[str, Any]:
    data = trajectory_report.collect(store(), registry(), trajectory)
    with language(data["locale"]):
        return {"fields": casestudy.fields(data, registry(), trajectory["casestudy"])}


@bp.get("/trajectories/<trajectory_id>/casestudy")
def casestudy_get(trajectory_id: str):
    """The case study's fields: what the project leader saved, and a suggestion from the trajectory."""
    return jsonify(_casestudy_answer(trajectory_or_abort(trajectory_id)))


@bp.put("/trajectories/<trajectory_id>/casestudy")
def casestudy_put(trajectory_id: str):
    """Save answers (``{"values": {key: text}}``); keys not sent keep their answer, '' clears one."""
    trajectory = trajectory_or_abort(trajectory_id)
    try:
        changes = casestudy.clean_values(request.get_json(silent=True))
    except casestudy.CaseStudyError as exc:
        abort(400, description=str(exc))
    trajectories.set_casestudy(store(), trajectory["id"], casestudy.merged(trajectory["casestudy"], changes))
    return jsonify(_casestudy_answer(trajectories.get_trajectory(store(), trajectory["id"])))  # type: ignore[arg-type]


@bp.get("/trajectories/<trajectory_id>/casestudy.pdf")
def casestudy_pdf(trajectory_id: str):
    """The filled-in case study: saved answers only (suggestions are never printed as answers)."""
    trajectory = trajectory_or_abort(trajectory_id)
    with heavy_turn():
        data = trajectory_report.collect(store(), registry(), trajectory)
        pdf = run_heavy(casestudy.render, data, trajectory["casestudy"])
    folder = trajectory_report.export_folder(trajectory["id"])
    report.save_export(Path(current_app.config["EXPORTS_DIR"]), folder, pdf, name="casestudy.pdf")
    return attachment(pdf, "application/pdf", f"flipover-casestudy-{trajectory['id']}.pdf")
