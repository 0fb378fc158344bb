"""Scale-out: two real run.py workers (eventlet) on one SQLite file and one Redis.

The clients connect to the workers directly (no proxy): a phone on worker A, the
board and a facilitator on worker B, as sticky sessions behind nginx would spread
them. Everything one worker emits must reach the clients of the other exactly once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import socketio
from conftest import activity_of, app_config, open_trots
from live_server import ROOT, LiveServer, free_port
from redis_server import RedisServer

from app import create_app, sessions, socketio_of
from app.db import Store
from app.presence import SharedPresence
from app.registry import discover

WAIT = 15.0


class Peer:
    """A python-socketio client that records every event, for waiting on one."""

    def __init__(self, url: str, name: str) -> None:
        self.name = name
        self.events: list[tuple[str, Any]] = []
        self._cond = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record)
        self.client.connect(url, transports=["websocket"], wait_timeout=10)

    def _record(self, event: str, data: Any = None) -> None:
        with self._cond:
            self.events.append((event, data))
            self._cond.notify_all()

    def call(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        ack = self.client.call(event, payload, timeout=10)
        assert ack["ok"], (self.name, event, ack)
        return ack

    def all(self, event: str, where: Callable[[Any], bool] = lambda _d: True) -> list[Any]:
        with self._cond:
            return [d for e, d in self.events if e == event and where(d)]

    def mark(self) -> int:
        """A point in this peer's history: ``wait_for(..., since=mark)`` ignores what came before."""
        with self._cond:
            return len(self.events)

    def wait_for(
        self, event: str, where: Callable[[Any], bool] = lambda _d: True, *, since: int = 0, timeout: float = WAIT
    ) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [d for e, d in self.events[since:] if e == event and where(d)]
                if found:
                    return found[-1]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [e for e, _d in self.events]
                    raise AssertionError(f"{self.name} got no matching {event!r} within {timeout}s; got {seen}")
                self._cond.wait(left)

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


def _listeners(queue_url: str, code: str) -> int:
    """How many workers are subscribed to a session's channel (app/sessionqueue.py)."""
    client = redis.Redis.from_url(queue_url)
    try:
        channel = f"flipover:s:{code}"
        return int(dict(client.pubsub_numsub(channel))[channel.encode()])
    finally:
        client.close()


def _eventually(check: Callable[[], bool], timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


@pytest.fixture
def workers(tmp_path: Path, redis_url: str) -> Iterator[tuple[LiveServer, LiveServer]]:
    db = tmp_path / "flipover.db"
    # A Redis database of its own per test, so a leftover worker of another test cannot cross-talk.
    queue = redis_url.rsplit("/", 1)[0] + f"/{1 + free_port() % 15}"
    a = LiveServer(db, extra=("--message-queue", queue))
    b = LiveServer(db, extra=("--message-queue", queue))
    a.queue_url = b.queue_url = queue  # type: ignore[attr-defined]
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()


@pytest.fixture
def peers() -> Iterator[Callable[[str, str], Peer]]:
    opened: list[Peer] = []

    def connect(url: str, name: str) -> Peer:
        peer = Peer(url, name)
        opened.append(peer)
        return peer

    yield connect
    for peer in opened:
        peer.close()


def test_two_workers_serve_one_session(workers, peers):
    a, b = workers
    session = _post(a.url + "/api/sessions", {"title": "Regio", "agenda": open_trots(["trots"])})
    code, fac_token = session["code"], session["facilitator_token"]

    board_b = peers(b.url, "board on B")
    board_ack = board_b.call("join", {"code": code, "role": "board"})
    activity_id = activity_of(board_ack)["id"]
    fac_b = peers(b.url, "facilitator on B")
    fac_b.call("join", {"code": code, "role": "facilitator", "facilitator_token": fac_token})
    fac_a = peers(a.url, "facilitator on A")
    fac_a.call("join", {"code": code, "role": "facilitator", "facilitator_token": fac_token})

    # Presence: the board on B counts the phone on A, then one on B too, then A's leaving.
    phone_a = peers(a.url, "phone on A")
    phone_a.call("join", {"code": code, "role": "participant", "name": "Anna"})
    assert board_b.wait_for("presence")["online"] == 1
    phone_b = peers(b.url, "phone on B")
    joined_b = phone_b.call("join", {"code": code, "role": "participant", "name": "Bram"})
    assert joined_b["state"]["online"] == 2
    assert board_b.wait_for("presence", lambda d: d["online"] == 2)["participants"] == 2
    # Sockets of the session on both workers (no routing by code): both hear the session's channel.
    assert _listeners(a.queue_url, code) == 2

    # A note posted via A appears on the board and at the facilitator on B, once.
    client_id = str(uuid.uuid4())
    posted = phone_a.call("note:add", {"activity_id": activity_id, "client_id": client_id, "text": "Onze triage"})
    note_id = posted["note"]["id"]
    assert board_b.wait_for("note:added", lambda d: d["note"]["id"] == note_id)["note"]["text"] == "Onze triage"
    fac_b.wait_for("note:added", lambda d: d["note"]["id"] == note_id)
    phone_a.wait_for("note:added", lambda d: d["note"]["id"] == note_id)

    # A timer started via A: one timer:changed per client, on both workers. The pause
    # that follows is published after it, so once it has arrived a duplicate would have too.
    fac_a.call("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 300})
    fac_a.call("timer:set", {"activity_id": activity_id, "action": "pause"})
    for peer in (board_b, phone_a, phone_b, fac_b, fac_a):
        peer.wait_for("timer:changed", lambda d: d["timer"]["state"] == "paused")
        started = peer.all("timer:changed", lambda d: d["timer"]["state"] == "running")
        assert len(started) == 1, (peer.name, started)
        assert len(peer.all("timer:changed")) == 2, peer.name
        assert len(peer.all("note:added")) <= 1, peer.name  # the note above, never twice

    # Private writing: a note written via A stays sealed on B's board until the facilitator on B moves on.
    fac_b.call("activity:phase", {"activity_id": activity_id, "phase": "schrijven"})
    phone_a.wait_for("activity:updated", lambda d: d["activity"]["phase"] == "schrijven")
    secret = phone_a.call(
        "note:add", {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": "Nog geheim"}
    )["note"]
    # B's board learns the count only (issue 18 #11): no id, no text, no time.
    counted = board_b.wait_for("activity:updated", lambda d: (d["activity"].get("sealed") or {}).get("total") == 1)
    assert counted["activity"]["sealed"]["total"] == 1
    assert not board_b.all("note:added", lambda d: d["note"]["id"] == secret["id"])
    fac_b.call("activity:phase", {"activity_id": activity_id, "phase": "plakken"})
    synced = board_b.wait_for("notes:sync", lambda d: any(n["id"] == secret["id"] for n in d["notes"]))
    revealed = next(n for n in synced["notes"] if n["id"] == secret["id"])
    assert revealed["text"] == "Nog geheim" and not revealed["sealed"]
    assert len(board_b.all("notes:sync")) == 1
    phone_a.wait_for("activity:updated", lambda d: d["activity"]["phase"] == "plakken")

    # A phone leaving worker A lowers the count the board on B shows.
    mark = board_b.mark()
    phone_a.close()
    assert board_b.wait_for("presence", since=mark) == {"participants": 2, "online": 1}


def test_a_worker_hears_only_the_sessions_it_serves(workers, peers):
    """Routed by join code, every socket of a session is on one worker: only that worker
    receives the session's messages; an HTTP action served by the other still reaches them."""
    a, b = workers
    here = _post(a.url + "/api/sessions", {"title": "Praktijk A", "agenda": open_trots(["trots"])})
    there = _post(b.url + "/api/sessions", {"title": "Praktijk B", "agenda": open_trots(["trots"])})
    board_a = peers(a.url, "board of A's session")
    activity_id = activity_of(board_a.call("join", {"code": here["code"], "role": "board"}))["id"]
    phone_a = peers(a.url, "phone of A's session")
    phone_a.call("join", {"code": here["code"], "role": "participant", "name": "Anna"})
    board_b = peers(b.url, "board of B's session")
    board_b.call("join", {"code": there["code"], "role": "board"})
    phone_b = peers(b.url, "phone of B's session")
    phone_b.call("join", {"code": there["code"], "role": "participant", "name": "Bram"})
    assert _listeners(a.queue_url, here["code"]) == 1
    assert _listeners(a.queue_url, there["code"]) == 1

    note = phone_a.call(
        "note:add", {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": "Minder wachttijd"}
    )["note"]
    board_a.wait_for("note:added", lambda d: d["note"]["id"] == note["id"])
    assert not board_b.all("note:added") and not phone_b.all("note:added")

    # The facilitator deletes A's session through worker B: B holds none of its sockets, and
    # the message still reaches them on A.
    request = urllib.request.Request(
        b.url + f"/api/sessions/{here['code']}",
        method="DELETE",
        headers={"Authorization": f"Bearer {here['facilitator_token']}"},
    )
    with urllib.request.urlopen(request, timeout=10) as res:
        assert json.load(res)["deleted"] == here["code"]
    board_a.wait_for("session:deleted")
    phone_a.wait_for("session:deleted")
    assert not board_b.all("session:deleted")

    # When the last socket of a session leaves a worker, it stops listening to it.
    board_a.close()
    phone_a.close()
    assert _eventually(lambda: _listeners(a.queue_url, here["code"]) == 0)
    assert _listeners(a.queue_url, there["code"]) == 1


def test_run_py_refuses_an_unreachable_message_queue(tmp_path):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    proc = subprocess.run(
        [sys.executable, "run.py", "--port", str(free_port()), "--db", str(tmp_path / "x.db"), "--message-queue", dead],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"FLIPOVER_SECRET_KEY": "test", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode != 0
    assert "niet bereikbaar" in proc.stderr


# --- shared presence without Redis: two apps on one file stand in for two workers ----------


def _worker(tmp_path: Path) -> Any:
    return create_app(app_config(tmp_path, SHARED_PRESENCE=True, PRESENCE_HEARTBEAT=False))


def test_shared_presence_counts_participants_of_every_worker(tmp_path):
    one, two = _worker(tmp_path), _worker(tmp_path)
    try:
        session = one.test_client().post("/api/sessions", json={"title": "Twee"}).get_json()
        join = {"code": session["code"], "role": "participant"}
        anna = socketio_of(one).test_client(one)
        ack = anna.emit("join", {**join, "name": "Anna"}, callback=True)
        # Anna's second device lands on the other worker: she still counts once.
        anna_too = socketio_of(two).test_client(two)
        anna_too.emit("join", {**join, "token": ack["token"]}, callback=True)
        bram = socketio_of(two).test_client(two)
        bram.emit("join", {**join, "name": "Bram"}, callback=True)
        board = socketio_of(one).test_client(one)
        assert board.emit("join", {"code": session["code"], "role": "board"}, callback=True)["state"]["online"] == 2

        bram.disconnect()
        anna.disconnect()  # her device on the other worker is still there
        auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
        assert one.test_client().get(f"/api/sessions/{session['code']}", headers=auth).get_json()["online"] == 1
        anna_too.disconnect()
        assert two.test_client().get(f"/api/sessions/{session['code']}", headers=auth).get_json()["online"] == 0
    finally:
        for application in (one, two):
            application.extensions["flipover.store"].close()


def _sessions(store: Store, count: int) -> list[str]:
    registry = discover()
    return [
        sessions.create_session(store, registry, title=f"S{i}", agenda=[{"workform": "trots"}])[0]["code"]
        for i in range(count)
    ]


def test_presence_of_a_dead_worker_expires_and_is_reported_once(tmp_path):
    store = Store(tmp_path / "flipover.db")
    try:
        a, b = _sessions(store, 2)
        alive = SharedPresence(store)
        dead = SharedPresence(store, ttl=0.0)  # a worker that stopped renewing: its rows have run out
        alive.arrived(a, 1)
        dead.arrived(a, 2)
        dead.arrived(b, 3)
        assert alive.count(a) == 1
        assert alive.beat([(a, 1)]) == sorted([a, b])
        assert alive.beat([(a, 1)]) == []  # already reported: no second presence event
        assert alive.count(a) == 1 and alive.count(b) == 0
        # A worker whose own rows were expired by another gets them back on its next beat.
        alive.clear_instance()
        assert alive.count(a) == 0
        alive.beat([(a, 1)])
        assert alive.count(a) == 1
    finally:
        store.close()


def test_a_deleted_session_leaves_no_presence_on_the_other_worker(tmp_path):
    """Deleted on worker one while Bram's phone is still connected to worker two: two's
    heartbeat must not write the session's presence back (issue 18, low)."""
    one, two = _worker(tmp_path), _worker(tmp_path)
    try:
        session = one.test_client().post("/api/sessions", json={"title": "Weg"}).get_json()
        bram = socketio_of(two).test_client(two)
        assert bram.emit("join", {"code": session["code"], "name": "Bram"}, callback=True)["ok"]
        auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
        assert one.test_client().delete(f"/api/sessions/{session['code']}", headers=auth).status_code == 200
        hub = two.extensions["flipover.hub"]
        assert session["code"] in {code for code, _pid in hub.local_presence()}  # Bram is still connected
        hub.shared.beat(hub.local_presence())  # two's next heartbeat
        store = two.extensions["flipover.store"]
        with store.reading() as db:
            rows = db.execute("select count(*) from presence where session_code = ?", [session["code"]]).fetchone()
        assert rows[0] == 0
    finally:
        for application in (one, two):
            application.extensions["flipover.store"].close()


def test_a_single_process_keeps_presence_in_memory(tmp_path):
    app = create_app(app_config(tmp_path))
    try:
        assert app.extensions["flipover.hub"].shared is None
        session = app.test_client().post("/api/sessions", json={"title": "Een"}).get_json()
        phone = socketio_of(app).test_client(app)
        assert phone.emit("join", {"code": session["code"], "name": "Anna"}, callback=True)["state"]["online"] == 1
        with app.extensions["flipover.store"].reading() as db:
            assert db["presence"].count == 0
    finally:
        app.extensions["flipover.store"].close()


def test_workers_starting_together_migrate_a_fresh_database_once(tmp_path):
    """N workers under systemd start at the same moment on a file that does not exist yet."""
    db = tmp_path / "fresh.db"
    script = "import sys; from app.db import Store; Store(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    store = Store(db)
    try:
        with store.reading() as database:
            names = [r["name"] for r in database["_sqlite_migrations"].rows]
        assert len(names) == len(set(names)) and "m009_presence" in names
    finally:
        store.close()


# --- behind the reverse proxy of docs/deploy.md ---------------------------------------------


def _cookie_after_token_link(app: Any, headers: dict[str, str]) -> str:
    client = app.test_client()
    session = client.post("/api/sessions", json={"title": "Proxy"}).get_json()
    res = client.get(f"/f/{session['code']}?token={session['facilitator_token']}", headers=headers)
    assert res.status_code == 302
    return res.headers["Set-Cookie"]


def test_https_at_a_trusted_proxy_makes_the_facilitator_cookie_secure(tmp_path):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "flipover.example.nl", "X-Forwarded-For": "10.0.0.9"}
    # As docs/deploy.md sets it up: the proxy's public name is the public URL.
    public = "https://flipover.example.nl"
    trusting = create_app(app_config(tmp_path, TRUSTED_PROXIES=1, PUBLIC_BASE_URL=public))
    naive = create_app(app_config(tmp_path / "naive"))
    try:
        assert "Secure" in _cookie_after_token_link(trusting, forwarded)
        # A name the proxy forwards that is not ours is refused (app/gate.py).
        rebound = trusting.test_client().get("/", headers={**forwarded, "X-Forwarded-Host": "evil.example"})
        assert rebound.status_code == 400
        # Without the setting, anyone could claim HTTPS: the headers are ignored.
        assert "Secure" not in _cookie_after_token_link(naive, forwarded)
    finally:
        for application in (trusting, naive):
            application.extensions["flipover.store"].close()


def test_socketio_allows_the_origin_of_the_public_url(tmp_path):
    app = create_app(app_config(tmp_path, PUBLIC_BASE_URL="https://flipover.example.nl/"))
    try:
        assert socketio_of(app).server.eio.cors_allowed_origins == ["https://flipover.example.nl"]
    finally:
        app.extensions["flipover.store"].close()


WRITER = """
import sys
from app import sessions
from app.db import Store

store = Store(sys.argv[1])
for n in range(int(sys.argv[3])):
    sessions.join_participant(store, sys.argv[2], token=None, name=f"P{n}")  # reads, then writes
store.close()
"""


def test_workers_writing_one_file_at_once_wait_for_each_other(tmp_path, app, make_session):
    """A transaction that reads before it writes must wait for another worker's write, not fail."""
    code = make_session()["code"]
    db, per_worker = app.config["DATABASE"], 400
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db, code, str(per_worker)], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 3, errors
    with app.extensions["flipover.store"].reading() as database:
        assert database["participants"].count_where("session_code = ?", [code]) == 3 * per_worker


def test_events_cross_workers_again_after_redis_restarts(tmp_path, peers):
    """The listener rebuilds itself after Redis went away: it subscribes again to the shared
    channel and to every session it holds, and a note posted via A reaches B's board again."""
    redis_server = RedisServer(tmp_path / "redis").start()
    db = tmp_path / "flipover.db"
    a = LiveServer(db, extra=("--message-queue", redis_server.url))
    b = LiveServer(db, extra=("--message-queue", redis_server.url))
    try:
        a.start()
        b.start()
        session = _post(a.url + "/api/sessions", {"title": "Regio", "agenda": open_trots(["trots"])})
        board_b = peers(b.url, "board on B")
        activity_id = activity_of(board_b.call("join", {"code": session["code"], "role": "board"}))["id"]
        phone_a = peers(a.url, "phone on A")
        phone_a.call("join", {"code": session["code"], "role": "participant", "name": "Anna"})

        redis_server.stop()
        redis_server = RedisServer(tmp_path / "redis", port=redis_server.port).start()
        # Both workers hear the session's channel again once their listeners have rebuilt.
        assert _eventually(lambda: _listeners(redis_server.url, session["code"]) == 2, timeout=30)

        posted = phone_a.call(
            "note:add", {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": "Na de herstart"}
        )["note"]
        board_b.wait_for("note:added", lambda d: d["note"]["id"] == posted["id"])
    finally:
        a.stop()
        b.stop()
        redis_server.stop()


def _publishes(queue_url: str) -> int:
    client = redis.Redis.from_url(queue_url)
    try:
        return int(client.info("commandstats").get("cmdstat_publish", {}).get("calls", 0))
    finally:
        client.close()


def test_a_session_on_one_worker_skips_redis_until_another_worker_joins_it(workers, peers):
    """Routed by code, a session's events go through Redis only to learn that no other worker
    listens; a socket of the session on another worker later says hello first, so it hears
    every event from then on."""
    a, b = workers
    session = _post(a.url + "/api/sessions", {"title": "Praktijk", "agenda": open_trots(["trots"])})
    code = session["code"]
    board_a = peers(a.url, "board on A")
    activity_id = activity_of(board_a.call("join", {"code": code, "role": "board"}))["id"]
    phone_a = peers(a.url, "phone on A")
    phone_a.call("join", {"code": code, "role": "participant", "name": "Anna"})

    def post(text: str) -> int:
        note = {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": text}
        return phone_a.call("note:add", note)["note"]["id"]

    first = post("Eerste post-it")
    board_a.wait_for("note:added", lambda d: d["note"]["id"] == first)
    before = _publishes(a.queue_url)
    for n in range(5):
        note_id = post(f"Post-it {n}: terugbellen na het spreekuur")
        board_a.wait_for("note:added", lambda d, note_id=note_id: d["note"]["id"] == note_id)
    assert _publishes(a.queue_url) == before, "a session alone on its worker still went through Redis"

    board_b = peers(b.url, "board on B")
    board_b.call("join", {"code": code, "role": "board"})
    later = post("Na de nieuwe kijker")
    assert board_b.wait_for("note:added", lambda d: d["note"]["id"] == later)["note"]["text"] == "Na de nieuwe kijker"
    assert _publishes(a.queue_url) > before
