"""Werkvorm `per-functie`: "Wat betekent dit voor jouw functie?" (issue 21).

The handbook's working-group sessions (Stap 1.4, H:L792-826) put one question in the
middle: "Wat betekent de realisatie van de voorgestelde oplossingsrichting voor de
verschillende functies binnen de praktijk?", to explore "de impact van de oplossing op
verschillende functies" and "de benodigde aanpassingen". So everyone writes two kinds
of notes: what changes for their function (blue) and what they need (green).

Each note is filed under its poster's function, the one given at join (app/functions.py,
``ctx.participant_functions()``); a phone without one may pick one per note, else the note
goes under "Onbekend". The board draws a column per function present, the report a part
per function. A function held by one person makes their notes recognisable even in an
anonymous activity: the board and report show the function, never the name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import BESPREKEN, PLAKKEN, PRACTICE_FUNCTIONS, Category, Context, ViewContext, Workform
from app.workform import function_label as practice_function_label

IMPACT, NODIG = "impact", "nodig"
UNKNOWN = "onbekend"  # the column of notes without a function


def function_of(note: dict[str, Any]) -> str:
    """The function a note is filed under: its ``data.function``, else "onbekend"."""
    key = (note.get("data") or {}).get("function")
    return key if key in PRACTICE_FUNCTIONS else UNKNOWN


def function_label(key: str) -> str:
    return practice_function_label(key) if key in PRACTICE_FUNCTIONS else _("Onbekend")


def by_function(notes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Notes per function in the app's function order, "onbekend" last, functions without
    notes left out; within a function what changes first, then what is needed."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key in (*PRACTICE_FUNCTIONS, UNKNOWN):
        mine = [n for n in notes if function_of(n) == key]
        if mine:
            out[key] = [n for n in mine if n.get("category") != NODIG] + [n for n in mine if n.get("category") == NODIG]
    return out


class PerFunctie(Workform):
    slug = "per-functie"
    title = {"nl": "Wat betekent dit voor jouw functie?", "en": "What does this mean for your role?"}
    description = _l(
        "Iedereen schrijft op wat er voor de eigen functie verandert en wat er nodig is; "
        "het bord heeft een kolom per functie."
    )
    # H:L792-794
    default_prompt = _l(
        "Wat betekent de realisatie van de voorgestelde oplossingsrichting voor de verschillende functies "
        "binnen de praktijk?"
    )
    # app's own text: where the note lands, and the core's patient-data hint.
    composer_hint = _l("Je post-it komt in de kolom van je functie. Noem geen namen of gegevens van patiënten.")
    phases = (
        replace(
            PLAKKEN,
            minutes=10,
            # app's own text: the handbook names the question, not the steps.
            instruction=_l(
                "Iedereen schrijft op de telefoon wat de oplossingsrichting betekent voor de eigen functie: "
                "wat verandert er voor mijn functie (blauw) en wat heb ik nodig (groen)?"
            ),
        ),
        replace(
            BESPREKEN,
            minutes=20,
            instruction=_l(
                # H:L820-822 (Resultaat)
                "Inzicht in hoe de oplossing wordt ontvangen door medewerkers van verschillende functies en welke "
                "aanpassingen nodig zijn om de oplossing goed te kunnen implementeren.\n"
                # app's own text
                "Loop de kolommen langs: wat verandert er per functie, en wat is daarvoor nodig?"
            ),
        ),
    )
    categories = (
        # app's own texts: the two questions a function answers.
        Category(IMPACT, _l("Wat verandert er voor mijn functie?"), "blauw"),
        Category(NODIG, _l("Wat heb ik nodig?"), "groen"),
    )
    # Notes are filed per function: sticking a huisarts's note onto a POH's would mix columns.
    stacking = False
    max_notes_per_participant = 20

    def validate(
        self, text: str, category: str | None, data: object, ctx: Context
    ) -> tuple[str | None, dict[str, Any]]:
        # The poster's own function wins; without one, the phone (or the facilitator) may
        # name one for this note; without either the note goes under "Onbekend".
        own = ctx.participant_functions().get(ctx.participant_id) if ctx.participant_id is not None else None
        if own:
            return None, {"function": own}
        chosen = data.get("function") if isinstance(data, dict) else None
        if chosen in (None, ""):
            return None, {}
        if not isinstance(chosen, str) or chosen not in PRACTICE_FUNCTIONS:
            return _("Onbekende functie. Kies een functie uit de lijst, of laat het veld leeg."), {}
        return None, {"function": chosen}

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # Which functions joined (a set, never counts or people: in a small practice a count
        # may name someone) and the labels, so the board has a column for each.
        present = set(view.participant_functions().values())
        return {
            "functions": [
                {"key": key, "label": practice_function_label(key)} for key in PRACTICE_FUNCTIONS if key in present
            ],
            "options": [{"key": key, "label": practice_function_label(key)} for key in PRACTICE_FUNCTIONS],
        }

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        # Phones only need the list to pick from; who joined as what is not theirs.
        return {"options": extra.get("options", [])}

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity)
        if not notes:
            return flow + kit.empty()
        totals = activity.get("vote_totals") or {}
        for key, mine in by_function(notes).items():
            flow += kit.subheading(_("%(function)s (%(count)s)", function=function_label(key), count=len(mine)))
            flow += kit.notes(mine, self, totals=totals)
        return flow

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        groups = by_function(notes)
        if not groups:
            return []
        parts = []
        for key, mine in groups.items():
            changes = sum(1 for n in mine if n.get("category") != NODIG)
            parts.append(
                _(
                    "%(function)s: %(changes)s wat verandert, %(needs)s wat nodig is",
                    function=function_label(key),
                    changes=changes,
                    needs=len(mine) - changes,
                )
            )
        return ["; ".join(parts)]


workform = PerFunctie
