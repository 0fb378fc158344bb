"""Resource limits (app/limits.py, docs/architecture.md "Limits"): what one client address may
create, how full a session may get, the disk floor, and what people hear when the disk is
full or the database is locked (issue 18, finding 3)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import SHIPPED_LIMITS, activity_of, app_config, new_client_id, open_trots
from drivers import bearer
from flask import Flask
from test_kennismaken import upload
from upload_support import png_bytes

from app import config as config_module
from app import create_app, socketio_of
from app.db import Store
from app.retention import purge_expired

NAT = "192.0.2.10"  # the practice's Wi-Fi: every phone behind one address


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Any]:
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        application = create_app(app_config(tmp_path / str(len(made)), **overrides))
        made.append(application)
        return application

    yield make
    for application in made:
        application.extensions["flipover.store"].close()


def client_at(app: Flask, address: str = NAT):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def new_session(client, **body: Any):
    if "template" not in body:
        body["agenda"] = open_trots(body.get("agenda", ["trots"]))
    return client.post("/api/sessions", json={"title": "Kick-off", **body})


def phone(app: Flask, code: str, address: str = NAT, **join: Any) -> tuple[Any, dict[str, Any]]:
    test_client = socketio_of(app).test_client(app, flask_test_client=client_at(app, address))
    return test_client, test_client.emit("join", {"code": code, "name": "Ria", **join}, callback=True)


def facilitator(app: Flask, session: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    test_client = socketio_of(app).test_client(app, flask_test_client=client_at(app, "198.51.100.1"))
    payload = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    return test_client, test_client.emit("join", payload, callback=True)


def note(test_client, activity_id: int, text: str = "Samen") -> dict[str, Any]:
    payload = {"activity_id": activity_id, "client_id": new_client_id(), "text": text}
    return test_client.emit("note:add", payload, callback=True)


# --- the shipped defaults -------------------------------------------------------------------------


def test_the_shipped_defaults_are_safe_and_generous_enough_for_a_practice() -> None:
    config = config_module.defaults({"SECRET_KEY": "x"})
    assert config["RETENTION_DAYS"] == 90
    assert config["SESSIONS_PER_ADDRESS_BURST"] >= 10  # a facilitator prepares a trajectory's meetings
    assert config["JOINS_PER_ADDRESS_BURST"] >= 50  # a whole practice behind one NAT address
    assert config["SESSION_MAX_PARTICIPANTS"] >= 100
    assert config["SESSION_MAX_NOTES"] >= 2000
    assert config["MIN_FREE_DISK_MB"] >= 100


def test_limits_are_configurable_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("FLIPOVER_SESSION_MAX_NOTES", "12")
    monkeypatch.setenv("FLIPOVER_SESSIONS_PER_ADDRESS_PER_MINUTE", "2.5")
    monkeypatch.setenv("FLIPOVER_RETENTION_DAYS", "0")
    config = config_module.defaults({"SECRET_KEY": "x"})
    assert config["SESSION_MAX_NOTES"] == 12 and config["SESSIONS_PER_ADDRESS_PER_MINUTE"] == 2.5
    assert config["RETENTION_DAYS"] == 0  # 0 still switches retention off


def test_a_session_flood_from_one_address_gets_429_with_retry_after(make_app) -> None:
    app = make_app(**SHIPPED_LIMITS)  # the real default: a burst of 20
    flooder = client_at(app, "203.0.113.9")
    answers = [new_session(flooder) for _ in range(25)]
    assert [a.status_code for a in answers[:20]] == [201] * 20
    refused = answers[20]
    assert refused.status_code == 429 and refused.is_json
    assert refused.get_json()["error"].startswith("Te veel nieuwe bijeenkomsten vanaf dit netwerk")
    assert int(refused.headers["Retry-After"]) >= 1
    assert {a.status_code for a in answers[20:]} == {429}
    with app.extensions["flipover.store"].reading() as db:
        assert db["sessions"].count == 20
    # Another address (another practice) is not affected; a duplicate counts as a new session.
    assert new_session(client_at(app, "198.51.100.7")).status_code == 201
    made = answers[0].get_json()
    assert flooder.post(f"/api/sessions/{made['code']}/duplicate", headers=bearer(made)).status_code == 429


def test_a_trajectory_flood_from_one_address_gets_429(make_app) -> None:
    app = make_app(TRAJECTORIES_PER_ADDRESS_BURST=2, TRAJECTORIES_PER_ADDRESS_PER_MINUTE=0)
    client = client_at(app)
    answers = [client.post("/api/trajectories", json={"name": f"Traject {i}"}) for i in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]
    assert "Te veel nieuwe trajecten" in answers[2].get_json()["error"]
    assert answers[2].headers["Retry-After"] == "3600"


def test_twenty_phones_behind_one_nat_join_at_once_with_the_shipped_defaults(make_app) -> None:
    app = make_app(**SHIPPED_LIMITS)
    code = new_session(client_at(app, "198.51.100.1")).get_json()["code"]
    acks = [phone(app, code, name=f"Collega {i}")[1] for i in range(50)]
    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]][:1]


def test_a_join_flood_from_one_address_is_refused_but_a_returning_phone_gets_in(make_app) -> None:
    app = make_app(JOINS_PER_ADDRESS_BURST=3, JOINS_PER_ADDRESS_PER_MINUTE=0)
    code = new_session(client_at(app, "198.51.100.1")).get_json()["code"]
    acks = [phone(app, code)[1] for _ in range(4)]
    assert [a["ok"] for a in acks] == [True, True, True, False]
    assert acks[3]["error"].startswith("Te veel nieuwe deelnemers vanaf dit netwerk")
    assert acks[3]["retry_after"] == 3600
    # A phone that comes back with its token is no new participant: always let in.
    assert phone(app, code, token=acks[0]["token"])[1]["ok"] is True
    assert phone(app, code, address="198.51.100.99")[1]["ok"] is True  # another network
    with app.extensions["flipover.store"].reading() as db:
        assert db["participants"].count == 4


# --- per session ----------------------------------------------------------------------------------


def test_a_full_session_refuses_new_participants_but_not_returning_ones(make_app) -> None:
    app = make_app(SESSION_MAX_PARTICIPANTS=2)
    code = new_session(client_at(app)).get_json()["code"]
    first, second, third = (phone(app, code, address=f"198.51.100.{i}")[1] for i in range(3))
    assert first["ok"] and second["ok"]
    assert third["ok"] is False
    assert third["error"].startswith("Deze bijeenkomst zit vol: er doen al 2 deelnemers mee")
    assert phone(app, code, token=first["token"])[1]["ok"] is True


def test_a_full_session_refuses_new_notes_from_anyone(make_app) -> None:
    app = make_app(SESSION_MAX_NOTES=3)
    session = new_session(client_at(app), agenda=["trots", "uitdagingen-en-kansen"]).get_json()
    fac, ack = facilitator(app, session)
    trots = activity_of(ack)["id"]
    ria, _ = phone(app, session["code"])
    assert all(note(ria, trots, f"Post-it {i}")["ok"] for i in range(3))
    refused = note(ria, trots, "Nog een")
    assert refused["ok"] is False
    assert refused["error"].startswith("Deze bijeenkomst zit vol: er staan al 3 post-its in")
    assert note(fac, trots, "Van de begeleider")["ok"] is False
    with app.extensions["flipover.store"].reading() as db:
        assert db["notes"].count == 3
    # Another session on the server is not affected.
    other = new_session(client_at(app)).get_json()
    jan, join = phone(app, other["code"])
    assert note(jan, activity_of(join)["id"])["ok"] is True


def test_uploads_have_a_per_address_rate_and_per_session_caps(make_app) -> None:
    app = make_app(UPLOADS_PER_ADDRESS_BURST=3, UPLOADS_PER_ADDRESS_PER_MINUTE=0, SESSION_MAX_CARDS=3)
    client = client_at(app)
    session = new_session(client, agenda=["kennismaken"]).get_json()
    assert client.get(f"/api/sessions/{session['code']}/cards").get_json()["max_cards"] == 3
    assert upload(client, session, ("a.png", png_bytes()), ("b.png", png_bytes())).status_code == 201
    too_many = upload(client, session, ("c.png", png_bytes()), ("d.png", png_bytes()))
    assert too_many.status_code == 400 and "Maximaal 3 eigen kaarten" in too_many.get_json()["error"]
    # Bytes: the session's stored pictures together stay under SESSION_MAX_UPLOAD_BYTES.
    app.config["SESSION_MAX_UPLOAD_BYTES"] = sum(f.stat().st_size for f in _files(app, session))
    full = upload(client, session, ("c.png", png_bytes()))
    assert full.status_code == 413
    assert full.get_json()["error"].startswith("Deze bijeenkomst zit vol: samen mogen de afbeeldingen")
    assert len(client.get(f"/api/sessions/{session['code']}/cards").get_json()["cards"]) == 2
    # The fourth request from this address: too fast, whatever it holds.
    flood = upload(client, session, ("c.png", png_bytes()))
    assert flood.status_code == 429 and "Te veel uploads" in flood.get_json()["error"]
    assert flood.headers["Retry-After"]


def _files(app: Flask, session: dict[str, Any]) -> list[Path]:
    return [f for f in (Path(app.config["UPLOADS_DIR"]) / session["code"]).rglob("*") if f.is_file()]


# --- the disk -------------------------------------------------------------------------------------


def test_nearly_full_disk_refuses_new_things_with_507_but_meetings_go_on(make_app, monkeypatch) -> None:
    app = make_app()
    client = client_at(app)
    session = new_session(client, agenda=["trots", "kennismaken"]).get_json()
    ria, ack = phone(app, session["code"])
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda path: real(path)._replace(free=100 * 1024 * 1024))
    refused = new_session(client)
    assert refused.status_code == 507 and refused.is_json
    assert refused.get_json()["error"] == (
        "De server heeft bijna geen schijfruimte meer; nieuwe bijeenkomsten kunnen nu niet worden gemaakt."
    )
    assert client.post("/api/trajectories", json={"name": "Traject"}).status_code == 507
    assert upload(client, session, ("a.png", png_bytes())).status_code == 507
    # The meeting that runs keeps storing: notes and new phones.
    assert note(ria, activity_of(ack)["id"])["ok"] is True
    assert phone(app, session["code"], address="198.51.100.3")[1]["ok"] is True
    app.config["MIN_FREE_DISK_MB"] = 50  # the floor is configuration
    assert new_session(client).status_code == 201


# --- storing fails anyway: a full disk, a locked database -------------------------------------------


def _fill_database(app: Flask) -> None:
    """A genuine "database or disk is full": the app's own connection may not grow the file."""
    db = app.extensions["flipover.store"].db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_tells_the_facilitator_over_http_in_json(make_app) -> None:
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    client = client_at(app)
    _fill_database(app)
    agenda = [{"workform": "trots", "body": "x" * 2000} for _ in range(30)]
    answer = new_session(client, agenda=agenda)
    assert answer.status_code == 507 and answer.is_json, answer.data[:200]
    assert answer.get_json()["error"].startswith("De server heeft geen schijfruimte meer: dit is niet opgeslagen.")
    english = new_session(client, agenda=agenda, language="en")
    assert english.status_code == 507 and answer.is_json


def test_a_full_disk_answers_a_socket_event_with_a_clear_refusal(make_app) -> None:
    app = make_app(RATE_BURST=1000)
    session = new_session(client_at(app)).get_json()
    ria, ack = phone(app, session["code"])
    trots = activity_of(ack)["id"]
    _fill_database(app)
    acks = [note(ria, trots, f"Een lange post-it over de praktijk, nummer {i}: " + "x" * 200) for i in range(200)]
    refused = [a for a in acks if not a["ok"]]
    assert refused, "the database never filled up"
    assert refused[0]["error"].startswith("De server heeft geen schijfruimte meer")


@pytest.fixture
def locked(make_app) -> Iterator[tuple[Flask, sqlite3.Connection]]:
    app = make_app(DATABASE_BUSY_TIMEOUT_MS=100, PROPAGATE_EXCEPTIONS=False)
    other = sqlite3.connect(app.config["DATABASE"], timeout=0.1, isolation_level=None)
    yield app, other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_locked_database_answers_503_with_retry_after_and_a_socket_refusal(locked) -> None:
    app, other = locked
    client = client_at(app)
    session = new_session(client).get_json()
    ria, ack = phone(app, session["code"])
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    answer = new_session(client)
    assert answer.status_code == 503 and answer.is_json
    assert answer.get_json()["error"].startswith("De database is even bezet")
    assert answer.headers["Retry-After"] == "5"
    refused = note(ria, activity_of(ack)["id"])
    assert refused["ok"] is False and refused["error"].startswith("De database is even bezet")
    other.execute("ROLLBACK")
    assert new_session(client).status_code == 201
    assert note(ria, activity_of(ack)["id"])["ok"] is True


def test_any_other_crash_under_the_api_is_json_in_dutch(make_app, monkeypatch) -> None:
    from app import sessions

    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(sessions, "create_session", broken)
    answer = new_session(client_at(app))
    assert answer.status_code == 500 and answer.is_json
    assert answer.get_json() == {"error": "Er ging iets mis op de server. Probeer het opnieuw."}


# --- retention ------------------------------------------------------------------------------------


def _age(app: Flask, code: str, days: float) -> None:
    created = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
    with app.extensions["flipover.store"].transaction() as db:
        db["sessions"].update(code, {"created_at": created})


def test_a_trajectory_shortens_or_lengthens_the_retention_of_its_sessions(make_app) -> None:
    app = make_app(RETENTION_DAYS=None)  # the shipped default: 90 days
    assert app.config["RETENTION_DAYS"] == 90
    client = client_at(app)
    short = client.post("/api/trajectories", json={"name": "Kort", "retention_days": 10}).get_json()
    long = client.post("/api/trajectories", json={"name": "Lang"}).get_json()
    assert (short["retention_days"], long["retention_days"], long["retention_default_days"]) == (10, None, 90)
    changed = client.patch(f"/api/trajectories/{long['id']}", json={"retention_days": 400}, headers=bearer(long))
    assert changed.status_code == 200 and changed.get_json()["retention_days"] == 400
    for bad in (0, -1, 5000, "30", True):
        answer = client.patch(f"/api/trajectories/{long['id']}", json={"retention_days": bad}, headers=bearer(long))
        assert answer.status_code == 400 and "'retention_days'" in answer.get_json()["error"]
    in_short = new_session(client, trajectory=short["id"]).get_json()["code"]
    in_long = new_session(client, trajectory=long["id"]).get_json()["code"]
    loose_young, loose_old = (new_session(client).get_json()["code"] for _ in range(2))
    _age(app, in_short, 11)
    _age(app, in_long, 100)
    _age(app, loose_young, 11)
    _age(app, loose_old, 91)
    assert sorted(purge_expired(app)) == sorted([in_short, loose_old])
    # Back to the server's default: the 100-day-old meeting goes too.
    client.patch(f"/api/trajectories/{long['id']}", json={"retention_days": None}, headers=bearer(long))
    assert purge_expired(app) == [in_long]


def test_a_trajectory_period_applies_even_with_server_retention_off(make_app) -> None:
    app = make_app(RETENTION_DAYS=0)
    client = client_at(app)
    trajectory = client.post("/api/trajectories", json={"name": "Kort", "retention_days": 30}).get_json()
    code = new_session(client, trajectory=trajectory["id"]).get_json()["code"]
    loose = new_session(client).get_json()["code"]
    _age(app, code, 31)
    _age(app, loose, 3000)
    assert purge_expired(app) == [code]


def test_the_retention_column_is_added_to_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store(path)
    with store.transaction() as db:
        db["trajectories"].insert(
            {"id": "t1", "name": "Oud traject", "token_hash": "h", "created_at": "2024-01-01T00:00:00.000+00:00"}
        )
        db.execute("alter table trajectories drop column retention_days")
        db.execute("delete from _sqlite_migrations where name = 'm013_trajectory_retention'")
    store.close()
    store = Store(path)  # a database from before the column: migrated on open, rows kept
    try:
        with store.reading() as db:
            assert "retention_days" in db["trajectories"].columns_dict
            assert db["trajectories"].get("t1")["retention_days"] is None
    finally:
        store.close()
