"""Fuzzing the trajectory HTTP API: random JSON bodies and random ids never crash the server,
always get a JSON answer with a message, and leave the database consistent."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import app_config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import JSON
from test_kennismaken import upload
from upload_support import png_bytes

from app import create_app

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FIELDS = st.sampled_from(
    [
        "name",
        "practice",
        "project_leader",
        "phase",
        "archived",
        "retention_days",
        "title",
        "agenda",
        "template",
        "trajectory",
        "carry_from",
        "language",
        "values",
    ]
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    app = create_app(app_config(Path(tmp_path_factory.mktemp("fuzz-traj")), JOIN_FAILURE_BURST=10**9))
    client = app.test_client()  # keeps the home key: it owns the trajectory
    trajectory = client.post("/api/trajectories", json={"name": "Fuzz"}).get_json()
    session = client.post(
        "/api/sessions", json={"title": "Fuzz", "agenda": ["trots", "actieplan"], "trajectory": trajectory["id"]}
    ).get_json()
    yield {"app": app, "client": client, "trajectory": trajectory, "session": session}
    app.extensions["flipover.store"].close()


def _json_answer(response, allowed: tuple[int, ...]) -> dict[str, Any]:
    assert response.status_code in allowed, response.status_code
    body = response.get_json()
    assert isinstance(body, dict), response.data[:200]
    if response.status_code >= 400:
        assert isinstance(body.get("error"), str) and body["error"]
        assert "Er ging iets mis" not in body["error"]
    return body


def bodies(world_ids: st.SearchStrategy) -> st.SearchStrategy:
    """Random JSON, or objects of the real field names with random values (sometimes real ids)."""
    return st.one_of(JSON, st.dictionaries(FIELDS, st.one_of(JSON, world_ids), max_size=6))


@FUZZ
@given(data=st.data())
def test_random_trajectory_and_session_bodies(world, data) -> None:
    ids = st.sampled_from([world["trajectory"]["id"], world["session"]["code"], "ZZZZZZ", ""])
    body = data.draw(bodies(ids))
    client, tid = world["client"], world["trajectory"]["id"]
    _json_answer(client.post("/api/trajectories", json=body), (201, 400))
    _json_answer(client.post("/api/sessions", json=body), (201, 400, 401, 403, 404))
    _json_answer(client.patch(f"/api/trajectories/{tid}", json=body), (200, 400))
    _json_answer(client.put(f"/api/trajectories/{tid}/casestudy", json=body), (200, 400))
    _json_answer(client.patch(f"/api/sessions/{world['session']['code']}", json=body), (200, 400))


@FUZZ
@given(
    raw=st.text(max_size=40),
    suffix=st.sampled_from(["", "/report.pdf", "/casestudy", "/casestudy.pdf"]),
)
def test_random_trajectory_ids_in_paths(world, raw, suffix) -> None:
    response = world["client"].get(f"/api/trajectories/{quote(raw, safe='')}{suffix}")
    # 308: werkzeug tidies "//" in a path with a redirect, before any of our code runs.
    assert response.status_code in (200, 308, 404, 405), response.status_code
    if response.status_code in (404, 405):
        assert isinstance(response.get_json().get("error"), str)
    page = world["client"].get(f"/t/{quote(raw, safe='')}/casestudy")
    assert page.status_code in (200, 308, 404), page.status_code


def test_the_trajectory_world_is_consistent_after_fuzzing(world) -> None:
    # Runs after the property tests in this module (pytest keeps file order).
    with world["app"].extensions["flipover.store"].reading() as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert db.execute("pragma foreign_key_check").fetchall() == []
    client, tid = world["client"], world["trajectory"]["id"]
    detail = _json_answer(client.get(f"/api/trajectories/{tid}"), (200,))
    assert detail["sessions"]
    assert client.get(f"/api/trajectories/{tid}/report.pdf").status_code == 200
    made = client.post("/api/sessions", json={"title": "Nog steeds", "agenda": ["trots"], "trajectory": tid})
    assert made.status_code == 201


# --- the same routes under tight resource limits (app/limits.py) -------------------------------------

TIGHT = {
    "SESSIONS_PER_ADDRESS_BURST": 3,
    "SESSIONS_PER_ADDRESS_PER_MINUTE": 0,
    "TRAJECTORIES_PER_ADDRESS_BURST": 3,
    "TRAJECTORIES_PER_ADDRESS_PER_MINUTE": 0,
    "UPLOADS_PER_ADDRESS_BURST": 5,
    "UPLOADS_PER_ADDRESS_PER_MINUTE": 0,
    "SESSION_MAX_CARDS": 3,
}


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory):
    app = create_app(app_config(Path(tmp_path_factory.mktemp("fuzz-limits")), **TIGHT))
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "198.51.100.1"  # the world is made from another address
    trajectory = owner.post("/api/trajectories", json={"name": "Fuzz"}).get_json()
    session = owner.post("/api/sessions", json={"title": "Fuzz", "agenda": ["kennismaken"]}).get_json()
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    yield {"app": app, "client": client, "trajectory": trajectory, "session": session}
    app.extensions["flipover.store"].close()


def _limited(response, allowed: tuple[int, ...]) -> None:
    _json_answer(response, (*allowed, 429))
    if response.status_code == 429:
        assert int(response.headers["Retry-After"]) >= 1


FILES = st.lists(
    st.tuples(
        st.text(min_size=1, max_size=20).filter(lambda n: n.strip() and "\x00" not in n),
        st.one_of(st.binary(max_size=300), st.just(png_bytes())),
    ),
    min_size=0,
    max_size=3,
)


@FUZZ
@given(data=st.data())
def test_random_bodies_and_uploads_under_tight_limits(tight, data) -> None:
    ids = st.sampled_from([tight["trajectory"]["id"], tight["session"]["code"], "ZZZZZZ", ""])
    body = data.draw(bodies(ids))
    client = tight["client"]
    _limited(client.post("/api/trajectories", json=body), (201, 400))
    _limited(client.post("/api/sessions", json=body), (201, 400, 401, 403, 404))
    response = upload(client, tight["session"], *data.draw(FILES))
    _limited(response, (201, 400, 413))


def test_tight_limits_held_under_fuzzing(tight) -> None:
    with tight["app"].extensions["flipover.store"].reading() as db:
        assert db["trajectories"].count <= 1 + TIGHT["TRAJECTORIES_PER_ADDRESS_BURST"]
        assert db["sessions"].count <= 1 + TIGHT["SESSIONS_PER_ADDRESS_BURST"]
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    cards = tight["client"].get(f"/api/sessions/{tight['session']['code']}/cards").get_json()
    assert len(cards["cards"]) <= TIGHT["SESSION_MAX_CARDS"] == cards["max_cards"]
