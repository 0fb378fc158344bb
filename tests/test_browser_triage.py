"""triage-analyse in a real browser at room scale: 15 phones (python-socketio against
run.py) and one real phone go from goed / niet goed per step of the triage process through
the dots on the six goals and the wishes to the programma van eisen (built on the
facilitator page) and the supplier × criteria scores; the board (1920×1080) shows each
phase legibly, the supplier table with weighted means only, and the PDF ends with the
programma van eisen and the comparison table.

FLIPOVER_SHOTS=<dir> saves the board, the phone and the facilitator page to look at."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from drivers import pdf_text
from playwright.sync_api import expect
from room import NAMES, Room
from test_board_room import assert_legible, every_page

pytestmark = needs_chromium

TA = "triage-analyse"
PHONES = 15

# (step, category, text): what a practice team says about its triage, per step of the process.
GOED_NIET_GOED = [
    ("s1", "niet-goed", "Om 8 uur staat de telefoon roodgloeiend en wachten patiënten twintig minuten"),
    ("s1", "niet-goed", "Patiënten weten niet dat ze ook via de website een vraag kunnen stellen"),
    ("s1", "goed", "De website is duidelijk over spoed: bel 112 of de huisartsenpost"),
    ("s1", "niet-goed", "Ouderen kunnen de website slecht vinden"),
    ("s1", "goed", "Het terugbelverzoek werkt goed voor patiënten die niet willen wachten"),
    ("s2", "niet-goed", "Er is nog geen online vragenlijst, alles gaat via de telefoon"),
    ("s2", "goed", "Patiënten vullen het e-consult meestal volledig in"),
    ("s2", "niet-goed", "Vragen in het e-consult zijn te open, we moeten vaak terugbellen"),
    ("s2", "niet-goed", "Geen Engelstalige versie voor expats in de wijk"),
    ("s3", "goed", "Assistentes kennen de NTS-triage goed en werken er consequent mee"),
    ("s3", "goed", "Korte lijnen met de huisarts bij twijfel over urgentie"),
    ("s3", "niet-goed", "Triage kost veel tijd per gesprek, vooral bij meerdere klachten"),
    ("s3", "niet-goed", "Nieuwe assistentes triëren verschillend van ervaren collega's"),
    ("s3", "goed", "Bij spoed wordt direct de dokter erbij gehaald"),
    ("s3", "niet-goed", "Urgentie wordt niet altijd vastgelegd in het dossier"),
    ("s4", "niet-goed", "Het spreekuur zit om 10 uur al vol"),
    ("s4", "goed", "Zelfzorgadvies van thuisarts.nl wordt goed ontvangen"),
    ("s4", "niet-goed", "E-consulten blijven soms twee dagen liggen"),
    ("s4", "goed", "Vaste plekken voor spoed in de agenda van elke huisarts"),
    ("s4", "niet-goed", "POH-afspraken worden vaak bij de huisarts gepland"),
    ("s5", "niet-goed", "Gegevens in het HIS kloppen vaak niet, telefoonnummers zijn verouderd"),
    ("s5", "goed", "De BSN-check bij nieuwe patiënten gaat goed"),
    ("s5", "niet-goed", "Assistentes moeten alles overtypen uit het e-consult"),
    ("s6", "goed", "Patiënten krijgen een sms-herinnering voor hun afspraak"),
    ("s6", "niet-goed", "Geen bevestiging per mail na het maken van een afspraak"),
    ("s6", "niet-goed", "Zelfzorgadvies wordt mondeling gegeven en vergeten"),
    ("s7", "niet-goed", "De triage-uitkomst wordt niet altijd in de journaalregel gezet"),
    ("s7", "goed", "ICPC-codes worden meestal goed toegekend"),
    ("s7", "niet-goed", "Knippen en plakken tussen systemen kost veel tijd"),
    ("s2", "goed", "Patiënten waarderen dat ze 's avonds hun vraag kunnen stellen"),
]
WENSEN = [
    ("s2", "Online vragenlijst die zich aanpast aan de klacht"),
    ("s2", "Vragenlijst ook in het Engels en Turks"),
    ("s3", "Triagetool die een urgentie voorstelt, assistente beslist"),
    ("s3", "AI-triage met controle door de doktersassistent"),
    ("s4", "Patiënt kiest zelf een tijd uit de vrije plekken"),
    ("s4", "Aparte agenda voor e-consulten"),
    ("s5", "Automatische check van gegevens in het HIS"),
    ("s5", "Koppeling met het HIS zonder overtypen"),
    ("s6", "Mail met afspraakvoorstel en zelfzorgadvies"),
    ("s7", "Uitkomst van de triage automatisch in het dossier"),
    ("s7", "Integratie met het HIS, geen knip en plak"),
]


# Per supplier, per criterion (Kosten … Duurzaamheid, the added one): how it does against its average.
BIAS = {
    "l1": (1, 0, -1, 0, 0, 1, 0, -1),
    "l2": (-1, 1, 0, 1, 0, 0, 1, 0),
    "l3": (1, -1, 0, 0, 1, -1, 0, 1),
    "l4": (0, 0, 1, -1, 0, 0, -1, 1),
}


def shot(page, name: str) -> None:
    shots = os.environ.get("FLIPOVER_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)


def phase(room: Room, activity_id: int, slug: str) -> None:
    room.fac("activity:phase", {"activity_id": activity_id, "phase": slug})


def test_a_room_goes_from_goed_niet_goed_to_the_supplier_table_in_the_pdf(server, browser) -> None:
    session = create(server, title="Triage optimaliseren", agenda=[TA])
    room = Room(server.url, session, phones=PHONES)
    try:
        aid = room.activity_id(TA)
        errors: list[str] = []
        fac = open_online(browser, session["facilitator_url"], viewport={"width": 1440, "height": 1000})
        fac.on("dialog", lambda dialog: dialog.accept())
        board = open_online(browser, session["board_url"], **BOARD)
        phone = join_phone(browser, session, "Willemijn")
        for page in (fac, board, phone):
            page.on("pageerror", lambda exc: errors.append(str(exc)))

        # 1. Goed / niet goed: the real phone picks a step, then the colour, then posts.
        expect(phone.locator(".ta-picker button")).to_have_count(7)
        # Only this phase's colours: the wishes come later.
        expect(phone.locator("#categories label:has(input[value=wens])")).to_be_hidden()
        phone.locator("#note-text").fill("Zonder stap")
        phone.click("#post-button")
        expect(phone.get_by_text("Kies eerst een stap van het triageproces.")).to_be_visible()
        phone.locator(".ta-picker button[data-step=s3]").click()
        expect(phone.locator(".ta-picker button[data-step=s3]")).to_have_attribute("aria-pressed", "true")
        phone.check("input[name=category][value=niet-goed]")
        mine = "Bij drukte wordt de NTS soms overgeslagen"
        phone.fill("#note-text", mine)
        phone.click("#post-button")
        expect(phone.locator("#mine .note", has_text=mine)).to_be_visible()
        shot(phone, "triage-phone-goed-niet-goed")

        per_phone: list[list[dict]] = [[] for _ in range(PHONES)]
        for k, (step, category, text) in enumerate(GOED_NIET_GOED):
            per_phone[k % PHONES].append({"text": text, "category": category, "data": {"step_id": step}})
        notes = room.post_all(aid, per_phone)
        assert len(notes) == 30
        expect(board.locator(".ta-col")).to_have_count(7)
        expect(board.locator(".ta-col[data-step=s3] .note", has_text=mine)).to_be_visible()
        # The board has drawn all 31 (the phone's and the room's) before its pages are read:
        # the acks of post_all come back while the board may still be drawing the burst.
        expect(board.locator("#count")).to_have_text("31 post-its")
        seen, _groups, pages = every_page(board, "triage-board-goed-niet-goed")
        for m in pages:
            assert_legible(m)
        assert seen >= {n["id"] for n in notes}

        # 2. Dots on the six goals: every phone three, the real phone through its page.
        phase(room, aid, "doelen")
        picks = [
            ("efficientie", "prioritering", "tevredenheid"),
            ("efficientie", "risico", "data"),
            ("nauwkeurig", "efficientie", "prioritering"),
        ]
        for n, client in enumerate(room.clients):
            for goal in picks[n % 3]:
                assert client.call(f"{TA}:dot", {"activity_id": aid, "goal": goal})["ok"]
        expect(phone.locator(".ta-dot")).to_have_count(6)
        phone.locator(".ta-dot[data-goal=efficientie]").click()
        expect(phone.locator(".ta-dot[data-goal=efficientie]")).to_have_attribute("aria-pressed", "true")
        expect(board.locator(".ta-goal[data-goal=efficientie] .ta-goal__dots")).to_have_text("16")
        expect(board.locator(".ta-goal")).to_have_count(6)
        shot(board, "triage-board-doelen")
        shot(phone, "triage-phone-doelen")

        # 3. Wishes per step.
        phase(room, aid, "wensen")
        wishes = []
        for k, (step, text) in enumerate(WENSEN):
            # Client ids of their own: post_all's would repeat those of the first round.
            payload = {"activity_id": aid, "client_id": f"wens-{k}", "text": text, "category": "wens"}
            ack = room.clients[(k * 4) % PHONES].call("note:add", {**payload, "data": {"step_id": step}})
            assert ack["ok"], ack
            wishes.append(ack["note"])
        # The real phone: the wish colour is the only one now, chosen already.
        expect(phone.locator("#categories label:has(input[value=goed])")).to_be_hidden()
        phone.locator(".ta-picker button[data-step=s4]").click()
        phone.fill("#note-text", "Terugbelverzoek direct in de agenda zetten")
        phone.click("#post-button")
        expect(phone.locator("#mine .note", has_text="Terugbelverzoek direct")).to_contain_text("Wens")
        expect(board.locator(".ta-col .note")).to_have_count(len(WENSEN) + 1)
        shot(board, "triage-board-wensen")

        # 4. The programma van eisen, on the facilitator page from the notes.
        phase(room, aid, "eisen")
        row = fac.locator(".ta-fac--eisen li", has_text="Koppeling met het HIS zonder overtypen")
        row.get_by_role("button", name="→ Must").click()
        expect(row.get_by_text("in het programma")).to_be_visible()
        fac.locator(".ta-fac--eisen li", has_text="AI-triage met controle door de doktersassistent").get_by_role(
            "button", name="→ Should"
        ).click()
        fac.fill("[data-key=ta-eis-text]", "Voldoet aan de NEN 7510 en de AVG")
        fac.select_option("[data-key=ta-eis-prio]", "must")
        fac.click(".ta-fac--eisen form button[type=submit]")
        expect(fac.locator("#ta-eisen li")).to_have_count(3)
        expect(board.locator(".ta-eisen__col--must li")).to_have_count(2)
        expect(board.locator(".ta-eisen__col--should li")).to_have_text(
            ["AI-triage met controle door de doktersassistent3. Uitvoeren triage"]
        )
        shot(board, "triage-board-eisen")
        shot(fac, "triage-facilitator-eisen")

        # 5. Suppliers: the facilitator weighs Kosten ×3 and adds a criterion; all phones score.
        phase(room, aid, "leveranciers")
        fac.select_option("[data-key=ta-weight-c1]", "3")
        fac.fill("[data-key=ta-crit-new]", "Koppeling met het HIS")
        fac.click(".ta-fac--suppliers form:has([data-key=ta-crit-new]) button")
        expect(fac.locator("#ta-criteria li")).to_have_count(8)
        expect(board.locator(".ta-table tbody tr")).to_have_count(9)
        suppliers = ["l1", "l2", "l3", "l4"]
        criteria = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]
        extra_crit = (
            fac.locator("#ta-criteria li").last.locator("input").get_attribute("data-key").removeprefix("ta-crit-")
        )
        criteria.append(extra_crit)
        for n, client in enumerate(room.clients):
            for s in suppliers:
                # One request per supplier's card (a tap-by-tap phone stays inside the rate limit too).
                base = {"l1": 3, "l2": 4, "l3": 2, "l4": 3}[s] + (1 if s == "l4" and j_even(n) else 0)
                # Each supplier has its strong and weak criteria (BIAS), and people differ a little.
                scores = {c: max(1, min(5, base + BIAS[s][j] + (n + j) % 3 - 1)) for j, c in enumerate(criteria)}
                ack = client.call(f"{TA}:score", {"activity_id": aid, "supplier_id": s, "scores": scores})
                assert ack["ok"], ack
        card = phone.locator(".ta-supplier[data-supplier=l2]")
        card.locator(".ta-scale").first.locator("button[data-score='4']").click()
        expect(card.locator(".ta-scale").first.locator("button[data-score='4']")).to_have_attribute(
            "aria-pressed", "true"
        )
        shot(phone, "triage-phone-leveranciers")
        expect(board.locator(".ta-total td").nth(1)).not_to_have_text("—")
        shot(board, "triage-board-leveranciers")
        shot(fac, "triage-facilitator-leveranciers")

        # 6. The choice: the table with every mean, the PDF with the programma and the table.
        phase(room, aid, "keuze")
        expect(board.locator(".ta-table[data-withheld=false]")).to_be_visible()
        expect(board.locator(".ta-table .ta-best").first).to_be_visible()
        fac.get_by_role("group", name="Keuze van de leverancier").get_by_role("button", name="Platform 24").click()
        expect(board.locator(".ta-choice")).to_have_text("Gekozen leverancier: Platform 24")
        shot(board, "triage-board-keuze")
        everything = "".join(p.inner_text() for p in (board.locator("#work"), fac.locator("#plugin-area")))
        for name in [*NAMES[:PHONES], "Willemijn"]:
            assert name not in everything, name

        req = urllib.request.Request(
            f"{server.url}/api/sessions/{session['code']}/report.pdf",
            headers={"Authorization": f"Bearer {session['facilitator_token']}"},
        )
        with urllib.request.urlopen(req, timeout=60) as res:
            text = " ".join(pdf_text(res.read()).split())
        assert "Programma van eisen" in text and "Vergelijking leveranciers" in text
        programma = text[text.index("Programma van eisen Eis") :]
        assert programma.index("Koppeling met het HIS zonder overtypen") < programma.index("AI-triage met controle")
        assert programma.index("NEN 7510") < programma.index("AI-triage met controle"), "must before should"
        for name in ("Arts en zorg", "Platform 24", "Huisartsen van Nederland", "Quint", "Gewogen gemiddelde"):
            assert name in text, name
        assert "(n=15)" in text and "(n=16)" in text
        assert "Gekozen leverancier: Platform 24" in text
        assert "Willemijn" not in text
        assert len(wishes) == len(WENSEN)
        assert errors == [], errors
    finally:
        room.close()


def j_even(n: int) -> bool:
    return n % 2 == 0
