"""The questionnaire editor shared by `evaluatie` and `interviews` (app/workform_questions.py,
static/js/questions.js), in a real browser: the facilitator moves a question up, the phones
follow; removing an answered question asks first and takes its answers along; a phone that
reloads gets its own remaining answers back (static/js/plugins.js fetchOwn)."""

from __future__ import annotations

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect

pytestmark = needs_chromium

DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Per format: the phone's question card.
FORMATS = {"evaluatie": {"card": ".ev-q"}, "interviews": {"card": ".iv-card"}}


def answer(phone, slug: str, question_id: str, text: str) -> None:
    card = phone.locator(f"{FORMATS[slug]['card']}[data-question={question_id}]")
    field = card.locator("textarea")
    field.fill(text)
    if slug == "interviews":
        card.get_by_role("button", name="Opslaan").first.click()
    else:
        field.blur()  # evaluatie saves when the field is left
    expect(card.get_by_text("Opgeslagen ✓")).to_be_visible()


def phone_order(phone, slug: str) -> list[str]:
    return phone.locator(FORMATS[slug]["card"]).evaluate_all("cards => cards.map(c => c.dataset.question)")


@pytest.mark.parametrize("slug", sorted(FORMATS))
def test_the_facilitator_reorders_and_removes_questions_and_phones_follow(server, browser, slug):
    session = create(server, agenda=[slug])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], **DESKTOP)
    phones = [join_phone(browser, session, name) for name in ("Anna de Vries", "Bram")]
    for page in (fac, *phones):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    anna, bram = phones
    expect(anna.locator(FORMATS[slug]["card"]).first).to_be_visible()
    if slug == "interviews":
        # Folded at first; once opened it stays open while answers come in (each redraws the page).
        fac.locator("summary", has_text="Vragen aanpassen").click()
    expect(fac.get_by_role("button", name="Vraag 1 omhoog")).to_be_disabled()

    answer(anna, slug, "q1", "Minder telefoontjes aan het begin van de ochtend")
    answer(anna, slug, "q2", "Samenwerking tussen assistentes en POH")
    answer(bram, slug, "q1", "Teleconsultatie voor herhaalrecepten")

    editor = fac.locator(".ev-fac__edit, .iv-fac__part:has(summary:text('Vragen aanpassen'))")
    expect(editor).to_have_attribute("open", "")

    # Move: q2 to the top, on every phone.
    second = fac.get_by_role("textbox", name="Vraag 2", exact=True).input_value()
    fac.get_by_role("button", name="Vraag 2 omhoog").click()
    # What the facilitator clicks next is what her page shows, not the phones.
    expect(fac.get_by_role("textbox", name="Vraag 1", exact=True)).to_have_value(second)
    expect(anna.locator(FORMATS[slug]["card"]).first).to_have_attribute("data-question", "q2")
    assert phone_order(bram, slug)[:2] == ["q2", "q1"]

    # Remove the answered q1 (now second): the page asks, the facilitator confirms.
    asked: list[str] = []

    def confirm(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    fac.on("dialog", confirm)
    fac.get_by_role("button", name="Verwijderen: vraag 2").click()
    expect(anna.locator(f"{FORMATS[slug]['card']}[data-question=q1]")).to_have_count(0)
    expect(bram.locator(f"{FORMATS[slug]['card']}[data-question=q1]")).to_have_count(0)
    assert len(asked) == 1 and "2 antwoorden" in asked[0]

    # A reload brings Anna her remaining answer back, and not the removed one.
    anna.reload()
    card = anna.locator(f"{FORMATS[slug]['card']}[data-question=q2]")
    expect(card.locator("textarea")).to_have_value("Samenwerking tussen assistentes en POH")
    assert "Minder telefoontjes" not in anna.inner_text("body")
    assert errors == []
