"""Trajectories over HTTP and Socket.IO: a practice's series of meetings carries goals,
ambition and open actions forward; the facilitator's home lists, duplicates, archives
and deletes; the home key (a cookie) stands in for an account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, open_trots
from drivers import bearer
from flask import Flask
from flask.testing import FlaskClient

KICKOFF = ["toelichting", "trots", "actieplan"]


@pytest.fixture
def leader(app: Flask) -> FlaskClient:
    """The project leader's browser: it gets a home key with the first trajectory."""
    return app.test_client()


def new_trajectory(browser: FlaskClient, **body: Any) -> dict[str, Any]:
    body.setdefault("name", "Meer tijd voor de patiënt")
    body.setdefault("practice", "Huisartsenpraktijk De Linde")
    body.setdefault("project_leader", "Marieke")
    response = browser.post("/api/trajectories", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def new_session(browser: FlaskClient, trajectory: dict[str, Any], **body: Any) -> dict[str, Any]:
    body.setdefault("title", "Bijeenkomst")
    agenda = body.get("agenda", KICKOFF)
    if agenda is not None:
        body["agenda"] = open_trots(agenda)
    response = browser.post("/api/sessions", json={"trajectory": trajectory["id"], **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def facilitator(sock, session: dict[str, Any]):
    fac, ack = sock(session, role="facilitator")
    assert ack["ok"], ack
    return fac, ack


def ok(ack: dict[str, Any]) -> dict[str, Any]:
    assert ack["ok"], ack
    return ack


def add_action(fac, plan: dict[str, Any], what: str, who: str, status: str = "open") -> dict[str, Any]:
    return ok(
        fac.emit(
            "actieplan:add", {"activity_id": plan["id"], "what": what, "who": who, "status": status}, callback=True
        )
    )["note"]


def actions_in(ack: dict[str, Any]) -> list[dict[str, Any]]:
    return activity_of(ack, "actieplan")["extra"]["actions"]


@pytest.fixture
def kickoff(leader: FlaskClient, sock):
    """A trajectory whose first meeting set two goals, an ambition and three actions (one done)."""
    trajectory = new_trajectory(leader)
    first = new_session(leader, trajectory, title="Kick-off")
    fac, ack = facilitator(sock, first)
    ok(fac.emit("ambition:set", {"text": "Meer tijd voor de patiënt"}, callback=True))
    ok(fac.emit("goal:add", {"title": "Betere bereikbaarheid"}, callback=True))
    ok(fac.emit("goal:add", {"title": "Minder administratie"}, callback=True))
    plan = activity_of(ack, "actieplan")
    add_action(fac, plan, "Werkgroep telefonie starten", "Sanne", "bezig")
    add_action(fac, plan, "Enquête onder patiënten", "Bram", "open")
    add_action(fac, plan, "Nieuwsbrief versturen", "Anna", "klaar")
    return trajectory, first


def test_a_new_meeting_starts_from_the_goals_ambition_and_open_actions(leader, sock, kickoff):
    trajectory, _first = kickoff
    second = new_session(leader, trajectory, title="Visie en strategie", agenda=["toelichting", "actieplan"])
    _fac, ack = facilitator(sock, second)
    state = ack["state"]
    assert [g["title"] for g in state["goals"]] == ["Betere bereikbaarheid", "Minder administratie"]
    assert state["ambition"] == "Meer tijd voor de patiënt"
    carried = [(a["what"], a["who"], a["status"]) for a in actions_in(ack)]
    assert carried == [("Werkgroep telefonie starten", "Sanne", "bezig"), ("Enquête onder patiënten", "Bram", "open")]
    assert state["carried"]["from"]["title"] == "Kick-off"
    assert [a["what"] for a in state["carried"]["actions"]] == [
        "Werkgroep telefonie starten",
        "Enquête onder patiënten",
    ]
    # Phones see the carried plan too (read-only, through activity.extra).
    _phone, phone_ack = sock(second, name="Anna")
    assert len(actions_in(phone_ack)) == 2


def test_the_recap_slide_lists_goals_and_open_actions(leader, sock, kickoff):
    trajectory, _first = kickoff
    second = new_session(
        leader,
        trajectory,
        title="Oplossingsrichting",
        agenda=[{"workform": "toelichting", "config": {"show_goals": True}}],
    )
    _board, ack = sock(second, role="board")
    extra = activity_of(ack, "toelichting")["extra"]
    assert extra["show_goals"] is True
    assert [a["what"] for a in extra["carried_actions"]] == ["Werkgroep telefonie starten", "Enquête onder patiënten"]


def test_an_action_done_in_the_second_meeting_is_not_carried_into_the_third(leader, sock, kickoff):
    trajectory, _first = kickoff
    second = new_session(leader, trajectory, title="Tweede")
    fac, ack = facilitator(sock, second)
    telefonie = next(a for a in actions_in(ack) if a["what"].startswith("Werkgroep"))
    ok(
        fac.emit(
            "actieplan:update",
            {"activity_id": activity_of(ack, "actieplan")["id"], "note_id": telefonie["id"], "status": "klaar"},
            callback=True,
        )
    )
    third = new_session(leader, trajectory, title="Derde", agenda=["trots"])
    _fac3, ack3 = facilitator(sock, third)
    assert [a["what"] for a in ack3["state"]["carried"]["actions"]] == ["Enquête onder patiënten"]
    # Goals come from the latest meeting that has them (the second, which took them over).
    assert [g["title"] for g in ack3["state"]["goals"]] == ["Betere bereikbaarheid", "Minder administratie"]

    detail = leader.get(f"/api/trajectories/{trajectory['id']}").get_json()
    history = {a["what"]: [h["status"] for h in a["history"]] for a in detail["actions"]}
    assert history["Werkgroep telefonie starten"] == ["bezig", "klaar"]
    assert history["Enquête onder patiënten"] == ["open", "open"]
    assert history["Nieuwsbrief versturen"] == ["klaar"]
    assert [a["what"] for a in detail["open_actions"]] == ["Enquête onder patiënten"]
    assert [s["title"] for s in detail["sessions"]] == ["Kick-off", "Tweede", "Derde"]
    assert [len(g["goals"]) for g in detail["goals"]] == [2, 2, 2]


def test_carrying_forward_from_a_session_of_another_trajectory_is_refused(leader, kickoff):
    trajectory, first = kickoff
    other = new_trajectory(leader, name="Ander traject")
    response = leader.post(
        "/api/sessions",
        json={"title": "X", "agenda": ["trots"], "trajectory": other["id"], "carry_from": first["code"]},
    )
    assert response.status_code == 400
    assert "hoort niet bij dit traject" in response.get_json()["error"]
    loose = leader.post("/api/sessions", json={"title": "X", "agenda": ["trots"], "carry_from": first["code"]})
    assert loose.status_code == 400 and "traject" in loose.get_json()["error"]
    unknown = leader.post("/api/sessions", json={"title": "X", "trajectory": trajectory["id"], "carry_from": "ZZZZZZ"})
    assert unknown.status_code == 400


def test_carry_from_picks_the_meeting_whose_goals_are_taken(leader, sock, kickoff):
    trajectory, first = kickoff
    second = new_session(leader, trajectory, title="Tweede")
    fac, _ack = facilitator(sock, second)
    ok(fac.emit("goal:add", {"title": "Nieuw doel"}, callback=True))
    third = new_session(leader, trajectory, title="Derde", carry_from=first["code"])
    _fac3, ack3 = facilitator(sock, third)
    assert [g["title"] for g in ack3["state"]["goals"]] == ["Betere bereikbaarheid", "Minder administratie"]


def test_an_action_status_that_does_not_exist_is_refused(leader, sock, kickoff):
    trajectory, _first = kickoff
    second = new_session(leader, trajectory, title="Tweede")
    fac, ack = facilitator(sock, second)
    action = actions_in(ack)[0]
    refused = fac.emit(
        "actieplan:update",
        {"activity_id": activity_of(ack, "actieplan")["id"], "note_id": action["id"], "status": "gedaan"},
        callback=True,
    )
    assert refused["ok"] is False and "Onbekende status" in refused["error"]
    _again, again = facilitator(sock, second)
    assert actions_in(again)[0]["status"] == action["status"]


def test_trajectory_auth_token_home_key_and_strangers(app, leader):
    trajectory = new_trajectory(leader)
    stranger = app.test_client()
    url = f"/api/trajectories/{trajectory['id']}"
    assert stranger.get(url).status_code == 401
    assert stranger.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert stranger.get(url, headers={"Authorization": f"Bearer {trajectory['token']}"}).status_code == 200
    assert leader.get(url).status_code == 200  # the home key
    assert stranger.get("/api/trajectories/nope").status_code == 404
    refused = stranger.post("/api/sessions", json={"title": "X", "trajectory": trajectory["id"]})
    assert refused.status_code == 401
    # With the trajectory's token an API tool may add a meeting; the owner then sees it at home.
    made = stranger.post(
        "/api/sessions",
        json={"title": "Via API", "agenda": ["trots"], "trajectory": trajectory["id"]},
        headers={"Authorization": f"Bearer {trajectory['token']}"},
    )
    assert made.status_code == 201
    home = leader.get("/api/trajectories").get_json()
    assert [s["title"] for s in home["trajectories"][0]["sessions"]] == ["Via API"]
    assert stranger.get("/api/trajectories").get_json() == {"trajectories": [], "sessions": []}


def test_bad_trajectory_input_gets_clear_errors(leader):
    assert leader.post("/api/trajectories", json={"name": "  "}).status_code == 400
    bad_phase = leader.post("/api/trajectories", json={"name": "T", "phase": "fase 9"})
    assert bad_phase.status_code == 400 and "Onbekende fase" in bad_phase.get_json()["error"]
    assert leader.post("/api/trajectories", data="nope").status_code == 400
    assert leader.post("/api/trajectories", json={"name": ["lijst"]}).status_code == 400
    trajectory = new_trajectory(leader)
    url = f"/api/trajectories/{trajectory['id']}"
    assert leader.patch(url, json={"archived": "ja"}).status_code == 400
    assert leader.patch(url, json={}).status_code == 400
    changed = leader.patch(url, json={"phase": "evaluatie", "name": "Nieuwe naam"})
    assert changed.status_code == 200
    assert changed.get_json()["phase"] == "evaluatie" and changed.get_json()["name"] == "Nieuwe naam"


def test_the_facilitator_page_names_its_trajectory(leader, kickoff):
    trajectory, first = kickoff
    page = leader.get(f"/f/{first['code']}").get_data(as_text=True)
    assert 'id="trajectory-link"' in page and f"Traject: {trajectory['name']}" in page
    loose = leader.post("/api/sessions", json={"title": "Los", "agenda": ["trots"]}).get_json()
    assert 'id="trajectory-link"' not in leader.get(f"/f/{loose['code']}").get_data(as_text=True)


def test_the_home_key_opens_the_facilitator_page_and_socket(app, leader, sock):
    made = leader.post("/api/sessions", json={"title": "Los", "agenda": ["trots"]})
    session = made.get_json()
    assert "fo_home" in made.headers.get("Set-Cookie", "")
    # No session cookie, no token: the home key alone opens the page.
    assert leader.get(f"/f/{session['code']}").status_code == 200
    assert app.test_client().get(f"/f/{session['code']}").status_code == 403
    assert leader.get(f"/api/sessions/{session['code']}").status_code == 200
    from app import socketio_of

    with_key = socketio_of(app).test_client(app, flask_test_client=leader)
    ack = with_key.emit("join", {"code": session["code"], "role": "facilitator"}, callback=True)
    assert ack["ok"], ack
    without = socketio_of(app).test_client(app, flask_test_client=app.test_client())
    refused = without.emit("join", {"code": session["code"], "role": "facilitator"}, callback=True)
    assert refused["ok"] is False
    with_key.disconnect()
    without.disconnect()


def test_the_secret_home_link_moves_the_key_to_another_browser_after_a_confirmation(app, leader):
    new_trajectory(leader, name="Traject Lindelaan")
    page = leader.get("/home").get_data(as_text=True)
    link = page.split('id="home-link"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert "/home?key=" in link
    key = link.split("key=", 1)[1]
    other = app.test_client()
    asked = other.get(link[link.index("/home") :])
    # Opening the link only asks: a link someone else sent must not take over this browser.
    assert asked.status_code == 200 and "Set-Cookie" not in asked.headers
    assert "Openen in deze browser" in asked.get_data(as_text=True)
    assert "Traject Lindelaan" not in other.get("/home").get_data(as_text=True)
    cross_site = other.post("/home/key", data={"key": key}, headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    assert other.post("/home/key", data={"key": "kort"}).status_code == 400
    moved = other.post("/home/key", data={"key": key})
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/home")
    assert "Traject Lindelaan" in other.get("/home").get_data(as_text=True)
    assert "Traject Lindelaan" not in app.test_client().get("/home").get_data(as_text=True)
    assert "niet (meer) geldig" in other.get("/home?key=<script>").get_data(as_text=True)


def test_home_escapes_names_and_titles(leader):
    trajectory = new_trajectory(leader, name="<script>alert(1)</script>")
    new_session(leader, trajectory, title='<img src=x onerror="alert(2)">')
    page = leader.get("/home").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page


def test_duplicate_copies_agenda_and_goals_not_notes(leader, sock, kickoff):
    trajectory, first = kickoff
    trots_note = {"activity_id": None, "client_id": "c-1", "text": "Onze assistentes"}
    phone, ack = sock(first, name="Anna")
    trots_note["activity_id"] = activity_of(ack, "trots")["id"]
    assert phone.emit("note:add", trots_note, callback=True)["ok"]
    url = f"/api/sessions/{first['code']}/duplicate"
    copy = leader.post(url, json={})
    assert copy.status_code == 201, copy.get_json()
    body = copy.get_json()
    assert body["code"] != first["code"] and body["trajectory"] == trajectory["id"]
    _fac, copy_ack = facilitator(sock, body)
    state = copy_ack["state"]
    assert state["title"] == "Kick-off (kopie)"
    assert [a["workform"] for a in state["activities"]] == KICKOFF
    assert state["notes"] and all(n["activity_id"] == activity_of(copy_ack, "actieplan")["id"] for n in state["notes"])
    assert [g["title"] for g in state["goals"]] == ["Betere bereikbaarheid", "Minder administratie"]
    stranger = leader.application.test_client()
    assert stranger.post(url, json={}).status_code == 401
    assert stranger.post(url, headers={"Authorization": "Bearer nope"}).status_code == 403


def test_one_meetings_token_does_not_open_its_trajectory_by_duplicating(leader, sock, kickoff):
    """Issue 18 (low): with a meeting's token only, the copy stays outside the trajectory
    and takes none of the trajectory's open actions (they are the other meetings')."""
    trajectory, _first = kickoff
    second = new_session(leader, trajectory, title="Visie")
    co_facilitator = leader.application.test_client()  # has this meeting's token, not the trajectory's
    copy = co_facilitator.post(f"/api/sessions/{second['code']}/duplicate", headers=bearer(second), json={})
    assert copy.status_code == 201, copy.get_json()
    body = copy.get_json()
    assert body["trajectory"] is None
    _fac, ack = facilitator(sock, body)
    assert actions_in(ack) == []
    assert "Werkgroep telefonie starten" not in str(ack["state"])
    # The trajectory's own leader still copies within it, open actions included.
    within = leader.post(f"/api/sessions/{second['code']}/duplicate", json={}).get_json()
    assert within["trajectory"] == trajectory["id"]
    _fac, ack = facilitator(sock, within)
    assert {a["what"] for a in actions_in(ack)} == {"Werkgroep telefonie starten", "Enquête onder patiënten"}


def test_archive_and_restore_a_session(leader, kickoff):
    _trajectory, first = kickoff
    url = f"/api/sessions/{first['code']}"
    assert leader.patch(url, json={"archived": "yes"}).status_code == 400
    archived = leader.patch(url, json={"archived": True})
    assert archived.status_code == 200 and archived.get_json()["archived"] is True
    assert leader.get("/api/trajectories").get_json()["trajectories"][0]["sessions"][0]["archived"] is True
    assert leader.patch(url, json={"archived": False}).get_json()["archived"] is False


def test_deleting_a_trajectory_erases_every_session_and_file(app, leader, sock, kickoff):
    trajectory, first = kickoff
    second = new_session(leader, trajectory, title="Tweede")
    assert leader.get(f"/api/sessions/{first['code']}/report.pdf").status_code == 200
    exports = Path(app.config["EXPORTS_DIR"]) / first["code"]
    assert exports.exists()
    stranger = app.test_client()
    assert stranger.delete(f"/api/trajectories/{trajectory['id']}").status_code == 401
    deleted = leader.delete(f"/api/trajectories/{trajectory['id']}")
    assert deleted.status_code == 200
    assert sorted(deleted.get_json()["sessions"]) == sorted([first["code"], second["code"]])
    assert leader.get(f"/api/trajectories/{trajectory['id']}").status_code == 404
    assert leader.get(f"/api/sessions/{first['code']}").status_code == 404
    assert not exports.exists()
    store = app.extensions["flipover.store"]
    with store.reading() as db:
        for table in ("sessions", "notes", "goals", "activities", "participants"):
            assert db[table].count == 0, table
        assert db["trajectories"].count == 0


def test_a_loose_session_is_listed_at_home_and_stays_out_of_trajectories(leader):
    made = leader.post("/api/sessions", json={"title": "Losse sessie", "agenda": ["trots"]}).get_json()
    home = leader.get("/api/trajectories").get_json()
    assert [s["code"] for s in home["sessions"]] == [made["code"]]
    assert home["trajectories"] == []
    assert "Losse sessie" in leader.get("/home").get_data(as_text=True)


def test_impact_inspanning_pulls_the_carried_open_actions_once(leader, sock, kickoff):
    trajectory, _first = kickoff
    second = new_session(leader, trajectory, title="Oplossingsrichting", agenda=["impact-inspanning"])
    fac, ack = facilitator(sock, second)
    matrix = activity_of(ack, "impact-inspanning")
    assert matrix["extra"]["carried_actions"] == 2
    pulled = ok(fac.emit("impact-inspanning:pull-carried", {"activity_id": matrix["id"]}, callback=True))
    again = ok(fac.emit("impact-inspanning:pull-carried", {"activity_id": matrix["id"]}, callback=True))
    assert (pulled["added"], again["added"]) == (2, 0)
    _board, board_ack = sock(second, role="board")
    items = [i["text"] for i in activity_of(board_ack, "impact-inspanning")["extra"]["items"]]
    assert items == ["Werkgroep telefonie starten", "Enquête onder patiënten"]
    # A meeting without a trajectory has nothing to pull: a clear refusal.
    loose = leader.post("/api/sessions", json={"title": "Los", "agenda": ["impact-inspanning"]}).get_json()
    loose_fac, loose_ack = facilitator(sock, loose)
    loose_matrix = activity_of(loose_ack, "impact-inspanning")
    refused = loose_fac.emit("impact-inspanning:pull-carried", {"activity_id": loose_matrix["id"]}, callback=True)
    assert refused["ok"] is False and "geen open acties" in refused["error"]


def test_a_loose_copy_keeps_its_goals_and_its_owner(app, leader, sock):
    made = leader.post("/api/sessions", json={"title": "Los", "agenda": ["trots"]}).get_json()
    fac, _ack = facilitator(sock, made)
    ok(fac.emit("goal:add", {"title": "Rust aan de balie"}, callback=True))
    # Duplicated through the API with the session token (no home key): the copy is still the leader's.
    copy = app.test_client().post(
        f"/api/sessions/{made['code']}/duplicate", headers={"Authorization": f"Bearer {made['facilitator_token']}"}
    )
    assert copy.status_code == 201 and copy.get_json()["trajectory"] is None
    home = leader.get("/api/trajectories").get_json()
    assert sorted(s["title"] for s in home["sessions"]) == ["Los", "Los (kopie)"]
    _fac, copy_ack = facilitator(sock, copy.get_json())
    assert [g["title"] for g in copy_ack["state"]["goals"]] == ["Rust aan de balie"]


@pytest.mark.parametrize("wrong", [False, True, 1, 1.5, ["abc"], {"id": "abc"}])
def test_a_trajectory_that_is_not_a_code_is_a_clear_400(leader: FlaskClient, wrong: object) -> None:
    response = leader.post("/api/sessions", json={"title": "Bijeenkomst", "trajectory": wrong})
    assert response.status_code == 400
    assert response.get_json()["error"] == "'trajectory' is de code van een traject (tekst)."


def test_an_unknown_trajectory_code_is_404(leader: FlaskClient) -> None:
    response = leader.post("/api/sessions", json={"title": "Bijeenkomst", "trajectory": "bestaat-niet"})
    assert response.status_code == 404
    assert response.get_json()["error"] == "Dit traject bestaat niet (meer)."
