"""The read side of the work-format door: what a plugin may read about one activity.

A work format never gets the raw ``Store``: its hooks get a context. This module
holds the read-only one, :class:`ActivityReader`, handed to ``extra_view`` (by
app/state.py and app/exports.py) and extended by the request context
``app.realtime.EventContext``, which adds the ways to change and announce. Both
are described by the protocols in app/workform.py (``ViewContext``, ``Context``)
and in docs/workforms.md. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from typing import Any

from app import entries as entries_mod
from app import goals as goals_mod
from app import notes as notes_mod
from app import sessions
from app.db import Store
from app.registry import Registry


class ActivityReader:
    """Read-only access to one activity of one session (its notes, entries, the session's
    goals and agenda). Every read is scoped to that session: another session's rows are
    out of reach whatever id a plugin passes."""

    def __init__(self, store: Store, activity: dict[str, Any], registry: Registry | None = None) -> None:
        self._store = store
        self.activity = activity
        self.code: str = activity["session_code"]
        self._registry = registry

    # --- this activity ---
    def notes(self, activity_id: int | None = None) -> list[dict[str, Any]]:
        """The notes of this activity (or of ``activity_id``, another activity of this session),
        in posting order, as stored: authors included, so never send them to clients as they are."""
        if activity_id is None or activity_id == self.activity["id"]:
            return notes_mod.notes_for_activity(self._store, self.activity["id"])
        if self.session_activity(activity_id) is None:
            return []
        return notes_mod.notes_for_activity(self._store, activity_id)

    def note_by_client_id(self, client_id: str) -> dict[str, Any] | None:
        """The note of this session stored under ``client_id`` (any activity, any author), or None."""
        return notes_mod.find_by_client_id(self._store, self.code, client_id)

    def entries(self) -> list[dict[str, Any]]:
        """Everyone's entries of this activity as ``{participant_id, key, value}``, oldest first."""
        return entries_mod.for_activity(self._store, self.activity["id"])

    # --- the session ---
    def session_activity(self, activity_id: object) -> dict[str, Any] | None:
        """Another activity of this session (None when it is not one)."""
        return sessions.get_activity(self._store, self.code, activity_id)

    def activities(self) -> list[dict[str, Any]]:
        """The session's agenda items, in agenda order."""
        return sessions.list_activities(self._store, self.code)

    def goals(self) -> list[dict[str, Any]]:
        """The session goals (app/goals.py), in order."""
        return goals_mod.list_goals(self._store, self.code)

    def language(self) -> str:
        """The session's language (``nl`` or ``en``)."""
        session = sessions.get_session(self._store, self.code)
        return (session or {}).get("locale") or "nl"

    def carried(self) -> dict[str, Any]:
        """What the session took over from its trajectory (``{}`` outside one): ``{"from",
        "goals", "ambition", "actions"}``."""
        session = sessions.get_session(self._store, self.code)
        return sessions.carried(session) if session else {}

    def participant_functions(self) -> dict[int, str]:
        """Participant id → function key (app/functions.py) for those who gave one at join.
        Per person: use it to file what someone posts, never send it to clients as it is."""
        return sessions.participant_functions(self._store, self.code)

    def outcomes(self) -> list[dict[str, Any]]:
        """The outcome lines of the agenda items before this one (see ``ViewContext.outcomes``)."""
        if self._registry is None:
            return []
        from app.report import outcomes

        # Only what came before: a recap cannot sum up an item that has not run, and reading
        # the rest of the meeting for every view of the slide is work nobody sees.
        return outcomes(self._store, self._registry, self.code, before=self.activity["position"])


class SetupContext(ActivityReader):
    """The door while a session is being set up and nobody is connected (``carry_in``):
    read, store notes as the facilitator and the activity's plugin state. Nothing is announced."""

    def set_state(self, state: dict[str, Any]) -> None:
        """Store this activity's plugin state (e.g. what an earlier meeting handed on)."""
        sessions.set_activity_state(self._store, self.activity["id"], state)
        self.activity = {**self.activity, "state": state}

    def add_note(
        self, text: str, *, category: str | None = None, data: dict[str, Any] | None = None, client_id: str
    ) -> dict[str, Any]:
        """Store a facilitator's note in this activity once per ``client_id``; returns the stored row."""
        note, _created = notes_mod.add_note(
            self._store,
            code=self.code,
            activity_id=self.activity["id"],
            participant_id=None,
            client_id=client_id,
            text=text,
            category=category,
            data=data or {},
        )
        return note
