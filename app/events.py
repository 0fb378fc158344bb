"""Typed change events: what changed in a session, said once, without saying who hears it.

Handlers and routes describe a change with one of these and hand it to
:func:`app.fanout.publish`; the fan-out module alone decides which rooms get
which view (see docs/architecture.md, "Fan-out"). Events carry ids and the
already-stored rows they are about, never views: views are computed by the
fan-out, per audience, when the event is delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NoteAdded:
    """A new note was stored. ``note`` is the stored row (author included)."""

    note: dict[str, Any]
    activity: dict[str, Any]


@dataclass(frozen=True)
class NoteUpdated:
    note: dict[str, Any]
    activity: dict[str, Any]


@dataclass(frozen=True)
class NoteDeleted:
    """``author_id`` is kept so the author's other devices can drop it too."""

    code: str
    note_id: int
    activity_id: int
    author_id: int | None


@dataclass(frozen=True)
class NotesRegrouped:
    """What board and facilitators may see of one activity's notes changed as a whole
    (regrouping, a reveal at the end of a private phase, anonymity switched)."""

    activity: dict[str, Any]


@dataclass(frozen=True)
class ActivityUpdated:
    """One activity's view changed (phase, lock, texts, plugin state, votes). Repeated
    updates of one activity within one request are delivered once."""

    code: str
    activity_id: int


@dataclass(frozen=True)
class AgendaChanged:
    """The agenda as a whole changed: the current item, items added, removed or
    reordered, the language of default titles, or session goals some views show."""

    code: str


@dataclass(frozen=True)
class TimerChanged:
    code: str
    activity_id: int
    timer: dict[str, Any] | None  # already the client view (app.timer.view)


@dataclass(frozen=True)
class PhotosChanged:
    """The photos of one agenda item changed (added or removed, app/photos.py)."""

    code: str
    activity_id: int


@dataclass(frozen=True)
class SpotlightChanged:
    code: str


@dataclass(frozen=True)
class VotesProgress:
    code: str
    activity_id: int


@dataclass(frozen=True)
class GoalsChanged:
    code: str


@dataclass(frozen=True)
class PresenceChanged:
    code: str
    # The participant whose join caused it: facilitators get that one person, not the list.
    participant_id: int | None = None


@dataclass(frozen=True)
class SessionLanguageChanged:
    code: str
    language: str


@dataclass(frozen=True)
class BoardPageTurned:
    """The facilitator turns the board's page (a full wall that pages); +1 or -1."""

    code: str
    step: int


@dataclass(frozen=True)
class SessionEnded:
    """The facilitator closed (or reopened) the meeting."""

    code: str
    ended: bool


@dataclass(frozen=True)
class PreparationChanged:
    """The facilitator ticked an item of the "Voorbereiding" checklist (or took the tick back);
    ``ticked`` are the keys now ticked. Only facilitators hear it."""

    code: str
    ticked: tuple[str, ...]


@dataclass(frozen=True)
class SessionDeleted:
    code: str


Event = (
    NoteAdded
    | NoteUpdated
    | NoteDeleted
    | NotesRegrouped
    | ActivityUpdated
    | AgendaChanged
    | TimerChanged
    | SpotlightChanged
    | PhotosChanged
    | VotesProgress
    | GoalsChanged
    | PresenceChanged
    | SessionLanguageChanged
    | SessionDeleted
    | SessionEnded
    | BoardPageTurned
    | PreparationChanged
)
