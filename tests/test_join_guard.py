"""Join codes cannot be guessed: failed lookups are limited per address, while a
whole room behind one NAT address joins at once."""

from __future__ import annotations

from pathlib import Path

from conftest import app_config

from app import create_app, socketio_of
from app.joinguard import TOO_MANY


def test_fifty_phones_from_one_address_join_within_seconds(make_session, sock) -> None:
    session = make_session()
    acks = [sock(session, role="participant", name=f"Telefoon {i}")[1] for i in range(50)]
    assert all(ack["ok"] for ack in acks)
    assert acks[-1]["state"]["participants"] == 50


def test_two_hundred_wrong_codes_from_one_address_are_refused(make_session, sock, client) -> None:
    session = make_session()
    guesser, _ = sock()
    answers = [guesser.emit("join", {"code": f"ZZZ{i:03d}"[:6]}, callback=True) for i in range(200)]
    assert all(a["ok"] is False for a in answers)
    assert answers[0]["error"] == "Deze sessie bestaat niet (meer). Controleer de code."
    assert sum(a["error"] == TOO_MANY for a in answers) >= 170
    # Blocked means blocked: even the right code is refused now, on every path.
    right = guesser.emit("join", {"code": session["code"], "role": "participant"}, callback=True)
    assert right == {"ok": False, "error": TOO_MANY}
    page = client.get(f"/j/{session['code']}")
    assert page.status_code == 429 and "Te veel onjuiste codes" in page.get_data(as_text=True)
    assert client.get("/join?code=ABCDEF").status_code == 429
    api = client.get(f"/api/sessions/{session['code']}/qr.svg")
    assert api.status_code == 429 and api.get_json() == {"error": TOO_MANY}


def test_typos_below_the_limit_do_not_block(make_session, sock) -> None:
    session = make_session()
    phone, _ = sock()
    for typo in ("ABCDEF", "12", "", None, 7):
        assert phone.emit("join", {"code": typo}, callback=True)["ok"] is False
    assert phone.emit("join", {"code": session["code"]}, callback=True)["ok"] is True


def test_the_limit_is_per_address(tmp_path: Path) -> None:
    app = create_app(app_config(tmp_path, JOIN_FAILURE_BURST=3))
    try:
        code = app.test_client().post("/api/sessions", json={"title": "T"}).get_json()["code"]
        attacker = app.test_client()
        attacker.environ_base["REMOTE_ADDR"] = "203.0.113.7"
        for _ in range(4):
            attacker.get("/j/ABCDEF")
        assert attacker.get(f"/j/{code}").status_code == 429
        colleague = app.test_client()
        colleague.environ_base["REMOTE_ADDR"] = "198.51.100.2"
        assert colleague.get(f"/j/{code}").status_code == 200
        phone = socketio_of(app).test_client(app, flask_test_client=colleague)
        assert phone.emit("join", {"code": code}, callback=True)["ok"] is True
    finally:
        app.extensions["flipover.store"].close()


def test_a_work_formats_own_route_is_no_way_around_the_guard(make_session, client) -> None:
    """kennismaken's card list needs only the code: unknown codes there count as failed
    guesses, and a blocked address is refused there too (issue 18, finding 5)."""
    session = make_session(agenda=["kennismaken"])
    assert client.get(f"/api/sessions/{session['code']}/cards").status_code == 200
    answers = [client.get(f"/api/sessions/ZZ{i:04d}/cards").status_code for i in range(200)]
    assert answers[0] == 404
    assert answers.count(429) >= 170
    assert client.get(f"/api/sessions/{session['code']}/cards").status_code == 429
    assert client.get(f"/j/{session['code']}").status_code == 429
