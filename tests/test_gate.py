"""What the app refuses before Flask or Socket.IO see a request (app/gate.py):
host names that are not ours (DNS rebinding), and JSON nested past Python's
recursion limit (issue 18, low)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from conftest import app_config

from app import create_app, socketio_of
from app.gate import host_name


@pytest.fixture
def gated(tmp_path: Path):
    def make(**overrides):
        app = create_app(app_config(tmp_path, **overrides))
        made.append(app)
        return app

    made = []
    yield make
    for app in made:
        app.extensions["flipover.store"].close()


def _create(client, host: str):
    return client.post("/api/sessions", json={"title": "Kick-off"}, headers={"Host": host})


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:5000", "flipover.attacker.test", "localhost.evil.example"]
)
def test_a_name_that_is_not_ours_is_refused_everywhere(gated, host: str) -> None:
    app = gated()
    client = app.test_client()
    created = _create(client, host)
    assert created.status_code == 400
    assert "Onbekende hostnaam" in created.get_data(as_text=True)
    assert client.get("/", headers={"Host": host}).status_code == 400
    poll = client.get("/socket.io/?EIO=4&transport=polling", headers={"Host": host})
    assert poll.status_code == 400


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:5000", "127.0.0.1:5000", "192.168.1.20:5000", "[::1]:5000", "[fe80::1]"]
)
def test_addresses_and_localhost_are_served(gated, host: str) -> None:
    assert _create(gated().test_client(), host).status_code == 201


def test_this_machines_name_the_public_url_and_configured_names_are_served(gated) -> None:
    app = gated(PUBLIC_BASE_URL="https://flipover.praktijk.nl", ALLOWED_HOSTS=["intranet.praktijk.lan"])
    client = app.test_client()
    machine = socket.gethostname().lower()
    for host in (machine, f"{machine.split('.')[0]}.local:5000", "flipover.praktijk.nl", "INTRANET.praktijk.lan:80"):
        assert _create(client, host).status_code == 201, host
    assert _create(client, "evil.example").status_code == 400


def test_a_star_turns_the_check_off(gated) -> None:
    assert _create(gated(ALLOWED_HOSTS=["*"]).test_client(), "whatever.example").status_code == 201


def test_host_name_takes_off_port_and_brackets() -> None:
    assert host_name("Praktijk.LAN:5000") == "praktijk.lan"
    assert host_name("[::1]:5000") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("") == ""


def test_deeply_nested_json_is_a_clear_400_not_a_500(gated) -> None:
    client = gated().test_client()
    nested = "[" * 5000 + "]" * 5000
    answer = client.post("/api/sessions", data=nested, content_type="application/json")
    assert answer.status_code == 400 and "title" in answer.get_json()["error"]
    obj = '{"title": "x", "agenda": ' + "[" * 5000 + "]" * 5000 + "}"
    assert client.post("/api/sessions", data=obj, content_type="application/json").status_code == 400


def test_a_deeply_nested_socket_message_is_dropped_and_the_phone_goes_on(gated) -> None:
    app = gated()
    code = app.test_client().post("/api/sessions", json={"title": "T"}).get_json()["code"]
    phone = socketio_of(app).test_client(app)
    # The test client encodes with the server's packet class: send the raw packet.
    eio_sid = phone.eio_sid
    server = socketio_of(app).server
    with pytest.raises(ValueError, match="nested too deeply"):
        server._handle_eio_message(eio_sid, '2["join",' + "[" * 5000 + "]" * 5000 + "]")
    assert phone.emit("join", {"code": code, "name": "Anna"}, callback=True)["ok"] is True
