"""The solution work formats in a real browser (Debian's Chromium, Playwright,
the real server): three phones rate four items in impact-inspanning, the board
places them, a six-step process gets notes in every row, and the PDF has the
matrix figure and the process tables."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from pypdf import PdfReader

pytestmark = needs_chromium

# item → per phone (impact, effort); the means land in the quadrant named.
RATINGS = {
    "Online triage via de website": ([(5, 1), (4, 2), (5, 1)], "onmiddellijk"),
    "Wachtmuziek vervangen": ([(1, 2), (2, 1), (2, 1)], "quick-wins"),
    "Nieuw HIS kiezen": ([(4, 5), (5, 4), (5, 4)], "plannen"),
    "Eigen app bouwen": ([(1, 5), (1, 5), (2, 4)], "niet-doen"),
}


def _pdf(fac) -> PdfReader:
    with fac.expect_download() as download:
        fac.click("#download-report")
    return PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))


def test_three_phones_rate_four_items_into_the_right_quadrants(server, browser):
    session = create(server, agenda=["impact-inspanning"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    for text in RATINGS:
        fac.fill(".ii-fac input[name=item]", text)
        fac.click(".ii-fac button:has-text('Item toevoegen')")
        fac.locator(".ii-list li", has_text=text).wait_for()
    fac.click("#phases button:has-text('Scoren')")

    phones = [join_phone(browser, session, name) for name in ("Anna", "Bo", "Cas")]
    for phone in phones:
        phone.on("pageerror", lambda exc: errors.append(str(exc)))
        phone.wait_for_selector(".ii-item")
    ids = {text: fac.locator(".ii-list li", has_text=text).get_attribute("data-item") for text in RATINGS}
    for index, phone in enumerate(phones):
        for text, (scores, _quadrant) in RATINGS.items():
            impact, effort = scores[index]
            card = phone.locator(f".ii-item[data-item='{ids[text]}']")
            for axis, value in (("impact", impact), ("effort", effort)):
                card.locator(f"button[data-axis={axis}][data-value='{value}']").click()
                card.locator(f"button[data-axis={axis}][data-value='{value}'][aria-pressed=true]").wait_for()
        phone.get_by_text("4 van 4 items gescoord").wait_for()

    for text, (_scores, quadrant) in RATINGS.items():
        board.locator(f".ii-dot[data-item='{ids[text]}'][data-quadrant='{quadrant}']").wait_for()
        board.locator(".ii-legend li", has_text=text).filter(has_text="n=3").wait_for()
    board.get_by_text("3 deelnemers hebben gescoord").wait_for()

    # The facilitator drags "Eigen app bouwen" from Niet doen to Plannen: an override, the means stay.
    dot = fac.locator(f".ii-dot[data-item='{ids['Eigen app bouwen']}'] circle")
    dot.scroll_into_view_if_needed()
    box = dot.bounding_box()
    assert box is not None
    fac.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    fac.mouse.down()
    fac.mouse.move(box["x"], box["y"] - 250, steps=5)
    fac.mouse.up()
    board.locator(f".ii-dot[data-item='{ids['Eigen app bouwen']}'][data-quadrant='plannen']").wait_for()
    board.locator(".ii-legend li", has_text="Eigen app bouwen").filter(has_text="verplaatst").wait_for()
    reader = _pdf(fac)
    page = next(p for p in reader.pages if "Legenda" in p.extract_text())
    text = page.extract_text()
    for label in ("Onmiddellijk", "Quick wins", "Plannen", "Niet doen", *RATINGS):
        assert label in text, label
    # The matrix is vector drawing: filled rectangles in the page's content stream.
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(" re") >= 4
    full = "\n".join(p.extract_text() for p in reader.pages)
    assert "Eigen app bouwen (verplaatst)" in full
    assert errors == []
