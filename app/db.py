"""SQLite storage: opening the database, the write lock and the schema migrations.

The database file is the only state of a running Flipover: a restarted server
resumes every session from it. Everything here is plain Python (no Flask), so
the storage layer is unit-tested directly.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from app import checkpoint

migrations = Migrations("flipover")
log = logging.getLogger(__name__)

# How long a write waits for SQLite's write lock (another worker, a backup tool, someone
# with the sqlite3 shell) before it fails with "database is locked".
LOCK_WAIT_SECONDS = 5.0


@migrations()
def m001_core_tables(db: Database) -> None:
    db.table("sessions").create(
        {
            "code": str,
            "title": str,
            "practice": str,
            "template": str,
            "facilitator_token_hash": str,
            "current_activity_id": int,
            "spotlight": str,
            "locale": str,
            "created_at": str,
        },
        pk="code",
        not_null={"title", "facilitator_token_hash", "created_at"},
    )
    db.table("activities").create(
        {
            "id": int,
            "session_code": str,
            "position": int,
            "workform": str,
            "title": str,
            "prompt": str,
            "body": str,
            "phase": str,
            "anonymous": int,
            "config": str,
        },
        pk="id",
        foreign_keys=[("session_code", "sessions", "code")],
        not_null={"session_code", "position", "workform", "title"},
    )
    db.table("activities").create_index(["session_code", "position"])
    db.table("participants").create(
        {
            "id": int,
            "session_code": str,
            "token_hash": str,
            "name": str,
            "created_at": str,
            "last_seen": str,
        },
        pk="id",
        foreign_keys=[("session_code", "sessions", "code")],
        not_null={"session_code", "token_hash", "created_at"},
    )
    db.table("participants").create_index(["token_hash"], unique=True)
    db.table("participants").create_index(["session_code"])
    db.table("notes").create(
        {
            "id": int,
            "session_code": str,
            "activity_id": int,
            "participant_id": int,
            "client_id": str,
            "text": str,
            "category": str,
            "data": str,
            "hidden": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[
            ("session_code", "sessions", "code"),
            ("activity_id", "activities", "id"),
            ("participant_id", "participants", "id"),
        ],
        not_null={"session_code", "activity_id", "client_id", "text", "created_at"},
        defaults={"hidden": 0, "data": "{}"},
    )
    # Safe retries: a client_id identifies one note in a session forever.
    db.table("notes").create_index(["session_code", "client_id"], unique=True)
    db.table("notes").create_index(["activity_id"])


@migrations()
def m002_activity_timer(db: Database) -> None:
    # The phase timer as JSON: see app/timer.py. Server-authoritative end time.
    db.table("activities").add_column("timer", str)


@migrations()
def m003_note_revealed(db: Database) -> None:
    # During a private writing phase a participant may stick one note early.
    db.table("notes").add_column("revealed", int, not_null_default=0)


@migrations()
def m004_activity_locked(db: Database) -> None:
    # The facilitator can stop all posting in an activity, whatever its phase.
    db.table("activities").add_column("locked", int, not_null_default=0)


@migrations()
def m005_groups(db: Database) -> None:
    # Notes that mean the same, stuck together; a stack is a group without a name.
    db.table("groups").create(
        {"id": int, "session_code": str, "activity_id": int, "name": str, "created_at": str},
        pk="id",
        foreign_keys=[("session_code", "sessions", "code"), ("activity_id", "activities", "id")],
        not_null={"session_code", "activity_id", "created_at"},
        defaults={"name": ""},
    )
    db.table("groups").create_index(["activity_id"])
    db.table("notes").add_column("group_id", int)


@migrations()
def m006_votes(db: Database) -> None:
    # One row per dot: on a group, or on a note that is in no group.
    db.table("votes").create(
        {
            "id": int,
            "session_code": str,
            "activity_id": int,
            "participant_id": int,
            "note_id": int,
            "group_id": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("session_code", "sessions", "code"), ("activity_id", "activities", "id")],
        not_null={"session_code", "activity_id", "participant_id", "created_at"},
    )
    db.table("votes").create_index(["activity_id", "participant_id"])


@migrations()
def m007_plugin_state(db: Database) -> None:
    # A work format's own per-activity state (e.g. a rotation round), and its
    # per-participant records (e.g. a rating), so plugins need no tables of their own.
    db.table("activities").add_column("state", str, not_null_default="{}")
    db.table("entries").create(
        {
            "id": int,
            "session_code": str,
            "activity_id": int,
            "participant_id": int,
            "key": str,
            "value": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("session_code", "sessions", "code"), ("activity_id", "activities", "id")],
        not_null={"session_code", "activity_id", "participant_id", "key", "value", "updated_at"},
    )
    db.table("entries").create_index(["activity_id", "participant_id", "key"], unique=True)


@migrations()
def m008_goals(db: Database) -> None:
    # Session goals (doelstellingen) and the ambition: made in one activity, used by later ones.
    db.table("goals").create(
        {"id": int, "session_code": str, "position": int, "title": str, "data": str, "created_at": str},
        pk="id",
        foreign_keys=[("session_code", "sessions", "code")],
        not_null={"session_code", "position", "title", "created_at"},
        defaults={"data": "{}"},
    )
    db.table("goals").create_index(["session_code", "position"])
    db.table("sessions").add_column("ambition", str, not_null_default="")


@migrations()
def m009_presence(db: Database) -> None:
    # Who is online, shared by the workers of a scale-out (app/presence.py); unused by
    # a single process. No foreign keys: rows expire on their own, whatever was deleted.
    db.table("presence").create(
        {"instance": str, "session_code": str, "participant_id": int, "expires_at": float},
        pk=("instance", "session_code", "participant_id"),
        not_null={"expires_at"},
    )
    db.table("presence").create_index(["session_code", "expires_at"])


@migrations()
def m010_trajectories(db: Database) -> None:
    # A practice's series of meetings (kick-off, vision, solution, evaluation). Sessions
    # point to it; goals and open actions are carried from one session to the next.
    # ``owner_hash`` is the hash of a browser's home key (app/owner.py): the facilitator's
    # list of their own trajectories and sessions, without accounts.
    db.table("trajectories").create(
        {
            "id": str,
            "name": str,
            "practice": str,
            "project_leader": str,
            "phase": str,
            "token_hash": str,
            "owner_hash": str,
            "archived": int,
            "casestudy": str,
            "created_at": str,
        },
        pk="id",
        not_null={"name", "token_hash", "created_at"},
        defaults={
            "practice": "",
            "project_leader": "",
            "phase": "visie",
            "owner_hash": "",
            "archived": 0,
            "casestudy": "{}",
        },
    )
    db.table("trajectories").create_index(["owner_hash"])
    db.table("sessions").add_column("trajectory_id", str, fk="trajectories", fk_col="id")
    db.table("sessions").add_column("owner_hash", str, not_null_default="")
    db.table("sessions").add_column("archived", int, not_null_default=0)
    # What this session took over from earlier ones at creation (the recap shows it).
    db.table("sessions").add_column("carried", str, not_null_default="{}")
    db.table("sessions").create_index(["trajectory_id"])
    db.table("sessions").create_index(["owner_hash"])


@migrations()
def m011_phones_digest(db: Database) -> None:
    # A digest of the activity view phones last received (app/fanout.py): an update that
    # changes nothing phones display is not sent to them. In the database, not in memory,
    # so the workers of a scale-out agree on it.
    db.table("activities").add_column("phones_digest", str)


@migrations()
def m012_session_ended(db: Database) -> None:
    # The facilitator closed the meeting: phones and the board show the end screen.
    # Reopening is allowed (a meeting closed by mistake), so it is a flag, not a deletion.
    db.table("sessions").add_column("ended", int, not_null_default=0)


@migrations()
def m013_trajectory_retention(db: Database) -> None:
    # A trajectory's own retention period in days (NULL: the server's RETENTION_DAYS).
    db.table("trajectories").add_column("retention_days", float)


@migrations()
def m014_planned_minutes(db: Database) -> None:
    # The time plan (issue 19): each agenda item's planned minutes (from the template,
    # editable) and the meeting's length; NULL where nobody planned one.
    db.table("activities").add_column("minutes", int)
    db.table("sessions").add_column("duration_minutes", int)


@migrations()
def m015_group_top_note(db: Database) -> None:
    # The note a stack was started on, shown on top of it. Note ids no longer tell (notes
    # written in private get random ids, so that they cannot be traced back to a tap).
    db.table("groups").add_column("top_note_id", int)


@migrations()
def m016_preparation_ticks(db: Database) -> None:
    # The facilitator's "Voorbereiding" checklist (issue 19): the keys of the template's
    # preparation items ticked off, a JSON list, kept per session so a reload or a second
    # laptop shows the same ticks.
    db.table("sessions").add_column("preparation", str, not_null_default="[]")


@migrations()
def m017_meeting_clock(db: Database) -> None:
    # The meeting clock (issue 19): when the meeting started (the first participant joined,
    # or the facilitator started the clock), since when each agenda item has been the
    # current one, and the time it was current before (epoch ms; NULL: not started / not current).
    db.table("sessions").add_column("clock_started_ms", int)
    db.table("activities").add_column("since_ms", int)
    db.table("activities").add_column("spent_ms", int, not_null_default=0)


@migrations()
def m018_photos(db: Database) -> None:
    # Photos of paper flip-overs, per agenda item (app/photos.py): the re-encoded JPEG is a
    # file in the session's upload folder (like kennismaken's cards), this row says whose it is.
    db.table("photos").create(
        {
            "id": str,
            "session_code": str,
            "activity_id": int,
            "width": int,
            "height": int,
            "bytes": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("session_code", "sessions", "code"), ("activity_id", "activities", "id")],
        not_null={"session_code", "activity_id", "width", "height", "bytes", "created_at"},
    )
    db.table("photos").create_index(["activity_id"])


@migrations()
def m019_participant_function(db: Database) -> None:
    # A participant's function in the practice (issue 21, app/functions.py): a key such as
    # "huisarts", or NULL when none was given. Only the facilitator sees it per person.
    db.table("participants").add_column("function", str)


@migrations()
def m020_notes_per_author(db: Database) -> None:
    # A phone's post is refused past its per-item limit, counted on every post: with only
    # an index on the activity, that count walked the item's notes (2,000 in a regional
    # meeting: 14 % of a note's CPU in bench/latency.py). The new index serves the activity's
    # own lookups as well, so the old one goes.
    db.table("notes").create_index(["activity_id", "participant_id"], index_name="idx_notes_activity_author")
    db.execute("drop index if exists idx_notes_activity_id")


@migrations()
def m021_session_note_count(db: Database) -> None:
    # The session's cap on notes is checked on every post; count(*) walked every note of the
    # session (3,000 in a regional meeting). SQLite keeps the count itself now, whatever
    # inserts or deletes a note (a post, an erasure, a plugin).
    db.table("sessions").add_column("note_count", int, not_null_default=0)
    db.execute("update sessions set note_count = (select count(*) from notes where notes.session_code = sessions.code)")
    db.execute(
        "create trigger notes_count_insert after insert on notes begin "
        "update sessions set note_count = note_count + 1 where code = new.session_code; end"
    )
    db.execute(
        "create trigger notes_count_delete after delete on notes begin "
        "update sessions set note_count = note_count - 1 where code = old.session_code; end"
    )


class Store:
    """One shared SQLite connection, serialised by a lock.

    A single connection behind a lock works the same under eventlet (where the
    lock is green and the C call never yields) and under real threads (unit
    tests, the threading async mode). Writes are short transactions.
    """

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = int(LOCK_WAIT_SECONDS * 1000)) -> None:
        self.path = str(path)
        # How long a write waits for another process's write lock before "database is
        # locked" (503 to the person who asked).
        self.lock_wait = busy_timeout_ms / 1000
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=busy_timeout_ms / 1000)
        self.db = Database(conn, execute_plugins=False)
        self.lock = threading.RLock()
        if self.path != ":memory:":
            self.db.enable_wal()
        # NORMAL in WAL survives a process crash or SIGKILL; see docs/architecture.md.
        self.db.execute("PRAGMA synchronous=NORMAL")
        # No waiting inside SQLite: its busy handler sleeps in C and, under eventlet, would
        # stop every meeting on the server while one write waits. begin_immediate() waits
        # in Python, where the sleep is green (docs/architecture.md, "Storage").
        self.db.execute("PRAGMA busy_timeout=0")
        self.db.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not just unlinked (docs/privacy.md).
        self.db.execute("PRAGMA secure_delete=ON")
        with self.lock:
            self._migrate()
        self.checkpointer: checkpoint.Checkpointer | None = None

    def checkpoint_in_background(self, interval: float = checkpoint.INTERVAL_SECONDS) -> None:
        """Copy the WAL back into the file on a thread, not inside a note's commit
        (app/checkpoint.py); the commits keep a far larger mark as a backstop."""
        if self.path == ":memory:" or self.checkpointer is not None:
            return
        self.checkpointer = checkpoint.start(self.path, interval)
        with self.lock:
            self.db.execute(f"PRAGMA wal_autocheckpoint={checkpoint.BACKSTOP_PAGES}")

    def _migrate(self) -> None:
        """Apply pending migrations under SQLite's write lock.

        Workers of a scale-out start together on one file: BEGIN IMMEDIATE makes the
        others wait until the first has migrated, then they find nothing pending
        (sqlite-utils turns each migration's own transaction into a savepoint).
        """
        begin_immediate(self.db.conn, self.lock_wait)
        try:
            migrations.apply(self.db)
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.conn.commit()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Hold the lock for one atomic unit of work and yield the database.

        BEGIN IMMEDIATE takes SQLite's write lock up front. With a plain (deferred)
        BEGIN, a transaction that reads and then writes fails at once with "database
        is locked" when another worker process wrote in between; waiting for the lock
        at the start is what the busy timeout can do. Nested calls are savepoints.
        """
        with self.lock:
            conn = self.db.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            begin_immediate(conn, self.lock_wait)
            try:
                yield self.db
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def reading(self) -> Iterator[Database]:
        """Hold the lock while reading, so a read never sees a half-done write."""
        with self.lock:
            yield self.db

    def erase_traces(self) -> bool:
        """After an erase: copy the WAL into the database file and truncate it, so the
        deleted texts no longer sit in old WAL frames (with secure_delete the database
        pages they were on are zeroed). True when done here and now. A reader in another
        worker, or a checkpoint running, can hold the log: then the checkpoint thread
        truncates it as soon as it can (app/checkpoint.py), which may wait for readers
        without stopping the event loop."""
        if self.path == ":memory:":
            return True
        with self.lock:
            for attempt in range(3):
                if attempt:
                    time.sleep(0.01)  # green: a passive checkpoint takes a few ms
                if not self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                    return True
        if self.checkpointer is not None:
            self.checkpointer.truncate_soon()
        else:
            log.warning("The write-ahead log is held by a reader; it keeps erased texts until the next erase.")
        return False

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer = None
        self.db.close()


def begin_immediate(conn: sqlite3.Connection, wait: float | None = None) -> None:
    """BEGIN IMMEDIATE, waiting up to ``wait`` seconds (default LOCK_WAIT_SECONDS) for the
    write lock with ``time.sleep``: green under eventlet, so the server keeps serving
    everything else meanwhile. Raises sqlite3.OperationalError ("database is locked")
    when the lock does not come free in time."""
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    delay = 0.001
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "locked" in str(exc) or "busy" in str(exc)
    )
