"""Example processes from the handbook's worked examples ("Voorbeeldwerkvorm
uitwerken processen en ICT": Terugkoppelen labuitslagen; "Analyse en
optimalisatie triageproces"). Each step: name, roles, systems, digital now,
and the possibilities (Wens/Verbeteren/mogelijkheden) the example lists."""

from __future__ import annotations

from typing import Any

QUESTIONS: tuple[str, ...] = (
    "Hoe loopt het huidige proces globaal? probeer het in 5-8 stappen te beschrijven, teveel detail is niet nodig.",
    "Wanneer start en eindigt het proces?",
    "Wie voert dit proces uit/ wie is verantwoordelijk?",
    "Welke stappen gaan nu digitaal?",
    "Hoe wordt het systeem nu gebruikt in het proces?",
    "Wat is de gebruikerswens: hoe wil je het systeem beter/optimaler gebruiken?",
    "Wat kan het huidige systeem bieden als het gaat om de gebruikerswens? Of is hier een nieuw systeem voor nodig? "
    "Het kan ook zijn dat dit nog niet duidelijk is en nader uitgezocht moet worden.",
)


def _step(name: str, roles: list[str], systems: list[str], digital: bool, possibilities: list[str]) -> dict[str, Any]:
    return {"name": name, "roles": roles, "systems": systems, "digital": digital, "possibilities": possibilities}


PRESETS: dict[str, dict[str, Any]] = {
    "leeg": {"title": "Leeg proces", "name": "", "start": "", "end": "", "steps": []},
    "labuitslagen": {
        "title": "Terugkoppelen labuitslagen",
        "name": "Terugkoppelen labuitslagen",
        "start": "HA, POH of assistent vraagt lab aan",
        "end": "Patiënt kent de uitslag",
        "steps": [
            _step(
                "HA of assistent vraagt lab aan",
                ["HA", "DA"],
                ["Mijn Zorgdomein"],
                True,
                ["Wens: optie beperken", "Verbeteren: standaard brief; verlengen duur labformulier?"],
            ),
            _step("Labuitslag komt binnen", [], ["Edifact"], True, []),
            _step(
                "DA koppelt uitslag in systeem",
                ["DA"],
                ["Medicom"],
                True,
                ["Verbeteren: P-regel moet duidelijk in systeem komen te staan"],
            ),
            _step(
                "Afwijking: taak naar HA of POH",
                ["DA"],
                ["Medicom"],
                True,
                [
                    "Verbeteren: HA pakt dit op i.p.v. DA als uitslag binnen is en zet actie erin; "
                    "dan is de taak van de DA niet nodig"
                ],
            ),
            _step(
                "HA leest labuitslag, voert actie in in P-regel en koppelt lab",
                ["HA"],
                ["Medicom", "Mijn MGM?"],
                True,
                ["Wens: automatisch bericht aan de patiënt", "Wens: maskerbrief per praktijk"],
            ),
            _step(
                "Patiënt belt DA en krijgt P-regel teruggekoppeld",
                ["Patiënt", "DA"],
                ["Telefoon"],
                False,
                [
                    "Verbeteren: patiënt vertellen dat de uitslag 2 dagen duurt en via MGN in te zien is, dus niet "
                    "bellen; HA belt alleen als de uitslag slecht is",
                    "Wens: patiënt kan ook een e-consult starten",
                ],
            ),
        ],
    },
    "triage": {
        "title": "Analyse en optimalisatie triageproces",
        "name": "Triage en plannen afspraak",
        "start": "Patiënt heeft een zorgvraag",
        "end": "Verwerkt in dossier patiënt",
        "steps": [
            _step("Patiënt heeft een zorgvraag en bezoekt website", ["Patiënt"], ["Website"], True, []),
            _step(
                "Patiënt vult vragenlijst in en checkt symptoom",
                ["Patiënt"],
                ["Triagetool"],
                True,
                [
                    "Via moetiknaardedokter.nl",
                    "Eigen vragenlijst",
                    "Mogelijkheid om te chatten met chatbot",
                    "Mogelijkheid om te chatten met (externe) zorgverlener",
                ],
            ),
            _step(
                "Uitvoeren triage",
                ["DA"],
                ["Triagetool"],
                True,
                [
                    "Door AI",
                    "Door AI en chatbot",
                    "Door AI en controle door DA",
                    "Kan gaan om urgentie, doorverwijzen, diagnose",
                ],
            ),
            _step(
                "Afspraak voorstellen of zelfzorgadvies",
                ["DA"],
                ["Triagetool", "Agenda"],
                True,
                ["AI stelt mogelijkheden uit agenda voor", "Aparte agenda nodig"],
            ),
            _step(
                "Checken gegevens HIS",
                ["DA"],
                ["HIS"],
                False,
                [
                    "Link tussen tool en HIS: automatische check",
                    "Geen link met HIS, dan moet deze stap door DA uitgevoerd worden",
                ],
            ),
            _step(
                "Communicatie naar patiënt",
                ["DA", "Patiënt"],
                ["Triagetool"],
                True,
                ["Mail met agendavoorstel en zelfzorgadvies"],
            ),
            _step("Opstarten e-consult", ["HA", "Patiënt"], ["Portaal"], True, []),
            _step(
                "Verwerken in dossier patiënt",
                ["DA", "HA"],
                ["HIS"],
                False,
                ["Integratie met HIS", "Geen integratie, dan knip/plak"],
            ),
        ],
    },
}
