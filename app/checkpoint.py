"""SQLite's write-ahead log copied back into the database file on a thread of its own.

In WAL mode SQLite checkpoints inside the commit that takes the log past
``wal_autocheckpoint`` pages (1,000 by default). With a room posting 200 notes a second
that is one commit of 5–8 ms (the copy and its fsyncs) about once a second, and under
eventlet every meeting on the server waits for it: it was the largest part of the
200 × 1/s tail left once the garbage collector was out of it (issue 22).

:func:`start` runs a PASSIVE checkpoint every ``interval`` seconds from an operating-system
thread with a connection of its own. The sqlite3 module lets go of the GIL while SQLite
copies and syncs, and a passive checkpoint never waits for, nor blocks, a writer or a
reader, so the event loop goes on serving notes meanwhile. The server's connection keeps
``wal_autocheckpoint`` as a backstop only (:data:`BACKSTOP_PAGES`): should the thread
stop, the log still stops growing there.

An erasure needs the log truncated (old frames hold deleted texts). When the server's own
attempt finds the log held, :meth:`Checkpointer.truncate_soon` hands it to this thread,
which may wait for the readers (up to :data:`TRUNCATE_WAIT_MS`) without stopping the
event loop, and tries again each turn until it succeeds.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import threading
from dataclasses import dataclass, field
from types import ModuleType

INTERVAL_SECONDS = 1.0
# About 32 MB of 4 KiB pages: never reached while the thread runs (1 s of 200 notes/s is
# ~1,000 pages), and a bound on the log if it does not.
BACKSTOP_PAGES = 8_000
# How long the thread's TRUNCATE waits for readers (other workers) before the next turn.
TRUNCATE_WAIT_MS = 2_000


def _os_threading() -> ModuleType | None:
    """The real ``threading`` module, also in a server monkey-patched by eventlet (where
    ``threading`` makes green threads, which would run the checkpoint on the event loop).
    None under gevent's patching, which offers no unpatched module: SQLite checkpoints
    in the commits there, as it does by default."""
    # Only looked up when loaded: nothing is patched otherwise (and importing eventlet warns).
    patcher = sys.modules.get("eventlet.patcher")
    if patcher is not None and patcher.is_monkey_patched("thread"):
        return patcher.original("threading")
    gevent_monkey = sys.modules.get("gevent.monkey")
    if gevent_monkey is not None and gevent_monkey.is_module_patched("threading"):
        return None
    return threading


@dataclass
class Checkpointer:
    """The thread and what its last checkpoint did (for tests and the benchmarks)."""

    path: str
    interval: float = INTERVAL_SECONDS
    runs: int = 0
    # (busy, pages in the log, pages copied back) of the last checkpoint, as SQLite reports them
    last: tuple[int, int, int] = (0, 0, 0)
    error: str | None = None
    truncates: int = 0
    _conn: sqlite3.Connection | None = field(default=None, init=False, repr=False)
    # Truncations asked for, and the count asked for when the last one succeeded: an
    # erasure that comes in while one runs is not taken as done by it.
    _asked: int = field(default=0, init=False, repr=False)
    _done: int = field(default=0, init=False, repr=False)
    _stop: threading.Event = field(init=False, repr=False)
    _wake: threading.Event = field(init=False, repr=False)
    _thread: threading.Thread = field(init=False, repr=False)

    def __post_init__(self) -> None:
        real = _os_threading() or threading
        self._stop = real.Event()
        self._wake = real.Event()
        self._thread = real.Thread(target=self._run, name="flipover-checkpoint", daemon=True)

    def start(self) -> Checkpointer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._close()

    def truncate_soon(self) -> None:
        """Truncate the log on the thread's next turn, now (and each turn until it succeeds)."""
        self._asked += 1
        self._wake.set()

    @property
    def truncate_pending(self) -> bool:
        return self._asked > self._done

    def run_once(self) -> None:
        """One checkpoint: PASSIVE, or TRUNCATE when an erasure asked for it."""
        asked = self._asked
        truncate = asked > self._done
        try:
            conn = self._connection()
            if truncate:
                conn.execute(f"PRAGMA busy_timeout={TRUNCATE_WAIT_MS}")
            try:
                row = conn.execute(f"PRAGMA wal_checkpoint({'TRUNCATE' if truncate else 'PASSIVE'})").fetchone()
            finally:
                if truncate:
                    conn.execute("PRAGMA busy_timeout=0")
        except sqlite3.Error as exc:  # a full disk, a file gone: report once, try again next turn
            self._failed(str(exc))
            return
        self.error = None
        self.last = (int(row[0]), int(row[1]), int(row[2]))
        self.runs += 1
        if truncate and not row[0]:
            self._done = asked
            self.truncates += 1

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            # mode=rw: never create an empty database where the server's has gone. busy
            # timeout 0: a passive checkpoint that finds another running (a second
            # worker's) skips this turn rather than wait.
            self._conn = sqlite3.connect(
                f"file:{self.path}?mode=rw", uri=True, timeout=0, isolation_level=None, check_same_thread=False
            )
        return self._conn

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _failed(self, message: str) -> None:
        # Not through logging: its locks are green under eventlet, and this is no green thread.
        if message != self.error:
            with contextlib.suppress(OSError, ValueError):  # a closed stderr must not end the thread
                sys.stderr.write(f"flipover: WAL checkpoint failed: {message}\n")
        self.error = message
        self._close()  # a fresh connection next turn (the file may have been replaced)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._wake.wait(self.interval)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    self.run_once()
                except Exception as exc:  # the thread must outlive anything odd
                    self._failed(f"{type(exc).__name__}: {exc}")
        finally:
            self._close()


def start(path: str, interval: float = INTERVAL_SECONDS) -> Checkpointer | None:
    """Checkpoint the database at ``path`` in the background; None for an in-memory one."""
    if path == ":memory:" or _os_threading() is None:
        return None
    return Checkpointer(path, interval).start()
