"""Session templates from the handbook's example agendas.

An item whose work format is not installed is left out, so a template grows
as work formats land without editing this list.
"""

from __future__ import annotations

from typing import Any

from app.registry import Registry

TEMPLATES: list[dict[str, Any]] = [
    {
        # The handbook's example (Stap 1.2, "Kick-off bijeenkomst", Duur 1 uur). It gives no time per
        # item; the minutes follow its own work format pages (uitdagingen en kansen: 5 + 5 + 20) and
        # add up to the hour.
        "slug": "kick-off",
        "title": "Kick-off bijeenkomst (1 uur)",
        "duration_minutes": 60,
        "goals": [
            "Mensen enthousiasmeren over het traject",
            "Eerste inzicht in de wensen van de praktijk",
            "Toelichting van het traject: doel, resultaat, plan van aanpak, gevraagde inzet van deelnemers",
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": "Toelichting project",
                "body": "Doel, resultaat, plan van aanpak en de gevraagde inzet van deelnemers.",
                "minutes": 5,
            },
            {"workform": "kennismaken", "prompt": "Wat is jullie droom voor de toekomst?", "minutes": 10},
            {
                "workform": "trots",
                "prompt": "Waar zijn jullie trots op als het gaat om jullie praktijk?",
                "minutes": 10,
            },
            {
                "workform": "uitdagingen-en-kansen",
                "prompt": "Uitdagingen: Welke problemen ervaren jullie? En welke kansen zie je?",
                "minutes": 30,
            },
            {
                "workform": "actieplan",
                "title": "Vervolg en afsluiting",
                "prompt": "Wat gebeurt er na vandaag, en wie doet wat?",
                "minutes": 5,
            },
        ],
    },
    {
        "slug": "visie-en-strategie",
        "title": "Bijeenkomst visie en strategie (2 uur)",
        "duration_minutes": 120,
        "goals": ["Verdiepen van de ambitie en doelstellingen van de praktijk"],
        "agenda": [
            {
                "workform": "trots",
                "title": "Waar zijn jullie trots op?",
                "prompt": "Waar zijn jullie trots op als het gaat om jullie praktijk?",
                "minutes": 15,
            },
            {
                "workform": "uitdagingen-en-kansen",
                "title": "Verdiepen van uitdagingen: kansen en problemen",
                "prompt": "Uitdagingen: Welke problemen ervaren jullie? En welke kansen zie je?",
                "minutes": 30,
            },
            # "Verdiepen van de ambitie en doelstellingen (60 min)": three work formats in a row.
            {
                "workform": "doelstellingen",
                "prompt": "Welke ambities heeft de praktijk voor toekomstbestendige huisartsenzorg?",
                "minutes": 15,
            },
            {
                "workform": "kernwoorden",
                "prompt": "Wat betekent deze doelstelling? Neem per doelstelling 5 minuten om samen tot een drietal "
                "kernwoorden te komen.",
                "minutes": 20,
            },
            {
                "workform": "processen-en-acties",
                "prompt": "Welke processen en acties – bestaand of nieuw – horen bij de kernwoorden? "
                "Staat er al iets wat er op lijkt? Plak jouw post-it hierbij.",
                "minutes": 25,
            },
            {
                "workform": "toelichting",
                "title": "Afronding",
                "body": "Terugblik op de ambitie, de doelstellingen en hun kernwoorden, en de vervolgafspraken.",
                "minutes": 5,
            },
        ],
    },
    {
        "slug": "oplossingsrichting",
        "title": "Bijeenkomst verkennen oplossingsrichting (2 uur)",
        "duration_minutes": 120,
        "goals": ["Toetsen en verfijnen oplossingsrichting"],
        "agenda": [
            {
                "workform": "toelichting",
                "title": "Ambitie en doelstellingen (recap bijeenkomst 1)",
                "body": "Waar staan we? De ambitie en doelstellingen uit de vorige bijeenkomst.",
                "config": {"show_goals": True},
                "minutes": 10,
            },
            {
                "workform": "impact-inspanning",
                "title": "Toetsen oplossingsrichting op basis van interviews",
                "prompt": "Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?",
                "minutes": 40,
            },
            {"workform": "processen-en-ict", "title": "Uitwerken proces en ICT", "minutes": 40},
            {"workform": "actieplan", "title": "Actieplan", "minutes": 30},
        ],
    },
]


def available(registry: Registry) -> list[dict[str, Any]]:
    """Templates with the items whose work formats are installed."""
    out = []
    for template in TEMPLATES:
        agenda = [item for item in template["agenda"] if item["workform"] in registry]
        if agenda:
            out.append({**template, "agenda": agenda})
    return out


def find(registry: Registry, slug: str) -> dict[str, Any] | None:
    return next((t for t in available(registry) if t["slug"] == slug), None)
