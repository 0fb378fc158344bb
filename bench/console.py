#!/usr/bin/env python3
"""Facilitator console under a busy room: does the page keep up?

Starts the real server (``run.py``, eventlet) on 127.0.0.1 with a throw-away
database and creates a session with ``uitdagingen-en-kansen`` in its
"plakken" phase. Ten participants (sync ``socketio.Client``, websocket) post
150 notes with realistic Dutch texts; the facilitator page is then (re)loaded
in Debian's headless Chromium, and 30 more notes arrive at 2 per second from
the same participants. Measured on the facilitator page:

* the longest main-thread task while the 30 notes arrive (Chromium's
  ``longtask`` entries: only tasks over 50 ms are reported);
* the main-thread time of each Socket.IO message: the page's handler plus the
  style and layout it causes (forced right after it), median and longest, so a
  figure under 50 ms is seen too and other processes' load shows less;
* the same for the first load of the page with 150 notes;
* the number of DOM elements once all 180 notes are shown;
* the page's height with 180 notes, and where the note list starts (both in CSS
  px at 1440×900): can the facilitator find a note without scrolling a long way?

Figures, not a test: they depend on the machine. Run:
``.venv/bin/python bench/console.py`` (about 30 s). All traffic goes to
127.0.0.1, every loop is bounded and the server is always stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import ARGS, CHROMIUM  # noqa: E402
from live_server import LiveServer  # noqa: E402

PARTICIPANTS = 10

# Parts of challenges and opportunities as a general practice names them.
SUBJECTS = [
    "De telefoon",
    "Het spreekuur",
    "De herhaalrecepten",
    "Het patiëntenportaal",
    "De triage aan de balie",
    "Het overleg met de apotheek",
    "De huisbezoeken",
    "De POH-GGZ",
    "De diabeteszorg",
    "Het e-consult",
    "De wachtkamer",
    "De avonddienst",
    "Het HIS",
    "De uitslagenlijn",
    "De samenwerking met de wijkverpleging",
]
PROBLEMS = [
    "is 's ochtends tussen acht en tien bijna niet bereikbaar",
    "loopt elke dag uit, waardoor de visites later beginnen",
    "kost de assistentes te veel tijd aan de telefoon",
    "wordt door oudere patiënten nog weinig gebruikt",
    "geeft dubbel werk omdat we alles twee keer invoeren",
    "zou veel rustiger worden met vaste terugbelmomenten",
    "kan beter als we taken tussen HA en DA opnieuw verdelen",
    "biedt kansen voor een gezamenlijk spreekuur met de POH",
]


def texts(count: int, offset: int = 0) -> list[str]:
    out = []
    for n in range(offset, offset + count):
        subject = SUBJECTS[n % len(SUBJECTS)]
        problem = PROBLEMS[(n // len(SUBJECTS)) % len(PROBLEMS)]
        out.append(f"{subject} {problem} ({n + 1})")
    return out


def create(url: str) -> dict:
    req = urllib.request.Request(
        url + "/api/sessions",
        data=json.dumps({"title": "Kick-off De Linde", "agenda": ["uitdagingen-en-kansen"]}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


# Installed before any script of the page runs. Records Chromium's long tasks (over 50 ms)
# and, for every Socket.IO message, the main-thread time it costs: the page's handler
# (decode, state, redraw) plus the style and layout it leaves behind (forced right after,
# so it is counted with the message that caused it instead of in a later frame).
PROBE = """
window.__bench = { long: [], msgs: [], on: true, since: 0 };
// By start time: the page's own load has a long task (58-60 ms, before the room), and
// Chromium may deliver it after the benchmark reset the counts.
new PerformanceObserver((list) => {
  const b = window.__bench;
  for (const e of list.getEntries()) if (b.on && e.startTime >= b.since) b.long.push(e.duration);
}).observe({ type: "longtask", buffered: false });
const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, "onmessage");
Object.defineProperty(WebSocket.prototype, "onmessage", {
  configurable: true,
  get() { return desc.get.call(this); },
  set(fn) {
    desc.set.call(this, fn && function (ev) {
      const t0 = performance.now();
      const out = fn.call(this, ev);
      // Socket.IO hands the decoded packet on in a microtask: end after those.
      queueMicrotask(() => queueMicrotask(() => {
        if (document.body) void document.body.offsetHeight;
        if (window.__bench.on) window.__bench.msgs.push(performance.now() - t0);
      }));
      return out;
    });
  },
});
"""
# Counts from now: the long tasks that start from here on, and the messages.
RESET = "() => { Object.assign(window.__bench, { long: [], msgs: [], on: true, since: performance.now() }); }"


def post(client: socketio.Client, activity: int, text: str, n: int) -> None:
    ack = client.call(
        "note:add",
        {
            "activity_id": activity,
            "client_id": f"bench-{n}",
            "text": text,
            "category": "kans" if n % 3 == 0 else "uitdaging",
        },
        timeout=20,
    )
    if not ack.get("ok"):
        raise RuntimeError(f"note refused: {ack}")


def figures(got: dict) -> dict[str, float]:
    msgs = sorted(got["msgs"]) or [0.0]
    return {
        "longest_longtask_ms": max(got["long"], default=0.0),
        "longtasks": len(got["long"]),
        "messages": len(got["msgs"]),
        "message_p50_ms": msgs[len(msgs) // 2],
        "message_max_ms": msgs[-1],
    }


def measure(page: Any, action: Any) -> dict[str, float]:
    page.evaluate(RESET)
    action()
    page.wait_for_timeout(300)  # let the last render finish
    return figures(page.evaluate("() => { window.__bench.on = false; return window.__bench; }"))


def run(initial: int, arriving: int, rate: float) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp) / "bench.db").start()
        clients: list[socketio.Client] = []
        try:
            session = create(server.url)
            for i in range(PARTICIPANTS):
                client = socketio.Client(reconnection=False)
                client.connect(server.url, transports=["websocket"])
                ack = client.call(
                    "join", {"code": session["code"], "role": "participant", "name": f"Deelnemer {i + 1}"}
                )
                clients.append(client)
            activity = ack["state"]["current_activity_id"]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
                page.add_init_script(PROBE)
                page.goto(session["facilitator_url"])
                page.wait_for_selector("#conn[data-state=online]")
                page.locator("#phases button").nth(1).click()
                page.locator("#phases button[aria-pressed=true]", has_text="Plakken").wait_for()
                for n, text in enumerate(texts(initial)):
                    post(clients[n % PARTICIPANTS], activity, text, n)
                # A fresh load with the notes already there, as after a reload mid-meeting.
                start = time.perf_counter()
                page.reload()
                page.wait_for_selector("#conn[data-state=online]")
                page.locator("#notes li.note").nth(initial - 1).wait_for(timeout=60_000)
                load_s = time.perf_counter() - start
                first = figures(page.evaluate("() => { window.__bench.on = false; return window.__bench; }"))
                first["load_s"] = load_s

                def arrive() -> None:
                    period = 1 / rate
                    t0 = time.perf_counter()
                    for k, text in enumerate(texts(arriving, initial)):
                        time.sleep(max(0.0, t0 + k * period - time.perf_counter()))
                        post(clients[k % PARTICIPANTS], activity, text, initial + k)
                    total = initial + arriving
                    page.locator("#notes li.note").nth(total - 1).wait_for(timeout=180_000)

                busy = measure(page, arrive)
                elements = page.evaluate("document.getElementsByTagName('*').length")
                height = page.evaluate("document.documentElement.scrollHeight")
                notes_top = page.evaluate("document.getElementById('notes').getBoundingClientRect().top + scrollY")
                options = page.evaluate("document.getElementsByTagName('option').length")
                browser.close()
        finally:
            for client in clients:
                client.disconnect()
            server.stop()
    return {
        "first_load": first,
        "arriving": busy,
        "dom_elements": elements,
        "option_elements": options,
        "page_height_px": height,
        "notes_top_px": notes_top,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--initial", type=int, default=150, help="notes on the page before the measurement")
    parser.add_argument("--arriving", type=int, default=30, help="notes that arrive while measuring")
    parser.add_argument("--rate", type=float, default=2.0, help="arriving notes per second")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.initial + args.arriving > PARTICIPANTS * 20:
        parser.error(f"at most {PARTICIPANTS * 20} notes (20 per participant)")
    load = os.getloadavg()[0]
    result = run(args.initial, args.arriving, args.rate)
    result["load"] = [load, os.getloadavg()[0]]
    print(f"machine: {platform.machine()}, {platform.python_version()}")
    f = result["first_load"]
    print(
        f"first load with {args.initial} notes: {f['load_s']:.2f} s, "
        f"longest long task {f['longest_longtask_ms']:.0f} ms, longest message {f['message_max_ms']:.0f} ms"
    )
    a = result["arriving"]
    print(
        f"{args.arriving} notes arriving at {args.rate:g}/s: longest long task {a['longest_longtask_ms']:.0f} ms "
        f"({a['longtasks']} over 50 ms); per Socket.IO message (handler + style/layout): "
        f"median {a['message_p50_ms']:.1f} ms, longest {a['message_max_ms']:.1f} ms over {a['messages']} messages"
    )
    print(
        f"load average (1 min) before/after: {result['load'][0]:.2f} / {result['load'][1]:.2f} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"DOM elements with {args.initial + args.arriving} notes: {result['dom_elements']} "
        f"({result['option_elements']} <option>)"
    )
    print(
        f"page height with {args.initial + args.arriving} notes at 1440×900: {result['page_height_px']} px, "
        f"note list starts at {result['notes_top_px']:.0f} px"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
