"""Pictures a facilitator uploads for one session: their own association cards.

Every upload is re-encoded by the core (app/images.py: Pillow behind a pixel limit, a
fresh JPEG at most ``MAX_SIDE`` pixels wide or high) and stored without any of the
original's metadata: EXIF (GPS, camera, date), comments and colour profiles are
gone. Files live in the session's upload folder (owned by the core and removed
with the session) with a random id, listed in ``cards.json`` beside them.

The HTTP routes (docs/protocol.md §2) are this format's own (``@http_route`` in
``__init__.py``): ``GET/POST /api/sessions/<code>/cards``,
``GET /api/sessions/<code>/cards/<id>.jpg``, ``DELETE /api/sessions/<code>/cards/<id>``.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

# The re-encoding is the core's (app/images.py through the door), shared with the photos of
# paper flip-overs; re-exported here: the routes and the tests use cards.*.
from app.workform import uploaded_images

FORMATS = uploaded_images.FORMATS
MAX_FILE_BYTES = uploaded_images.MAX_FILE_BYTES
MAX_FILES_PER_REQUEST = uploaded_images.MAX_FILES_PER_REQUEST
MAX_LABEL = uploaded_images.MAX_LABEL
MAX_PIXELS = uploaded_images.MAX_PIXELS
MAX_SIDE = uploaded_images.MAX_SIDE
UploadError = uploaded_images.UploadError
label_from_filename = uploaded_images.label_from_filename
reencode = uploaded_images.reencode
reencode_all = uploaded_images.reencode_all

MAX_CARDS = 40  # uploaded cards per session
CARD_ID = re.compile(r"^u[0-9a-f]{16}$")

# One writer of a session's index at a time (two uploads at once keep both).
index_lock = threading.Lock()


def card_url(code: str, card_id: str) -> str:
    return f"/api/sessions/{code}/cards/{card_id}.jpg"


def list_cards(code: str, folder: Path) -> list[dict[str, str]]:
    """The session's uploaded cards in upload order: ``[{id, label, url}]``."""
    return [{"id": r["id"], "label": r["label"], "url": card_url(code, r["id"])} for r in read_index(folder)]


def card_path(folder: Path, card_id: object) -> Path | None:
    """The stored file of an uploaded card, or None (also for anything that is not a card id)."""
    if not isinstance(card_id, str) or not CARD_ID.match(card_id):
        return None
    path = folder / f"{card_id}.jpg"
    return path if path.is_file() else None


def write_index(folder: Path, rows: list[dict[str, str]]) -> None:
    tmp = folder / "cards.json.tmp"
    tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / "cards.json")  # atomic: a reader never sees half a list


def read_index(folder: Path) -> list[dict[str, str]]:
    try:
        return json.loads((folder / "cards.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
