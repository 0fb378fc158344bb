"""The facilitator page with a regional meeting's wall (issue 22): 25 phones post 18 notes
each into one `trots` item, 451 in all, and the facilitator works on a 1440x900 laptop
(Debian's Chromium, Playwright, run.py).

The list draws a window of the newest cards (400 at most) and offers the rest behind one
button, so each arriving note costs the page one card, not a layout of thousands. Checked:
the window and its button, a new note appended into view, the search reaching a note
outside the window, the button showing the rest, and a practice meeting never windowed.
"""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import create, needs_chromium, open_online
from playwright.sync_api import expect
from room import TROTS, Room, trots_notes

pytestmark = needs_chromium

LAPTOP = {"viewport": {"width": 1440, "height": 900}}
FIRST = "Onze samenwerking met de huisartsenpost Zuid-Limburg"


@pytest.fixture(scope="module")
def regional(server):
    session = create(server, agenda=["trots"])
    room = Room(server.url, session)
    more = Room(server.url, session, phones=5)  # 25 phones: five names come twice, as in a region
    activity_id = room.goto("trots")
    room.fac("activity:phase", {"activity_id": activity_id, "phase": "plakken"})
    first = room.clients[0].call("note:add", {"activity_id": activity_id, "client_id": "regional-first", "text": FIRST})
    assert first["ok"], first
    notes = room.post_all(activity_id, trots_notes(20, 18))
    for n, mine in enumerate(trots_notes(5, 18)):
        for k, note in enumerate(mine):
            payload = {"activity_id": activity_id, "client_id": f"regional-{n}-{k}", **note}
            ack = more.clients[n].call("note:add", payload)
            assert ack["ok"], ack
            notes.append(ack["note"])
    assert len(notes) == 450
    yield session, room, activity_id, first["note"]
    room.close()
    more.close()


def test_a_regional_wall_draws_the_newest_cards_and_the_rest_behind_a_button(server, browser, regional) -> None:
    session, room, activity_id, first = regional
    page = open_online(browser, session["facilitator_url"], **LAPTOP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    expect(page.locator("#note-count")).to_have_text("451 post-its")
    cards = page.locator("#notes > li.fnote")
    # 451 cards: the oldest 200 wait behind the button (the window moves 200 at a time).
    expect(cards).to_have_count(251)
    more = page.locator("#notes > li.fnotes__more button")
    expect(more).to_have_text("Eerdere tonen: nog 200 post-its")
    expect(page.locator("#notes > li").first).to_have_class("fnotes__more")
    expect(page.locator("#notes li.fnote", has_text=FIRST)).to_have_count(0)

    # A note that arrives is appended to the window, in view of the list.
    late = room.clients[19].call(
        "note:add", {"activity_id": activity_id, "client_id": "regional-late", "text": "Als laatste: de koffie is goed"}
    )
    assert late["ok"], late
    expect(page.locator("#note-count")).to_have_text("452 post-its")
    expect(cards.last).to_contain_text("Als laatste: de koffie is goed")
    expect(cards).to_have_count(252)

    # The search looks through every note, also those outside the window.
    page.fill("#note-filter", "huisartsenpost zuid")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(FIRST)
    expect(page.locator("#note-count")).to_have_text("1 van 452")
    page.fill("#note-filter", "")
    expect(cards).to_have_count(252)

    # A group is always drawn, also one made of a note from outside the window: it is a drop
    # target and may be spotlighted. The window counts the loose notes only.
    room.fac("note:stack", {"note_id": first["id"], "target_note_id": late["note"]["id"]})
    group = page.locator("#notes > li.fgroup")
    expect(group).to_have_count(1)
    expect(group).to_contain_text(FIRST)
    expect(group).to_contain_text("Als laatste: de koffie is goed")
    expect(cards).to_have_count(250)  # 450 loose notes, the oldest 200 behind the button
    expect(page.locator("#notes > li").nth(1)).to_have_class("fnotes__more")

    # The button shows the rest, and the focus goes to the first card that came into view.
    more.click()
    expect(cards).to_have_count(450)
    expect(page.locator("#notes > li.fnotes__more")).to_have_count(0)
    expect(cards.first).to_contain_text(TROTS[0])
    focused = "document.activeElement.closest('#notes > li.fnote') === document.querySelector('#notes > li.fnote')"
    assert page.evaluate(focused)
    assert not errors


# When each draw of the page began (render() in static/js/facilitator.js marks it).
DRAWS = "() => performance.getEntriesByName('flipover:draw').map((m) => m.startTime)"


def test_a_busy_room_is_drawn_in_batches_and_its_joins_are_counted(server, browser, regional) -> None:
    """A regional room posts 100 notes a second: the page draws what arrived at most about
    four times a second (a draw per frame kept its main thread 40 % busy, bench/regional.py),
    and a burst of joins ends on the right count in the header."""
    session, _room, activity_id, _first = regional
    page = open_online(browser, session["facilitator_url"], **LAPTOP)
    count = page.locator("#note-count")
    expect(count).to_contain_text("post-its")
    before = int(count.inner_text().split()[0])
    online = page.locator("#presence")
    expect(online).to_contain_text("deelnemers online")
    there = int(online.inner_text().split()[0])

    late = Room(server.url, session, phones=10)
    try:
        expect(online).to_have_text(f"{there + 10} deelnemers online")
        start = len(page.evaluate(DRAWS))
        for k in range(6):
            for n, client in enumerate(late.clients):
                text = f"Regio-avond {n}-{k}: samen de spoedlijn beter bereikbaar maken"
                ack = client.call("note:add", {"activity_id": activity_id, "client_id": f"busy-{n}-{k}", "text": text})
                assert ack["ok"], ack
                time.sleep(0.02)  # spread over a second or more: several draws, not one
        expect(count).to_have_text(f"{before + 60} post-its")
        expect(page.locator("#notes > li.fnote", has_text="Regio-avond 9-5:")).to_have_count(1)
    finally:
        late.close()
    draws = page.evaluate(DRAWS)[start:]
    gaps = [b - a for a, b in pairwise(draws)]
    assert len(draws) >= 2, draws
    assert min(gaps) >= 245, gaps  # each draw began 250 ms after the last or later (a draw per frame: ~16)


def test_a_practice_meeting_is_never_windowed(server, browser) -> None:
    session = create(server, agenda=["trots"])
    room = Room(server.url, session)
    try:
        activity_id = room.goto("trots")
        room.post_all(activity_id, trots_notes(20, 4))
        page = open_online(browser, session["facilitator_url"], **LAPTOP)
        expect(page.locator("#note-count")).to_have_text("80 post-its")
        expect(page.locator("#notes > li.fnote")).to_have_count(80)
        expect(page.locator("#notes > li.fnotes__more")).to_have_count(0)
    finally:
        room.close()
