"""Shared pieces of the browser tests: Debian's Chromium driven by Playwright
against the real server (run.py, eventlet) in a subprocess.

A browser test module does ``from browser_support import *`` to get the
fixtures (``server``, ``upload_server``, ``chromium``, ``browser``) and helpers, and sets
``pytestmark = needs_chromium``.
"""

from __future__ import annotations

import functools
import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import open_trots
from live_server import LiveServer

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists(), reason="needs Debian chromium (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("browser") / "flipover.db").start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real server with its uploads folder at hand (``.uploads``), for the tests that
    upload pictures (tests/upload_support.py)."""
    folder = tmp_path_factory.mktemp("uploads")
    live = LiveServer(folder / "flipover.db", env={"FLIPOVER_UPLOADS_DIR": str(folder / "uploads")}).start()
    live.uploads = folder / "uploads"  # type: ignore[attr-defined]
    yield live
    live.stop()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium):
    """The shared Chromium; every context a test opens is closed after it."""
    yield chromium
    for context in chromium.contexts:
        context.close()


def create(server: LiveServer, **body) -> dict:
    """A session through the HTTP API; a bare agenda's trots is the app's open variant
    (conftest.OPEN_TROTS), as in the in-process tests."""
    if "template" not in body:
        body["agenda"] = open_trots(body.get("agenda", ["trots"]))
    req = urllib.request.Request(
        server.url + "/api/sessions",
        data=json.dumps({"title": "Kick-off De Linde", **body}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
BOARD = {"viewport": {"width": 1920, "height": 1080}}


def open_online(browser, url: str, **context):
    """A page in its own browser context, once its Socket.IO connection has joined."""
    page = browser.new_context(**context).new_page()
    page.goto(url)
    page.wait_for_selector("#conn[data-state=online]")
    return page


def join_phone(browser, session: dict, name: str | None = None):
    """A phone-sized context that opened the join link and pressed Meedoen."""
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(session["join_url"])
    if name:
        phone.fill("#name", name)
    phone.click("#join-form button[type=submit]")
    return phone


def stick_onto(fac, text: str, target: str) -> None:
    """On the facilitator page, "Plakken bij…" the note showing `text` onto the choice `target`
    (its label in the picker, e.g. "Bij: <text>" or "Groep: <name>")."""
    card = fac.locator("#notes li.note").filter(has=fac.locator(".note__text", has_text=text))
    card.get_by_role("button", name="Plakken bij…").click()
    dialog = fac.get_by_role("dialog")
    dialog.get_by_role("button", name=target, exact=True).click()
    dialog.wait_for(state="hidden")


# Long words carry soft hyphens (U+00AD, static/js/hyphenate.js). A reader sees none of
# them unless the word breaks there, and Playwright's own text matching (has_text=,
# to_have_text, text=) already drops them. Text a test reads back to compare is taken
# the same way: as it reads, not as it is stored. Form values (input_value) are not
# touched, so a soft hyphen that leaks into what a user edits or sends still shows up;
# the hyphenation tests read the raw DOM with evaluate().
SHY = "\u00ad"


def _as_read(method):
    @functools.wraps(method)
    def read(self, *args, **kwargs):
        value = method(self, *args, **kwargs)
        if isinstance(value, str):
            return value.replace(SHY, "")
        if isinstance(value, list):
            return [v.replace(SHY, "") if isinstance(v, str) else v for v in value]
        return value

    return read


def _read_text_as_shown() -> None:
    from playwright.sync_api import ElementHandle, Frame, Locator, Page

    for cls, names in (
        (Locator, ("inner_text", "text_content", "all_inner_texts", "all_text_contents")),
        (Page, ("inner_text", "text_content")),
        (Frame, ("inner_text", "text_content")),
        (ElementHandle, ("inner_text", "text_content")),
    ):
        for name in names:
            setattr(cls, name, _as_read(getattr(cls, name)))


_read_text_as_shown()


__all__ = [
    "ARGS",
    "BOARD",
    "CHROMIUM",
    "PHONE",
    "browser",
    "chromium",
    "create",
    "join_phone",
    "needs_chromium",
    "open_online",
    "server",
    "stick_onto",
    "upload_server",
]
