"""Issue 5's acceptance test: the whole "Kick-off bijeenkomst" template in
Debian's Chromium against the real server, with one facilitator page, one board
(1920×1080) and three phones, from the explanation slide to the action plan and
the PDF.

Screenshots of the board at each step are opt-in (they go into the repo):
``FLIPOVER_SCREENSHOTS=docs/img/kickoff pytest tests/test_browser_kickoff.py``.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, needs_chromium, stick_onto
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = needs_chromium

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("Anna", "Bram", "Chris")
CARDS = {"Anna": ("vuurtoren", "Vuurtoren"), "Bram": ("brug", "Brug"), "Chris": ("kompas", "Kompas")}
DREAMS = {
    "Anna": "Een baken in de wijk voor jong en oud",
    "Bram": "Een brug tussen zorg en welzijn",
    "Chris": "Altijd weten waar we naartoe gaan",
}
PROUD = {
    "Anna": "We kennen onze patiënten écht",
    "Bram": "Collega's springen voor elkaar in",
    "Chris": "De huisbezoeken bij ouderen",
}
PINK = {
    "Anna": "Telefoon is altijd bezet",
    "Bram": "Lange wachttijden aan de telefoon",
    "Chris": "Hoge werkdruk bij de assistentes",
}
BLUE = {
    "Anna": "Online afspraken maken",
    "Bram": "Samenwerken met de apotheek",
    "Chris": "Meer taken voor de POH",
}
GROUP = "Bereikbaarheid"
SECOND_ACTION = ("Verslag rondsturen naar het team", "Praktijkmanager", "2027-02-01", "1 feb 2027")


class Screens:
    """Saves the board's viewport as docs/img/kickoff/NN-step.png when FLIPOVER_SCREENSHOTS names a folder."""

    def __init__(self, board) -> None:
        folder = os.environ.get("FLIPOVER_SCREENSHOTS")
        self.folder = (Path(folder) if Path(folder).is_absolute() else ROOT / folder) if folder else None
        self.board = board
        self.number = 0

    def take(self, step: str) -> None:
        self.number += 1
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Pictures decoded and the new-note animation over, so the picture shows what the room sees.
        self.board.wait_for_function("() => [...document.images].every((i) => i.complete)")
        self.board.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
        self.board.screenshot(path=str(self.folder / f"{self.number:02d}-{step}.png"), type="png")


def page_of(browser, url: str, errors: list[str], **context):
    """A page in its own context whose JS errors are collected from its first script on."""
    page = browser.new_context(**context).new_page()
    page.on("pageerror", lambda exc: errors.append(f"{url}: {exc}"))
    page.goto(url)
    return page


def post(phone, text: str, category: str | None = None) -> None:
    """Post a note from a phone and wait until the server stored it (not only pending in the outbox)."""
    if category:
        phone.click(f"#categories label:has-text('{category}')")
    phone.fill("#note-text", text)
    phone.click("#post-button")
    phone.locator("#mine .note:not(:has(.pending))", has_text=text).wait_for()
    phone.locator("#mine .pending").first.wait_for(state="detached")


def fac_card(fac, text: str):
    """The facilitator's card of one note."""
    return fac.locator("#notes li.note").filter(has=fac.locator(".note__text", has_text=text))


def phase(fac, title: str) -> None:
    fac.click(f"#phases button:has-text('{title}')")
    fac.locator("#phases button[aria-pressed=true]", has_text=title).wait_for()


def goto_next(fac, title: str) -> None:
    fac.click("#next")
    fac.locator("#current-title", has_text=title).wait_for()


def vote(phone, item_text: str) -> None:
    item = phone.locator(".board-item", has_text=item_text)
    item.locator("text=+ Stem").click()
    item.locator(".board-item__mine", has_text="1 stem").wait_for()


def test_whole_kickoff_template_from_slide_to_pdf(server, browser):
    session = create(server, template="kick-off", practice="Huisartsenpraktijk De Linde")
    errors: list[str] = []
    fac = page_of(browser, session["facilitator_url"], errors, accept_downloads=True)
    board = page_of(browser, session["board_url"], errors, **BOARD)
    for page in (fac, board):
        page.wait_for_selector("#conn[data-state=online]")
    screens = Screens(board)

    # --- 1. Toelichting project: a text slide on the board and the phones --------------------------
    phones = {}
    for name in NAMES:
        phone = page_of(browser, session["join_url"], errors, **PHONE)
        phone.fill("#name", name)
        phone.click("#join-form button[type=submit]")
        phones[name] = phone
    for phone in phones.values():
        phone.wait_for_selector("#closed-info:not([hidden])")
        assert "Doel, resultaat" in phone.locator("#activity-area .card").inner_text()
        assert phone.locator("#composer").is_hidden()
        assert phone.locator("#prompt").inner_text() == "Toelichting project"
    board.locator(".board__slide", has_text="Doel, resultaat, plan van aanpak").wait_for()
    # The slide's title shows once, in the title line (no prompt repeating it).
    assert board.locator("#activity-title").inner_text() == "Toelichting project"
    assert board.locator("#prompt").inner_text() == ""
    board.locator("#presence", has_text="3 deelnemers online").wait_for()
    assert fac.locator("#agenda li").count() == 5
    screens.take("toelichting")

    # --- 2. Kennismaken: a card, a role, a dream; the gallery; one person in the spotlight ---------
    goto_next(fac, "Kennismaken")
    for name, phone in phones.items():
        phone.wait_for_selector(".kn-grid .kn-pick")
        assert f"Je stelt je voor als {name}." in phone.locator("#activity-area").inner_text()
        phone.click(f".kn-pick[data-card={CARDS[name][0]}]")
        phone.locator(".kn-chosen", has_text=CARDS[name][1]).wait_for()
        if name == "Anna":
            phone.fill("#kn-role", "Huisarts")
        post(phone, DREAMS[name])
    gallery = board.locator(".kn-person")
    for name in NAMES:
        person = gallery.filter(has=board.locator(".kn-name", has_text=name))
        person.locator(".kn-text", has_text=DREAMS[name]).wait_for()
        assert f"Kaart: {CARDS[name][1]}" in person.inner_text()
        assert person.locator("img").get_attribute("alt") == CARDS[name][1]
    assert gallery.count() == 3
    assert board.locator(".kn-role").all_inner_texts() == ["Huisarts"]
    board.wait_for_function("() => [...document.querySelectorAll('.kn-person img')].every((i) => i.naturalWidth > 0)")
    screens.take("kennismaken-galerij")

    phase(fac, "Voorstelrondje")
    for name, phone in phones.items():
        phone.wait_for_selector("#composer", state="hidden")
        # While they speak, each phone shows its own card as a reminder.
        phone.locator("#activity-area", has_text="Jouw kaart voor het voorstelrondje").wait_for()
        assert phone.locator("#activity-area .kn-chosen img").get_attribute("alt") == CARDS[name][1]
    fac.select_option("#spot-kind", "person")
    fac.click("#spot-next")
    spot = board.locator("#spotlight .kn-spot__card")
    spot.filter(has=board.locator(".kn-name", has_text="Anna")).wait_for()
    assert DREAMS["Anna"] in spot.inner_text() and "Huisarts" in spot.inner_text()
    assert board.locator("#spotlight img").get_attribute("alt") == "Vuurtoren"
    board.wait_for_function("() => [...document.querySelectorAll('#spotlight img')].every((i) => i.naturalWidth > 0)")
    screens.take("kennismaken-spotlight")

    # --- 3. Trots as the handbook runs it: one situation each, then a named round; one kept ---------
    goto_next(fac, "Trots")
    board.wait_for_selector("#spotlight", state="hidden")  # the spotlight belongs to the previous item
    expect(fac.locator("#instruction-next")).to_have_text("Daarna: Rondje en bespreken")  # voting is extra
    expect(fac.locator("[data-key=phase-stemmen]")).to_have_text("Stemmen (extra)")
    for name, phone in phones.items():
        phone.locator("#prompt", has_text="trots").wait_for()
        phone.wait_for_selector("#composer:not([hidden])")
        expect(phone.locator("#private-info")).to_be_hidden()  # the board shows each situation
        post(phone, PROUD[name])
        board.locator("#work .note", has_text=PROUD[name]).wait_for()
        # One situation each: the composer makes way, the note stays editable.
        expect(phone.locator("#composer")).to_be_hidden()
        expect(phone.locator("#closed-info")).to_have_text(
            "Je post-it staat erop. Je kunt hem hieronder nog aanpassen."
        )
    phase(fac, "Rondje en bespreken")
    expect(board.locator("#work .note__author")).to_have_count(3)  # the round is named
    fac.select_option("#spot-kind", "person")
    fac.click("#spot-next")
    expect(board.locator("#spotlight")).to_contain_text(PROUD["Anna"])
    fac.click("#spot-off")
    fac_card(fac, PROUD["Bram"]).locator("button:has-text('Behouden')").click()
    # Kept notes lead the wall, with their badge.
    board.locator(".wall > .note--lead", has_text=PROUD["Bram"]).locator(".note__badge").wait_for()
    assert board.locator(".wall > .note--lead").count() == 1
    assert PROUD["Bram"] in board.locator(".wall > :first-child").inner_text()
    screens.take("trots")

    # --- 4. Uitdagingen en kansen: private writing → reveal → group → vote → discuss -----------------
    goto_next(fac, "Uitdagingen en kansen")
    for phone in phones.values():
        phone.wait_for_selector("#private-info:not([hidden])")
        assert phone.locator("#categories label").all_inner_texts() == ["Uitdaging", "Kans"]
    for name, phone in phones.items():
        post(phone, PINK[name], "Uitdaging")
        post(phone, BLUE[name], "Kans")
    board.locator(".writing__tile", has_text="Uitdaging").locator(".writing__count", has_text="3").wait_for()
    board.locator(".writing__tile", has_text="Kans").locator(".writing__count", has_text="3").wait_for()
    work = board.locator("#work").inner_text()
    for text in (*PINK.values(), *BLUE.values()):
        assert text not in work
    assert board.locator("#work .note:not(.writing__tile)").count() == 0
    screens.take("uitdagingen-schrijven")

    phase(fac, "Plakken en groeperen")
    pink_area = board.locator(".uk-area[data-area=uitdaging]")
    blue_area = board.locator(".uk-area[data-area=kans]")
    for text in PINK.values():
        pink_area.locator(".note--roze", has_text=text).wait_for()
    for text in BLUE.values():
        blue_area.locator(".note--blauw", has_text=text).wait_for()
    assert board.locator(".writing").count() == 0
    assert board.locator(".note__author").count() == 0  # anonymous by default
    assert pink_area.locator(".note--blauw").count() == 0 and blue_area.locator(".note--roze").count() == 0
    assert pink_area.locator(".uk-area__title").inner_text() == "Uitdagingen (3 post-its)"
    assert blue_area.locator(".uk-area__title").inner_text() == "Kansen (3 post-its)"
    for phone in phones.values():
        phone.wait_for_function("!document.querySelector('#mine').innerText.includes('Nog niet op het bord')")
    screens.take("uitdagingen-plakken")

    stick_onto(fac, PINK["Bram"], f"Bij: {PINK['Anna']}")
    name_field = fac.locator(".fgroup input")
    name_field.wait_for()
    name_field.fill(GROUP)
    name_field.press("Enter")
    name_field.blur()
    group = pink_area.locator(".group", has=board.locator(".group__name", has_text=GROUP))
    group.wait_for()
    # A compact stack on the board: its first note, its count and "+ 1 meer".
    group.locator(".group__count", has_text="2 post-its").wait_for()
    assert group.locator(".note").count() == 1
    assert PINK["Anna"] in group.inner_text() and "+ 1 meer" in group.inner_text()
    assert board.locator(".group__name", has_text=GROUP).count() == 1
    screens.take("uitdagingen-groep")

    phase(fac, "Stemmen")
    for phone in phones.values():
        phone.wait_for_selector("#board-list:not([hidden])")
    vote(phones["Anna"], GROUP)
    vote(phones["Bram"], GROUP)
    vote(phones["Chris"], BLUE["Anna"])
    board.locator("#count", has_text="3 stemmen van 3 deelnemers").wait_for()
    assert board.locator(".dots").count() == 0  # totals only after the round
    screens.take("uitdagingen-stemmen")

    phase(fac, "Bespreken")
    group.locator(".dots", has_text="2 stemmen").wait_for()
    blue_area.locator(".note", has_text=BLUE["Anna"]).locator(".dots", has_text="1 stem").wait_for()
    assert board.locator(".dots").count() == 2
    screens.take("uitdagingen-bespreken")

    # --- 5. Vervolg en afsluiting: a note becomes an action; a second one typed in live -------------
    fac_card(fac, BLUE["Anna"]).locator("button:has-text('→ Actieplan')").click()
    goto_next(fac, "Vervolg en afsluiting")
    edit_rows = fac.locator(".ap-table--edit tbody tr")
    edit_rows.first.wait_for()
    assert edit_rows.count() == 1
    assert edit_rows.first.locator("input[name=what]").input_value() == BLUE["Anna"]
    edit_rows.first.locator("input[name=who]").fill("Sanne")
    edit_rows.first.locator("input[name=who]").press("Tab")
    board_rows = board.locator(".ap-table--board tbody tr")
    board_rows.filter(has_text=BLUE["Anna"]).locator("td.ap-who", has_text="Sanne").wait_for()

    what, who, due, due_nl = SECOND_ACTION
    fac.fill(".ap-form input[name=what]", what)
    fac.fill(".ap-form input[name=who]", who)
    fac.fill(".ap-form input[name=due]", due)
    fac.click(".ap-form button[type=submit]")
    second = board_rows.filter(has_text=what)
    second.wait_for()
    assert second.locator("td.ap-who").inner_text() == who
    assert second.locator("td.ap-due").inner_text() == due_nl
    assert board_rows.count() == 2
    assert "uit: Uitdagingen en kansen" in board_rows.filter(has_text=BLUE["Anna"]).inner_text()
    for phone in phones.values():
        phone.locator(".ap-list__item", has_text=what).wait_for()
        assert "Wie: Sanne" in phone.locator(".ap-list__item", has_text=BLUE["Anna"]).inner_text()
        assert phone.locator("#composer").is_hidden()
    assert fac.locator("#fac-error").inner_text() == ""
    screens.take("actieplan")

    # --- The report --------------------------------------------------------------------------------------
    with fac.expect_download() as download:
        fac.click("#download-report")
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    text = re.sub(r" ?Flipover — Kick-off De Linde pagina \d+ ?", " ", text).strip()  # the page footers
    assert "Kick-off De Linde" in text and "Huisartsenpraktijk De Linde" in text
    for expected in (*DREAMS.values(), *PROUD.values(), *PINK.values(), *BLUE.values()):
        assert expected in text, expected
    # Kennismaken is not anonymous: the introductions carry names, role and card.
    intro = text[text.index("Wat is jullie droom voor de toekomst?", text.index("Kennismaken")) :]
    for name in NAMES:
        assert re.search(rf"{name}( · Huisarts)? Kaart: {CARDS[name][1]} {DREAMS[name]}", intro), name
    assert "Behouden (1)" in text
    # Trots is a named round (the handbook's); uitdagingen en kansen stayed anonymous.
    uk = text.index("Uitdagingen (roze)")
    assert f"{PROUD['Anna']} — Anna" in text[:uk]
    for name in NAMES:
        assert f"— {name}" not in text[uk:]
    assert uk < text.index("Kansen (blauw)", uk)
    assert f"Groep: {GROUP} (2 post-its) — 2 stemmen" in text
    # The action table closes the report: nothing comes after its rows.
    table = text.index("Wat Wie Wanneer Status")
    assert text.index("Vervolg en afsluiting", text.index("Kansen (blauw)")) < table
    tail = text[table:]
    assert f"{BLUE['Anna']} Sanne — Open" in tail
    assert f"{what} {who} {due_nl} Open" in tail
    assert tail == f"Wat Wie Wanneer Status {BLUE['Anna']} Sanne — Open {what} {who} {due_nl} Open"
    assert errors == []
