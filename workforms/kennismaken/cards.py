"""Pictures a facilitator uploads for one session: their own association cards.

Every upload is opened with Pillow behind a pixel limit, re-encoded as a fresh
JPEG (at most ``MAX_SIDE`` pixels wide or high) and stored without any of the
original's metadata: EXIF (GPS, camera, date), comments and colour profiles are
gone. Files live in the session's upload folder (owned by the core and removed
with the session) with a random id, listed in ``cards.json`` beside them.

The HTTP routes (docs/protocol.md §2) are this format's own (``@http_route`` in
``__init__.py``): ``GET/POST /api/sessions/<code>/cards``,
``GET /api/sessions/<code>/cards/<id>.jpg``, ``DELETE /api/sessions/<code>/cards/<id>``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import threading
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from app.i18n import _, language

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10
MAX_CARDS = 40  # uploaded cards per session
MAX_PIXELS = 40_000_000  # about 8000×5000: larger images are refused before they are decoded
MAX_SIDE = 800
MAX_LABEL = 40
CARD_ID = re.compile(r"^u[0-9a-f]{16}$")
FORMATS = {"JPEG", "PNG"}

# One writer of a session's index at a time (two uploads at once keep both).
index_lock = threading.Lock()


class UploadError(ValueError):
    """An upload refused with a message for the facilitator."""


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


# --- image handling (pure; runs in a child process, app/blocking.py run_heavy) -------


def reencode_all(lang: str, raws: list[bytes]) -> list[bytes | str]:
    """Every file of one upload in one child process (one start-up, not ten): per file the
    clean JPEG, or the refusal's text. A file too large for the child's memory limit is
    refused on its own; the child's memory goes back to the system when it exits."""
    results: list[bytes | str] = []
    with language(lang):
        for raw in raws:
            try:
                results.append(reencode(raw))
            except UploadError as exc:
                results.append(str(exc))
            except MemoryError:
                results.append(_("De afbeelding is te groot om te verwerken. Verklein haar en probeer het opnieuw."))
    return results


def reencode(raw: bytes) -> bytes:
    """Return ``raw`` as a clean JPEG (RGB, at most MAX_SIDE px, no metadata) or raise UploadError."""
    try:
        # Image.open refuses twice Pillow's own pixel limit (DecompressionBombError) and warns
        # above it; our lower limit below refuses every such image before it is decoded.
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in FORMATS:
                raise UploadError(_("Alleen JPEG- of PNG-afbeeldingen zijn toegestaan."))
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise UploadError(_("De afbeelding heeft te veel pixels (maximaal 40 megapixel)."))
            probe.verify()
        with Image.open(io.BytesIO(raw)) as img:
            img.draft("RGB", (MAX_SIDE * 2, MAX_SIDE * 2))  # JPEG: decode at a smaller scale, cheaply
            # Keep the photo upright before its EXIF goes; broken orientation data: keep it as is.
            with contextlib.suppress(Exception):
                img = ImageOps.exif_transpose(img)  # type: ignore[assignment]  # an Image, upright
            return _clean_jpeg(img)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(_("De afbeelding heeft te veel pixels (maximaal 40 megapixel).")) from None
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise UploadError(_("Dit bestand is geen (geldige) JPEG- of PNG-afbeelding.")) from None


def _clean_jpeg(img: Image.Image) -> bytes:
    # Shrink first, flatten after: the full-size copies are what a large picture costs in memory.
    transparent = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    wanted = "RGBA" if transparent else "RGB"
    if img.mode != wanted:
        img = img.convert(wanted)
    img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if transparent:
        flat = Image.new("RGB", img.size, "white")
        flat.paste(img, mask=img.getchannel("A"))
        img = flat
    # A fresh image carries no info dict at all: nothing of the original's metadata can leak.
    clean = Image.new("RGB", img.size)
    clean.paste(img)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def label_from_filename(filename: str | None, fallback: str) -> str:
    """A readable label from the uploaded file's name ("vuurtoren_2.jpg" → "vuurtoren 2")."""
    stem = Path(filename or "").stem
    words = re.sub(r"[_\-.]+", " ", stem)
    words = "".join(ch for ch in words if ch.isprintable())
    words = " ".join(words.split())[:MAX_LABEL].strip()
    return words or fallback
