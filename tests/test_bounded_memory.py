"""Per-connection and per-session bookkeeping is evicted when its owner is gone (issue 22):
a central host runs for months, so a structure that keeps an entry per participant or
session ever seen only grows. bench/soak.py measures the whole process."""

from __future__ import annotations

import uuid

from conftest import activity_of

from app import memory, socketio_of
from app.ratelimit import RateLimiter
from app.realtime import Conn, Hub


def test_the_hub_forgets_sessions_and_phones_that_left(app, make_session) -> None:
    sio = socketio_of(app)
    hub = app.extensions["flipover.hub"]
    for round_ in range(3):
        sessions = [make_session(agenda=["trots"]) for _ in range(4)]
        phones = []
        for session in sessions:
            for i in range(5):
                phone = sio.test_client(app)
                ack = phone.emit("join", {"code": session["code"], "name": f"P{round_}-{i}"}, callback=True)
                assert ack["ok"], ack
                note = {"activity_id": activity_of(ack)["id"], "client_id": str(uuid.uuid4()), "text": "Wachttijd"}
                assert phone.emit("note:add", note, callback=True)["ok"]
                phones.append(phone)
        assert len(hub.conns) == 20 and len(hub.online) == 4
        for phone in phones:
            phone.disconnect()
        # Nothing of the round is left: no connection, no session with an empty counter,
        # no connection's rate-limit or identity bucket.
        assert hub.conns == {}
        assert hub.online == {}
        assert not any(isinstance(key, tuple) and key[0] == "sid" for key in hub.limiter._buckets)
        assert len(hub.identities) == 0


class _GoneWhileHolding:
    """The session queue's side of a join whose socket disconnected while the join waited for
    Redis to confirm the session's channel (app/sessionqueue.py)."""

    def __init__(self) -> None:
        self.held = 0

    def hold(self, code: str) -> None:
        self.held += 1

    def release(self, code: str) -> None:
        self.held -= 1

    def is_connected(self, sid: str, namespace: str) -> bool:
        return False


def test_a_socket_gone_while_its_join_waited_leaves_nothing_behind() -> None:
    routes = _GoneWhileHolding()
    hub = Hub(RateLimiter(5, 1), routes=routes)  # type: ignore[arg-type]
    assert hub.add("sid-1", Conn(code="K7M2Q9", role="participant", participant_id=7)) is False
    assert hub.conns == {} and hub.online == {} and routes.held == 0


def test_the_last_socket_of_a_session_leaving_asks_for_one_trim(app, make_session) -> None:
    """app/memory.py: freed memory goes back to the OS once a meeting has left this worker;
    one trim for a whole room leaving, none while any socket of the session stays."""
    left: list[str] = []
    hub = app.extensions["flipover.hub"]
    hub.on_session_left = left.append
    sio = socketio_of(app)
    session = make_session(agenda=["trots"])
    phones = [sio.test_client(app) for _ in range(3)]
    for n, phone in enumerate(phones):
        assert phone.emit("join", {"code": session["code"], "name": f"P{n}"}, callback=True)["ok"]
    phones[0].disconnect()
    phones[1].disconnect()
    assert left == []
    phones[2].disconnect()
    assert left == [session["code"]]
    assert hub.sockets == {}


def test_trim_gives_the_heap_back_where_glibc_has_it() -> None:
    took = memory.trim()
    if memory._TRIM is None:  # macOS, Windows, musl: nothing to do, and nothing done
        assert took is None
    else:
        assert took is not None and took >= 0


def test_one_trim_for_a_room_that_leaves_together() -> None:
    spawned: list = []
    trimmer = memory.Trimmer(spawn=spawned.append, sleep=lambda _s: None, delay=0)
    for code in ("K7M2Q9", "K7M2Q9", "B4X8T2"):
        trimmer.session_left(code)
    if memory._TRIM is None:
        assert spawned == []
        return
    assert len(spawned) == 1
    spawned[0]()
    assert trimmer.trims == 1
    trimmer.session_left("K7M2Q9")
    assert len(spawned) == 2
