"""Accessibility in a real browser (issue 10): axe-core (WCAG 2.1 A/AA, no serious
or critical violations) on every page and on the board, phone and facilitator view
of every phase of every work format, with the in-room sizes checked on the way
(phone: no sideways scrolling, 44 px tap targets; board: note text and prompt
sizes, a category label on every note). Keyboard use, focus, live announcements
and reduced motion have their own tests below."""

from __future__ import annotations

import pytest
from a11y_support import (
    MIN_NOTE_TEXT,
    MIN_PROMPT,
    assert_accessible,
    clipped_text,
    font_sizes,
    horizontal_overflow,
    small_tap_targets,
)
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, join_phone, needs_chromium, open_online

from app.registry import discover

pytestmark = needs_chromium

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHASES = {form.slug: [p.slug for p in form.phases] for form in discover()}
FORMATS = [
    "trots",
    "toelichting",
    "kennismaken",
    "uitdagingen-en-kansen",
    "actieplan",
    "doelstellingen",
    "kernwoorden",
    "processen-en-acties",
    "impact-inspanning",
    "processen-en-ict",
]


def wait_rendered(page, phase: str) -> None:
    """The page drew this phase (board.js/phone.js set data-rendered once drawn)."""
    page.wait_for_selector(f"body[data-rendered$=':{phase}']")


def post(phone, text: str, category: str | None = None) -> None:
    if category:
        phone.click(f"#categories label:has-text('{category}')")
    phone.fill("#note-text", text)
    phone.click("#post-button")
    phone.locator("#mine .note:not(:has(.pending))", has_text=text).wait_for()


def seed(slug: str, fac, board, phone) -> None:
    """Content for each work format, so its views are checked with notes on them."""
    if slug == "kennismaken":
        phone.click(".kn-pick[data-card=vuurtoren]")
        phone.fill("#kn-role", "Doktersassistent")
        post(phone, "Een baken in de wijk voor iedereen")
    elif slug == "processen-en-ict":
        fac.fill(".pi-fac input[placeholder='Naam van het proces']", "Herhaalrecepten")
        fac.press(".pi-fac input[placeholder='Naam van het proces']", "Enter")
        for step in ("Patiënt belt", "Assistente noteert"):
            fac.fill(".pi-fac input[placeholder='Nieuwe stap']", step)
            fac.click(".pi-fac button:has-text('Stap toevoegen')")
            board.locator(".pi-step", has_text=step).wait_for()
        phone.locator(".pi-picker button").first.click()
        post(phone, "Recept komt via de apotheek binnen")
    elif slug == "actieplan":
        fac.fill(".ap-form input[name=what]", "Verslag rondsturen aan het team")
        fac.fill(".ap-form input[name=who]", "Sanne")
        fac.locator(".ap-form button[type=submit]").click()
        board.get_by_text("Verslag rondsturen aan het team").wait_for()
    elif phone.locator("#composer").is_visible():
        labels = phone.locator("#categories label")
        shown = labels.count() and labels.first.is_visible()
        categories = [labels.nth(i).inner_text() for i in range(labels.count())] if shown else [None]
        for n, category in enumerate(categories[:2]):
            post(phone, f"Post-it {n + 1}: de samenwerking tussen assistentes en huisartsen", category)


def check_board(board, where: str) -> None:
    assert_accessible(board, where)
    notes = board.locator("#work .note")
    for i in range(notes.count()):
        label = notes.nth(i).locator(".note__label")
        assert label.count() and label.first.inner_text().strip(), f"{where}: a note without its category label"
    small = [s for s in font_sizes(board, "#work .note__text") if s < MIN_NOTE_TEXT]
    assert not small, f"{where}: note text below {MIN_NOTE_TEXT}px: {small}"
    prompt = font_sizes(board, "#prompt")
    assert all(s >= MIN_PROMPT for s in prompt), f"{where}: prompt {prompt}px"
    assert clipped_text(board, "#work .note, #work .note__text") == [], f"{where}: note text cut off"


def check_phone(phone, where: str) -> None:
    assert_accessible(phone, where)
    assert horizontal_overflow(phone) == 0, f"{where}: the phone scrolls sideways"
    assert small_tap_targets(phone) == [], f"{where}: tap targets under 44 px"


def add_goals(server, session: dict) -> None:
    """Session goals (kernwoorden, processen en acties build on them), as the facilitator."""
    import socketio

    tool = socketio.Client(reconnection=False)
    tool.connect(server.url, transports=["websocket"])
    try:
        payload = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
        assert tool.call("join", payload)["ok"]
        for title in ("Meer tijd voor de patiënt", "Werkplezier in het team"):
            assert tool.call("goal:add", {"title": title})["ok"]
    finally:
        tool.disconnect()


@pytest.mark.parametrize("slug", FORMATS)
def test_every_phase_passes_axe_and_size_checks_on_board_phone_and_facilitator(server, browser, slug):
    session = create(server, agenda=[slug])
    add_goals(server, session)
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    fac.on("dialog", lambda dialog: dialog.accept())
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Anna")
    for page in (fac, board, phone):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    for page in (phone, board):
        page.wait_for_selector("body[data-rendered]")
    fac.wait_for_selector("#current-title:not(:empty)")
    seed(slug, fac, board, phone)

    for index, phase in enumerate(PHASES[slug]):
        if len(PHASES[slug]) > 1:
            fac.locator("#phases button").nth(index).click()
        wait_rendered(board, phase)
        wait_rendered(phone, phase)
        where = f"{slug}/{phase}"
        check_board(board, f"board {where}")
        check_phone(phone, f"phone {where}")
        assert_accessible(fac, f"facilitator {where}")
    assert errors == []


def test_start_join_and_not_found_pages_pass_axe(server, browser):
    page = browser.new_context(**DESKTOP).new_page()
    page.goto(server.url + "/")
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "start page")
    response = page.goto(server.url + "/join?code=ZZZZZZ")
    assert response is not None and response.status == 404
    assert_accessible(page, "code not found")

    session = create(server)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(session["join_url"])
    phone.wait_for_selector("#join-form")
    check_phone(phone, "phone join form")


def test_board_with_spotlight_and_large_qr_passes_axe(server, browser):
    session = create(server, agenda=["trots"])
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session)
    fac.locator("#phases button").nth(1).click()  # straight to plakken
    wait_rendered(phone, "plakken")
    post(phone, "Wij kennen onze patiënten " + "en hun families al generaties lang, " * 6)
    fac.wait_for_selector("#notes .note")
    fac.click("#spot-next")
    board.wait_for_selector("#spotlight .note")
    assert_accessible(board, "board with a long note in the spotlight")
    assert clipped_text(board, "#spotlight .note, #spotlight .note__text") == []
    board.click("#joinbox")
    board.wait_for_selector(".joinbox--large")
    assert_accessible(board, "board with the QR code enlarged")
