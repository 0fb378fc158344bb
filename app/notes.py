"""Notes (post-its): validation of the core rules and storage.

One shape everywhere: the dict returned here is what goes on the wire (after
:func:`view_for`) and what the report reads.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from app.clock import now_iso
from app.db import Store
from app.errors import UserError
from app.i18n import _

MAX_TEXT = 280
MAX_CLIENT_ID = 64

# Notes written in a private phase get a random id from this band instead of the next
# number: sequential ids would tell whoever counted the taps during writing which note
# came when (the fifth id is the fifth "send"), and so after the reveal whose it is.
# Open notes keep counting below the band. 2**53 is the largest id JavaScript holds exactly.
SEALED_ID_MIN = 2**50
SEALED_ID_MAX = 2**53 - 2**20


class NoteError(UserError):
    """A note cannot be stored or changed; the message is for the participant."""


def clean_text(text: object) -> str:
    """Apply the core rules to a note's text, or raise NoteError with a Dutch message."""
    if not isinstance(text, str):
        raise NoteError(_("Je post-it heeft geen tekst."))
    # Keep line breaks (people write lists), drop other control characters.
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()
    if not cleaned:
        raise NoteError(_("Je post-it is leeg. Schrijf eerst iets op."))
    if len(cleaned) > MAX_TEXT:
        raise NoteError(
            _("Je post-it is te lang: maximaal %(max)s tekens (nu %(now)s).", max=MAX_TEXT, now=len(cleaned))
        )
    return cleaned


def clean_client_id(client_id: object) -> str:
    if not isinstance(client_id, str) or not client_id or len(client_id) > MAX_CLIENT_ID:
        raise NoteError(_("Ongeldige post-it (de verzendcode ontbreekt)."))
    return client_id


def _row_to_note(row: dict[str, Any], names: dict[int, str] | None = None) -> dict[str, Any]:
    return {
        "id": row["id"],
        "activity_id": row["activity_id"],
        "client_id": row["client_id"],
        "author_id": row["participant_id"],
        "author_name": (names or {}).get(row["participant_id"], row.get("author_name") or ""),
        "text": row["text"],
        "category": row["category"],
        "data": json.loads(row["data"] or "{}"),
        "hidden": bool(row["hidden"]),
        "revealed": bool(row.get("revealed")),
        "group_id": row.get("group_id"),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


_SELECT = (
    "select notes.*, participants.name as author_name from notes "
    "left join participants on participants.id = notes.participant_id "
)


def find_by_client_id(store: Store, code: str, client_id: str) -> dict[str, Any] | None:
    with store.reading() as db:
        rows = list(db.query(_SELECT + "where notes.session_code = ? and notes.client_id = ?", [code, client_id]))
    return _row_to_note(rows[0]) if rows else None


def get_note(store: Store, code: str, note_id: object) -> dict[str, Any] | None:
    if not isinstance(note_id, int) or isinstance(note_id, bool):
        return None
    with store.reading() as db:
        rows = list(db.query(_SELECT + "where notes.session_code = ? and notes.id = ?", [code, note_id]))
    return _row_to_note(rows[0]) if rows else None


def count_by_author(store: Store, activity_id: int, participant_id: int) -> int:
    # A plain statement: sqlite-utils' count_where() builds its query through the table object.
    with store.reading() as db:
        row = db.execute(
            "select count(*) from notes where activity_id = ? and participant_id = ?", [activity_id, participant_id]
        ).fetchone()
    return int(row[0])


_NOTE_COLUMNS = (
    "session_code", "activity_id", "participant_id", "client_id", "text", "category", "data", "hidden",
    "revealed", "created_at", "updated_at",
)  # fmt: skip
_INSERT_NOTE = f"insert into notes (id, {', '.join(_NOTE_COLUMNS)}) values (?{', ?' * len(_NOTE_COLUMNS)})"


def add_note(
    store: Store,
    *,
    code: str,
    activity_id: int,
    participant_id: int | None,
    client_id: str,
    text: str,
    category: str | None,
    data: dict[str, Any],
    revealed: bool = True,
) -> tuple[dict[str, Any], bool]:
    """Store a note once per client_id. Returns (note, created).

    A note stored ``revealed=False`` (private writing) gets a random id in the sealed
    band; any other note the next id below it (see ``SEALED_ID_MIN``).
    """
    now = now_iso()
    row = {
        "session_code": code,
        "activity_id": activity_id,
        "participant_id": participant_id,
        "client_id": client_id,
        "text": text,
        "category": category,
        "data": json.dumps(data),
        "hidden": 0,
        "revealed": int(revealed),
        "created_at": now,
        "updated_at": now,
    }
    for _attempt in range(5):
        try:
            with store.transaction() as db:
                if revealed:
                    below = db.execute("select max(id) from notes where id < ?", [SEALED_ID_MIN]).fetchone()[0]
                    pk = (below or 0) + 1
                else:
                    pk = SEALED_ID_MIN + secrets.randbelow(SEALED_ID_MAX - SEALED_ID_MIN)
                # A plain statement: sqlite-utils' insert() first reads the table's schema
                # (several statements), 6 % of a note's CPU at 200 notes/s (py-spy).
                db.execute(_INSERT_NOTE, [pk, *(row[c] for c in _NOTE_COLUMNS)])
            break
        except sqlite3.IntegrityError:
            existing = find_by_client_id(store, code, client_id)
            if existing is not None:
                return existing, False
            # Not the client_id: the id was taken (a random one met another, or a concurrent
            # insert took the next number). Draw again.
    else:  # pragma: no cover - five collisions in a 2**52 band
        raise RuntimeError("no free note id")
    note = get_note(store, code, pk)
    assert note is not None
    return note, True


def update_note(store: Store, code: str, note: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Apply already-validated changes (text, hidden, data) and return the stored note."""
    row: dict[str, Any] = {"updated_at": now_iso()}
    if "text" in changes:
        row["text"] = changes["text"]
    if "category" in changes:
        row["category"] = changes["category"]
    if "hidden" in changes:
        row["hidden"] = int(bool(changes["hidden"]))
    if "revealed" in changes:
        row["revealed"] = int(bool(changes["revealed"]))
    if "data" in changes:
        row["data"] = json.dumps(changes["data"])
    with store.transaction() as db:
        db.table("notes").update(note["id"], row)
    updated = get_note(store, code, note["id"])
    assert updated is not None
    return updated


def written_in_private(note: dict[str, Any]) -> bool:
    """Whether a note was written sealed, in a private phase (its id is in the sealed band)."""
    return bool(note["id"] >= SEALED_ID_MIN)


def reveal_all(store: Store, activity_id: int) -> None:
    """End of private writing: every note of the activity is on the board for good."""
    with store.transaction() as db:
        db.execute("update notes set revealed = 1 where activity_id = ?", [activity_id])


def delete_note(store: Store, note_id: int) -> None:
    with store.transaction() as db:
        db.execute("delete from votes where note_id = ?", [note_id])
        db.execute("delete from notes where id = ?", [note_id])


def notes_for_session(store: Store, code: str, *, participant_id: int | None = None) -> list[dict[str, Any]]:
    """All notes of a session in posting order, or only one participant's."""
    sql = _SELECT + "where notes.session_code = ?"
    params: list[Any] = [code]
    if participant_id is not None:
        sql += " and notes.participant_id = ?"
        params.append(participant_id)
    with store.reading() as db:
        return [_row_to_note(r) for r in db.query(sql + " order by notes.id", params)]


def notes_for_activity(store: Store, activity_id: int) -> list[dict[str, Any]]:
    """One activity's notes in posting order (uses the index on ``activity_id``)."""
    with store.reading() as db:
        rows = db.query(_SELECT + "where notes.activity_id = ? order by notes.id", [activity_id])
        return [_row_to_note(r) for r in rows]


def view_for(
    note: dict[str, Any],
    *,
    anonymous: bool,
    viewer: str,
    viewer_id: int | None = None,
    private: bool = False,
    always: bool = False,
) -> dict[str, Any]:
    """The note as one kind of viewer may see it.

    ``viewer`` is ``board``, ``facilitator`` or ``participant``. Names reach the
    board only where the activity is not anonymous; the facilitator always sees
    them, unless ``always`` (a work format that is anonymous for everyone,
    ``Workform.always_anonymous``); the author always sees their own note
    marked ``mine``; the board never receives the text of a hidden note, nor of
    a ``sealed`` one (written in a private phase and not yet revealed), of which
    it may only count the category. The board's views carry no times (``created_at``
    and ``updated_at`` are None): a time to the millisecond ties a note to the moment
    someone was seen to tap "send".

    Sealed notes are not sent to boards at all (see :func:`for_board`): the board gets
    their number per category (:func:`sealed_counts`) and the notes once revealed.
    """
    out = dict(note)
    out["sealed"] = private and not note["revealed"]
    if viewer == "participant":
        mine = viewer_id is not None and note["author_id"] == viewer_id
    else:
        # Notes the facilitators post themselves have no participant author.
        mine = viewer == "facilitator" and note["author_id"] is None
    # Anonymity protects people from the room and the report; the facilitator always sees authors.
    if (anonymous and not mine and viewer != "facilitator") or (always and not mine):
        out["author_name"] = ""
        out["author_id"] = None
    out["mine"] = mine
    if not mine:
        out["client_id"] = None
    if viewer == "board":
        out["created_at"] = out["updated_at"] = None
    if viewer == "board" and (note["hidden"] or out["sealed"]):
        out["text"] = ""
        out["data"] = {}
        if out["sealed"]:
            out["author_name"] = ""
            out["author_id"] = None
    return out


def for_board(note: dict[str, Any], *, anonymous: bool, private: bool, always: bool = False) -> dict[str, Any] | None:
    """The board's view of a note, or None while it is sealed: then the board (and any
    phone) may know only that it exists, through :func:`sealed_counts`."""
    view = view_for(note, anonymous=anonymous, private=private, viewer="board")
    return None if view["sealed"] else view


def sealed_counts(store: Store, activity_id: int) -> dict[str, Any]:
    """How many notes of an activity are still sealed (not hidden), in all and per category
    (``""`` for notes without one): all the board shows of private writing."""
    with store.reading() as db:
        rows = db.execute(
            "select coalesce(category, ''), count(*) from notes "
            "where activity_id = ? and revealed = 0 and hidden = 0 group by 1",
            [activity_id],
        ).fetchall()
    by_category = {category: count for category, count in rows}
    return {"total": sum(by_category.values()), "by_category": by_category}
