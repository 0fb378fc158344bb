"""Privacy: a session and all its data go in one action, or by themselves after
the retention period."""

from __future__ import annotations

import json
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import activity_of, app_config, new_client_id
from live_server import LiveServer

from app import create_app, socketio_of
from app.retention import purge_expired

TABLES = ("sessions", "activities", "participants", "notes", "groups", "votes", "entries", "goals")


def _counts(app, code: str) -> dict[str, int]:
    with app.extensions["flipover.store"].reading() as db:
        out = {"sessions": db["sessions"].count_where("code = ?", [code])}
        for table in TABLES[1:]:
            out[table] = db[table].count_where("session_code = ?", [code])
    return out


def _busy_session(app) -> dict:
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": "Oud", "agenda": [{"workform": "trots"}]}).get_json()
    fac = socketio_of(app).test_client(app)
    ack = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    phone = socketio_of(app).test_client(app)
    phone.emit("join", {"code": session["code"], "name": "Ria"}, callback=True)
    trots = activity_of(ack)["id"]
    phone.emit("note:add", {"activity_id": trots, "client_id": new_client_id(), "text": "Samen"}, callback=True)
    fac.emit("goal:add", {"title": "Meer tijd"}, callback=True)
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    assert client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth).status_code == 200
    return session


def test_sessions_older_than_the_period_are_erased_with_everything(tmp_path: Path) -> None:
    app = create_app(app_config(tmp_path, RETENTION_DAYS=30))
    try:
        old, fresh = _busy_session(app), _busy_session(app)
        assert all(_counts(app, old["code"])[t] for t in ("sessions", "activities", "participants", "notes", "goals"))
        assert (Path(app.config["EXPORTS_DIR"]) / old["code"]).is_dir()
        long_ago = (datetime.now(UTC) - timedelta(days=31)).isoformat(timespec="milliseconds")
        with app.extensions["flipover.store"].transaction() as db:
            db["sessions"].update(old["code"], {"created_at": long_ago})
        assert purge_expired(app) == [old["code"]]
        assert set(_counts(app, old["code"]).values()) == {0}
        assert not list(Path(app.config["EXPORTS_DIR"]).glob(f"*{old['code']}*"))
        assert _counts(app, fresh["code"])["notes"] == 1
        assert purge_expired(app) == []  # a second sweep (another worker) finds nothing
    finally:
        app.extensions["flipover.store"].close()


def test_without_a_period_nothing_is_erased(tmp_path: Path) -> None:
    app = create_app(app_config(tmp_path, RETENTION_DAYS=0))
    try:
        session = _busy_session(app)
        assert purge_expired(app, now=datetime.now(UTC) + timedelta(days=3650)) == []
        assert _counts(app, session["code"])["notes"] == 1
    finally:
        app.extensions["flipover.store"].close()


def test_the_real_server_sweeps_at_start(tmp_path: Path) -> None:
    db = tmp_path / "flipover.db"
    live = LiveServer(db).start()
    try:
        req = urllib.request.Request(
            live.url + "/api/sessions",
            data=json.dumps({"title": "Oud"}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10) as res:
            code = json.load(res)["code"]
    finally:
        live.stop()
    app = create_app(app_config(tmp_path, DATABASE=str(db)))
    with app.extensions["flipover.store"].transaction() as conn:
        conn["sessions"].update(code, {"created_at": "2020-01-01T00:00:00.000+00:00"})
    app.extensions["flipover.store"].close()
    live = LiveServer(db, extra=("--retention-days", "30")).start()
    try:
        deadline = time.monotonic() + 10
        status = 200
        while time.monotonic() < deadline and status != 404:
            try:
                urllib.request.urlopen(f"{live.url}/j/{code}", timeout=5)
            except urllib.error.HTTPError as exc:
                status = exc.code
            time.sleep(0.1)
        assert status == 404
    finally:
        live.stop()
