"""`evaluatie`'s "Verwacht en bereikt" step (issue 21 part 5, handbook Stap 3.1 c): phones rate
each session goal bereikt / deels / niet bereikt with a comment, the facilitator records the
team's conclusion, the board gets counts only; the PDF compares expected with achieved; and
the bundling meeting's `sterk-verbeterpunt` round. Also what one rating costs the room."""

from __future__ import annotations

import io
import json
import sqlite3
from typing import Any

import pytest
from conftest import activity_of, new_client_id
from pypdf import PdfReader
from test_trajectories import (  # noqa: F401 - fixtures used by name
    facilitator,
    leader,
    new_session,
    new_trajectory,
    ok,
)

GOALS = ["Meer tijd voor de patiënt", "Online afspraken maken", "Triage aan de telefoon"]
NAMES = ["Annemarie Vlietstra", "Bram Okafor", "Cas de Wit"]


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["evaluatie"])
    fac, fac_ack = sock(session, role="facilitator")
    goals = [ok(fac.emit("goal:add", {"title": title}, callback=True))["goal"] for title in GOALS]
    aid = activity_of(fac_ack, "evaluatie")["id"]
    assert ok(fac.emit("activity:phase", {"activity_id": aid, "phase": "doelen"}, callback=True))
    board, _ = sock(session, role="board")
    phones = [sock(session, name=name) for name in NAMES]
    for client in (fac, board, *(p for p, _ in phones)):
        client.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "phones": [p for p, _ in phones],
        "phone_ids": [a["me"]["id"] for _, a in phones],
        "aid": aid,
        "goals": goals,
        "sock": sock,
    }


def rate(room, who: int, goal: int, rating: str | None = "bereikt", **fields: Any) -> dict[str, Any]:
    payload = {"activity_id": room["aid"], "goal_id": room["goals"][goal]["id"], "rating": rating, **fields}
    return room["phones"][who].emit("evaluatie:goal-rate", payload, callback=True)


def extra_of(client) -> dict[str, Any]:
    changes = [m["args"][0] for m in client.get_received() if m["name"] in ("activity:changed", "activity:updated")]
    assert changes, "no activity view received"
    last = changes[-1]
    activity = (
        last["activity"] if "activity" in last else next(a for a in last["activities"] if a["workform"] == "evaluatie")
    )
    return activity["extra"]


def result(extra: dict[str, Any], room, goal: int) -> dict[str, Any]:
    return extra["goal_results"][str(room["goals"][goal]["id"])]


# --- rating ---------------------------------------------------------------------------------


def test_a_rating_is_counted_once_per_phone_and_changing_it_moves_the_count(room):
    first = rate(room, 0, 0, "bereikt", text="Spreekuur is rustiger")
    assert first["ok"], first
    assert first["goals"] == {str(room["goals"][0]["id"]): {"rating": "bereikt", "text": "Spreekuur is rustiger"}}
    assert result(extra_of(room["board"]), room, 0)["counts"] == {"bereikt": 1, "deels": 0, "niet": 0}
    changed = rate(room, 0, 0, "deels", text="Spreekuur is rustiger")
    assert changed["ok"] and changed["goals"][str(room["goals"][0]["id"])]["rating"] == "deels"
    assert rate(room, 1, 0, "niet")["ok"]
    got = result(extra_of(room["board"]), room, 0)
    assert got["counts"] == {"bereikt": 0, "deels": 1, "niet": 1} and got["n"] == 2
    assert got["comments"] == [{"text": "Spreekuur is rustiger", "count": 1}]
    assert extra_of(room["fac"])["goal_raters"] == 2


def test_clearing_a_rating_removes_it(room):
    assert rate(room, 0, 1, "niet")["ok"]
    cleared = rate(room, 0, 1, None, clear=True)
    assert cleared["ok"] and cleared["goals"] == {}
    assert str(room["goals"][1]["id"]) not in extra_of(room["board"])["goal_results"]


def test_ratings_do_not_count_as_questionnaire_answers(room):
    assert rate(room, 0, 0, "bereikt")["ok"]
    extra = extra_of(room["board"])
    assert extra["respondents"] == 0 and extra["goal_raters"] == 1


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"rating": "prima"}, "Kies bereikt, deels bereikt of niet bereikt."),
        ({"rating": None}, "Kies bereikt, deels bereikt of niet bereikt."),
        ({"text": "x" * 281}, "Een toelichting is maximaal 280 tekens."),
        ({"text": 12}, "Een toelichting is tekst."),
        ({"goal_id": 99999}, "Deze doelstelling bestaat niet (meer)."),
        ({"goal_id": "1"}, "Deze doelstelling bestaat niet (meer)."),
        ({"clear": "ja"}, "'clear' moet waar of onwaar zijn."),
    ],
)
def test_bad_ratings_are_refused_in_dutch(room, fields, error):
    payload = {"activity_id": room["aid"], "goal_id": room["goals"][0]["id"], "rating": "deels", **fields}
    ack = room["phones"][0].emit("evaluatie:goal-rate", payload, callback=True)
    assert ack == {"ok": False, "error": error}


def test_a_comment_of_280_characters_is_kept(room):
    ack = rate(room, 0, 0, "deels", text="y" * 280)
    assert ack["ok"] and ack["goals"][str(room["goals"][0]["id"])]["text"] == "y" * 280


def test_rating_is_refused_outside_the_step_when_locked_and_for_the_facilitator(room):
    fac = room["fac"]
    ack = fac.emit(
        "evaluatie:goal-rate",
        {"activity_id": room["aid"], "goal_id": room["goals"][0]["id"], "rating": "bereikt"},
        callback=True,
    )
    assert not ack["ok"] and "Alleen deelnemers" in ack["error"]
    assert ok(fac.emit("activity:lock", {"activity_id": room["aid"], "locked": True}, callback=True))
    assert "op slot" in rate(room, 0, 0)["error"]
    assert ok(fac.emit("activity:lock", {"activity_id": room["aid"], "locked": False}, callback=True))
    assert ok(fac.emit("activity:phase", {"activity_id": room["aid"], "phase": "invullen"}, callback=True))
    assert "Verwacht en bereikt" in rate(room, 0, 0)["error"]


def test_a_phone_gets_its_own_ratings_back_and_no_one_elses(room):
    assert rate(room, 0, 0, "bereikt", text="Ja")["ok"]
    assert rate(room, 1, 0, "niet", text="Nee")["ok"]
    mine = room["phones"][0].emit("evaluatie:mine", {"activity_id": room["aid"]}, callback=True)
    assert mine["goals"] == {str(room["goals"][0]["id"]): {"rating": "bereikt", "text": "Ja"}}


# --- the team's conclusion --------------------------------------------------------------------


def test_only_the_facilitator_sets_the_conclusion(room):
    gid = room["goals"][2]["id"]
    payload = {"activity_id": room["aid"], "goal_id": gid, "rating": "deels", "text": "Nog niet overal"}
    refused = room["phones"][0].emit("evaluatie:goal-conclusion", payload, callback=True)
    assert refused["ok"] is False
    # A forged facilitator join without the token does not get the role either.
    forged, ack = room["sock"](room["session"], role="facilitator", facilitator_token="geraden")
    assert not (ack or {}).get("ok")
    assert not (forged.emit("evaluatie:goal-conclusion", payload, callback=True) or {}).get("ok")
    # Nothing was stored, so the board heard nothing.
    assert not [m for m in room["board"].get_received() if m["name"].startswith("activity:")]
    done = room["fac"].emit("evaluatie:goal-conclusion", payload, callback=True)
    assert done == {"ok": True, "conclusion": {"rating": "deels", "text": "Nog niet overal"}}
    assert extra_of(room["board"])["conclusions"][str(gid)] == {"rating": "deels", "text": "Nog niet overal"}
    bad = room["fac"].emit("evaluatie:goal-conclusion", {**payload, "rating": "half"}, callback=True)
    assert bad["error"] == "Kies bereikt, deels bereikt of niet bereikt."
    cleared = room["fac"].emit("evaluatie:goal-conclusion", {**payload, "rating": None, "text": ""}, callback=True)
    assert cleared["ok"] and str(gid) not in extra_of(room["board"])["conclusions"]


# --- anonymity and cost on the wire -----------------------------------------------------------


def test_no_names_or_participant_ids_on_the_wire(room):
    assert rate(room, 0, 0, "bereikt", text="Meer rust")["ok"]
    assert rate(room, 1, 1, "niet", text="Nog niet gestart")["ok"]
    wire = json.dumps([c.get_received() for c in (room["board"], room["fac"], room["phones"][2])])
    for name in NAMES:
        assert name not in wire
    assert "Meer rust" in wire
    for pid in room["phone_ids"]:
        assert f'"participant_id": {pid}' not in wire and f'"author_id": {pid}' not in wire


def _bytes(messages: list[dict[str, Any]]) -> int:
    return sum(len(json.dumps(m["args"], separators=(",", ":"), ensure_ascii=False).encode()) for m in messages)


def test_one_rating_costs_the_others_one_small_update(app, room, capsys):
    assert rate(room, 0, 0, "bereikt", text="Rustiger")["ok"]
    for client in (room["fac"], room["board"], *room["phones"]):
        client.get_received()
    conn: sqlite3.Connection = app.extensions["flipover.store"].db.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert rate(room, 1, 1, "deels", text="Half")["ok"]
    finally:
        conn.set_trace_callback(None)
    board, fac = room["board"].get_received(), room["fac"].get_received()
    other = room["phones"][2].get_received()
    for staff in (board, fac):
        assert [m["name"] for m in staff] == ["activity:updated"]
        assert staff[0]["args"][0]["activity"]["id"] == room["aid"]
    # Another phone shows nothing the rating changed: it gets nothing.
    assert other == []
    with capsys.disabled():
        print(
            f"\n[evaluatie goal rating] board {_bytes(board)} B, facilitator {_bytes(fac)} B, "
            f"other phone {_bytes(other)} B, {len(seen)} SQL statements"
        )
    assert _bytes(board) < 4000 and len(seen) < 40


# --- the report and the exports ---------------------------------------------------------------


def _report(client, session) -> str:
    response = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    assert response.status_code == 200, response.data[:200]
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_report_compares_expected_with_achieved_per_goal(client, room):
    assert rate(room, 0, 0, "bereikt", text="Spreekuur <b>rustiger</b>")["ok"]
    assert rate(room, 1, 0, "bereikt", text="spreekuur <b>rustiger</b> ")["ok"]
    assert rate(room, 2, 0, "deels")["ok"]
    assert rate(room, 0, 1, "niet", text="Nog niet gestart")["ok"]
    payload = {"activity_id": room["aid"], "goal_id": room["goals"][0]["id"], "rating": "bereikt", "text": "Gehaald"}
    assert ok(room["fac"].emit("evaluatie:goal-conclusion", payload, callback=True))
    text = _report(client, room["session"])
    assert "Verwacht en bereikt" in text
    assert "1. Meer tijd voor de patiënt" in text
    assert "Oordeel deelnemers: Bereikt: 2 · Deels bereikt: 1 · Niet bereikt: 0 (n = 3)" in text
    assert "Conclusie van het team: Bereikt — Gehaald" in text
    assert "Spreekuur <b>rustiger</b> (2×)" in text
    assert "Oordeel deelnemers: Bereikt: 0 · Deels bereikt: 0 · Niet bereikt: 1 (n = 1)" in text
    assert "3. Triage aan de telefoon Niemand gaf een oordeel." in text
    # Page 1's summary names the conclusion and the counts; nobody's name anywhere.
    assert "Meer tijd voor de patiënt: Bereikt" in text
    assert "Online afspraken maken: 0× bereikt, 0× deels, 1× niet" in text
    for name in NAMES:
        assert name not in text


def test_the_json_export_carries_counts_and_conclusions_without_names(client, room):
    assert rate(room, 0, 2, "deels", text="Bijna")["ok"]
    payload = {"activity_id": room["aid"], "goal_id": room["goals"][2]["id"], "rating": "deels", "text": ""}
    assert ok(room["fac"].emit("evaluatie:goal-conclusion", payload, callback=True))
    response = client.get(
        f"/api/sessions/{room['session']['code']}/export.json",
        headers={"Authorization": f"Bearer {room['session']['facilitator_token']}"},
    )
    data = response.get_json()
    (activity,) = [a for a in data["activities"] if a["workform"] == "evaluatie"]
    gid = str(room["goals"][2]["id"])
    assert activity["extra"]["goal_results"][gid]["counts"]["deels"] == 1
    assert activity["extra"]["goal_results"][gid]["comments"] == [{"text": "Bijna", "count": 1}]
    assert activity["extra"]["conclusions"][gid]["rating"] == "deels"
    assert [g["title"] for g in data["session"]["goals"]] == GOALS
    assert NAMES[0] not in response.get_data(as_text=True)


# --- without goals, and in a trajectory -------------------------------------------------------


def test_a_session_without_goals_says_so_and_the_facilitator_adds_one(make_session, sock):
    session = make_session(agenda=["evaluatie"])
    fac, ack = sock(session, role="facilitator")
    aid = activity_of(ack, "evaluatie")["id"]
    assert ack["state"]["goals"] == []
    phone, _ = sock(session, name="Dirk")
    assert ok(fac.emit("activity:phase", {"activity_id": aid, "phase": "doelen"}, callback=True))
    refused = phone.emit("evaluatie:goal-rate", {"activity_id": aid, "goal_id": 1, "rating": "bereikt"}, callback=True)
    assert refused["error"] == "Deze doelstelling bestaat niet (meer)."
    goal = ok(fac.emit("goal:add", {"title": "Minder wachttijd"}, callback=True))["goal"]
    rated = phone.emit(
        "evaluatie:goal-rate", {"activity_id": aid, "goal_id": goal["id"], "rating": "niet"}, callback=True
    )
    assert rated["ok"], rated


def test_the_report_without_goals_has_no_goal_part(client, make_session, sock):
    session = make_session(agenda=["evaluatie"])
    phone, ack = sock(session, name="Eva")
    aid = activity_of(ack, "evaluatie")["id"]
    assert ok(phone.emit("evaluatie:answer", {"activity_id": aid, "question_id": "q1", "text": "POH"}, callback=True))
    text = _report(client, session)
    assert "1 deelnemer vulde in" in text and "Verwacht en bereikt" not in text


def test_in_a_trajectory_the_earlier_meetings_goals_are_rated(leader, sock):  # noqa: F811
    trajectory = new_trajectory(leader)
    kickoff = new_session(leader, trajectory, title="Kick-off", agenda=["doelstellingen"])
    fac, _ = facilitator(sock, kickoff)
    for title in GOALS[:2]:
        ok(fac.emit("goal:add", {"title": title}, callback=True))
    evaluation = new_session(leader, trajectory, title="Procesevaluatie", agenda=["evaluatie"])
    fac2, ack = facilitator(sock, evaluation)
    assert [g["title"] for g in ack["state"]["goals"]] == GOALS[:2]
    aid = activity_of(ack, "evaluatie")["id"]
    ok(fac2.emit("activity:phase", {"activity_id": aid, "phase": "doelen"}, callback=True))
    phone, _ = sock(evaluation, name="Femke")
    goal_id = ack["state"]["goals"][1]["id"]
    ok(phone.emit("evaluatie:goal-rate", {"activity_id": aid, "goal_id": goal_id, "rating": "bereikt"}, callback=True))


# --- sterk / verbeterpunt ---------------------------------------------------------------------


def test_sterk_verbeterpunt_takes_two_colours_and_reports_them(client, make_session, sock):
    session = make_session(agenda=["sterk-verbeterpunt"])
    _fac, ack = sock(session, role="facilitator")
    activity = activity_of(ack, "sterk-verbeterpunt")
    assert activity["phase"] == "plakken"
    phone, _ = sock(session, name="Gijs Bakker")
    posts = [("sterk", "Korte lijnen"), ("verbeterpunt", "Eerder de assistentes betrekken"), ("sterk", "Goede uitleg")]
    for category, text in posts:
        note = {"activity_id": activity["id"], "text": text, "category": category, "client_id": new_client_id()}
        ok(phone.emit("note:add", note, callback=True))
    bad = {"activity_id": activity["id"], "text": "x", "category": "kans", "client_id": new_client_id()}
    assert not phone.emit("note:add", bad, callback=True)["ok"]
    headers = {"Authorization": f"Bearer {session['facilitator_token']}"}
    text = _report(client, session)
    assert "Sterke punten (groen)" in text and "Verbeterpunten (roze)" in text
    assert text.index("Korte lijnen") < text.index("Verbeterpunten (roze)") < text.rindex("Eerder de assistentes")
    assert "Sterk: Korte lijnen; Goede uitleg" in text
    csv = client.get(f"/api/sessions/{session['code']}/export.csv", headers=headers).get_data(as_text=True)
    assert "Eerder de assistentes betrekken" in csv and ";verbeterpunt;Verbeterpunt;" in csv


def test_the_bundling_template_has_the_sterk_verbeterpunt_round_and_an_improvement_plan(client):
    from app import agenda_templates
    from app.registry import discover

    template = agenda_templates.find(discover(), "bundelen-procesevaluatie")
    assert [item["workform"] for item in template["agenda"]] == ["toelichting", "sterk-verbeterpunt", "actieplan"]
    assert sum(item["minutes"] for item in template["agenda"]) == template["duration_minutes"] == 60
    made = client.post("/api/sessions", json={"title": "Bundelen", "template": "bundelen-procesevaluatie"})
    assert made.status_code == 201, made.get_json()
    # The process evaluation's meeting plans time for the goals step too.
    evaluation = agenda_templates.find(discover(), "procesevaluatie")
    assert sum(item["minutes"] for item in evaluation["agenda"]) == evaluation["duration_minutes"]
