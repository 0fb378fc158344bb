"""The storage layer on a real SQLite file: migrations, sessions, participants, notes."""

import sqlite3
import threading

import pytest

from app import notes as notes_mod
from app import sessions
from app.db import Store
from app.registry import discover

TABLES = ("sessions", "activities", "participants", "notes")


@pytest.fixture(scope="module")
def registry():
    return discover()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "flipover.db"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


def new_session(store, registry, agenda=None, **kwargs):
    kwargs.setdefault("title", "Kick-off De Linde")
    session, _token = sessions.create_session(store, registry, agenda=agenda or [{"workform": "trots"}], **kwargs)
    return session


def add(store, session, participant_id, client_id, text="Onze triage"):
    activity = sessions.list_activities(store, session["code"])[0]
    return notes_mod.add_note(
        store,
        code=session["code"],
        activity_id=activity["id"],
        participant_id=participant_id,
        client_id=client_id,
        text=text,
        category="trots",
        data={},
    )


def count(store, table, code):
    column = "code" if table == "sessions" else "session_code"
    with store.reading() as db:
        return db[table].count_where(f"{column} = ?", [code])


def test_migrations_create_the_core_tables(store):
    names = set(store.db.table_names())
    assert set(TABLES) <= names
    assert "_sqlite_migrations" in names


def test_store_creates_missing_parent_folder(db_path, store):
    assert db_path.is_file()


def test_wal_mode_is_on(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_and_the_lock_wait_are_set(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # Writes wait for a lock in Python (green under eventlet), not in SQLite's C busy handler.
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 0
    assert store.lock_wait >= 1


def test_reopening_keeps_data_and_applies_migrations_once(db_path, registry):
    first = Store(db_path)
    session = new_session(first, registry)
    participant, token = sessions.join_participant(first, session["code"], token=None, name="Anna")
    add(first, session, participant["id"], "c-1")
    with first.reading() as db:
        applied = db["_sqlite_migrations"].count
    first.close()

    second = Store(db_path)  # a restarted server
    try:
        with second.reading() as db:
            assert db["_sqlite_migrations"].count == applied
        again = sessions.get_session(second, session["code"])
        assert again is not None
        assert again["title"] == "Kick-off De Linde"
        assert again["current_activity_id"] == session["current_activity_id"]
        same, new_token = sessions.join_participant(second, session["code"], token=token, name=None)
        assert same["id"] == participant["id"]
        assert new_token is None
        assert [n["text"] for n in notes_mod.notes_for_session(second, session["code"])] == ["Onze triage"]
    finally:
        second.close()


def test_create_session_stores_the_agenda_in_order(store, registry):
    session = new_session(
        store,
        registry,
        agenda=[
            {"workform": "toelichting", "title": "Welkom", "body": "Doel van vandaag"},
            {"workform": "trots", "prompt": "Waar zijn jullie trots op?"},
        ],
        practice="Huisartsen De Linde",
    )
    activities = sessions.list_activities(store, session["code"])
    assert [(a["workform"], a["position"]) for a in activities] == [("toelichting", 0), ("trots", 1)]
    assert activities[0]["title"] == "Welkom"
    assert activities[0]["body"] == "Doel van vandaag"
    assert activities[1]["title"] == "Trots"  # the workform's Dutch title by default
    assert activities[1]["prompt"] == "Waar zijn jullie trots op?"
    # The handbook's trots: everyone writes a situation, then a named round (H:L2011-2017).
    assert activities[1]["phase"] == "plakken"
    assert activities[1]["anonymous"] is False
    assert session["current_activity_id"] == activities[0]["id"]
    assert session["practice"] == "Huisartsen De Linde"


def test_create_session_keeps_only_a_hash_of_the_facilitator_token(store, registry):
    session, token = sessions.create_session(store, registry, title="X", agenda=[{"workform": "trots"}])
    assert token not in session.values()
    assert sessions.facilitator_ok(session, token)
    assert not sessions.facilitator_ok(session, "wrong")


def test_create_session_refuses_an_empty_title(store, registry):
    with pytest.raises(sessions.SessionError):
        new_session(store, registry, title="   ")


def test_create_session_with_unknown_workform_stores_nothing(store, registry):
    with pytest.raises(sessions.SessionError):
        new_session(store, registry, agenda=[{"workform": "trots"}, {"workform": "bestaat-niet"}])
    with store.reading() as db:
        assert db["sessions"].count == 0
        assert db["activities"].count == 0


def test_join_with_same_token_is_the_same_participant(store, registry):
    session = new_session(store, registry)
    first, token = sessions.join_participant(store, session["code"], token=None, name="Anna")
    assert token
    again, new_token = sessions.join_participant(store, session["code"], token=token, name="Anna B.")
    assert again["id"] == first["id"]
    assert new_token is None
    assert again["name"] == "Anna B."
    assert sessions.participant_count(store, session["code"]) == 1


@pytest.mark.parametrize("token", ["not-a-token-we-issued", "", None, 12345])
def test_join_with_unknown_token_is_a_new_participant(store, registry, token):
    session = new_session(store, registry)
    first, _ = sessions.join_participant(store, session["code"], token=None, name="Anna")
    other, issued = sessions.join_participant(store, session["code"], token=token, name="Bram")
    assert other["id"] != first["id"]
    assert issued and issued != token
    assert sessions.participant_count(store, session["code"]) == 2


def test_token_of_another_session_does_not_carry_over(store, registry):
    one = new_session(store, registry)
    two = new_session(store, registry)
    _, token = sessions.join_participant(store, one["code"], token=None, name="Anna")
    _, issued = sessions.join_participant(store, two["code"], token=token, name="Anna")
    assert issued and issued != token
    assert sessions.participant_count(store, one["code"]) == 1
    assert sessions.participant_count(store, two["code"]) == 1


def test_fifty_simultaneous_joins_are_fifty_participants(store, registry):
    session = new_session(store, registry)
    start = threading.Barrier(50)
    results, errors = [], []

    def join(i):
        try:
            start.wait()
            results.append(sessions.join_participant(store, session["code"], token=None, name=f"Deelnemer {i}"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=join, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert len({p["id"] for p, _ in results}) == 50
    assert len({token for _, token in results}) == 50
    assert sessions.participant_count(store, session["code"]) == 50


def test_add_note_is_idempotent_on_client_id(store, registry):
    session = new_session(store, registry)
    participant, _ = sessions.join_participant(store, session["code"], token=None, name="Anna")
    note, created = add(store, session, participant["id"], "c-1", text="Eerste")
    again, created_again = add(store, session, participant["id"], "c-1", text="Tweede poging")
    assert created is True
    assert created_again is False
    assert again["id"] == note["id"]
    assert again["text"] == "Eerste"
    assert count(store, "notes", session["code"]) == 1


def test_same_client_id_in_two_sessions_is_two_notes(store, registry):
    one, two = new_session(store, registry), new_session(store, registry)
    p1, _ = sessions.join_participant(store, one["code"], token=None, name="A")
    p2, _ = sessions.join_participant(store, two["code"], token=None, name="B")
    first, _ = add(store, one, p1["id"], "same")
    second, created = add(store, two, p2["id"], "same")
    assert created is True
    assert second["id"] != first["id"]


def test_notes_for_session_can_be_limited_to_one_participant(store, registry):
    session = new_session(store, registry)
    anna, _ = sessions.join_participant(store, session["code"], token=None, name="Anna")
    bram, _ = sessions.join_participant(store, session["code"], token=None, name="Bram")
    add(store, session, anna["id"], "a", text="van Anna")
    add(store, session, bram["id"], "b", text="van Bram")
    everything = notes_mod.notes_for_session(store, session["code"])
    only_anna = notes_mod.notes_for_session(store, session["code"], participant_id=anna["id"])
    assert [n["text"] for n in everything] == ["van Anna", "van Bram"]
    assert [n["text"] for n in only_anna] == ["van Anna"]
    assert everything[0]["author_name"] == "Anna"


def test_delete_session_removes_every_row(store, registry):
    keep = new_session(store, registry)
    gone = new_session(store, registry, agenda=[{"workform": "toelichting"}, {"workform": "trots"}])
    for s in (keep, gone):
        p, _ = sessions.join_participant(store, s["code"], token=None, name="Anna")
        activity = next(a for a in sessions.list_activities(store, s["code"]) if a["workform"] == "trots")
        notes_mod.add_note(
            store,
            code=s["code"],
            activity_id=activity["id"],
            participant_id=p["id"],
            client_id="c",
            text="t",
            category=None,
            data={},
        )

    assert sessions.delete_session(store, gone["code"]) is True

    for table in TABLES:
        assert count(store, table, gone["code"]) == 0, table
        assert count(store, table, keep["code"]) >= 1, table
    assert sessions.get_session(store, gone["code"]) is None


def test_delete_unknown_session_says_so(store):
    assert sessions.delete_session(store, "ABC234") is False


def note_count(store, code):
    with store.reading() as db:
        return db.execute("select note_count from sessions where code = ?", [code]).fetchone()[0]


def test_the_session_keeps_its_note_count(store, registry):
    """The session's cap is read from sessions.note_count (one row) rather than counted on
    every post; SQLite's triggers keep it, whoever inserts or deletes a note."""
    one = new_session(store, registry)
    other = new_session(store, registry)
    anna, _ = sessions.join_participant(store, one["code"], token=None, name="Anna")
    bram, _ = sessions.join_participant(store, other["code"], token=None, name="Bram")
    made = [add(store, one, anna["id"], f"c-{i}")[0] for i in range(3)]
    add(store, one, anna["id"], "c-0")  # the same client_id: no second note
    add(store, other, bram["id"], "c-0")
    assert (note_count(store, one["code"]), note_count(store, other["code"])) == (3, 1)
    notes_mod.delete_note(store, made[0]["id"])
    with store.transaction() as db:
        db.execute("delete from notes where id = ?", [made[1]["id"]])
    assert (note_count(store, one["code"]), note_count(store, other["code"])) == (1, 1)


def test_an_older_database_gets_its_note_count_and_the_author_index(db_path, registry):
    """A database from before migration 20 (notes already in it) is counted once on upgrade."""
    from sqlite_utils import Database

    from app.db import migrations

    db_path.parent.mkdir(parents=True)
    older = Database(db_path)
    migrations.apply(older, stop_before="m020_notes_per_author")
    older.close()
    # The same rows an older server would have written: through today's code on that schema.
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "insert into sessions (code, title, facilitator_token_hash, created_at) values ('OLD1', 'Oud', 'x', '2026')"
        )
        conn.execute(
            "insert into activities (session_code, position, workform, title) values ('OLD1', 0, 'trots', 'Trots')"
        )
        for i in range(4):
            conn.execute(
                "insert into notes (session_code, activity_id, client_id, text, created_at) "
                "values ('OLD1', 1, ?, 'Onze triage', '2026')",
                [f"old-{i}"],
            )
    upgraded = Store(db_path)
    try:
        assert note_count(upgraded, "OLD1") == 4
        with upgraded.reading() as db:
            plan = db.execute(
                "explain query plan select count(*) from notes where activity_id = ? and participant_id = ?", [1, 1]
            ).fetchall()
        assert "idx_notes_activity_author" in str(plan)
    finally:
        upgraded.close()
