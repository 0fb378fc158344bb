"""SQLite's write-ahead log copied back into the database file on a thread of its own.

In WAL mode SQLite checkpoints inside the commit that takes the log past
``wal_autocheckpoint`` pages (1,000 by default). With a room posting 200 notes a second
that is one commit of 5–8 ms (the copy and its fsyncs) about once a second, and under
eventlet every meeting on the server waits for it: it was the largest part of the
200 × 1/s tail left once the garbage collector was out of it (issue 22).

:func:`start` runs a PASSIVE checkpoint every ``interval`` seconds from an operating-system
thread with its own connection. The sqlite3 module lets go of the GIL while SQLite copies
and syncs, and a passive checkpoint never waits for, nor blocks, a writer or a reader, so
the event loop goes on serving notes meanwhile. The server's connection keeps
``wal_autocheckpoint`` as a backstop only (:data:`BACKSTOP_PAGES`): should the thread
stop, the log still stops growing there.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from dataclasses import dataclass, field
from types import ModuleType

INTERVAL_SECONDS = 1.0
# About 32 MB of 4 KiB pages: never reached while the thread runs (1 s of 200 notes/s is
# ~1,000 pages), and a bound on the log if it does not.
BACKSTOP_PAGES = 8_000


def _os_threading() -> ModuleType:
    """The real ``threading`` module, also in a server monkey-patched by eventlet (where
    ``threading`` makes green threads, which would run the checkpoint on the event loop)."""
    try:
        from eventlet import patcher
    except ImportError:  # pragma: no cover - eventlet is a dependency; the threading mode works without it
        return threading
    return patcher.original("threading") if patcher.is_monkey_patched("thread") else threading


@dataclass
class Checkpointer:
    """The thread and what its last checkpoint did (for tests and the benchmarks)."""

    path: str
    interval: float = INTERVAL_SECONDS
    runs: int = 0
    # (busy, pages in the log, pages copied back) of the last checkpoint, as SQLite reports them
    last: tuple[int, int, int] = (0, 0, 0)
    error: str | None = None
    _stop: threading.Event = field(init=False, repr=False)
    _thread: threading.Thread = field(init=False, repr=False)

    def __post_init__(self) -> None:
        real = _os_threading()
        self._stop = real.Event()
        self._thread = real.Thread(target=self._run, name="flipover-checkpoint", daemon=True)

    def start(self) -> Checkpointer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def run_once(self) -> None:
        """One PASSIVE checkpoint on a connection of its own (opened per turn: ~0.1 ms a
        second, and nothing held open between turns). busy_timeout 0: a checkpoint that
        finds another one running (a second worker's) skips this turn."""
        try:
            conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:  # a full disk, a file deleted under us: try again next turn
            # Not through logging: its locks are green under eventlet, and this is no green thread.
            if str(exc) != self.error:
                sys.stderr.write(f"flipover: WAL checkpoint failed: {exc}\n")
            self.error = str(exc)
            return
        self.error = None
        self.last = (int(row[0]), int(row[1]), int(row[2]))
        self.runs += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.run_once()


def start(path: str, interval: float = INTERVAL_SECONDS) -> Checkpointer | None:
    """Checkpoint the database at ``path`` in the background; None for an in-memory one."""
    if path == ":memory:":
        return None
    return Checkpointer(path, interval).start()
