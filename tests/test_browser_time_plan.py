"""The facilitator sees the time plan (issue 19, part 1): each agenda item's planned
start and minutes, the total against the meeting's length, and a warning as soon as
the items add up to more (Debian's Chromium, Playwright, run.py)."""

from __future__ import annotations

import re

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect

pytestmark = needs_chromium

LAPTOP = {"viewport": {"width": 1440, "height": 900}}


def test_the_agenda_shows_the_plan_and_warns_when_it_runs_over(server, browser, tmp_path) -> None:
    session = create(server, template="kick-off")
    fac = open_online(browser, session["facilitator_url"], **LAPTOP)
    items = fac.locator("#agenda li button")
    expect(items).to_have_count(5)
    expect(items.nth(0)).to_contain_text("0:00 · 5 min")
    expect(items.nth(3)).to_contain_text("0:25 · 30 min")  # uitdagingen en kansen starts after 5 + 10 + 10
    expect(fac.locator("#plan")).to_have_text("Gepland: 60 van 60 min")
    expect(fac.locator("#plan")).not_to_have_class("hint plan warn")

    items.nth(2).click()  # trots: 10 minutes in the plan
    fac.locator("#activity-form").locator("xpath=..").locator("summary").click()
    minutes = fac.locator("#edit-minutes")
    expect(minutes).to_have_value("10")
    minutes.fill("46")
    fac.locator("#activity-form button[type=submit]").click()
    plan = fac.locator("#plan")
    # (The page hyphenates long words with soft hyphens, so compare without them.)
    expect(plan).to_have_text(re.compile("Let op: de agenda duurt 96 min, de bij\u00ad?een\u00ad?komst 60 min."))
    expect(plan).to_have_class("hint plan warn")
    expect(items.nth(3)).to_contain_text("1:01 · 30 min")
    # The phase timer follows: trots' own phases take 5 + 10 of 15 minutes (voting and open
    # posting are extras); schrijven gets 5/15 of 46.
    expect(fac.locator("#timer-minutes")).to_have_value("15")
    fac.screenshot(path=str(tmp_path / "time-plan.png"))


def test_the_meeting_clock_starts_with_the_first_phone(server, browser, tmp_path) -> None:
    """The facilitator sees how long the meeting and its item have run against the plan,
    the board how many planned minutes the item has left; both from the first join on."""
    session = create(server, template="kick-off")
    fac = open_online(browser, session["facilitator_url"], **LAPTOP)
    clock = fac.locator("#meeting-clock-text")
    expect(clock).to_have_text("De klok start als de eerste deelnemer meedoet.")
    board = open_online(browser, session["board_url"], **BOARD)
    expect(board.locator("#item-left")).to_be_hidden()

    join_phone(browser, session, name="Anna")
    expect(clock).to_have_text("Bijeenkomst loopt 0:00 · dit onderdeel 0 van 5 min")
    expect(fac.locator("#clock-start")).to_have_text("Klok op nu zetten")
    # (The board hyphenates long words with soft hyphens.)
    expect(board.locator("#item-left")).to_have_text(re.compile("nog 5 min voor dit on\u00ad?der\u00ad?deel"))
    board.screenshot(path=str(tmp_path / "item-left.png"))

    # A running timer says it better: the line steps aside.
    fac.locator("#timer-start").click()
    expect(board.locator("#item-left")).to_be_hidden()
