"""The real server (run.py, eventlet) does not let a client hold connections open
(issue 18, finding 10): a head that trickles in is cut off, one address cannot take
every connection, and a phone's WebSocket is not affected by either."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request

import pytest
import socketio
from live_server import LiveServer

HEAD_SECONDS = 1.5
PER_ADDRESS = 8


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("http") / "flipover.db"
    env = {"FLIPOVER_HEAD_TIMEOUT": str(HEAD_SECONDS), "FLIPOVER_CONNECTIONS_PER_ADDRESS": str(PER_ADDRESS)}
    live = LiveServer(db, env=env).start()
    yield live
    live.stop()


def _connect(server: LiveServer) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def _closed_within(conn: socket.socket, seconds: float, trickle: bytes = b"") -> float | None:
    """Seconds until the server closes ``conn`` while we send ``trickle`` every 0.3 s, or None."""
    start = time.monotonic()
    conn.settimeout(0.3)
    while time.monotonic() - start < seconds:
        try:
            if trickle:
                conn.sendall(trickle)
            if conn.recv(4096) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - start
    return None


def _get(server: LiveServer, path: str) -> int:
    with urllib.request.urlopen(server.url + path, timeout=10) as res:
        return res.status


def test_a_head_that_trickles_in_is_cut_off(server) -> None:
    conn = _connect(server)
    conn.sendall(b"GET /api/workforms HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    # One header line every 0.3 s would keep eventlet reading forever.
    closed_after = _closed_within(conn, HEAD_SECONDS + 8, trickle=b"X-Slow: a\r\n")
    conn.close()
    assert closed_after is not None, "the server kept reading a head that never ended"
    assert closed_after >= HEAD_SECONDS - 0.5


def test_a_silent_connection_is_closed_and_a_quick_one_is_served(server) -> None:
    idle = _connect(server)
    assert _closed_within(idle, HEAD_SECONDS + 8) is not None
    idle.close()
    quick = _connect(server)
    quick.sendall(b"GET /api/workforms HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    quick.settimeout(10)
    assert quick.recv(64).startswith(b"HTTP/1.1 200")
    quick.close()


def test_one_address_cannot_take_every_connection(server) -> None:
    held = [_connect(server) for _ in range(PER_ADDRESS)]
    try:
        time.sleep(0.2)  # all accepted and counted
        extra = _connect(server)
        extra.settimeout(5)
        answer = extra.recv(512)
        extra.close()
        assert answer.startswith(b"HTTP/1.1 503"), answer
        assert b"Te veel verbindingen vanaf dit adres" in answer
    finally:
        for conn in held:
            conn.close()
    # The slots come back as soon as the connections go.
    deadline = time.monotonic() + 5
    while True:
        try:
            assert _get(server, "/api/workforms") == 200
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_a_phone_socket_outlives_the_head_deadline(server) -> None:
    """The deadline ends when the head is in: a WebSocket open for longer keeps posting."""
    req = urllib.request.Request(
        server.url + "/api/sessions",
        data=json.dumps({"title": "Lang open", "agenda": ["trots"]}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        session = json.load(res)
    phone = socketio.Client(reconnection=False)
    phone.connect(server.url, transports=["websocket"], wait_timeout=10)
    try:
        ack = phone.call("join", {"code": session["code"], "name": "Anna"}, timeout=10)
        activity_id = ack["state"]["activities"][0]["id"]
        time.sleep(HEAD_SECONDS * 3)
        posted = phone.call(
            "note:add", {"activity_id": activity_id, "client_id": "lang-1", "text": "Nog steeds verbonden"}, timeout=10
        )
        assert posted["ok"] is True and phone.connected
    finally:
        phone.disconnect()


def test_an_over_size_poll_is_answered_not_left_hanging(server) -> None:
    """python-engineio refused it and then waited for a poll that never came (issue 18)."""
    with urllib.request.urlopen(server.url + "/socket.io/?EIO=4&transport=polling", timeout=10) as res:
        sid = json.loads(res.read()[1:])["sid"]
    big = urllib.request.Request(
        server.url + f"/socket.io/?EIO=4&transport=polling&sid={sid}",
        data=b"4" + b"x" * 200_000,
        headers={"Content-Type": "text/plain;charset=UTF-8"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(big, timeout=10)
    assert refused.value.code == 413
    assert _get(server, "/api/workforms") == 200
