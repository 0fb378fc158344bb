"""The phase timer: pure rules, and the events that share one countdown with everyone."""

from __future__ import annotations

import pytest
from conftest import activity_of, received

from app import timer

NOW = 1_800_000_000_000


def test_start_pause_resume_keeps_the_remaining_time():
    running = timer.apply(None, "start", 300, NOW)
    paused = timer.apply(running, "pause", None, NOW + 60_000)
    assert paused["state"] == "paused" and paused["remaining_ms"] == 240_000
    resumed = timer.apply(paused, "resume", None, NOW + 500_000)
    assert resumed["ends_at"] == NOW + 500_000 + 240_000


def test_add_a_minute_to_running_paused_and_ended_timers():
    running = timer.apply(None, "start", 60, NOW)
    assert timer.apply(running, "add", None, NOW)["ends_at"] == NOW + 120_000
    paused = timer.apply(running, "pause", None, NOW + 30_000)
    assert timer.apply(paused, "add", None, NOW + 30_000)["remaining_ms"] == 90_000
    # Ran out two minutes ago: one more minute counts from now, not from the past end.
    assert timer.apply(running, "add", None, NOW + 180_000)["ends_at"] == NOW + 240_000


def test_view_reports_remaining_and_end():
    running = timer.apply(None, "start", 10, NOW)
    assert timer.view(running, NOW + 4_000)["remaining_ms"] == 6_000
    ended = timer.view(running, NOW + 11_000)
    assert ended["remaining_ms"] == 0 and ended["ended"] is True


@pytest.mark.parametrize("seconds", [0, -5, 4 * 3600 + 1, "60", 1.5, True])
def test_nonsense_durations_are_refused(seconds):
    with pytest.raises(timer.TimerError):
        timer.apply(None, "start", seconds, NOW)


def test_pause_without_timer_is_refused():
    with pytest.raises(timer.TimerError):
        timer.apply(None, "pause", None, NOW)


def test_facilitator_starts_timer_and_everyone_gets_the_same_end(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, _ = sock(session)
    activity_id = activity_of(ack)["id"]
    board.get_received()
    phone.get_received()
    result = fac.emit("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 120}, callback=True)
    assert result["ok"] and result["timer"]["state"] == "running"
    ends_at = result["timer"]["ends_at"]
    for client in (board, phone):
        (msg,) = received(client, "timer:changed")
        assert msg["activity_id"] == activity_id and msg["timer"]["ends_at"] == ends_at
        assert 0 < msg["timer"]["remaining_ms"] <= 120_000


def test_timer_without_seconds_uses_the_phase_default(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    result = fac.emit("timer:set", {"activity_id": activity_of(ack)["id"], "action": "start"}, callback=True)
    assert result["ok"] and result["timer"]["duration_ms"] == 5 * 60 * 1000  # trots: plakken, 5 min


def test_a_reconnecting_phone_gets_the_running_timer_in_its_snapshot(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    activity_id = activity_of(ack)["id"]
    fac.emit("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 300}, callback=True)
    paused = fac.emit("timer:set", {"activity_id": activity_id, "action": "pause"}, callback=True)
    _phone, phone_ack = sock(session)
    snapshot = activity_of(phone_ack)["timer"]
    assert snapshot["state"] == "paused" and snapshot["remaining_ms"] == paused["timer"]["remaining_ms"]


def test_only_the_facilitator_controls_the_timer(make_session, sock):
    session = make_session()
    phone, ack = sock(session)
    board, _ = sock(session, role="board")
    for client in (phone, board):
        result = client.emit("timer:set", {"activity_id": activity_of(ack)["id"], "action": "start"}, callback=True)
        assert result["ok"] is False
    _fac, fac_ack = sock(session, role="facilitator")
    assert activity_of(fac_ack)["timer"] is None


def test_stop_clears_the_timer_and_bad_actions_are_refused(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    activity_id = activity_of(ack)["id"]
    assert fac.emit("timer:set", {"activity_id": activity_id, "action": "explode"}, callback=True)["ok"] is False
    assert fac.emit("timer:set", {"activity_id": activity_id, "action": "resume"}, callback=True)["ok"] is False
    fac.emit("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 60}, callback=True)
    stopped = fac.emit("timer:set", {"activity_id": activity_id, "action": "stop"}, callback=True)
    assert stopped == {"ok": True, "timer": None}


def test_clock_sync_answers_the_servers_clock_joined_or_not(make_session, sock, monkeypatch):
    import time

    # Not joined yet, any payload: a page syncs its clock before its join ack arrives.
    loose, _ = sock()
    for payload in ({}, None, "x", [1]):
        before = int(time.time() * 1000)
        ack = loose.emit("clock:sync", payload, callback=True)
        after = int(time.time() * 1000)
        assert ack["ok"] is True and before <= ack["now"] <= after, (payload, ack)
    # It is the server's clock (app.timer.now_ms, the one timers and rotations use), not ours.
    monkeypatch.setattr(timer, "now_ms", lambda: NOW)
    phone, _ = sock(make_session())
    assert phone.emit("clock:sync", {}, callback=True) == {"ok": True, "now": NOW}
    assert loose.emit("clock:sync", {}, callback=True) == {"ok": True, "now": NOW}
