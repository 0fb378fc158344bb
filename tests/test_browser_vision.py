"""The vision & strategy meeting end to end in a real browser: the template, goals,
keywords, the rotation moving three phones over four goals, and the PDF with
one page per goal (the photo of each flip-over)."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from pypdf import PdfReader

pytestmark = needs_chromium

GOALS = ["Meer regie patiënt", "Meer tijd voor persoonlijke zorg", "Lerende organisatie"]


def goto(fac, title: str) -> None:
    fac.locator("#agenda button", has_text=title).click()
    fac.locator("#current-title", has_text=title).wait_for()


def post(phone, text: str) -> None:
    phone.fill("#note-text", text)
    phone.click("#post-button")
    # Stored (acknowledged), not just waiting in the outbox.
    phone.locator("#mine .note:not(:has(.pending))", has_text=text).first.wait_for()


def test_vision_meeting_with_three_phones_and_four_goals(server, browser):
    session = create(server, template="visie-en-strategie", practice="Huisartsenpraktijk De Linde")
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    phones = [join_phone(browser, session, name) for name in ("Anna", "Bo", "Cem")]
    for page in (fac, board, *phones):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    for phone in phones:
        phone.wait_for_selector("#composer:not([hidden])")  # trots, open for notes
    # (The button also shows the item's planned start and minutes: issue 19.)
    assert "Waar zijn jullie trots op?" in fac.locator("#agenda button").first.inner_text()

    # Doelstellingen: three goals from the jaarplan, one proposed by a phone and accepted.
    goto(fac, "Doelstellingen")
    fac.fill("#vs-prefill", "\n".join(GOALS))
    fac.click("text=Doelstellingen toevoegen")
    fac.locator("#vs-goal-list li").nth(2).wait_for()
    phones[0].locator("#prompt", has_text="toekomstbestendige").wait_for()
    post(phones[0], "Werkplezier")
    phones[1].locator(".vs-proposal", has_text="Werkplezier").locator("button").click()
    board.locator(".vs-support", has_text="+1").wait_for()
    fac.locator("#vs-proposals li", has_text="Werkplezier").locator("text=Accepteren").first.click()
    fac.locator("#vs-goal-list li").nth(3).wait_for()
    fac.fill("#vs-ambition", "Optimaliseren huidige processen met behulp van digitalisering")
    fac.click("#plugin-area >> text=Ambitie opslaan")  # the sidebar has its own (folded) one
    board.locator(".vs-ambition", has_text="digitalisering").wait_for()
    board.locator(".vs-goals li", has_text="Werkplezier").wait_for()
    goals = [*GOALS, "Werkplezier"]

    # Kernwoorden: identical proposals stack; the facilitator keeps one; the next goal.
    goto(fac, "Kernwoorden")
    phones[0].locator("#kw-current-goal", has_text=GOALS[0]).wait_for()
    post(phones[0], "Eigen regie")
    post(phones[1], "  eigen REGIE")
    board.locator(".group", has_text="Eigen regie").wait_for()
    assert board.locator(".kw-goal", has_text=GOALS[0]).count() == 1
    fac.locator("#kw-keep-list li", has_text="Eigen regie").locator("button").click()
    board.locator(".note__badge", has_text="Gekozen").wait_for()
    fac.click("#kw-next")
    phones[2].locator("#kw-current-goal", has_text=GOALS[1]).wait_for()
    board.locator(".kw-other .kw-chip", has_text="Eigen regie").wait_for()
    fac.locator("#timer:not([hidden])").wait_for()  # each goal restarts the timer

    # Processen en acties: three phones, four goals, rotating.
    goto(fac, "Processen en acties")
    phones[0].locator("#pa-phone-status", has_text="nog niet gestart").wait_for()
    fac.click("#pa-start")
    fac.locator("#pa-fac-status", has_text="Ronde 1 van 4").wait_for()
    visits: list[list[str]] = [[], [], []]
    for round_no in range(4):
        if round_no:
            fac.click("#pa-next-round")
            fac.locator("#pa-fac-status", has_text=f"Ronde {round_no + 1} van 4").wait_for()
        for i, phone in enumerate(phones):
            phone.locator("#pa-phone-status", has_text=f"Ronde {round_no + 1} van 4").wait_for()
            here = phone.locator("#pa-my-goal").inner_text()
            if round_no:
                # The phone moved on to the next goal.
                assert goals.index(here) == (goals.index(visits[i][-1]) + 1) % 4
            visits[i].append(here)
            post(phone, f"Actie van {i} bij {here}")
        assert len(set(v[-1] for v in visits)) == 3  # never two phones at one goal here
    for seen in visits:
        assert sorted(seen) == sorted(goals)
    assert [v[0] for v in visits] == goals[:3]  # start goals spread in join order
    # Under the kept keyword of goal 1, on the board's flip-over of that goal.
    flip = board.locator(".pa-flip", has_text=GOALS[0])
    flip.locator(".pa-kw", has_text="Eigen regie").wait_for()
    flip.locator(".note", has_text=f"Actie van 2 bij {GOALS[0]}").wait_for()

    with fac.expect_download() as download:
        fac.click("#download-report")
    pdf = Path(download.value.path()).read_bytes()
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    full = "\n".join(pages)
    assert "Optimaliseren huidige processen met behulp van digitalisering" in full
    assert "4. Werkplezier" in full and "Kernwoorden: Eigen regie" in full
    for number, goal in enumerate(goals, start=1):
        on = [p for p in pages if f"Doelstelling {number}: {goal}" in p]
        assert len(on) == 1, goal
        # The goal's own flip-over: up to the closing recap, which may follow on the last one's page.
        page = on[0].split("Afronding")[0]
        for i in range(3):
            assert f"Actie van {i} bij {goal}" in page
        assert not any(other in page for other in goals if other != goal and other not in goal)
    first = next(p for p in pages if f"Doelstelling 1: {GOALS[0]}" in p)
    assert "Kernwoord: Eigen regie" in first
    assert errors == []
