"""The write-ahead log is copied back by a thread of its own, not inside a note's commit
(app/checkpoint.py, issue 22): commits no longer checkpoint at 1,000 pages, the thread
does, it is an operating-system thread also when eventlet has patched `threading`, and
the real server (run.py) runs it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import open_trots
from live_server import ROOT, LiveServer

from app import checkpoint
from app.db import Store

PAGE = 4096


def fill(store: Store, pages: int) -> None:
    """One commit per page of text, as notes come in."""
    with store.transaction() as db:
        db.execute("create table if not exists filler (text text)")
    for i in range(pages):
        with store.transaction() as db:
            db.execute("insert into filler values (?)", [f"{i:06d}" + "x" * (PAGE - 200)])


def frames_in_log(path: Path) -> int:
    """Frames the WAL holds beyond what was copied back, seen from another connection."""
    conn = sqlite3.connect(path)
    try:
        # A PASSIVE checkpoint reports the log's frames and what it copied; it copies
        # everything here (no reader, no writer), so read the count before it runs.
        return int(conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
    finally:
        conn.close()


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_without_the_thread_commits_checkpoint_at_a_thousand_pages(tmp_path) -> None:
    store = Store(tmp_path / "plain.db")
    try:
        fill(store, 1_300)
        # The commit that crossed 1,000 pages copied the log back and the next ones
        # started it over: what is left is the last few hundred pages.
        assert frames_in_log(tmp_path / "plain.db") < 1_000
    finally:
        store.close()


def test_with_the_thread_commits_leave_the_log_to_it(tmp_path) -> None:
    store = Store(tmp_path / "bg.db")
    try:
        store.checkpoint_in_background(interval=3600)  # running, but not within this test
        fill(store, 1_300)
        assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoint.BACKSTOP_PAGES
        assert frames_in_log(tmp_path / "bg.db") >= 1_300  # no commit copied anything back
    finally:
        store.close()
    assert store.checkpointer is None


def test_a_checkpoint_copies_the_log_back_and_the_log_starts_over(tmp_path) -> None:
    store = Store(tmp_path / "bg.db")
    try:
        store.checkpoint_in_background(interval=3600)
        worker = store.checkpointer
        assert worker is not None
        fill(store, 300)
        worker.run_once()
        busy, log, copied = worker.last
        assert (busy, worker.error, worker.runs) == (0, None, 1)
        assert log >= 300 and copied == log
        assert b"000299" in (tmp_path / "bg.db").read_bytes()  # the last page is in the file itself
        fill(store, 5)  # the first commit after a full copy starts the log from its beginning
        worker.run_once()
        assert worker.last[1] < 20 and worker.last[2] == worker.last[1]
    finally:
        store.close()


def test_a_checkpoint_that_fails_is_reported_once_and_creates_no_file(tmp_path, capfd) -> None:
    gone = tmp_path / "gone.db"
    worker = checkpoint.Checkpointer(str(gone))
    worker.run_once()
    worker.run_once()
    assert worker.error and worker.runs == 0
    assert not gone.exists()  # no empty database where the server's was
    assert capfd.readouterr().err.count("WAL checkpoint failed") == 1  # once, not every second


def wal_size(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_an_erase_that_finds_the_log_held_says_so(tmp_path) -> None:
    path = tmp_path / "erase.db"
    store = Store(path)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        fill(store, 50)
        reader.execute("begin")
        reader.execute("select count(*) from filler").fetchone()  # a reader (another worker) holds the log
        assert store.erase_traces() is False
        assert wal_size(path) > 0
        reader.execute("commit")
        assert store.erase_traces() is True
        assert wal_size(path) == 0  # truncated
    finally:
        reader.close()
        store.close()


def test_the_thread_truncates_what_an_erase_could_not(tmp_path) -> None:
    # The thread itself does the work here, as in the server: calling run_once by hand
    # beside it raced its own turn (both on one connection; CI caught it once).
    path = tmp_path / "erase.db"
    store = Store(path)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        store.checkpoint_in_background(interval=0.05)
        worker = store.checkpointer
        assert worker is not None
        fill(store, 50)
        reader.execute("begin")
        reader.execute("select count(*) from filler").fetchone()
        assert store.erase_traces() is False
        assert worker.truncate_pending
        time.sleep(0.3)  # turns while the reader holds the log: nothing truncated yet
        assert (worker.truncates, worker.truncate_pending) == (0, True)
        assert wal_size(path) > 0
        reader.execute("commit")
        assert wait_for(lambda: not worker.truncate_pending, timeout=15)
        assert (worker.truncates, wal_size(path)) == (1, 0)
        runs = worker.runs
        assert wait_for(lambda: worker.runs >= runs + 3)  # and back to passive turns
        assert worker.truncates == 1
    finally:
        reader.close()
        store.close()


CHILD = """
import eventlet
eventlet.monkey_patch()
import json, sys, threading
from eventlet import patcher
from app.db import Store
sys.path.insert(0, "tests")
from test_checkpoint import fill

store = Store(sys.argv[1])
store.checkpoint_in_background(interval=0.02)
worker = store.checkpointer
fill(store, 20)
before = worker.runs
# Block this thread without giving the event loop a turn: a green thread could not run.
patcher.original("time").sleep(1.0)
patched = isinstance(worker._thread, threading.Thread)
print(json.dumps({"runs": worker.runs - before, "last": worker.last, "patched": patched}))
store.close()
"""


def test_under_eventlet_the_thread_is_an_os_thread(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "green.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["runs"] >= 5, facts  # it ran while the event loop was blocked
    assert facts["last"][1] == facts["last"][2] > 0, facts
    assert not facts["patched"]  # a Thread of the unpatched module


def test_the_real_server_copies_the_log_back_within_seconds(tmp_path) -> None:
    db = tmp_path / "flipover.db"
    server = LiveServer(db).start()
    try:
        title = "Checkpoint-Zq81 De Linde"
        body = json.dumps({"title": title, "agenda": open_trots(["trots"])}).encode()
        request = urllib.request.Request(
            server.url + "/api/sessions", data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (200, 201)
        # A few pages, far below SQLite's own mark of 1,000: only the thread copies them.
        assert wait_for(lambda: title.encode() in db.read_bytes(), timeout=10)
    finally:
        server.stop()
