"""HTML pages: start, facilitator, board, phone (join)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, make_response, redirect, render_template, request, url_for

from app import agenda_templates, assets, functions, joinguard, links, owner, sessions, trajectories, trajectory_report
from app import casestudy as casestudy_mod
from app.auth import cookie_name, facilitator_allowed, token_from_request
from app.codes import display_code, normalise_code
from app.context import registry, store
from app.i18n import phone_language, use_page_language

bp = Blueprint("pages", __name__)


@bp.after_app_request
def security_headers(response):
    """No third-party anything: scripts, styles and fonts come from this server only."""
    response.headers.setdefault(
        "Content-Security-Policy",
        # script-src: this server, and the page's inline import map by its hash (app/assets.py).
        f"default-src 'self'; {assets.csp_script_src()}; img-src 'self' data: blob:; "
        "style-src 'self' 'unsafe-inline'; "
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


@bp.app_errorhandler(joinguard.TooManyAttempts)
def too_many_attempts(exc: joinguard.TooManyAttempts):
    if request.path.startswith("/api/"):
        return {"error": str(exc)}, 429
    return render_template("not_found.html", typed="", message=str(exc)), 429


@bp.get("/")
def start():
    """Start page: create a session."""
    forms = [f for f in registry() if f.slug != "toelichting"]
    return render_template(
        "start.html",
        templates=agenda_templates.available(registry()),
        workforms=forms,
        has_toelichting="toelichting" in registry(),
    )


@bp.get("/join")
def join_by_code():
    """The form on the start page: go to the phone page of a typed code."""
    session = joinguard.lookup(request.args.get("code", ""))
    if session is None:
        return render_template("not_found.html", typed=request.args.get("code", "")), 404
    return redirect(url_for("pages.phone", code=session["code"]))


def _session_or_404(raw: str):
    session = joinguard.lookup(raw)
    if session is None:
        abort(404)
    return session


@bp.get("/j/<code>")
def phone(code: str):
    """The phone page participants reach by scanning the QR code."""
    normal = normalise_code(code)
    session = joinguard.lookup(code)
    if session is None:
        # A phone that comes back to a deleted meeting forgets what it kept of it (static/js/forget.js).
        return render_template("not_found.html", typed=code, forget=normal), 404
    if normal != code:
        return redirect(url_for("pages.phone", code=normal))
    use_page_language(phone_language(session["locale"]))
    return render_template(
        "phone.html",
        session=session,
        display_code=display_code(session["code"]),
        practice_functions=functions.options(),
    )


@bp.get("/b/<code>")
def board(code: str):
    """The board for the projector."""
    session = _session_or_404(code)
    use_page_language(session["locale"])
    return render_template(
        "board.html",
        session=session,
        display_code=display_code(session["code"]),
        join_url=links.join_url(session["code"]),
    )


def no_store(view: Callable[..., Any]) -> Callable[..., Any]:
    """Pages that show a secret (the facilitator link, the home key) are never kept: not
    in the back-forward cache of a shared practice laptop, not by a proxy."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        response = make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = "no-store"
        return response

    return wrapped


@bp.get("/f/<code>")
@no_store
def facilitator(code: str):
    """The facilitator's page. The token comes once in the link, then lives in a cookie."""
    session = _session_or_404(code)
    url_token = request.args.get("token")
    if url_token:
        if not sessions.facilitator_ok(session, url_token):
            return render_template("forbidden.html"), 403
        # Move the secret out of the address bar (and out of browser history).
        response = make_response(redirect(url_for("pages.facilitator", code=session["code"])))
        response.set_cookie(
            cookie_name(session["code"]),
            url_token,
            max_age=60 * 60 * 24 * 180,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
        return response
    if not facilitator_allowed(session, request):
        return render_template("forbidden.html"), 403
    # Opened with the home key alone, the page has no session token to show as a link.
    token = token_from_request(request, session["code"])
    token = token if sessions.facilitator_ok(session, token) else None
    join = links.join_url(session["code"])
    use_page_language(session["locale"])
    return render_template(
        "facilitator.html",
        session=session,
        display_code=display_code(session["code"]),
        join_url=join,
        board_url=links.board_url(session["code"]),
        secret_url=links.facilitator_url(session["code"], token) if token else "",
        trajectory=_trajectory_of(session),
        phones_can_reach=links.reachable_by_phones(join),
        practice_functions=functions.options(),
    )


def _trajectory_of(session: dict) -> dict | None:
    found = trajectories.get_trajectory(store(), session.get("trajectory_id"))
    return trajectories.public(found) if found else None


@bp.get("/home")
@no_store
def home():
    """The facilitator's own trajectories and sessions (found by this browser's home key)."""
    key = request.args.get("key")
    if key is not None:
        # A secret link from another device. Ask first: a link someone else sent must not
        # silently make this browser record its new meetings under their key.
        return render_template("home_key.html", key=key, valid=owner.valid(key), replaces=bool(owner.key_from(request)))
    mine = trajectories.for_owner(store(), owner.hash_from(request))
    key = owner.key_from(request)
    return render_template(
        "home.html",
        trajectories=[t for t in mine["trajectories"] if not t["archived"]],
        archived_trajectories=[t for t in mine["trajectories"] if t["archived"]],
        sessions=[s for s in mine["sessions"] if not s["archived"]],
        archived_sessions=[s for s in mine["sessions"] if s["archived"]],
        templates=agenda_templates.available(registry()),
        phases=trajectories.PHASES,
        home_link=links.home_url(key) if key else "",
    )


@bp.post("/home/key")
def adopt_home_key():
    """Confirmed on /home?key=…: store the key in this browser, then show its home."""
    key = request.form.get("key", "")
    if not owner.valid(key):
        abort(400)
    response = make_response(redirect(url_for("pages.home")))
    owner.remember(response, request, key)
    return response


@bp.get("/t/<trajectory_id>/casestudy")
@no_store
def casestudy(trajectory_id: str):
    """The project leader fills in the trajectory's case study (only with the owner's home key)."""
    trajectory = trajectories.get_trajectory(store(), trajectory_id)
    if trajectory is None:
        return render_template("casestudy.html", trajectory=None), 404
    if not owner.owns(request, trajectory["owner_hash"]):
        return render_template("forbidden.html"), 403
    data = trajectory_report.collect(store(), registry(), trajectory)
    use_page_language(data["locale"])
    fields = casestudy_mod.fields(data, registry(), trajectory["casestudy"])
    sections: dict[str, dict] = {}
    for field in fields:
        sections.setdefault(field["section_key"], {"title": field["section"], "fields": []})["fields"].append(field)
    return render_template(
        "casestudy.html",
        trajectory=trajectories.public(trajectory),
        sections=list(sections.values()),
        max_length=casestudy_mod.MAX_VALUE,
    )
