"""Pictures a facilitator uploads for one session (e.g. their own association cards).

Every upload is opened with Pillow behind a pixel limit, re-encoded as a fresh
JPEG (at most ``MAX_SIDE`` pixels wide or high) and stored without any of the
original's metadata: EXIF (GPS, camera, date), comments and colour profiles are
gone. Files live under ``UPLOADS_DIR/<code>/`` (default: the instance folder's
``uploads/``) with a random id, listed in ``cards.json`` beside them, and are
removed with the session.

HTTP (docs/protocol.md §2): ``GET/POST /api/sessions/<code>/cards``,
``GET /api/sessions/<code>/cards/<id>.jpg``, ``DELETE /api/sessions/<code>/cards/<id>``.
Reading needs only the session code (the board shows the cards anyway);
uploading and deleting need the facilitator token or cookie.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import secrets
import shutil
import threading
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, has_app_context, jsonify, request, send_file
from PIL import Image, ImageOps, UnidentifiedImageError
from werkzeug.exceptions import HTTPException

from app import fanout, sessions
from app.auth import require_facilitator
from app.blocking import run_blocking
from app.codes import normalise_code
from app.context import store
from app.errors import UserError
from app.events import AgendaChanged
from app.i18n import _, current_language, language

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10
MAX_CARDS = 40  # uploaded cards per session
MAX_PIXELS = 40_000_000  # about 8000×5000: larger images are refused before they are decoded
MAX_SIDE = 800
MAX_LABEL = 40
CARD_ID = re.compile(r"^u[0-9a-f]{16}$")
FORMATS = {"JPEG", "PNG"}

bp = Blueprint("uploads", __name__, url_prefix="/api/sessions/<code>/cards")
_index_lock = threading.Lock()
# Where uploads live when no Flask app context is at hand (the PDF is laid out in a
# worker thread under eventlet); a process serves one app, so its folder is known.
_fallback_root: Path | None = None


class UploadError(UserError):
    """An upload refused with a message for the facilitator."""


# --- where files live ----------------------------------------------------------------


def init_app(app: Flask) -> None:
    global _fallback_root
    default = os.environ.get("FLIPOVER_UPLOADS_DIR") or str(Path(app.config["INSTANCE_DIR"]) / "uploads")
    app.config.setdefault("UPLOADS_DIR", default)
    _fallback_root = Path(app.config["UPLOADS_DIR"])
    app.register_blueprint(bp)


def root() -> Path:
    if has_app_context():
        return Path(current_app.config["UPLOADS_DIR"])
    if _fallback_root is None:
        raise RuntimeError("uploads.init_app() has not run")
    return _fallback_root


def _session_dir(code: str) -> Path:
    clean = normalise_code(code)
    if clean is None:
        raise ValueError(f"not a session code: {code!r}")
    return root() / clean


def card_url(code: str, card_id: str) -> str:
    return f"/api/sessions/{code}/cards/{card_id}.jpg"


def list_cards(code: str) -> list[dict[str, str]]:
    """The session's uploaded cards in upload order: ``[{id, label, url}]``."""
    index = _session_dir(code) / "cards.json"
    try:
        rows = json.loads(index.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [{"id": r["id"], "label": r["label"], "url": card_url(code, r["id"])} for r in rows]


def card_path(code: str, card_id: object) -> Path | None:
    """The stored file of an uploaded card, or None (also for anything that is not a card id)."""
    if not isinstance(card_id, str) or not CARD_ID.match(card_id):
        return None
    path = _session_dir(code) / f"{card_id}.jpg"
    return path if path.is_file() else None


def delete_session_files(code: str) -> None:
    """Remove every upload of a session (called when the session is deleted)."""
    clean = normalise_code(code)
    if clean:
        shutil.rmtree(root() / clean, ignore_errors=True)


def _write_index(folder: Path, rows: list[dict[str, str]]) -> None:
    tmp = folder / "cards.json.tmp"
    tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / "cards.json")  # atomic: a reader never sees half a list


def _read_index(folder: Path) -> list[dict[str, str]]:
    try:
        return json.loads((folder / "cards.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []


# --- image handling (pure; runs off the event loop) ---------------------------------


def _reencode_in(lang: str, raw: bytes) -> bytes:
    """reencode() on a worker thread, its refusals in the uploader's language (no request context there)."""
    with language(lang):
        return reencode(raw)


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
                img = ImageOps.exif_transpose(img)
            return _clean_jpeg(img)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(_("De afbeelding heeft te veel pixels (maximaal 40 megapixel).")) from None
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise UploadError(_("Dit bestand is geen (geldige) JPEG- of PNG-afbeelding.")) from None


def _clean_jpeg(img: Image.Image) -> bytes:
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        img = flat
    else:
        img = img.convert("RGB")
    img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
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


# --- HTTP ------------------------------------------------------------------------------


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), status


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    if exc.code == 413:
        return _error(413, _("Te groot: maximaal %(n)s bestanden van 5 MB per keer.", n=MAX_FILES_PER_REQUEST))
    return _error(exc.code or 500, exc.description or exc.name)


def _session(raw_code: str) -> dict[str, Any]:
    code = normalise_code(raw_code)
    session = sessions.get_session(store(), code) if code else None
    if session is None:
        abort(404, description=_("Deze sessie bestaat niet (meer). Controleer de code."))
    return session


def _facilitator_session(raw_code: str) -> dict[str, Any]:
    return require_facilitator(_session(raw_code), request)


def _announce(code: str) -> None:
    """Every client gets the new deck through its activity views (``activity.extra``)."""
    # The deck is shown by every activity that uses it: resend the agenda's views.
    fanout.publish(AgendaChanged(code))


@bp.get("")
def list_uploaded(code: str):
    session = _session(code)
    return jsonify({"cards": list_cards(session["code"]), "max_cards": MAX_CARDS})


@bp.post("")
def upload(code: str):
    """One or more JPEG/PNG files in the multipart field ``files``: all stored, or none."""
    session = _facilitator_session(code)
    code = session["code"]
    request.max_content_length = MAX_FILES_PER_REQUEST * MAX_FILE_BYTES + 64 * 1024
    files = [f for f in request.files.getlist("files") + request.files.getlist("file") if f and f.filename]
    if not files:
        abort(400, description=_("Kies een of meer afbeeldingen (JPEG of PNG)."))
    if len(files) > MAX_FILES_PER_REQUEST:
        abort(400, description=_("Stuur maximaal %(n)s afbeeldingen per keer.", n=MAX_FILES_PER_REQUEST))
    folder = _session_dir(code)
    if len(_read_index(folder)) + len(files) > MAX_CARDS:
        abort(400, description=_("Maximaal %(n)s eigen kaarten per sessie. Verwijder eerst kaarten.", n=MAX_CARDS))
    ready: list[tuple[str, bytes]] = []
    for number, item in enumerate(files, start=1):
        name = label_from_filename(item.filename, _("Eigen kaart %(number)s", number=number))
        raw = item.stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            abort(400, description=_("'%(name)s' is te groot: maximaal 5 MB per afbeelding.", name=name))
        try:
            ready.append((name, run_blocking(_reencode_in, current_language(), raw)))
        except UploadError as exc:
            abort(400, description=_("'%(name)s': %(problem)s Er is niets opgeslagen.", name=name, problem=exc))
    added = []
    with _index_lock:
        folder.mkdir(parents=True, exist_ok=True)
        rows = _read_index(folder)
        if len(rows) + len(ready) > MAX_CARDS:
            abort(400, description=_("Maximaal %(n)s eigen kaarten per sessie. Verwijder eerst kaarten.", n=MAX_CARDS))
        for label, data in ready:
            card_id = "u" + secrets.token_hex(8)
            (folder / f"{card_id}.jpg").write_bytes(data)
            rows.append({"id": card_id, "label": label})
            added.append({"id": card_id, "label": label, "url": card_url(code, card_id)})
        _write_index(folder, rows)
    _announce(code)
    return jsonify({"ok": True, "added": added, "cards": list_cards(code)}), 201


@bp.get("/<card_id>.jpg")
def card_image(code: str, card_id: str):
    session = _session(code)
    path = card_path(session["code"], card_id)
    if path is None:
        abort(404, description=_("Deze kaart bestaat niet (meer)."))
    response = send_file(path, mimetype="image/jpeg", max_age=300)
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.delete("/<card_id>")
def delete_card(code: str, card_id: str):
    session = _facilitator_session(code)
    code = session["code"]
    if card_path(code, card_id) is None:
        abort(404, description=_("Deze kaart bestaat niet (meer)."))
    folder = _session_dir(code)
    with _index_lock:
        _write_index(folder, [r for r in _read_index(folder) if r["id"] != card_id])
        (folder / f"{card_id}.jpg").unlink(missing_ok=True)
    _announce(code)
    return jsonify({"ok": True, "cards": list_cards(code)})
