#!/usr/bin/env python3
"""Page weight: what a phone, the board and the facilitator download, as Chromium counts it.

Starts the real server (run.py, eventlet) on 127.0.0.1, creates a kick-off session and
opens each page in Debian's headless Chromium (Playwright), in its own context (its own
HTTP cache), counting every HTTP response with the DevTools protocol:

- requests that went to the server (304s included; answers from the browser cache not);
- bytes on the wire: Chromium's ``encodedDataLength`` (headers and body as received, so
  compressed where the server compressed);
- bytes uncompressed: the decoded bodies.

Per page, four moments:

1. **first load**, empty cache (the phone also taps "Meedoen"); the phone's first item
   is the kick-off's "Toelichting";
2. **next item**: the facilitator goes to the next agenda item (its work format's modules
   load for the first time);
3. **whole kick-off**: stepping on through every remaining item (the phone's total for a
   meeting is 1 + 2 + 3);
4. **repeat load**: the same page opened again with the cache warm (the next meeting, a
   reload, a phone that slept), then "next item" again, also warm.

Socket.IO's own traffic (the polling handshake before the WebSocket upgrade) is counted
apart: it is not an asset. WebSocket frames are not counted.

    .venv/bin/python bench/page_weight.py               # this checkout
    .venv/bin/python bench/page_weight.py --root DIR    # another checkout (a "before")

Target (issue 8/17): the phone's first load at most 100 KB on the wire.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import live_server  # noqa: E402
import socketio  # noqa: E402
from browser_support import ARGS, BOARD, CHROMIUM, PHONE  # noqa: E402


@dataclass
class Tally:
    requests: int = 0
    wire: int = 0
    plain: int = 0
    socket_requests: int = 0
    socket_wire: int = 0
    urls: list[tuple[str, int, int, int]] = field(default_factory=list)  # (url, status, wire, plain)

    def row(self) -> str:
        return (
            f"{self.requests:3d} req  {self.wire / 1024:6.1f} KiB wire  {self.plain / 1024:6.1f} KiB plain"
            f"   (+ socket.io polling: {self.socket_requests} req, {self.socket_wire / 1024:.1f} KiB)"
        )


class Meter:
    """Counts one page's HTTP traffic through the DevTools protocol."""

    def __init__(self, context, page, base: str) -> None:
        self.base = base
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.urls: dict[str, str] = {}
        self.status: dict[str, int] = {}
        self.cached: set[str] = set()
        self.plain: dict[str, int] = {}
        self.tally = Tally()
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event: dict) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _received(self, event: dict) -> None:
        response = event["response"]
        self.status[event["requestId"]] = response["status"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            self.cached.add(event["requestId"])

    def _data(self, event: dict) -> None:
        self.plain[event["requestId"]] = self.plain.get(event["requestId"], 0) + event["dataLength"]

    def _finished(self, event: dict) -> None:
        rid = event["requestId"]
        url = self.urls.get(rid, "")
        if rid in self.cached or not url.startswith(self.base):
            return
        wire = int(event["encodedDataLength"])
        path = url.removeprefix(self.base)
        if path.startswith("/socket.io/"):
            self.tally.socket_requests += 1
            self.tally.socket_wire += wire
            return
        status = self.status.get(rid, 0)
        plain = 0 if status == 304 else self.plain.get(rid, 0)  # a 304's body came from the cache
        self.tally.requests += 1
        self.tally.wire += wire
        self.tally.plain += plain
        self.tally.urls.append((path, status, wire, plain))

    def take(self) -> Tally:
        done, self.tally = self.tally, Tally()
        return done


def settle(page) -> None:
    """Until the page is online and its network quiet (lazy modules, fonts, patterns)."""
    page.wait_for_selector("#conn[data-state=online]")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(700)
    page.wait_for_load_state("networkidle")


def api(base: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to run (default: this one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--urls", action="store_true", help="list every request of the phone")
    args = parser.parse_args()
    live_server.ROOT = args.root.resolve()  # LiveServer starts run.py from here

    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Tally]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        live = live_server.LiveServer(Path(tmp) / "bench.db").start()
        try:
            session = api(live.url, "/api/sessions", {"title": "Kick-off De Linde", "template": "kick-off"})
            fac_tool = socketio.Client(reconnection=False)
            fac_tool.connect(live.url, transports=["websocket"])
            joined = fac_tool.call(
                "join",
                {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
            )
            activities = [a["id"] for a in joined["state"]["activities"]]

            def goto(index: int) -> None:
                assert fac_tool.call("activity:goto", {"activity_id": activities[index]})["ok"]

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                roles = {
                    "phone": (session["join_url"], PHONE),
                    "board": (session["board_url"], BOARD),
                    "facilitator": (session["facilitator_url"], {"viewport": {"width": 1440, "height": 900}}),
                }
                for role, (url, options) in roles.items():
                    goto(0)
                    context = browser.new_context(**options)
                    page = context.new_page()
                    meter = Meter(context, page, live.url)
                    out: dict[str, Tally] = {}
                    page.goto(url)
                    if role == "phone":
                        page.click("#join-form button[type=submit]")
                    settle(page)
                    out["first load"] = meter.take()
                    goto(1)
                    settle(page)
                    out["next item"] = meter.take()
                    for index in range(2, len(activities)):
                        goto(index)
                        settle(page)
                    out["rest of the kick-off"] = meter.take()
                    goto(0)
                    page.goto(url.split("?")[0])  # the facilitator's token now lives in a cookie
                    settle(page)
                    out["repeat load (warm)"] = meter.take()
                    goto(1)
                    settle(page)
                    out["next item (warm)"] = meter.take()
                    results[role] = out
                    context.close()
                browser.close()
            fac_tool.disconnect()
        finally:
            live.stop()

    print(f"page weight, kick-off ({len(activities)} items), {args.root}")
    for role, out in results.items():
        print(role)
        for moment, tally in out.items():
            print(f"  {moment:22s} {tally.row()}")
        whole = sum(t.wire for m, t in out.items() if "warm" not in m)
        print(f"  {'whole kick-off':22s}       {whole / 1024:6.1f} KiB wire (first load + every item, cold cache)")
    if args.urls:
        for moment, tally in results["phone"].items():
            print(f"phone, {moment}:")
            for path, status, wire, plain in sorted(tally.urls, key=lambda u: -u[2]):
                print(f"  {status}  {wire / 1024:6.1f} KiB wire  {plain / 1024:6.1f} KiB plain  {path}")
    first = results["phone"]["first load"].wire
    verdict = "✓" if first <= 100_000 else "✗"
    print(f"phone first load: {first / 1000:.1f} kB on the wire   target: at most 100 kB {verdict}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    role: {m: {k: v for k, v in t.__dict__.items() if k != "urls"} for m, t in out.items()}
                    for role, out in results.items()
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
