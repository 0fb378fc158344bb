"""Serves each work format's own static files under ``/wf/<slug>/static/``
and makes its templates available as ``<slug>/<name>.html``.

The files go through app/assets.py like the core's ``static/``: fingerprinted
URLs from ``url_for('workform_static', …)`` and the import map, gzip, caching."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

from app import assets as assets_mod
from app.registry import Registry


def init_app(app: Flask, registry: Registry) -> None:
    prefixed = {
        form.slug: FileSystemLoader(str(form.package_dir / "templates"))
        for form in registry
        if form.package_dir is not None
    }
    app.jinja_loader = ChoiceLoader([app.jinja_loader, PrefixLoader(prefixed)])  # type: ignore[list-item]

    assets = assets_mod.assets_of(app)
    for form in registry:
        if form.package_dir is not None:
            assets.roots.append((f"/wf/{form.slug}/static/", form.package_dir / "static"))

    def directory(values: dict[str, Any]):
        form = registry.get(values.get("slug", ""))
        return None if form is None or form.package_dir is None else form.package_dir / "static"

    assets.endpoints["workform_static"] = directory

    @app.get("/wf/<slug>/static/<path:filename>")
    def workform_static(slug: str, filename: str):
        """A work format's own JS/CSS/images."""
        found = directory({"slug": slug})
        if found is None:
            abort(404)
        return assets_mod.serve(assets, found, filename)
