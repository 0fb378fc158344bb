"""Join codes cannot be guessed: failed lookups are limited per address, while a
whole room behind one NAT address joins at once."""

from __future__ import annotations

from pathlib import Path

from conftest import app_config
from drivers import bearer

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
    assert answers[0]["error"] == "Deze bijeenkomst bestaat niet (meer). Controleer de code."
    assert sum(a["error"] == TOO_MANY for a in answers) >= 170
    # Blocked means blocked: even the right code is refused now, on every path.
    right = guesser.emit("join", {"code": session["code"], "role": "participant"}, callback=True)
    assert right == {"ok": False, "error": TOO_MANY}
    page = client.get(f"/j/{session['code']}")
    assert page.status_code == 429 and "Te veel onjuiste codes" in page.get_data(as_text=True)
    assert client.get("/join?code=ABCDEF").status_code == 429
    api = client.get(f"/api/sessions/{session['code']}/qr.svg")
    assert api.status_code == 429 and api.get_json() == {"error": TOO_MANY}


def test_a_blocked_address_still_lets_the_facilitator_in(make_session, sock, client) -> None:
    """The practice's typos lock out guessing, not its project leader (issue 18, low): with
    the session's token, the report, the console, the board and the facilitator's join
    still work from the blocked address; a wrong token is refused like any guess."""
    session = make_session()
    code, token = session["code"], session["facilitator_token"]
    for i in range(200):
        client.get(f"/j/ZZ{i:04d}")
    assert client.get(f"/j/{code}").status_code == 429
    assert client.get(f"/api/sessions/{code}/report.pdf", headers=bearer("wrong")).status_code == 429
    report = client.get(f"/api/sessions/{code}/report.pdf", headers=bearer(session))
    assert report.status_code == 200 and report.data.startswith(b"%PDF")
    assert client.get(f"/b/{code}", headers=bearer(session)).status_code == 200
    _fac, ack = sock(session, role="facilitator", facilitator_token=token)
    assert ack["ok"] is True and "participant" not in ack
    wrong = sock()[0].emit("join", {"code": code, "role": "facilitator", "facilitator_token": "x" * 43}, callback=True)
    assert wrong == {"ok": False, "error": TOO_MANY}


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


def test_re_joining_as_someone_new_does_not_reset_the_post_rate(make_session, sock) -> None:
    """One connection that keeps joining without its token (issue 18, finding 6) gets no
    fresh burst of posts, and only a few new identities at all."""
    session = make_session()
    socket, ack = sock(session, name="Flood")
    activity = ack["state"]["activities"][0]["id"]

    def post(i: int) -> dict:
        payload = {"activity_id": activity, "client_id": f"flood-{i}", "text": f"Post-it {i}"}
        return socket.emit("note:add", payload, callback=True)

    accepted = sum(post(i)["ok"] for i in range(40))
    assert 15 <= accepted < 40, accepted  # the burst, then refusals
    joins = [socket.emit("join", {"code": session["code"], "name": f"Nieuw {i}"}, callback=True) for i in range(6)]
    assert [j["ok"] for j in joins].count(True) <= 3
    assert "opnieuw aangemeld" in joins[-1]["error"]
    assert not post(100)["ok"], "a new identity on the same connection got a fresh burst"
    # A phone that comes back with its token is no new identity: always let in.
    back = socket.emit("join", {"code": session["code"], "token": ack["token"]}, callback=True)
    assert back["ok"] and back["me"]["id"] == ack["me"]["id"]
