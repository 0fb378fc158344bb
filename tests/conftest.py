"""Shared fixtures. Unit and Socket.IO tests use the threading async mode and a
real SQLite file per test; browser and server tests start the real run.py."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app, socketio_of

# A module that starts run.py, Chromium or Redis holds the slow tests: `make test-fast`
# runs the rest (in-process app, threading Socket.IO) in well under a minute.
LIVE_MARKERS = frozenset({"LiveServer", "RedisServer", "needs_chromium"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        if "redis_url" in getattr(item, "fixturenames", ()) or (module and LIVE_MARKERS & vars(module).keys()):
            item.add_marker(pytest.mark.live)


# Every test client comes from one address: the per-address creation rates (app/limits.py)
# would count a whole test module as one flooding facilitator. tests/test_limits.py checks
# them, with the shipped defaults (``SHIPPED_LIMITS``) and with small ones.
RELAXED_ADDRESS_LIMITS = {
    f"{kind}_PER_ADDRESS_BURST": 1_000_000 for kind in ("SESSIONS", "TRAJECTORIES", "UPLOADS", "JOINS")
}
SHIPPED_LIMITS = {key: None for key in RELAXED_ADDRESS_LIMITS}  # None: keep app/config.py's value


def app_config(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """Settings for a test app: its own SQLite file, exports folder and instance dir."""
    config = {
        "INSTANCE_DIR": str(tmp_path / "instance"),
        "DATABASE": str(tmp_path / "flipover.db"),
        "EXPORTS_DIR": str(tmp_path / "exports"),
        "SECRET_KEY": "test",
        "ASYNC_MODE": "threading",
        "TESTING": True,
        **RELAXED_ADDRESS_LIMITS,
        **overrides,
    }
    return {key: value for key, value in config.items() if value is not None}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = create_app(app_config(tmp_path))
    yield application
    application.extensions["flipover.store"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# The core's tests use trots as a plain note surface, in the app's open variant (notes
# appear live, anonymous, many per person: the agenda item's creation options); its
# handbook default (one situation each, written on one's own, a named round) is tested
# in tests/test_trots.py and through the templates.
OPEN_TROTS = {"phase": "plakken", "anonymous": True, "config": {"notes_per_participant": 20}}


def open_trots(agenda: list[Any]) -> list[Any]:
    out = []
    for entry in agenda:
        item = {"workform": entry} if isinstance(entry, str) else entry
        if isinstance(item, dict) and item.get("workform") == "trots":
            config = {**OPEN_TROTS["config"], **(item.get("config") or {})}
            item = {**OPEN_TROTS, **item, "config": config}
        out.append(item)
    return out


@pytest.fixture
def make_session(app: Flask):
    """Create a session through the public API; returns the 201 body.

    It uses a client of its own, as an API tool would: the home key the answer sets
    must not make every later request of ``client`` (phones, boards) the facilitator."""
    creator = app.test_client()

    def make(**body: Any) -> dict[str, Any]:
        body.setdefault("title", "Kick-off De Linde")
        if "template" not in body:
            body["agenda"] = open_trots(body.get("agenda", ["trots"]))
        response = creator.post("/api/sessions", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def sock(app: Flask, client: FlaskClient):
    """Open a Socket.IO test client and join it: ``sock(session, role=..., name=...)``.

    Returns ``(client, ack)``; ``client.emit(..., callback=True)`` returns the ack.
    """
    opened = []

    def connect(session: dict[str, Any] | None = None, *, role: str = "participant", **extra: Any):
        test_client = socketio_of(app).test_client(app, flask_test_client=client)
        opened.append(test_client)
        if session is None:
            return test_client, None
        payload = {"code": session["code"], "role": role, **extra}
        if role == "facilitator" and "facilitator_token" not in extra:
            payload["facilitator_token"] = session["facilitator_token"]
        ack = test_client.emit("join", payload, callback=True)
        return test_client, ack

    yield connect
    for test_client in opened:
        if test_client.is_connected():
            test_client.disconnect()


def new_client_id() -> str:
    return str(uuid.uuid4())


def activity_of(ack_or_state: dict[str, Any], workform: str = "trots") -> dict[str, Any]:
    state = ack_or_state.get("state", ack_or_state)
    return next(a for a in state["activities"] if a["workform"] == workform)


def received(test_client, event: str) -> list[Any]:
    return [m["args"][0] for m in test_client.get_received() if m["name"] == event]


def activity_views(test_client) -> dict[int, dict[str, Any]]:
    """The newest view of each activity this client received (drains its messages):
    ``activity:changed`` carries the whole agenda, ``activity:updated`` one activity."""
    views: dict[int, dict[str, Any]] = {}
    for message in test_client.get_received():
        if message["name"] == "activity:changed":
            views.update({a["id"]: a for a in message["args"][0]["activities"]})
        elif message["name"] == "activity:updated":
            activity = message["args"][0]["activity"]
            views[activity["id"]] = activity
    return views


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis for the whole run: FLIPOVER_TEST_REDIS_URL, else our own redis-server."""
    from redis_server import ENV, RedisServer

    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    try:
        server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server.url
    finally:
        server.stop()


def open_up(fac: Any, activity: dict[str, Any]) -> dict[str, Any]:
    """The facilitator switches a trots of a template to the app's open variant (as
    OPEN_TROTS at creation): posting in the open, anonymous, 20 notes each. For tests
    of the core that use a template's trots as a plain note surface."""
    for event, payload in (
        ("activity:phase", {"activity_id": activity["id"], "phase": "plakken"}),
        (
            "activity:update",
            {"activity_id": activity["id"], "anonymous": True, "notes_per_participant": 20},
        ),
    ):
        ack = fac.emit(event, payload, callback=True)
        assert ack["ok"], ack
    fac.get_received()
    return {**activity, "phase": "plakken", "anonymous": True}


def without_room_list(messages: Any) -> Any:
    """These messages without the facilitator's room list (``participant_list``: who joined,
    with their function). The list says who is present, never who wrote what, so an
    anonymity check may leave it out; it asserts that the list carries nothing else."""
    if isinstance(messages, list):
        return [without_room_list(item) for item in messages]
    if not isinstance(messages, dict):
        return messages
    out = {}
    for key, value in messages.items():
        if key == "participant_list":
            assert all(set(person) == {"id", "name", "function"} for person in value), value
            continue
        out[key] = without_room_list(value)
    return out
