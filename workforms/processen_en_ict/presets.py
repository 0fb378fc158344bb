"""Example processes from the handbook's worked examples ("Voorbeeldwerkvorm
uitwerken processen en ICT": Terugkoppelen labuitslagen; "Analyse en
optimalisatie triageproces"). Each step: name, roles, systems, digital now,
and the possibilities (Wens/Verbeteren/mogelijkheden) the example lists."""

from __future__ import annotations

from typing import Any


def N_(text: str) -> str:
    """Marks a text for the catalogue; the board translates QUESTIONS and preset titles
    (t()), a preset's texts are translated when the facilitator loads it (preset_in)."""
    return text


QUESTIONS: tuple[str, ...] = (
    N_("Hoe loopt het huidige proces globaal? probeer het in 5-8 stappen te beschrijven, teveel detail is niet nodig."),
    N_("Wanneer start en eindigt het proces?"),
    N_("Wie voert dit proces uit/ wie is verantwoordelijk?"),
    N_("Welke stappen gaan nu digitaal?"),
    N_("Hoe wordt het systeem nu gebruikt in het proces?"),
    N_("Wat is de gebruikerswens: hoe wil je het systeem beter/optimaler gebruiken?"),
    N_(
        "Wat kan het huidige systeem bieden als het gaat om de gebruikerswens? "
        "Of is hier een nieuw systeem voor nodig? Het kan ook zijn dat dit nog niet duidelijk is "
        "en nader uitgezocht moet worden."
    ),
)


def _step(
    name: str,
    roles: list[str],
    systems: list[str],
    digital: bool,
    possibilities: list[str],
    *,
    alternatives: tuple[str, ...] = (),
    uncertain: tuple[str, ...] = (),
) -> dict[str, Any]:
    """``alternatives``: the handbook's numbered branches stacked in this step's column;
    ``uncertain``: systems it writes with a question mark ("Mijn MGM?")."""
    return {
        "name": name,
        "roles": roles,
        "systems": systems,
        "digital": digital,
        "possibilities": possibilities,
        "alternatives": list(alternatives),
        "uncertain_systems": list(uncertain),
    }


PRESETS: dict[str, dict[str, Any]] = {
    "leeg": {"title": N_("Leeg proces"), "name": "", "start": "", "end": "", "steps": []},
    "labuitslagen": {
        "title": N_("Terugkoppelen labuitslagen"),
        "name": N_("Terugkoppelen labuitslagen"),
        "start": N_("HA, POH of assistent vraagt lab aan"),
        "end": N_("Patiënt kent de uitslag"),
        "steps": [
            # The handbook's example starts in three places, numbered 1-3 in one column.
            _step(
                N_("Lab aanvragen"),
                [N_("HA"), N_("DA"), N_("POH"), N_("Patiënt")],
                ["Mijn Zorgdomein"],
                True,
                [N_("Wens: optie beperken"), N_("Verbeteren: standaard brief; verlengen duur labformulier?")],
                alternatives=(
                    N_("HA of assistent vraagt lab aan"),
                    N_("POH vraagt lab aan"),
                    N_("Patiënt vraagt lab aan (chronische zorg)"),
                ),
            ),
            _step(N_("Labuitslag komt binnen"), [], ["Edifact"], True, []),
            _step(
                N_("DA koppelt uitslag in systeem"),
                [N_("DA")],
                ["Medicom"],
                True,
                [N_("Verbeteren: P-regel moet duidelijk in systeem komen te staan")],
            ),
            _step(
                N_("Afwijking: taak naar HA of POH"),
                [N_("DA")],
                ["Medicom"],
                True,
                [
                    N_(
                        "Verbeteren: HA pakt dit op i.p.v. DA als uitslag binnen is en zet actie erin; "
                        "dan is de taak van de DA niet nodig"
                    )
                ],
            ),
            _step(
                N_("HA leest labuitslag, voert actie in in P-regel en koppelt lab"),
                [N_("HA")],
                ["Medicom", "Mijn MGM"],
                True,
                [N_("Wens: automatisch bericht aan de patiënt"), N_("Wens: maskerbrief per praktijk")],
                uncertain=("Mijn MGM",),
            ),
            _step(
                N_("Patiënt belt DA en krijgt P-regel teruggekoppeld"),
                [N_("Patiënt"), N_("DA")],
                [N_("Telefoon")],
                False,
                [
                    N_(
                        "Verbeteren: patiënt vertellen dat de uitslag 2 dagen duurt en via MGN in te zien is, dus niet "
                        "bellen; HA belt alleen als de uitslag slecht is"
                    ),
                    N_("Wens: patiënt kan ook een e-consult starten"),
                ],
            ),
        ],
    },
    "triage": {
        "title": N_("Analyse en optimalisatie triageproces"),
        "name": N_("Triage en plannen afspraak"),
        "start": N_("Patiënt heeft een zorgvraag"),
        "end": N_("Verwerkt in dossier patiënt"),
        "steps": [
            _step(N_("Patiënt heeft een zorgvraag en bezoekt website"), [N_("Patiënt")], [N_("Website")], True, []),
            _step(
                N_("Patiënt vult vragenlijst in en checkt symptoom"),
                [N_("Patiënt")],
                [N_("Triagetool")],
                True,
                [
                    N_("Via moetiknaardedokter.nl"),
                    N_("Eigen vragenlijst"),
                    N_("Mogelijkheid om te chatten met chatbot"),
                    N_("Mogelijkheid om te chatten met (externe) zorgverlener"),
                ],
            ),
            _step(
                N_("Uitvoeren triage"),
                [N_("DA")],
                [N_("Triagetool")],
                True,
                [
                    N_("Door AI"),
                    N_("Door AI en chatbot"),
                    N_("Door AI en controle door DA"),
                    N_("Kan gaan om urgentie, doorverwijzen, diagnose"),
                ],
            ),
            # The handbook stacks the three outcomes of the triage, numbered 1-3, in one column.
            _step(
                N_("Vervolg na triage"),
                [N_("DA"), N_("HA"), N_("Patiënt")],
                [N_("Triagetool"), N_("Agenda"), N_("Portaal")],
                True,
                [N_("AI stelt mogelijkheden uit agenda voor"), N_("Aparte agenda nodig")],
                alternatives=(N_("Afspraak voorstellen"), N_("Zelfzorgadvies"), N_("Opstarten e-consult")),
            ),
            _step(
                N_("Checken gegevens HIS"),
                [N_("DA")],
                ["HIS"],
                False,
                [
                    N_("Link tussen tool en HIS: automatische check"),
                    N_("Geen link met HIS, dan moet deze stap door DA uitgevoerd worden"),
                ],
            ),
            _step(
                N_("Communicatie naar patiënt"),
                [N_("DA"), N_("Patiënt")],
                [N_("Triagetool")],
                True,
                [N_("Mail met agendavoorstel en zelfzorgadvies")],
            ),
            _step(
                N_("Verwerken in dossier patiënt"),
                [N_("DA"), N_("HA")],
                ["HIS"],
                False,
                [N_("Integratie met HIS"), N_("Geen integratie, dan knip/plak")],
            ),
        ],
    },
}
