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


def trots_notes(phones: int = 20, per_phone: int = 4) -> list[list[dict[str, Any]]]:
    """Per phone, its notes for `trots`, in the order a room posts them (mixed lengths)."""
    return [[{"text": TROTS[(j * phones + i) % len(TROTS)]} for j in range(per_phone)] for i in range(phones)]


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


class Room:
    """`phones` participants plus a facilitator, joined to one session of a live server."""

    def __init__(self, url: str, session: dict[str, Any], phones: int = 20) -> None:
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
        for name in NAMES[:phones]:
            client = socketio.Client(reconnection=False)
            client.connect(url, transports=["websocket"])
            joined = client.call("join", {"code": session["code"], "role": "participant", "name": name})
            assert joined["ok"], joined
            self.clients.append(client)

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

    def close(self) -> None:
        for client in [*self.clients, self.facilitator]:
            client.disconnect()
