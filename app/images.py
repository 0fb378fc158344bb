"""Uploaded pictures, re-encoded: kennismaken's own association cards and the photos of
paper flip-overs (app/photos.py) go through the same steps.

Every upload is opened with Pillow behind a pixel limit, re-encoded as a fresh JPEG
(at most ``max_side`` pixels wide or high) and kept without any of the original's
metadata: EXIF (GPS, camera, date), comments and colour profiles are gone. The
decoding is the heavy part: it runs in a child process (:func:`reencode_all` through
``app.blocking.run_heavy``), under a memory and a CPU-time limit.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageOps, UnidentifiedImageError
from werkzeug.exceptions import RequestEntityTooLarge

from app.i18n import _, language

MAX_FILE_BYTES = 5 * 1024 * 1024  # one uploaded file
MAX_FILES_PER_REQUEST = 10
MAX_PIXELS = 40_000_000  # about 8000×5000: larger images are refused before they are decoded
MAX_SIDE = 800  # a card
FORMATS = {"JPEG", "PNG"}
MAX_LABEL = 40


class UploadError(ValueError):
    """An upload refused with a message for the facilitator."""


class UploadRefused(Exception):
    """An upload request refused before any file is decoded (:func:`read_uploads`); the
    caller words it. ``reason`` is ``"request"`` (the body is too large), ``"none"`` (no
    file), ``"count"`` (more than ``MAX_FILES_PER_REQUEST`` files), ``"full"`` (more files
    than ``room``) or ``"file"`` (one file above ``MAX_FILE_BYTES``; ``name`` is its label)."""

    def __init__(self, reason: Literal["request", "none", "count", "full", "file"], name: str = "") -> None:
        super().__init__(reason, name)
        self.reason = reason
        self.name = name


def read_uploads(request: Any, room: int, label: Callable[[int], str]) -> list[tuple[str, bytes]]:
    """The files of a multipart upload (fields ``files`` and ``file``) as ``(label, bytes)``,
    in order, or raise :class:`UploadRefused`. ``room`` is how many more files the caller
    keeps; ``label(number)`` names a file (1-based) whose file name gives no label."""
    request.max_content_length = MAX_FILES_PER_REQUEST * MAX_FILE_BYTES + 64 * 1024
    try:
        files = [f for f in request.files.getlist("files") + request.files.getlist("file") if f and f.filename]
    except RequestEntityTooLarge:
        raise UploadRefused("request") from None
    if not files:
        raise UploadRefused("none")
    if len(files) > MAX_FILES_PER_REQUEST:
        raise UploadRefused("count")
    if len(files) > room:
        raise UploadRefused("full")
    out: list[tuple[str, bytes]] = []
    for number, item in enumerate(files, start=1):
        name = label_from_filename(item.filename, label(number))
        raw = item.stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise UploadRefused("file", name)
        out.append((name, raw))
    return out


def reencode_all(lang: str, raws: list[bytes], max_side: int = MAX_SIDE) -> list[bytes | str]:
    """Every file of one upload in one child process (one start-up, not ten): per file the
    clean JPEG, or the refusal's text. A file too large for the child's memory limit is
    refused on its own; the child's memory goes back to the system when it exits."""
    results: list[bytes | str] = []
    with language(lang):
        for raw in raws:
            try:
                results.append(reencode(raw, max_side))
            except UploadError as exc:
                results.append(str(exc))
            except MemoryError:
                results.append(_("De afbeelding is te groot om te verwerken. Verklein haar en probeer het opnieuw."))
    return results


def reencode(raw: bytes, max_side: int = MAX_SIDE) -> bytes:
    """Return ``raw`` as a clean JPEG (RGB, at most ``max_side`` px, no metadata) or raise UploadError."""
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
            img.draft("RGB", (max_side * 2, max_side * 2))  # JPEG: decode at a smaller scale, cheaply
            # Keep the photo upright before its EXIF goes; broken orientation data: keep it as is.
            with contextlib.suppress(Exception):
                img = ImageOps.exif_transpose(img)  # type: ignore[assignment]  # an Image, upright
            return _clean_jpeg(img, max_side)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(_("De afbeelding heeft te veel pixels (maximaal 40 megapixel).")) from None
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise UploadError(_("Dit bestand is geen (geldige) JPEG- of PNG-afbeelding.")) from None


def _clean_jpeg(img: Image.Image, max_side: int) -> bytes:
    # Shrink first, flatten after: the full-size copies are what a large picture costs in memory.
    transparent = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    wanted = "RGBA" if transparent else "RGB"
    if img.mode != wanted:
        img = img.convert(wanted)
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
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


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height of a JPEG we wrote (only its header is read)."""
    with Image.open(io.BytesIO(data)) as img:
        return img.size


def label_from_filename(filename: str | None, fallback: str) -> str:
    """A readable label from the uploaded file's name ("vuurtoren_2.jpg" → "vuurtoren 2")."""
    stem = Path(filename or "").stem
    words = re.sub(r"[_\-.]+", " ", stem)
    words = "".join(ch for ch in words if ch.isprintable())
    words = " ".join(words.split())[:MAX_LABEL].strip()
    return words or fallback
