"""The meeting as a whole, for an explicit actor: its goals and ambition, its language,
ended or open.

Like app/agenda.py: facilitator-only rules live here, storage in app/goals.py and
app/sessions.py, and each function returns its result with the typed events to
publish; the transport publishes and acks. Plain Python: no Flask, no Socket.IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import agenda_templates, sessions
from app import goals as goals_mod
from app import timer as timer_mod
from app.db import Store
from app.events import (
    ActivityUpdated,
    AgendaChanged,
    Event,
    GoalsChanged,
    PreparationChanged,
    SessionEnded,
    SessionLanguageChanged,
)
from app.i18n import _
from app.i18n import clean as clean_language
from app.posting import Actor, Refused, require_facilitator
from app.registry import Registry


@dataclass
class Done:
    value: Any  # what the ack carries back (the goal, the ambition, the language, ...)
    events: list[Event] = field(default_factory=list)


def _goals_changed(code: str) -> list[Event]:
    # Work formats may show goals in their extra view (e.g. kernwoorden), so those follow.
    return [GoalsChanged(code), AgendaChanged(code)]


def add_goal(store: Store, actor: Actor, title: object, data: dict[str, Any] | None = None) -> Done:
    require_facilitator(actor)
    goal = goals_mod.add_goal(store, actor.code, title, data)
    return Done(goal, _goals_changed(actor.code))


def update_goal(store: Store, actor: Actor, goal_id: object, changes: dict[str, Any]) -> Done:
    """Rename and/or move a goal (the keys ``title`` and ``position`` present)."""
    require_facilitator(actor)
    goal = goals_mod.require_goal(store, actor.code, goal_id)
    if "title" in changes:
        goal = goals_mod.rename_goal(store, actor.code, goal["id"], changes["title"])
    if "position" in changes:
        goals_mod.move_goal(store, actor.code, goal["id"], changes["position"])
        goal = goals_mod.require_goal(store, actor.code, goal["id"])
    return Done(goal, _goals_changed(actor.code))


def delete_goal(store: Store, actor: Actor, goal_id: object) -> Done:
    require_facilitator(actor)
    goals_mod.delete_goal(store, actor.code, goal_id)
    return Done(None, _goals_changed(actor.code))


def set_ambition(store: Store, actor: Actor, text: object) -> Done:
    require_facilitator(actor)
    ambition = goals_mod.set_ambition(store, actor.code, text)
    return Done(ambition, _goals_changed(actor.code))


def set_ended(store: Store, actor: Actor, ended: object) -> Done:
    """End the meeting (phones show the thank-you) or reopen it."""
    require_facilitator(actor)
    if not isinstance(ended, bool):
        raise Refused(_("'ended' moet waar of onwaar zijn (en alleen)."))
    sessions.set_ended(store, actor.code, ended)
    # The meeting clock stops with the meeting and counts on when it is reopened.
    (sessions.stop_clock if ended else sessions.resume_clock)(store, actor.code, timer_mod.now_ms())
    return Done(ended, [SessionEnded(actor.code, ended), *_clock_moved(store, actor.code)])


def _clock_moved(store: Store, code: str) -> list[Event]:
    # Only the current item's actual time changed: board and facilitators get its view;
    # phones none (the actual time is not in theirs).
    session = sessions.get_session(store, code)
    if session is None or session["clock_started_ms"] is None or session["current_activity_id"] is None:
        return []
    return [ActivityUpdated(code, session["current_activity_id"])]


def start_clock(store: Store, actor: Actor, now_ms: int | None = None) -> Done:
    """The facilitator (re)starts the meeting clock now: the plan's "0:00" is this moment
    and the time counted per agenda item starts afresh."""
    require_facilitator(actor)
    now = timer_mod.now_ms() if now_ms is None else now_ms
    sessions.start_clock(store, actor.code, now, restart=True)
    return Done(now, [AgendaChanged(actor.code)])


def clock_on_join(store: Store, code: str, now_ms: int | None = None) -> list[Event]:
    """The first participant to join starts the meeting clock (the room is there); later
    joins change nothing."""
    now = timer_mod.now_ms() if now_ms is None else now_ms
    return _clock_moved(store, code) if sessions.start_clock(store, code, now) else []


def tick_preparation(store: Store, actor: Actor, key: object, done: object) -> Done:
    """Tick an item of the template's "Voorbereiding" checklist off (``done`` true) or on again."""
    require_facilitator(actor)
    if not isinstance(done, bool):
        raise Refused(_("'done' moet waar of onwaar zijn."))
    session = sessions.get_session(store, actor.code)
    if session is None or key not in agenda_templates.preparation_keys(session.get("template")):
        raise Refused(_("Dit punt staat niet op de voorbereidingslijst van deze bijeenkomst."))
    ticks = sessions.tick_preparation(store, actor.code, str(key), done)
    return Done(ticks, [PreparationChanged(actor.code, tuple(ticks))])


def set_language(store: Store, registry: Registry, actor: Actor, language: object) -> Done:
    """Switch the session language; default titles and prompts follow it."""
    require_facilitator(actor)
    lang = clean_language(language)
    if lang is None:
        raise Refused(_("'language' moet 'nl' of 'en' zijn."))
    sessions.set_language(store, registry, actor.code, lang)
    return Done(lang, [AgendaChanged(actor.code), SessionLanguageChanged(actor.code, lang)])
