"""In a real browser: uitdagingen en kansen (pink and blue, private writing, reveal,
group, dots) and the action plan (one click from a note, who and when filled in
live), on three phones, the board and the facilitator page, down to the PDF."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online, stick_onto
from pypdf import PdfReader

pytestmark = needs_chromium

PINK = {
    "Anna": "Telefoon is altijd bezet",
    "Bram": "Lange wachttijden aan de telefoon",
    "Chris": "Hoge werkdruk bij de assistentes",
}
BLUE = {"Anna": "Online afspraken maken", "Bram": "Samenwerken met de apotheek"}


def write(phone, category: str, text: str) -> None:
    phone.click(f"#categories label:has-text('{category}')")
    phone.fill("#note-text", text)
    phone.click("#post-button")
    # Stored once the server acknowledged it (until then the phone also shows it as pending).
    phone.locator("#mine .note:not(:has(.pending))", has_text=text).wait_for()
    phone.locator("#mine .pending").first.wait_for(state="detached")


def fac_card(fac, text: str):
    """The facilitator's card of one note."""
    return fac.locator("#notes li.note").filter(has=fac.locator(".note__text", has_text=text))


def vote(phone, item_text: str) -> None:
    item = phone.locator(".board-item", has_text=item_text)
    item.locator("text=+ Stem").click()
    item.locator(".board-item__mine", has_text="1 stem").wait_for()


def test_challenges_and_opportunities_to_an_action_in_the_pdf(server, browser):
    session = create(server, agenda=["uitdagingen-en-kansen", "actieplan"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    phones = {name: join_phone(browser, session, name=name) for name in ("Anna", "Bram", "Chris")}
    for page in (fac, board, *phones.values()):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    for phone in phones.values():
        phone.wait_for_selector("#private-info:not([hidden])")  # writing privately first

    for name, phone in phones.items():
        write(phone, "Uitdaging", PINK[name])
        if name in BLUE:
            write(phone, "Kans", BLUE[name])
    # The board counts per colour and reads nothing.
    board.locator(".writing__tile", has_text="Uitdaging").locator(".writing__count", has_text="3").wait_for()
    board.locator(".writing__tile", has_text="Kans").locator(".writing__count", has_text="2").wait_for()
    assert PINK["Anna"] not in board.locator("#work").inner_text()

    # Reveal: both areas fill at once, each note in its own colour's area.
    fac.click("#phases button:has-text('Plakken en groeperen')")
    pink_area = board.locator(".uk-area[data-area=uitdaging]")
    blue_area = board.locator(".uk-area[data-area=kans]")
    for text in PINK.values():
        pink_area.locator(".note--roze", has_text=text).wait_for()
    for text in BLUE.values():
        blue_area.locator(".note--blauw", has_text=text).wait_for()
    assert pink_area.locator(".uk-area__title").inner_text().startswith("Uitdagingen")
    assert blue_area.locator(".uk-area__title").inner_text().startswith("Kansen")
    assert blue_area.locator(".note--roze").count() == 0

    # The facilitator puts two pink notes together and names the group.
    stick_onto(fac, PINK["Bram"], f"Bij: {PINK['Anna']}")
    name = fac.locator(".fgroup input")
    name.wait_for()
    name.fill("Bereikbaarheid")
    name.press("Enter")
    name.blur()
    pink_area.locator(".group__name", has_text="Bereikbaarheid").wait_for()
    pink_area.locator(".group .group__count", has_text="2 post-its").wait_for()
    assert pink_area.locator(".group .note").count() == 1  # compact stack: first note and count
    assert board.locator(".group__name", has_text="Bereikbaarheid").count() == 1

    # Dots from the phones; the totals appear once the round closes.
    fac.click("#phases button:has-text('Stemmen')")
    for phone in phones.values():
        phone.wait_for_selector("#board-list:not([hidden])")
    vote(phones["Anna"], "Bereikbaarheid")
    vote(phones["Bram"], "Bereikbaarheid")
    vote(phones["Chris"], BLUE["Anna"])
    board.locator("#count", has_text="3 stemmen van 3 deelnemers").wait_for()
    fac.click("#phases button:has-text('Bespreken')")
    pink_area.locator(".group .dots", has_text="2 stemmen").wait_for()
    blue_area.locator(".note", has_text=BLUE["Anna"]).locator(".dots", has_text="1 stem").wait_for()

    # One click turns a note into an action; twice still makes one.
    card = fac_card(fac, BLUE["Anna"])
    card.locator("button:has-text('→ Actieplan')").click()
    card.locator("button:has-text('→ Actieplan')").click()
    fac.click("#next")
    row = fac.locator(".ap-table--edit tbody tr", has_text="")
    row.first.wait_for()
    assert fac.locator(".ap-table--edit tbody tr").count() == 1
    row = fac.locator(".ap-table--edit tbody tr").first
    assert row.locator("input[name=what]").input_value() == BLUE["Anna"]
    row.locator("input[name=who]").fill("Sanne")
    row.locator("input[name=who]").press("Tab")
    board.locator(".ap-table--board td.ap-who", has_text="Sanne").wait_for()
    row = fac.locator(".ap-table--edit tbody tr").first
    row.locator("input[name=due]").fill("2027-01-12")
    row.locator("input[name=due]").blur()
    board_row = board.locator(".ap-table--board tbody tr", has_text=BLUE["Anna"])
    board_row.locator(".ap-due", has_text="12 jan 2027").wait_for()
    assert "Uitdagingen en kansen" in board_row.inner_text()  # where it came from

    # A second action entered live.
    fac.fill(".ap-form input[name=what]", "Verslag rondsturen")
    fac.fill(".ap-form input[name=who]", "Praktijkmanager")
    fac.click(".ap-form button[type=submit]")
    board.locator(".ap-table--board tbody tr", has_text="Verslag rondsturen").wait_for()
    # The phones show the agreed list, read-only.
    anna = phones["Anna"]
    anna.locator(".ap-list__item", has_text="Verslag rondsturen").wait_for()
    first = anna.locator(".ap-list__item", has_text=BLUE["Anna"]).inner_text()
    assert "Sanne" in first and "12 jan 2027" in first
    assert anna.locator("#composer").is_hidden()
    assert anna.locator(".ap-phone input, .ap-phone button").count() == 0

    with fac.expect_download() as download:
        fac.click("#download-report")
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Uitdagingen (roze)" in text and "Kansen (blauw)" in text
    for note in (*PINK.values(), *BLUE.values()):
        assert note in text
    assert "Groep: Bereikbaarheid (2 post-its) — 2 stemmen" in text
    table = text.index("Wat Wie Wanneer Status")
    assert f"{BLUE['Anna']} Sanne 12 jan 2027 Open" in text[table:]
    assert "Verslag rondsturen Praktijkmanager — Open" in text[table:]
    assert errors == []
