"""A participant's function and the work format `per-functie` in a real browser (Debian's
Chromium, Playwright, the real server; issue 21): phones choose their function on the join
form and keep it over a reload, a phone without one picks one per note, the facilitator
sees the counts per function (and the board never who is who), and a full room of 18
phones with mixed functions and 42 notes fits the board at 1920×1080, a column per function.

Screenshots: FLIPOVER_SHOTS=<dir> keeps what the board showed (test_board_room.measure)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, needs_chromium, open_online
from playwright.sync_api import expect
from room import NAMES, Room
from test_board_room import assert_legible, every_page

pytestmark = needs_chromium

SLUG = "per-functie"

# 18 phones: a practice's mix, three without a function (their notes go under "Onbekend").
FUNCTIONS: list[str | None] = [
    "huisarts", "huisarts", "huisarts", "huisarts",
    "doktersassistent", "doktersassistent", "doktersassistent", "doktersassistent", "doktersassistent",
    "poh", "poh", "poh",
    "praktijkmanager", "praktijkhouder", "anders",
    None, None, None,
]  # fmt: skip

# What each function writes (impact = what changes, nodig = what is needed): 42 different
# notes, as many as its phones post; some long, some Dutch compounds.
WRITES: dict[str | None, list[tuple[str, str]]] = {
    "huisarts": [
        ("impact", "Minder spreekuur, meer tijd voor complexe zorg en overleg met de POH"),
        ("nodig", "Een vaste overlegtijd met de doktersassistenten over de nieuwe triagewijzer"),
        ("impact", "Supervisie over de taakherschikking: ik blijf eindverantwoordelijk"),
        ("nodig", "Ketenzorgprogrammacoördinatieoverleg met de POH eens per maand"),
        ("impact", "Minder visites, meer e-consulten"),
        ("nodig", "Vertrouwen dat de triage goed gaat"),
        ("impact", "Ik zie vooral de complexe patiënten, dat is zwaarder werk per consult"),
        ("nodig", "Een terugkoppeling van de assistenten aan het eind van de dag"),
        ("impact", "Opleidingstaak: de aios leert het nieuwe werken meteen mee"),
        ("nodig", "Tijd"),
    ],
    "doktersassistent": [
        ("impact", "Meer zelfstandige triage aan de telefoon"),
        ("nodig", "Scholing in de NHG-Triagewijzer en oefenen met casussen"),
        ("impact", "Terugbelverzoeken worden ons werk, niet meer dat van de huisarts"),
        ("nodig", "Rustige werkplek zonder balie-onderbrekingen tijdens het telefoneren"),
        ("impact", "Patiëntenvoorlichting over online afspraken maken"),
        ("impact", "Meer verantwoordelijkheid"),
        ("nodig", "Een huisarts die altijd bereikbaar is voor overleg bij twijfel"),
        ("impact", "Wondzorg en hechtingen verwijderen komen bij ons"),
        ("nodig", "Een duidelijk protocol voor spoed"),
        ("impact", "Herhaalrecepteninstructie voor de balie"),
        ("nodig", "Waardering"),
    ],
    "poh": [
        ("impact", "Diabetesspreekuur en ouderenzorg volledig zelfstandig, met korte lijnen naar de huisarts"),
        ("nodig", "Toegang tot het ketenzorginformatiesysteem vanuit de spreekkamer"),
        ("nodig", "Duidelijke afspraken over wanneer ik de huisarts erbij haal"),
        ("impact", "Meer groepsvoorlichting"),
        ("impact", "Leefstijlcoaching wordt een vast onderdeel van mijn spreekuur"),
        ("nodig", "Een eigen spreekkamer op dinsdag"),
        ("impact", "POH-GGZ neemt de eerste gesprekken over"),
    ],
    "praktijkmanager": [
        ("impact", "Roosters opnieuw indelen: meer telefoontijd in de ochtend, dus minder baliebezetting"),
        ("nodig", "Budget voor scholing en een tijdelijke extra assistent tijdens de overgang"),
        ("impact", "Kwartaalcijfers over bereikbaarheid bijhouden"),
    ],
    "praktijkhouder": [
        ("impact", "Investeringsbeslissing over het nieuwe telefoonsysteem met terugbelfunctie"),
        ("nodig", "Zicht op de kosten en de opbrengst in tijd na een half jaar"),
    ],
    "anders": [
        ("impact", "Als apothekersassistent krijg ik meer herhaalrecepten via de app"),
        ("nodig", "Een vaste contactpersoon in de praktijk"),
    ],
    None: [
        ("impact", "Ik weet nog niet wat er voor mij verandert"),
        ("nodig", "Een overzicht van wie wat gaat doen, op één A4"),
        ("impact", "Andere werktijden"),
        ("nodig", "Informatie"),
        ("impact", "Minder ad-hocwerk, meer gepland"),
        ("nodig", "Een proefperiode van drie maanden voordat het definitief wordt"),
        ("impact", "Samenwerkingsafspraken met de huisartsenpost"),
    ],
}


def room_notes() -> list[list[dict]]:
    """Each phone's notes, 2 or 3 a phone, its function's texts in turn: 42 in all, all different."""
    used: dict[str | None, int] = {}
    out = []
    for n, function in enumerate(FUNCTIONS):
        mine = []
        for _ in range(3 if n % 3 == 0 else 2):
            category, text = WRITES[function][used.get(function, 0)]
            used[function] = used.get(function, 0) + 1
            mine.append({"text": text, "category": category})
        out.append(mine)
    assert used == {key: len(texts) for key, texts in WRITES.items()}, used
    return out


def shot(page, name: str) -> None:
    """With FLIPOVER_SHOTS=<dir>, keep what the page shows, to look at."""
    if os.environ.get("FLIPOVER_SHOTS"):
        page.screenshot(path=str(Path(os.environ["FLIPOVER_SHOTS"]) / f"{name}.png"), full_page=True)


def column_counts(board) -> dict[str, int]:
    """{function key: notes drawn in its column} as the board shows them."""
    return board.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#work .pf-col')].map(
          (c) => [c.dataset.function, c.querySelectorAll('[data-note-id]').length]))"""
    )


def test_phones_choose_their_function_and_notes_land_in_its_column(server, browser):
    session = create(server, agenda=[SLUG])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)

    # Anna joins as huisarts through the form's select; the label names it as optional.
    anna = browser.new_context(**PHONE).new_page()
    for page in (fac, board, anna):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    anna.goto(session["join_url"])
    expect(anna.locator("label[for=function]")).to_contain_text("Je functie (niet verplicht)")
    assert anna.locator("#function option").all_inner_texts() == [
        "Geen keuze",
        "Huisarts",
        "Doktersassistent",
        "POH",
        "Praktijkmanager",
        "Praktijkhouder",
        "Anders",
    ]
    anna.fill("#name", "Anna")
    anna.get_by_label("Je functie").select_option(label="Huisarts")
    shot(anna, "per-functie-phone-join")
    anna.click("#join-form button[type=submit]")
    expect(anna.locator(".pf-own")).to_have_text("Je post-its komen in de kolom: Huisarts")
    anna.fill("#note-text", "Minder spreekuur, meer overleg")
    anna.click("#post-button")
    expect(board.locator(".pf-col[data-function=huisarts] .note")).to_contain_text(["Minder spreekuur, meer overleg"])

    # Only the facilitator sees the functions; the board has columns, never names.
    expect(fac.locator("#functions")).to_have_text(" · Functies: Huisarts 1")
    assert fac.locator("#functions").get_attribute("title") == "Anna: Huisarts"
    assert "Anna" not in board.locator("#work").inner_text()

    # A reload rejoins with the same token and function: the next note is a huisarts's too.
    anna.reload()
    expect(anna.locator(".pf-own")).to_have_text("Je post-its komen in de kolom: Huisarts")
    anna.get_by_label("Wat heb ik nodig?").check()
    anna.fill("#note-text", "Een vaste overlegtijd")
    anna.click("#post-button")
    expect(board.locator(".pf-col[data-function=huisarts] .note")).to_have_count(2)
    expect(board.locator(".pf-col[data-function=huisarts] .pf-col__title")).to_have_text("Huisarts (2)")

    # Bo gave no function: the phone asks per note; an unpicked note goes under "Onbekend".
    bo = browser.new_context(**PHONE).new_page()
    bo.on("pageerror", lambda exc: errors.append(str(exc)))
    bo.goto(session["join_url"])
    bo.click("#join-form button[type=submit]")
    bo.get_by_label("Voor welke functie schrijf je?").select_option(label="POH")
    shot(bo, "per-functie-phone-pick")
    bo.fill("#note-text", "Meer zelfstandige spreekuren")
    bo.click("#post-button")
    expect(board.locator(".pf-col[data-function=poh] .note")).to_contain_text(["Meer zelfstandige spreekuren"])
    bo.get_by_label("Voor welke functie schrijf je?").select_option(label="Onbekend")
    bo.fill("#note-text", "Weet ik nog niet")
    bo.click("#post-button")
    expect(board.locator(".pf-col[data-function=onbekend] .note")).to_contain_text(["Weet ik nog niet"])
    expect(board.locator(".pf-col .pf-col__title")).to_have_text(["Huisarts (2)", "POH (1)", "Onbekend (1)"])
    # The notes carry a short label in their column; the legend names the two questions.
    expect(board.locator(".pf-col[data-function=huisarts] .note__label")).to_have_text(["Impact", "Nodig"])
    expect(board.locator(".pf-legend__chip")).to_have_text(
        ["Impact: Wat verandert er voor mijn functie?", "Nodig: Wat heb ik nodig?"]
    )
    assert errors == []


@pytest.fixture(scope="module")
def full_room(server):
    session = create(server, agenda=[SLUG])
    room = Room(server.url, session, phones=len(FUNCTIONS), functions=FUNCTIONS)
    yield session, room
    room.close()


def test_a_full_room_with_mixed_functions_fits_the_board_a_column_per_function(server, browser, full_room):
    session, room = full_room
    activity_id = room.activity_id(SLUG)
    # What a note costs the other phones: listen on every phone but the poster's.
    heard: list[int] = []
    lock = threading.Lock()

    def listen(event, *args):
        with lock:
            heard.append(len(json.dumps(args, ensure_ascii=False).encode()))

    for client in room.clients[1:]:
        client.on("*", listen)
    first = room.post_all(activity_id, [room_notes()[0]])
    assert heard == [], f"other phones received {sum(heard)} bytes for one note"

    notes = first + room.post_all(activity_id, [[], *room_notes()[1:]])
    assert len(notes) == 42
    # Every note is filed under its poster's function (none given: not filed, "Onbekend").
    by_text = {text: function for function, texts in WRITES.items() for _category, text in texts}
    assert {n["text"]: n["data"].get("function") for n in notes} == by_text
    expected = {}
    for note in notes:
        key = note["data"].get("function") or "onbekend"
        expected[key] = expected.get(key, 0) + 1

    board = open_online(browser, session["board_url"], **BOARD)
    board.wait_for_selector(f"body[data-rendered^='{activity_id}:']")
    expect(board.locator("#count")).to_contain_text("42")
    order = ["huisarts", "doktersassistent", "poh", "praktijkmanager", "praktijkhouder", "anders", "onbekend"]
    expect(board.locator(".pf-col")).to_have_count(7)
    assert [board.locator(".pf-col").nth(i).get_attribute("data-function") for i in range(7)] == order

    seen, _groups, shots = every_page(board, "per-functie-42-1920x1080")
    for m in shots:
        assert_legible(m)
    assert seen == {n["id"] for n in notes}, f"{len(notes) - len(seen)} notes on no page"
    # The design case fits on one page at 1080p: every column complete at once.
    assert shots[0]["pages"] == 1, shots[0]["pages"]
    assert column_counts(board) == expected
    # The board shows functions, never who wrote what.
    text = board.locator("#work").inner_text()
    assert not any(name in text.split() for name in NAMES[: len(FUNCTIONS)])

    # The facilitator's header counts the room per function.
    fac = open_online(browser, session["facilitator_url"])
    expect(fac.locator("#functions")).to_have_text(
        " · Functies: Huisarts 4, Doktersassistent 5, POH 3, Praktijkmanager 1, Praktijkhouder 1, Anders 1"
    )
    shot(fac, "per-functie-facilitator")


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768)])
def test_the_full_room_stays_legible_on_smaller_screens_paging_if_need_be(server, browser, full_room, width, height):
    session, room = full_room
    activity_id = room.activity_id(SLUG)
    # The room of the test above (posting again is idempotent: the same client ids).
    ids = {n["id"] for n in room.post_all(activity_id, room_notes())}
    assert len(ids) == 42
    board = open_online(browser, session["board_url"], viewport={"width": width, "height": height})
    board.wait_for_selector(f"body[data-rendered^='{activity_id}:']")
    expect(board.locator(".pf-col")).to_have_count(7)
    seen, _groups, shots = every_page(board, f"per-functie-42-{width}x{height}")
    for m in shots:
        assert_legible(m)
    assert seen == ids, f"{len(ids - seen)} notes on no page at {width}×{height}"
    if shots[0]["pages"] > 1:
        assert shots[0]["pageText"] == f"pagina 1 van {shots[0]['pages']}"
