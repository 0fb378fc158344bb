"""A full practice meeting for tests, benchmarks and screenshots: 20 phones with
realistic Dutch notes (short ones, long ones, compounds, one of 280 characters),
posted over Socket.IO to a real server, plus a facilitator connection.

The room is the design case (DESIGN.md): 15–20 people with 3–5 notes each.
"""

from __future__ import annotations

from typing import Any

NAMES = [
    "Sanne", "Mehmet", "Els", "Joost", "Fatima", "Anouk", "Pieter", "Yvonne", "Daan", "Ingrid",
    "Karim", "Marloes", "Bas", "Noor", "Henk", "Lotte", "Ruud", "Samira", "Willemijn", "Thijs",
]  # fmt: skip

LONG_280 = (
    "Dat we tijdens de griepvaccinatiecampagne met het hele team op twee zaterdagen bijna "
    "tweeduizend patiënten hebben gevaccineerd, zonder lange rijen, met koffie voor de "
    "vrijwilligers en een planning die tot op de minuut klopte, terwijl de praktijk op "
    "maandag gewoon weer draaide. Ja"
)
assert len(LONG_280) == 280, len(LONG_280)

TROTS = [
    "Ketenzorgprogrammacoördinatieoverleg loopt eindelijk goed",
    "Onze doktersassistenten blijven vriendelijk, ook als het druk is",
    LONG_280,
    "Samenwerking met de apotheek",
    "Terugbelverzoeken worden dezelfde dag afgehandeld",
    "Taakherschikking naar de praktijkondersteuner werkt",
    "Goede sfeer in het team",
    "We kennen onze patiënten persoonlijk, vaak al generaties lang",
    "De POH-GGZ is snel beschikbaar",
    "Huisbezoeken bij kwetsbare ouderen",
    "Iedereen springt bij als iemand ziek is",
    "Korte lijnen met het ziekenhuis",
    "Onze nieuwe website met online afspraken",
    "Opleidingspraktijk: we leiden huisartsen in opleiding op",
    "Spreekuurondersteuning door de assistentes",
    "Palliatieve zorg thuis, ook in het weekend geregeld",
    "Ouderenzorg met de wijkverpleging",
    "De koffie",
    "Patiënttevredenheidsonderzoek: een 8,6!",
    "We hebben de overstap naar het nieuwe HIS samen gedaan",
    "Diabeteszorg volgens de standaard, met mooie uitkomsten",
    "Onze assistentes doen de triage zelfstandig en zorgvuldig",
    "Dat patiënten ons een compliment geven aan de balie",
    "De avondspreekuren voor werkende mensen",
    "Het kerstdiner met het hele team",
    "Snel reageren op uitslagen van het laboratorium",
    "Dat we elkaar feedback durven te geven",
    "Eigen apotheekhoudende service voor het dorp",
    "Ouderengeneeskunde samen met het verpleeghuis",
    "Wij zijn altijd bereikbaar voor spoed",
    "Jonge collega's voelen zich snel thuis",
    "De nieuwe inrichting van de wachtkamer",
    "Zorgvuldige dossiervoering",
    "Praktijkverpleegkundige voor ouderen met eigen spreekuur",
    "Iedereen kent elkaars naam en taken",
    "Begeleiding van stervenden en hun familie",
    "Wij werken met een vaste huisarts per patiënt",
    "Flexibele werktijden voor ouders",
    "Kwaliteitsvisitatie zonder verbeterpunten",
    "Goede afspraken met de huisartsenpost",
]

CHALLENGES = [
    "Telefoon is 's ochtends altijd bezet",
    "Lange wachttijd aan de telefoon",
    "Hoge werkdruk bij de doktersassistenten",
    "Veel herhaalrecepten via de balie",
    "Patiënten weten niet wanneer ze moeten bellen",
    "Terugbelverzoeken stapelen zich op aan het eind van de dag",
    "Administratieve lastendruk door verwijsbrieven en formulieren",
    "Ketenzorgprogrammacoördinatieoverleg kost veel tijd",
    "Geen vervanging bij ziekte",
    "Triage is niet overal hetzelfde",
    "Spreekkamers te klein",
    "Wachtkamer vol op maandag",
    "Zorgverzekeraarsafspraken zijn onduidelijk",
    "Nieuwe collega's inwerken kost tijd",
    "Te weinig tijd voor complexe patiënten met multimorbiditeit",
    "Digitale vaardigheden van oudere patiënten",
    "E-mail en portaalberichten worden niet op tijd gelezen",
    "Huisbezoekaanvragen komen laat binnen",
    "Parkeerplaatsen",
    "Onduidelijk wie wat doet bij de uitslagenbespreking",
]

CHANCES = [
    "Online afspraken maken",
    "Samenwerken met de apotheek",
    "E-consult voor korte vragen",
    "POH-GGZ vaker inzetten",
    "Taakherschikking naar de praktijkverpleegkundige",
    "Terugbelspreekuur op vaste tijden",
    "Zelfzorgadvies via de website",
    "Herhaalrecepten alleen nog digitaal",
    "Gezamenlijke scholing met de wijkverpleging",
    "Doktersassistente met eigen spreekuur",
    "Een teamdag per kwartaal",
    "Videoconsulten voor controles",
    "Betere doorverwijzing naar het sociaal wijkteam",
    "Thuismeetapparatuur voor bloeddruk",
    "Stagiaires van de opleiding doktersassistent",
    "Vaste huisarts per patiënt",
    "Digitale triage vooraf",
    "Leefstijlcoach inzetten",
    "Spreekuurtijden verlengen op dinsdag",
    "Ketenpartners uitnodigen voor het MDO",
]


# Questions, concerns and expectations of a practice meeting about a change (vragen-en-zorgen):
# short and long, compounds, one of 280 characters.
QUESTIONS = [
    ("vraag", "Wanneer gaat het nieuwe telefoonsysteem live?"),
    ("zorg", "Ik ben bang dat de werkdruk aan de balie eerst hoger wordt"),
    ("vraag", "Wie beantwoordt de terugbelverzoeken als de assistente ziek is?"),
    ("verwachting", "Ik verwacht minder telefoontjes tussen acht en tien"),
    ("vraag", "Krijgen we scholing voordat we ermee moeten werken?"),
    ("zorg", "Oudere patiënten kunnen niet overweg met het patiëntportaal"),
    ("vraag", "Wat kost het en wie betaalt het?"),
    ("zorg", "Privacy: wie kan de berichten van patiënten lezen?"),
    ("vraag", "Hoe lang duurt de proefperiode?"),
    ("verwachting", "Meer rust in de ochtend voor de triage"),
    ("zorg", "Huisartsenpraktijkautomatiseringssysteemkoppeling werkt nu al slecht, wordt dat beter?"),
    ("vraag", "Moeten we 's avonds berichten beantwoorden?"),
    ("zorg", "We verliezen het persoonlijke contact met onze patiënten"),
    ("vraag", "Mag ik zelf kiezen of ik aan de pilot meedoe?"),
    ("verwachting", "Dat we na een half jaar samen evalueren"),
    ("vraag", "Wat gebeurt er als het systeem plat ligt?"),
    ("zorg", "Nog een nieuw programma naast het HIS, de apotheekkoppeling en de ketenzorg"),
    ("vraag", "Wie is het aanspreekpunt bij de leverancier?"),
    ("zorg", "Laaggeletterde patiënten vallen buiten de boot"),
    ("vraag", "Hoe weten patiënten wanneer ze moeten bellen en wanneer een e-consult kan?"),
    ("verwachting", "Ik hoop dat we minder herhaalrecepten via de telefoon krijgen"),
    (
        "zorg",
        "Ik maak me zorgen over de overgangsperiode: als we tegelijk het oude en het nieuwe systeem moeten "
        "gebruiken, de vakantie eraan komt en er ook een nieuwe collega ingewerkt moet worden, dan "
        "wordt het voor de doktersassistenten echt te veel. Kan de start alsjeblieft pas na de zomer?",
    ),
    ("vraag", "Wordt de ketenzorgprogrammacoördinatie ook aangepast?"),
    ("vraag", "Hoeveel tijd krijgen we per e-consult?"),
    ("zorg", "Fouten in de triage als patiënten zelf hun klachten invullen"),
    ("verwachting", "Dat de POH-GGZ ook digitaal bereikbaar wordt"),
    ("vraag", "Gaan we ook videoconsulten doen?"),
    ("zorg", "Storingen in het weekend"),
    ("vraag", "Wie houdt bij of het werkt?"),
    ("verwachting", "Betere bereikbaarheid en tevredener patiënten"),
    ("vraag", "Kunnen we eerst bij een andere praktijk kijken hoe zij het doen?"),
    ("zorg", "Dat de huisartsen nog meer achter de computer zitten"),
    ("vraag", "Wat als een patiënt een spoedvraag via het portaal stuurt?"),
    ("zorg", "Aansprakelijkheid bij een gemiste melding"),
    ("vraag", "Is er een handleiding voor patiënten?"),
    ("verwachting", "Minder drukte in de wachtkamer"),
    ("vraag", "Doet de huisartsenpost ook mee?"),
    ("zorg", "De wifi in de spreekkamers is niet stabiel"),
    ("vraag", "Hoe vaak per dag moeten we het portaal bekijken?"),
    ("verwachting", "Dat we de taakherschikking naar de praktijkondersteuner kunnen uitbreiden"),
    ("vraag", "Komt er een vaste tijd voor het terugbelspreekuur?"),
    ("zorg", "Onduidelijk wie verantwoordelijk is voor de berichten"),
    ("vraag", "Krijgen de assistentes extra uren in de opstartfase?"),
    ("vraag", "Werkt het ook op de telefoon van de praktijk?"),
    ("zorg", "Weerstand bij een deel van het team"),
    ("verwachting", "Meer tijd voor complexe patiënten"),
    ("vraag", "Wat vinden de andere praktijken in de regio ervan?"),
    ("zorg", "De leverancier reageert traag op vragen"),
    ("vraag", "Hoe zit het met de AVG?"),
    ("verwachting", "Een duidelijke planning per week"),
    ("vraag", "Moet ik mijn eigen telefoon gebruiken?"),
    ("zorg", "Dat we over een jaar weer iets nieuws krijgen"),
]
assert len(QUESTIONS[21][1]) == 280, len(QUESTIONS[21][1])

# Four session goals and, per goal, six keywords a room keeps (kernwoorden, processen-en-acties).
GOALS = [
    "Betere bereikbaarheid voor patiënten",
    "Minder werkdruk voor het team",
    "Meer regie bij de patiënt",
    "Goede samenwerking in de wijk",
]
KEYWORDS_BY_GOAL = [
    ["Terugbellen", "Online afspraken", "Telefonische triage", "Bereikbaarheid", "Website", "E-consult"],
    ["Taakherschikking", "Werkplezier", "Pauzes", "Planning", "Overleg", "Vervanging"],
    ["Zelfmanagement", "Leefstijl", "Thuismeten", "Voorlichting", "Patiëntportaal", "Keuzehulp"],
    ["Apotheek", "Wijkverpleging", "Sociaal wijkteam", "Ketenzorgprogrammacoördinatie", "MDO", "Fysiotherapie"],
]

GOAL_PROPOSALS = [
    "Meer regie bij de patiënt",
    "Eenvoudige taken en zorg digitaal, tenzij het persoonlijk moet",
    "Meer tijd voor persoonlijke zorg",
    "Lerende organisatie",
    "Wendbare organisatie",
    "Werkplezier",
    "Voorop lopen in ontwikkelingen",
    "Balans tussen technologie en persoonlijke zorg, vanuit de patiënt gezien",
    "Balans tussen technologie en persoonlijke zorg, vanuit de medewerker gezien",
    "Ketenzorgprogrammacoördinatieoverleg structureel organiseren met alle ketenpartners in de wijk",
    "Goede bereikbaarheid, ook 's ochtends tussen acht en tien",
    "Minder administratieve lasten voor de huisartsen",
    "Taakherschikking: iedereen werkt op zijn eigen niveau",
    "Duurzame inzetbaarheid van het team",
    "Samenwerking met de apotheek en de wijkverpleging versterken",
    "Preventie en leefstijl een vaste plek geven in het spreekuur",
    "Patiënten zelf hun uitslagen laten inzien via het portaal",
    "Een opleidingspraktijk blijven waar jonge collega's graag werken",
    "Digitale vaardigheden van het hele team vergroten",
    "Ouderenzorg proactief organiseren, met huisbezoeken bij kwetsbare ouderen voordat het misgaat",
    "Toegankelijke zorg voor laaggeletterden",
    "Continuïteit van zorg: een vaste huisarts per patiënt",
    "Data gebruiken om de zorg te verbeteren",
    "Rust in de agenda",
]

# (wat, wie, wanneer) — the action plan a facilitator types in during "Opstellen actieplan vervolg".
ACTIONS = [
    ("Terugbelspreekuur starten om 11 uur", "Doktersassistenten", "2027-02-01"),
    ("Online afspraken openzetten voor controles", "Praktijkmanager", "2027-03-15"),
    ("Ketenzorgprogrammacoördinatieoverleg inplannen met apotheek en wijkverpleging", "Huisarts", "2027-01-20"),
    ("E-consult voor korte vragen invoeren", "Huisartsen", "2027-04-01"),
    ("Werkinstructie triage herschrijven volgens de NTS", "Sanne (DA)", "2027-02-15"),
    ("Folder over het patiëntportaal in de wachtkamer", "Praktijkmanager", ""),
    (
        "Met de leverancier van het HIS uitzoeken of patiënten zelf hun labuitslagen kunnen inzien, en wat dat "
        "kost; daarna een voorstel voor de praktijkvergadering maken",
        "Pieter (HA) en Marloes (praktijkmanager)",
        "2027-05-01",
    ),
    ("Herhaalrecepten alleen nog digitaal", "Apotheek en DA", "2027-03-01"),
    ("Evaluatie terugbelspreekuur", "Praktijkmanager", "2027-06-01"),
    ("Scholing digitale vaardigheden voor het team", "POH", "2027-04-15"),
    ("Teamdag per kwartaal plannen", "Praktijkhouder", "2027-01-31"),
    ("Vaste huisarts per patiënt in het HIS vastleggen", "Huisartsen", ""),
    ("Leefstijlcoach uitnodigen voor het MDO", "POH-somatiek", "2027-02-28"),
    ("Thuismeten bloeddruk: pilot met twintig patiënten", "POH", "2027-03-31"),
    ("Website: zelfzorgadvies bij de tien meest gestelde vragen", "Doktersassistent", "2027-02-10"),
    ("Afspraken met de huisartsenpost over overdracht", "Huisarts", "2027-05-15"),
    ("Inwerkprogramma voor nieuwe collega's", "Praktijkmanager", "2027-04-30"),
    ("Spreekkamerindeling herzien", "Praktijkhouder", ""),
    ("Videoconsulten testen met de POH-GGZ", "POH-GGZ", "2027-03-20"),
    ("Verslag van deze bijeenkomst rondsturen", "Projectleider", "2026-12-12"),
]
STATUS_CYCLE = ["open", "bezig", "open", "klaar"]

# Open answers to the evaluation questionnaire (workforms/evaluatie/questions.py), by question number.
EVAL_ANSWERS = {
    1: ["Doktersassistent", "Huisarts", "POH-somatiek", "Praktijkmanager", "Doktersassistent", "POH-GGZ"],
    2: [
        "Ja, ik zat in de werkgroep",
        "Nee",
        "Ik heb de werkinstructies voor de triage geschreven",
        "Trekker van het terugbelspreekuur",
        "Nee, alleen de bijeenkomsten",
    ],
    4: [
        "Duidelijk, de nieuwsbrief hielp",
        "Soms wist ik pas achteraf wat er besloten was",
        "Goed",
        "Te veel mail, liever kort in het werkoverleg",
        "Ketenzorgprogrammacoördinatieoverleg werd niet teruggekoppeld aan de assistentes",
    ],
    6: [
        "De bijeenkomsten met het hele team",
        "Dat iedereen mee mocht denken",
        "De projectleider hield het tempo erin",
        "Goede voorbereiding",
        "We namen de tijd om de doelen samen te bepalen, en dat gaf draagvlak: ook de collega's die eerst "
        "sceptisch waren over digitalisering deden daarna mee",
    ],
    7: [
        "Meer tijd voor de assistentes om mee te doen",
        "Eerder de leverancier erbij halen",
        "Kortere bijeenkomsten",
        "De planning was te krap rond de zomervakantie",
    ],
    11: [
        "Het terugbelspreekuur werkt",
        "Minder drukte aan de telefoon",
        "Samenwerking met de apotheek",
        "Iedereen hielp elkaar",
        "De e-consulten worden goed gebruikt door jongere patiënten",
    ],
    12: [
        "Betere instructie voor het portaal",
        "Ouderen vergeten we soms",
        "Meer evalueren tussendoor",
        "De overdracht naar de huisartsenpost loopt nog niet lekker, daar moeten we in het voorjaar "
        "afspraken over maken",
    ],
}
EVAL_SCALE = {3, 5, 8, 9, 10}
SCORES = [4, 4, 5, 3, 4, 2, 5, 4, 3, 4, 1, 4, 5]  # mostly positive, a few critical
EVAL_COMMENTS = ["Meer uitleg vooraf graag", "Prima", "Soms onduidelijk wie wat deed", ""]


def trots_notes(phones: int = 20, per_phone: int = 4) -> list[list[dict[str, Any]]]:
    """Per phone, its notes for `trots`, in the order a room posts them (mixed lengths)."""
    return [[{"text": TROTS[(j * phones + i) % len(TROTS)]} for j in range(per_phone)] for i in range(phones)]


def question_notes(phones: int = 18, per_phone: int = 3) -> list[list[dict[str, Any]]]:
    """Per phone, its questions, concerns and expectations for `vragen-en-zorgen`."""
    return [
        [
            {"text": text, "category": kind}
            for kind, text in (QUESTIONS[(j * phones + i) % len(QUESTIONS)] for j in range(per_phone))
        ]
        for i in range(phones)
    ]


def challenge_notes(phones: int = 20, per_phone: int = 2) -> list[list[dict[str, Any]]]:
    """Per phone, a pink challenge and a blue opportunity (and more of each beyond two)."""
    out = []
    for i in range(phones):
        mine = []
        for j in range(per_phone):
            pool, category = (CHALLENGES, "uitdaging") if j % 2 == 0 else (CHANCES, "kans")
            mine.append({"text": pool[(i + j // 2 * 7) % len(pool)], "category": category})
        out.append(mine)
    return out


def goal_notes(phones: int = 20, per_phone: int = 2) -> list[list[dict[str, Any]]]:
    """Per phone, its goal proposals for `doelstellingen` (the same goal comes back from several people)."""
    pool = GOAL_PROPOSALS
    return [[{"text": pool[(i * per_phone + j) % len(pool)]} for j in range(per_phone)] for i in range(phones)]


def actions(count: int = 40) -> list[dict[str, Any]]:
    """`count` actions for `actieplan:add` (wat, wie, wanneer, status), some long, some without a date."""
    out = []
    for k in range(count):
        what, who, due = ACTIONS[k % len(ACTIONS)]
        if k >= len(ACTIONS):
            what = f"{what} (ronde {k // len(ACTIONS) + 1})"
        out.append({"what": what, "who": who, "due": due, "status": STATUS_CYCLE[k % 4], "client_id": f"room-{k}"})
    return out


def evaluation_answers(phone: int) -> list[dict[str, Any]]:
    """One phone's answers to the twelve default questions (q1…q12): a score 1–5 on the scale
    questions (with a comment now and then) and a text on the open ones."""
    out = []
    for number in range(1, 13):
        if number in EVAL_SCALE:
            comment = EVAL_COMMENTS[(phone + number) % len(EVAL_COMMENTS)] if phone % 3 == 0 else ""
            out.append({"question_id": f"q{number}", "score": SCORES[(phone + number) % len(SCORES)], "text": comment})
        else:
            pool = EVAL_ANSWERS[number]
            # Most answer the open questions; a long answer is rarely given twice.
            if (phone + number) % 5 == 4:
                continue
            out.append({"question_id": f"q{number}", "text": f"{pool[phone % len(pool)]}"})
    return out


class Room:
    """`phones` participants plus a facilitator, joined to one session of a live server."""

    def __init__(
        self, url: str, session: dict[str, Any], phones: int = 20, functions: list[str | None] | None = None
    ) -> None:
        """``functions``: each phone's function at join (issue 21), in order; none by default."""
        import socketio

        self.url = url
        self.session = session
        self.clients: list[Any] = []
        self.facilitator = socketio.Client(reconnection=False)
        self.facilitator.connect(url, transports=["websocket"])
        ack = self.facilitator.call(
            "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
        )
        assert ack["ok"], ack
        self.state = ack["state"]
        self.me: list[dict[str, Any]] = []
        for n, name in enumerate(NAMES[:phones]):
            client = socketio.Client(reconnection=False)
            client.connect(url, transports=["websocket"])
            payload = {"code": session["code"], "role": "participant", "name": name}
            if functions and n < len(functions) and functions[n]:
                payload["function"] = functions[n]
            joined = client.call("join", payload)
            assert joined["ok"], joined
            self.clients.append(client)
            self.me.append(joined["me"])

    def activity_id(self, workform: str) -> int:
        return next(a["id"] for a in self.state["activities"] if a["workform"] == workform)

    def fac(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        ack = self.facilitator.call(event, payload)
        assert ack["ok"], (event, payload, ack)
        return ack

    def goto(self, workform: str) -> int:
        activity_id = self.activity_id(workform)
        self.fac("activity:goto", {"activity_id": activity_id})
        return activity_id

    def post_all(self, activity_id: int, per_phone: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Every phone posts its notes, round-robin as a room does; returns the stored notes."""
        stored = []
        for round_ in range(max(len(mine) for mine in per_phone)):
            for n, (client, mine) in enumerate(zip(self.clients, per_phone, strict=False)):
                if round_ >= len(mine):
                    continue
                payload = {"activity_id": activity_id, "client_id": f"room-{activity_id}-{n}-{round_}", **mine[round_]}
                ack = client.call("note:add", payload)
                assert ack["ok"], ack
                stored.append(ack["note"])
        return stored

    def stack(self, stacks: list[tuple[str, list[dict[str, Any]]]]) -> list[int]:
        """The facilitator sticks each list's notes onto its first one and names the group."""
        group_ids = []
        for name, notes in stacks:
            gid = None
            for note in notes[1:]:
                gid = self.fac("note:stack", {"note_id": note["id"], "target_note_id": notes[0]["id"]})["group_id"]
            self.fac("group:update", {"group_id": gid, "name": name})
            group_ids.append(gid)
        return group_ids

    @staticmethod
    def challenge_groups(notes: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
        """Six named groups over the 40 notes of `challenge_notes()`, as a room would make them."""
        pink = [n for n in notes if n["category"] == "uitdaging"]
        blue = [n for n in notes if n["category"] == "kans"]
        names = ["Bereikbaarheid", "Werkdruk", "Digitale zorg", "Samenwerking", "Herhaalrecepten", "Triage"]
        parts = [pink[0:5], pink[5:9], pink[9:12], blue[0:5], blue[5:8], blue[8:11]]
        return list(zip(names, parts, strict=True))

    def answer_all(self, activity_id: int) -> int:
        """Every phone fills in the evaluation questionnaire; returns the number of answers stored."""
        stored = 0
        for n, client in enumerate(self.clients):
            for answer in evaluation_answers(n):
                ack = client.call("evaluatie:answer", {"activity_id": activity_id, **answer})
                assert ack["ok"], ack
                stored += 1
        return stored

    def close(self) -> None:
        for client in [*self.clients, self.facilitator]:
            client.disconnect()
