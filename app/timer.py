"""The phase timer: plain functions over a small dict, server-authoritative.

The server stores when the timer ends (epoch milliseconds), never a ticking
count, so a reloaded or reconnected board or phone shows the same countdown
and no process has to tick (several workers cannot double-tick).
"""

from __future__ import annotations

import time
from typing import Any

from app.errors import UserError
from app.i18n import _

MAX_SECONDS = 4 * 60 * 60
ACTIONS = ("start", "pause", "resume", "add", "stop")


class TimerError(UserError):
    """The timer request makes no sense; the message is for the facilitator."""


def now_ms() -> int:
    return int(time.time() * 1000)


def _seconds(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_SECONDS:
        raise TimerError(_("Geef een tijd tussen 1 seconde en 4 uur."))
    return value


def apply(timer: dict[str, Any] | None, action: object, seconds: object, now: int) -> dict[str, Any] | None:
    """Return the timer after ``action``; None means no timer."""
    if action == "start":
        secs = _seconds(seconds)
        return {"state": "running", "ends_at": now + secs * 1000, "remaining_ms": None, "duration_ms": secs * 1000}
    if action == "stop":
        return None
    if timer is None:
        if action == "add":
            return apply(None, "start", seconds if seconds is not None else 60, now)
        raise TimerError(_("Er loopt geen timer."))
    if action == "pause":
        if timer["state"] != "running":
            raise TimerError(_("De timer loopt niet."))
        return {**timer, "state": "paused", "remaining_ms": max(0, timer["ends_at"] - now), "ends_at": None}
    if action == "resume":
        if timer["state"] != "paused":
            raise TimerError(_("De timer staat niet op pauze."))
        return {**timer, "state": "running", "ends_at": now + timer["remaining_ms"], "remaining_ms": None}
    if action == "add":
        extra = _seconds(seconds if seconds is not None else 60) * 1000
        if timer["state"] == "paused":
            return {**timer, "remaining_ms": timer["remaining_ms"] + extra, "duration_ms": timer["duration_ms"] + extra}
        # Adding to a timer that already ran out counts from now.
        ends_at = max(timer["ends_at"], now) + extra
        return {**timer, "ends_at": ends_at, "duration_ms": timer["duration_ms"] + extra}
    raise TimerError(_("Onbekende timer-actie."))


def view(timer: dict[str, Any] | None, now: int) -> dict[str, Any] | None:
    """The timer as clients get it: with the server's clock, so they can correct their own."""
    if timer is None:
        return None
    remaining = timer["remaining_ms"] if timer["state"] == "paused" else max(0, timer["ends_at"] - now)
    return {
        **timer,
        "remaining_ms": remaining,
        "server_now": now,
        "ended": timer["state"] == "running" and remaining == 0,
    }
