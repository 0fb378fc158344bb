"""Security headers on every kind of response, and no state change from another site."""

from __future__ import annotations

import pytest

from app.csrf import MESSAGE


@pytest.mark.parametrize("path", ["/", "/b/{code}", "/j/{code}", "/api/workforms", "/static/js/phone.js", "/nope"])
def test_every_response_carries_the_security_headers(client, make_session, path) -> None:
    session = make_session()
    response = client.get(path.format(code=session["code"]))
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives or "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    response.close()  # a static file answer holds the file open until closed


def test_facilitator_page_sets_a_strict_cookie_and_keeps_the_token_out_of_the_address(client, make_session) -> None:
    session = make_session()
    response = client.get(f"/f/{session['code']}?token={session['facilitator_token']}")
    assert response.status_code == 302 and "token" not in response.headers["Location"]
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_another_site_cannot_create_a_session(client) -> None:
    evil = client.post("/api/sessions", json={"title": "Nep"}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and evil.get_json() == {"error": MESSAGE}
    fetched = client.post("/api/sessions", json={"title": "Nep"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403
    ours = client.post("/api/sessions", json={"title": "Echt"}, headers={"Origin": "http://localhost"})
    assert ours.status_code == 201


def test_another_site_cannot_delete_with_the_facilitators_cookie(client, make_session) -> None:
    session = make_session()
    client.get(f"/f/{session['code']}?token={session['facilitator_token']}")  # the browser now holds the cookie
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        refused = client.delete(f"/api/sessions/{session['code']}", headers=headers)
        assert refused.status_code == 403, headers
    assert client.get(f"/j/{session['code']}").status_code == 200  # still there
    same = client.delete(
        f"/api/sessions/{session['code']}", headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    )
    assert same.status_code == 200
    assert client.get(f"/j/{session['code']}").status_code == 404


def test_reading_is_not_blocked_by_origin(client, make_session) -> None:
    session = make_session()
    response = client.get(f"/api/sessions/{session['code']}/qr.svg", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200


def test_secret_key_is_made_on_first_run_in_the_instance_folder(tmp_path, monkeypatch) -> None:
    import stat

    from app.config import defaults

    monkeypatch.delenv("FLIPOVER_SECRET_KEY", raising=False)
    first = defaults({"INSTANCE_DIR": str(tmp_path / "instance")})["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert len(first) == 64 and key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # The same key on the next start (sessions survive a restart); another install gets its own.
    assert defaults({"INSTANCE_DIR": str(tmp_path / "instance")})["SECRET_KEY"] == first
    assert defaults({"INSTANCE_DIR": str(tmp_path / "other")})["SECRET_KEY"] != first
