"""Finds the installed work formats: every package under ``workforms/`` and every
entry point in the group ``flipover.workforms``. Built-in and third-party work
formats are registered the same way; a duplicate slug fails at start-up."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points
from pathlib import Path

from app.workform import Workform

ENTRY_POINT_GROUP = "flipover.workforms"


class RegistryError(RuntimeError):
    """A work format could not be registered (duplicate slug, bad shape)."""


class Registry:
    def __init__(self) -> None:
        self._forms: dict[str, type[Workform]] = {}

    def register(self, cls: type[Workform], *, origin: str) -> None:
        if not (isinstance(cls, type) and issubclass(cls, Workform)):
            raise RegistryError(f"{origin}: 'workform' must be a Workform subclass")
        slug = getattr(cls, "slug", None)
        if not slug or not isinstance(slug, str):
            raise RegistryError(f"{origin}: workform has no slug")
        if slug in self._forms:
            raise RegistryError(f"{origin}: duplicate workform slug '{slug}'")
        title = getattr(cls, "title", None)
        if not isinstance(title, dict) or not isinstance(title.get("nl"), str) or not title["nl"].strip():
            raise RegistryError(f"{origin}: workform '{slug}' needs a Dutch title")
        if cls.package_dir is None:
            module = importlib.import_module(cls.__module__)
            cls.package_dir = Path(module.__file__ or ".").parent
        self._forms[slug] = cls

    # Pickled for a heavy job's child (app/blocking.py): the classes travel by reference
    # (importable by name), and the folder each was registered with goes along.
    def __getstate__(self) -> list[tuple[type[Workform], Path | None]]:
        return [(cls, cls.package_dir) for cls in self._forms.values()]

    def __setstate__(self, state: list[tuple[type[Workform], Path | None]]) -> None:
        self._forms = {}
        for cls, package_dir in state:
            cls.package_dir = package_dir
            self._forms[cls.slug] = cls

    def get(self, slug: str | None) -> type[Workform] | None:
        return self._forms.get(slug or "")

    def __contains__(self, slug: object) -> bool:
        return slug in self._forms

    def __iter__(self):
        return iter(self._forms.values())

    def slugs(self) -> list[str]:
        return list(self._forms)


def discover(package: str = "workforms") -> Registry:
    """Build the registry from the built-in package and the entry-point group."""
    registry = Registry()
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        cls = getattr(module, "workform", None)
        if cls is None:
            raise RegistryError(f"{package}.{info.name}: exposes no 'workform'")
        registry.register(cls, origin=f"{package}.{info.name}")
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        registry.register(ep.load(), origin=f"entry point {ep.name}")
    return registry
