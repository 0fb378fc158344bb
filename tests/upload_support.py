"""Shared pieces of the upload tests: kennismaken's own cards and the photos of paper
flip-overs go through one reader and one pipeline (app/images.py), and their tests make
the same pictures and send them the same ways — a multipart body for the test client,
a page's file input in the browser (tests/browser_support.py has the server for those).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}


def encoded(img: Image.Image, fmt: str = "PNG", **options: Any) -> bytes:
    """The file an image saves to (``options`` as for ``Image.save``)."""
    out = io.BytesIO()
    img.save(out, fmt, **options)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (60, 40), colour: Any = "red", mode: str = "RGB") -> bytes:
    return encoded(Image.new(mode, size, colour))


def jpeg_with_gps(size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A phone's photo: EXIF with the camera, the date and a GPS position, and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 30.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 10.0)
    return encoded(Image.new("RGB", size, "blue"), "JPEG", exif=exif, comment=b"secret comment")


def multipart(*files: tuple[str, bytes]) -> dict[str, Any]:
    """``(name, bytes)`` files in the multipart field ``files``, as keyword arguments for the
    test client's ``post``. Encoded here: the test client spools a large multipart body to a
    temporary file it never closes."""
    boundary, body = encode_multipart(MultiDict([("files", FileStorage(io.BytesIO(raw), name)) for name, raw in files]))
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def fetch(client: Any, url: str) -> tuple[int, str, bytes]:
    """GET a file and close the response (file responses keep the file open until closed)."""
    with client.get(url) as response:
        return response.status_code, response.mimetype, response.data


def choose_files(page: Any, selector: str, *files: tuple[str, bytes]) -> None:
    """Pick ``(name, bytes)`` files (.png or .jpg) in a page's file input, as a person would."""
    chosen = [{"name": name, "mimeType": MIME_TYPES[Path(name).suffix], "buffer": raw} for name, raw in files]
    page.set_input_files(selector, chosen)
