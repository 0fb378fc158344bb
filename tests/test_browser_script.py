"""The facilitator's script on the facilitator page (issue 19, part 2): the Instructie panel
shows the handbook's sentence for the current phase and follows the phase; the kick-off's
Doel and its Voorbereiding checklist show, and a tick survives a reload; the board's opening
slide names the Doel (Debian's Chromium,
Playwright, run.py)."""

from __future__ import annotations

import re

import pytest
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

    # Trots (the third item) starts with writing a situation; then the round (voting is the app's extra).
    fac.locator("#agenda li button").nth(2).click()
    panel = fac.locator("#instruction")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-phase", "plakken")
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


def _walk(fac) -> list[tuple[str, str, str]]:
    """Walk the whole agenda from the facilitator page alone, the way the script leads: in each
    item every step the Instructie panel names under "Daarna", then "Volgende ▶" to the next item.
    Returns (item, phase, what the panel says comes next) for every step."""
    seen: list[tuple[str, str, str]] = []
    items = fac.locator("#agenda li")
    panel, text = fac.locator("#instruction"), fac.locator("#instruction-text")
    phase, nxt = fac.locator("#instruction-phase"), fac.locator("#instruction-next")
    for index in range(items.count()):
        if index:
            fac.click("#next")
        expect(items.nth(index).locator("button").first).to_have_attribute("aria-current", "step")
        title = fac.locator("#current-title").inner_text()
        while True:
            expect(panel).to_be_visible()
            expect(text).not_to_be_empty()
            expect(phase).not_to_be_empty()
            said = nxt.inner_text()
            seen.append((title, phase.inner_text(), said))
            step = re.fullmatch(r"Daarna: (?!volgend agendapunt)(.+)", said)
            if not step:
                break
            before = panel.get_attribute("data-phase")
            fac.locator("#phases button", has_text=step.group(1)).first.click()
            expect(panel).not_to_have_attribute("data-phase", before or "")
    return seen


@pytest.mark.parametrize(
    ("template", "items"),
    [
        ("kick-off", 5),
        ("visie-en-strategie", 6),
        # The meetings of issue 21 part 6 (app/agenda_templates.py).
        ("praktijkhouders-analyse", 4),
        ("praktijkhouders-oplossingsrichtingen", 4),
        ("werkgroep-1", 4),
        ("werkgroep-2", 4),
        ("praktijkhouders-oplossing", 4),
        ("beslismoment", 4),
        ("praktijkbijeenkomst-presenteren", 3),
        ("evaluatie-met-betrokkenen", 3),
    ],
)
def test_a_facilitator_runs_the_meeting_from_the_facilitator_page_alone(server, browser, template, items) -> None:
    """Issue 19's "done when": for every item of the kick-off, the vision meeting and the other
    meetings of the handbook (issue 21 part 6) the page
    says what to say (the script), how long (the step's minutes) and what comes next (the next
    step, then the next agenda item with its planned minutes, then that the meeting ends)."""
    session = create(server, template=template)
    fac = open_online(browser, session["facilitator_url"], **LAPTOP)
    expect(fac.locator("#agenda li")).to_have_count(items)
    seen = _walk(fac)
    titles = list(dict.fromkeys(title for title, _phase, _said in seen))
    last_of_item = [said for _title, _phase, said in seen if not said.startswith("Daarna: ") or "agendapunt" in said]
    assert len(last_of_item) == items  # each item ends by naming what follows
    assert last_of_item[-1] == "Dit is het laatste agendapunt."
    for said in last_of_item[:-1]:
        assert re.fullmatch(r"Daarna: volgend agendapunt ‘.+’ \(\d+ min\)", said), said
    assert len(titles) == items
    named = [re.search("‘(.+)’", said) for said in last_of_item[:-1]]
    assert [m.group(1) if m else None for m in named] == titles[1:]  # the item that really follows
    # How long: every step with planned time shows it.
    timed = [phase for _title, phase, _said in seen if re.search(r" · \d+ min$", phase)]
    assert len(timed) >= len(seen) - items, seen
    # The app's extra steps are never "next": the walk passes them by.
    assert not any("(extra)" in said for _title, _phase, said in seen)
