"""Flipover: the application factory.

This module never monkey-patches: run.py does that for the eventlet server,
and tests import create_app() with the threading async mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask.ctx import RequestContext
from flask_socketio import SocketIO
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config as config_module
from app import gate
from app.db import Store
from app.registry import Registry, discover
from app.sessionqueue import SessionQueue

# The largest Socket.IO message (a note is at most a few KB; an import of a whole agenda more).
MAX_SOCKET_MESSAGE = 64 * 1024


# The path of Socket.IO's transport: never a Flask view.
SOCKETIO_PATH = "/socket.io"


class _RequestContext(RequestContext):
    """A request context that does not route the Socket.IO transport's path.

    Flask-SocketIO runs every event in a request context made from its socket's handshake
    request. Routed, that request found no view and kept the NotFound it raised, whose
    traceback closes a reference cycle through the context: some 60 objects per event that
    only the garbage collector could free (issue 22: at 200 notes/s that garbage made every
    young collection, the longest 20-40 ms). A NotFound that was never raised has no
    traceback; and no match also spares werkzeug's matcher its own cycle (a recursive
    closure) per event.
    """

    def match_request(self) -> None:
        path = self.request.environ.get("PATH_INFO", "")
        if path == SOCKETIO_PATH or path.startswith(SOCKETIO_PATH + "/"):
            self.request.routing_exception = NotFound()
            return
        super().match_request()


class FlipoverApp(Flask):
    def request_context(self, environ: dict[str, Any]) -> RequestContext:
        return _RequestContext(self, environ)


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    settings = config_module.defaults(overrides)
    app = FlipoverApp(
        __name__,
        static_folder=settings["STATIC_DIR"],
        template_folder=str(config_module.ROOT / "templates"),
        instance_path=settings["INSTANCE_DIR"],
    )
    app.config.update(settings)
    app.json = gate.ShallowJSONProvider(app)

    registry: Registry = settings.get("REGISTRY") or discover()
    store = Store(app.config["DATABASE"], busy_timeout_ms=int(app.config["DATABASE_BUSY_TIMEOUT_MS"]))
    app.extensions["flipover.registry"] = registry
    app.extensions["flipover.store"] = store

    from app import (
        api,
        api_photos,
        api_trajectories,  # noqa: F401 - adds its routes to api.bp before it is registered
        assets,
        csrf,
        hyphenation,
        i18n,
        joinguard,
        limits,
        pages,
        realtime,
        uploads,
        workform_assets,
        workform_routes,
    )

    # First, so its gzip of pages and JSON runs after every other after_request hook.
    assets.init_app(app, Path(app.config["STATIC_DIR"]))  # fingerprints, caching, gzip, import map
    i18n.init_app(app)  # Dutch by default, English second (translations/)

    workform_assets.init_app(app, registry)
    joinguard.init_app(app)
    csrf.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(hyphenation.bp)  # soft-hyphen patterns for static/js/hyphenate.js
    app.jinja_env.globals["hyphenation_url"] = hyphenation.patterns_url
    app.jinja_env.globals["phone_hyphenation_from"] = hyphenation.PHONE_FROM
    uploads.init_app(app)  # each session's folder of uploaded files (kennismaken cards)
    limits.init_app(app)  # per-address rates, per-session caps, the disk floor; storage errors in Dutch
    workform_routes.init_app(app, registry)  # work formats' own HTTP routes (kennismaken's card uploads)
    api_photos.init_app(app)  # photos of paper flip-overs per agenda item
    socketio = SocketIO(
        app,
        async_mode=app.config["ASYNC_MODE"],
        **_queue(app.config["MESSAGE_QUEUE"]),
        # None makes python-engineio accept the same origin only (an empty list
        # would switch the check off); behind a proxy, the public URL's origin.
        cors_allowed_origins=_origins(app.config["PUBLIC_BASE_URL"]),
        max_http_buffer_size=MAX_SOCKET_MESSAGE,
        path=SOCKETIO_PATH.strip("/"),  # the path _RequestContext leaves unrouted
        json=gate.ShallowJSON,
        # A dead phone or laptop is noticed within 15 s; costs one tiny packet per 5 s per device.
        ping_interval=5,
        ping_timeout=10,
    )
    realtime.init_app(app, socketio, registry)
    app.wsgi_app = gate.OversizePolls(app.wsgi_app, SOCKETIO_PATH, MAX_SOCKET_MESSAGE)  # type: ignore[method-assign]
    app.wsgi_app = gate.TrustedHosts(  # type: ignore[method-assign]
        app.wsgi_app, gate.own_names(app.config["PUBLIC_BASE_URL"], app.config["ALLOWED_HOSTS"])
    )
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        # Outermost, so Socket.IO's origin check and Flask (links, Secure cookie) both see
        # the client's scheme and host. Only on request: without a proxy these headers are
        # whatever the client made up.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]

    return app


def _queue(url: str | None) -> dict[str, Any]:
    """The message queue between workers: Redis routed by session (app/sessionqueue.py), or
    Flask-SocketIO's own for another kind of queue; none for a single process."""
    if not url:
        return {}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"client_manager": SessionQueue(url)}
    return {"message_queue": url}


def _origins(public_base_url: str) -> list[str] | None:
    """The browser's Origin for the public URL: scheme and host only, never a path."""
    if not public_base_url:
        return None
    parts = urlsplit(public_base_url)
    return [f"{parts.scheme}://{parts.netloc}"]


def socketio_of(app: Flask) -> SocketIO:
    """The Flask-SocketIO instance bound to ``app`` (one per app, so tests stay apart)."""
    return app.extensions["socketio"]
