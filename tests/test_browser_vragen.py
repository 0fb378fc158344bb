"""vragen-en-zorgen in a real browser at room scale: 18 phones (python-socketio against
run.py) post 54 questions, concerns and expectations and support each other's; one real
phone posts and supports through its page; the facilitator answers two on the facilitator
page. The board (1920×1080) shows the open items by support and the answered ones with
their answer, legible, paging when it must, and nobody's name anywhere.

FLIPOVER_SHOTS=<dir> saves the board, the phone and the facilitator page to look at."""

from __future__ import annotations

import os
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from room import NAMES, Room, question_notes
from test_board_room import assert_legible, every_page

pytestmark = needs_chromium

VZ = "vragen-en-zorgen"


def shot(page, name: str) -> None:
    shots = os.environ.get("FLIPOVER_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / f"{name}.png"))


def test_a_room_asks_supports_and_gets_answers(server, browser) -> None:
    session = create(server, title="Praktijkbijeenkomst nieuw telefoonsysteem", agenda=[VZ])
    room = Room(server.url, session, phones=18)
    try:
        vz = room.activity_id(VZ)
        errors: list[str] = []
        fac = open_online(browser, session["facilitator_url"])
        board = open_online(browser, session["board_url"], **BOARD)
        phone = join_phone(browser, session, "Willemijn")
        for page in (fac, board, phone):
            page.on("pageerror", lambda exc: errors.append(str(exc)))

        # Always anonymous: the facilitator has no names switch for this item.
        expect(fac.locator("#current-title")).to_have_text("Vragen en zorgen")
        expect(fac.locator("#names-toggle")).to_be_hidden()

        # The real phone asks a concern through the composer.
        expect(phone.locator("#composer")).to_be_visible()
        phone.check("input[name=category][value=zorg]")
        mine = "Wie vangt de telefoon op als de nieuwe centrale uitvalt tijdens het ochtendspreekuur?"
        phone.fill("#note-text", mine)
        phone.click("#post-button")
        expect(phone.locator("#mine .note", has_text=mine)).to_be_visible()

        # The room: 18 phones, 3 items each, round-robin (item k is phone k % 18's).
        notes = room.post_all(vz, question_notes(18, 3))
        assert len(notes) == 54
        support = {1: 9, 21: 6, 0: 4, 8: 3, 30: 2, 45: 1}  # item index -> how many +1s
        for index, count in support.items():
            supporters = [c for n, c in enumerate(room.clients) if n != index % 18][:count]
            for client in supporters:
                ack = client.call(f"{VZ}:steun", {"activity_id": vz, "note_id": notes[index]["id"]})
                assert ack["ok"] and ack["steun"] >= 1, ack

        # The real phone supports one item; its own item has no +1.
        # Folded, so the composer stays at hand; a tap unfolds the room's items.
        others = phone.locator("#vz-others")
        expect(others).to_be_hidden()
        phone.locator("#vz-others-box summary").click()
        expect(others.locator(".vz-item")).to_have_count(54)
        target = others.locator(".vz-item").filter(has_text="Hoe lang duurt de proefperiode?")
        target.get_by_role("button", name="Steun +1").click()
        expect(target.get_by_role("button", name="Gesteund ✓")).to_be_visible()
        expect(others.locator(".vz-item", has_text=mine)).to_have_count(0)
        shot(phone, "vragen-phone")

        # The board: most support first, the count leading the text.
        open_wall = board.locator(".vz-area--open .wall")
        expect(open_wall.locator(".note").first).to_contain_text("werkdruk aan de balie")
        expect(open_wall.locator(".note").first.locator(".vz-support")).to_have_text("+9")
        expect(board.locator(".vz-area--open .vz-area__title")).to_have_text("Open (55): meeste steun bovenaan")

        # The facilitator answers two, one with a short answer and one without.
        fac_open = fac.locator("#vz-open li").filter(has_text="werkdruk aan de balie").first  # +9, and a +0 twin
        expect(fac_open.locator(".vz-support")).to_have_text("+9")
        fac_open.locator("input").fill("Tijdelijk een extra assistente in de ochtend, de eerste zes weken.")
        fac_open.get_by_role("button", name="Beantwoord").click()
        proef = fac.locator("#vz-open li").filter(has_text="Hoe lang duurt de proefperiode?")
        expect(proef.locator(".vz-support")).to_have_text("+4")
        proef.get_by_role("button", name="Beantwoord").click()
        expect(fac.locator("#vz-done li")).to_have_count(2)
        expect(fac.locator("#vz-open li")).to_have_count(53)
        shot(fac, "vragen-facilitator")

        answered = board.locator(".vz-area--beantwoord")
        expect(answered.locator(".vz-area__title")).to_have_text("Beantwoord (2)")
        expect(answered.locator(".note", has_text="werkdruk")).to_contain_text(
            "Antwoord: Tijdelijk een extra assistente in de ochtend, de eerste zes weken."
        )
        # The next in line now leads the open column: the long concern with six +1s.
        expect(open_wall.locator(".note").first.locator(".vz-support")).to_have_text("+6")

        # Phones see what was answered, with the answer; a +1 on it is no longer offered.
        expect(phone.locator("#vz-answered .vz-item")).to_have_count(2)
        phone.locator("#vz-answered-box summary").click()
        expect(phone.locator("#vz-answered")).to_contain_text("eerste zes weken")
        expect(others.locator(".vz-item", has_text="Hoe lang duurt de proefperiode?")).to_have_count(0)

        # A full room: legible at 1920×1080, every item on some page, no names anywhere.
        seen, _groups, pages = every_page(board, "vragen-board-1920x1080")
        for m in pages:
            assert_legible(m)
        assert seen >= {n["id"] for n in notes}
        # A 720p projector and a 4:3 beamer show the same board, smaller: still legible, still all there.
        for width, height in ((1280, 720), (1024, 768)):
            small = open_online(browser, session["board_url"], viewport={"width": width, "height": height})
            small.on("pageerror", lambda exc: errors.append(str(exc)))
            expect(small.locator(".vz-area--beantwoord .vz-area__title")).to_have_text("Beantwoord (2)")
            seen, _groups, pages = every_page(small, f"vragen-board-{width}x{height}")
            for m in pages:
                assert_legible(m)
            assert seen >= {n["id"] for n in notes}, (width, height)
        everything = "".join(
            p.inner_text() for p in (board.locator("#work"), fac.locator("#notes"), fac.locator("#plugin-area"))
        )
        for name in [*NAMES[:18], "Willemijn"]:
            assert name not in everything, name
        assert errors == []
    finally:
        room.close()
