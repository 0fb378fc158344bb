"""Agenda item `toelichting`: a text slide on the board (e.g. "Toelichting
project", "Vervolg en afsluiting"). Not a work format of the handbook, but a
plugin like one, so the agenda has one kind of item."""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import Phase, ViewContext, Workform


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

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # The recap slide (agenda config ``show_goals``) lists the session goals on board and phones.
        # The open actions carried from earlier meetings of the trajectory go with the goals.
        show = bool((activity.get("config") or {}).get("show_goals"))
        actions = view.carried().get("actions", []) if show else []
        return {"show_goals": show, "carried_actions": actions}

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity) + kit.paragraphs(activity["body"])
        shared = activity.get("shared") or {}
        if (activity.get("config") or {}).get("show_goals") and shared.get("goals"):
            # The recap slide showed the session's ambition and goals: so does the report.
            if shared.get("ambition"):
                flow += kit.paragraphs(_("Ambitie: %(text)s", text=shared["ambition"]))
            flow += kit.paragraphs(
                "\n\n".join(f"{n}. {goal['title']}" for n, goal in enumerate(shared["goals"], start=1))
            )
        return flow


workform = Toelichting
