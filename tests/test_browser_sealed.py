"""The projected board during private writing and after the reveal (issue 18, finding 11),
at room scale: 20 phones write 4 notes each of real room text in `trots`'s `schrijven`.

While they write, the board shows how many notes are written and none of them (the board
has no id, time or text of a sealed note: tests/test_sealed.py checks the wire). After the
facilitator moves on to `plakken`, every note is on the board with its text. With
FLIPOVER_SHOTS=<dir> both states are saved as screenshots to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

from browser_support import *  # noqa: F403
from browser_support import create, needs_chromium, open_online
from playwright.sync_api import expect
from room import Room, trots_notes
from test_board_room import assert_legible, every_page, measure, wait_rendered

pytestmark = needs_chromium


def shot(board, name: str) -> None:
    shots = os.environ.get("FLIPOVER_SHOTS")
    if shots:
        expect(board.locator("body")).to_have_attribute("data-settled", "true")
        board.screenshot(path=str(Path(shots) / f"{name}.png"))


def test_board_counts_while_20_phones_write_and_shows_all_80_after_the_reveal(server, browser):
    session = create(server, agenda=["trots"])
    room = Room(server.url, session, phones=20)
    try:
        activity_id = room.goto("trots")
        assert room.fac("activity:phase", {"activity_id": activity_id, "phase": "schrijven"})["ok"]
        board = open_online(browser, session["board_url"], viewport={"width": 1920, "height": 1080})
        wait_rendered(board, activity_id, "schrijven")
        notes = room.post_all(activity_id, trots_notes(20, 4))
        assert len(notes) == 80 and all(n["sealed"] for n in notes)

        # Writing: the count, in the header and in the panel; not one note on the wall.
        expect(board.locator("#count")).to_have_text("80 post-its")
        expect(board.locator(".writing__count")).to_have_text("80")
        expect(board.locator(".writing__title")).to_contain_text("Iedereen schrijft voor zichzelf")
        expect(board.locator("[data-note-id]")).to_have_count(0)
        for note in notes[:5]:
            expect(board.locator("#work")).not_to_contain_text(note["text"][:30])
        shot(board, "sealed-schrijven-80")
        assert_legible(measure(board))

        # The reveal: every note, with its text, on the board's pages.
        assert room.fac("activity:phase", {"activity_id": activity_id, "phase": "plakken"})["ok"]
        wait_rendered(board, activity_id, "plakken")
        expect(board.locator(".writing")).to_have_count(0)
        expect(board.locator("#count")).to_have_text("80 post-its")
        # (every_page saves each page as sealed-plakken-80-p<N>.png with FLIPOVER_SHOTS.)
        seen, _groups, shots = every_page(board, "sealed-plakken-80")
        assert seen == {n["id"] for n in notes}, f"{80 - len(seen)} notes on no page"
        for m in shots:
            assert_legible(m)
        first_page = board.locator("#work .note__text").first
        expect(first_page).not_to_have_text("")
        board.context.close()
    finally:
        room.close()
