#!/usr/bin/env python3
"""Rating-round benchmark (issue 17): what one rating tap costs a busy room.

An 11-item agenda (one of every work format), ``impact-inspanning`` with 10 items in
its scoring phase, 30 phones, one board, one facilitator. Every phone rates every
item (one ``impact-inspanning:rate`` per item with both scores, as the phone module
sends them), each phone one tap per ``--interval`` seconds, staggered. Measured:

* bytes each phone receives per tap of someone (Socket.IO packets as they arrive,
  counted at the Engine.IO layer: the packet text, without the WebSocket frame
  header), and how many phones receive anything at all per tap;
* the bytes board and facilitator receive per tap;
* total bytes on the wire for the round (received and sent by all clients);
* tap -> board update: from a phone sending its tap until the board receives the
  first update in which that item counts as many ratings as there were taps on it
  up to this one (taps ranked by their ack);
* SQL statements per tap, in-process (the Flask test app, threading mode, a sqlite3
  trace callback on the store's connection), the same agenda and room.

``--root`` runs another checkout (e.g. the code before the change, unpacked with
``git archive``) with this script, so before and after are measured alike. The
server is the real ``run.py`` (eventlet) on 127.0.0.1 in a subprocess, stopped
with SIGTERM to its process group. Run: ``.venv/bin/python bench/rating_round.py``
(about 30 s).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rooms
from latency import parallel, pct

ROOT = Path(__file__).resolve().parent.parent
II = "impact-inspanning"
AGENDA = [
    "toelichting",
    "kennismaken",
    "trots",
    "uitdagingen-en-kansen",
    "doelstellingen",
    "kernwoorden",
    "processen-en-acties",
    II,
    "processen-en-ict",
    "actieplan",
    "evaluatie",
]
ITEMS = [f"Oplossingsrichting {i}: online triage en terugbelverzoek via de website" for i in range(1, 11)]

# After bench/rooms.py's SQL_PRELUDE (argv 4: the items): one rating of each phone.
SQL_SCRIPT = r"""
items = json.loads(sys.argv[4])
ii = activity_id("impact-inspanning")
ids = [fac.emit("impact-inspanning:add", {"activity_id": ii, "text": t, "client_id": str(uuid.uuid4())},
                callback=True)["note"]["id"] for t in items]
fac.emit("activity:goto", {"activity_id": ii}, callback=True)
fac.emit("activity:phase", {"activity_id": ii, "phase": "scoren"}, callback=True)
board, _ = join(role="board")
phones = [join(role="participant", name="P%d" % i)[0] for i in range(phones_n)]
def rate(i):
    answer = phones[i].emit("impact-inspanning:rate", {"activity_id": ii, "note_id": ids[i % len(ids)],
                                                       "impact": 1 + i % 5, "effort": 1 + (i * 3) % 5}, callback=True)
    assert answer["ok"], answer
counts = []
for i in range(phones_n):
    # Drained outside the trace: only the tap's own statements count.
    for client in [fac, board, *phones]:
        client.get_received()
    counts.append(traced(lambda: rate(i)))
report(counts)
"""


def sql_per_tap(root: Path, phones: int) -> dict[str, float]:
    return rooms.sql_per_tap(root, SQL_SCRIPT, phones, AGENDA, json.dumps(ITEMS))


def item_counts(name: str, data: dict[str, Any], activity_id: int) -> dict[int, int] | None:
    """Ratings per item in a board message, whichever of the two activity events carries it."""
    views = [data["activity"]] if name == "activity:updated" else data.get("activities") or []
    view = next((v for v in views if v["id"] == activity_id), None)
    if view is None:
        return None
    return {item["id"]: item.get("n", 0) for item in view["extra"].get("items", [])}


def run(root: Path, phones_n: int, interval: float) -> dict[str, Any]:
    with rooms.room(root, AGENDA, phones_n) as r:
        fac, board, phones, server, clients = r.fac, r.board, r.phones, r.server, r.clients
        ii = {"id": r.activity_id(II)}
        item_ids = []
        for text in ITEMS:
            answer = fac.client.call(
                f"{II}:add", {"activity_id": ii["id"], "text": text, "client_id": str(uuid.uuid4())}
            )
            item_ids.append(answer["note"]["id"])
        assert fac.client.call("activity:goto", {"activity_id": ii["id"]})["ok"]
        assert fac.client.call("activity:phase", {"activity_id": ii["id"], "phase": "scoren"})["ok"]
        seen_at: dict[tuple[int, int], float] = {}  # (item, ratings) -> first time the board showed it

        def on_board(name: str) -> Any:
            def handler(data: dict[str, Any]) -> None:
                t = time.perf_counter()
                counts = item_counts(name, data, ii["id"])
                for item, n in (counts or {}).items():
                    for k in range(1, n + 1):
                        seen_at.setdefault((item, k), t)

            return handler

        for name in ("activity:changed", "activity:updated"):
            board.client.on(name, on_board(name))
        time.sleep(0.5)
        r.reset()

        taps: list[dict[str, Any]] = []
        taps_lock = threading.Lock()
        start = time.perf_counter() + 0.2

        def rate_all(i: int) -> None:
            phone = phones[i]
            for j in range(len(item_ids)):
                # Staggered: phones spread over the interval, each on a different item.
                at = start + j * interval + interval * i / phones_n
                time.sleep(max(0.0, at - time.perf_counter()))
                item = item_ids[(i + j) % len(item_ids)]
                payload = {"activity_id": ii["id"], "note_id": item, "impact": 1 + (i + j) % 5, "effort": 1 + i % 5}
                t0 = time.perf_counter()
                answer = phone.client.call(f"{II}:rate", payload, timeout=30)
                t1 = time.perf_counter()
                with taps_lock:
                    taps.append({"item": item, "sent": t0, "acked": t1, "ok": bool(answer.get("ok"))})

        parallel(rate_all, list(range(phones_n)), workers=phones_n, timeout=len(item_ids) * interval + 60)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all((item, phones_n) in seen_at for item in item_ids):
            time.sleep(0.05)
        time.sleep(0.5)  # let the last messages land before counting

        latencies = []
        by_item: dict[int, list[dict[str, Any]]] = {}
        for tap in taps:
            by_item.setdefault(tap["item"], []).append(tap)
        for item, item_taps in by_item.items():
            for k, tap in enumerate(sorted(item_taps, key=lambda t: t["acked"]), start=1):
                if (item, k) in seen_at:
                    latencies.append(max(0.0, seen_at[(item, k)] - tap["sent"]))
        acks = [t["acked"] - t["sent"] for t in taps]
        n_taps = len(taps)
        phone_bytes = sum(p.received_bytes for p in phones)
        phone_messages = sum(p.received_messages for p in phones)
        total = sum(c.received_bytes + c.sent_bytes for c in clients)
        return {
            "root": str(root),
            "phones": phones_n,
            "taps": n_taps,
            "taps_ok": sum(t["ok"] for t in taps),
            "phone_bytes_per_phone_per_tap": phone_bytes / phones_n / n_taps,
            "phones_reached_per_tap": phone_messages / n_taps,
            "board_bytes_per_tap": board.received_bytes / n_taps,
            "facilitator_bytes_per_tap": fac.received_bytes / n_taps,
            "total_bytes": total,
            "board_updates_matched": len(latencies),
            "tap_to_board_p50": pct(latencies, 50),
            "tap_to_board_p99": pct(latencies, 99),
            "tap_to_board_max": max(latencies, default=math.nan),
            "ack_p50": pct(acks, 50),
            "ack_p99": pct(acks, 99),
            "server_cpu_s": server.cpu_seconds(),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between one phone's taps")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    root = args.root.resolve()
    sql = sql_per_tap(root, args.phones)
    figures = run(root, args.phones, args.interval)
    figures["sql_per_tap"] = sql
    figures["load1"] = os.getloadavg()[0]  # other work on the machine moves the latencies
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    kib, mib = 1024, 1024 * 1024
    print(f"rating round: {root}")
    print(
        f"  {figures['phones']} phones, {len(AGENDA)}-item agenda, {len(ITEMS)} items, "
        f"{figures['taps']} taps ({figures['taps_ok']} ok)"
    )
    print(f"  bytes per phone per tap      {figures['phone_bytes_per_phone_per_tap'] / kib:8.2f} KiB (goal <= 2 KiB)")
    print(f"  phones reached per tap       {figures['phones_reached_per_tap']:8.2f} of {figures['phones']}")
    print(f"  board bytes per tap          {figures['board_bytes_per_tap'] / kib:8.2f} KiB")
    print(f"  facilitator bytes per tap    {figures['facilitator_bytes_per_tap'] / kib:8.2f} KiB")
    print(f"  SQL statements per tap       {sql['mean']:8.1f} (min {sql['min']}, max {sql['max']})")
    print(
        f"  tap -> board p50 / p99 / max {figures['tap_to_board_p50'] * 1000:6.1f} / "
        f"{figures['tap_to_board_p99'] * 1000:.1f} / {figures['tap_to_board_max'] * 1000:.1f} ms "
        f"({figures['board_updates_matched']} taps matched)"
    )
    print(f"  tap -> ack p50 / p99         {figures['ack_p50'] * 1000:6.1f} / {figures['ack_p99'] * 1000:.1f} ms")
    print(f"  total bytes on the wire      {figures['total_bytes'] / mib:8.2f} MiB")
    print(f"  server CPU (whole run)       {figures['server_cpu_s']:8.2f} s")
    print(f"  load average (1 min) at end  {figures['load1']:8.2f}")


if __name__ == "__main__":
    main()
