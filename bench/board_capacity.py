#!/usr/bin/env python3
"""How much one projected page holds, per work format and screen size.

Starts the real server and headless Chromium, lets 20 phones (tests/room.py) fill
every work format past what one page holds, and prints per format and board size
(1920×1080, 1280×720, 1024×768): the note text size the fitter chose, the lines a
note is clamped to, the pages, and how many notes (items) are on the first page —
with the board overfull and the text at the floor, that is the page's capacity.
"fit ms" is one fit from the largest size down (the worst case: a growing board
starts where it was).

Run: ``.venv/bin/python bench/board_capacity.py`` (needs Debian's chromium);
``--only trots,actieplan`` for some formats.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import ARGS, CHROMIUM, create  # noqa: E402
from live_server import LiveServer  # noqa: E402
from room import (  # noqa: E402
    CHALLENGES,
    CHANCES,
    GOALS,
    KEYWORDS_BY_GOAL,
    TROTS,
    Room,
    actions,
    goal_notes,
)

SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
DECK = [card["id"] for card in json.loads((ROOT / "static/cards/deck.json").read_text())]
# The room's keywords, one list (24: six per goal).
KEYWORDS = [word for words in KEYWORDS_BY_GOAL for word in words]
ACTIONS_PA = [
    "Terugbelspreekuur om 11 uur",
    "Assistente belt zelf terug",
    "Vaste taakverdeling per dag",
    "Folder in de wachtkamer",
    "Overleg elke dinsdag",
    "Afspraken vastleggen in het HIS",
    "Ketenzorgprogrammacoördinatieoverleg elke maand met de apotheek en de wijkverpleging",
]

FIT = """() => {
  const work = document.getElementById("work");
  const shown = (sel) => [...work.querySelectorAll(sel)].filter((e) => e.getClientRects().length).length;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return {
    size: parseFloat(getComputedStyle(work).getPropertyValue("--note-fs")) * rem,
    clamp: work.dataset.clamp, pages: Number(document.body.dataset.pages || 1),
    onPage: shown("[data-note-id]") || shown(".ev-answer, .toelichting-goals__goal, .ev-progress__row"),
    overflow: work.dataset.overflow,
  };
}"""
FIT_MS = (
    "async () => { const {BoardFit} = await import('/static/js/fit.js');"
    " const f = new BoardFit(document.getElementById('work'));"
    " const t0 = performance.now(); for (let i = 0; i < 5; i++) { f.step = 0; f.fit(); }"
    " return (performance.now() - t0) / 5; }"
)


def per_phone(count: int, make: Callable[[int], dict[str, Any]], phones: int = 20) -> list[list[dict[str, Any]]]:
    """`count` notes spread round-robin over the phones; make(k) is the k-th note."""
    out: list[list[dict[str, Any]]] = [[] for _ in range(phones)]
    for k in range(count):
        out[k % phones].append(make(k))
    return out


def fill(room: Room, slug: str) -> tuple[int, str | None, str]:
    """Fill one work format past a page; returns (activity id, phase, what was posted)."""
    aid = room.goto(slug)
    if slug == "trots":
        room.post_all(aid, per_phone(120, lambda k: {"text": TROTS[k % len(TROTS)]}))
        return aid, None, "120 notes"
    if slug == "uitdagingen-en-kansen":
        room.fac("activity:phase", {"activity_id": aid, "phase": "plakken"})
        pools = [(CHALLENGES, "uitdaging"), (CHANCES, "kans")]
        room.post_all(
            aid,
            per_phone(120, lambda k: {"text": pools[k % 2][0][k // 2 % 20], "category": pools[k % 2][1]}),
        )
        return aid, "plakken", "120 notes, no groups"
    if slug == "kennismaken":
        roles = ["Doktersassistente", "Huisarts", "Praktijkondersteuner", "Praktijkmanager"]
        text = "Ik koos deze kaart omdat samenwerking voor mij belangrijk is in de praktijk."
        room.post_all(
            aid, per_phone(60, lambda k: {"text": text, "data": {"card": DECK[k % len(DECK)], "role": roles[k % 4]}})
        )
        return aid, None, "60 cards"
    if slug == "doelstellingen":
        room.post_all(aid, goal_notes(20, 6))
        return aid, None, "120 proposals"
    if slug == "kernwoorden":
        goal = room.goals[0]
        room.post_all(
            aid, per_phone(80, lambda k: {"text": f"{KEYWORDS[k % 24]} {k // 24 + 1}", "data": {"goal_id": goal}})
        )
        return aid, None, "80 proposals, one goal"
    if slug == "processen-en-acties":
        kern = room.activity_id("kernwoorden")
        for g, goal in enumerate(room.goals):
            for k in range(3):
                note = room.fac(
                    "note:add",
                    {
                        "activity_id": kern,
                        "client_id": f"kw-{g}-{k}",
                        "text": KEYWORDS[g * 6 + k],
                        "data": {"goal_id": goal},
                    },
                )["note"]
                room.fac("kernwoorden:houden", {"activity_id": kern, "note_id": note["id"], "kept": True})
        room.fac("activity:phase", {"activity_id": aid, "phase": "plakken"})
        state = room.facilitator.call("join", room.fac_join)["state"]
        keywords = next(a for a in state["activities"] if a["id"] == aid)["extra"]["keywords"]

        def note(k: int) -> dict[str, Any]:
            goal = room.goals[k % 4]
            kws = keywords.get(str(goal)) or []
            return {"text": ACTIONS_PA[k % 7], "data": {"goal_id": goal, "keyword_id": kws[k // 4 % len(kws)]["id"]}}

        room.post_all(aid, per_phone(160, note))
        return aid, "plakken", "160 notes, 4 goals × 3 keywords"
    if slug == "actieplan":
        for a in actions(100):
            room.fac("actieplan:add", {"activity_id": aid, **a})
        return aid, None, "100 actions"
    if slug == "evaluatie":
        room.answer_all(aid)
        room.fac("activity:phase", {"activity_id": aid, "phase": "resultaten"})
        return aid, "resultaten", "20 respondents, 12 questions"
    raise ValueError(slug)


FORMATS = [
    "trots", "uitdagingen-en-kansen", "kennismaken", "doelstellingen", "kernwoorden", "processen-en-acties",
    "actieplan", "evaluatie",
]  # fmt: skip


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="comma-separated work formats")
    only = [s for s in parser.parse_args().only.split(",") if s] or FORMATS
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = LiveServer(Path(tmp) / "bench.db").start()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            session = create(server, agenda=only if "processen-en-acties" not in only else ["kernwoorden", *only])
            room = Room(server.url, session)
            room.fac_join = {
                "code": session["code"],
                "role": "facilitator",
                "facilitator_token": session["facilitator_token"],
            }
            room.goals = [room.fac("goal:add", {"title": title})["goal"]["id"] for title in GOALS]
            for slug in only:
                activity_id, phase, posted = fill(room, slug)
                for width, height in SIZES:
                    board = browser.new_page(viewport={"width": width, "height": height})
                    board.goto(session["board_url"])
                    board.wait_for_selector("#conn[data-state=online]")
                    board.wait_for_selector(f"body[data-rendered^='{activity_id}:{phase or ''}']")
                    board.wait_for_selector("body[data-settled=true]", state="attached")  # the last refit
                    m = board.evaluate(FIT)
                    ms = board.evaluate(FIT_MS)
                    rows.append((slug, f"{width}×{height}", posted, m, ms))
                    board.close()
            room.close()
        finally:
            browser.close()
            server.stop()
    print(
        f"{'work format':22} {'board':10} {'posted':32} {'text px':>7} {'clamp':>5} "
        f"{'pages':>5} {'page 1':>6} {'fit ms':>7}"
    )
    for slug, size, posted, m, ms in rows:
        print(
            f"{slug:22} {size:10} {posted:32} {m['size']:7.1f} {m['clamp']:>5} {m['pages']:5} {m['onPage']:6} {ms:7.1f}"
        )


if __name__ == "__main__":
    main()
