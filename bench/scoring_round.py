#!/usr/bin/env python3
"""Scoring round (issue 21): what one supplier score in ``triage-analyse`` costs a busy room.

30 phones, one board, one facilitator; the activity in its ``leveranciers`` phase (4
suppliers × 7 criteria); every phone taps five scores, one after another. Measured on the
real ``run.py`` (eventlet), at the Engine.IO layer as ``bench/rating_round.py`` does:

* bytes each *other* phone receives per score, and how many phones receive anything;
* bytes the board and the facilitator receive per score;
* SQL statements per score, in-process (the Flask test app, a sqlite3 trace callback).

Run: ``.venv/bin/python bench/scoring_round.py`` (about 15 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rooms import TapCosts, room, sql_per_tap

ROOT = Path(__file__).resolve().parent.parent
TA = "triage-analyse"
SUPPLIERS = ("l1", "l2", "l3", "l4")
CRITERIA = ("c1", "c2", "c3", "c4", "c5", "c6", "c7")

# After bench/rooms.py's SQL_PRELUDE: one score of each phone in the suppliers phase.
SQL_SCRIPT = r"""
aid = activity_id("triage-analyse")
assert fac.emit("activity:phase", {"activity_id": aid, "phase": "leveranciers"}, callback=True)["ok"]
phones = [join(role="participant", name="P%d" % i)[0] for i in range(phones_n)]
def score(i):
    payload = {"activity_id": aid, "supplier_id": "l%d" % (1 + i % 4), "criterion_id": "c%d" % (1 + i % 7),
               "score": 1 + i % 5}
    answer = phones[i].emit("triage-analyse:score", payload, callback=True)
    assert answer["ok"], answer
report([traced(lambda: score(i)) for i in range(phones_n)])
"""


def run(root: Path, phones_n: int, per_phone: int) -> dict[str, Any]:
    with room(root, [TA], phones_n) as r:
        aid = r.activity_id(TA)
        # Some wishes on the steps first, so the views are the size of a real room's.
        assert r.fac.client.call("activity:phase", {"activity_id": aid, "phase": "wensen"})["ok"]
        for i, phone in enumerate(r.phones):
            text = f"Wens {i}: de triagetool vult de gegevens in het HIS automatisch in"
            payload = {"activity_id": aid, "client_id": str(uuid.uuid4()), "text": text, "category": "wens"}
            answer = phone.client.call("note:add", {**payload, "data": {"step_id": f"s{1 + i % 7}"}})
            assert answer["ok"], answer
        assert r.fac.client.call("activity:phase", {"activity_id": aid, "phase": "leveranciers"})["ok"]
        time.sleep(0.5)
        costs = TapCosts(r)
        for i, phone in enumerate(r.phones):
            for j in range(per_phone):
                costs.before()
                payload = {
                    "activity_id": aid,
                    "supplier_id": SUPPLIERS[(i + j) % len(SUPPLIERS)],
                    "criterion_id": CRITERIA[(i + 3 * j) % len(CRITERIA)],
                    "score": 1 + (i + j) % 5,
                }
                answer = phone.client.call(f"{TA}:score", payload)
                assert answer["ok"], answer
                costs.after(not_others={i})
        return {"phones": phones_n, "scores": costs.taps, **costs.figures("score")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--per-phone", type=int, default=5, help="scores each phone taps")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    root = args.root.resolve()
    figures = run(root, args.phones, args.per_phone)
    figures["sql_per_score"] = sql_per_tap(root, SQL_SCRIPT, args.phones, [TA])
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    sql = figures["sql_per_score"]
    print(f"scoring round: {root}")
    print(f"  {figures['phones']} phones, {figures['scores']} scores")
    print(f"  bytes per other phone per score {figures['other_phone_bytes_per_score']:8.1f} B")
    print(f"  other phones reached per score  {figures['other_phones_reached_per_score']:8.2f}")
    print(f"  board per score                 {figures['board_bytes_per_score']:8.1f} B")
    print(f"  facilitator per score           {figures['facilitator_bytes_per_score']:8.1f} B")
    print(f"  SQL statements per score        {sql['mean']:8.1f} (min {sql['min']}, max {sql['max']})")


if __name__ == "__main__":
    main()
