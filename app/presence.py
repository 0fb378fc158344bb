"""Who is online, shared between the worker processes of a scale-out.

A single process (the default) counts its own sockets in memory (``realtime.Hub``)
and needs nothing from here. With several workers behind a proxy each one sees
only its own phones, so every worker also writes "participant P of session C is
connected to me" into the ``presence`` table of the shared SQLite file:

* a row per (worker instance, session, participant), inserted when that
  participant's first socket on this worker joins and deleted when the last one
  leaves; several devices of one person, on one worker or on several, count once;
* every row carries an expiry. Each worker re-asserts its rows every
  ``HEARTBEAT_SECONDS``; rows of a worker that died (SIGKILL, power cut of the VM)
  are not renewed and stop counting after ``TTL_SECONDS``, and the first living
  worker that deletes them tells those sessions' boards the new count.

SQLite rather than Redis: the count then needs no second store, the same code is
unit-tested without a Redis server, and the writes are rare (a join, a last
disconnect, one small transaction per worker per heartbeat).
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterable

from app.db import Store

HEARTBEAT_SECONDS = 5.0
# Three missed heartbeats: a worker stalled for a moment keeps its phones counted.
TTL_SECONDS = 20.0

_IF_SESSION_EXISTS = "where exists (select 1 from sessions where code = ?)"


def new_instance_id() -> str:
    """Unique per process start; host and pid in it make the table readable when debugging."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class SharedPresence:
    def __init__(self, store: Store, instance: str | None = None, ttl: float = TTL_SECONDS) -> None:
        self.store = store
        self.instance = instance or new_instance_id()
        self.ttl = ttl

    def arrived(self, code: str, participant_id: int) -> None:
        with self.store.transaction() as db:
            db.execute(
                "insert or replace into presence (instance, session_code, participant_id, expires_at) "
                f"select ?, ?, ?, ? {_IF_SESSION_EXISTS}",
                [self.instance, code, participant_id, time.time() + self.ttl, code],
            )

    def left(self, code: str, participant_id: int) -> None:
        with self.store.transaction() as db:
            db.execute(
                "delete from presence where instance = ? and session_code = ? and participant_id = ?",
                [self.instance, code, participant_id],
            )

    def count(self, code: str) -> int:
        """Distinct participants of ``code`` with a live connection to any worker."""
        with self.store.reading() as db:
            row = db.execute(
                "select count(distinct participant_id) from presence where session_code = ? and expires_at > ?",
                [code, time.time()],
            ).fetchone()
        return int(row[0])

    def beat(self, mine: Iterable[tuple[str, int]]) -> list[str]:
        """Renew this worker's rows and drop expired ones; returns the sessions whose count fell.

        The rows are re-inserted rather than updated, so a worker whose rows another
        one already expired (it stalled too long) is counted again at once. Rows of a
        session that was deleted meanwhile (on another worker, whose phones here are
        still connected) are not: erased means no trace, not even who was online.
        """
        now = time.time()
        with self.store.transaction() as db:
            db.execute("delete from presence where instance = ?", [self.instance])
            db.conn.executemany(
                "insert into presence (instance, session_code, participant_id, expires_at) "
                f"select ?, ?, ?, ? {_IF_SESSION_EXISTS}",
                [(self.instance, code, pid, now + self.ttl, code) for code, pid in mine],
            )
            expired = db.execute("delete from presence where expires_at <= ? returning session_code", [now]).fetchall()
        return sorted({row[0] for row in expired})

    def forget_session(self, code: str) -> None:
        with self.store.transaction() as db:
            db.execute("delete from presence where session_code = ?", [code])

    def clear_instance(self) -> None:
        with self.store.transaction() as db:
            db.execute("delete from presence where instance = ?", [self.instance])
