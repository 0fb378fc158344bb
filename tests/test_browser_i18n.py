"""Languages in a real browser: a session switched to English end to end, and a
phone that picks its own language."""

import io
from pathlib import Path

from browser_support import *  # noqa: F403
from browser_support import BOARD, PHONE, create, join_phone, needs_chromium, open_online
from pypdf import PdfReader

pytestmark = needs_chromium


def test_session_switched_to_english_board_phone_and_pdf(server, browser):
    session = create(server, practice="De Linde", agenda=["trots"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    fac.on("pageerror", lambda exc: errors.append(str(exc)))
    board = open_online(browser, session["board_url"], **BOARD)
    board.on("pageerror", lambda exc: errors.append(str(exc)))
    phone = browser.new_context(**PHONE).new_page()
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.goto(session["join_url"])
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#composer:not([hidden])")
    assert phone.locator("#post-button").inner_text() == "Je post-it plakken"
    assert "Doe mee met code" in board.locator("#joinbox").inner_text()

    # The facilitator switches the session to English: every page reloads in it.
    fac.select_option("#session-language", "en")
    for page in (fac, board, phone):
        page.wait_for_selector("html[lang=en]")
        page.wait_for_selector("#conn[data-state=online]")
    assert "Join with code" in board.locator("#joinbox").inner_text()
    board.locator("#prompt", has_text="What are you proud of?").wait_for()
    assert board.locator("#conn").inner_text() == "Connected"
    assert "No sticky notes yet" in board.locator("#work").inner_text()
    assert fac.locator("#open-board").inner_text() == "Open the board"
    fac.locator("#current-kind", has_text="Work format: Pride").wait_for()
    fac.locator("#phases button", has_text="Post sticky notes").wait_for()

    phone.wait_for_selector("#composer:not([hidden])")
    assert phone.locator("#post-button").inner_text() == "Post your sticky note"
    assert phone.locator("#note-text").get_attribute("placeholder") == "Write your sticky note here…"
    phone.fill("#note-text", "Our triage on the phone")
    phone.click("#post-button")
    board.locator(".note", has_text="Our triage on the phone").wait_for()
    assert "1 sticky note" in board.locator("#count").inner_text()
    # Stored (acknowledged), not only on its way: then it has its buttons.
    phone.locator("#mine .note:not(:has(.pending))", has_text="Our triage").wait_for()
    assert phone.locator("#mine button", has_text="Edit").count() == 1

    with fac.expect_download() as download:
        fac.click("#download-report")
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    for english in ("Report of the meeting", "Practice", "Participants", "Pride", "Our triage on the phone", "page 1"):
        assert english in text, english
    assert "Verslag van de bijeenkomst" not in text and "Deelnemers" not in text
    assert errors == []


def test_a_phone_picks_its_own_language(server, browser):
    session = create(server, agenda=["trots"])
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(session["join_url"])
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#composer:not([hidden])")
    assert phone.locator("#post-button").inner_text() == "Je post-it plakken"

    phone.select_option("#phone-language", "en")
    phone.wait_for_selector("html[lang=en]")
    phone.wait_for_selector("#composer:not([hidden])")  # still joined after the reload
    assert phone.locator("#post-button").inner_text() == "Post your sticky note"
    assert phone.locator("#conn").inner_text() == "Connected"
    # An error from the server comes in the phone's language too.
    phone.fill("#note-text", "x" * 281)
    phone.locator("#composer-error", has_text="too long").wait_for()

    # The board and a second phone stay Dutch: the choice is this phone's own.
    board = open_online(browser, session["board_url"], **BOARD)
    assert "Doe mee met code" in board.locator("#joinbox").inner_text()
    other = browser.new_context(**PHONE).new_page()
    other.goto(session["join_url"])
    assert other.locator("#join-form button[type=submit]").inner_text() == "Meedoen"


def test_work_formats_in_an_english_session_on_board_and_phone(server, browser):
    """uitdagingen-en-kansen, impact-inspanning and actieplan: their own board, phone and
    facilitator texts (and the action's date) in English."""
    session = create(server, agenda=["uitdagingen-en-kansen", "impact-inspanning", "actieplan"], language="en")
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Anna")
    for page in (fac, board, phone):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.wait_for_selector("#conn[data-state=online]")

    fac.click("#phases button:has-text('Post and group')")
    board.locator(".board__empty", has_text="pink for a challenge, blue for an opportunity").wait_for()
    phone.fill("#note-text", "Long waits on the phone")
    phone.click("#post-button")
    board.locator(".uk-area[data-area=uitdaging] .note", has_text="Long waits on the phone").wait_for()
    assert board.locator(".uk-area[data-area=uitdaging] h2").inner_text() == "Challenges (1 sticky note)"
    assert board.locator(".uk-area[data-area=kans] .uk-area__empty").inner_text() == "No opportunities yet."

    fac.locator("#agenda button", has_text="Impact and effort").click()
    fac.fill(".ii-fac input[name=item]", "Callback slots")
    fac.click(".ii-fac button:has-text('Add note')")
    board.locator(".ii-legend li", has_text="Callback slots").wait_for()
    assert "We place the sticky notes in the matrix together." in board.locator(".ii-meta").first.inner_text()
    assert "not placed yet" in board.locator(".ii-legend").inner_text()
    assert "Right away: high impact, low effort" in board.locator(".ii-reading").inner_text()
    assert board.locator(".ii-label--onmiddellijk").inner_html() == "Right away"
    phone.locator(".hint", has_text="Write down solutions, one per sticky note.").wait_for()

    fac.locator("#agenda button", has_text="Action plan").click()
    fac.fill(".ap-form input[name=what]", "Try the booking tool")
    fac.fill(".ap-form input[name=who]", "Anna")
    fac.fill(".ap-form input[name=due]", "2027-01-12")
    fac.click(".ap-form button:has-text('Add action')")
    board.locator(".ap-table td", has_text="Try the booking tool").wait_for()
    assert board.locator(".ap-table th").all_inner_texts() == ["What", "Who", "When", "Status"]
    assert board.locator(".ap-due").inner_text() == "Jan 12, 2027"
    phone.locator(".ap-phone__title", has_text="Agreements").wait_for()
    phone.locator(".ap-list__facts", has_text="Who: Anna · When: Jan 12, 2027").wait_for()
    assert fac.locator(".ap-fac h3").inner_text() == "Action plan"
    assert errors == []


def test_kennismaken_and_kernwoorden_in_an_english_session(server, browser):
    """kennismaken (with the shipped card labels) and kernwoorden (after a goal from
    doelstellingen): their board, phone and facilitator texts in English, none of the Dutch."""
    session = create(server, agenda=["kennismaken", "doelstellingen", "kernwoorden"], language="en")
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Anna")
    for page in (fac, board, phone):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.wait_for_selector("#conn[data-state=online]")
    dutch = (
        "Kaart",
        "Vuurtoren",
        "Je stelt je voor",
        "Kies een kaart",
        "Nog geen",
        "Doelstelling",
        "kernwoord",
        "Eigen kaarten",
        "Standaardkaarten",
        "Gekozen",
    )

    board.locator(".board__empty", has_text="No cards chosen yet. Scan the QR code").wait_for()
    phone.locator(".hint", has_text="You introduce yourself as Anna.").wait_for()
    assert phone.locator("label[for=kn-role]").inner_text() == "Your role or position (optional)"
    assert phone.locator(".kn-pick[data-card=vuurtoren]").inner_text() == "Lighthouse"
    assert "Use Flipover's default cards" in fac.locator(".kn-fac").inner_text()
    phone.click(".kn-pick[data-card=vuurtoren]")
    phone.locator("strong", has_text="Your card: Lighthouse").wait_for()
    phone.fill("#note-text", "A beacon for the neighbourhood")
    phone.click("#post-button")
    board.locator(".kn-label", has_text="Card: Lighthouse").wait_for()
    for page in (board, phone, fac):
        shown = page.inner_text("body")
        assert not [word for word in dutch if word in shown], shown

    fac.locator("#agenda button", has_text="Goals").first.click()
    fac.fill("#vs-prefill", "Shorter waiting times")
    fac.click(".vs-tools button:has-text('Add goals')")
    board.locator(".vs-goals li", has_text="Shorter waiting times").wait_for()

    fac.locator("#agenda button", has_text="Keywords").click()
    board.locator(".kw-step", has_text="Goal 1 of 1").wait_for()
    board.locator(".board__empty", has_text="Which three keywords belong with this goal?").wait_for()
    phone.locator("#kw-current-goal .kw-step", has_text="Goal 1 of 1").wait_for()
    phone.locator(".hint", has_text="What does this goal mean? One keyword per note.").wait_for()
    assert fac.locator("#kw-next").inner_text() == "Next goal ▶"
    phone.fill("#note-text", "Speed")
    phone.click("#post-button")
    fac.locator("#kw-keep-list button", has_text="Choose").click()
    board.locator(".note__badge", has_text="Chosen ✓").wait_for()
    for page in (board, phone):
        shown = page.inner_text("body")
        assert not [word for word in dutch if word in shown], shown
    assert errors == []
