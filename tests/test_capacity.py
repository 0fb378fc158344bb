"""A central host holds more than 1024 connections at once (each open WebSocket
is one request to eventlet.wsgi, whose default pool is 1024)."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

from live_server import LiveServer


def test_the_real_server_answers_with_1100_connections_held_open(tmp_path: Path) -> None:
    live = LiveServer(tmp_path / "flipover.db").start()
    held: list[socket.socket] = []
    try:
        for _ in range(1100):
            s = socket.create_connection(("127.0.0.1", live.port), timeout=10)
            # An unfinished request keeps its server greenthread busy, like a phone's open socket.
            s.sendall(b"GET /api/workforms HTTP/1.1\r\nHost: x\r\n")
            held.append(s)
        with urllib.request.urlopen(live.url + "/api/workforms", timeout=10) as response:
            assert response.status == 200
    finally:
        for s in held:
            s.close()
        live.stop()
