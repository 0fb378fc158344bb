"""Werkvorm `kennismaken` end to end in Debian's Chromium against the real server:
the facilitator uploads a deck, phones pick cards and introduce themselves, the
board shows the gallery with names and the introduction round, the PDF has it all."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from PIL import Image
from pypdf import PdfReader
from upload_support import choose_files, encoded

pytestmark = needs_chromium


def images_loaded(page, selector: str) -> bool:
    script = "els => els.length > 0 && els.every((i) => i.complete && i.naturalWidth > 0)"
    return page.eval_on_selector_all(selector, script)


def test_cards_from_upload_to_board_spotlight_and_pdf(upload_server, browser):
    session = create(upload_server, agenda=["kennismaken"], practice="Huisartsenpraktijk De Linde")
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The facilitator uploads the practice's own picture; a file that is no picture is refused clearly.
    fac.wait_for_selector("#kn-files")
    purple = encoded(Image.new("RGB", (640, 480), "purple"), "JPEG")
    choose_files(fac, "#kn-files", ("onze_praktijk.jpg", purple), ("notities.png", b"geen plaatje"))
    fac.locator("#kn-status", has_text="1 van 2 kaarten toegevoegd").wait_for()
    assert "notities.png" in fac.locator("#kn-errors").inner_text()
    assert "geen (geldige) JPEG- of PNG-afbeelding" in fac.locator("#kn-errors").inner_text()
    fac.locator("#kn-uploaded img[alt='onze praktijk']").wait_for()
    assert len(list(Path(upload_server.uploads, session["code"]).glob("*.jpg"))) == 1

    # Anna picks a default card; she joined with her name.
    anna = join_phone(browser, session, "Anna")
    anna.on("pageerror", lambda exc: errors.append(str(exc)))
    anna.wait_for_selector(".kn-grid .kn-pick")
    assert anna.locator(".kn-pick").count() >= 25  # 24+ default cards and the uploaded one
    anna.click(".kn-pick[data-card=vuurtoren]")
    anna.locator(".kn-chosen", has_text="Vuurtoren").wait_for()
    anna.fill("#kn-role", "Huisarts")
    anna.fill("#note-text", "Een baken in de wijk <b>voor iedereen</b>")
    anna.click("#post-button")
    anna.locator("#mine .note", has_text="Een baken in de wijk").wait_for()

    # Bas joined without a name: the phone asks for it before his card can go up.
    bas = join_phone(browser, session)
    bas.on("pageerror", lambda exc: errors.append(str(exc)))
    bas.wait_for_selector("#kn-name")
    uploaded = bas.locator(".kn-pick[data-card^=u]")
    uploaded.click()
    bas.fill("#note-text", "Onze eigen praktijk, maar dan vernieuwd")
    bas.click("#post-button")
    bas.locator("#composer-error", has_text="naam").wait_for()
    bas.fill("#kn-name", "Bas")
    bas.click("text=Opslaan")
    bas.locator("text=Je stelt je voor als Bas.").wait_for()
    bas.click("#post-button")
    bas.locator("#mine .note", has_text="vernieuwd").wait_for()

    # The board: a gallery of both cards with names, role and explanation; text never markup.
    board.locator(".kn-person", has_text="Bas").wait_for()
    people = board.locator(".kn-person")
    assert people.count() == 2
    first = people.nth(0).inner_text()
    assert "Anna" in first and "Huisarts" in first and "<b>voor iedereen</b>" in first
    assert board.locator(".kn-person b").count() == 0
    board.wait_for_function("() => [...document.querySelectorAll('.kn-person img')].every(i => i.naturalWidth > 0)")
    assert images_loaded(board, ".kn-person img")

    # The introduction round: posting closes, the spotlight steps through the people.
    fac.click("#phases button:has-text('Voorstelrondje')")
    anna.wait_for_selector("#composer", state="hidden")
    fac.select_option("#spot-kind", "person")
    fac.click("#spot-next")
    spot = board.locator("#spotlight .kn-spot__card", has_text="Anna")
    spot.wait_for()
    board.wait_for_function("() => [...document.querySelectorAll('#spotlight img')].every(i => i.naturalWidth > 0)")
    assert board.locator("#spotlight img").get_attribute("alt") == "Vuurtoren"
    fac.click("#spot-next")
    board.locator("#spotlight .kn-spot__card", has_text="Bas").wait_for()
    assert board.locator("#spotlight img").get_attribute("alt") == "onze praktijk"

    # The report: names, roles, explanations and the card pictures.
    with fac.expect_download() as download:
        fac.click("#download-report")
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    # (Whitespace collapsed: names and texts wrap in the report's two columns.)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Anna", "Huisarts", "Een baken in de wijk <b>voor iedereen</b>", "Bas", "vernieuwd"):
        assert expected in text, expected
    assert sum(len(page.images) for page in reader.pages) >= 2

    # Deleting the card removes it from the deck of every page.
    fac.click("#kn-uploaded button")
    fac.locator("#kn-uploaded", has_text="Nog geen eigen kaarten").wait_for()
    board.locator(".kn-person .kn-missing").wait_for()
    assert errors == []
