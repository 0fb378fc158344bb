"""HTTP routes of work formats (``@http_route``, app/workform.py), mounted under
``/api/sessions/<code>/``.

The core does what every such route needs: it looks the session up (a JSON 404 when
it does not exist), checks the facilitator where the route asks for it (401/403,
as app/auth.py does for the core API), answers errors as ``{"error": ...}``, and
hands the plugin a :class:`RouteContext` instead of the store. ``kennismaken``'s
card uploads are the first such routes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from flask import Blueprint, Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from app import fanout, joinguard, limits, uploads
from app.auth import require_facilitator
from app.blocking import run_heavy
from app.events import AgendaChanged
from app.i18n import _
from app.registry import Registry
from app.workform import HttpRoute, Workform

PREFIX = "/api/sessions/<code>/"


class RouteContext:
    """What a work format's route may use (``app.workform.HttpContext``)."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.code: str = session["code"]
        self.session_title: str = session["title"]
        self.request = request
        self.max_cards: int = limits.cap("cards")

    def admit_upload(self) -> None:
        limits.admit("uploads")

    def check_upload_bytes(self, adding: int) -> None:
        limits.check_upload_bytes(self.files_dir(), adding)

    def files_dir(self) -> Path:
        return uploads.session_dir(self.code)

    def run_blocking(self, fn: Callable[..., Any], *args: object) -> Any:
        return run_heavy(fn, *args)

    def refuse(self, message: str, status: int = 400) -> NoReturn:
        abort(status, description=message)

    def announce_agenda(self) -> None:
        fanout.publish(AgendaChanged(self.code))


def _view(form: type[Workform], route: HttpRoute) -> Callable[..., Any]:
    def view(code: str, **arguments: Any) -> Any:
        # Through the join guard: a format's route must not become a way to guess codes.
        session = joinguard.lookup(code)
        if session is None:
            abort(404, description=_("Deze bijeenkomst bestaat niet (meer). Controleer de code."))
        if route.facilitator_only:
            require_facilitator(session, request)
        return route.handler(form(), RouteContext(session), **arguments)

    view.__name__ = f"{form.slug}_{route.handler.__name__}"
    view.__doc__ = route.handler.__doc__
    return view


def init_app(app: Flask, registry: Registry) -> None:
    """Mount every installed format's routes; two formats claiming one route stop start-up."""
    bp = Blueprint("workform_routes", __name__)

    @bp.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        return jsonify({"error": exc.description or exc.name}), exc.code or 500

    claimed: dict[tuple[str, str], str] = {}
    for form in registry:
        for route in form.http_routes():
            for method in route.methods:
                owner = claimed.setdefault((route.rule, method), form.slug)
                if owner != form.slug:
                    raise RuntimeError(f"{form.slug} and {owner} both claim {method} {PREFIX}{route.rule}")
            bp.add_url_rule(
                PREFIX + route.rule,
                endpoint=f"{form.slug}:{route.handler.__name__}",
                view_func=_view(form, route),
                methods=list(route.methods),
            )
    app.register_blueprint(bp)
