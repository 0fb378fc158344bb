"""Werkvorm `kernwoorden`: three keywords per goal (WORKFORMS.md §5).

The handbook: "Ga met elkaar in gesprek over de doelstellingen: wat betekent
deze doelstelling? Neem per doelstelling 5 minuten om gezamenlijk te komen tot
een drietal kernwoorden." The board walks through the session goals one at a
time (the current goal id lives in the activity state; the facilitator moves
it and restarts the core timer); phones post green keyword proposals for the
current goal; an identical proposal (case and spaces ignored) is stacked onto
the first one automatically; the facilitator keeps at most ``limit`` (3) per
goal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.platypus import Paragraph

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.report import text as escape_text
from app.workform import STEMMEN, Category, Context, Phase, ViewContext, Workform, facilitator_event

DEFAULT_LIMIT = 3
DEFAULT_MINUTES = 5
MAX_LIMIT = 10
MAX_KEYWORD = 60


def is_id(value: object) -> bool:
    """A database id as JSON gives it: an int, and not a bool (True == 1 in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def normalised(text: str) -> str:
    """What makes two proposals 'the same keyword': case and whitespace do not count."""
    return " ".join(text.split()).casefold()


def current_goal(state: dict[str, Any], goals: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The goal on the board: the stored one if it still exists, else the first."""
    chosen = next((g for g in goals if g["id"] == state.get("goal_id")), None)
    return chosen or (goals[0] if goals else None)


def limit_of(state: dict[str, Any]) -> int:
    value = state.get("limit")
    return value if isinstance(value, int) and 1 <= value <= MAX_LIMIT else DEFAULT_LIMIT


def minutes_of(state: dict[str, Any]) -> int:
    value = state.get("minutes")
    return value if isinstance(value, int) and 1 <= value <= 60 else DEFAULT_MINUTES


def kept_by_goal(notes: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Kept keyword notes per goal id, oldest first (used by processen-en-acties too)."""
    out: dict[int, list[dict[str, Any]]] = {}
    for note in sorted(notes, key=lambda n: n["id"]):
        if note["data"].get("kept") and not note.get("hidden"):
            out.setdefault(note["data"].get("goal_id"), []).append(note)
    return out


class Kernwoorden(Workform):
    slug = "kernwoorden"
    title = {"nl": "Kernwoorden", "en": "Keywords"}
    description = _l("Per doelstelling vijf minuten: wat betekent deze doelstelling? Kies samen drie kernwoorden.")
    default_prompt = _l("Wat betekent deze doelstelling? Kom samen tot een drietal kernwoorden.")
    phases = (
        Phase(
            "plakken",
            _l("Kernwoorden voorstellen"),
            minutes=DEFAULT_MINUTES,
            # H:L2188-2190, H:L2192-2194 and H:L2196-2198 (Gezamenlijke opdracht)
            instruction=_l(
                "Ga met elkaar in gesprek over de doelstellingen: wat betekent deze doelstelling?\n"
                "Neem per doelstelling 5 minuten om gezamenlijk te komen tot een drietal kernwoorden.\n"
                "Schrijf deze drie kernwoorden op een van de groene post-its en plak ze op de flip-over van de "
                "betreffende doelstelling"
            ),
        ),
        # app's own step and text: the handbook chooses the keywords together, the dots are an option.
        replace(
            STEMMEN,
            optional=True,
            instruction=_l("Laat iedereen met stippen aangeven welke voorstellen het best bij de doelstelling passen."),
        ),
        Phase(
            "bespreken",
            _l("Kernwoorden kiezen"),
            posting=False,
            # H:L2200-2202
            instruction=_l("Formuleer drie kernwoorden op basis van de doelstellingen"),
        ),
    )
    categories = (Category("kernwoord", _l("Kernwoord"), "groen"),)
    max_notes_per_participant = 40
    composer_hint = _l("Eén kernwoord per post-it. Noem geen namen of gegevens van patiënten.")

    def validate(self, text: str, category: str | None, data: object, ctx: Context) -> tuple[str | None, dict]:
        # An edit of the text (note:update, the default validate_edit) keeps the goal as it was.
        goals = ctx.goals()
        if not goals:
            return _("Er zijn nog geen doelstellingen. De begeleider maakt ze eerst aan."), {}
        goal_id = data.get("goal_id") if isinstance(data, dict) else None
        if goal_id is None:
            goal_id = current_goal(ctx.state(), goals)["id"]  # type: ignore[index]
        if not is_id(goal_id) or not any(g["id"] == goal_id for g in goals):
            return _("Deze doelstelling bestaat niet in deze bijeenkomst."), {}
        if len(text) > MAX_KEYWORD:
            return _("Een kernwoord is kort: maximaal %(max)s tekens.", max=MAX_KEYWORD), {}
        return None, {"goal_id": goal_id}

    def note_added(self, note: dict[str, Any], ctx: Context) -> None:
        """Stack an identical proposal for the same goal onto the first one."""
        key = normalised(note["text"])
        for other in sorted(ctx.notes(), key=lambda n: n["id"]):
            if (
                other["id"] != note["id"]
                and not other["hidden"]
                and other["data"].get("goal_id") == note["data"].get("goal_id")
                and normalised(other["text"]) == key
            ):
                ctx.stack(note, other)
                return

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = activity.get("state") or {}
        goals = view.goals()
        goal = current_goal(state, goals)
        return {
            "goal_id": goal["id"] if goal else None,
            "index": goals.index(goal) if goal else None,
            "total": len(goals),
            "limit": limit_of(state),
            "minutes": minutes_of(state),
        }

    # --- facilitator ----------------------------------------------------------

    @facilitator_event("doel")
    def goto_goal(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Put a goal on the board: ``goal_id``, or ``step`` +1/-1 from the current one."""
        goals = ctx.goals()
        state = ctx.state()
        if not goals:
            ctx.refuse(_("Er zijn nog geen doelstellingen."))
        if payload.get("goal_id") is not None:
            goal = next((g for g in goals if is_id(payload["goal_id"]) and g["id"] == payload["goal_id"]), None)
            if goal is None:
                ctx.refuse(_("Deze doelstelling bestaat niet in deze bijeenkomst."))
        else:
            step = payload.get("step")
            if step not in (1, -1):
                ctx.refuse(_("Kies de volgende (1) of vorige (-1) doelstelling."))
            shown = current_goal(state, goals)
            index = (goals.index(shown) if shown else -1) + step
            if not 0 <= index < len(goals):
                ctx.refuse(_("Dit was de laatste doelstelling.") if step == 1 else _("Dit is de eerste doelstelling."))
            goal = goals[index]
        ctx.set_state({**state, "goal_id": goal["id"]})
        return {"ok": True, "goal_id": goal["id"], "seconds": minutes_of(state) * 60}

    @facilitator_event("instellingen")
    def settings(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The number of keywords to keep per goal and the minutes per goal."""
        state = ctx.state()
        for key, top in (("limit", MAX_LIMIT), ("minutes", 60)):
            if key in payload:
                value = payload[key]
                if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
                    if key == "limit":
                        ctx.refuse(
                            _(
                                "Het aantal kernwoorden per doelstelling moet een heel getal van 1 tot %(top)s zijn.",
                                top=top,
                            )
                        )
                    ctx.refuse(_("Het aantal minuten moet een heel getal van 1 tot %(top)s zijn.", top=top))
                state[key] = value
        ctx.set_state(state)
        return {"ok": True, "limit": limit_of(state), "minutes": minutes_of(state)}

    @facilitator_event("houden")
    def keep(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Keep (or drop) a keyword for its goal; at most ``limit`` per goal."""
        note = ctx.note(payload.get("note_id"))
        kept = payload.get("kept")
        if not isinstance(kept, bool):
            ctx.refuse(_("'kept' moet waar of onwaar zijn."))
        goal = next((g for g in ctx.goals() if g["id"] == note["data"].get("goal_id")), None)
        if goal is None:
            ctx.refuse(_("Deze doelstelling bestaat niet (meer) in deze bijeenkomst."))
        if kept and not note["data"].get("kept"):
            limit = limit_of(ctx.state())
            already = kept_by_goal(ctx.notes()).get(goal["id"], [])
            if len(already) >= limit:
                ctx.refuse(
                    _(
                        "Bij ‘%(goal)s’ zijn al %(limit)s kernwoorden gekozen. Zet er eerst één uit.",
                        goal=goal["title"],
                        limit=limit,
                    )
                )
        return {"ok": True, "note": ctx.update_note_data(note, {**note["data"], "kept": kept})}

    # --- report ---------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        goals = (activity.get("shared") or {}).get("goals", [])
        flow = kit.heading(activity)
        if not goals:
            return flow + kit.paragraphs(_("Geen doelstellingen."))
        kept = kept_by_goal(notes)
        for number, goal in enumerate(goals, start=1):
            flow += kit.subheading(f"{number}. {goal['title']}")
            chosen = kept.get(goal["id"], [])
            flow += kit.paragraphs(
                _("Kernwoorden: %(words)s", words=", ".join(n["text"] for n in chosen))
                if chosen
                else _("Geen kernwoorden gekozen.")
            )
            others, seen = [], {normalised(n["text"]) for n in chosen}
            for n in notes:
                key = normalised(n["text"])
                if n["data"].get("goal_id") == goal["id"] and key not in seen:
                    seen.add(key)
                    others.append(n["text"])
            if others:
                flow.append(
                    Paragraph(escape_text(_("Andere voorstellen: %(words)s", words=", ".join(others))), kit.small)
                )
        return flow

    def carry_out(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Each goal with the keywords the room kept for it, for the recap of later meetings
        # (the solution meeting starts from "de doelstellingen en hun kernwoorden").
        kept = kept_by_goal(notes)
        return [
            {"text": f"{goal['title']}: {', '.join(n['text'] for n in kept[goal['id']])}", "goal": goal["title"]}
            for goal in activity.get("goals") or []
            if kept.get(goal["id"])
        ]

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # Each goal with the keywords the room kept for it.
        kept = kept_by_goal(notes)
        goals = (activity.get("shared") or {}).get("goals", [])
        return [
            f"{goal['title']}: {', '.join(n['text'] for n in kept[goal['id']])}"
            for goal in goals
            if kept.get(goal["id"])
        ]


workform = Kernwoorden
