"""The rate limiter's table stays the size of who is active (issue 22): a server that
runs for months sees every participant, connection and address once."""

from __future__ import annotations

import time

from app import ratelimit
from app.ratelimit import RateLimiter


def test_quiet_keys_are_dropped_and_active_ones_kept(monkeypatch) -> None:
    clock = [time.monotonic() + 1]  # (new buckets stamp themselves with the real clock)
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    limiter = RateLimiter(capacity=3, per_second=1.0)
    for key in range(ratelimit.PRUNE_FLOOR):
        assert limiter.allow(("old", key))
    busy = ("busy", 0)
    for _ in range(3):
        limiter.allow(busy)
    assert limiter.allow(busy) is False  # empty now
    clock[0] += 10  # the old keys refill; the busy one too, so use it again right away
    for _ in range(3):
        limiter.allow(busy)
    limiter.prune()  # (it runs by itself when the table has doubled: the next test)
    assert len(limiter) == 1
    assert limiter.allow(busy) is False  # an emptied bucket survives the sweep: no fresh burst


def test_a_flood_of_one_time_keys_stays_bounded(monkeypatch) -> None:
    clock = [time.monotonic() + 1]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    limiter = RateLimiter(capacity=20, per_second=1.0)
    for key in range(50_000):
        clock[0] += 0.05  # 20 new keys a second, each seen once
        limiter.allow(key)
    assert len(limiter) <= 2 * ratelimit.PRUNE_FLOOR
