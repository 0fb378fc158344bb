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

from app import create_app

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FIELDS = st.sampled_from(
    [
        "name",
        "practice",
        "project_leader",
        "phase",
        "archived",
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
