"""Example processes: the handbook's two worked examples of "Voorbeeldwerkvorm uitwerken
processen en ICT" (H:L2323-2345 and the slides after it), box for box.

- "Terugkoppelen Labuitslagen": the current process (H:L2431-2582) as the current view
  and the desired process (H:L2583-2663) as the desired view.
- "Analyse en optimalisatie triageproces": the handbook gives only the *desired* process
  "triage en plannen afspraak" (H:L2767-2810), with its "mogelijkheden" per step
  (H:L2811-2923); it loads as the desired view, the current one empty.

How the text (extracted from a PDF of diagrams) is read:

- A column is a step. Boxes the handbook stacks in one column, numbered 1-3 (H:L2536-2544,
  H:L2639-2649, H:L2803-2807), are that step's ``alternatives``; such a column has no name
  of its own in the handbook, so its ``name`` is the app's own (marked where it is set).
  The other boxes' texts are the step names, verbatim (line breaks joined; a word split
  with a hyphen at a line end, "P-\\nregel", "e-\\nconsult", keeps its hyphen).
- Roles: the handbook's template has a "(rol)" under each step (H:L2354-2370), but its
  examples write no separate role: a step's roles are the persons its box text names as
  doing it, in the box's own words ("HA of assistent" gives "HA" and "assistent"). Where
  the text names nobody (or only whom a task goes to), the step has no role.
- Systems: the names written under a box (Mijn Zorgdomein, Edifact, Medicom, Mijn MGM);
  a name written with a question mark ("Mijn MGM?") is an uncertain system. The triage
  example names no systems at all.
- "Nu digitaal" (question 4, H:L2336): no example says which steps are digital now, so a
  preset's ``digital`` is None ("not stated"), never a guess.
- Wishes ("Wens:"), improvements ("Verbeteren:") and possibilities ("mogelijkheden:") are
  notes of their rows (``wens``, ``verbeteren``, ``mogelijkheden``), one note per bullet,
  without the block's heading, verbatim (a spelling slip in the handbook stays, marked sic).
- Start and end (question 2, H:L2332): the examples do not state them. Where the diagram
  starts and ends in one box (triage), start and end are that box's text; where it starts
  or ends in several (the lab), they are empty rather than made up.
"""

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

# The rows a preset's notes go in (Category slugs of the work format).
WENS, VERBETEREN, MOGELIJKHEDEN = "wens", "verbeteren", "mogelijkheden"


def _step(
    name: str,
    *,
    roles: tuple[str, ...] = (),
    systems: tuple[str, ...] = (),
    uncertain: tuple[str, ...] = (),
    alternatives: tuple[str, ...] = (),
    notes: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    """One column. ``uncertain``: systems written with a question mark ("Mijn MGM?");
    ``notes``: (row, text) in the handbook's order, posted as the facilitator's notes
    of this step when the preset is loaded."""
    return {
        "name": name,
        "roles": list(roles),
        "systems": list(systems) + [s for s in uncertain if s not in systems],
        "digital": None,  # not stated in the handbook (see the module's docstring)
        "alternatives": list(alternatives),
        "uncertain_systems": list(uncertain),
        "notes": [{"row": row, "text": text} for row, text in notes],
    }


def _view(name: str, start: str, end: str, steps: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "start": start, "end": end, "steps": steps}


# --- Terugkoppelen Labuitslagen: the current process, H:L2431-2582 ---------------------------

LAB_CURRENT = _view(
    N_("Terugkoppelen Labuitslagen"),  # H:L2431-2432
    "",  # no start stated: three starting boxes (numbered 1-3)
    "",  # no end stated: four closing boxes
    [
        _step(
            N_("Lab aanvragen"),  # app's own name: the handbook's column has only its three numbered boxes
            alternatives=(
                N_("HA of assistent vraagt lab aan"),  # H:L2439-2440, "1" H:L2536
                N_("POH vraagt lab aan"),  # H:L2481-2482
                N_("Patiënt vraagt lab aan (chronische zorg)"),  # H:L2538-2542, "3" H:L2544
            ),
            roles=(N_("HA"), N_("assistent"), N_("POH"), N_("Patiënt")),  # as the three boxes name them
            systems=("Mijn Zorgdomein",),  # H:L2442, H:L2484
            notes=(
                (WENS, N_("Optie beperken")),  # H:L2459-2460
                (WENS, N_("Automatisch bericht dat lab aangevraagd moet worden door patiënt")),  # H:L2462-2468
                (WENS, N_("Maskerbrief per praktijk")),  # H:L2469-2470
                (VERBETEREN, N_("Standaard brief")),  # H:L2546-2547
                (VERBETEREN, N_("Verlengen duur labformulier?")),  # H:L2548-2550
            ),
        ),
        _step(N_("Labuitslag komt binnen"), systems=("Edifact",)),  # H:L2486-2487, system H:L2489
        _step(
            N_("DA koppelt uitslag in systeem"),  # H:L2491-2493
            roles=(N_("DA"),),
            systems=("Medicom",),  # H:L2495
            notes=((VERBETEREN, N_("P-Regel moet duidelijk in systeem komen te staan")),),  # H:L2521-2526
        ),
        _step(
            N_("Afwijking: Taak naar HA of PoH"),  # H:L2497-2498; names whom the task goes to, not who does it: no role
            systems=("Medicom",),  # H:L2500
            notes=(
                (
                    VERBETEREN,
                    N_("HA pakt dit op ipv DA als uitslag binnen is en zet actie erin. Dan taak DA niet nodig"),
                ),  # H:L2528-2534
            ),
        ),
        _step(
            N_("HA leest labuitslag en voert actie in in P-regel en koppelt lab"),  # H:L2502-2508
            roles=(N_("HA"),),
            systems=("Medicom", "Mijn MGM"),  # H:L2509, H:L2511
        ),
        _step(
            N_("Terugkoppelen uitslag"),  # app's own name: the handbook's four closing boxes have none together
            alternatives=(
                N_("Patiënt belt DA en krijgt P-regel teruggekoppeld"),  # H:L2444-2446
                N_("Patiënt leest P-regel in systeem na 2 dagen"),  # H:L2448-2451
                N_("POH en Patiënt bespreken uitslag tijdens consult"),  # H:L2453-2457
                N_("Patiënt ontvangt bericht via Isala dat uitslag binnen is en belt DA"),  # H:L2513-2519
            ),
            roles=(N_("Patiënt"), N_("DA"), N_("POH")),  # as the four boxes name them
            uncertain=("Mijn MGM",),  # "Mijn MGM?" H:L2582
            notes=(
                (WENS, N_("Voorkeursoptie")),  # H:L2474-2475
                (WENS, N_("Patiënt kan ook een e-consult starten")),  # H:L2476-2479
                (
                    VERBETEREN,
                    # H:L2552-2561
                    N_(
                        "Patiënt op de hoogte brengen dat uitslag 2 dgn duurt en via MGN in te zien is, dus niet "
                        "bellen! HA belt alleen indien uitslag slecht is"
                    ),
                ),
                (
                    VERBETEREN,
                    # H:L2563-2570 ("meet": sic, the handbook's spelling)
                    N_(
                        "Doel is dat patiënt niet meet belt naar DA. Uitleggen tijdens consult dat uitslag 2 dagen "
                        "duurt"
                    ),
                ),
                (
                    VERBETEREN,
                    # H:L2571-2576
                    N_("Patiënt kan de uitslag zien, maar er is nog geen (RE)actie aan gekoppeld van HA."),
                ),
                (VERBETEREN, N_("DA instrueren dat ze vasthouden aan de afspraak van 2 dagen")),  # H:L2577-2580
            ),
        ),
    ],
)

# --- Terugkoppelen Labuitslagen: the desired process, H:L2583-2663 ---------------------------

LAB_DESIRED = _view(
    N_("Terugkoppelen Labuitslagen"),  # H:L2583-2584
    "",  # no start stated: three starting boxes (numbered 1-3)
    "",  # no end stated: four closing boxes
    [
        _step(
            N_("Lab aanvragen"),  # app's own name, as in the current process
            alternatives=(
                N_("HA of assistent vraagt lab aan. Patiënt uitleggen dat uitslag 2 dagen duurt."),  # H:L2589-2596
                N_("POH vraagt lab aan"),  # H:L2615-2616
                N_("Patiënt vraagt lab aan (chronische zorg)"),  # H:L2643-2647; "1", "2", "3" H:L2639-2649
            ),
            roles=(N_("HA"), N_("assistent"), N_("POH"), N_("Patiënt")),  # as the three boxes name them
            systems=("Mijn Zorgdomein",),  # H:L2598, H:L2618
            notes=(
                (VERBETEREN, N_("Standaard brief")),  # H:L2651-2652
                (VERBETEREN, N_("Verlengen duur labformulier?")),  # H:L2653-2655
            ),
        ),
        _step(N_("Labuitslag komt binnen"), systems=("Edifact",)),  # H:L2620-2621, system H:L2623
        _step(
            N_("HA leest labuitslag en voert actie in in P-regel en koppelt lab"),  # H:L2632-2637
            roles=(N_("HA"),),
            systems=("Medicom",),  # H:L2657 or H:L2659
            uncertain=("Mijn MGM",),  # "Mijn MGM?" H:L2661 or H:L2663
        ),
        _step(
            N_("Terugkoppelen uitslag"),  # app's own name, as in the current process
            alternatives=(
                N_("Patiënt kan e-consult starten"),  # H:L2600-2601
                N_("'Goede’ uitslag: Patiënt leest P-regel in systeem na 2 dagen"),  # H:L2603-2607 (its quotes)
                N_("POH en Patiënt bespreken uitslag tijdens consult"),  # H:L2609-2613
                N_("Afwijking: Huisarts belt patiënt ivm uitslag lab"),  # H:L2625-2628
            ),
            roles=(N_("Patiënt"), N_("POH"), N_("Huisarts")),  # as the four boxes name them
            systems=("Medicom",),  # H:L2630 (and H:L2657 or H:L2659)
            uncertain=("Mijn MGM",),  # "Mijn MGM?" H:L2661 or H:L2663
        ),
    ],
)

# --- Triage en plannen afspraak: the desired process, H:L2767-2810 and H:L2811-2923 -------------

TRIAGE_DESIRED = _view(
    # H:L2768 "gewenst proces triage en plannen afspraak"; the capital T is the app's (a title)
    N_("Triage en plannen afspraak"),
    N_("Patiënt heeft een zorgvraag en bezoekt website"),  # the first box, H:L2775-2779
    N_("Verwerken in dossier patiënt"),  # the last box, H:L2809-2810
    [
        _step(N_("Patiënt heeft een zorgvraag en bezoekt website"), roles=(N_("Patiënt"),)),  # H:L2775-2779
        _step(
            # H:L2819-2823 ("check symptoom" on the slide without possibilities, H:L2781-2784)
            N_("Patiënt vult vragenlijst in en checkt symptoom"),
            roles=(N_("Patiënt"),),
            notes=(
                (MOGELIJKHEDEN, N_("Via moet ik naar de dokter.nl")),  # H:L2836-2840
                (MOGELIJKHEDEN, N_("Eigen vragenlijst")),  # H:L2842
                (MOGELIJKHEDEN, N_("Mogelijkheid om te chatten met chatbot")),  # H:L2843-2846
                (MOGELIJKHEDEN, N_("Mogelijkheid om te chatten met (externe) zorgverlener")),  # H:L2847-2850
            ),
        ),
        _step(
            N_("Uitvoeren triage"),  # H:L2786-2787, H:L2825-2826
            notes=(
                (MOGELIJKHEDEN, N_("Door AI")),  # H:L2865-2866
                (MOGELIJKHEDEN, N_("Door AI en chatbot")),  # H:L2867-2869
                (MOGELIJKHEDEN, N_("Door AI en controle door DA")),  # H:L2870-2873
                (MOGELIJKHEDEN, N_("Kan gaan om urgentie, doorverwijzen, diagnose")),  # H:L2875-2878
            ),
        ),
        _step(
            N_("Vervolg na triage"),  # app's own name: the handbook's column has only its three numbered boxes
            alternatives=(
                N_("Afspraak voorstellen"),  # H:L2789-2790, H:L2828-2829
                N_("Zelfzorgadvies"),  # H:L2792, H:L2831
                N_("Opstarten e-consult"),  # H:L2800-2801, H:L2905-2906; "1", "2", "3" H:L2803-2807
            ),
            notes=(
                (MOGELIJKHEDEN, N_("AI stelt mogelijkheden uit agenda voor")),  # H:L2880-2884
                (MOGELIJKHEDEN, N_("Aparte agenda nodig")),  # H:L2886-2887
                # H:L2892-2896: possibilities of the "Zelfzorgadvies" box (their place is not in the
                # text; they are about that box). "thuis-\ndokter.nl" is one word broken at a line end.
                (MOGELIJKHEDEN, N_("Zelfzorgadvies op maat door AI")),  # H:L2893-2894
                (MOGELIJKHEDEN, N_("Link naar thuisdokter.nl")),  # H:L2895-2896
            ),
        ),
        _step(
            N_("Checken gegevens HIS"),  # H:L2793-2795, H:L2832-2834
            notes=(
                (MOGELIJKHEDEN, N_("Link tussen tool en HIS: automatische check")),  # H:L2853-2857
                (MOGELIJKHEDEN, N_("Geen link met His, dan moet deze stap door DA uitgevoerd worden")),  # H:L2859-2863
            ),
        ),
        _step(
            N_("Comm. naar patiënt"),  # H:L2796-2798, H:L2889-2890 (the handbook's abbreviation)
            notes=(
                (MOGELIJKHEDEN, N_("SMS")),  # H:L2898-2899
                (MOGELIJKHEDEN, N_("Mail met agendavoorstel en zelfzorgadvies")),  # H:L2900-2903
            ),
        ),
        _step(
            N_("Verwerken in dossier patiënt"),  # H:L2809-2810, H:L2914-2915
            notes=(
                (MOGELIJKHEDEN, N_("Integratie met HIS")),  # H:L2917-2920
                (MOGELIJKHEDEN, N_("Geen integratie, dan knip/plak")),  # H:L2921-2923
            ),
        ),
    ],
)

# ``views``: what each view starts as (None: no such view yet); ``active``: the view shown first.
PRESETS: dict[str, dict[str, Any]] = {
    "leeg": {
        "title": N_("Leeg proces"),
        "views": {"huidig": _view("", "", "", []), "gewenst": None},
        "active": "huidig",
    },
    "labuitslagen": {
        "title": N_("Terugkoppelen labuitslagen"),
        "views": {"huidig": LAB_CURRENT, "gewenst": LAB_DESIRED},
        "active": "huidig",
    },
    "triage": {
        "title": N_("Analyse en optimalisatie triageproces"),  # H:L2767
        # H:L2767-2768: "Resultaat uitwerking gewenst proces": the handbook has no current triage process.
        "views": {"huidig": _view("", "", "", []), "gewenst": TRIAGE_DESIRED},
        "active": "gewenst",
    },
}
