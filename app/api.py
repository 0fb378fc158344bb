"""The HTTP API (public contract in docs/protocol.md). Errors are JSON ``{"error": ...}``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from app import agenda_templates, joinguard, limits, links, owner, report, retention, sessions, trajectories
from app.auth import require_facilitator
from app.blocking import heavy_turn, run_heavy
from app.codes import hash_token
from app.context import registry, store
from app.i18n import _, current_language, language
from app.i18n import clean as clean_language
from app.realtime import announce_session_deleted, online_count
from app.state import build_state

bp = Blueprint("api", __name__, url_prefix="/api")


def error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), status


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    return error(exc.code or 500, exc.description or exc.name)


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def routing_error(exc: HTTPException):
    """Routing fails before the blueprint is chosen: keep /api/ answers in JSON anyway."""
    if not request.path.startswith("/api/"):
        return exc
    if request.url_rule is not None and exc.description and exc.description != type(exc).description:
        # A view's own refusal ("Deze bijeenkomst bestaat niet (meer)."): a 404 by code is found
        # here before any blueprint's handler, so its message is kept here.
        return error(exc.code or 404, exc.description)
    message = _("Onbekend adres in de API.") if exc.code == 404 else _("Deze methode kan hier niet.")
    return error(exc.code or 404, message)


def session_or_404(raw_code: str) -> dict[str, Any]:
    session = joinguard.lookup(raw_code)
    if session is None:
        abort(404, description=_("Deze bijeenkomst bestaat niet (meer). Controleer de code."))
    return session


def facilitator_session_or_abort(raw_code: str) -> dict[str, Any]:
    """The session, if the request carries its facilitator token or home key (401 none, 403 wrong)."""
    return require_facilitator(session_or_404(raw_code), request)


@bp.get("/workforms")
def list_workforms():
    """Every installed work format."""
    lang = current_language()
    return jsonify(
        [
            {"slug": f.slug, "title": f.title.get(lang) or f.title["nl"], "description": str(f.description)}
            for f in registry()
        ]
    )


@bp.get("/templates")
def list_templates():
    """Session templates whose work formats are installed."""
    return jsonify(
        [
            {
                "slug": t["slug"],
                "title": t["title"],
                "duration_minutes": t["duration_minutes"],
                "goals": t["goals"],
                # The handbook's "Wat moet er worden overwogen?" for this meeting: [{"key", "text"}].
                "preparation": t["preparation"],
                "agenda": [item["workform"] for item in t["agenda"]],
                # The same items with their titles and default minutes (None where a template gives none).
                "items": [_template_item(item) for item in t["agenda"]],
            }
            for t in agenda_templates.available(registry())
        ]
    )


def _template_item(item: dict[str, Any]) -> dict[str, Any]:
    form = registry().get(item["workform"])
    title = item.get("title") or (form.title.get(current_language()) or form.title["nl"] if form else item["workform"])
    minutes = item.get("minutes")
    return {"workform": item["workform"], "title": title, "prompt": item.get("prompt", ""), "minutes": minutes}


def _agenda_from(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The agenda items and template slug a create request asks for."""
    template_slug = body.get("template")
    agenda = body.get("agenda")
    if agenda is not None:
        if not isinstance(agenda, list) or not agenda or len(agenda) > 30:
            abort(400, description=_("'agenda' moet een lijst van 1 tot 30 werkvormen zijn."))
        items = []
        for entry in agenda:
            item = {"workform": entry} if isinstance(entry, str) else entry
            if not isinstance(item, dict) or not isinstance(item.get("workform"), str):
                abort(400, description=_("Elk agendapunt is een werkvorm-slug of {'workform': slug}."))
            if item["workform"] not in registry():
                abort(400, description=_("Onbekende werkvorm: %(slug)s", slug=item["workform"]))
            items.append(item)
        if template_slug is not None and agenda_templates.find(registry(), template_slug) is None:
            abort(400, description=_("Onbekend sjabloon."))
        return items, template_slug
    if template_slug is not None:
        template = agenda_templates.find(registry(), template_slug) if isinstance(template_slug, str) else None
        if template is None:
            abort(400, description=_("Onbekend sjabloon."))
        return [dict(item) for item in template["agenda"]], template["slug"]
    return [{"workform": "trots"}], None


@bp.post("/sessions")
def create_session():
    """Create a session; the facilitator token is returned here and never again.

    With ``"trajectory": id`` (its token as Bearer, or the owner's home key) the session
    joins that trajectory and starts from its goals, ambition and open actions;
    ``"carry_from": code`` picks the session whose goals are taken (default: the latest
    one that has goals)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=_("Stuur een JSON-object met minstens een 'title'."))
    lang = body.get("language", "nl")
    if clean_language(lang) is None:
        abort(400, description=_("'language' moet 'nl' of 'en' zijn."))
    trajectory, source = None, None
    if body.get("trajectory") is not None:
        if not isinstance(body["trajectory"], str):
            abort(400, description=_("'trajectory' is de code van een traject (tekst)."))
        trajectory = trajectory_or_abort(body["trajectory"])
        try:
            source = trajectories.source_for(store(), trajectory["id"], body.get("carry_from"))
        except trajectories.TrajectoryError as exc:
            abort(400, description=str(exc))
    elif body.get("carry_from") is not None:
        abort(400, description=_("'carry_from' kan alleen binnen een traject (geef ook 'trajectory')."))
    with language(lang):  # the template's texts in the session language
        agenda, template = _agenda_from(body)
    duration = body.get("duration_minutes")
    if duration is None and template and body.get("agenda") is None:
        duration = (agenda_templates.find(registry(), template) or {}).get("duration_minutes")
    limits.admit("sessions")  # 507 when the disk is nearly full, 429 when this address makes too many
    try:
        session, token = sessions.create_session(
            store(),
            registry(),
            title=body.get("title"),
            practice=body.get("practice") or (trajectory or {}).get("practice"),
            agenda=agenda,
            template=template,
            lang=lang,
            duration_minutes=duration,
        )
    except sessions.SessionError as exc:
        abort(400, description=str(exc))
    return new_session_response(session, token, trajectory, source)


def new_session_response(
    session: dict[str, Any],
    token: str,
    trajectory: dict[str, Any] | None,
    source: str | None,
    owner_hash: str = "",
) -> tuple[Response, int]:
    """Give a just-created session its owner, trajectory and what it carries, then the 201 answer.

    ``source`` is the session whose goals and ambition it takes (in a trajectory it also takes the
    open actions). Outside a trajectory it belongs to ``owner_hash``, else to this browser's home key
    (made now if the browser has none)."""
    code = session["code"]
    key = None
    actions: list[dict[str, Any]] = []
    handed_on: dict[str, dict[str, Any]] = {}
    if trajectory is not None:
        actions = trajectories.open_actions(store(), registry(), trajectory["id"])
        earlier = trajectories.session_codes(store(), trajectory["id"])
        handed_on = trajectories.outcomes(store(), registry(), earlier)
        trajectories.link_session(store(), code, trajectory)
    else:
        if not owner_hash:
            key = owner.key_from(request) or owner.new_key()
            owner_hash = hash_token(key)
        trajectories.set_session_owner(store(), code, owner_hash)
    trajectories.carry_forward(store(), registry(), code, source, actions, handed_on)
    response = jsonify(
        {
            "code": code,
            "facilitator_token": token,
            "join_url": links.join_url(code),
            "board_url": links.board_url(code),
            "facilitator_url": links.facilitator_url(code, token),
            "trajectory": trajectory["id"] if trajectory else None,
        }
    )
    if key and key != owner.key_from(request):
        owner.remember(response, request, key)
    return response, 201


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    return header[len("Bearer ") :].strip() if header.startswith("Bearer ") else ""


def proves_trajectory(trajectory: dict[str, Any]) -> bool:
    """The request carries the trajectory's token (Bearer) or its owner's home key."""
    return trajectories.token_ok(trajectory, _bearer()) or owner.owns(request, trajectory["owner_hash"])


def trajectory_or_abort(trajectory_id: object) -> dict[str, Any]:
    """The trajectory, if the request carries its token (Bearer) or its owner's home key."""
    trajectory = trajectories.get_trajectory(store(), trajectory_id)
    if trajectory is None:
        abort(404, description=_("Dit traject bestaat niet (meer)."))
    token = _bearer()
    if proves_trajectory(trajectory):
        return trajectory
    if not token:
        abort(401, description=_("Alleen de begeleider van dit traject kan dit: open het traject via je trajectlink."))
    abort(403, description=_("Deze trajectlink klopt niet."))


@bp.get("/sessions/<code>")
def session_state(code: str):
    """The full state of a session, for its facilitator."""
    session = facilitator_session_or_abort(code)
    state = build_state(
        store(),
        registry(),
        session,
        viewer="facilitator",
        online=online_count(session["code"]),
        links={"join_url": links.join_url(session["code"]), "board_url": links.board_url(session["code"])},
    )
    return jsonify(state)


@bp.delete("/sessions/<code>")
def delete_session(code: str):
    """Delete a session with every note, participant and export."""
    session = facilitator_session_or_abort(code)
    retention.erase_session(current_app._get_current_object(), session["code"])  # type: ignore[attr-defined]
    announce_session_deleted(session["code"])
    return jsonify({"ok": True, "deleted": session["code"]})


@bp.get("/sessions/<code>/report.pdf")
def report_pdf(code: str):
    """The session report as PDF, built from the database alone."""
    session = facilitator_session_or_abort(code)
    with heavy_turn():  # the read and the layout in one turn (app/blocking.py)
        data = report.collect(store(), registry(), session["code"])
        pdf = run_heavy(report.render, data, registry())
    report.save_export(Path(current_app.config["EXPORTS_DIR"]), session["code"], pdf)
    return attachment(pdf, "application/pdf", f"flipover-{session['code']}-verslag.pdf")


@bp.get("/sessions/<code>/report.docx")
def report_docx(code: str):
    """The session report as an editable Word document: the PDF's structure (app/report_docx.py)."""
    from app import report_docx as word  # python-docx only when a Word report is asked for

    session = facilitator_session_or_abort(code)
    with heavy_turn():  # the read and the writing in one turn, in the child, as the PDF
        data = report.collect(store(), registry(), session["code"])
        docx = run_heavy(word.render, data, registry())
    report.save_export(Path(current_app.config["EXPORTS_DIR"]), session["code"], docx, name="report.docx")
    return attachment(docx, word.MIME, f"flipover-{session['code']}-verslag.docx")


def attachment(body: bytes, content_type: str, filename: str) -> Response:
    """A download that no cache keeps (reports and exports hold the meeting's content)."""
    return Response(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.get("/sessions/<code>/qr.svg")
def qr(code: str):
    """The QR code of the join link (public: it is on the projector anyway)."""
    session = session_or_404(code)
    svg = links.qr_svg(links.join_url(session["code"]))
    # Revalidated, not stored blind: the join link can change (another Wi-Fi, a public URL),
    # but a board that reloads on the same one gets a 304 instead of the picture again.
    response = Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/sessions/<code>/export.csv")
def export_csv(code: str):
    """Every note of the session, one row each (docs/protocol.md, "Exports")."""
    return _export(code, "csv")


@bp.get("/sessions/<code>/export.json")
def export_json(code: str):
    """The whole session as JSON (docs/protocol.md, "Exports")."""
    return _export(code, "json")


def _export(raw_code: str, kind: str) -> Response:
    from app import exports  # local: this addition stays at the end of the module

    session = facilitator_session_or_abort(raw_code)
    code = session["code"]
    if kind == "csv":
        body, content_type = exports.csv_bytes(store(), registry(), code), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.json_bytes(store(), registry(), code), "application/json"
    # A copy next to the PDF, so erasing the session (app/retention.py) removes it too.
    exports.save(Path(current_app.config["EXPORTS_DIR"]), code, f"export.{kind}", body)
    return attachment(body, content_type, f"flipover-{code}-export.{kind}")
