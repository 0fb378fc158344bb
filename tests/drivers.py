"""What many tests do the same way: post a note as a phone, authorise as the
facilitator, read a PDF back. One copy, so a change of the wire shape is one edit."""

from __future__ import annotations

import io
import uuid
from typing import Any

from pypdf import PdfReader


def bearer(holder: dict[str, Any] | str) -> dict[str, str]:
    """The Authorization header for a session (its facilitator token), a trajectory
    (its token) or a bare token."""
    token = holder if isinstance(holder, str) else holder.get("facilitator_token") or holder["token"]
    return {"Authorization": f"Bearer {token}"}


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """Every page's text, pages separated by a newline."""
    return "\n".join(pdf_pages(data))


def flat(text: str) -> str:
    """Whitespace collapsed, so a line break in the layout does not split a phrase."""
    return " ".join(text.split())


def note_payload(activity: dict[str, Any] | int, text: str, **extra: Any) -> dict[str, Any]:
    activity_id = activity["id"] if isinstance(activity, dict) else activity
    return {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": text, **extra}


def try_note(client: Any, activity: dict[str, Any] | int, text: str, **extra: Any) -> dict[str, Any]:
    """``note:add`` from a Socket.IO test client; returns the ack, accepted or not."""
    return client.emit("note:add", note_payload(activity, text, **extra), callback=True)


def post_note(client: Any, activity: dict[str, Any] | int, text: str, **extra: Any) -> dict[str, Any]:
    """``note:add`` that must be accepted; returns the stored note."""
    ack = try_note(client, activity, text, **extra)
    assert ack and ack.get("ok"), ack
    return ack["note"]


def pdf_words(data: bytes) -> str:
    """The whole document's text on one line, for phrases that may wrap or cross a page."""
    return flat(pdf_text(data))
