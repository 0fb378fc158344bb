"""End to end in a real browser: Debian's Chromium driven by Playwright against
the real server (run.py, eventlet) in a subprocess."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, join_phone, needs_chromium, open_online
from live_server import LiveServer
from pypdf import PdfReader

pytestmark = needs_chromium


def test_phone_note_appears_on_board_and_in_pdf(server, browser):
    session = create(server, practice="Huisartsenpraktijk De Linde")
    errors: list[str] = []
    board = browser.new_context(**BOARD).new_page()
    board.on("pageerror", lambda exc: errors.append(str(exc)))
    board.goto(session["board_url"])
    board.wait_for_selector("#conn[data-state=online]")
    assert board.locator("#join-code").inner_text().replace(" ", "") == session["code"]

    phone = browser.new_context(**PHONE).new_page()
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.goto(session["join_url"])
    phone.fill("#name", "Anna")
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", "Wij kennen onze patiënten écht <b>goed</b>")
    phone.click("#post-button")

    note = board.locator(".note", has_text="Wij kennen onze patiënten écht <b>goed</b>")
    note.wait_for(timeout=10_000)
    # Shown as text, never as markup.
    assert board.locator(".note b").count() == 0
    phone.locator("#mine .note", has_text="écht").wait_for()
    assert board.locator("#presence").inner_text().startswith("1 deelnemer")

    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    fac.wait_for_selector("#notes .note")
    with fac.expect_download() as download:
        fac.click("#download-report")
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Wij kennen onze patiënten écht <b>goed</b>" in text
    assert "Huisartsenpraktijk De Linde" in text
    assert errors == []


def test_facilitator_moves_phones_and_spotlights_on_board(server, browser):
    session = create(server, agenda=["toelichting", "trots"])
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], viewport={"width": 1280, "height": 720})
    phone = join_phone(browser, session)
    phone.wait_for_selector("#closed-info:not([hidden])")  # toelichting: nothing to post

    fac.click("#next")
    phone.wait_for_selector("#composer:not([hidden])")
    assert "trots" in phone.locator("#prompt").inner_text().lower()
    phone.fill("#note-text", "De samenwerking met de POH")
    phone.click("#post-button")
    fac.wait_for_selector("#notes .note")
    fac.click("#spot-next")
    spot = board.locator("#spotlight .note", has_text="De samenwerking met de POH")
    spot.wait_for()
    fac.click("#notes li >> text=Behouden")
    board.locator(".note__badge", has_text="Behouden").first.wait_for()

    # A reloaded phone continues as the same person with its notes.
    phone.reload()
    phone.locator("#mine .note", has_text="De samenwerking met de POH").wait_for()


def test_draft_survives_reload_and_overlong_note_is_stopped_before_sending(server, browser):
    session = create(server)
    phone = join_phone(browser, session)
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", "x" * 300)
    assert phone.locator("#post-button").is_disabled()
    assert "maximaal 280" in phone.locator("#composer-error").inner_text()
    phone.fill("#note-text", "Half geschreven gedachte")
    phone.reload()
    phone.wait_for_selector("#composer:not([hidden])")
    assert phone.locator("#note-text").input_value() == "Half geschreven gedachte"


def test_note_written_offline_is_sent_once_on_reconnect(server, browser):
    session = create(server)
    fac = open_online(browser, session["facilitator_url"])
    phone = join_phone(browser, session)
    phone.wait_for_selector("#composer:not([hidden])")

    ctx = phone.context
    ctx.set_offline(True)
    phone.wait_for_selector("#conn[data-state=offline]", timeout=30_000)
    phone.fill("#note-text", "Geschreven zonder wifi")
    phone.click("#post-button")
    phone.locator("#mine .pending").wait_for()
    ctx.set_offline(False)
    phone.wait_for_selector("#conn[data-state=online]", timeout=30_000)
    phone.locator("#mine .note:not(:has(.pending))", has_text="Geschreven zonder wifi").wait_for()
    fac.locator("#notes .note", has_text="Geschreven zonder wifi").wait_for()
    assert fac.locator("#notes .note", has_text="Geschreven zonder wifi").count() == 1


def test_unknown_code_gets_a_clear_page(server, browser):
    page = browser.new_page()
    response = page.goto(server.url + "/j/ZZZZZZ")
    assert response is not None and response.status == 404
    assert "bestaat niet" in page.locator("h1").inner_text()
    page.close()


def test_timer_counts_down_on_board_and_phone_and_signals_the_end(server, browser):
    import socketio

    session = create(server)
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session)
    phone.wait_for_selector("#composer:not([hidden])")

    fac.fill("#timer-minutes", "2")
    fac.click("#timer-start")
    board.wait_for_selector("#timer[data-state=running]")
    assert board.locator("#timer").inner_text() in {"2:00", "1:59", "1:58"}
    phone.wait_for_selector("#timer[data-state=running]")
    fac.click("#timer-pause")
    board.wait_for_selector("#timer[data-state=paused]")
    assert board.locator("#timer").inner_text().startswith("Pauze")

    # A one-second timer (through the public event) ends with a visible signal everywhere.
    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"], wait_timeout=10)
    ack = client.call(
        "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    )
    activity_id = ack["state"]["current_activity_id"]
    assert client.call("timer:set", {"activity_id": activity_id, "action": "start", "seconds": 1})["ok"]
    board.wait_for_selector("#timer[data-state=ended]", timeout=10_000)
    assert board.locator("#timer").inner_text() == "Tijd is om!"
    phone.wait_for_selector("#timer[data-state=ended]", timeout=10_000)
    client.disconnect()


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real server with a third-party work format that writes in private first."""
    from fixtures_wf import install_fake_distribution

    site = install_fake_distribution(tmp_path_factory.mktemp("site"), "fo_private")
    live = LiveServer(tmp_path_factory.mktemp("private") / "flipover.db", env={"PYTHONPATH": str(site)}).start()
    yield live
    live.stop()


def test_private_writing_is_counted_on_the_board_and_revealed_together(private_server, browser):
    session = create(private_server, agenda=["private"])
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, name="Anna")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.click("#categories label:has-text('Kans')")
    phone.fill("#note-text", "Patiënten willen digitaal afspraken maken")
    phone.click("#post-button")
    phone.fill("#note-text", "Deze mag iedereen nu al zien")
    phone.click("#post-button")
    phone.locator("#mine .note__badge", has_text="Nog niet op het bord").first.wait_for()

    # The board counts per category and shows no text.
    board.locator(".writing__tile", has_text="Kans").locator(".writing__count", has_text="2").wait_for()
    assert "Patiënten willen" not in board.locator("body").inner_text()
    fac.locator("#notes .note", has_text="Patiënten willen digitaal afspraken maken").wait_for()

    # One note stuck early appears on its own.
    phone.locator("#mine li", has_text="Deze mag iedereen nu al zien").locator("text=Op het bord plakken").click()
    board.locator(".note", has_text="Deze mag iedereen nu al zien").wait_for()
    assert "Patiënten willen" not in board.locator("body").inner_text()

    # Moving on reveals the rest at once.
    fac.click("#phases button:has-text('Post-its plakken')")
    board.locator(".note", has_text="Patiënten willen digitaal afspraken maken").wait_for()
    assert board.locator(".writing").count() == 0
    phone.wait_for_function("!document.querySelector('#mine').innerText.includes('Nog niet op het bord')")

    # Names: hidden by default, shown when the facilitator switches them on.
    assert board.locator(".note__author").count() == 0
    fac.check("#show-names")
    board.locator(".note__author", has_text="Anna").first.wait_for()


def test_full_rhythm_write_privately_reveal_stack_name_vote(server, browser):
    """The handbook's rhythm with trots: private writing → reveal and group → vote → discuss."""
    session = create(server)
    fac = open_online(browser, session["facilitator_url"])
    board = open_online(browser, session["board_url"], **BOARD)
    fac.click("#phases button:has-text('Schrijven')")
    anna = join_phone(browser, session, name="Anna")
    bram = join_phone(browser, session, name="Bram")
    for phone in (anna, bram):
        phone.wait_for_selector("#private-info:not([hidden])")
    fac.fill("#timer-minutes", "5")
    fac.click("#timer-start")
    for page in (board, anna, bram):
        page.wait_for_selector("#timer[data-state=running]")

    anna.fill("#note-text", "Collega's vallen voor elkaar in")
    anna.click("#post-button")
    bram.fill("#note-text", "We helpen elkaar bij drukte")
    bram.click("#post-button")
    board.locator(".writing__count", has_text="2").wait_for()
    assert "vallen voor elkaar" not in board.locator("#work").inner_text()

    fac.click("#phases button:has-text('Post-its plakken')")
    board.locator(".note", has_text="Collega's vallen voor elkaar in").wait_for()
    board.locator(".note", has_text="We helpen elkaar bij drukte").wait_for()

    # Bram sticks a new note onto Anna's from his phone.
    bram.click("#stack-open")
    bram.locator(".board-item", has_text="vallen voor elkaar").locator("text=Hierbij plakken").click()
    bram.fill("#note-text", "Iedereen springt bij")
    bram.click("#post-button")
    # On the board a stack is compact: its first note and its count, like paper post-its on top of each other.
    board.locator(".group", has_text="vallen voor elkaar").locator(".group__count", has_text="2 post-its").wait_for()
    assert board.locator(".group .note").count() == 1
    assert board.locator(".group .group__more").inner_text() == "+ 1 meer"

    # The facilitator names the stack; the board shows the name.
    name = fac.locator(".fgroup input")
    name.fill("Samen sterk")
    name.press("Enter")
    name.blur()
    board.locator(".group__name", has_text="Samen sterk").wait_for()

    # A round along the groups puts the named stack large on the board.
    fac.select_option("#spot-kind", "group")
    fac.click("#spot-next")
    board.locator("#spotlight .group__name", has_text="Samen sterk").wait_for()
    fac.click("#spot-off")
    board.wait_for_selector("#spotlight", state="hidden")

    # Voting: totals only after the round closes.
    fac.click("#phases button:has-text('Stemmen')")
    anna.wait_for_selector("#board-list:not([hidden])")
    anna.locator(".board-item", has_text="Samen sterk").locator("text=+ Stem").click()
    anna.locator(".board-item", has_text="Samen sterk").locator(".board-item__mine", has_text="1 stem").wait_for()
    assert "Nog 2 stemmen over" in anna.locator("#votes-left").inner_text()
    board.locator("#count", has_text="1 stem van 1 deelnemer").wait_for()
    assert board.locator(".dots").count() == 0
    fac.click("#phases button:has-text('Rondje en bespreken')")
    board.locator(".group .dots", has_text="1 stem").wait_for()


def test_pages_make_no_request_to_another_origin(server, browser):
    """Privacy: start, board, phone and facilitator pages load everything from the app itself."""
    session = create(server, agenda=[{"workform": "toelichting", "title": "Welkom"}, {"workform": "trots"}])
    requests: list[str] = []

    def page_of(url: str, **context):
        page = browser.new_context(**context).new_page()
        page.on("request", lambda req: requests.append(req.url))
        page.goto(url)
        return page

    start = page_of(server.url + "/")
    start.wait_for_load_state("networkidle")
    board = page_of(session["board_url"], **BOARD)
    board.wait_for_selector("#conn[data-state=online]")
    fac = page_of(session["facilitator_url"])
    fac.wait_for_selector("#conn[data-state=online]")
    phone = page_of(session["join_url"], **PHONE)
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#work-view:not([hidden])")
    fac.click("#next")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", "Alles blijft binnen")
    phone.click("#post-button")
    board.locator(".note", has_text="Alles blijft binnen").wait_for()
    for page in (board, fac, phone):
        page.wait_for_load_state("networkidle")
    assert len(requests) > 10, "the pages did load their scripts, fonts and socket"
    foreign = [u for u in requests if not u.startswith(server.url + "/") and not u.startswith(("data:", "blob:"))]
    assert foreign == []


def test_facilitator_page_keeps_the_session_goals_in_view(server, browser):
    import socketio

    session = create(server, agenda=[{"workform": "trots"}])
    fac = open_online(browser, session["facilitator_url"])
    assert fac.locator("#goals-list li").count() == 0  # nothing yet; the card offers to add goals
    tool = socketio.Client(reconnection=False)
    tool.connect(server.url, transports=["websocket"])
    try:
        assert tool.call(
            "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
        )["ok"]
        tool.call("goal:add", {"title": "Meer tijd voor de patiënt <b>nu</b>"})
        tool.call("goal:add", {"title": "Werkplezier"})
        tool.call("ambition:set", {"text": "Toekomstbestendige zorg"})
    finally:
        tool.disconnect()
    fac.locator("#goals-list li", has_text="Werkplezier").wait_for()
    assert fac.locator("#goals-list li").all_inner_texts() == ["Meer tijd voor de patiënt <b>nu</b>", "Werkplezier"]
    assert fac.locator("#goals-ambition").inner_text() == "Ambitie: Toekomstbestendige zorg"
