"""The HTTP API and the pages, through Flask's test client on a real SQLite file."""

from pathlib import Path

import pytest
from conftest import activity_of, new_client_id, received
from drivers import bearer


def assert_json_error(response, status):
    assert response.status_code == status, response.data[:300]
    assert response.is_json, response.content_type
    body = response.get_json()
    assert isinstance(body.get("error"), str) and body["error"].strip()


# --- catalogue ----------------------------------------------------------------


def test_workforms_lists_every_installed_workform(client):
    response = client.get("/api/workforms")
    assert response.status_code == 200
    forms = {w["slug"]: w for w in response.get_json()}
    assert {"trots", "toelichting"} <= set(forms)
    assert forms["trots"]["title"] == "Trots"
    assert forms["toelichting"]["title"] == "Toelichting"


def test_templates_list_slug_and_title(client):
    response = client.get("/api/templates")
    assert response.status_code == 200
    templates = {t["slug"]: t for t in response.get_json()}
    assert "kick-off" in templates
    assert templates["kick-off"]["title"]
    for template in templates.values():
        assert isinstance(template["title"], str) and template["title"]


def test_templates_only_mention_installed_workforms(client):
    installed = {w["slug"] for w in client.get("/api/workforms").get_json()}
    for template in client.get("/api/templates").get_json():
        assert set(template["agenda"]) <= installed, template["slug"]


# --- creating a session -----------------------------------------------------------


def test_create_session_returns_code_token_and_links(client):
    response = client.post("/api/sessions", json={"title": "Kick-off De Linde", "practice": "De Linde"})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) >= {"code", "facilitator_token", "join_url", "board_url", "facilitator_url"}
    code = body["code"]
    assert len(code) == 6
    assert body["join_url"].endswith(f"/j/{code}")
    assert body["board_url"].endswith(f"/b/{code}")
    assert f"/f/{code}" in body["facilitator_url"]
    assert body["facilitator_token"] in body["facilitator_url"]


def test_two_sessions_get_different_codes_and_tokens(make_session):
    one, two = make_session(), make_session()
    assert one["code"] != two["code"]
    assert one["facilitator_token"] != two["facilitator_token"]


def test_public_base_url_is_used_in_links(tmp_path):
    from app import create_app

    app = create_app(
        {
            "INSTANCE_DIR": str(tmp_path / "i"),
            "DATABASE": str(tmp_path / "db.sqlite"),
            "EXPORTS_DIR": str(tmp_path / "e"),
            "SECRET_KEY": "t",
            "TESTING": True,
            "PUBLIC_BASE_URL": "https://flipover.example.nl/",
        }
    )
    try:
        body = app.test_client().post("/api/sessions", json={"title": "X"}).get_json()
        assert body["join_url"] == f"https://flipover.example.nl/j/{body['code']}"
    finally:
        app.extensions["flipover.store"].close()


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # no body
        {"data": "title=Kick-off", "content_type": "application/x-www-form-urlencoded"},
        {"data": "{not json", "content_type": "application/json"},
        {"json": ["Kick-off"]},
        {"json": "Kick-off"},
        {"json": None},
    ],
    ids=["no-body", "form", "broken-json", "list", "string", "null"],
)
def test_create_session_without_a_json_object_is_400(client, kwargs):
    assert_json_error(client.post("/api/sessions", **kwargs), 400)


@pytest.mark.parametrize("title", ["", "   ", None, 42, ["x"]])
def test_create_session_needs_a_title(client, title):
    body = {} if title is None else {"title": title}
    assert_json_error(client.post("/api/sessions", json=body), 400)


@pytest.mark.parametrize(
    "agenda",
    [["trots", "bestaat-niet"], [{"workform": "bestaat-niet"}], [], "trots", [42], [{"title": "x"}]],
    ids=["unknown-slug", "unknown-dict", "empty", "string", "number", "no-workform"],
)
def test_create_session_with_bad_agenda_is_400(client, agenda):
    assert_json_error(client.post("/api/sessions", json={"title": "X", "agenda": agenda}), 400)


@pytest.mark.parametrize("template", ["bestaat-niet", 42, ""])
def test_create_session_with_unknown_template_is_400(client, template):
    assert_json_error(client.post("/api/sessions", json={"title": "X", "template": template}), 400)


def test_failed_create_stores_no_session(app, client):
    client.post("/api/sessions", json={"title": "X", "agenda": ["trots", "bestaat-niet"]})
    with app.extensions["flipover.store"].reading() as db:
        assert db["sessions"].count == 0


def state_of(client, session):
    response = client.get(f"/api/sessions/{session['code']}", headers=bearer(session))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_default_agenda_is_one_trots_activity(client, make_session):
    state = state_of(client, make_session())
    assert [a["workform"] for a in state["activities"]] == ["trots"]
    assert state["current_activity_id"] == state["activities"][0]["id"]


def test_kick_off_template_gives_its_installed_items(client, make_session):
    state = state_of(client, make_session(template="kick-off"))
    kinds = [a["workform"] for a in state["activities"]]
    assert kinds == ["toelichting", "kennismaken", "trots", "uitdagingen-en-kansen", "actieplan"]
    assert state["activities"][0]["title"] == "Toelichting project"
    assert state["activities"][-1]["title"] == "Vervolg en afsluiting"


def test_explicit_agenda_is_kept_in_order(client, make_session):
    state = state_of(client, make_session(agenda=["toelichting", {"workform": "trots", "title": "Waar trots op?"}]))
    assert [(a["workform"], a["title"]) for a in state["activities"]] == [
        ("toelichting", "Toelichting"),
        ("trots", "Waar trots op?"),
    ]


@pytest.mark.parametrize("body", [5, ["tekst"], {"nl": "tekst"}], ids=["int", "list", "dict"])
def test_agenda_item_with_non_text_body_is_400(client, body):
    response = client.post("/api/sessions", json={"title": "X", "agenda": [{"workform": "toelichting", "body": body}]})
    assert_json_error(response, 400)


@pytest.mark.parametrize("config", ["x", [1], 5], ids=["str", "list", "int"])
def test_agenda_item_with_non_object_config_is_400(client, config):
    response = client.post("/api/sessions", json={"title": "X", "agenda": [{"workform": "trots", "config": config}]})
    assert_json_error(response, 400)


# --- reading a session ------------------------------------------------------------


def test_session_state_has_the_contract_fields(client, make_session):
    session = make_session(title="Kick-off De Linde", practice="Huisartsen De Linde")
    state = state_of(client, session)
    assert state["title"] == "Kick-off De Linde"
    assert state["practice"] == "Huisartsen De Linde"
    assert state["code"] == session["code"]
    assert state["participants"] == 0
    assert state["notes"] == []
    for activity in state["activities"]:
        assert {"id", "workform", "title", "phase"} <= set(activity)
    assert state["activities"][0]["phase"] == "plakken"


def test_session_state_counts_participants_and_shows_notes(client, make_session, sock):
    session = make_session()
    phone, ack = sock(session, name="Anna")
    sock(session, name="Bram")
    phone.emit(
        "note:add",
        {"activity_id": activity_of(ack)["id"], "client_id": new_client_id(), "text": "Onze triage"},
        callback=True,
    )
    state = state_of(client, session)
    assert state["participants"] == 2
    assert [n["text"] for n in state["notes"]] == ["Onze triage"]


def test_session_state_without_token_is_401(client, make_session):
    session = make_session()
    assert_json_error(client.get(f"/api/sessions/{session['code']}"), 401)


@pytest.mark.parametrize("header", ["Bearer wrong", "Bearer  ", "Basic abc"])
def test_session_state_with_wrong_token_is_refused(client, make_session, header):
    session = make_session()
    response = client.get(f"/api/sessions/{session['code']}", headers={"Authorization": header})
    assert response.status_code in (401, 403)
    assert_json_error(response, response.status_code)


def test_session_state_with_wrong_token_is_403(client, make_session):
    session = make_session()
    assert_json_error(client.get(f"/api/sessions/{session['code']}", headers=bearer("wrong")), 403)


def test_token_of_another_session_is_403(client, make_session):
    one, two = make_session(), make_session()
    assert_json_error(client.get(f"/api/sessions/{one['code']}", headers=bearer(two)), 403)


@pytest.mark.parametrize("code", ["ABC234", "nope", "ABC23O"])
def test_unknown_session_is_404(client, make_session, code):
    session = make_session()
    assert_json_error(client.get(f"/api/sessions/{code}", headers=bearer(session)), 404)


def test_lowercase_and_spaced_code_works(client, make_session):
    session = make_session()
    code = session["code"]
    for typed in (code.lower(), f"{code[:3]}-{code[3:]}".lower()):
        response = client.get(f"/api/sessions/{typed}", headers=bearer(session))
        assert response.status_code == 200
        assert response.get_json()["code"] == code


def test_unknown_api_path_answers_json_404(client):
    assert_json_error(client.get("/api/bestaat-niet"), 404)


# --- report -------------------------------------------------------------------------


def test_report_pdf_needs_the_token(client, make_session):
    session = make_session()
    url = f"/api/sessions/{session['code']}/report.pdf"
    assert_json_error(client.get(url), 401)
    assert_json_error(client.get(url, headers=bearer("wrong")), 403)
    assert_json_error(client.get("/api/sessions/ABC234/report.pdf", headers=bearer(session)), 404)


def test_report_pdf_is_a_pdf(client, make_session):
    session = make_session()
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert "attachment" in response.headers["Content-Disposition"]


# --- deleting -----------------------------------------------------------------------


def test_delete_needs_the_token(client, make_session):
    session = make_session()
    assert_json_error(client.delete(f"/api/sessions/{session['code']}"), 401)
    assert_json_error(client.delete(f"/api/sessions/{session['code']}", headers=bearer("wrong")), 403)
    assert client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).status_code == 200


def test_delete_removes_everything_and_tells_connected_clients(app, client, make_session, sock):
    session = make_session()
    other = make_session(title="Andere sessie")
    code = session["code"]
    board, _ = sock(session, role="board")
    fac, _ = sock(session, role="facilitator")
    phone, ack = sock(session, name="Anna")
    elsewhere, _ = sock(other, role="board")
    phone.emit(
        "note:add", {"activity_id": activity_of(ack)["id"], "client_id": new_client_id(), "text": "weg"}, callback=True
    )
    assert client.get(f"/api/sessions/{code}/report.pdf", headers=bearer(session)).status_code == 200
    exports = Path(app.config["EXPORTS_DIR"]) / code
    assert exports.is_dir()
    for c in (board, fac, phone, elsewhere):
        c.get_received()

    response = client.delete(f"/api/sessions/{code}", headers=bearer(session))

    assert response.status_code == 200
    assert_json_error(client.get(f"/api/sessions/{code}", headers=bearer(session)), 404)
    with app.extensions["flipover.store"].reading() as db:
        assert db["participants"].count_where("session_code = ?", [code]) == 0
        assert db["notes"].count_where("session_code = ?", [code]) == 0
        assert db["activities"].count_where("session_code = ?", [code]) == 0
        assert db["sessions"].count_where("code = ?", [code]) == 0
    assert not exports.exists()
    for c in (board, fac, phone):
        assert received(c, "session:deleted") == [{"code": code}]
    assert received(elsewhere, "session:deleted") == []
    assert client.get(f"/api/sessions/{other['code']}", headers=bearer(other)).status_code == 200


def test_phone_of_deleted_session_cannot_post(client, make_session, sock):
    session = make_session()
    phone, ack = sock(session, name="Anna")
    client.delete(f"/api/sessions/{session['code']}", headers=bearer(session))
    result = phone.emit(
        "note:add",
        {"activity_id": activity_of(ack)["id"], "client_id": new_client_id(), "text": "te laat"},
        callback=True,
    )
    assert result["ok"] is False and result["error"]


def test_delete_unknown_session_is_404(client, make_session):
    session = make_session()
    assert_json_error(client.delete("/api/sessions/ABC234", headers=bearer(session)), 404)


# --- QR and pages -------------------------------------------------------------------


def test_qr_is_svg(client, make_session):
    session = make_session()
    response = client.get(f"/api/sessions/{session['code']}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data


def test_qr_of_unknown_session_is_404(client):
    assert_json_error(client.get("/api/sessions/ABC234/qr.svg"), 404)


def test_facilitator_link_sets_httponly_cookie_and_redirects(client, make_session):
    session = make_session()
    code = session["code"]
    response = client.get(f"/f/{code}?token={session['facilitator_token']}")
    assert response.status_code in (302, 303)
    location = response.headers["Location"]
    assert location.endswith(f"/f/{code}")
    assert "token" not in location
    cookie = response.headers["Set-Cookie"]
    assert f"fo_fac_{code}=" in cookie
    assert "HttpOnly" in cookie

    page = client.get(f"/f/{code}")
    assert page.status_code == 200
    assert page.mimetype == "text/html"


def test_facilitator_page_without_cookie_is_403(app, make_session):
    session = make_session()
    stranger = app.test_client()
    assert stranger.get(f"/f/{session['code']}").status_code == 403


def test_facilitator_link_with_wrong_token_is_403_and_sets_no_cookie(app, make_session):
    session = make_session()
    stranger = app.test_client()
    response = stranger.get(f"/f/{session['code']}?token=wrong")
    assert response.status_code == 403
    assert "Set-Cookie" not in response.headers
    assert stranger.get(f"/f/{session['code']}").status_code == 403


def test_facilitator_cookie_lets_the_socket_join_as_facilitator(client, make_session, sock):
    session = make_session()
    client.get(f"/f/{session['code']}?token={session['facilitator_token']}")
    _, ack = sock(session, role="facilitator", facilitator_token=None)
    assert ack["ok"] is True, ack


def test_phone_page_is_200_and_unknown_code_is_404(client, make_session):
    session = make_session()
    assert client.get(f"/j/{session['code']}").status_code == 200
    assert client.get("/j/ABC234").status_code == 404


def test_phone_page_redirects_a_lowercase_code(client, make_session):
    session = make_session()
    response = client.get(f"/j/{session['code'].lower()}")
    assert response.status_code in (301, 302, 303, 308)
    assert response.headers["Location"].endswith(f"/j/{session['code']}")


def test_board_page_is_200(client, make_session):
    session = make_session()
    response = client.get(f"/b/{session['code']}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert client.get("/b/ABC234").status_code == 404


def test_pages_load_nothing_from_other_sites(client, make_session):
    session = make_session()
    csp = client.get(f"/b/{session['code']}").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
