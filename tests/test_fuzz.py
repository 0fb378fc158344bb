"""Property tests: random payloads at every Socket.IO event and HTTP endpoint.
The server never crashes, always answers with an error or a valid result, and
what it stores stays consistent."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, app_config, new_client_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app, socketio_of
from app.realtime import CORE_EVENTS

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=string.ascii_uppercase + string.digits, min_size=6, max_size=6),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "activity_id",
        "note_id",
        "group_id",
        "goal_id",
        "text",
        "category",
        "client_id",
        "phase",
        "action",
        "seconds",
        "hidden",
        "field",
        "value",
        "name",
        "title",
        "position",
        "target_note_id",
        "participant_id",
        "stack_on",
        "data",
        "anonymous",
        "locked",
        "code",
        "role",
        "token",
        "votes_per_participant",
        "max_votes_per_item",
        "kind",
        "status",
        "who",
        "due",
        "what",
        "question_id",
        "score",
        "section",
    ]
)
PAYLOADS = st.one_of(JSON, st.dictionaries(KEYS, JSON, max_size=6))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    tmp = Path(tmp_path_factory.mktemp("fuzz"))
    app = create_app(app_config(tmp, RATE_BURST=10**9, JOIN_FAILURE_BURST=10**9))
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": "Fuzz", "template": "kick-off"}).get_json()
    sio = socketio_of(app)
    fac = sio.test_client(app)
    ack = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    phone = sio.test_client(app)
    phone.emit("join", {"code": session["code"], "name": "Fuzz"}, callback=True)
    yield {"app": app, "client": client, "session": session, "fac": fac, "phone": phone, "state": ack["state"]}
    for c in (fac, phone):
        c.disconnect()
    app.extensions["flipover.store"].close()


def _events(app) -> list[str]:
    custom = [f"{f.slug}:{e.name}" for f in app.extensions["flipover.registry"] for e in f.custom_events()]
    return sorted(set(CORE_EVENTS) - {"join"}) + custom


def _check_ack(event: str, ack: Any) -> None:
    assert isinstance(ack, dict), (event, ack)
    assert isinstance(ack.get("ok"), bool), (event, ack)
    if not ack["ok"]:
        assert isinstance(ack.get("error"), str) and ack["error"], (event, ack)
        assert "Er ging iets mis op de server" not in ack["error"], (event, ack)  # an unhandled crash


def _consistent(world) -> None:
    app = world["app"]
    with app.extensions["flipover.store"].reading() as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert db.execute("pragma foreign_key_check").fetchall() == []
        # Every note points at an activity of its own session; every grouped note at a group there.
        assert (
            db.execute(
                "select count(*) from notes n join activities a on a.id = n.activity_id"
                " where a.session_code != n.session_code"
            ).fetchone()[0]
            == 0
        )
        assert (
            db.execute(
                "select count(*) from notes n left join groups g on g.id = n.group_id"
                " where n.group_id is not null and (g.id is null or g.activity_id != n.activity_id)"
            ).fetchone()[0]
            == 0
        )
    # The server still answers a normal request.
    trots = activity_of(world["state"])["id"]
    world["fac"].emit("activity:phase", {"activity_id": trots, "phase": "plakken"}, callback=True)
    ok = world["phone"].emit(
        "note:add", {"activity_id": trots, "client_id": new_client_id(), "text": "Nog steeds"}, callback=True
    )
    assert ok["ok"] is True, ok


@FUZZ
@given(data=st.data())
def test_random_payloads_from_a_phone(world, data) -> None:
    event = data.draw(st.sampled_from(_events(world["app"])), label="event")
    payload = data.draw(PAYLOADS, label="payload")
    _check_ack(event, world["phone"].emit(event, payload, callback=True))


@FUZZ
@given(data=st.data())
def test_random_payloads_from_the_facilitator(world, data) -> None:
    event = data.draw(st.sampled_from(_events(world["app"])), label="event")
    if event == "activity:goto":
        return  # moving the agenda is valid and harmless, but would starve the other events of the room
    payload = data.draw(PAYLOADS, label="payload")
    if isinstance(payload, dict) and data.draw(st.booleans(), label="real ids"):
        # Half the time, aim at things that exist so the deeper checks run too.
        activities = [a["id"] for a in world["state"]["activities"]]
        payload.setdefault("activity_id", data.draw(st.sampled_from(activities)))
    _check_ack(event, world["fac"].emit(event, payload, callback=True))


@FUZZ
@given(payload=PAYLOADS)
def test_random_join_payloads(world, payload) -> None:
    c = socketio_of(world["app"]).test_client(world["app"])
    try:
        _check_ack("join", c.emit("join", payload, callback=True))
    finally:
        c.disconnect()


@FUZZ
@given(body=JSON, path=st.sampled_from(["/api/sessions"]))
def test_random_session_bodies(world, body, path) -> None:
    response = world["client"].post(path, json=body)
    # A trajectory code that does not exist is a missing resource.
    unknown = (404,) if isinstance(body, dict) and isinstance(body.get("trajectory"), str) else ()
    assert response.status_code in (201, 400, 413, 415, *unknown), (body, response.status_code)
    payload = response.get_json()
    assert isinstance(payload, dict)
    if response.status_code != 201:
        assert isinstance(payload.get("error"), str) and payload["error"]


@FUZZ
@given(code=st.text(max_size=20), suffix=st.sampled_from(["", "/qr.svg", "/report.pdf"]))
def test_random_codes_in_paths(world, code, suffix) -> None:
    from urllib.parse import quote

    response = world["client"].get(f"/api/sessions/{quote(code, safe='')}{suffix}")
    # 308: werkzeug tidies "//" in a path with a redirect, before any of our code runs.
    assert response.status_code in (200, 308, 401, 403, 404, 405, 429), response.status_code
    if response.status_code not in (200, 308):
        assert isinstance(response.get_json().get("error"), str)


def test_the_world_is_consistent_after_fuzzing(world) -> None:
    # Runs after the property tests in this module (pytest keeps file order).
    _consistent(world)
