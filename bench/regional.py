#!/usr/bin/env python3
"""A regional meeting: 500 phones in one session on one process (issue 22, part 3).

One ``run.py`` (eventlet) on 127.0.0.1 with a throw-away database; the facilitator page open
in Debian's headless Chromium (1440x900) with the long-task probe of ``bench/console.py``;
then PHONES phones (Node generator, ``bench/loadgen.py``) join one session at once and post
at RATE notes/s for SECONDS, while a board client measures each note from send to board.

Printed: how long all joins took, board latency p50/p99/max, the server's CPU, its
generation-2 collections and longest pause, and on the facilitator page while the room joined
and posted: the longest long task (Chromium reports tasks over 50 ms only, so 0 means none),
the main-thread time per Socket.IO message and the page's DOM elements.

Goals: all joined within 5 s, board p99 < 50 ms, no long task over 50 ms on the facilitator
page. Run: ``.venv/bin/python bench/regional.py`` (about 1 minute).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen
from console import ARGS, CHROMIUM, PROBE, RESET, figures
from latency import Server, create_session, machine_info, ms, pct

MAIN_THREAD = ("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration")


def main_thread(cdp: Any) -> dict[str, float]:
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {name.removesuffix("Duration").lower(): float(metrics.get(name, 0.0)) for name in MAIN_THREAD}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phones", type=int, default=500)
    p.add_argument("--rate", type=float, default=0.2, help="notes per second per phone (default 1 per 5 s)")
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--shards", type=int, default=1, help="Node generator processes")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    info = machine_info()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}\ncode: {info['code']}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="flipover-regional-") as tmp:
        server = Server("flipover", Path(tmp), "eventlet")
        server.start()
        try:
            session = create_session(server.url, loadgen.activities_for(args.rate, args.seconds))
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
                page.add_init_script(PROBE)
                page.goto(session["facilitator_url"])
                page.wait_for_selector("#conn[data-state=online]")
                # Where the page's main thread went (Chromium's own totals, in seconds).
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
                before = main_thread(cdp)
                page.evaluate(RESET)
                began = time.time()  # start-up's own full collection (gcwatch.settle) is not the room's
                planned = [loadgen.PlannedSession(session["code"], server.url, [server.url], args.phones)]
                result: dict[str, Any] = {}

                def drive() -> None:
                    result["res"] = loadgen.run_measured(server, planned, args.rate, args.seconds, shards=args.shards)

                # The generator runs beside the page (the page's own work is in Chromium's process).
                worker = threading.Thread(target=drive)
                worker.start()
                worker.join()
                page.wait_for_timeout(500)
                fac = figures(page.evaluate("() => { window.__bench.on = false; return window.__bench; }"))
                fac["dom_elements"] = page.evaluate("document.getElementsByTagName('*').length")
                after = main_thread(cdp)
                fac["main_thread_s"] = {k: round(after[k] - before[k], 3) for k in after}
                browser.close()
            res = result["res"]
            gc_lines = [json.loads(x) for x in server.gc_log.read_text().splitlines() if x.strip()]
            full = [g["ms"] for g in gc_lines if g.get("gen") == 2 and g["t"] >= began]
            # Young passes too (logged from 1 ms): what a room joining leaves in the young generations.
            passes = [g["ms"] for g in gc_lines if "gen" in g and g["t"] >= began]
        finally:
            server.stop()
    figures_out = {
        "phones": args.phones,
        "joined": res.joined,
        "join_fail": res.join_fail,
        "join_all_s": res.join_wall,
        "join_p99_ms": pct(res.join_times, 99) * 1000,
        "notes": res.delivered,
        "lost": res.missing + res.timeouts,
        "board_p50_ms": pct(res.board_lat, 50) * 1000,
        "board_p99_ms": pct(res.board_lat, 99) * 1000,
        "board_max_ms": max(res.board_lat, default=0.0) * 1000,
        "server_cpu": res.server_cpu,
        "server_rss_mb": res.server_rss_mb,
        "generator_cpu": res.bench_cpu,
        "generator_lag_p99_ms": res.sched_lag_p99 * 1000,
        "gen2_passes": len(full),
        "gen2_longest_ms": max(full, default=0.0),
        "gc_passes_over_1ms": len(passes),
        "gc_longest_ms": max(passes, default=0.0),
        "facilitator": fac,
    }
    print(
        f"\n{res.joined} of {args.phones} phones joined in {res.join_wall:.2f} s (goal 5 s; join p99 "
        f"{ms(pct(res.join_times, 99))} ms, {res.join_fail} failed)\n"
        f"{res.delivered} notes at {args.rate:g}/s per phone: board p50 / p99 / max "
        f"{ms(pct(res.board_lat, 50))} / {ms(pct(res.board_lat, 99))} / {ms(max(res.board_lat, default=0.0))} ms "
        f"(goal p99 < 50 ms); {res.missing + res.timeouts} lost\n"
        f"server: CPU {res.server_cpu * 100:.0f} % of a core while posting, RSS {res.server_rss_mb:.0f} MB, "
        f"{len(full)} generation-2 collections, longest {max(full, default=0.0):.0f} ms; "
        f"longest collection of any generation {max(passes, default=0.0):.1f} ms ({len(passes)} of 1 ms or more)\n"
        f"generator: CPU {res.bench_cpu * 100:.0f} %, send lag p99 {ms(res.sched_lag_p99)} ms\n"
        f"facilitator page: longest long task {fac['longest_longtask_ms']:.0f} ms ({fac['longtasks']} over 50 ms; "
        f"goal none), {fac['messages']} Socket.IO messages, per message p50 {fac['message_p50_ms']:.1f} ms, "
        f"max {fac['message_max_ms']:.1f} ms; {fac['dom_elements']} DOM elements\n"
        f"facilitator main thread (s): " + ", ".join(f"{k} {v:.2f}" for k, v in fac["main_thread_s"].items())
    )
    if args.json:
        args.json.write_text(json.dumps({"machine": info, **figures_out}, indent=2, default=str))
    return 1 if figures_out["lost"] or res.join_fail else 0


if __name__ == "__main__":
    sys.exit(main())
