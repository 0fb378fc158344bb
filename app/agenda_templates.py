"""Session templates from the handbook's example agendas.

An item whose work format is not installed is left out, so a template grows
as work formats land without editing this list. Texts are Dutch msgids, given
out in the current language (app/i18n.py).
"""

from __future__ import annotations

from typing import Any

from app.i18n import lazy_gettext as _l
from app.i18n import translate
from app.registry import Registry

TEMPLATES: list[dict[str, Any]] = [
    {
        # The handbook's example (Stap 1.2, "Kick-off bijeenkomst", Duur 1 uur). It gives no time per
        # item; the minutes follow its own work format pages (uitdagingen en kansen: 5 + 5 + 20) and
        # add up to the hour.
        "slug": "kick-off",
        "title": _l("Kick-off bijeenkomst (1 uur)"),
        "duration_minutes": 60,
        "goals": [
            _l("Mensen enthousiasmeren over het traject"),
            _l("Eerste inzicht in de wensen van de praktijk"),
            _l("Toelichting van het traject: doel, resultaat, plan van aanpak, gevraagde inzet van deelnemers"),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Toelichting project"),
                "body": _l("Doel, resultaat, plan van aanpak en de gevraagde inzet van deelnemers."),
                "minutes": 5,
            },
            {"workform": "kennismaken", "prompt": _l("Wat is jullie droom voor de toekomst?"), "minutes": 10},
            {
                "workform": "trots",
                "prompt": _l("Waar zijn jullie trots op als het gaat om jullie praktijk?"),
                "minutes": 10,
            },
            {
                "workform": "uitdagingen-en-kansen",
                "prompt": _l("Uitdagingen: Welke problemen ervaren jullie? En welke kansen zie je?"),
                "minutes": 30,
            },
            {
                "workform": "actieplan",
                "title": _l("Vervolg en afsluiting"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 5,
            },
        ],
    },
    {
        "slug": "visie-en-strategie",
        "title": _l("Bijeenkomst visie en strategie (2 uur)"),
        "duration_minutes": 120,
        "goals": [_l("Verdiepen van de ambitie en doelstellingen van de praktijk")],
        "agenda": [
            {
                "workform": "trots",
                "title": _l("Waar zijn jullie trots op?"),
                "prompt": _l("Waar zijn jullie trots op als het gaat om jullie praktijk?"),
                "minutes": 15,
            },
            {
                "workform": "uitdagingen-en-kansen",
                "title": _l("Verdiepen van uitdagingen: kansen en problemen"),
                # The handbook's deepening assignment (H:L2033-2037), not the kick-off's question
                # again; in a trajectory the kick-off's challenges are on the board already.
                "prompt": _l(
                    "Neem voor jezelf de tijd om na te denken over de door jullie genoemde uitdagingen voor "
                    "toekomstbestendige huisartsenzorg. Welke problemen ervaren jullie en jullie patiënten hier "
                    "nog meer bij? En welke kansen zie je?"
                ),
                "minutes": 30,
            },
            # "Verdiepen van de ambitie en doelstellingen (60 min)": three work formats in a row.
            {
                "workform": "doelstellingen",
                "prompt": _l("Welke ambities heeft de praktijk voor toekomstbestendige huisartsenzorg?"),
                "minutes": 15,
            },
            {
                "workform": "kernwoorden",
                "prompt": _l(
                    "Wat betekent deze doelstelling? Neem per doelstelling 5 minuten om samen tot een drietal "
                    "kernwoorden te komen."
                ),
                "minutes": 20,
            },
            {
                "workform": "processen-en-acties",
                "prompt": _l(
                    "Welke processen en acties – bestaand of nieuw – horen bij de kernwoorden? "
                    "Staat er al iets wat er op lijkt? Plak jouw post-it hierbij."
                ),
                "minutes": 25,
            },
            {
                "workform": "toelichting",
                "title": _l("Afronding"),
                "body": _l("Terugblik op de ambitie, de doelstellingen en hun kernwoorden, en de vervolgafspraken."),
                "minutes": 5,
            },
        ],
    },
    {
        "slug": "oplossingsrichting",
        "title": _l("Bijeenkomst verkennen oplossingsrichting (2 uur)"),
        "duration_minutes": 120,
        "goals": [_l("Toetsen en verfijnen oplossingsrichting")],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Ambitie en doelstellingen (recap bijeenkomst 1)"),
                "body": _l("Waar staan we? De ambitie en doelstellingen uit de vorige bijeenkomst."),
                "config": {"show_goals": True},
                "minutes": 10,
            },
            {
                "workform": "impact-inspanning",
                "title": _l("Toetsen oplossingsrichting op basis van interviews"),
                "prompt": _l("Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?"),
                "minutes": 40,
            },
            {"workform": "processen-en-ict", "title": _l("Uitwerken proces en ICT"), "minutes": 40},
            {"workform": "actieplan", "title": _l("Actieplan"), "minutes": 30},
        ],
    },
    {
        # Handbook Fase 3 (Stap 3.1): the process evaluation with the questionnaire of its appendix.
        "slug": "procesevaluatie",
        "title": _l("Procesevaluatie (30 minuten)"),
        "duration_minutes": 30,
        "goals": [_l("Terugkijken op het doorlopen proces: wat ging goed en wat kan beter")],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Waarom evalueren we?"),
                "body": _l(
                    "We kijken samen terug op de voorbereiding en de implementatie. De vragenlijst is anoniem: "
                    "niemand ziet wie wat heeft ingevuld."
                ),
                "minutes": 5,
            },
            {"workform": "evaluatie", "title": _l("Vragenlijst procesevaluatie"), "minutes": 15},
            {
                "workform": "toelichting",
                "title": _l("Vervolg"),
                "body": _l("Wat nemen we mee uit de evaluatie, en wie doet wat?"),
                "minutes": 10,
            },
        ],
    },
]


def available(registry: Registry) -> list[dict[str, Any]]:
    """Templates with the items whose work formats are installed, texts in the current language."""
    out = []
    for template in TEMPLATES:
        agenda = [_plain(item) for item in template["agenda"] if item["workform"] in registry]
        if agenda:
            out.append({**_plain(template), "goals": [str(g) for g in template["goals"]], "agenda": agenda})
    return out


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {key: translate(value) for key, value in item.items()}


def find(registry: Registry, slug: str) -> dict[str, Any] | None:
    return next((t for t in available(registry) if t["slug"] == slug), None)
