"""Werkvorm `sterk-verbeterpunt`: the bundling meeting's round of strong points and points to
improve (handbook Stap 3.2 "Bundelen procesevaluatie", H:L1818-1850). Everyone writes what
went well (green) and what can be better (pink) on post-its; the project group discusses
them and names the improvements. Two colours from the design tokens, each with its label.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import BESPREKEN, PLAKKEN, STEMMEN, Category, Workform

STERK = "sterk"
VERBETERPUNT = "verbeterpunt"


def split(notes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Notes per colour; a group goes with the colour most of its notes have (strong on a tie),
    so board and report draw a mixed group once."""
    tally: dict[int, list[int]] = {}
    for note in notes:
        if note.get("group_id") is not None:
            counts = tally.setdefault(note["group_id"], [0, 0])
            counts[0 if note["category"] == STERK else 1] += 1
    out: dict[str, list[dict[str, Any]]] = {STERK: [], VERBETERPUNT: []}
    for note in notes:
        if note.get("group_id") is None:
            out[VERBETERPUNT if note["category"] == VERBETERPUNT else STERK].append(note)
        else:
            strong, better = tally[note["group_id"]]
            out[VERBETERPUNT if better > strong else STERK].append(note)
    return out


class SterkVerbeterpunt(Workform):
    slug = "sterk-verbeterpunt"
    title = {"nl": "Sterk / verbeterpunt", "en": "Strength / point to improve"}
    description = _l("Wat werkte goed en wat kan beter? Groen voor een sterk punt, roze voor een verbeterpunt.")
    default_prompt = _l("Wat ging er goed in het veranderproces, en wat kan beter?")
    phases = (
        replace(
            PLAKKEN,
            minutes=10,
            # H:L1834-1836 (Stap 3.2 b)
            instruction=_l(
                "Analyse van knelpunten en succesfactoren: Het identificeren van de grootste uitdagingen en de "
                "aspecten die goed hebben gewerkt, zodat gerichte verbeteringen kunnen worden doorgevoerd."
            ),
        ),
        # app's own step: dot voting is not in the handbook's Stap 3.2.
        replace(
            STEMMEN,
            optional=True,
            instruction=_l("Geef met stippen aan welke verbeterpunten het eerst aandacht verdienen."),
        ),
        replace(
            BESPREKEN,
            minutes=20,
            # H:L1848-1849 (Stap 3.2, "Mogelijke invulling")
            instruction=_l(
                "Een bijeenkomst met de betrokken projectgroep om de opgehaalde feedback te bespreken en "
                "verbeterpunten te identificeren."
            ),
        ),
    )
    categories = (
        Category(STERK, _l("Sterk punt"), "groen"),
        Category(VERBETERPUNT, _l("Verbeterpunt"), "roze"),
    )
    max_notes_per_participant = 20

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity)
        if not notes:
            return flow + kit.empty()
        parts = split(notes)
        for slug, heading in ((STERK, _("Sterke punten (groen)")), (VERBETERPUNT, _("Verbeterpunten (roze)"))):
            if parts[slug]:
                flow += kit.subheading(heading)
                flow += kit.grouped(activity, parts[slug], self)
        return flow

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        parts = split(notes)
        lines = []
        for slug, label in ((STERK, _("Sterk")), (VERBETERPUNT, _("Verbeterpunt"))):
            if parts[slug]:
                texts = "; ".join(n["text"] for n in parts[slug][:3])
                lines.append(_("%(label)s: %(items)s", label=label, items=texts))
        return lines

    def casestudy_facts(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, list[str]]:
        parts = split(notes)
        return {
            key: [n["text"] for n in parts[slug]]
            for key, slug in (("positief", STERK), ("verbeterpunten", VERBETERPUNT))
            if parts[slug]
        }


workform = SterkVerbeterpunt
