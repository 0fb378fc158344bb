"""Timestamps in one format everywhere (UTC, ISO 8601)."""

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
