"""Session templates from the handbook's example agendas.

An item whose work format is not installed is left out, so a template grows
as work formats land without editing this list. Texts are Dutch msgids, given
out in the current language (app/i18n.py).

Each template carries the handbook's "Doel" lines (``goals``: the PDF cover, the facilitator
page and the opening slide) and its "Wat moet er worden overwogen?" for that meeting
(``preparation``: the facilitator's "Voorbereiding" checklist, ticked per session in
app/meeting.py). Each text keeps its handbook line reference (H:L…) in a comment.
"""

from __future__ import annotations

from typing import Any

from app.i18n import lazy_gettext as _l
from app.i18n import translate
from app.registry import Registry

# The two working-group sessions of Stap 1.4 b. share their aims and their preparation points;
# the meeting that explores the solution (Stap 1.4's appendix) has the same points.
WERKGROEP_GOALS = (
    # H:L732-734 (Stap 1.4, Activiteiten)
    _l("Deze sessies zijn bedoeld om de impact op alle functies te verkennen en input te verzamelen."),
    # H:L820-822 (Resultaat)
    _l(
        "Inzicht in hoe de oplossing wordt ontvangen door medewerkers van verschillende functies en welke "
        "aanpassingen nodig zijn om de oplossing goed te kunnen implementeren."
    ),
)

# H:L800-816: Stap 1.4, activiteit b. Interactieve werkgroepbijeenkomsten, "Wat moet er worden overwogen?"
WERKGROEP_PREPARATION = (
    (
        "doel",
        _l(
            "De doelstelling van de sessies: De sessies moeten een duidelijk doel hebben, namelijk het "
            "verkennen van de impact van de oplossing op verschillende functies en het verzamelen van "
            "gedetailleerde input."
        ),
    ),
    (
        "deelnemers",
        _l(
            "Deelnemers en dynamiek: Betrek medewerkers die direct impact ervaren van de veranderingen, maar "
            "zorg voor een representatieve groep van verschillende functies en ervaringsniveaus."
        ),
    ),
    (
        "interactiviteit",
        _l(
            "Interactiviteit: De sessies moeten interactief zijn, waarbij iedereen de kans krijgt om zijn of "
            "haar ideeën en zorgen te delen. Werkvormen zoals brainstormen of kleine groepsdiscussies kunnen "
            "nuttig zijn."
        ),
    ),
    (
        "haalbaarheid",
        _l(
            "Impact en haalbaarheid: Naast het verzamelen van input moet de sessie ook bijdragen aan het "
            "identificeren van de haalbaarheid van de oplossing en het verkennen van de benodigde aanpassingen."
        ),
    ),
)

TEMPLATES: list[dict[str, Any]] = [
    {
        # The handbook's example (Stap 1.2, "Kick-off bijeenkomst", Duur 1 uur). It gives no time per
        # item; the minutes follow its own work format pages (uitdagingen en kansen: 5 + 5 + 20) and
        # add up to the hour.
        "slug": "kick-off",
        "title": _l("Kick-off bijeenkomst"),
        "duration_minutes": 60,
        # H:L1973-1975
        "goals": [
            _l("Mensen enthousiasmeren over het traject"),
            _l("Eerste inzicht in de wensen van de praktijk"),
            _l("Toelichting van het traject: doel, resultaat, plan van aanpak, gevraagde inzet van deelnemers"),
        ],
        # H:L763-779: Stap 1.4, activiteit a. Kick-off bijeenkomst, "Wat moet er worden overwogen?"
        "preparation": [
            (
                "betrokkenheid",
                _l(
                    "Volledige betrokkenheid: Zorg ervoor dat alle medewerkers de kans krijgen om aanwezig te zijn en "
                    "zich betrokken te voelen bij het traject. Dit is essentieel voor het creëren van draagvlak en "
                    "gezamenlijke verantwoordelijkheid."
                ),
            ),
            (
                "doelen",
                _l(
                    "Communicatie van doelen: De sessie moet helder maken waarom het traject belangrijk is voor de "
                    "praktijk, wat de doelstellingen zijn en wat de verwachte voordelen zijn."
                ),
            ),
            (
                "interactiviteit",
                _l(
                    "Interactiviteit: Zorg ervoor dat de bijeenkomst interactief is, zodat medewerkers niet alleen "
                    "informatie ontvangen, maar ook vragen kunnen stellen, zorgen kunnen uiten en feedback kunnen "
                    "geven."
                ),
            ),
            (
                "tijd",
                _l(
                    "Tijd en aandacht: De bijeenkomst moet goed gepland zijn, zodat er voldoende tijd is voor "
                    "discussie zonder dat medewerkers het gevoel krijgen dat het een lange en ineffectieve sessie is."
                ),
            ),
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
        # Handbook Stap 1.2, activiteit b. Praktijkhouders-bijeenkomst (H:L512-542): "Tijdens een
        # interactieve sessie met de praktijkhouders worden de belangrijkste uitdagingen en kansen voor de
        # praktijk besproken." The handbook gives no duration or items; the items follow its own work format
        # pages (uitdagingen en kansen: 5 + 5 + 20), the other minutes are the app's own.
        "slug": "praktijkhouders-analyse",
        "title": _l("Praktijkhouders-bijeenkomst: analyse huidige situatie"),
        "duration_minutes": 60,
        "goals": [
            # H:L534-536 ("Welke resultaten moeten worden behaald?")
            _l(
                "Het doel is om een gezamenlijke visie te vormen en duidelijke uitdagingen en kansen in kaart te "
                "brengen."
            ),
            # H:L451-453 (Stap 1.2, activiteit b.)
            _l("Bespreek de huidige situatie, breng uitdagingen in kaart en verken mogelijke kansen."),
        ],
        # H:L524-536: Stap 1.2, activiteit b., "Wat moet er worden overwogen?"
        "preparation": [
            (
                "deelnemers",
                _l(
                    "Wie neemt deel aan de sessie? Zorg ervoor dat de juiste mensen aan tafel zitten, zoals de "
                    "praktijkhouders en eventueel andere belangrijke teamleden, zodat alle perspectieven "
                    "vertegenwoordigd zijn."
                ),
            ),
            (
                "themas",
                _l(
                    "Wat zijn de belangrijkste thema’s? Denk aan zowel de uitdagingen als de kansen die de praktijk "
                    "ziet, en betrek alle relevante onderwerpen in de discussie."
                ),
            ),
            (
                "begeleiding",
                _l(
                    "Hoe wordt de sessie gefaciliteerd? Zorg voor een goede begeleiding zodat iedereen zijn input kan "
                    "geven en de sessie gestructureerd blijft."
                ),
            ),
            (
                "resultaten",
                _l(
                    "Welke resultaten moeten worden behaald? Het doel is om een gezamenlijke visie te vormen en "
                    "duidelijke uitdagingen en kansen in kaart te brengen."
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Doel van de bijeenkomst"),
                # H:L515-517
                "body": _l(
                    "Aangezien elke deelnemer vanuit zijn eigen perspectief bijdraagt, is de input van iedereen "
                    "essentieel voor het creëren van een gedragen en compleet resultaat."
                ),
                "config": {"show_goals": True},
                "minutes": 5,
            },
            # H:L516-517: "een gezamenlijke visie voor de toekomst van de praktijk"; the kick-off's question (H:L1980)
            {"workform": "kennismaken", "prompt": _l("Wat is jullie droom voor de toekomst?"), "minutes": 15},
            {
                "workform": "uitdagingen-en-kansen",
                # H:L1982
                "prompt": _l("Uitdagingen: Welke problemen ervaren jullie? En welke kansen zie je?"),
                "minutes": 30,
            },
            {
                "workform": "actieplan",
                "title": _l("Vervolg en afsluiting"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 10,
            },
        ],
    },
    {
        "slug": "visie-en-strategie",
        "title": _l("Bijeenkomst visie en strategie"),
        "duration_minutes": 120,
        # H:L2063: the handbook's own Doel line for this meeting. It repeats the kick-off's third line
        # (H:L1975) word for word; it is still what the handbook says, so the app does not invent another.
        "goals": [
            _l("Toelichting van het traject: doel, resultaat, plan van aanpak, gevraagde inzet van deelnemers"),
        ],
        # H:L613-629: Stap 1.3 (whose appendix, "pagina 68", is this meeting), activiteit a.,
        # "Wat moet er worden overwogen?"
        "preparation": [
            (
                "perspectieven",
                _l(
                    "De diversiteit van perspectieven: Zorg ervoor dat de verschillende rollen zich kunnen uitspreken, "
                    "van strategisch management tot operationele betrokkenheid. Dit helpt om een breed scala aan "
                    "ideeën en zorgen te verzamelen."
                ),
            ),
            (
                "haalbaarheid",
                _l(
                    "Focus op de haalbaarheid: Het doel van de sessie is om realistische oplossingsrichtingen te "
                    "onderzoeken. Het is belangrijk om niet alleen innovatieve, maar ook uitvoerbare oplossingen te "
                    "overwegen."
                ),
            ),
            (
                "tijd",
                _l(
                    "Tijd en prioriteiten: De sessie moet effectief worden geleid, zodat er voldoende tijd is voor "
                    "zowel het verkennen van ideeën als het maken van een weloverwogen keuze."
                ),
            ),
            (
                "verwachtingen",
                _l(
                    "Verwachtingsmanagement: Het is belangrijk dat de deelnemers begrijpen dat dit een verkennende "
                    "sessie is, zonder dat er meteen beslissingen hoeven te worden genomen. Het doel is om opties in "
                    "kaart te brengen, niet om te kiezen."
                ),
            ),
        ],
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
                # The slide shows what it says: the goals and what the meeting decided.
                "config": {"show_goals": True, "show_outcomes": True},
                "minutes": 5,
            },
        ],
    },
    {
        # Handbook Stap 1.3, activiteit a. Praktijkhouders-bijeenkomst (H:L599-635): "Organiseer een sessie met
        # de praktijkhouders en de praktijkmanager om mogelijke oplossingsrichtingen te verkennen." The handbook
        # gives no duration or items; the minutes are the app's own.
        "slug": "praktijkhouders-oplossingsrichtingen",
        "title": _l("Praktijkhouders-bijeenkomst: exploreren oplossingsrichting"),
        "duration_minutes": 90,
        "goals": [
            # H:L549-551 (Stap 1.3, Doel)
            _l(
                "Het doel is het verzamelen van mogelijke oplossingsrichtingen welke passen bij de visie van de "
                "praktijk die verder kunnen worden uitgewerkt en getest."
            ),
            # H:L633 (Resultaat)
            _l(
                "Een verzameling van mogelijke oplossingsrichtingen, waarvan de meest veelbelovende verder worden "
                "onderzocht."
            ),
        ],
        # H:L613-629: Stap 1.3, activiteit a., "Wat moet er worden overwogen?"
        "preparation": [
            (
                "perspectieven",
                _l(
                    "De diversiteit van perspectieven: Zorg ervoor dat de verschillende rollen zich kunnen uitspreken, "
                    "van strategisch management tot operationele betrokkenheid. Dit helpt om een breed scala aan "
                    "ideeën en zorgen te verzamelen."
                ),
            ),
            (
                "haalbaarheid",
                _l(
                    "Focus op de haalbaarheid: Het doel van de sessie is om realistische oplossingsrichtingen te "
                    "onderzoeken. Het is belangrijk om niet alleen innovatieve, maar ook uitvoerbare oplossingen te "
                    "overwegen."
                ),
            ),
            (
                "tijd",
                _l(
                    "Tijd en prioriteiten: De sessie moet effectief worden geleid, zodat er voldoende tijd is voor "
                    "zowel het verkennen van ideeën als het maken van een weloverwogen keuze."
                ),
            ),
            (
                "verwachtingen",
                _l(
                    "Verwachtingsmanagement: Het is belangrijk dat de deelnemers begrijpen dat dit een verkennende "
                    "sessie is, zonder dat er meteen beslissingen hoeven te worden genomen. Het doel is om opties in "
                    "kaart te brengen, niet om te kiezen."
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Visie van de praktijk"),
                # H:L603-605
                "body": _l(
                    "Tijdens de bijeenkomst worden de verschillende opties besproken en wordt ingegaan op de impact "
                    "van elke keuze voor de praktijk."
                ),
                "config": {"show_goals": True, "show_carried": True},
                "minutes": 10,
            },
            {
                "workform": "impact-inspanning",
                "title": _l("Mogelijke oplossingsrichtingen"),
                "prompt": _l("Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?"),
                "minutes": 50,
            },
            # H:L617: "een breed scala aan ideeën en zorgen"
            {"workform": "vragen-en-zorgen", "minutes": 20},
            {
                "workform": "toelichting",
                "title": _l("Afronding"),
                # H:L629
                "body": _l("Het doel is om opties in kaart te brengen, niet om te kiezen."),
                "config": {"show_outcomes": True},
                "minutes": 10,
            },
        ],
    },
    {
        "slug": "oplossingsrichting",
        "title": _l("Bijeenkomst verkennen oplossingsrichting"),
        "duration_minutes": 120,
        # H:L2276
        "goals": [_l("Toetsen en verfijnen oplossingsrichting")],
        # H:L800-816: Stap 1.4 (whose appendix, "pagina 77", is this meeting), activiteit b.
        # Interactieve werkgroepbijeenkomsten, "Wat moet er worden overwogen?"
        "preparation": list(WERKGROEP_PREPARATION),
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Ambitie en doelstellingen (recap bijeenkomst 1)"),
                "body": _l("Waar staan we? De ambitie en doelstellingen uit de vorige bijeenkomst."),
                "config": {"show_goals": True, "show_carried": True},
                "minutes": 10,
            },
            {
                # The interviews of Stap 1.3 (H:L638-674): their themes per question open the item
                # that tests the solution "op basis van interviews" (H:L2281); carried over from
                # the earlier meeting of the trajectory that recorded them. Title: app's own text.
                "workform": "interviews",
                "title": _l("Thema's uit de interviews"),
                "phase": "themas",
                "minutes": 10,
            },
            {
                "workform": "impact-inspanning",
                "title": _l("Toetsen oplossingsrichting op basis van interviews"),
                "prompt": _l("Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?"),
                "minutes": 30,
            },
            {"workform": "processen-en-ict", "title": _l("Uitwerken proces en ICT"), "minutes": 40},
            {"workform": "actieplan", "title": _l("Actieplan"), "minutes": 30},
        ],
    },
    {
        # Handbook Stap 1.4, activiteit b. Interactieve werkgroepbijeenkomsten (H:L730-734, L792-826): "Houd twee
        # sessies waarin de vraag centraal staat: Wat betekent de realisatie van de voorgestelde oplossingsrichting
        # voor de verschillende functies binnen de praktijk?" This is the first; per-functie asks that question
        # (its default prompt, H:L792-794). The handbook gives no duration or items; the minutes are the app's own.
        "slug": "werkgroep-1",
        "title": _l("Interactieve werkgroepbijeenkomst 1"),
        "duration_minutes": 60,
        "goals": list(WERKGROEP_GOALS),
        "preparation": list(WERKGROEP_PREPARATION),
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("De voorgestelde oplossingsrichting"),
                # app's own text
                "body": _l("Welke oplossingsrichting stellen we voor, en waarom? Wat betekent die voor jouw werk?"),
                "config": {"show_carried": True},
                "minutes": 10,
            },
            {"workform": "per-functie", "minutes": 30},
            # H:L810-811: "waarbij iedereen de kans krijgt om zijn of haar ideeën en zorgen te delen"
            {"workform": "vragen-en-zorgen", "minutes": 15},
            {
                "workform": "actieplan",
                "title": _l("Vervolg en afsluiting"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 5,
            },
        ],
    },
    {
        # The second working-group session of Stap 1.4 b. (H:L730-734): the same question again, now with the first
        # session's notes on the board, then the adjustments the solution needs (H:L814-816) and their planning
        # (H:L822-824). The minutes are the app's own.
        "slug": "werkgroep-2",
        "title": _l("Interactieve werkgroepbijeenkomst 2"),
        "duration_minutes": 90,
        "goals": list(WERKGROEP_GOALS),
        "preparation": list(WERKGROEP_PREPARATION),
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Terugblik op de eerste werkgroepbijeenkomst"),
                # app's own text
                "body": _l(
                    "Wat kwam er per functie naar voren, en wat is er sindsdien met de oplossingsrichting gebeurd?"
                ),
                "config": {"show_carried": True},
                "minutes": 10,
            },
            {"workform": "per-functie", "minutes": 30},
            {
                "workform": "impact-inspanning",
                "title": _l("Benodigde aanpassingen"),
                # app's own question, after H:L820-822 (Resultaat)
                "prompt": _l("Welke aanpassingen zijn nodig om de oplossing goed te kunnen implementeren?"),
                "minutes": 30,
            },
            {
                "workform": "actieplan",
                "title": _l("Praktische uitvoering"),
                # app's own question, after H:L822-824 ("de praktische uitvoering van de oplossing te plannen")
                "prompt": _l("Wie pakt welke aanpassing op, en wanneer?"),
                "minutes": 20,
            },
        ],
    },
    {
        # Handbook Stap 1.5, activiteit a. Praktijkhouder-bijeenkomst (H:L912-954): "Organiseer een sessie waarin
        # de concrete verwachtingen en implicaties van de voorgestelde oplossingsrichting worden besproken." The
        # handbook gives no duration or items; the minutes are the app's own.
        "slug": "praktijkhouders-oplossing",
        "title": _l("Praktijkhouders-bijeenkomst: onderzoeken van de oplossing"),
        "duration_minutes": 90,
        "goals": [
            # H:L916-918
            _l(
                "De praktijkhouders en de praktijkmanager moeten hierbij inzicht krijgen in wat de implementatie van "
                "de oplossing vraagt van de praktijk, welke middelen en tijd daarvoor nodig zijn, en welke "
                "uitdagingen er mogelijk zijn."
            ),
            # H:L864-866 (Stap 1.5, Doel)
            _l(
                "Er moeten duidelijke afspraken worden gemaakt over de uitvoering van de oplossing om ervoor te "
                "zorgen dat de implementatie soepel verloopt en goed gecoördineerd is."
            ),
        ],
        # H:L926-946: Stap 1.5, activiteit a., "Wat moet er worden overwogen?"
        "preparation": [
            (
                "focus",
                _l(
                    "De focus van de sessie: De sessie moet niet alleen de technische details van de oplossing "
                    "behandelen, maar ook de impact op processen en medewerkers. Dit zorgt ervoor dat de "
                    "praktijkhouders en de praktijkmanagers een volledig beeld hebben van wat er moet gebeuren voor "
                    "de implementatie."
                ),
            ),
            (
                "aanwezigheid",
                _l(
                    "De aanwezigheid van de juiste personen: Het is belangrijk dat de besluitvormers aanwezig zijn, "
                    "zoals de praktijkhouders, maar ook andere mensen die direct betrokken zullen zijn bij de "
                    "implementatie (bijvoorbeeld de praktijkmanager of medewerkers die de oplossing in de praktijk "
                    "gaan toepassen)."
                ),
            ),
            (
                "verwachtingen",
                _l(
                    "Communicatie van verwachtingen: Zorg ervoor dat vooraf duidelijk is wat het doel van de sessie "
                    "is: het verkrijgen van een gezamenlijk begrip van de oplossing en de implicaties voor de praktijk."
                ),
            ),
            (
                "begeleiding",
                _l(
                    "Begeleiding van de sessie: Er moet voldoende ruimte zijn voor discussie, maar ook een duidelijke "
                    "structuur om ervoor te zorgen dat alle belangrijke aspecten van de oplossing besproken worden."
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("De voorgestelde oplossingsrichting"),
                # app's own text
                "body": _l("Wat stellen we voor, en wat vraagt dat van de praktijk?"),
                "config": {"show_carried": True},
                "minutes": 10,
            },
            # H:L928-930: "niet alleen de technische details van de oplossing ..., maar ook de impact op processen"
            {"workform": "processen-en-ict", "title": _l("Uitwerken proces en ICT"), "minutes": 40},
            {
                "workform": "vragen-en-zorgen",
                "title": _l("Middelen, tijd en uitdagingen"),
                # app's own question, after H:L918
                "prompt": _l("Welke middelen en tijd zijn nodig, en welke uitdagingen zijn er mogelijk?"),
                "minutes": 25,
            },
            {
                "workform": "actieplan",
                "title": _l("Afspraken over de uitvoering"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 15,
            },
        ],
    },
    {
        # Handbook Stap 1.5, activiteit d. Beslismoment oplossing/leverancier (H:L1025-1059). Praktijkhouders and
        # the practice manager decide; the project leader guides (H:L1033-1035). The handbook gives no duration or
        # items; the minutes are the app's own.
        "slug": "beslismoment",
        "title": _l("Beslismoment oplossing/leverancier"),
        "duration_minutes": 90,
        "goals": [
            # H:L1025-1027
            _l(
                "Er wordt een beslismoment ingepland om te bepalen welke oplossing, welk proces of welke leverancier "
                "het beste aansluit bij de behoeften van de praktijk."
            ),
            # H:L1057 (Resultaat)
            _l(
                "Een formele beslissing over de gekozen oplossing en leverancier, inclusief een plan voor de volgende "
                "stappen in de implementatie."
            ),
        ],
        # H:L1037-1053: Stap 1.5, activiteit d., "Wat moet er worden overwogen?"
        "preparation": [
            (
                "opties",
                _l(
                    "Vergelijking van opties: Zorg ervoor dat de verschillende oplossingsrichtingen en leveranciers "
                    "objectief worden vergeleken, met nadruk op de praktische haalbaarheid, kosten, en de impact op de "
                    "praktijk."
                ),
            ),
            (
                "stakeholders",
                _l(
                    "Betrokkenheid van relevante stakeholders: Zorg ervoor dat alle belangrijke belanghebbenden (zoals "
                    "medewerkers, leveranciers en externe adviseurs) hun input hebben kunnen leveren voordat de "
                    "uiteindelijke beslissing wordt genomen."
                ),
            ),
            (
                "risicoanalyse",
                _l(
                    "Risicoanalyse: Overweeg de risico’s die gepaard gaan met de implementatie van de gekozen "
                    "oplossing en leverancier. Wat zijn de mogelijke obstakels en hoe kunnen deze worden overwonnen?"
                ),
            ),
            (
                "duurzaamheid",
                _l(
                    "Duurzaamheidsfactoren: Let niet alleen op de korte termijn, maar ook op de lange termijn: is de "
                    "gekozen oplossing toekomstbestendig voor de praktijk?"
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("De opties"),
                # H:L1027-1029
                "body": _l(
                    "Tijdens dit moment worden de verschillende opties geëvalueerd op basis van de informatie die "
                    "tijdens de praktijkhouders-sessie en de gesprekken met medewerkers en/of leveranciers is "
                    "verzameld."
                ),
                "config": {"show_carried": True},
                "minutes": 10,
            },
            {
                "workform": "impact-inspanning",
                # H:L1039 (the point's name)
                "title": _l("Vergelijking van opties"),
                # app's own question, after H:L1039-1041
                "prompt": _l(
                    "Hoe verhouden de opties zich in praktische haalbaarheid, kosten en impact op de praktijk?"
                ),
                "minutes": 30,
            },
            {
                "workform": "vragen-en-zorgen",
                # H:L1047 (the point's name)
                "title": _l("Risicoanalyse"),
                # H:L1048-1049
                "prompt": _l("Wat zijn de mogelijke obstakels en hoe kunnen deze worden overwonnen?"),
                "minutes": 20,
            },
            {
                "workform": "actieplan",
                "title": _l("Besluit en volgende stappen"),
                # app's own question, after H:L1057
                "prompt": _l("Welke oplossing en leverancier kiezen we, en wat zijn de volgende stappen?"),
                "minutes": 30,
            },
        ],
    },
    {
        # Handbook Stap 1.6 (Presenteren), activiteit a. praktijkbijeenkomst (H:L1093-1135): the solution and the
        # agreements presented to the whole practice, with room for expectations, concerns and questions. The
        # handbook gives no duration or items; the minutes are the app's own.
        "slug": "praktijkbijeenkomst-presenteren",
        "title": _l("Praktijkbijeenkomst: presenteren"),
        "duration_minutes": 60,
        # H:L1066-1070: Stap 1.6, Doel
        "goals": [
            _l(
                "Het doel van deze stap is om duidelijkheid te bieden aan de praktijk over wat zij de komende tijd "
                "kunnen verwachten en hen goed voor te bereiden op de implementatie van de oplossing."
            ),
            _l(
                "Het is belangrijk dat alle medewerkers goed geïnformeerd zijn over de gekozen oplossing, de impact "
                "ervan, en wat hun rol is in de uitvoering ervan."
            ),
        ],
        # H:L1105-1127: Stap 1.6, "Wat moet er worden overwogen?", each point whole
        "preparation": [
            (
                "tijd-en-locatie",
                _l(
                    "Tijd en locatie: Alle medewerkers moeten de kans krijgen om aanwezig te zijn en deel te nemen, "
                    "zodat iedereen goed geïnformeerd is over de veranderingen en hun rol daarin. Kies een geschikt "
                    "tijdstip voor de bijeenkomst, zodat de meeste medewerkers kunnen deelnemen zonder hun werkdruk te "
                    "veel te verhogen."
                ),
            ),
            (
                "communicatie",
                _l(
                    "Communicatie vanuit het probleem of de ontwikkelkans: Het is essentieel om de verandering te "
                    "communiceren vanuit het probleem dat opgelost moet worden of de ontwikkelkans die wordt gezien. "
                    "Dit sluit aan bij de denkwijze van medewerkers, waardoor ze beter begrijpen waarom de verandering "
                    "nodig is en hoe deze hen kan helpen in hun werk. Dit zorgt voor meer acceptatie en betrokkenheid."
                ),
            ),
            (
                "interactiviteit",
                _l(
                    "Interactiviteit: Geef medewerkers de ruimte om vragen te stellen, zodat ze zich gehoord voelen "
                    "en eventuele zorgen kunnen worden weggenomen. Dit kan helpen om weerstand tegen verandering te "
                    "verminderen."
                ),
            ),
            (
                "leverancier",
                _l(
                    "Voorbereiding van de leverancier: Als de leverancier aanwezig is, zorg dan dat zij goed "
                    "voorbereid zijn om technische details en implementatievragen te beantwoorden."
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("De oplossing en de afspraken"),
                # app's own text
                "body": _l("Welk probleem of welke kans pakken we aan, wat is de oplossing en wat is er afgesproken?"),
                "minutes": 20,
            },
            {"workform": "vragen-en-zorgen", "minutes": 30},
            {
                "workform": "actieplan",
                "title": _l("Vervolg en afsluiting"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 10,
            },
        ],
    },
    {
        # Handbook Stap 2.2, activiteit a. Evaluatie met betrokkenen (H:L1472-1474, L1499-1525): "geef ruimte aan
        # medewerkers, patiënten en andere betrokkenen om te laten weten hoe het gaat." Short on purpose: the
        # handbook asks for low-threshold moments, e.g. at lunch or a coffee break (H:L1515-1517). The handbook
        # gives no duration or items; the minutes are the app's own.
        "slug": "evaluatie-met-betrokkenen",
        "title": _l("Evaluatie met betrokkenen"),
        "duration_minutes": 30,
        "goals": [
            # H:L1503-1505
            _l(
                "Feedback wordt verzameld om te zorgen dat frustraties niet oplopen en de implementatie succesvol "
                "kan worden voortgezet."
            ),
            # H:L1523 (Resultaat)
            _l("De praktijk heeft helder inzicht in de voortgang van de implementatie en kan waar nodig bijsturen."),
        ],
        # H:L1511-1519: Stap 2.2, activiteit a., "Wat moet er worden overwogen?"
        "preparation": [
            (
                "frequentie",
                _l(
                    "Frequentie van evaluatie: Hoe vaak wordt er geëvalueerd? Denk aan wekelijkse of maandelijkse "
                    "evaluaties."
                ),
            ),
            (
                "methoden",
                _l(
                    "Methoden voor feedback: Via enquêtes, gesprekken of groepssessies. Zorg ervoor dat er "
                    "laagdrempelige momenten zijn voor evaluaties, bijvoorbeeld door dit bespreekbaar te maken tijdens "
                    "lunch of koffiepauzes."
                ),
            ),
            (
                "actie",
                _l(
                    "Directe actie: Zorg ervoor dat er daadwerkelijk actie ondernomen wordt naar aanleiding van de "
                    "feedback."
                ),
            ),
        ],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Hoe gaat het?"),
                # app's own text
                "body": _l("We kijken samen hoe de implementatie verloopt. Wat we vandaag horen, pakken we direct op."),
                "minutes": 5,
            },
            {
                "workform": "sterk-verbeterpunt",
                "title": _l("Hoe verloopt de implementatie?"),
                # app's own question, after H:L1501-1503 ("hoe de implementatie verloopt en waar zij tegenaan lopen")
                "prompt": _l("Hoe verloopt de implementatie, en waar lopen jullie tegenaan?"),
                "minutes": 15,
            },
            {
                "workform": "actieplan",
                # H:L1519 (the point's name)
                "title": _l("Directe actie"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 10,
            },
        ],
    },
    {
        # Handbook Fase 3 (Stap 3.1): the process evaluation with the questionnaire of its appendix.
        "slug": "procesevaluatie",
        "title": _l("Procesevaluatie"),
        "duration_minutes": 40,
        # app's own text: the handbook's Fase 3 gives no meeting with a Doel line (Stap 3.1, H:L1775-1781,
        # describes the step's aim in other words).
        "goals": [_l("Terugkijken op het doorlopen proces: wat ging goed en wat kan beter")],
        # No "Wat moet er worden overwogen?" in the handbook's Fase 3: no checklist.
        "preparation": [],
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
            # The questionnaire (Stap 3.1 b), then the goals: expected vs achieved (Stap 3.1 c).
            {"workform": "evaluatie", "title": _l("Vragenlijst procesevaluatie"), "minutes": 25},
            {
                "workform": "toelichting",
                "title": _l("Vervolg"),
                "body": _l("Wat nemen we mee uit de evaluatie, en wie doet wat?"),
                "minutes": 10,
            },
        ],
    },
    {
        # Handbook Fase 3, Stap 3.2 "Bundelen procesevaluatie" (H:L1818-1850): "Een bijeenkomst met de
        # betrokken projectgroep om de opgehaalde feedback te bespreken en verbeterpunten te identificeren."
        # The handbook gives no times; the minutes are the app's.
        "slug": "bundelen-procesevaluatie",
        "title": _l("Bundelen procesevaluatie"),
        "duration_minutes": 60,
        # H:L1830 and H:L1842 (activities a and d of Stap 3.2)
        "goals": [_l("Samenvatten van bevindingen"), _l("Opstellen van een verbeterplan")],
        # No "Wat moet er worden overwogen?" in the handbook's Fase 3: no checklist.
        "preparation": [],
        "agenda": [
            {
                "workform": "toelichting",
                "title": _l("Wat kwam er uit de procesevaluatie?"),
                # app's own text
                "body": _l(
                    "We bundelen wat de vragenlijst en de vergelijking met de doelstellingen opleverden: wat werkte "
                    "goed en wat kan beter?"
                ),
                "minutes": 5,
            },
            {"workform": "sterk-verbeterpunt", "title": _l("Sterk / verbeterpunt"), "minutes": 30},
            {"workform": "actieplan", "title": _l("Verbeterplan"), "minutes": 25},
        ],
    },
    {
        # Handbook Stap 1.5 "Onderzoeken van de oplossing": the appendix's "Voorbeelduitwerking van
        # analyse naar optimalisatie triageproces" (H:L2715-2739) run as one meeting, ending in the
        # decision of activity d. The handbook gives no times; the minutes are the app's own.
        "slug": "triage-analyse",
        "title": _l("Triage-analyse"),
        "duration_minutes": 75,
        # H:L1057: activity d's "Resultaat"
        "goals": [
            _l(
                "Een formele beslissing over de gekozen oplossing en leverancier, inclusief een plan voor de "
                "volgende stappen in de implementatie."
            )
        ],
        # H:L1039-1052: activity d, "Wat moet er worden overwogen?"
        "preparation": [
            (
                "vergelijking",
                _l(
                    "Vergelijking van opties: Zorg ervoor dat de verschillende oplossingsrichtingen en leveranciers "
                    "objectief worden vergeleken, met nadruk op de praktische haalbaarheid, kosten, en de impact op "
                    "de praktijk."
                ),
            ),
            (
                "stakeholders",
                _l(
                    "Betrokkenheid van relevante stakeholders: Zorg ervoor dat alle belangrijke belanghebbenden "
                    "(zoals medewerkers, leveranciers en externe adviseurs) hun input hebben kunnen leveren voordat "
                    "de uiteindelijke beslissing wordt genomen."
                ),
            ),
            (
                "risico",
                _l(
                    "Risicoanalyse: Overweeg de risico’s die gepaard gaan met de implementatie van de gekozen "
                    "oplossing en leverancier. Wat zijn de mogelijke obstakels en hoe kunnen deze worden overwonnen?"
                ),
            ),
            (
                "duurzaamheid",
                _l(
                    "Duurzaamheidsfactoren: Let niet alleen op de korte termijn, maar ook op de lange termijn: is de "
                    "gekozen oplossing toekomstbestendig voor de praktijk?"
                ),
            ),
        ],
        "agenda": [
            # H:L2715 as the prompt (the work format's default)
            {"workform": "triage-analyse", "title": _l("Triage-analyse"), "minutes": 60},
            {
                "workform": "actieplan",
                "title": _l("Vervolg en afsluiting"),
                "prompt": _l("Wat gebeurt er na vandaag, en wie doet wat?"),
                "minutes": 15,
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
            out.append(
                {
                    **_plain(template),
                    "goals": [str(g) for g in template["goals"]],
                    "preparation": [{"key": key, "text": str(text)} for key, text in template["preparation"]],
                    "agenda": agenda,
                }
            )
    return out


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {key: translate(value) for key, value in item.items()}


def find(registry: Registry, slug: str) -> dict[str, Any] | None:
    return next((t for t in available(registry) if t["slug"] == slug), None)


def preparation_keys(slug: str | None) -> list[str]:
    """The keys of a template's "Voorbereiding" checklist (none for a meeting without a template)."""
    template = next((t for t in TEMPLATES if t["slug"] == slug), None)
    return [key for key, _text in template["preparation"]] if template else []
