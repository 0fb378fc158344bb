"""Every page's Socket.IO connection carries the join code in its query (static/js/connection.js),
so a load balancer in front of several workers can route all sockets of a session to one worker
(docs/deploy.md: nginx ``hash $arg_code consistent``; app/sessionqueue.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import PHONE, create, needs_chromium

pytestmark = needs_chromium


def test_board_phone_and_facilitator_connect_with_the_join_code_in_the_query(server, browser):
    session = create(server, agenda=["trots"])
    pages = {"board": (session["board_url"], {}), "facilitator": (session["facilitator_url"], {})}
    pages["phone"] = (session["join_url"], PHONE)
    for name, (url, size) in pages.items():
        page = browser.new_context(**size).new_page()
        seen: list[str] = []
        page.on("request", lambda r, seen=seen: seen.append(r.url) if "/socket.io/" in r.url else None)
        page.on("websocket", lambda ws, seen=seen: seen.append(ws.url))
        page.goto(url)
        if name == "phone":
            page.fill("#name", "Anna")
            page.click("#join-form button[type=submit]")
        page.wait_for_selector("#conn[data-state=online]")
        assert seen, f"{name}: no Socket.IO request seen"
        for socket_url in seen:
            assert parse_qs(urlsplit(socket_url).query).get("code") == [session["code"]], (name, socket_url)
        page.context.close()
