"""Three sample meetings at room scale, built through the app (Socket.IO test clients, no
network) from the handbook's templates, for the report's layout tests
(tests/test_report_layout.py) and its page images (``scripts/screenshots.py --report``):

* ``kickoff``   — the kick-off: 20 cards, 20 situations of pride (four kept, dot-voted),
                  40 challenges and opportunities in six named groups with dots, the follow-up;
* ``visie``     — vision and strategy: pride, deepened challenges, goal proposals with four
                  accepted goals and an ambition, kept keywords per goal, processes and actions
                  per keyword;
* ``oplossing`` — the solution direction: the recap, 15 solution directions scored for impact
                  and effort by the room, the triage process (current and desired) linked to the
                  goals, and an action plan of 20 actions with owner and date.

Each builder returns ``(session, pdf bytes)``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from room import GOAL_PROPOSALS, GOALS, KEYWORDS_BY_GOAL, NAMES, TROTS, Room, actions, challenge_notes

from app import socketio_of

ROOT = Path(__file__).resolve().parent.parent
PRACTICE = "Huisartsenpraktijk De Linde"

# One situation each (the handbook's trots): what the 20 people of the room wrote, picked from
# room.TROTS (the griepvaccinatie one is the room's 280-character note).
PRIDE = [TROTS[i] for i in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 13, 15, 18, 19, 2, 20, 26, 30, 38)]
KEPT = [1, 4, 5, 8]  # the situations the room wants to keep (indexes in PRIDE)

ROLES = ["Doktersassistente", "Huisarts", "Praktijkondersteuner", "Praktijkmanager", "POH-GGZ"]
DREAMS = [
    "Meer tijd voor elke patiënt, zonder dat de telefoon de hele ochtend roodgloeiend staat",
    "Een team dat elkaar blijft opzoeken",
    "Rust aan de telefoon",
    "Zorg dicht bij huis, ook over tien jaar",
    "Dat patiënten zelf meer kunnen regelen via de app",
    "Een praktijk waar jonge huisartsen graag willen werken",
    "Samen met de wijkverpleging de ouderenzorg rond hebben",
]

SOLUTIONS = [
    "Terugbelspreekuur op vaste tijden",
    "Online afspraken voor controles",
    "E-consult voor korte vragen",
    "Herhaalrecepten alleen nog digitaal",
    "Taakherschikking naar de praktijkverpleegkundige",
    "Zelfzorgadvies via de website",
    "Vaste huisarts per patiënt",
    "Digitale triage vooraf via het patiëntportaal",
    "Leefstijlcoach inzetten",
    "Teamdag per kwartaal",
    "Thuismeten bloeddruk",
    "Videoconsulten voor controles",
    "Ketenzorgprogrammacoördinatieoverleg met apotheek en wijkverpleging",
    "Sociaal wijkteam aan tafel bij het MDO",
    "Stagiaires van de opleiding doktersassistent",
]
# (impact, effort) the room roughly agrees on per solution; the phones spread around it.
SOLUTION_SCORES = [
    (5, 2), (4, 2), (4, 2), (4, 1), (4, 4), (3, 2), (4, 5), (4, 4),
    (2, 3), (3, 2), (3, 3), (2, 4), (4, 3), (2, 2), (2, 4),
]  # fmt: skip
# Processes and actions (existing or new) the room sticks under each kept keyword.
IDEAS = {
    "Terugbellen": ["Terugbelspreekuur om 11 uur", "Bestaand: terugbelverzoek via de website", "Vaste terugbeltijden"],
    "Online afspraken": ["Online afspraken voor controles", "Afspraakherinnering per sms"],
    "Telefonische triage": ["Werkinstructie telefonische triage (NTS)", "Bestaand: triagist aan de balie",
                            "Telefoonmenu met keuze voor spoed"],
    "Taakherschikking": ["POH neemt de controles diabetes over", "Doktersassistente met eigen spreekuur"],
    "Werkplezier": ["Vast werkoverleg op dinsdag", "Teamuitje in het voorjaar"],
    "Pauzes": ["Pauzes echt inplannen in de agenda"],
    "Zelfmanagement": ["Thuismeten bloeddruk", "Bestaand: e-consult", "Zelfzorgadvies op de website"],
    "Leefstijl": ["Leefstijlcoach inzetten", "Voorlichtingsavond over bewegen"],
    "Thuismeten": ["Bloeddrukmeters uitlenen"],
    "Apotheek": ["Medicatiereview samen met de apotheker", "Bestaand: overleg apotheek elke maand"],
    "Wijkverpleging": ["MDO met de wijkverpleging elke maand", "Gezamenlijke scholing"],
    "Sociaal wijkteam": ["Sociaal wijkteam uitnodigen voor het MDO"],
}  # fmt: skip
FOLLOW_UP = [
    ("Verslag van deze bijeenkomst rondsturen", "Projectleider", "2026-12-12"),
    ("Bijeenkomst visie en strategie plannen", "Praktijkmanager", "2027-01-15"),
    ("Jaarplan en werkplannen verzamelen als basis voor de doelstellingen", "Praktijkhouder", "2027-01-10"),
    ("Uitdagingen per groep toelichten in het werkoverleg", "Doktersassistenten", "2027-01-08"),
    ("Interviews met vijf patiënten over de bereikbaarheid", "POH-somatiek", ""),
]


def ok(ack: dict[str, Any] | None) -> dict[str, Any]:
    assert ack and ack.get("ok"), ack
    return ack


class Meeting:
    """A session made from a template with a facilitator and 20 phones in the app (in-process)."""

    def __init__(self, app: Any, template: str, title: str) -> None:
        self.app = app
        body = {"title": title, "practice": PRACTICE, "template": template}
        response = app.test_client().post("/api/sessions", json=body)
        assert response.status_code == 201, response.get_json()
        self.session = response.get_json()
        sio = socketio_of(app)
        self.facilitator = sio.test_client(app)
        join = {
            "code": self.session["code"],
            "role": "facilitator",
            "facilitator_token": self.session["facilitator_token"],
        }
        self.state = ok(self.facilitator.emit("join", join, callback=True))["state"]
        self.phones = []
        for name in NAMES:
            phone = sio.test_client(app)
            ok(phone.emit("join", {"code": self.session["code"], "name": name}, callback=True))
            self.phones.append(phone)

    def id_of(self, workform: str) -> int:
        return next(a["id"] for a in self.state["activities"] if a["workform"] == workform)

    def fac(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        return ok(self.facilitator.emit(event, payload, callback=True))

    def phase(self, activity_id: int, phase: str) -> None:
        self.fac("activity:phase", {"activity_id": activity_id, "phase": phase})

    def note(self, phone: Any, activity_id: int, text: str, **extra: Any) -> dict[str, Any]:
        payload = {"activity_id": activity_id, "client_id": str(uuid.uuid4()), "text": text, **extra}
        return ok(phone.emit("note:add", payload, callback=True))["note"]

    def stack(self, stacks: list[tuple[str, list[dict[str, Any]]]]) -> list[int]:
        group_ids = []
        for name, members in stacks:
            gid = None
            for member in members[1:]:
                gid = self.fac("note:stack", {"note_id": member["id"], "target_note_id": members[0]["id"]})["group_id"]
            self.fac("group:update", {"group_id": gid, "name": name})
            group_ids.append(gid)
        return group_ids

    def vote(self, phone: Any, **target: int) -> None:
        ok(phone.emit("vote:add", target, callback=True))

    def pdf(self) -> bytes:
        auth = {"Authorization": f"Bearer {self.session['facilitator_token']}"}
        response = self.app.test_client().get(f"/api/sessions/{self.session['code']}/report.pdf", headers=auth)
        assert response.status_code == 200, response.data[:300]
        return response.data

    def close(self) -> None:
        for client in [self.facilitator, *self.phones]:
            client.disconnect()

    # --- the work formats, as a room plays them --------------------------------------

    def pride(self, votes: bool = True) -> list[dict[str, Any]]:
        """One situation each (the handbook's default), four kept, then (optional) dots."""
        trots = self.id_of("trots")
        notes = [self.note(phone, trots, PRIDE[i]) for i, phone in enumerate(self.phones)]
        for index in KEPT:
            self.fac("note:flag", {"note_id": notes[index]["id"], "field": "behouden", "value": True})
        if votes:
            self.phase(trots, "stemmen")
            for n, phone in enumerate(self.phones):
                for k in range(3):
                    self.vote(phone, note_id=notes[(n * 3 + k * 7) % 11]["id"])
            self.phase(trots, "bespreken")
        return notes

    def challenges(self, per_phone: int = 2) -> None:
        """The room's pink and blue notes in six named groups, then three dots each."""
        activity_id = self.id_of("uitdagingen-en-kansen")
        self.phase(activity_id, "plakken")
        notes = [self.note(phone, activity_id, **n) for phone, mine in zip(self.phones, challenge_notes(20, per_phone),
                 strict=True) for n in mine]  # fmt: skip
        groups = self.stack(Room.challenge_groups(notes))
        self.phase(activity_id, "stemmen")
        weights = [0, 0, 0, 1, 1, 2, 3, 4, 5]  # Bereikbaarheid and Werkdruk get most
        for n, phone in enumerate(self.phones):
            for k in range(3):
                self.vote(phone, group_id=groups[weights[(n + k * 4) % len(weights)]])
        self.phase(activity_id, "bespreken")

    def plan(self, items: list[dict[str, Any]], title_id: str = "actieplan") -> None:
        activity_id = self.id_of(title_id)
        for item in items:
            self.fac("actieplan:add", {"activity_id": activity_id, **item})


def _build(app: Any, template: str, title: str, play: Callable[[Meeting], None]) -> tuple[dict[str, Any], bytes]:
    meeting = Meeting(app, template, title)
    try:
        play(meeting)
        return meeting.session, meeting.pdf()
    finally:
        meeting.close()


def kickoff(app: Any) -> tuple[dict[str, Any], bytes]:
    def play(m: Meeting) -> None:
        deck = json.loads((ROOT / "static" / "cards" / "deck.json").read_text())
        intro = m.id_of("kennismaken")
        for i, phone in enumerate(m.phones):
            data = {"card": deck[i % len(deck)]["id"], "role": ROLES[i % len(ROLES)]}
            m.note(phone, intro, DREAMS[i % len(DREAMS)], data=data)
        m.pride()
        m.challenges()
        m.plan(
            [
                {"what": what, "who": who, "due": due, "status": "open", "client_id": f"vervolg-{k}"}
                for k, (what, who, due) in enumerate(FOLLOW_UP)
            ]
        )

    return _build(app, "kick-off", "Kick-off De Linde", play)


def visie(app: Any) -> tuple[dict[str, Any], bytes]:
    def play(m: Meeting) -> None:
        m.pride(votes=False)
        m.challenges()
        # Goals: 40 proposals; the facilitator stacks the same wish, accepts four, sets the ambition.
        doel = m.id_of("doelstellingen")
        proposals = [
            m.note(phone, doel, GOAL_PROPOSALS[(i * 2 + j) % len(GOAL_PROPOSALS)])
            for i, phone in enumerate(m.phones)
            for j in range(2)
        ]
        same: dict[str, list[dict[str, Any]]] = {}
        for proposal in proposals:
            same.setdefault(proposal["text"], []).append(proposal)
        for members in same.values():
            for member in members[1:]:
                m.fac("note:stack", {"note_id": member["id"], "target_note_id": members[0]["id"]})
        goals = []
        sources = ("Goede bereikbaarheid", "Minder administratieve", "Meer regie", "Samenwerking met de apotheek")
        for title, source in zip(GOALS, sources, strict=True):
            first = next(n for n in proposals if n["text"].startswith(source))
            payload = {"activity_id": doel, "note_id": first["id"], "title": title}
            goals.append(m.fac("doelstellingen:accepteer", payload)["goal"])
        ambition = "Toekomstbestendige huisartsenzorg: goed bereikbaar, met tijd voor de patiënt en plezier in het werk"
        m.fac("ambition:set", {"text": ambition})
        # Keywords: per goal the room's six proposals, three kept.
        kern = m.id_of("kernwoorden")
        for g, goal in enumerate(goals):
            for k, word in enumerate(KEYWORDS_BY_GOAL[g]):
                posted = m.note(m.phones[(g * 6 + k) % 20], kern, word, data={"goal_id": goal["id"]})
                if k < 3:
                    m.fac("kernwoorden:houden", {"activity_id": kern, "note_id": posted["id"], "kept": True})
        # Processes and actions: what the room sticks under each kept keyword.
        pa = m.id_of("processen-en-acties")
        m.phase(pa, "plakken")
        listed = m.fac("notes:list", {"activity_id": kern})["notes"]
        for k, word in enumerate(n for n in listed if n["data"].get("kept")):
            for j, text in enumerate(IDEAS.get(word["text"], [])):
                data = {"goal_id": word["data"]["goal_id"], "keyword_id": word["id"]}
                m.note(m.phones[(k * 3 + j) % 20], pa, text, data=data)

    return _build(app, "visie-en-strategie", "Visie en strategie De Linde", play)


def oplossing(app: Any) -> tuple[dict[str, Any], bytes]:
    def play(m: Meeting) -> None:
        goals = [m.fac("goal:add", {"title": title})["goal"] for title in GOALS]
        ii = m.id_of("impact-inspanning")
        items = [
            m.fac("impact-inspanning:add", {"activity_id": ii, "text": text, "client_id": f"ii-{i}"})["note"]
            for i, text in enumerate(SOLUTIONS)
        ]
        m.phase(ii, "scoren")
        for n, phone in enumerate(m.phones):
            for item, (impact, effort) in zip(items, SOLUTION_SCORES, strict=True):
                spread = (n % 3) - 1  # -1, 0, +1 around the room's view
                payload = {
                    "activity_id": ii,
                    "note_id": item["id"],
                    "impact": min(5, max(1, impact + spread)),
                    "effort": min(5, max(1, effort - ((n + 1) % 3) + 1)),
                }
                ok(phone.emit("impact-inspanning:rate", payload, callback=True))
        pi = m.id_of("processen-en-ict")
        m.fac("processen-en-ict:preset", {"activity_id": pi, "preset": "triage", "confirm": True})
        for goal, effect, why in zip(
            goals,
            ("draagt bij", "draagt bij", "geen invloed", "draagt bij"),
            (
                "Patiënten komen sneller bij de juiste zorgverlener",
                "De assistente hoeft minder terug te bellen",
                "",
                "Afspraken met de huisartsenpost over overdracht",
            ),
            strict=True,
        ):
            m.fac("processen-en-ict:link", {"activity_id": pi, "goal_id": goal["id"], "effect": effect,
                                            "toelichting": why})  # fmt: skip
        m.plan(actions(20))

    return _build(app, "oplossingsrichting", "Oplossingsrichting De Linde", play)


SAMPLES: dict[str, Callable[[Any], tuple[dict[str, Any], bytes]]] = {
    "kickoff": kickoff,
    "visie": visie,
    "oplossing": oplossing,
}
