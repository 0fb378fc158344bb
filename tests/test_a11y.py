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
    scale_text,
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
    "evaluatie",
    "sterk-verbeterpunt",
    "vragen-en-zorgen",
    "per-functie",
    "interviews",
    "triage-analyse",
]


def test_every_installed_work_format_is_checked():
    # A new work format must join FORMATS (and get seed content if its views need it).
    assert sorted(FORMATS) == sorted(PHASES)


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
    elif slug == "triage-analyse":
        phone.locator(".ta-picker button[data-step=s3]").click()
        post(phone, "Assistentes kennen de NTS-triage goed", "Gaat goed")
        post(phone, "Triage kost veel tijd per gesprek", "Gaat niet goed")
        board.locator(".ta-col .note", has_text="Triage kost veel tijd").wait_for()
    elif slug == "actieplan":
        fac.fill(".ap-form input[name=what]", "Verslag rondsturen aan het team")
        fac.fill(".ap-form input[name=who]", "Sanne")
        fac.locator(".ap-form button[type=submit]").click()
        board.get_by_text("Verslag rondsturen aan het team").wait_for()
    elif slug == "interviews":
        phone.locator(".iv-card textarea").first.fill("Een warme praktijk met korte lijnen")
        phone.locator(".iv-card button:has-text('Opslaan')").first.click()
        phone.locator(".iv-card.is-answered").first.wait_for()
        form = fac.locator("form.iv-fac__form")
        form.locator("select[name=role] option[value=poh]").wait_for(state="attached")
        form.locator("select[name=role]").select_option("poh")
        form.locator("textarea[name=q4]").fill("De telefoon staat de hele ochtend roodgloeiend")
        form.locator("button[type=submit]").click()
        answer = fac.locator(".iv-answer[data-ref='i1:q4']")
        answer.locator("input[name=label]").fill("Telefonische bereikbaarheid")
        answer.locator("input[name=label]").press("Enter")
        board.locator(".iv-theme").first.wait_for()
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


FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const dot = el.closest(".ii-dot") && getComputedStyle(el.querySelector("circle")).strokeWidth === "10px";
    return { shown: Boolean(ring || dot), what: el.tagName + "#" + el.id + " " + (el.textContent || "").slice(0, 30) };
}"""


def tab_to(page, selector: str, limit: int = 80) -> int:
    """Press Tab until selector has the focus; every stop on the way shows a focus ring."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_SHOWN)
        if focus is not None:
            assert focus["shown"], f"no visible focus on {focus['what']}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


def test_facilitator_page_runs_by_keyboard_alone_with_visible_focus(server, browser):
    session = create(server, agenda=["trots", "impact-inspanning"])
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Anna")
    wait_rendered(board, "plakken")

    # Next agenda item, by keyboard.
    tab_to(fac, "#next")
    fac.keyboard.press("Enter")
    wait_rendered(board, "verzamelen")
    # A new item, typed and sent with Enter.
    fac.wait_for_selector(".ii-fac input[name=item]")
    tab_to(fac, ".ii-fac input[name=item]")
    fac.keyboard.type("Online afspraken maken")
    fac.keyboard.press("Enter")
    fac.locator(".ii-list li", has_text="Online afspraken maken").wait_for()
    # To the scoring phase with Space on its phase button.
    fac.locator("#phases button").nth(0).focus()
    fac.keyboard.press("Tab")
    fac.keyboard.press("Space")
    wait_rendered(phone, "scoren")
    phone.click(".ii-scale[aria-label^='Impact'] button[data-value='4']")
    phone.click(".ii-scale[aria-label^='Inspanning'] button[data-value='2']")
    # One rater: the means wait for three or the end of the round (issue 18), so end it by keyboard.
    fac.locator("#phases button").nth(2).focus()
    fac.keyboard.press("Space")
    wait_rendered(phone, "bespreken")
    dot = fac.locator(".ii-fac .ii-dot")
    dot.wait_for()

    # The drag's keyboard alternative: arrow keys on the focused dot pin the item's place.
    tab_to(fac, ".ii-fac .ii-dot")
    fac.keyboard.press("ArrowUp")
    fac.locator(".ii-list li button", has_text="Terug naar gemiddelde").wait_for()
    fac.wait_for_function("document.activeElement && document.activeElement.matches('.ii-dot')")
    fac.keyboard.press("ArrowRight")
    # The board shows the pinned place (a pinned dot is drawn in the accent colour).
    board.wait_for_selector(".ii-dot circle[fill='#0B4F8A']")
    assert_accessible(fac, "facilitator with a focusable matrix")


def test_phone_announces_a_stored_note_and_the_end_of_the_timer(server, browser):
    import socketio

    session = create(server, agenda=["trots"])
    phone = join_phone(browser, session, "Anna")
    phone.wait_for_selector("#composer:not([hidden])")
    region = phone.locator("#announce")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    post(phone, "De samenwerking met de POH")
    phone.locator("#announce", has_text="Post-it opgeslagen: De samenwerking met de POH").wait_for(state="attached")

    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"])
    try:
        payload = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
        activity_id = client.call("join", payload)["state"]["current_activity_id"]
        assert client.call("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 1})["ok"]
        phone.locator("#announce", has_text="Tijd is om!").wait_for(state="attached", timeout=10_000)
    finally:
        client.disconnect()


def arrival_animation(browser, server, **context) -> str:
    session = create(server, agenda=["trots"])
    board = open_online(browser, session["board_url"], **BOARD, **context)
    phone = join_phone(browser, session)
    wait_rendered(phone, "plakken")
    post(phone, "Een nieuwe post-it")
    board.locator(".note", has_text="Een nieuwe post-it").wait_for()
    return board.evaluate("getComputedStyle(document.querySelector('#work .note')).animationName")


def test_new_notes_do_not_move_under_prefers_reduced_motion(server, browser):
    assert arrival_animation(browser, server) == "note-in"
    assert arrival_animation(browser, server, reduced_motion="reduce") == "none"


def test_phone_text_at_200_percent_keeps_everything_readable(server, browser):
    """Text at 200 % (a phone's largest text setting): no sideways scrolling, no cut-off
    text, and the text did grow (sizes are rem, not px)."""
    session = create(server, agenda=["uitdagingen-en-kansen", "impact-inspanning"])
    add_goals(server, session)
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(session["join_url"])
    phone.wait_for_selector("#join-form")
    scale_text(phone)

    def readable(where: str) -> None:
        assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 36, where
        assert horizontal_overflow(phone) == 0, f"{where}: sideways scrolling at 200 %"
        cut = clipped_text(phone, "button, label, .note, .note__text, h1, h2, p, .board-item")
        assert cut == [], f"{where}: cut-off text at 200 %: {cut}"

    readable("join form")
    phone.click("#join-form button[type=submit]")
    wait_rendered(phone, "schrijven")
    post(phone, "Telefoon is altijd bezet in de ochtend", "Uitdaging")
    post(phone, "Online afspraken maken", "Kans")
    readable("writing privately")
    fac.locator("#phases button").nth(2).click()  # stemmen
    wait_rendered(phone, "stemmen")
    phone.wait_for_selector("#board-items .board-item")
    readable("voting")
    fac.click("#next")
    fac.wait_for_selector(".ii-fac input[name=item]")
    fac.fill(".ii-fac input[name=item]", "Terugbelverzoek via de website")
    fac.press(".ii-fac input[name=item]", "Enter")
    fac.locator(".ii-list li").first.wait_for()
    fac.locator("#phases button").nth(1).click()  # scoren
    wait_rendered(phone, "scoren")
    phone.wait_for_selector(".ii-scale button")
    readable("scoring")
    assert small_tap_targets(phone) == []


def test_pdf_names_the_category_of_every_note(server, browser):
    """Colour is never the only carrier: the report prints each note's category."""
    from io import BytesIO

    from pypdf import PdfReader

    session = create(server, agenda=["uitdagingen-en-kansen"])
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    phone = join_phone(browser, session, "Anna")
    wait_rendered(phone, "schrijven")
    post(phone, "Telefoon is altijd bezet", "Uitdaging")
    post(phone, "Online afspraken maken", "Kans")
    fac.locator("#phases button").nth(1).click()
    wait_rendered(phone, "plakken")
    pdf = fac.request.get(server.url + f"/api/sessions/{session['code']}/report.pdf")
    assert pdf.ok
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any("UITDAGING" in line for line in lines) and any("KANS" in line for line in lines), text
