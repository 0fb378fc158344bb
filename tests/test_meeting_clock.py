"""The meeting clock (issue 19, part 1): the meeting runs from the first participant's
join (or the facilitator's "Klok starten"); each agenda item counts the time it is the
current one; the facilitator page and the board compute the rest themselves, and the
report prints planned and actual minutes. What a join costs the other devices stays one
small update to the board and the facilitators."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import activity_of, received
from drivers import bearer, pdf_text

from app import sessions
from app import timer as timer_mod
from app.db import Store
from app.registry import discover

AGENDA = [
    {"workform": "toelichting", "title": "Welkom", "minutes": 5},
    {"workform": "kennismaken", "minutes": 10},
    {"workform": "trots", "minutes": 10},
]


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "clock.db")
    yield s
    s.close()


def views(store: Store, code: str) -> dict[str, dict[str, Any]]:
    return {a["title"]: a for a in sessions.list_activities(store, code)}


def test_items_count_their_time_once_the_clock_runs(store):
    registry = discover()
    session, _token = sessions.create_session(store, registry, title="Kick-off", agenda=AGENDA)
    code = session["code"]
    first, second, third = sessions.list_activities(store, code)
    # Before the clock starts, moving through the agenda counts nothing.
    sessions.set_current_activity(store, code, second["id"], 500)
    sessions.set_current_activity(store, code, first["id"], 900)
    assert all(a["spent_ms"] == 0 and a["since_ms"] is None for a in sessions.list_activities(store, code))

    assert sessions.start_clock(store, code, 1_000) is True
    assert sessions.start_clock(store, code, 5_000) is False  # a second join changes nothing
    assert views(store, code)["Welkom"]["since_ms"] == 1_000
    sessions.set_current_activity(store, code, second["id"], 301_000)  # 5 minutes of welcome
    sessions.set_current_activity(store, code, third["id"], 961_000)  # 11 minutes of introductions
    sessions.set_current_activity(store, code, second["id"], 1_021_000)  # back for a minute
    now = {a["id"]: a for a in sessions.list_activities(store, code)}
    assert now[first["id"]]["spent_ms"] == 300_000
    assert now[second["id"]]["spent_ms"] == 660_000 and now[second["id"]]["since_ms"] == 1_021_000
    assert now[third["id"]]["spent_ms"] == 60_000 and now[third["id"]]["since_ms"] is None

    sessions.stop_clock(store, code, 1_081_000)  # the meeting ends
    assert views(store, code)[second["title"]]["spent_ms"] == 720_000
    sessions.stop_clock(store, code, 2_000_000)  # ending twice counts nothing more
    assert views(store, code)[second["title"]]["spent_ms"] == 720_000
    sessions.resume_clock(store, code, 3_000_000)  # reopened: counts on from now
    assert views(store, code)[second["title"]]["since_ms"] == 3_000_000

    assert sessions.start_clock(store, code, 4_000_000, restart=True) is True
    after = sessions.list_activities(store, code)
    assert [a["spent_ms"] for a in after] == [0, 0, 0]
    assert [a["since_ms"] for a in after] == [None, 4_000_000, None]


def test_the_first_participant_starts_the_clock_and_costs_phones_nothing(make_session, sock):
    session = make_session(agenda=AGENDA)
    board, board_ack = sock(session, role="board")
    fac, _fac_ack = sock(session, role="facilitator")
    anna_early, _ = sock(session, name="Anna")  # the first phone
    assert board_ack["state"]["clock_started_at"] is None
    welcome = board_ack["state"]["activities"][0]
    assert welcome["actual"] == {"since": None, "spent_ms": 0}
    updates = received(board, "activity:updated")
    assert len(updates) == 1 and updates[0]["activity"]["id"] == welcome["id"]
    assert updates[0]["activity"]["actual"]["since"] is not None
    assert len(received(fac, "activity:updated")) == 1
    # A phone never gets the actual times (the first phone is told its item once, as after
    # any join); a second join starts nothing and costs nobody anything.
    assert all("actual" not in u["activity"] for u in received(anna_early, "activity:updated"))
    assert received(anna_early, "activity:changed") == []
    _bram, bram_ack = sock(session, name="Bram")
    assert "actual" not in bram_ack["state"]["activities"][0]
    assert received(board, "activity:updated") == [] and received(anna_early, "activity:updated") == []
    assert sock(session, role="facilitator")[1]["state"]["clock_started_at"] is not None


def test_the_facilitator_restarts_the_clock_and_a_phone_cannot(make_session, sock, monkeypatch):
    session = make_session(agenda=AGENDA)
    fac, _ = sock(session, role="facilitator")
    anna, _ = sock(session, name="Anna")
    assert anna.emit("session:update", {"clock": "start"}, callback=True)["ok"] is False
    monkeypatch.setattr(timer_mod, "now_ms", lambda: 7_000_000)
    answer = fac.emit("session:update", {"clock": "start"}, callback=True)
    assert answer == {"ok": True, "clock_started_at": 7_000_000}
    changed = received(fac, "activity:changed")[-1]
    assert changed["activities"][0]["actual"] == {"since": 7_000_000, "spent_ms": 0}


def test_the_report_prints_planned_and_actual_minutes(app, client, make_session, sock, monkeypatch):
    session = make_session(agenda=AGENDA)
    fac, ack = sock(session, role="facilitator")
    monkeypatch.setattr(timer_mod, "now_ms", lambda: 1_000)
    sock(session, name="Anna")  # the clock starts at 1,000 ms
    monkeypatch.setattr(timer_mod, "now_ms", lambda: 1_000 + 7 * 60_000)
    intro = activity_of(ack, "kennismaken")
    assert fac.emit("activity:goto", {"activity_id": intro["id"]}, callback=True)["ok"]
    monkeypatch.setattr(timer_mod, "now_ms", lambda: 1_000 + 19 * 60_000)
    trots = activity_of(ack, "trots")
    assert fac.emit("activity:goto", {"activity_id": trots["id"]}, callback=True)["ok"]
    assert fac.emit("session:update", {"ended": True}, callback=True)["ok"]  # ends at once: 0 min
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    text = " ".join(pdf_text(pdf.data).split())
    assert "Welkom · gepland 5 min, werkelijk 7 min" in text
    assert "gepland 10 min, werkelijk 12 min" in text
    assert "Trots · 10 min" in text  # never really ran
