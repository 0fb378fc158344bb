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


class RateLimiter:
    def __init__(self, capacity: float, per_second: float) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self._buckets: dict[object, Bucket] = {}

    def allow(self, key: object) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = Bucket(self.capacity, self.per_second)
        return bucket.take()

    def forget(self, key: object) -> None:
        self._buckets.pop(key, None)

    def empty(self, key: object) -> bool:
        """True when ``key`` has used up its bucket (without taking from it)."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.tokens < 0:
            return False
        now = time.monotonic()
        return min(bucket.capacity, bucket.tokens + (now - bucket.stamp) * bucket.per_second) < 1
