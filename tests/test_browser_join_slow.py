"""A phone on slow Wi-Fi: its person types a name and taps "Meedoen" before the page's
script has loaded (the cause of an intermittent failure of test_browser_i18n.py under
load: the script, arriving late, wrote the stored name, empty, over the typed one). The
typed name is kept, and the button waits for the script instead of reloading the page."""

from __future__ import annotations

import re

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import PHONE, create, needs_chromium
from playwright.sync_api import expect

pytestmark = needs_chromium


def test_a_tap_before_the_script_loaded_keeps_the_name(server, browser) -> None:
    session = create(server, agenda=["kennismaken"])
    page = browser.new_context(**PHONE).new_page()

    held = []  # the phone's module is held back until the test lets it through
    page.route(re.compile(r"/static/js/phone\.js"), lambda route: held.append(route))
    page.goto(session["join_url"], wait_until="commit")  # (module scripts run before DOMContentLoaded)
    page.wait_for_selector("#name")
    page.fill("#name", "Anna")
    button = page.locator("#join-form button[type=submit]")
    expect(button).to_be_disabled()
    button.click(force=True)  # a tap now: nothing happens (no native submit, no reload)
    assert page.input_value("#name") == "Anna"
    expect(page.locator("#conn[data-state=online]")).to_have_count(0)
    while not held:  # the request may still be on its way to the route
        page.wait_for_timeout(50)
    held[0].continue_()
    page.click("#join-form button[type=submit]")  # waits until the script enables it
    page.wait_for_selector("#conn[data-state=online]")
    expect(page.locator(".hint", has_text="Je stelt je voor als Anna.")).to_be_visible()
