"""Photos of paper flip-overs, per agenda item (issue 20 part 5).

Many facilitators still write some parts on paper ("Niet vergeten: per doelstelling een
foto maken van de flipover!"). The facilitator adds photos of those sheets to any agenda
item, from the laptop or the phone's camera; the board shows one large on request (the
spotlight: ``{"activity_id", "photo_id"}``), and the report puts them in the item's
section. A core feature, not a work format's: every item can have photos.

Every photo goes through the same pipeline as kennismaken's own cards: the upload rate
per address and the free disk (``limits.admit("uploads")``), at most 5 MB and 40
megapixels per file, re-encoded without metadata in a child process
(``app.images.reencode_all`` through ``app.blocking.run_heavy``), and the session's cap on
uploaded bytes (the files share the session's upload folder, ``uploads/<code>/photos/``).
A row in ``photos`` (m018) says whose a file is; both go with the session
(``sessions.delete_session``, ``uploads.delete_session_files``; the retention sweep).

HTTP (app/api_photos.py, docs/protocol.md §2b), under ``/api/sessions/<code>/activities/<activity_id>/photos``:
``GET`` the item's photos, ``POST`` (facilitator) multipart ``files``, ``GET <id>.jpg`` the
JPEG, ``DELETE <id>`` (facilitator). A change goes to board and facilitators as
``photos:changed`` ``{activity_id, photos}`` (that item's list only; phones get nothing).
The JPEG is readable with the session's code, through the join guard, as the board is:
the board is opened with the code alone and shows the photo anyway.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

from app import images, uploads
from app.clock import now_iso
from app.db import Store

MAX_SIDE = 1600  # a flip-over's handwriting stays readable on the board and in the report
MAX_PER_ITEM = 20
PHOTO_ID = re.compile(r"^f[0-9a-f]{16}$")
FOLDER = "photos"

# --- storage ---------------------------------------------------------------------------------------


def photo_url(code: str, activity_id: int, photo_id: str) -> str:
    return f"/api/sessions/{code}/activities/{activity_id}/photos/{photo_id}.jpg"


def folder(code: str) -> Path:
    return uploads.session_dir(code) / FOLDER


def photo_path(code: str, photo_id: str) -> Path:
    return folder(code) / f"{photo_id}.jpg"


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with store.reading() as db:
        cursor = db.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def for_activity(store: Store, activity_id: int) -> list[dict[str, Any]]:
    """An item's photos in the order they were added."""
    return _rows(store, "select * from photos where activity_id = ? order by rowid", [activity_id])


def for_session(store: Store, code: str) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for row in _rows(store, "select * from photos where session_code = ? order by rowid", [code]):
        out.setdefault(row["activity_id"], []).append(row)
    return out


def get(store: Store, code: str, activity_id: int, photo_id: object) -> dict[str, Any] | None:
    if not isinstance(photo_id, str) or not PHOTO_ID.match(photo_id):
        return None
    rows = _rows(
        store,
        "select * from photos where id = ? and session_code = ? and activity_id = ?",
        [photo_id, code, activity_id],
    )
    return rows[0] if rows else None


def view(code: str, row: dict[str, Any], number: int) -> dict[str, Any]:
    return {
        "id": row["id"],
        "number": number,
        "url": photo_url(code, row["activity_id"], row["id"]),
        "width": row["width"],
        "height": row["height"],
    }


def views(code: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [view(code, row, number) for number, row in enumerate(rows, start=1)]


def session_views(store: Store, code: str) -> dict[str, list[dict[str, Any]]]:
    """Every item's photos for the page state, keyed by activity id (as text: JSON)."""
    return {str(aid): views(code, rows) for aid, rows in for_session(store, code).items()}


def add(store: Store, code: str, activity_id: int, jpegs: list[bytes]) -> list[dict[str, Any]]:
    """Store the re-encoded photos: the files first, then their rows (a crash leaves at most
    an unlisted file in the session's folder, erased with it)."""
    target = folder(code)
    target.mkdir(parents=True, exist_ok=True)
    rows = []
    for data in jpegs:
        width, height = images.jpeg_size(data)
        photo_id = "f" + secrets.token_hex(8)
        (target / f"{photo_id}.jpg").write_bytes(data)
        rows.append(
            {
                "id": photo_id,
                "session_code": code,
                "activity_id": activity_id,
                "width": width,
                "height": height,
                "bytes": len(data),
                "created_at": now_iso(),
            }
        )
    with store.transaction() as db:
        db.table("photos").insert_all(rows)
    return rows


def remove(store: Store, code: str, photo_id: str) -> None:
    with store.transaction() as db:
        db.execute("delete from photos where id = ? and session_code = ?", [photo_id, code])
    photo_path(code, photo_id).unlink(missing_ok=True)
