"""A phone never drops a note it promised to send (issue 18, finding 9).

Notes written without Wi-Fi wait in the phone's outbox. If the server refuses them on
reconnect (the facilitator closed posting meanwhile), every one of them stays on the
phone with the reason, until its writer sends it again, takes it back into the
composer, or throws it away."""

from __future__ import annotations

import pytest
import socketio
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import create, join_phone, needs_chromium
from playwright.sync_api import expect

pytestmark = needs_chromium

TEXTS = [
    "Telefoon 's ochtends onbereikbaar",
    "Herhaalrecepten kosten veel tijd",
    "Ketenzorgprogrammacoördinatieoverleg",
]


def facilitator(server, session):
    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"])
    ack = client.call(
        "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    )
    assert ack["ok"], ack
    return client, ack["state"]["activities"][0]["id"]


def test_notes_refused_after_reconnect_all_stay_until_their_writer_decides(server, browser):
    session = create(server)
    fac, activity_id = facilitator(server, session)
    try:
        phone = join_phone(browser, session, name="Anna")
        phone.wait_for_selector("#composer:not([hidden])")
        phone.context.set_offline(True)
        phone.wait_for_selector("#conn[data-state=offline]", timeout=30_000)
        for text in TEXTS:
            phone.fill("#note-text", text)
            phone.click("#post-button")
        expect(phone.locator("#mine .pending")).to_have_count(3)

        # Meanwhile the facilitator closes posting; the phone comes back.
        assert fac.call("activity:lock", {"activity_id": activity_id, "locked": True})["ok"]
        phone.context.set_offline(False)
        phone.wait_for_selector("#conn[data-state=online]", timeout=30_000)
        refused = phone.locator("#mine .note--refused")
        expect(refused).to_have_count(3)
        for text in TEXTS:
            expect(refused.filter(has_text=text)).to_have_count(1)
        expect(refused.first.locator(".refused")).to_contain_text("Niet geplakt")

        # A reload keeps them (they live in the phone's own storage).
        phone.reload()
        expect(phone.locator("#mine .note--refused")).to_have_count(3)

        # One goes back into the composer, one is thrown away, one is sent again once posting reopens.
        phone.locator(".note--refused", has_text=TEXTS[0]).get_by_role("button", name="Terug naar invoerveld").click()
        expect(phone.locator("#note-text")).to_have_value(TEXTS[0])
        phone.once("dialog", lambda dialog: dialog.accept())
        phone.locator(".note--refused", has_text=TEXTS[1]).get_by_role("button", name="Weggooien").click()
        expect(phone.locator("#mine .note--refused")).to_have_count(1)

        assert fac.call("activity:lock", {"activity_id": activity_id, "locked": False})["ok"]
        phone.locator(".note--refused", has_text=TEXTS[2]).get_by_role("button", name="Opnieuw versturen").click()
        expect(phone.locator("#mine .note--refused")).to_have_count(0)
        expect(phone.locator("#mine .note:not(:has(.pending))", has_text=TEXTS[2])).to_have_count(1)
        listed = fac.call("notes:list", {"activity_id": activity_id})
        assert [n["text"] for n in listed["notes"]] == [TEXTS[2]]
    finally:
        fac.disconnect()


def stored_keys(page, code: str) -> list[str]:
    return page.evaluate("(code) => Object.keys(localStorage).filter((k) => k.startsWith(`flipover:${code}:`))", code)


def delete_session(server, session) -> None:
    import urllib.request

    req = urllib.request.Request(
        f"{server.url}/api/sessions/{session['code']}",
        method="DELETE",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        assert res.status in (200, 204)


@pytest.mark.parametrize("away", [False, True], ids=["open", "away"])
def test_a_deleted_meeting_leaves_nothing_on_the_phone(server, browser, away):
    """Token, name, drafts and unsent notes go, whether the phone is open when the
    meeting is deleted or comes back to it later (docs/privacy.md)."""
    session = create(server)
    phone = join_phone(browser, session, name="Anna")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", "Half geschreven over de telefoon")  # a draft, kept per agenda item
    expect(phone.locator("#note-text")).to_have_value("Half geschreven over de telefoon")
    kept = stored_keys(phone, session["code"])
    assert any(k.endswith(":token") for k in kept) and any(":draft:" in k for k in kept), kept

    context = phone.context
    if away:
        phone.close()
        delete_session(server, session)
        phone = context.new_page()
        response = phone.goto(session["join_url"])
        assert response is not None and response.status == 404
        expect(phone.locator("h1")).to_contain_text("bestaat niet")
    else:
        delete_session(server, session)
        expect(phone.locator("#gone-view")).to_be_visible()
    for _ in range(50):  # the page forgets as it loads or as the event arrives: wait for that, not a time
        if not stored_keys(phone, session["code"]):
            break
        phone.wait_for_timeout(100)
    assert stored_keys(phone, session["code"]) == []
