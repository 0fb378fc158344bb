"""Agenda item `toelichting`: a text slide on the board (e.g. "Toelichting
project", "Vervolg en afsluiting"). Not a work format of the handbook, but a
plugin like one, so the agenda has one kind of item."""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import Context, Phase, ViewContext, Workform, facilitator_event


class Toelichting(Workform):
    slug = "toelichting"
    title = {"nl": "Toelichting", "en": "Explanation"}
    description = _l("Een tekstdia op het bord: uitleg, doel, vervolg.")
    default_prompt = ""
    accepts_notes = False
    phases = (
        Phase(
            "tonen",
            _l("Tonen"),
            posting=False,
            # app's own text: a text slide is not a work format of the handbook.
            instruction=_l("Licht toe wat er op het bord staat en geef ruimte voor vragen."),
        ),
    )

    # What a recap slide can show, each switched on by the agenda item's config (the
    # template) and switched on or off by the facilitator during the meeting.
    PARTS = ("goals", "actions", "outcomes", "carried")

    def shown(self, activity: dict[str, Any]) -> dict[str, bool]:
        config = activity.get("config") or {}
        chosen = (activity.get("state") or {}).get("show") or {}
        defaults = {
            "goals": bool(config.get("show_goals")),
            "actions": bool(config.get("show_goals")),
            "outcomes": bool(config.get("show_outcomes")),
            "carried": bool(config.get("show_carried")),
        }
        return {part: bool(chosen.get(part, defaults[part])) for part in self.PARTS}

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # The recap slide lists the session goals, the open actions carried from earlier
        # meetings, what this meeting's other items came to, and what the earlier meetings
        # handed on (trots' behouden, the top challenges, the kept keywords).
        show = self.shown(activity)
        carried = view.carried() if show["actions"] or show["carried"] else {}
        handed = [
            {"title": part["from"]["title"], "lines": [item["text"] for item in part["items"]]}
            for part in (carried.get("outcomes") or {}).values()
            if part.get("items")
        ]
        return {
            "show": show,
            "show_goals": show["goals"],
            "carried_actions": carried.get("actions", []) if show["actions"] else [],
            "outcomes": view.outcomes() if show["outcomes"] else [],
            "carried_outcomes": handed if show["carried"] else [],
        }

    @facilitator_event("show")
    def show(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Switch one part of the recap on the board on or off: ``{"part", "on"}``."""
        part, on = payload.get("part"), payload.get("on")
        if part not in self.PARTS:
            ctx.refuse(_("Onbekend onderdeel van de terugblik (mogelijk: %(parts)s).", parts=", ".join(self.PARTS)))
        if not isinstance(on, bool):
            ctx.refuse(_("'on' moet waar of onwaar zijn."))
        ctx.update_state(lambda state: {**state, "show": {**(state.get("show") or {}), part: on}})
        return {"ok": True}

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity) + kit.paragraphs(activity["body"])
        shared = activity.get("shared") or {}
        show = self.shown(activity)
        if show["goals"] and shared.get("goals"):
            # The recap slide showed the session's ambition and goals: so does the report.
            if shared.get("ambition"):
                flow += kit.paragraphs(_("Ambitie: %(text)s", text=shared["ambition"]))
            flow += kit.paragraphs(
                "\n\n".join(f"{n}. {goal['title']}" for n, goal in enumerate(shared["goals"], start=1))
            )
        carried = shared.get("carried") or {}
        if show["carried"]:
            for part in (carried.get("outcomes") or {}).values():
                if part.get("items"):
                    flow += kit.subheading(_("Uit ‘%(title)s’", title=part["from"]["title"]))
                    flow += kit.paragraphs("\n\n".join(f"• {item['text']}" for item in part["items"]))
        if show["actions"] and carried.get("actions"):
            flow += kit.subheading(_("Open acties"))
            flow += kit.paragraphs("\n\n".join(f"• {a['what']} — {a.get('who') or '?'}" for a in carried["actions"]))
        if show["outcomes"]:
            # The slide listed each item's outcome; the report has them once, on page 1.
            flow += kit.paragraphs(_("De uitkomsten per agendapunt staan in de samenvatting."))
        return flow


workform = Toelichting
