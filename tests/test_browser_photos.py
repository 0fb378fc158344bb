"""Photos of paper flip-overs end to end in Debian's Chromium against the real server
(issue 20 part 5): the facilitator adds a photo to the current item, shows it on the board
and takes it off again, and the PDF and the Word report carry it in the item's section."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, needs_chromium, open_online
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from pypdf import PdfReader
from upload_support import choose_files, encoded

pytestmark = needs_chromium

SCREENSHOTS = Path(__file__).resolve().parent.parent / "exports" / "screenshots"


def flipover_photo() -> bytes:
    """A 'photo' of a flip-over: a white sheet with a few lines of 'handwriting'."""
    img = Image.new("RGB", (1200, 1600), (235, 232, 225))
    draw = ImageDraw.Draw(img)
    draw.rectangle((120, 100, 1080, 1500), fill="white", outline=(90, 90, 90), width=6)
    for row, colour in enumerate(("navy", "darkgreen", "darkred", "navy", "black")):
        y = 250 + row * 220
        draw.line((200, y, 1000 - row * 90, y + 20), fill=colour, width=14)
    return encoded(img, "JPEG", quality=90)


def test_a_photo_from_the_facilitator_page_reaches_board_pdf_and_word(upload_server, browser) -> None:
    from docx import Document

    session = create(upload_server, agenda=["trots"], practice="Huisartsenpraktijk De Linde")
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))

    # A file that is no picture is refused in Dutch, nothing stored.
    expect(fac.locator("#photos-section")).to_be_visible()
    choose_files(fac, "#photo-input", ("<img src=x onerror=alert(1)>.png", b"x"))
    expect(fac.locator("#fac-error")).to_contain_text("geen (geldige) JPEG- of PNG-afbeelding")
    expect(fac.locator("#fac-error")).to_contain_text("<img src=x")  # the name as text, never markup
    assert fac.locator("#fac-error img").count() == 0
    assert not list(Path(upload_server.uploads).rglob("*.jpg"))

    # The photo: a thumbnail on the facilitator page.
    choose_files(fac, "#photo-input", ("flip.jpg", flipover_photo()))
    thumb = fac.locator("#photo-list img[alt='Foto van de flip-over 1']")
    expect(thumb).to_be_visible()
    expect(fac.locator("#photo-status")).to_have_text("Foto toegevoegd.")
    assert len(list(Path(upload_server.uploads, session["code"], "photos").glob("*.jpg"))) == 1

    # On the board on request, and off again.
    expect(board.locator("#spotlight")).to_be_hidden()
    show = fac.locator("#photo-list button", has_text="Op het bord tonen")
    show.click()
    expect(show).to_have_attribute("aria-pressed", "true")
    big = board.locator("#spotlight .board-photo img")
    expect(big).to_be_visible()
    expect(board.locator("#spotlight figcaption")).to_have_text("Foto van de flip-over 1")
    board.wait_for_timeout(300)
    assert big.evaluate("i => i.complete && i.naturalWidth") == 1200  # 1200×1600 is within 1600 px
    box = big.bounding_box()
    assert box and box["height"] > 700  # large: most of the 1080 px screen
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    board.screenshot(path=str(SCREENSHOTS / "board-flipover-photo.png"))
    fac.locator("#photo-list button", has_text="Op het bord tonen").click()
    expect(board.locator("#spotlight")).to_be_hidden()

    # The report: the photo in the item's section, the item counted as treated.
    with fac.expect_download() as download:
        fac.click("#download-report")
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert sum(len(page.images) for page in reader.pages) == 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Foto van de flip-over 1" in text and "Niet behandeld." not in text
    with fac.expect_download() as download:
        fac.click("#download-report-docx")
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(document.inline_shapes) == 1
    assert "Foto van de flip-over 1" in " ".join(p.text for p in document.paragraphs)

    # Removing it: gone from the page and the folder.
    fac.once("dialog", lambda dialog: dialog.accept())
    fac.locator("#photo-list button", has_text="Verwijderen").click()
    expect(fac.locator("#photo-list img")).to_have_count(0)
    assert not list(Path(upload_server.uploads, session["code"], "photos").glob("*.jpg"))
    assert errors == []
