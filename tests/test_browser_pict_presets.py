"""processen-en-ict's handbook presets in a real browser (Debian's Chromium, Playwright,
the real server): the facilitator loads the lab example, edits, removes and adds the
notes of a step's rows on the facilitator page, a phone posts one, the board follows; and
the whole lab example with twenty phones' notes on the board at room scale (a screenshot
is kept in exports/screenshots/ to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from room import Room

pytestmark = needs_chromium

SHOTS = Path(__file__).resolve().parent.parent / "exports" / "screenshots"


def _cell(board, row: str, text: str):
    return board.locator(f".pi-cell[data-row='{row}'] .note", has_text=text)


def test_the_facilitator_edits_removes_and_adds_row_notes_and_a_phone_posts_one(server, browser):
    session = create(server, agenda=["processen-en-ict"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    fac.on("dialog", lambda dialog: dialog.accept())

    fac.locator(".pi-fac select[data-key=preset]").select_option("labuitslagen")
    fac.get_by_role("button", name="Voorbeeld laden").click()
    expect(board.locator(".pi-step")).to_have_count(6)
    expect(board.locator(".pi-step").first).to_contain_text("3. Patiënt vraagt lab aan (chronische zorg)")
    expect(_cell(board, "wens", "Optie beperken")).to_be_visible()
    expect(_cell(board, "verbeteren", "DA instrueren dat ze vasthouden aan de afspraak van 2 dagen")).to_be_visible()
    # Nothing is claimed about "digitaal" where the handbook does not say.
    expect(board.get_by_text("Nu niet digitaal")).to_have_count(0)
    # The possibilities row shows once a step has one.
    expect(board.locator(".pi-rowlabel[data-row='mogelijkheden']")).to_have_count(0)

    # Edit a wish in place on the facilitator page: the board shows the new text.
    first = fac.locator(".pi-steps > li").first
    wish = first.locator(".pi-notes li input").first
    expect(wish).to_have_value("Optie beperken")
    wish.fill("Optie beperken tot drie")
    wish.press("Tab")
    expect(_cell(board, "wens", "Optie beperken tot drie")).to_be_visible()

    # Remove one.
    last = fac.locator(".pi-steps > li").last
    last.get_by_role("button", name="Verwijder: Voorkeursoptie").click()
    expect(_cell(board, "wens", "Voorkeursoptie")).to_have_count(0)

    # Add a possibility to step 2; user text is text, never markup.
    second = fac.locator(".pi-steps > li").nth(1)
    second.get_by_role("combobox", name="Soort notitie bij stap 2").select_option("mogelijkheden")
    field = second.get_by_role("textbox", name="Nieuwe notitie bij stap 2")
    field.fill("<b>Edifact</b> direct koppelen")
    field.press("Enter")
    expect(_cell(board, "mogelijkheden", "<b>Edifact</b> direct koppelen")).to_be_visible()
    expect(board.locator(".pi-cell b")).to_have_count(0)
    expect(board.locator(".pi-rowlabel[data-row='mogelijkheden']")).to_have_count(1)

    # A phone picks step 5 and posts an improvement; the facilitator can edit it too.
    phone = join_phone(browser, session, "Anna")
    phone.locator(".pi-picker button[data-step]").nth(4).click()
    phone.click("#categories label:has-text('Verbeteren')")
    phone.fill("#note-text", "Uitslag ook via de app")
    phone.click("#post-button")
    expect(_cell(board, "verbeteren", "Uitslag ook via de app")).to_be_visible()
    fifth = fac.locator(".pi-steps > li").nth(4)
    expect(fifth.locator(".pi-notes li input")).to_have_count(1)
    expect(fifth.locator(".pi-notes li input")).to_have_value("Uitslag ook via de app")
    assert errors == []


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Known, not solved (issue 19 part 5): the handbook's full examples as notes (the lab's 13, the "
        "triage's 18) plus a room's notes do not fit 1080p at the 22 px floor; the grid is never paged"
    ),
)
def test_the_lab_example_with_twenty_phones_at_room_scale(server, browser):
    session = create(server, agenda=["processen-en-ict"])
    room = Room(server.url, session)
    try:
        activity_id = room.activity_id("processen-en-ict")
        room.fac("processen-en-ict:preset", {"activity_id": activity_id, "preset": "labuitslagen"})
        state = room.facilitator.call(
            "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
        )["state"]
        activity = next(a for a in state["activities"] if a["id"] == activity_id)
        steps = activity["extra"]["views"]["huidig"]["steps"]
        texts = [
            ("huidig", "Uitslag staat in Medicom"),
            ("gewenst", "Patiënt ziet uitslag zelf in de app"),
            ("wens", "Vaste belmomenten"),
            ("verbeteren", "Afspraak 2 dagen in de folder"),
            ("mogelijkheden", "Koppeling Edifact-portaal"),
        ]
        per_phone = [
            [
                {
                    "text": texts[n % 5][1],
                    "category": texts[n % 5][0],
                    "data": {"view": "huidig", "step_id": steps[n % len(steps)]["id"]},
                }
            ]
            for n in range(20)
        ]
        posted = room.post_all(activity_id, per_phone)
        board = open_online(browser, session["board_url"], **BOARD)
        expect(board.locator(".pi-cell .note")).to_have_count(20 + 13)
        expect(board.locator("body")).to_have_attribute("data-settled", "true")
        SHOTS.mkdir(parents=True, exist_ok=True)
        board.screenshot(path=str(SHOTS / "processen-en-ict-lab-20-phones-1920x1080.png"))
        # Every note is on the board, in its step's column and its row.
        for note in posted:
            cell = board.locator(f".pi-cell[data-step='{note['data']['step_id']}'][data-row='{note['category']}']")
            expect(cell.locator(".note", has_text=note["text"]).first).to_be_visible()
        expect(board.locator("body")).to_have_attribute("data-settled", "true")
        # The grid is not wider than the screen, and every note is on it.
        assert board.evaluate("document.documentElement.scrollWidth") <= 1920
        outside = board.evaluate(
            """() => [...document.querySelectorAll('.pi-cell .note')].filter((n) => {
                const b = n.getBoundingClientRect();
                return b.bottom > innerHeight + 0.5 || b.right > innerWidth + 0.5;
            }).map((n) => n.textContent.slice(0, 40))"""
        )
        assert outside == [], outside
    finally:
        room.close()
