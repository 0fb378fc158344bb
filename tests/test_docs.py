"""The documentation keeps up with the code (issue 17 item 6), in the style of
Datasette's tests/test_docs.py: every name is read from the code, never from a list
kept here, and each missing one is a test case of its own that says where to write it.

- every module in app/ has a row in the module table of docs/architecture.md;
- every core Socket.IO event the server handles, and every event it emits, is in
  docs/protocol.md;
- every work format has a README.md naming each of its own events;
- every hook of ``Workform`` and every member of the context that plugin handlers
  receive (``ctx``) is in docs/workforms.md.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import app_config

from app import create_app, socketio_of
from app.registry import discover
from app.workform import Workform, facilitator_event

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Where the context class of plugin handlers may live, first match wins: a Protocol
# type in app/plugin_api.py, then the concrete class (today app.realtime.EventContext).
CONTEXT_MODULES = ("app.plugin_api", "app.realtime")
CONTEXT_NAMES = ("EventContext", "PluginContext", "Context")


def cases(kind: str, names: list[str]) -> list[Any]:
    """One parameter per name."""
    return [pytest.param(name, id=name) for name in sorted(set(names))]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The body of the ``## heading`` section of a Markdown text (up to the next ``## ``)."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"no '## {heading}' section"
    return match.group(1)


# --- what the code has -------------------------------------------------------------


def app_modules() -> list[str]:
    return [p.stem for p in (ROOT / "app").glob("*.py") if p.stem != "__init__"]


class DocsProbe(Workform):
    """A work format whose one event records the context object the core passes to handlers."""

    slug = "docs-probe"
    title = {"nl": "Documentatietest", "en": "Docs probe"}
    seen: list[type] = []

    @facilitator_event("look")
    def look(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        DocsProbe.seen.append(type(ctx))
        return {"ok": True}


def inspect_server() -> tuple[list[str], type]:
    """Build an app as the tests do: the event names its Socket.IO server handles, and
    the type of the ``ctx`` a work format's event handler receives."""
    registry = discover()
    registry.register(DocsProbe, origin="tests/test_docs.py")
    with tempfile.TemporaryDirectory() as tmp:
        application = create_app(app_config(Path(tmp), REGISTRY=registry))
        try:
            handled = list(socketio_of(application).server.handlers["/"])
            body = {"title": "Docs", "agenda": [{"workform": DocsProbe.slug}]}
            session = application.test_client().post("/api/sessions", json=body).get_json()
            client = socketio_of(application).test_client(application)
            joined = client.emit(
                "join",
                {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
                callback=True,
            )
            activity_id = joined["state"]["activities"][0]["id"]
            ack = client.emit(f"{DocsProbe.slug}:look", {"activity_id": activity_id}, callback=True)
            assert ack == {"ok": True}, ack
            client.disconnect()
        finally:
            application.extensions["flipover.store"].close()
    return handled, DocsProbe.seen[-1]


HANDLED, CONTEXT_SEEN = inspect_server()
PLUGIN_SLUGS = {form.slug for form in discover()} | {DocsProbe.slug}


def core_events() -> list[str]:
    """Handled events that are not a work format's ``<slug>:<name>``, without connect/disconnect."""
    return [
        name for name in HANDLED if name not in ("connect", "disconnect") and name.split(":", 1)[0] not in PLUGIN_SLUGS
    ]


EVENT_NAME = re.compile(r"[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def emitted_events() -> list[str]:
    """Every event name the server emits: ``emit("…")`` literals in app/ and workforms/,
    names passed to helpers that forward a parameter to ``emit`` (app/fanout.py's
    ``_to_staff(code, "presence", …)``), and the ``word:word`` literals of app/fanout.py."""
    files = sorted((ROOT / "app").glob("*.py")) + sorted((ROOT / "workforms").rglob("*.py"))
    names: set[str] = set()
    for path in files:
        tree = ast.parse(read(path))
        forwarders: dict[str, int] = {}
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            params = [a.arg for a in fn.args.args]
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _callee(call) == "emit" and call.args:
                    first = call.args[0]
                    if isinstance(first, ast.Name) and first.id in params:
                        forwarders[fn.name] = params.index(first.id)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = _callee(call)
            index = 0 if name == "emit" else forwarders.get(name)
            if index is not None and len(call.args) > index and (value := _string(call.args[index])):
                names.add(value)
        if path.name == "fanout.py":
            names |= {v for node in ast.walk(tree) if (v := _string(node)) and EVENT_NAME.fullmatch(v)}
    return sorted(names)


def plugin_events() -> list[tuple[str, Path]]:
    return [
        (f"{form.slug}:{event.name}", form.package_dir or ROOT) for form in discover() for event in form.custom_events()
    ]


def workform_hooks() -> list[str]:
    """Public callables of ``Workform`` that a work format may override (the classmethods
    are the derived helpers, "not meant to be overridden")."""
    return [
        name
        for name, value in vars(Workform).items()
        if not name.startswith("_") and callable(value) and not isinstance(value, classmethod)
    ]


def context_class() -> type:
    """The context plugin handlers receive, looked up by name so that a Protocol type
    (app/plugin_api.py) or a moved class is found; else the type actually passed."""
    for module_name in (*CONTEXT_MODULES, CONTEXT_SEEN.__module__):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the module exists but is broken: say so
            continue
        for name in (CONTEXT_SEEN.__name__, *CONTEXT_NAMES):
            found = getattr(module, name, None)
            if isinstance(found, type):
                return found
    return CONTEXT_SEEN


def public_members(cls: type) -> list[str]:
    """Methods, properties, annotated attributes and ``self.x = …`` of ``__init__``."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object or klass.__module__ == "typing":
            continue
        names |= set(vars(klass)) | set(getattr(klass, "__annotations__", {}))
        init = vars(klass).get("__init__")
        if init is not None and inspect.isfunction(init):
            tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(init)))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                ):
                    names.add(node.attr)
    return [n for n in names if not n.startswith("_")]


CONTEXT = context_class()

# --- the tests -----------------------------------------------------------------------


@pytest.mark.parametrize("module", cases("module", app_modules()))
def test_app_module_in_architecture_table(module: str) -> None:
    table = section(read(DOCS / "architecture.md"), "Modules")
    assert f"`app/{module}.py`" in table, (
        f"app/{module}.py has no row in the module table of docs/architecture.md (## Modules): "
        "add one line saying what it does"
    )


@pytest.mark.parametrize("event", cases("core-event", core_events()))
def test_core_event_in_protocol(event: str) -> None:
    assert f"`{event}`" in read(DOCS / "protocol.md"), (
        f"the server handles the Socket.IO event `{event}` (app/realtime.py) but docs/protocol.md does not "
        "document it: add it to §4.4 Client → server events"
    )


@pytest.mark.parametrize("event", cases("emitted-event", emitted_events()))
def test_emitted_event_in_protocol(event: str) -> None:
    assert f"`{event}`" in read(DOCS / "protocol.md"), (
        f"the server emits `{event}` (app/fanout.py) but docs/protocol.md does not document it: "
        "add it to §4.5 Server → client events"
    )


@pytest.mark.parametrize("slug", cases("plugin-readme", [form.slug for form in discover()]))
def test_work_format_has_readme(slug: str) -> None:
    form = next(f for f in discover() if f.slug == slug)
    readme = (form.package_dir or ROOT) / "README.md"
    assert readme.is_file(), (
        f"work format {slug} has no {readme.relative_to(ROOT)}: what it is for, its phases, its events, "
        "activity.extra and its report section"
    )


PLUGIN_EVENTS = dict(plugin_events())


@pytest.mark.parametrize("event", cases("plugin-event", list(PLUGIN_EVENTS)))
def test_plugin_event_in_its_readme(event: str) -> None:
    package = PLUGIN_EVENTS[event]
    readme = package / "README.md"
    text = read(readme) if readme.is_file() else ""
    name = event.split(":", 1)[1]
    assert event in text or re.search(rf"`{re.escape(name)}(?![\w-])", text), (
        f"work format event `{event}` is not documented in {readme.relative_to(ROOT)}: "
        "add it to the events table (who may send it, payload, what the ack returns)"
    )


@pytest.mark.parametrize("hook", cases("hook", workform_hooks()))
def test_workform_hook_in_workforms_doc(hook: str) -> None:
    assert re.search(rf"`{re.escape(hook)}\b", read(DOCS / "workforms.md")), (
        f"Workform.{hook} (app/workform.py) is a hook work formats may override, but docs/workforms.md "
        "does not name it: describe it under '## 3. Hooks'"
    )


@pytest.mark.parametrize("member", cases("ctx", public_members(CONTEXT)))
def test_context_member_in_workforms_doc(member: str) -> None:
    assert re.search(rf"\bctx\.{re.escape(member)}\b", read(DOCS / "workforms.md")), (
        f"ctx.{member} ({CONTEXT.__module__}.{CONTEXT.__name__}, what plugin handlers receive) is public "
        "but docs/workforms.md does not name it: add it to the ctx table in '## 4. Custom events'"
    )


def test_the_checks_see_something() -> None:
    """Guards against a check that silently finds nothing (a moved file, a renamed attribute)."""
    assert {"realtime", "fanout", "workform"} <= set(app_modules())
    assert {"join", "note:add", "clock:sync"} <= set(core_events())
    assert {"note:added", "presence", "activity:updated"} <= set(emitted_events())
    assert "trots" in {f.slug for f in discover()} and PLUGIN_EVENTS
    assert {"validate", "extra_view", "report_section"} <= set(workform_hooks())
    assert {"activity", "refuse", "set_state"} <= set(public_members(CONTEXT))
