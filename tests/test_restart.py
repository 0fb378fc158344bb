"""A server killed mid-session (SIGKILL, as in a crash) resumes every session from
the SQLite file: every acknowledged note is there and phones continue as themselves."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
import uuid

import socketio
from conftest import open_trots
from live_server import ROOT, LiveServer, free_port


def _http(method: str, url: str, body: dict | None = None, token: str | None = None) -> dict:
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body else None, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def _client(url: str) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(url, transports=["websocket"], wait_timeout=10)
    return client


def test_acknowledged_notes_survive_sigkill_and_phones_resume(tmp_path):
    port = free_port()
    server = LiveServer(tmp_path / "flipover.db", port=port).start()
    phones = []
    try:
        session = _http("POST", server.url + "/api/sessions", {"title": "Herstart", "agenda": open_trots(["trots"])})
        acked: dict[str, str] = {}
        tokens = []
        for i in range(3):
            phone = _client(server.url)
            phones.append(phone)
            ack = phone.call("join", {"code": session["code"], "role": "participant", "name": f"P{i}"}, timeout=10)
            tokens.append((ack["token"], ack["me"]["id"]))
            activity_id = ack["state"]["activities"][0]["id"]
            for j in range(4):
                client_id = str(uuid.uuid4())
                result = phone.call(
                    "note:add",
                    {"activity_id": activity_id, "client_id": client_id, "text": f"notitie {i}-{j}"},
                    timeout=10,
                )
                assert result["ok"], result
                acked[client_id] = result["note"]["text"]
        server.kill()
        for phone in phones:
            phone.disconnect()
        phones.clear()

        server = LiveServer(tmp_path / "flipover.db", port=port).start()
        state = _http("GET", f"{server.url}/api/sessions/{session['code']}", token=session["facilitator_token"])
        stored = {n["text"] for n in state["notes"]}
        assert stored == set(acked.values())
        assert state["participants"] == 3

        # A phone reconnects with its token: same person, its own notes, and a retry stores nothing new.
        token, participant_id = tokens[0]
        phone = _client(server.url)
        phones.append(phone)
        ack = phone.call("join", {"code": session["code"], "role": "participant", "token": token}, timeout=10)
        assert ack["ok"] and ack["me"]["id"] == participant_id and "token" not in ack
        assert sorted(n["text"] for n in ack["state"]["notes"]) == [f"notitie 0-{j}" for j in range(4)]
        first_client_id, first_text = next(iter(acked.items()))
        retry = phone.call(
            "note:add",
            {"activity_id": ack["state"]["activities"][0]["id"], "client_id": first_client_id, "text": first_text},
            timeout=10,
        )
        assert retry["ok"] and retry["note"]["text"] == first_text
        state = _http("GET", f"{server.url}/api/sessions/{session['code']}", token=session["facilitator_token"])
        assert len(state["notes"]) == len(acked)
    finally:
        for phone in phones:
            phone.disconnect()
        server.stop()


def test_a_stale_server_on_the_port_makes_the_new_one_fail(tmp_path):
    """SO_REUSEPORT would let two servers split the phones silently; we refuse to start instead."""
    first = LiveServer(tmp_path / "a.db").start()
    try:
        second = subprocess.Popen(
            [sys.executable, "run.py", "--port", str(first.port), "--db", str(tmp_path / "b.db")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            output, _ = second.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - the failure we guard against
            second.kill()
            second.communicate()
            raise AssertionError("a second server bound the same port and kept running") from None
        assert second.returncode != 0
        assert b"is niet beschikbaar" in output
    finally:
        first.stop()
