"""The facilitator's script on the facilitator page (issue 19, part 2): the Instructie panel
shows the handbook's sentence for the current phase and follows the phase; the kick-off's
Doel and its Voorbereiding checklist show, and a tick survives a reload; the board's opening
slide names the Doel (Debian's Chromium,
Playwright, run.py)."""

from __future__ import annotations

import re

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, needs_chromium, open_online
from playwright.sync_api import expect

pytestmark = needs_chromium

LAPTOP = {"viewport": {"width": 1440, "height": 900}}


def words(text: str) -> re.Pattern[str]:
    """The text as the page may show it: long Dutch words may carry soft hyphens."""
    return re.compile("\u00ad?".join(re.escape(ch) for ch in text))


def test_the_instruction_follows_the_phase_and_the_kickoff_shows_its_doel_and_checklist(
    server, browser, tmp_path
) -> None:
    session = create(server, template="kick-off")
    fac = open_online(browser, session["facilitator_url"], **LAPTOP)

    # The meeting's Doel above the agenda, and the kick-off's four preparation points.
    doel = fac.locator("#meeting-goals li")
    expect(doel).to_have_count(3)
    expect(doel.nth(0)).to_have_text(words("Mensen enthousiasmeren over het traject"))
    checklist = fac.locator("#preparation-list input[type=checkbox]")
    expect(checklist).to_have_count(4)
    expect(fac.locator("#preparation-list li").nth(0)).to_contain_text(words("Volledige betrokkenheid:"))
    expect(fac.locator("#preparation-count")).to_have_text("0 van 4")

    # The opening slide (the first item, a toelichting) names the meeting's Doel on the board.
    board = open_online(browser, session["board_url"], **BOARD)
    expect(board.locator(".toelichting-goals")).to_contain_text(words("Mensen enthousiasmeren over het traject"))
    board.screenshot(path=str(tmp_path / "opening.png"))

    # Trots (the third item) starts with writing on one's own; then the round (voting is the app's extra).
    fac.locator("#agenda li button").nth(2).click()
    panel = fac.locator("#instruction")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-phase", "schrijven")
    expect(fac.locator("#instruction-text")).to_contain_text(
        words("Iedereen schrijft een situatie op zijn/haar geeltje")
    )
    expect(fac.locator("#instruction-next")).to_have_text("Daarna: Rondje en bespreken")
    fac.get_by_role("button", name=re.compile("Rondje en bespreken")).click()
    expect(panel).to_have_attribute("data-phase", "bespreken")
    text = fac.locator("#instruction-text")
    expect(text).to_contain_text(words("De begeleider maakt een rondje en vraagt iedereen zijn ervaring te delen"))
    expect(text).to_contain_text(
        words("Dit zijn de dingen die je graag wilt behouden binnen de praktijk, ook als er dingen gaan veranderen.")
    )
    expect(text).not_to_contain_text(words("geeltje"))
    expect(fac.locator("#instruction-phase")).to_contain_text(re.compile(r"Rondje en bespreken · \d+ min"))

    # Uitdagingen en kansen: the individual assignment of the handbook.
    fac.locator("#agenda li button").nth(3).click()
    expect(panel).to_have_attribute("data-phase", "schrijven")
    expect(text).to_contain_text(words("houd deze post-its even bij je (5 min)."))
    # Not the opening item any more: no Doel on the board.
    expect(board.locator(".toelichting-goals")).to_have_count(0)

    # A tick is kept on the server: it survives a reload.
    checklist.nth(1).check()
    expect(fac.locator("#preparation-count")).to_have_text("1 van 4")
    fac.screenshot(path=str(tmp_path / "script.png"))
    fac.reload()
    fac.wait_for_selector("#conn[data-state=online]")
    expect(fac.locator("#preparation-list input[type=checkbox]").nth(1)).to_be_checked()
    expect(fac.locator("#preparation-count")).to_have_text("1 van 4")
