"""Serves each work format's own static files under ``/wf/<slug>/static/``
and makes its templates available as ``<slug>/<name>.html``."""

from __future__ import annotations

from flask import Flask, abort, send_from_directory
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

from app.registry import Registry


def init_app(app: Flask, registry: Registry) -> None:
    prefixed = {
        form.slug: FileSystemLoader(str(form.package_dir / "templates"))
        for form in registry
        if form.package_dir is not None
    }
    app.jinja_loader = ChoiceLoader([app.jinja_loader, PrefixLoader(prefixed)])  # type: ignore[list-item]

    @app.get("/wf/<slug>/static/<path:filename>")
    def workform_static(slug: str, filename: str):
        """A work format's own JS/CSS/images."""
        form = registry.get(slug)
        if form is None or form.package_dir is None:
            abort(404)
        return send_from_directory(form.package_dir / "static", filename, max_age=300)
