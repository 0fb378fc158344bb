#!/usr/bin/env python3
"""In-room ergonomics, measured: 20 phones join, how long does it take?

Starts the real server (``run.py``, eventlet) on 127.0.0.1 with a throw-away
database, creates a kick-off session, opens the board at 1920×1080 and then 20
phone-sized browser contexts (360×640, touch) in one headless Chromium. All 20
open the join link at the same moment (threads are not needed: Playwright's
async API drives the pages concurrently) and tap "Meedoen". Measured per phone:
from ``goto(join_url)`` to the composer showing (joined and ready to write).
Then one phone posts a note the way a person does, and the taps are counted.

Figures, not a test: the time depends on the machine (tests/test_ergonomics.py
asserts the parts that do not). Run: ``.venv/bin/python bench/ergonomics.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import ARGS, BOARD, CHROMIUM, PHONE  # noqa: E402
from conftest import OPEN_TROTS as OPEN  # noqa: E402
from live_server import LiveServer  # noqa: E402


def create(url: str) -> dict:
    req = urllib.request.Request(
        url + "/api/sessions",
        data=json.dumps({"title": "Kick-off De Linde", "agenda": [{"workform": "trots", **OPEN}]}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


async def join(browser, join_url: str) -> float:
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(join_url)
    await page.tap("#join-form button[type=submit]")
    await page.wait_for_selector("#composer:not([hidden])", timeout=120_000)
    return time.perf_counter() - start


async def run(phones: int) -> dict:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp) / "bench.db").start()
        try:
            session = create(server.url)
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                board = await (await browser.new_context(**BOARD)).new_page()
                await board.goto(session["board_url"])
                await board.wait_for_selector("#conn[data-state=online]")
                wall = time.perf_counter()
                times = await asyncio.gather(*(join(browser, session["join_url"]) for _ in range(phones)))
                wall = time.perf_counter() - wall
                counted = f"{phones} deelnemer{'s' if phones != 1 else ''}"
                await board.locator("#presence", has_text=counted).wait_for(timeout=60_000)

                # Taps from the prompt to a note on the board, counted as a person makes them.
                context = await browser.new_context(**PHONE)
                phone = await context.new_page()
                await phone.goto(session["join_url"])
                await phone.tap("#join-form button[type=submit]")
                await phone.wait_for_selector("#composer:not([hidden])")
                taps = 0
                await phone.tap("#note-text")
                taps += 1
                await phone.keyboard.type("Wij zijn trots op ons team")
                await phone.tap("#post-button")
                taps += 1
                await board.locator(".note", has_text="Wij zijn trots op ons team").wait_for()
                await browser.close()
        finally:
            server.stop()
    ordered = sorted(times)
    return {
        "phones": phones,
        "join_p50_s": round(statistics.median(ordered), 2),
        "join_max_s": round(ordered[-1], 2),
        "all_joined_wall_s": round(wall, 2),
        "taps_prompt_to_note": taps,
        "taps_join": 1,
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=20)
    args = parser.parse_args()
    result = asyncio.run(run(max(1, min(args.phones, 60))))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
