"""`evaluatie`'s "Verwacht en bereikt" step at room scale in a real browser (issue 21 part 5):
a real server, 15 phones over Socket.IO and 3 phones in Chromium rate five goals (some with
a comment), the board at 1920×1080 shows per goal the counts and the comments and never a
name, the facilitator records a conclusion from the page, a phone gets its rating back after
a reload and the PDF compares expected with achieved. With FLIPOVER_SHOTS=<dir> the board,
a phone and the facilitator page are saved as screenshots."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from pypdf import PdfReader
from room import NAMES, Room
from test_board_room import assert_legible, measure

pytestmark = needs_chromium

GOALS = [
    "Meer tijd voor persoonlijke zorg",
    "Eenvoudige zorg digitaal, tenzij het niet kan",
    "Meer regie bij de patiënt",
    "De assistentes doen de triage zelfstandig",
    "Minder werkdruk aan de balie",
]
COMMENTS = [
    "Het spreekuur loopt rustiger sinds de e-consulten",
    "Nog niet iedereen gebruikt de app",
    "De balie is nog steeds vaak druk op maandag",
    "Triage gaat goed, maar de protocollen moeten nog bij",
    "",
]
RATINGS = ("bereikt", "deels", "niet")


def shot(page, name: str) -> None:
    shots = os.environ.get("FLIPOVER_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=False)


def test_eighteen_phones_rate_five_goals_and_board_facilitator_and_pdf_follow(server, browser):
    session = create(server, agenda=["evaluatie"])
    room = Room(server.url, session, phones=15)
    try:
        goals = [room.fac("goal:add", {"title": title})["goal"] for title in GOALS]
        activity_id = room.goto("evaluatie")
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "doelen"})
        errors: list[str] = []
        board = open_online(browser, session["board_url"], **BOARD)
        fac = open_online(browser, session["facilitator_url"], viewport={"width": 1280, "height": 900})
        phones = [join_phone(browser, session, name) for name in ("Annemarie Vlietstra", "Bram", "Carla")]
        for page in (board, fac, *phones):
            page.on("pageerror", lambda exc: errors.append(str(exc)))

        # 15 phones over Socket.IO: every goal, a spread of ratings, a comment now and then.
        expected = {g["id"]: {r: 0 for r in RATINGS} for g in goals}
        for n, client in enumerate(room.clients):
            for k, goal in enumerate(goals):
                rating = RATINGS[(n + k) % 3] if k != 0 else RATINGS[n % 2]
                text = COMMENTS[k] if (n + k) % 4 == 0 else ""
                ack = client.call(
                    "evaluatie:goal-rate",
                    {"activity_id": activity_id, "goal_id": goal["id"], "rating": rating, "text": text},
                )
                assert ack["ok"], ack
                expected[goal["id"]][rating] += 1

        # Three phones in the browser: tap a rating, one writes a comment.
        anna, bram, _carla = phones
        for phone in phones:
            phone.locator(".ev-goal").first.wait_for()
            expect(phone.locator(".ev-goal")).to_have_count(5)
        first = goals[0]["id"]
        for phone in phones:
            phone.locator(f".ev-goal[data-goal='{first}'] [data-rating=bereikt]").click()
            expect(phone.locator(f".ev-goal[data-goal='{first}'] .ev-status")).to_have_text("Opgeslagen")
            expected[first]["bereikt"] += 1
        field = anna.locator(f".ev-goal[data-goal='{goals[1]['id']}'] textarea")
        field.fill("Online afspraken maken werkt goed")
        anna.locator(f".ev-goal[data-goal='{goals[1]['id']}'] [data-rating=deels]").click()
        expect(anna.locator(f".ev-goal[data-goal='{goals[1]['id']}'] .ev-status")).to_have_text("Opgeslagen")
        expected[goals[1]["id"]]["deels"] += 1
        # Changing one's mind moves the count, it does not add one.
        bram.locator(f".ev-goal[data-goal='{first}'] [data-rating=niet]").click()
        expect(bram.locator(f".ev-goal[data-goal='{first}'] [data-rating=niet]")).to_have_attribute(
            "aria-pressed", "true"
        )
        expected[first]["bereikt"] -= 1
        expected[first]["niet"] += 1
        # A comment over 280 characters cannot be typed (maxlength), and the server refuses it too.
        assert field.get_attribute("maxlength") == "280"

        # The board: per goal the counts, the comments, nobody's name.
        board.locator(".ev-count", has_text="18 deelnemers gaven een oordeel").wait_for()
        for goal in goals:
            card = board.locator(f".ev-goal-result[data-goal='{goal['id']}']")
            for rating in RATINGS:
                expect(card.locator(f".ev-goal-count[data-rating={rating}] strong")).to_have_text(
                    str(expected[goal["id"]][rating])
                )
        expect(board.locator(".ev-answer", has_text="Online afspraken maken werkt goed")).to_have_count(1)
        text = board.inner_text("body")
        for name in [*NAMES[:15], "Annemarie", "Bram", "Carla"]:
            assert name not in text, name
        m = measure(board, "evaluatie-doelen-1920x1080")
        assert_legible(m)
        assert m["pages"] == 1, "five goals with their comments fit one 1080p page"

        # The facilitator records the team's conclusion on the page; the board shows it.
        row = fac.locator(f".ev-fac__goal[data-goal='{first}']")
        row.locator("input.ev-fac__text").fill("Gehaald, behalve op maandag")
        row.locator("button[data-rating=bereikt]").click()
        expect(row.locator("button[data-rating=bereikt]")).to_have_attribute("aria-pressed", "true")
        board.locator(f".ev-goal-result[data-goal='{first}'] .ev-goal-conclusion", has_text="Gehaald").wait_for()
        shot(fac, "evaluatie-doelen-facilitator")
        shot(anna, "evaluatie-doelen-phone")
        shot(board, "evaluatie-doelen-board-conclusion")

        # A reload brings a phone its own rating and comment back.
        anna.reload()
        goal_card = anna.locator(f".ev-goal[data-goal='{goals[1]['id']}']")
        expect(goal_card.locator("[data-rating=deels]")).to_have_attribute("aria-pressed", "true")
        expect(goal_card.locator("textarea")).to_have_value("Online afspraken maken werkt goed")
        expect(anna.locator("#ev-goal-progress")).to_have_text("2 van 5 doelstellingen beoordeeld")

        pdf = fac.request.get(server.url + f"/api/sessions/{session['code']}/report.pdf")
        assert pdf.ok
        words = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf.body())).pages)
        assert "Verwacht en bereikt" in words
        counts = expected[first]
        assert (
            f"Bereikt: {counts['bereikt']} · Deels bereikt: {counts['deels']} · Niet bereikt: {counts['niet']} (n = 18)"
            in words
        )
        assert "Conclusie van het team: Bereikt — Gehaald, behalve op maandag" in words
        assert "Annemarie" not in words
        assert errors == []
    finally:
        room.close()


STRONG = [
    "Korte lijnen binnen het team",
    "De kick-off gaf iedereen een stem",
    "Het actieplan hing zichtbaar in de koffiekamer",
    "De assistentes namen de triage snel over",
]
BETTER = [
    "Eerder de doktersassistenten betrekken",
    "Vaker kort terugkoppelen wat er al veranderd is",
    "Meer tijd inplannen voor scholing in het nieuwe systeem",
]


def test_eighteen_phones_post_strengths_and_points_to_improve_in_two_colours(server, browser):
    session = create(server, agenda=["sterk-verbeterpunt"])
    room = Room(server.url, session, phones=18)
    try:
        activity_id = room.goto("sterk-verbeterpunt")
        per_phone = [
            [
                {"text": STRONG[n % len(STRONG)], "category": "sterk"},
                {"text": BETTER[n % len(BETTER)], "category": "verbeterpunt"},
            ]
            for n in range(18)
        ]
        notes = room.post_all(activity_id, per_phone)
        assert len(notes) == 36
        board = open_online(browser, session["board_url"], **BOARD)
        green = board.locator(".sv-area[data-area=sterk]")
        pink = board.locator(".sv-area[data-area=verbeterpunt]")
        expect(green.locator(".sv-area__title")).to_have_text("Sterke punten (18 post-its)")
        expect(pink.locator(".sv-area__title")).to_have_text("Verbeterpunten (18 post-its)")
        assert pink.locator(".note", has_text="Korte lijnen").count() == 0
        assert green.locator(".note", has_text="Eerder de doktersassistenten").count() == 0
        m = measure(board, "sterk-verbeterpunt-36-1920x1080")
        assert_legible(m)
        assert "Sanne" not in board.inner_text("#work")
    finally:
        room.close()
