"""Who may do what: origins, tokens, and a refused re-join that must not break a connection."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
import socketio
from conftest import activity_of, new_client_id, received
from live_server import LiveServer


def test_refused_rejoin_keeps_the_board_working(make_session, sock):
    session = make_session()
    board, ack = sock(session, role="board")
    assert ack["ok"]
    refused = board.emit(
        "join", {"code": session["code"], "role": "facilitator", "facilitator_token": "nope"}, callback=True
    )
    assert refused["ok"] is False
    phone, phone_ack = sock(session)
    board.get_received()
    result = phone.emit(
        "note:add",
        {"activity_id": activity_of(phone_ack)["id"], "client_id": new_client_id(), "text": "Nog steeds live"},
        callback=True,
    )
    assert result["ok"]
    assert [m["note"]["text"] for m in received(board, "note:added")] == ["Nog steeds live"]


def test_board_that_fails_to_become_facilitator_gets_no_powers(make_session, sock):
    session = make_session()
    board, ack = sock(session, role="board")
    board.emit("join", {"code": session["code"], "role": "facilitator", "facilitator_token": "x" * 32}, callback=True)
    result = board.emit("activity:phase", {"activity_id": activity_of(ack)["id"], "phase": "bespreken"}, callback=True)
    assert result["ok"] is False


def test_facilitator_sees_own_notes_with_client_id(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    client_id = new_client_id()
    result = fac.emit(
        "note:add",
        {"activity_id": activity_of(ack)["id"], "client_id": client_id, "text": "Van de begeleider"},
        callback=True,
    )
    assert result["ok"] and result["note"]["client_id"] == client_id and result["note"]["mine"] is True


def test_activity_update_without_changes_is_refused(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    result = fac.emit("activity:update", {"activity_id": activity_of(ack)["id"]}, callback=True)
    assert result["ok"] is False and result["error"]


def test_wrong_method_on_api_is_json(client):
    response = client.put("/api/sessions")
    assert response.status_code == 405
    assert response.get_json()["error"]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("sec") / "flipover.db").start()
    yield server
    server.stop()


def _create(live: LiveServer) -> dict:
    req = urllib.request.Request(
        live.url + "/api/sessions",
        data=json.dumps({"title": "Origin"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def test_socket_from_a_foreign_origin_is_refused(live):
    """A page on another site must not open a Socket.IO connection (the cookie would ride along)."""
    # Polling: websocket-client adds its own Origin header next to ours.
    client = socketio.Client(reconnection=False)
    try:
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(live.url, headers={"Origin": "http://evil.example"}, transports=["polling"], wait_timeout=5)
    finally:
        if client.eio.http is not None:
            client.eio.http.close()  # the refused handshake leaves its HTTP session open
    same = socketio.Client(reconnection=False)
    same.connect(live.url, headers={"Origin": live.url}, transports=["polling"], wait_timeout=5)
    assert same.connected
    same.disconnect()


def test_report_needs_the_token_on_the_real_server(live):
    session = _create(live)
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(f"{live.url}/api/sessions/{session['code']}/report.pdf", timeout=10)
    exc.value.close()
    assert exc.value.code == 401
