"""A token bucket per participant: bursts are fine, floods are refused (never acked)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def full(self, now: float) -> bool:
        """Refilled to capacity: no different from a bucket made afresh."""
        return self.tokens < 0 or self.tokens + (now - self.stamp) * self.per_second >= self.capacity

    def take(self) -> bool:
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.capacity
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# A server runs for months and sees every participant, connection and address once: the
# buckets of keys that went quiet are dropped when the table has doubled since the last sweep.
PRUNE_FLOOR = 1024


class RateLimiter:
    def __init__(self, capacity: float, per_second: float) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self._buckets: dict[object, Bucket] = {}
        self._prune_at = PRUNE_FLOOR

    def allow(self, key: object) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._prune_at:
                self.prune()
            bucket = self._buckets[key] = Bucket(self.capacity, self.per_second)
        return bucket.take()

    def prune(self) -> None:
        """Drop every bucket that has refilled (its key would start full anyway)."""
        now = time.monotonic()
        self._buckets = {key: b for key, b in self._buckets.items() if not b.full(now)}
        self._prune_at = max(PRUNE_FLOOR, 2 * len(self._buckets))

    def __len__(self) -> int:
        return len(self._buckets)

    def forget(self, key: object) -> None:
        self._buckets.pop(key, None)

    def empty(self, key: object) -> bool:
        """True when ``key`` has used up its bucket (without taking from it)."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.tokens < 0:
            return False
        now = time.monotonic()
        return min(bucket.capacity, bucket.tokens + (now - bucket.stamp) * bucket.per_second) < 1
