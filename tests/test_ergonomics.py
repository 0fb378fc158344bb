"""In-room ergonomics in a real browser (issue 10), asserted where they do not depend
on the machine's speed: taps from the prompt to a posted note, board legibility at
1920×1080 with a full, realistic board, and a room of 20 phones that all join.
How long joining takes is measured, not asserted: bench/ergonomics.py.
(The 360×640 phone checks — no sideways scrolling, 44 px tap targets — run for
every phase of every work format in test_a11y.py.)"""

from __future__ import annotations

from a11y_support import MIN_NOTE_TEXT, MIN_PROMPT, clipped_text, font_sizes, horizontal_overflow, small_tap_targets
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, needs_chromium, open_online, stick_onto

pytestmark = needs_chromium

MIN_LABEL = 20  # px, DESIGN.md: labels on the board at 1080p


class Thumb:
    """A phone page that counts the taps a person makes (typing is not a tap)."""

    def __init__(self, page) -> None:
        self.page = page
        self.taps: list[str] = []

    def tap(self, selector: str) -> None:
        self.taps.append(selector)
        self.page.tap(selector)


def test_from_the_join_link_to_a_posted_note_in_three_taps(server, browser):
    session = create(server, agenda=["trots"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = Thumb(browser.new_context(**PHONE).new_page())
    phone.page.goto(session["join_url"])
    phone.tap("#join-form button[type=submit]")  # the name may stay empty
    phone.page.wait_for_selector("#composer:not([hidden])")
    joined = len(phone.taps)
    phone.tap("#note-text")
    phone.page.keyboard.type("Wij zijn trots op ons team")
    phone.tap("#post-button")
    board.locator(".note", has_text="Wij zijn trots op ons team").wait_for()
    assert joined == 1
    assert len(phone.taps) - joined <= 3, phone.taps


def test_with_a_category_a_note_still_takes_at_most_three_taps(server, browser):
    session = create(server, agenda=["uitdagingen-en-kansen"])
    fac = open_online(browser, session["facilitator_url"])
    fac.locator("#phases button").nth(1).click()  # plakken: straight onto the board
    board = open_online(browser, session["board_url"], **BOARD)
    phone = Thumb(browser.new_context(**PHONE).new_page())
    phone.page.goto(session["join_url"])
    phone.tap("#join-form button[type=submit]")
    phone.page.wait_for_selector("#composer:not([hidden]) #categories label")
    start = len(phone.taps)
    phone.tap("#categories label:has-text('Kans')")
    phone.tap("#note-text")
    phone.page.keyboard.type("Online afspraken maken")
    phone.tap("#post-button")
    board.locator(".note--blauw", has_text="Online afspraken maken").wait_for()
    assert len(phone.taps) - start <= 3, phone.taps


LONG = (
    "De telefoon is 's ochtends tussen acht en tien bijna niet bereikbaar, patiënten bellen dan opnieuw en "
    "opnieuw, de assistentes krijgen de volle wachtrij over zich heen en het terugbellen schuift door naar de "
    "middag, waardoor de visites later beginnen."
)


def test_a_full_board_at_1080p_is_legible_and_cuts_no_note_off(server, browser):
    import socketio

    session = create(server, agenda=["uitdagingen-en-kansen"])
    fac = open_online(browser, session["facilitator_url"])
    fac.locator("#phases button").nth(1).click()
    board = open_online(browser, session["board_url"], **BOARD)
    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"])
    try:
        ack = client.call("join", {"code": session["code"], "role": "participant", "name": "Anna"})
        activity = ack["state"]["current_activity_id"]
        texts = [LONG] + [f"Post-it {n}: korte wachttijden voor de assistentes" for n in range(1, 16)]
        ids = []
        for n, text in enumerate(texts):
            category = "uitdaging" if n % 2 == 0 else "kans"
            sent = client.call(
                "note:add", {"activity_id": activity, "client_id": f"c{n}", "text": text, "category": category}
            )
            assert sent["ok"], sent
            ids.append(sent["note"]["id"])
    finally:
        client.disconnect()
    # Two notes stacked into a group (the grouped view has its own note size).
    stick_onto(fac, "Post-it 2:", f"Bij: {texts[4]}")
    # On the board a group is a compact stack: its first note and its count.
    board.locator(".group .group__count", has_text="2 post-its").wait_for()
    board.locator(".note", has_text="Post-it 15:").wait_for()

    sizes = font_sizes(board, "#work .note__text")
    assert len(sizes) == 15 and min(sizes) >= MIN_NOTE_TEXT, sizes
    assert min(font_sizes(board, "#prompt")) >= MIN_PROMPT
    assert min(font_sizes(board, "#work .note__label")) >= MIN_LABEL
    assert clipped_text(board, "#work .note, #work .note__text, #prompt") == []
    # The board fits the screen (static/js/fit.js): one page, nothing below the bottom edge.
    assert board.evaluate("document.body.dataset.pages") == "1"
    bottoms = "[...document.querySelectorAll('#work .note')].map((n) => n.getBoundingClientRect().bottom)"
    bottom = board.evaluate(f"Math.max(...{bottoms})")
    assert bottom <= 1080
    assert horizontal_overflow(board) == 0
    # The longest note is shown whole.
    long = board.locator(".note", has_text="visites later beginnen")
    assert long.locator(".note__text").inner_text() == LONG


def test_twenty_phones_all_join_and_the_board_counts_them(server, browser):
    """A full room. Time to join is measured in bench/ergonomics.py, not asserted."""
    session = create(server, agenda=["trots"])
    board = open_online(browser, session["board_url"], **BOARD)
    phones = []
    for _ in range(20):
        page = browser.new_context(**PHONE).new_page()
        page.goto(session["join_url"])
        page.click("#join-form button[type=submit]")
        phones.append(page)
    for page in phones:
        page.wait_for_selector("#composer:not([hidden])")
    board.locator("#presence", has_text="20 deelnemers").wait_for()
    assert horizontal_overflow(phones[-1]) == 0
    assert small_tap_targets(phones[-1]) == []
