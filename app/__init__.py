"""Flipover: the application factory.

This module never monkey-patches: run.py does that for the eventlet server,
and tests import create_app() with the threading async mode.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from app import config as config_module
from app.db import Store
from app.registry import Registry, discover


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    settings = config_module.defaults(overrides)
    app = Flask(
        __name__,
        static_folder=str(config_module.ROOT / "static"),
        template_folder=str(config_module.ROOT / "templates"),
        instance_path=settings["INSTANCE_DIR"],
    )
    app.config.update(settings)

    registry: Registry = settings.get("REGISTRY") or discover()
    store = Store(app.config["DATABASE"])
    app.extensions["flipover.registry"] = registry
    app.extensions["flipover.store"] = store

    from app import api, pages, realtime, uploads, workform_assets

    workform_assets.init_app(app, registry)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    uploads.init_app(app)  # a facilitator's own pictures (kennismaken cards)
    socketio = SocketIO(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"],
        # None makes python-engineio accept the same origin only (an empty list
        # would switch the check off); behind a proxy, the public URL's origin.
        cors_allowed_origins=[app.config["PUBLIC_BASE_URL"].rstrip("/")] if app.config["PUBLIC_BASE_URL"] else None,
        max_http_buffer_size=64 * 1024,
        # A dead phone or laptop is noticed within 15 s; costs one tiny packet per 5 s per device.
        ping_interval=5,
        ping_timeout=10,
    )
    realtime.init_app(app, socketio, registry)

    return app


def socketio_of(app: Flask) -> SocketIO:
    """The Flask-SocketIO instance bound to ``app`` (one per app, so tests stay apart)."""
    return app.extensions["socketio"]
