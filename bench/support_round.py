#!/usr/bin/env python3
"""Support round (issue 21): what one +1 in ``vragen-en-zorgen`` costs a busy room.

30 phones, one board, one facilitator; every phone posts two questions (60 items), then
every phone gives five +1s to other people's items, one after another. Measured on the
real ``run.py`` (eventlet), at the Engine.IO layer as ``bench/rating_round.py`` does:

* bytes each *other* phone receives per +1 (not the sender, not the item's author), and
  how many phones receive anything at all per +1;
* bytes the item's author, the board and the facilitator receive per +1;
* SQL statements per +1, in-process (the Flask test app, a sqlite3 trace callback).

Run: ``.venv/bin/python bench/support_round.py`` (about 15 s).
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
VZ = "vragen-en-zorgen"

# After bench/rooms.py's SQL_PRELUDE: one +1 of each phone on the next phone's question.
SQL_SCRIPT = r"""
vz = activity_id("vragen-en-zorgen")
phones = [join(role="participant", name="P%d" % i)[0] for i in range(phones_n)]
ids = [phones[i].emit("note:add", {"activity_id": vz, "client_id": str(uuid.uuid4()), "text": "Vraag %d" % i},
                      callback=True)["note"]["id"] for i in range(phones_n)]
def support(i):
    answer = phones[i].emit("vragen-en-zorgen:steun", {"activity_id": vz, "note_id": ids[(i + 1) % phones_n]},
                            callback=True)
    assert answer["ok"], answer
report([traced(lambda: support(i)) for i in range(phones_n)])
"""


def run(root: Path, phones_n: int, per_phone: int) -> dict[str, Any]:
    with room(root, [VZ], phones_n) as r:
        vz = r.activity_id(VZ)
        authors: dict[int, int] = {}
        for round_ in range(2):
            for i, phone in enumerate(r.phones):
                text = f"Vraag {round_}-{i}: wie beantwoordt de terugbelverzoeken als de assistente ziek is?"
                note = {"activity_id": vz, "client_id": str(uuid.uuid4()), "text": text}
                answer = phone.client.call("note:add", note)
                assert answer["ok"], answer
                authors[answer["note"]["id"]] = i
        ids = list(authors)
        time.sleep(0.5)
        costs = TapCosts(r)
        author_bytes = 0
        for i, phone in enumerate(r.phones):
            for j in range(per_phone):
                note_id = ids[(2 * i + 1 + 7 * j) % len(ids)]
                if authors[note_id] == i:
                    continue
                costs.before()
                answer = phone.client.call(f"{VZ}:steun", {"activity_id": vz, "note_id": note_id})
                assert answer["ok"], answer
                costs.after(not_others={i, authors[note_id]})
                author_bytes += r.phones[authors[note_id]].received_bytes
        return {
            "phones": phones_n,
            "items": len(ids),
            "supports": costs.taps,
            **costs.figures("support"),
            "author_bytes_per_support": author_bytes / costs.taps,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--per-phone", type=int, default=5, help="+1s each phone gives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    root = args.root.resolve()
    figures = run(root, args.phones, args.per_phone)
    figures["sql_per_support"] = sql_per_tap(root, SQL_SCRIPT, args.phones, [VZ])
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    sql = figures["sql_per_support"]
    print(f"support round: {root}")
    print(f"  {figures['phones']} phones, {figures['items']} items, {figures['supports']} +1s")
    print(f"  bytes per other phone per +1 {figures['other_phone_bytes_per_support']:8.1f} B")
    print(f"  other phones reached per +1  {figures['other_phones_reached_per_support']:8.2f}")
    print(f"  author's phone per +1        {figures['author_bytes_per_support']:8.1f} B")
    print(f"  board per +1                 {figures['board_bytes_per_support']:8.1f} B")
    print(f"  facilitator per +1           {figures['facilitator_bytes_per_support']:8.1f} B")
    print(f"  SQL statements per +1        {sql['mean']:8.1f} (min {sql['min']}, max {sql['max']})")


if __name__ == "__main__":
    main()
