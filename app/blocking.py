"""Run slow work (PDF, image re-encoding) off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


def run_blocking(fn: Callable[..., T], *args: object) -> T:
    """Under eventlet, run ``fn`` in a real OS thread so the loop keeps serving
    notes; under threading it is already on its own thread."""
    mode = current_app.config["ASYNC_MODE"]
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)
