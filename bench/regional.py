#!/usr/bin/env python3
"""A regional meeting: 500 phones in one session on one process (issue 22, part 3).

One ``run.py`` (eventlet) on 127.0.0.1 with a throw-away database; the facilitator page open
in Debian's headless Chromium (1440x900) with the long-task probe of ``bench/console.py``;
then PHONES phones (Node generator, ``bench/loadgen.py``) join one session at once and post
at RATE notes/s for SECONDS, while a board client measures each note from send to board.

Printed: how long all joins took, board latency p50/p99/max, the server's CPU, its
generation-2 collections and longest pause, and on the facilitator page while the room joined
and posted: the longest long task (Chromium reports tasks over 50 ms only, so 0 means none),
the main-thread time per Socket.IO message and the page's DOM elements; and from a Chromium
trace of the page's tasks, the tasks over 50 ms of wall time and the most CPU time any of them
had (the page's own work; the rest of its wall time it waited for a CPU).

Goals: all joined within 5 s, board p99 < 50 ms, no long task over 50 ms on the facilitator
page. The share of CPU time the host took meanwhile (steal, on a virtual machine) is printed
beside them: it lengthens every measured task. Run: ``.venv/bin/python bench/regional.py``
(about 1 minute).
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
from latency import Server, cpu_ticks, create_session, machine_info, ms, pct, steal_percent

# What a long task is made of: tasks, script entry points, style, layout, paint. Without
# --trace only the tasks ("toplevel") are recorded: each has its wall time and its time on
# the CPU, and on this 2-vCPU machine the server, the generator and Chromium's other
# processes share the CPUs with the page (a task can wait for one).
TRACE_CATEGORIES = ["devtools.timeline", "toplevel", "disabled-by-default-devtools.timeline"]
TASKS_ONLY = ["toplevel"]


def long_tasks(trace: Path, over_ms: float = 50.0) -> list[tuple[float, float]]:
    """(wall ms, on-CPU ms) of each task over ``over_ms`` on the page's main thread."""
    data = json.loads(trace.read_text())
    events = data["traceEvents"] if isinstance(data, dict) else data
    renderers = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    tasks: dict[tuple[int, int], list[tuple[float, float]]] = {key: [] for key in renderers}
    for e in events:
        key = (e.get("pid"), e.get("tid"))
        if key in tasks and e.get("name") == "ThreadControllerImpl::RunTask" and "dur" in e:
            tasks[key].append((e["dur"] / 1000, e.get("tdur", 0) / 1000))
    page = max(tasks.values(), key=len, default=[])  # the page's renderer does by far the most
    return [t for t in page if t[0] > over_ms]


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
    p.add_argument(
        "--trace",
        type=Path,
        help="record a Chromium trace of the facilitator page while the room runs (open it in "
        "chrome://tracing or the DevTools performance panel); it slows the page, so its long tasks count for less",
    )
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
                trace = args.trace or Path(tmp) / "tasks.json"
                categories = TRACE_CATEGORIES if args.trace else TASKS_ONLY
                browser.start_tracing(page=page, path=str(trace), categories=categories)
                page.evaluate(RESET)
                began = time.time()  # start-up's own full collection (gcwatch.settle) is not the room's
                ticks = cpu_ticks()
                planned = [loadgen.PlannedSession(session["code"], server.url, [server.url], args.phones)]
                result: dict[str, Any] = {}

                def drive() -> None:
                    result["res"] = loadgen.run_measured(server, planned, args.rate, args.seconds, shards=args.shards)

                # The generator runs beside the page (the page's own work is in Chromium's process).
                worker = threading.Thread(target=drive)
                worker.start()
                worker.join()
                steal = steal_percent(ticks, cpu_ticks())
                page.wait_for_timeout(500)
                fac = figures(page.evaluate("() => { window.__bench.on = false; return window.__bench; }"))
                browser.stop_tracing()
                traced = long_tasks(trace)
                fac["traced_long_tasks"] = len(traced)
                fac["traced_longest_wall_ms"] = max((w for w, _ in traced), default=0.0)
                fac["traced_longest_cpu_ms"] = max((c for _, c in traced), default=0.0)
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
        "host_steal_percent": steal,
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
        f"generator: CPU {res.bench_cpu * 100:.0f} %, send lag p99 {ms(res.sched_lag_p99)} ms; "
        f"CPU taken by the host (steal) while the room ran: {steal:.1f} %\n"
        f"facilitator page: longest long task {fac['longest_longtask_ms']:.0f} ms ({fac['longtasks']} over 50 ms; "
        f"goal none), {fac['messages']} Socket.IO messages, per message p50 {fac['message_p50_ms']:.1f} ms, "
        f"max {fac['message_max_ms']:.1f} ms; {fac['dom_elements']} DOM elements\n"
        f"facilitator page, traced: {fac['traced_long_tasks']} tasks over 50 ms of wall time (longest "
        f"{fac['traced_longest_wall_ms']:.0f} ms); the most CPU time any of them had: "
        f"{fac['traced_longest_cpu_ms']:.0f} ms (the rest waited for a CPU)\n"
        f"facilitator main thread (s): " + ", ".join(f"{k} {v:.2f}" for k, v in fac["main_thread_s"].items())
    )
    if args.json:
        args.json.write_text(json.dumps({"machine": info, **figures_out}, indent=2, default=str))
    return 1 if figures_out["lost"] or res.join_fail else 0


if __name__ == "__main__":
    sys.exit(main())
