"""processen-en-ict's handbook presets in a real browser (Debian's Chromium, Playwright,
the real server): the facilitator loads the lab example, edits, removes and adds the
notes of a step's rows on the facilitator page, a phone posts one, the board follows; and
the whole lab example with twenty phones' notes on the board at room scale (a screenshot
of every page is kept in exports/screenshots/ to look at)."""

from __future__ import annotations

import os
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from room import Room
from test_board_room import SIZES, assert_process_pages, every_page

pytestmark = needs_chromium

SHOTS = Path(__file__).resolve().parent.parent / "exports" / "screenshots"


def _cell(board, row: str, text: str):
    return board.locator(f".pi-cell[data-row='{row}'] .note", has_text=text)


def _shown(board, locator) -> None:
    """The locator's note is on the board: visible on this page or, turning the pages as the
    facilitator would (a paged grid shows some of its steps a page), on another one."""
    expect(locator).to_have_count(1)
    pages = int(board.evaluate("document.body.dataset.pages || '1'"))
    for _ in range(pages):
        if locator.is_visible():
            return
        before = board.evaluate("document.body.dataset.page")
        board.keyboard.press("ArrowRight")
        expect(board.locator("body")).not_to_have_attribute("data-page", before)
    expect(locator).to_be_visible()


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
    _shown(board, _cell(board, "wens", "Optie beperken"))
    _shown(board, _cell(board, "verbeteren", "DA instrueren dat ze vasthouden aan de afspraak van 2 dagen"))
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
    _shown(board, _cell(board, "wens", "Optie beperken tot drie"))

    # Remove one.
    last = fac.locator(".pi-steps > li").last
    last.get_by_role("button", name="Verwijderen: Voorkeursoptie").click()
    expect(_cell(board, "wens", "Voorkeursoptie")).to_have_count(0)

    # Add a possibility to step 2; user text is text, never markup.
    second = fac.locator(".pi-steps > li").nth(1)
    second.get_by_role("combobox", name="Soort post-it bij stap 2").select_option("mogelijkheden")
    field = second.get_by_role("textbox", name="Nieuwe post-it bij stap 2")
    field.fill("<b>Edifact</b> direct koppelen")
    field.press("Enter")
    _shown(board, _cell(board, "mogelijkheden", "<b>Edifact</b> direct koppelen"))
    expect(board.locator(".pi-cell b")).to_have_count(0)
    expect(board.locator(".pi-rowlabel[data-row='mogelijkheden']")).to_have_count(1)

    # A phone picks step 5 and posts an improvement; the facilitator can edit it too.
    phone = join_phone(browser, session, "Anna")
    phone.locator(".pi-picker button[data-step]").nth(4).click()
    phone.click("#categories label:has-text('Verbeteren')")
    phone.fill("#note-text", "Uitslag ook via de app")
    phone.click("#post-button")
    _shown(board, _cell(board, "verbeteren", "Uitslag ook via de app"))
    fifth = fac.locator(".pi-steps > li").nth(4)
    expect(fifth.locator(".pi-notes li input")).to_have_count(1)
    expect(fifth.locator(".pi-notes li input")).to_have_value("Uitslag ook via de app")
    assert errors == []


def test_the_lab_example_with_twenty_phones_at_room_scale(server, browser):
    """The lab example (six steps, two with alternatives, 13 notes) and twenty phones' notes, at
    1920×1080, 1280×720 and 1024×768: every page legible by the room-scale measure of
    test_board_room (notes inside the screen, ≥ 22 px, labels ≥ 24 px, nothing clipped),
    every step on exactly one page, every note on some page in its step's column and row.
    Screenshots of every page are kept in exports/screenshots/ to look at."""
    session = create(server, agenda=["processen-en-ict"])
    room = Room(server.url, session)
    shots_before = os.environ.get("FLIPOVER_SHOTS")
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
        preset = room.facilitator.call("notes:list", {"activity_id": activity_id})["notes"]
        mine = {p["id"] for p in posted}
        preset = [n for n in preset if n["id"] not in mine and n["data"]["view"] == "huidig"]
        assert len(preset) == 13
        where = {n["id"]: (str(n["data"]["step_id"]), n["category"]) for n in posted + preset}
        SHOTS.mkdir(parents=True, exist_ok=True)
        os.environ["FLIPOVER_SHOTS"] = shots_before or str(SHOTS)  # measure() keeps what it shows there
        for width, height in SIZES:
            board = open_online(browser, session["board_url"], viewport={"width": width, "height": height})
            expect(board.locator(".pi-cell .note")).to_have_count(20 + 13)
            seen, _groups, shots = every_page(board, f"processen-en-ict-lab-20-phones-{width}x{height}")
            assert_process_pages(shots, [s["id"] for s in steps])
            assert seen == set(where), (width, height, set(where) - seen)
            # Each note in its step's column and its row, on the page it is on.
            for m in shots:
                for note_id, step_id, row in m["cells"]:
                    assert where[note_id] == (step_id, row), note_id
            assert board.evaluate("document.documentElement.scrollWidth") <= width
            board.context.close()
    finally:
        if shots_before is None:
            os.environ.pop("FLIPOVER_SHOTS", None)
        room.close()
