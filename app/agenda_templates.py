"""Session templates from the handbook's example agendas.

An item whose work format is not installed is left out, so a template grows
as work formats land without editing this list.
"""

from __future__ import annotations

from typing import Any

from app.registry import Registry

TEMPLATES: list[dict[str, Any]] = [
    {
        "slug": "kick-off",
        "title": "Kick-off bijeenkomst",
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
            },
            {"workform": "kennismaken", "prompt": "Wat is jullie droom voor de toekomst?"},
            {"workform": "trots", "prompt": "Waar zijn jullie trots op als het gaat om jullie praktijk?"},
            {
                "workform": "uitdagingen-en-kansen",
                "prompt": "Uitdagingen: Welke problemen ervaren jullie? En welke kansen zie je?",
            },
            {
                "workform": "toelichting",
                "title": "Vervolg en afsluiting",
                "body": "Wat gebeurt er na vandaag, en wie doet wat?",
            },
        ],
    },
    {
        "slug": "visie-en-strategie",
        "title": "Bijeenkomst visie en strategie",
        "duration_minutes": 120,
        "goals": ["Verdiepen van de ambitie en doelstellingen van de praktijk"],
        "agenda": [
            {"workform": "trots"},
            {"workform": "uitdagingen-en-kansen"},
            {"workform": "doelstellingen"},
            {"workform": "kernwoorden"},
            {"workform": "processen-en-acties"},
            {"workform": "toelichting", "title": "Afronding", "body": "Terugblik en vervolgafspraken."},
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
