"""`evaluatie` in a real browser: three phones fill in the questionnaire through the
UI (auto-saved, shown as saved, back after a reload), the board shows only the
count while it is open, the facilitator adds a question and closes, the board
shows the distributions and grouped answers, and the PDF has them. Every view
passes axe and the in-room size checks (as tests/test_a11y.py does per format)."""

from __future__ import annotations

from io import BytesIO

from a11y_support import MIN_NOTE_TEXT, assert_accessible, font_sizes, horizontal_overflow, small_tap_targets
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = needs_chromium

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MIN_LABEL = 20  # px, DESIGN.md: labels on the board at 1080p


def wait_rendered(page, phase: str) -> None:
    page.wait_for_selector(f"body[data-rendered$=':{phase}']")


def card(phone, question_id: str):
    return phone.locator(f".ev-q[data-question={question_id}]")


def score(phone, question_id: str, value: int) -> None:
    card(phone, question_id).locator(f".ev-scale__button[data-value='{value}']").click()
    card(phone, question_id).locator(".ev-status", has_text="Opgeslagen ✓").wait_for()


def write(phone, question_id: str, text: str) -> None:
    field = card(phone, question_id).locator("textarea")
    field.fill(text)
    field.blur()  # leaving the field saves at once (typing saves after a pause)
    card(phone, question_id).locator(".ev-status", has_text="Opgeslagen ✓").wait_for()


def check_phone(phone, where: str) -> None:
    assert_accessible(phone, where)
    assert horizontal_overflow(phone) == 0, f"{where}: the phone scrolls sideways"
    assert small_tap_targets(phone) == [], f"{where}: tap targets under 44 px"


def check_board(board, where: str) -> None:
    assert_accessible(board, where)
    # Questions, answers, counts: answer-sized; the scale ends and section names are labels (DESIGN.md).
    selector = ".ev-board p:not(.ev-dist__ends), .ev-board li, .ev-board h3, .ev-progress__q"
    small = [s for s in font_sizes(board, selector) if s < MIN_NOTE_TEXT]
    assert not small, f"{where}: board text below {MIN_NOTE_TEXT}px: {small}"
    labels = [s for s in font_sizes(board, ".ev-dist__ends, .ev-board .ev-section") if s < MIN_LABEL]
    assert not labels, f"{where}: labels below {MIN_LABEL}px: {labels}"


def test_phones_fill_in_the_facilitator_closes_and_board_and_pdf_show_the_results(server, browser):
    session = create(server, agenda=["evaluatie"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    board = open_online(browser, session["board_url"], **BOARD)
    phones = [join_phone(browser, session, name) for name in ("Annemarie Vlietstra", "Bram", "Carla")]
    for page in (fac, board, *phones):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    anna, bram, carla = phones
    for page in (board, *phones):
        wait_rendered(page, "invullen")
    fac.wait_for_selector(".ev-fac__row")

    # The handbook's twelve questions, by section, with 1–5 on the "Hoe …" ones.
    assert card(anna, "q1").locator(".ev-scale").count() == 0
    assert card(anna, "q3").locator(".ev-scale__button").count() == 5
    anna.locator("#ev-progress", has_text="0 van 12 beantwoord").wait_for()

    score(anna, "q3", 4)
    write(anna, "q1", "Doktersassistent")
    anna.locator("#ev-progress", has_text="2 van 12 beantwoord").wait_for()
    score(bram, "q3", 5)
    write(bram, "q1", "  doktersassistent ")
    score(carla, "q3", 2)
    write(carla, "q3", "Meer uitleg vooraf graag")
    write(carla, "q1", "Huisarts")

    # While it is open the board counts, and shows nobody's answers.
    board.locator(".ev-count", has_text="3 deelnemers hebben ingevuld").wait_for()
    assert "Doktersassistent" not in board.inner_text("#work")
    check_board(board, "board invullen")
    check_phone(anna, "phone invullen")
    assert_accessible(fac, "facilitator invullen")

    # A reload brings a phone its own answers back.
    anna.reload()
    wait_rendered(anna, "invullen")
    # A waiting expectation: a wait_for_function string that must poll is eval'd in the page,
    # which the page's CSP forbids.
    expect(anna.locator("#ev-answer-q1")).to_have_value("Doktersassistent")
    assert card(anna, "q3").locator("[data-value='4']").get_attribute("aria-pressed") == "true"
    assert card(anna, "q3").locator("[data-value='5']").get_attribute("aria-pressed") == "false"

    # The facilitator adds a question; the phones get it at once.
    fac.fill(".ev-fac__add input[name=question]", "Hoe tevreden ben je over het resultaat?")
    fac.select_option(".ev-fac__add select", "implementatie")
    fac.check(".ev-fac__add input[type=checkbox]")
    fac.click(".ev-fac__add button[type=submit]")
    card(bram, "q13").locator(".ev-scale__button").first.wait_for()
    score(bram, "q13", 3)

    # Closing: answering stops, the board shows the aggregates.
    fac.locator("#phases button").nth(1).click()
    for page in (board, *phones):
        wait_rendered(page, "resultaten")
    anna.get_by_text("De vragenlijst is gesloten").wait_for()
    assert anna.locator(".ev-q").count() == 0
    q3 = board.locator(".ev-result[data-question=q3]")
    q3.locator(".ev-dist__facts", has_text="Gemiddelde 3,7 · n = 3").wait_for()
    counts = q3.locator(".ev-dist__count").all_inner_texts()
    assert counts == ["0", "1", "0", "1", "1"]
    assert q3.locator(".ev-answer", has_text="Meer uitleg vooraf graag").count() == 1
    q1 = board.locator(".ev-result[data-question=q1]")
    merged = q1.locator(".ev-answer", has_text="Doktersassistent")
    assert merged.count() == 1 and "2×" in merged.inner_text()
    assert q1.locator(".ev-answer", has_text="Huisarts").count() == 1
    assert "Annemarie" not in board.inner_text("body") and "Bram" not in board.inner_text("#work")
    check_board(board, "board resultaten")
    check_phone(anna, "phone resultaten")
    assert_accessible(fac, "facilitator resultaten")

    # The facilitator puts one section on the board.
    fac.locator(".ev-fac__show button", has_text="Algemene vragen").click()
    # On the board a question's answers are items of their own (a wall that flows and pages): several elements.
    expect(board.locator(".ev-result[data-question=q3]")).to_have_count(0)
    assert board.locator(".ev-result[data-question=q1] .ev-result__q").count() == 1

    pdf = fac.request.get(server.url + f"/api/sessions/{session['code']}/report.pdf")
    assert pdf.ok
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf.body())).pages)
    assert "3 deelnemers vulden in" in text
    assert "Gemiddelde 3,7 · n = 3" in text
    assert "Doktersassistent (2×)" in text and "Meer uitleg vooraf graag" in text
    assert "Hoe tevreden ben je over het resultaat?" in text
    assert "Annemarie" not in text
    assert errors == []


def test_an_answer_that_did_not_reach_the_server_shows_it_keeps_the_draft_and_retries(server, browser):
    session = create(server, agenda=["evaluatie"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Anna")
    wait_rendered(phone, "invullen")
    phone.context.set_offline(True)
    phone.wait_for_selector("#conn[data-state=offline]", timeout=30_000)
    field = card(phone, "q1").locator("textarea")
    field.fill("Praktijkondersteuner")
    field.blur()
    status = card(phone, "q1").locator(".ev-status.error")
    status.wait_for(timeout=30_000)
    assert "Niet opgeslagen" in status.inner_text()
    assert field.input_value() == "Praktijkondersteuner"  # nothing typed is lost
    phone.context.set_offline(False)
    phone.wait_for_selector("#conn[data-state=online]", timeout=30_000)
    card(phone, "q1").locator("button", has_text="Opnieuw").click()
    card(phone, "q1").locator(".ev-status", has_text="Opgeslagen ✓").wait_for()
    # Sent twice (the buffered one and the retry) still counts once.
    board.locator(".ev-count", has_text="1 deelnemer heeft ingevuld").wait_for()
    board.locator(".ev-progress__row", has_text="1. Wat is je rol").locator(".ev-progress__n", has_text="1").wait_for()
