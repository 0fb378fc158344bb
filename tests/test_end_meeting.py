"""Ending the meeting (issue 16 item 6): the facilitator closes it, phones and the
board thank the room; it can be reopened; only the facilitator can do it."""

from __future__ import annotations

import pytest
from browser_support import *  # noqa: F403
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from conftest import received


def test_facilitator_ends_and_reopens_and_everyone_hears_it(make_session, sock):
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    phone, joined = sock(session, name="Sanne")
    board, _ = sock(session, role="board")
    assert joined["state"]["ended"] is False
    for client in (phone, board):
        client.get_received()
    assert fac.emit("session:update", {"ended": True}, callback=True) == {"ok": True, "ended": True}
    for client in (phone, board):
        assert received(client, "session:changed") == [{"ended": True}]
    # A late joiner (or a phone back from sleep) gets the end in its state.
    _late, late_ack = sock(session, name="Mehmet")
    assert late_ack["state"]["ended"] is True
    assert fac.emit("session:update", {"ended": False}, callback=True)["ok"]
    assert received(phone, "session:changed") == [{"ended": False}]


@pytest.mark.parametrize("payload", [{"ended": "ja"}, {"ended": 1}, {"ended": None}, {"ended": True, "language": "en"}])
def test_bad_end_payloads_are_refused_and_change_nothing(make_session, sock, payload):
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    ack = fac.emit("session:update", payload, callback=True)
    assert ack["ok"] is False and "ended" in ack["error"]
    _phone, joined = sock(session, name="Sanne")
    assert joined["state"]["ended"] is False


@pytest.mark.parametrize("role", ["participant", "board"])
def test_only_the_facilitator_ends_the_meeting(make_session, sock, role):
    session = make_session()
    other, _ = sock(session, role=role, name="Sanne")
    ack = other.emit("session:update", {"ended": True}, callback=True)
    assert ack["ok"] is False
    _phone, joined = sock(session, name="Joost")
    assert joined["state"]["ended"] is False


@needs_chromium
def test_end_screen_on_board_and_phone_and_back(server, browser):
    session = create(server)
    fac = open_online(browser, session["facilitator_url"], viewport={"width": 1280, "height": 900})
    board = open_online(browser, session["board_url"], **BOARD)
    phone = join_phone(browser, session, "Sanne")
    phone.wait_for_selector("#work-view:not([hidden])")
    fac.get_by_role("button", name="Bijeenkomst afsluiten").click()
    board.get_by_role("heading", name="Bedankt voor jullie inbreng!").wait_for()
    phone.get_by_role("heading", name="Bedankt voor jullie inbreng!").wait_for()
    assert phone.locator("#work-view").is_hidden()
    # The board's end screen is legible at 8 m: the thanks at projector size.
    size = board.evaluate("parseFloat(getComputedStyle(document.querySelector('#end h1')).fontSize)")
    assert size >= 48
    # A phone that reloads still sees the end.
    phone.reload()
    phone.get_by_role("heading", name="Bedankt voor jullie inbreng!").wait_for()
    fac.get_by_role("button", name="Bijeenkomst heropenen").click()
    phone.wait_for_selector("#work-view:not([hidden])")
    board.wait_for_selector("#end", state="hidden")


def test_facilitator_turns_the_boards_page_and_only_the_board_hears_it(make_session, sock):
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Sanne")
    for client in (board, phone):
        client.get_received()
    assert fac.emit("board:page", {"step": 1}, callback=True) == {"ok": True}
    assert received(board, "board:page") == [{"step": 1}]
    assert received(phone, "board:page") == []
    for bad in ({"step": 2}, {"step": True}, {"step": "1"}, {}):
        assert fac.emit("board:page", bad, callback=True)["ok"] is False
    assert phone.emit("board:page", {"step": 1}, callback=True)["ok"] is False
    assert received(board, "board:page") == []
