"""The time plan reaches the meeting (issue 19, part 1): every agenda item keeps its
planned minutes from the template, the facilitator can change them, phase timers are
preset in proportion, and the report prints the plan."""

from __future__ import annotations

from conftest import activity_of, received
from drivers import bearer, flat, pdf_text

from app.agenda_templates import TEMPLATES


def _template(slug: str) -> dict:
    return next(t for t in TEMPLATES if t["slug"] == slug)


def test_a_template_session_carries_its_minutes_and_length(make_session, client) -> None:
    session = make_session(template="kick-off")
    state = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    assert [a["minutes"] for a in state["activities"]] == [item["minutes"] for item in _template("kick-off")["agenda"]]
    assert state["duration_minutes"] == 60
    assert sum(a["minutes"] for a in state["activities"]) == 60


def test_an_own_agenda_may_plan_minutes_and_checks_them(make_session, app) -> None:
    session = make_session(agenda=[{"workform": "trots", "minutes": 20}, "actieplan"], duration_minutes=45)
    client = app.test_client()
    state = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    assert [a["minutes"] for a in state["activities"]] == [20, None]
    assert state["duration_minutes"] == 45
    for wrong in (0, 241, "10", True, 2.5):
        answer = client.post("/api/sessions", json={"title": "T", "agenda": [{"workform": "trots", "minutes": wrong}]})
        assert answer.status_code == 400 and "Minuten" in answer.get_json()["error"], wrong
    assert client.post("/api/sessions", json={"title": "T", "duration_minutes": 0}).status_code == 400


def test_the_facilitator_changes_an_items_minutes_and_every_view_follows(make_session, sock) -> None:
    session = make_session(template="kick-off")
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session, name="Anna")
    trots = activity_of(ack, "trots")
    answer = fac.emit("activity:update", {"activity_id": trots["id"], "minutes": 15}, callback=True)
    assert answer == {"ok": True}
    updated = [m["activity"] for m in received(phone, "activity:updated") if m["activity"]["id"] == trots["id"]]
    assert updated and updated[-1]["minutes"] == 15
    assert fac.emit("activity:update", {"activity_id": trots["id"], "minutes": None}, callback=True)["ok"]
    refused = fac.emit("activity:update", {"activity_id": trots["id"], "minutes": -5}, callback=True)
    assert refused["ok"] is False and "Minuten" in refused["error"]
    assert phone.emit("activity:update", {"activity_id": trots["id"], "minutes": 5}, callback=True)["ok"] is False


def test_phase_timers_fill_the_items_planned_minutes(make_session, sock) -> None:
    session = make_session(template="kick-off")
    fac, ack = sock(session, role="facilitator")
    challenges = activity_of(ack, "uitdagingen-en-kansen")  # 30 minutes; phases 5 + 5 + 3 + 20
    assert challenges["timer_minutes"] == 5  # 5/33 of 30 minutes, whole minutes
    fac.emit("activity:update", {"activity_id": challenges["id"], "minutes": 15}, callback=True)
    halved = fac.emit("timer:set", {"activity_id": challenges["id"], "action": "start"}, callback=True)
    assert halved["ok"] and halved["timer"]["duration_ms"] == 120_000
    fac.emit("activity:update", {"activity_id": challenges["id"], "minutes": 66}, callback=True)
    doubled = fac.emit("timer:set", {"activity_id": challenges["id"], "action": "start"}, callback=True)
    assert doubled["timer"]["duration_ms"] == 600_000
    fac.emit("activity:update", {"activity_id": challenges["id"], "minutes": None}, callback=True)
    unplanned = fac.emit("timer:set", {"activity_id": challenges["id"], "action": "start"}, callback=True)
    assert unplanned["timer"]["duration_ms"] == 300_000  # the work format's own 5 minutes


def test_the_report_prints_the_plan(make_session, client) -> None:
    session = make_session(template="kick-off")
    text = flat(pdf_text(client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data))
    assert "Duur 60 min" in text
    assert "Toelichting project · 5 min" in text
    assert "· 30 min" in text


def test_a_copy_keeps_the_plan(make_session, client) -> None:
    session = make_session(template="kick-off")
    copy = client.post(f"/api/sessions/{session['code']}/duplicate", headers=bearer(session), json={}).get_json()
    state = client.get(f"/api/sessions/{copy['code']}", headers=bearer(copy)).get_json()
    assert [a["minutes"] for a in state["activities"]] == [5, 10, 10, 30, 5]
    assert state["duration_minutes"] == 60
