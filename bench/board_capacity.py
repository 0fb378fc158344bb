#!/usr/bin/env python3
"""How many notes the projected board shows on one page, per size of room.

Starts the real server and headless Chromium, lets 20 phones (tests/room.py) post
into `trots` and `uitdagingen-en-kansen`, and prints, per board size and number of
notes: the note text size the fitter chose, whether notes were clamped, the number
of pages and how many notes are on the first page, and the time one fit takes
from the largest size down (the worst case; a growing board starts where it was).

Run: ``.venv/bin/python bench/board_capacity.py`` (needs Debian's chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import ARGS, CHROMIUM, create  # noqa: E402
from live_server import LiveServer  # noqa: E402
from room import Room, challenge_notes, trots_notes  # noqa: E402

FIT = """() => {
  const work = document.getElementById("work");
  const visible = [...work.querySelectorAll("[data-note-id]")].filter((e) => e.getClientRects().length);
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return {
    size: parseFloat(getComputedStyle(work).getPropertyValue("--note-fs")) * rem,
    clamp: work.dataset.clamp, pages: Number(document.body.dataset.pages || 1), onPage: visible.length,
  };
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = LiveServer(Path(tmp) / "bench.db").start()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for per_phone in (1, 2, 3, 4, 5):
                session = create(server, agenda=["trots", "uitdagingen-en-kansen"])
                room = Room(server.url, session)
                trots = room.activity_id("trots")
                room.post_all(trots, trots_notes(20, per_phone))
                uk = room.activity_id("uitdagingen-en-kansen")
                room.fac("activity:phase", {"activity_id": uk, "phase": "plakken"})
                room.post_all(uk, challenge_notes(20, per_phone))
                for width, height in ((1920, 1080), (1280, 720), (1024, 768)):
                    board = browser.new_page(viewport={"width": width, "height": height})
                    board.goto(session["board_url"])
                    board.wait_for_selector("#conn[data-state=online]")
                    for slug, activity_id in (("trots", trots), ("uitdagingen-en-kansen", uk)):
                        room.goto(slug)
                        board.wait_for_selector(f"body[data-rendered^='{activity_id}:']")
                        board.wait_for_timeout(400)
                        m = board.evaluate(FIT)
                        ms = board.evaluate(
                            "async () => { const {BoardFit} = await import('/static/js/fit.js');"
                            " const f = new BoardFit(document.getElementById('work'));"
                            " const t0 = performance.now(); for (let i = 0; i < 5; i++) { f.step = 0; f.fit(); }"
                            " return (performance.now() - t0) / 5; }"
                        )
                        rows.append((slug, f"{width}×{height}", 20 * per_phone, m, ms))
                    board.close()
                room.close()
        finally:
            browser.close()
            server.stop()
    print(
        f"{'work format':24} {'board':10} {'notes':>5} {'text px':>8} {'clamp':>5} {'pages':>5} "
        f"{'page 1':>6} {'fit ms':>7}"
    )
    for slug, size, notes, m, ms in rows:
        print(
            f"{slug:24} {size:10} {notes:5} {m['size']:8.1f} {m['clamp']:>5} {m['pages']:5} {m['onPage']:6} {ms:7.1f}"
        )


if __name__ == "__main__":
    main()
