"""+1 support on notes, shared by the work formats whose phones back each other's notes
(`doelstellingen`, `vragen-en-zorgen`).

A +1 is an entry per participant and note (``steun:<note id>``), so a repeated tap never counts
twice and a phone can take its +1 back; boards get counts, never who gave them. Each work format
keeps its own rules for *what* may be supported (own notes, answered items, locked activities).
"""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.workform import Context, participant_event

SUPPORT = "steun:"


def support_key(note_id: int) -> str:
    return f"{SUPPORT}{note_id}"


def wanted(ctx: Context, payload: dict[str, Any]) -> bool:
    """The tap's ``on`` flag: true gives a +1 (the default), false takes it back."""
    on = payload.get("on", True)
    if not isinstance(on, bool):
        ctx.refuse(_("'on' moet waar of onwaar zijn."))
    return on


def supported_note_ids(ctx: Context) -> list[int]:
    """The notes the sender supports, sorted: their own answer, for their ack only."""
    if ctx.participant_id is None:
        return []
    return sorted(
        int(e["key"][len(SUPPORT) :]) for e in ctx.entries(mine=True) if e["key"].startswith(SUPPORT) and e["value"]
    )


class MySupport:
    """Gives a work format the participant event ``mijn-steun``: which notes the sender supports,
    answered only in the ack (a phone that reloads gets its +1s back)."""

    @participant_event("mijn-steun")
    def my_support(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "mine": supported_note_ids(ctx)}
