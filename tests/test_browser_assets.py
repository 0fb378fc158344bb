"""Static assets in a real browser (Debian's Chromium, Playwright, run.py): with the
import map, every module of every page and work format loads under its fingerprinted
URL with no console error (the CSP allows the map by its hash) and no failed request;
a changed module gets a new URL; a warm cache sends nothing but the page."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import urllib.request
from pathlib import Path

import socketio
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, PHONE, create, needs_chromium
from live_server import LiveServer
from playwright.sync_api import expect

pytestmark = needs_chromium

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(r"^/(?:static|wf|hyphenation)/")
VERSIONED = re.compile(r"\?v=[0-9a-f]{12}$")


class Watch:
    """What a page asked the server for, and everything that went wrong on it."""

    def __init__(self, page, base: str, name: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.assets: dict[str, str] = {}  # path → Cache-Control of the answer
        page.on("pageerror", lambda exc: self.problems.append(f"{name}: {exc}"))
        page.on(
            "console",
            lambda msg: self.problems.append(f"{name} console {msg.type}: {msg.text}") if msg.type == "error" else None,
        )
        page.on("requestfailed", lambda req: self.problems.append(f"{name} failed: {req.url} {req.failure}"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        path = response.url.removeprefix(self.base)
        if response.status >= 400:
            self.problems.append(f"{response.status} {path}")
        if ASSET.match(path):
            self.assets[path] = response.headers.get("cache-control", "")


def facilitator_tool(server, session: dict) -> tuple[socketio.Client, list[int]]:
    tool = socketio.Client(reconnection=False)
    tool.connect(server.url, transports=["websocket"])
    payload = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    joined = tool.call("join", payload)
    assert joined["ok"], joined
    return tool, [a["id"] for a in joined["state"]["activities"]]


def test_every_page_and_work_format_loads_its_assets_fingerprinted_without_errors(server, browser):
    with urllib.request.urlopen(server.url + "/api/workforms", timeout=10) as res:
        slugs = [f["slug"] for f in json.load(res)]
    session = create(server, agenda=slugs)
    watches = []
    for name, url, options in (
        ("facilitator", session["facilitator_url"], {"viewport": {"width": 1440, "height": 900}}),
        ("board", session["board_url"], BOARD),
    ):
        page = browser.new_context(**options).new_page()
        watches.append(Watch(page, server.url, name))
        page.goto(url)
        page.wait_for_selector("#conn[data-state=online]")
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    watches.append(Watch(phone, server.url, "phone"))
    phone.goto(session["join_url"])
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#conn[data-state=online]")

    tool, activities = facilitator_tool(server, session)
    try:
        for activity_id in activities:
            assert tool.call("activity:goto", {"activity_id": activity_id})["ok"]
            for watch in watches:
                # Each page shows the item (its work format's modules and styles loaded).
                expect(watch.page.locator("#conn")).to_have_attribute("data-state", "online")
                watch.page.wait_for_load_state("networkidle")
            watches[1].page.wait_for_timeout(300)
    finally:
        tool.disconnect()
    # A long word on the phone fetches its hyphenation patterns, fingerprinted too.
    long_word = "() => { const p = document.createElement('p'); p.textContent = 'Ketenzorgprogrammacoördinatie'; }"
    phone.evaluate(long_word.replace("; }", "; document.body.append(p); }"))
    expect(phone.locator("p", has_text="Ketenzorgprogrammacoördinatie")).to_have_text(re.compile("\u00ad"))

    problems = [p for w in watches for p in w.problems]
    assert problems == []
    for watch in watches:
        assert watch.assets, "no assets seen"
        for path, cache_control in watch.assets.items():
            assert VERSIONED.search(path), f"not fingerprinted: {path}"
            assert cache_control == "public, max-age=31536000, immutable", path
    fetched = set(watches[0].assets) | set(watches[1].assets) | set(watches[2].assets)
    for slug in ("kennismaken", "actieplan", "impact_inspanning"):
        module = f"/wf/{slug.replace('_', '-')}/static/"
        assert any(p.startswith(module) for p in fetched), module
    assert any(p.startswith("/wf/actieplan/static/style.css?v=") for p in fetched)  # via import.meta.resolve
    assert any(p.startswith("/static/cards/") for p in watches[2].assets)  # kennismaken's deck on the phone
    assert any(p.startswith("/hyphenation/nl.json?v=") for p in watches[2].assets)


class NetworkLog:
    """Paths the browser really fetched from the server (not from its cache), via CDP."""

    def __init__(self, context, page, base: str) -> None:
        self.base = base
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.fetched: list[str] = []
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._received)

    def _received(self, event: dict) -> None:
        if event["response"].get("fromDiskCache") or event["requestId"] in self.cached:
            return
        url = self.urls.get(event["requestId"], event["response"]["url"])
        if url.startswith(self.base):
            self.fetched.append(url.removeprefix(self.base))

    def take(self) -> list[str]:
        done, self.fetched = self.fetched, []
        return done


def test_a_changed_module_gets_a_new_url_and_a_warm_cache_fetches_only_that(browser, tmp_path):
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static", static)
    live = LiveServer(tmp_path / "flipover.db", env={"FLIPOVER_STATIC_DIR": str(static)}).start()
    try:
        session = create(live, agenda=["trots"])
        context = browser.new_context(**PHONE)
        phone = context.new_page()
        log = NetworkLog(context, phone, live.url)
        errors: list[str] = []
        phone.on("pageerror", lambda exc: errors.append(str(exc)))
        phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

        phone.goto(session["join_url"])
        phone.click("#join-form button[type=submit]")
        phone.wait_for_selector("#composer:not([hidden])")
        phone.wait_for_load_state("networkidle")
        first = log.take()
        old = [p for p in first if p.startswith("/static/js/i18n.js")]
        assert len(old) == 1 and VERSIONED.search(old[0]), first  # imported through the map, once

        # Opened again, nothing changed: only the page itself (and Socket.IO) goes out.
        phone.goto(session["join_url"])
        phone.wait_for_selector("#conn[data-state=online]")
        phone.wait_for_load_state("networkidle")
        again = [p for p in log.take() if ASSET.match(p)]
        assert again == []

        # i18n.js changes (an upgrade): the next page names it anew, the browser fetches
        # that one file, and every module still works with it.
        i18n = static / "js" / "i18n.js"
        i18n.write_text(i18n.read_text() + "\n// changed\n")
        phone.goto(session["join_url"])
        phone.wait_for_selector("#conn[data-state=online]")
        expect(phone.locator("#composer")).to_be_visible()
        phone.wait_for_load_state("networkidle")
        changed = [p for p in log.take() if ASSET.match(p)]
        assert len(changed) == 1 and changed[0].startswith("/static/js/i18n.js?v="), changed
        assert changed[0] != old[0]
        phone.fill("#note-text", "Na de update")
        phone.click("#post-button")
        phone.locator("#mine .note", has_text="Na de update").wait_for()
        assert errors == []
    finally:
        live.stop()


def test_an_old_page_asking_for_old_fingerprints_still_works(browser, server):
    """A phone that kept last week's page (bfcache, a tab) asks for URLs whose hashes are
    gone: it gets today's files, not 404s."""
    session = create(server, agenda=["trots"])
    context = browser.new_context(**PHONE)

    # Every fingerprint the page and its import map name, made stale (the CSP names the
    # changed map's hash, as the server would have).
    def stale(route) -> None:
        res = route.fetch()
        body = re.sub(r"\?v=[0-9a-f]{12}", "?v=000000000000", res.text())
        found = re.search(r'<script type="importmap">(.*?)</script>', body, re.S)
        assert found
        digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
        headers = {k: v for k, v in res.headers.items() if k not in ("content-encoding", "content-length")}
        csp = headers["content-security-policy"]
        headers["content-security-policy"] = re.sub(r"'sha256-[^']+'", f"'sha256-{digest}'", csp)
        route.fulfill(status=res.status, headers=headers, body=body)

    context.route(re.compile(r".*/j/[A-Z0-9]+$"), stale)
    phone = context.new_page()
    stale_assets: list[str] = []
    phone.on("request", lambda r: stale_assets.append(r.url) if "v=000000000000" in r.url else None)
    errors: list[str] = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    failed: list[str] = []
    phone.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    phone.goto(session["join_url"])
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#composer:not([hidden])")
    assert errors == [] and failed == []
    assert any("/static/js/i18n.js?v=000000000000" in url for url in stale_assets)
