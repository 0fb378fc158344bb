"""Board details of issue 16: votes on kept notes, the spotlight that scales a long
note to fit and shows a group's votes, and no focus ring left on the projector."""

from __future__ import annotations

from browser_support import *  # noqa: F403
from browser_support import create, needs_chromium, open_online
from room import LONG_280, Room

pytestmark = needs_chromium

BOARD_1080 = {"viewport": {"width": 1920, "height": 1080}}


def test_kept_note_shows_its_votes_and_the_spotlight_fits_a_long_note(server, browser):
    session = create(server, agenda=["trots"])
    room = Room(server.url, session, phones=4)
    try:
        activity_id = room.activity_id("trots")
        notes = room.post_all(
            activity_id,
            [[{"text": LONG_280}], [{"text": "Goede sfeer"}], [{"text": "Korte lijnen"}], [{"text": "De koffie"}]],
        )
        long_note, sfeer, lijnen, _koffie = notes
        room.fac("note:flag", {"note_id": sfeer["id"], "field": "behouden", "value": True})
        room.fac("note:stack", {"note_id": lijnen["id"], "target_note_id": long_note["id"]})
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "stemmen"})
        for client in room.clients:
            assert client.call("vote:add", {"note_id": sfeer["id"]})["ok"]
        group_id = room.facilitator.call("notes:list", {"activity_id": activity_id})["notes"][0]["group_id"]
        assert room.clients[0].call("vote:add", {"group_id": group_id})["ok"]
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "bespreken"})
        board = open_online(browser, session["board_url"], **BOARD_1080)
        kept = board.locator(".wall > .note--lead", has_text="Goede sfeer")
        kept.locator(".note__badge", has_text="Behouden").wait_for()
        kept.locator(".dots", has_text="4 stemmen").wait_for()

        # The whole 280-character note in the spotlight, large, nothing cut off.
        room.fac("spotlight:set", {"activity_id": activity_id, "note_id": long_note["id"]})
        spot = board.locator("#spotlight .note")
        spot.wait_for()
        fit = board.evaluate("""() => { const n = document.querySelector('#spotlight .note');
            const r = n.getBoundingClientRect();
            return {size: parseFloat(getComputedStyle(n).fontSize), over: n.scrollHeight - n.clientHeight,
                    inside: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth}; }""")
        assert fit["over"] <= 1 and fit["inside"], fit
        assert fit["size"] >= 40, fit  # well above the wall's text: read from the back of the room

        # A spotlighted group shows its votes.
        room.fac("spotlight:set", {"group_id": group_id})
        board.locator("#spotlight .group .dots", has_text="1 stem").wait_for()
    finally:
        room.close()


def test_enlarging_and_shrinking_the_qr_leaves_no_focus_ring(server, browser):
    session = create(server)
    board = open_online(browser, session["board_url"], **BOARD_1080)
    board.click("#joinbox")
    board.wait_for_selector(".joinbox--large")
    board.click("#joinbox")
    board.wait_for_selector(".joinbox--large", state="detached")
    assert board.evaluate("document.activeElement.id") != "joinbox"
    assert board.evaluate("getComputedStyle(document.getElementById('joinbox')).outlineStyle") == "none"
