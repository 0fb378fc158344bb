"""processen-en-ict in a real browser (Debian's Chromium, Playwright, the real
server): the facilitator types a step's alternatives and marks a system uncertain
with the keyboard; the board stacks the numbered alternatives in the step's column
and shows "Mijn MGM?" with the word "onzeker" for screen readers."""

from __future__ import annotations

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, needs_chromium, open_online

pytestmark = needs_chromium


def test_alternatives_and_an_uncertain_system_from_the_facilitator_to_the_board(server, browser):
    session = create(server, agenda=["processen-en-ict"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    fac.fill(".pi-fac input[placeholder='Nieuwe stap']", "Uitkomst triage")
    fac.press(".pi-fac input[placeholder='Nieuwe stap']", "Enter")
    board.locator(".pi-step", has_text="1. Uitkomst triage").wait_for()

    # Systems, then the "onzeker" toggle that appears for each of them, all by keyboard.
    systems = fac.locator(".pi-steps li input[aria-label='Systemen bij stap 1']")
    systems.fill("Medicom, Mijn MGM")
    systems.press("Tab")
    box = fac.get_by_role("checkbox", name="Mijn MGM onzeker")
    box.focus()
    fac.keyboard.press("Space")
    unsure = board.locator(".pi-step .pi-unsure[data-system='Mijn MGM']")
    unsure.wait_for()
    # Seen: "Mijn MGM?"; heard: "Mijn MGM? (onzeker)" (the word is in a visually hidden span).
    assert unsure.evaluate("el => el.firstChild.textContent") == "Mijn MGM?"
    assert unsure.text_content() == "Mijn MGM? (onzeker)"
    hidden = unsure.locator(".sr-only").bounding_box()
    assert hidden is not None and hidden["width"] <= 1 and hidden["height"] <= 1
    assert board.locator(".pi-step .pi-unsure").count() == 1  # Medicom stays plain

    # Alternatives: one per line, committed when focus leaves the field.
    alts = fac.get_by_role("textbox", name="Alternatieven bij stap 1, één per regel (maximaal 4)")
    alts.fill("Afspraak voorstellen\n\nZelfzorgadvies\nOpstarten e-consult")
    alts.press("Tab")
    items = board.locator(".pi-step .pi-step__alts li")
    board.locator(".pi-step__alts li", has_text="3. Opstarten e-consult").wait_for()
    assert items.all_inner_texts() == ["1. Afspraak voorstellen", "2. Zelfzorgadvies", "3. Opstarten e-consult"]

    # A duplicate is refused with the server's Dutch text; the board keeps the three.
    alts = fac.get_by_role("textbox", name="Alternatieven bij stap 1, één per regel (maximaal 4)")
    alts.fill("Zelfzorgadvies\nzelfzorgadvies")
    alts.press("Tab")
    fac.get_by_text("Het alternatief 'zelfzorgadvies' staat er dubbel in.").wait_for()
    assert items.count() == 3

    # User text is text, never markup.
    alts = fac.get_by_role("textbox", name="Alternatieven bij stap 1, één per regel (maximaal 4)")
    alts.fill("<b>Vet</b>")
    alts.press("Tab")
    board.locator(".pi-step__alts li", has_text="1. <b>Vet</b>").wait_for()
    assert board.locator(".pi-step__alts b").count() == 0
    assert errors == []
