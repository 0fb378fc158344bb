"""Access to the app's store and registry from request and event handlers."""

from __future__ import annotations

from flask import current_app

from app.db import Store
from app.registry import Registry


def store() -> Store:
    return current_app.extensions["flipover.store"]


def registry() -> Registry:
    return current_app.extensions["flipover.registry"]
