#!/usr/bin/env python3
"""Scale-out benchmark: the same load on one process and on two workers sharing Redis.

In one run, on 127.0.0.1, with the load generator of ``latency.py``:

1. ``1 process``: ``run.py`` as everyone runs it (no Redis);
2. ``1 process + Redis``: the same with ``--message-queue`` (every emit makes the
   round trip through Redis, even to its own clients): the cost of the queue alone;
3. ``2 processes + Redis``: two ``run.py`` workers on one database file and one
   Redis; phone i joins worker i mod 2, the board is on the first worker, so half
   the notes cross from one worker to the other.

The script starts its own ``redis-server`` (loopback, free port, nothing on disk)
unless ``--redis-url`` is given, and stops every process it started (SIGTERM to
each process group), also on an error, Ctrl-C or the ``--max-seconds`` hard stop.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import latency
import loadgen
from latency import CLK_TCK, Result, Server, free_port, machine_info, ms, pct, run_scenario

DEFAULT_SCENARIOS = "200x1,200x2"


class Redis:
    """Our own redis-server on a free loopback port, in its own process group."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 15.0) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server not found: apt-get install redis-server, or pass --redis-url")
        cmd = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        cmd += ["--dir", str(self.workdir)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")

    def cpu_seconds(self) -> float:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (OSError, AttributeError, IndexError, ValueError):
            return 0.0

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        except ProcessLookupError:
            pass


class Cluster:
    """What run_scenario() needs from a server, over one or more workers (and Redis).

    ``url`` is the first worker (session, board); ``phone_urls`` spreads the phones.
    The CPU is the sum of the workers' and Redis's, in shares of one core.
    """

    def __init__(self, workers: list[Server], redis: Redis | None) -> None:
        self.workers = workers
        self.redis = redis
        self.url = workers[0].url
        self.phone_urls = [w.url for w in workers]
        self.last_cpu: dict[str, float] = {}

    def cpu_seconds(self) -> float:
        parts = {f"worker {i + 1}": w.cpu_seconds() for i, w in enumerate(self.workers)}
        if self.redis:
            parts["redis"] = self.redis.cpu_seconds()
        self.last_cpu = parts
        return sum(parts.values())

    def rss_mb(self) -> float:
        return sum(w.rss_mb() for w in self.workers)

    def alive(self) -> bool:
        return all(w.proc is not None and w.proc.poll() is None for w in self.workers)


# name: (workers, Redis, where the sockets go)
#   "one": every socket on the one worker;
#   "spread": boards on worker 1, phone i on worker i mod N (as routing by address spreads them);
#   "routed": every socket of session j on worker j mod N (nginx hashing on the join code).
CONFIGS = {
    "1 process": (1, False, "one"),
    "1 process + Redis": (1, True, "one"),
    "2 processes + Redis": (2, True, "spread"),
    "2 processes + Redis (routed)": (2, True, "routed"),
    # The floor for two workers: each session whole on one of them and no queue at all, so
    # what it costs over "1 process" is two processes on this machine, not the queue.
    "2 processes without a queue (routed)": (2, False, "routed"),
}


def run_config(
    name: str, tmp: Path, args: argparse.Namespace, redis_url: str | None, started: list[Any]
) -> list[tuple[Result, dict[str, float]]]:
    count, queue, placing = CONFIGS[name]
    db = tmp / f"bench-{name.replace(' ', '-').replace('+', '')}.db"
    extra = ("--message-queue", redis_url) if queue and redis_url else ()
    workers = [Server("flipover", tmp, "eventlet", db=db, extra=extra) for _ in range(count)]
    started.extend(workers)
    print(f"\n{name}: starting {', '.join(w.url for w in workers)} ...", flush=True)
    try:
        workers[0].start()  # the first one creates the database; the others find it migrated
        for worker in workers[1:]:
            worker.start()
        cluster = Cluster(workers, started_redis(started) if queue else None)
        out = []
        for phones, rate in args.scenario_list:
            print(f"  {phones} phones x {rate:g} note/s for {args.seconds:g} s ...", flush=True)
            before = cluster_cpu(cluster)
            t0 = time.perf_counter()
            if args.generator == "node":
                result = node_scenario(cluster, placing, phones, rate, args)
            else:
                result = run_scenario(cluster, phones, rate, args.seconds, args)  # type: ignore[arg-type]
            wall = time.perf_counter() - t0
            after = cluster_cpu(cluster)
            # Per part, over the whole scenario (joins included), to show where the CPU went.
            shares = {k: (after[k] - before.get(k, 0.0)) / wall for k in after}
            out.append((result, shares))
            if not cluster.alive():
                raise RuntimeError(f"a worker died during the run:\n{workers[0].tail()}\n{workers[-1].tail()}")
        return out
    finally:
        for worker in workers:
            worker.stop()


def node_scenario(cluster: Cluster, placing: str, phones: int, rate: float, args: argparse.Namespace) -> Result:
    """The load split over ``args.sessions`` sessions, each with its board, driven by the Node
    generator; sockets placed on the workers as the configuration says."""
    urls = [w.url for w in cluster.workers]
    n = max(1, min(args.sessions, phones))
    homes = [urls[j % len(urls)] if placing == "routed" else urls[0] for j in range(n)]
    codes = [loadgen.new_sessions([home], 1, phones, rate, args.seconds)[0] for home in homes]
    planned = [
        loadgen.PlannedSession(
            code, home, urls if placing == "spread" else [home], phones // n + (1 if j < phones % n else 0)
        )
        for j, (code, home) in enumerate(zip(codes, homes, strict=True))
    ]
    return loadgen.run_measured(
        cluster,
        planned,
        rate,
        args.seconds,
        shards=args.shards,
        seed=args.seed + phones,
        ack_timeout=args.ack_timeout,
        join_timeout=args.join_timeout,
    )


def started_redis(started: list[Any]) -> Redis | None:
    return next((s for s in started if isinstance(s, Redis)), None)


def cluster_cpu(cluster: Cluster) -> dict[str, float]:
    cluster.cpu_seconds()
    return dict(cluster.last_cpu)


def print_results(runs: dict[str, list[tuple[Result, dict[str, float]]]]) -> None:
    print(
        "\n== phone send -> its board receives note:added =="
        "\n(spread: boards on worker 1, phone i on worker i mod N; routed: all of session j on worker j mod N)"
    )
    head = (
        f"{'configuration':<30}{'scenario':<26}{'sent':>6}{'board':>7}{'ok/ref/to':>13}"
        f"{'board p50/p99/max ms':>23}{'other worker p50/p99':>22}{'ack p50/p99':>13}{'notes/s':>9}"
        f"{'CPU (cores)':>13}{'CPU/note':>10}{'load1':>7}"
    )
    print(head)
    print("-" * len(head))
    for name, results in runs.items():
        for r, shares in results:
            lat = f"{ms(pct(r.board_lat, 50))}/{ms(pct(r.board_lat, 99))}/{ms(max(r.board_lat, default=0.0))}"
            other = f"{ms(pct(r.board_lat_other, 50))}/{ms(pct(r.board_lat_other, 99))}"
            ack = f"{ms(pct(r.ack_lat, 50))}/{ms(pct(r.ack_lat, 99))}"
            rate = r.delivered / r.seconds if r.seconds else 0
            per_note = r.server_cpu / rate * 1000 if rate else float("nan")  # ms of CPU per note
            print(
                f"{name:<30}{r.name:<26}{r.sent:>6}{r.delivered:>7}{f'{r.ok}/{r.refused}/{r.timeouts}':>13}"
                f"{lat:>23}{other:>22}{ack:>13}{rate:>9.1f}{r.server_cpu:>13.2f}{per_note:>7.2f} ms{r.load1:>7.1f}"
            )
            parts = ", ".join(f"{k} {v * 100:.0f} %" for k, v in shares.items())
            print(
                f"{'':<30}  CPU per part: {parts}; generator {r.bench_cpu * 100:.0f} %,"
                f" send lag p99 {ms(r.sched_lag_p99)} ms"
            )
            for line in problems(r):
                print(f"{'':<30}  ! {line}")


def problems(r: Result) -> list[str]:
    out = []
    if r.refusals:
        out.append(f"refusals {r.refusals}")
    if r.missing or r.send_errors or r.join_fail:
        out.append(f"{r.missing} acked notes not on the board, {r.send_errors} send errors, {r.join_fail} joins failed")
    if r.sched_lag_p99 > 0.05:
        out.append(f"load generator fell behind (send lag p99 {ms(r.sched_lag_p99)} ms)")
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scenarios", default=DEFAULT_SCENARIOS, help=f"PHONESxRATE,... (default {DEFAULT_SCENARIOS})")
    p.add_argument("--seconds", type=float, default=10.0, help="posting time per scenario (default 10)")
    p.add_argument(
        "--configs",
        default=",".join(CONFIGS),
        help=f"comma-separated, from: {', '.join(CONFIGS)} (default all, in this order)",
    )
    p.add_argument("--redis-url", help="use this Redis instead of starting redis-server")
    p.add_argument(
        "--generator",
        choices=("node", "python"),
        default="node",
        help="node: bench/loadgen, the load over --sessions sessions (default); python: one session, sync clients",
    )
    p.add_argument("--sessions", type=int, default=10, help="sessions the phones are spread over (node; default 10)")
    p.add_argument("--shards", type=int, default=1, help="Node generator processes (default 1)")
    p.add_argument("--quick", action="store_true", help="smoke run: 50x1 for 4 s")
    p.add_argument("--join-workers", type=int, default=50)
    p.add_argument("--join-timeout", type=float, default=60.0)
    p.add_argument("--ack-timeout", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", type=Path, help="also write all figures to this file")
    p.add_argument("--max-seconds", type=float, default=480.0, help="hard stop for the whole run (default 480)")
    args = p.parse_args(argv)
    if args.quick:
        args.scenarios, args.seconds = "50x1", 4.0
    args.scenario_list = latency.parse_scenarios(args.scenarios)
    args.config_list = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in args.config_list if c not in CONFIGS]
    if unknown:
        p.error(f"unknown configuration(s) {unknown}; choose from {list(CONFIGS)}")
    if args.generator == "python" and any(CONFIGS[c][2] == "routed" for c in args.config_list):
        p.error("the routed configuration needs several sessions: use the node generator")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="flipover-scaleout-"))
    started: list[Any] = []

    def cleanup() -> None:
        for proc in reversed(started):
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    def hard_stop() -> None:
        print(f"\nscaleout: hard stop after {args.max_seconds:.0f} s", file=sys.stderr, flush=True)
        cleanup()
        os._exit(3)

    watchdog = threading.Timer(args.max_seconds, hard_stop)
    watchdog.daemon = True
    watchdog.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    info = machine_info()
    print(
        f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, {info['platform']}\n"
        f"code: {info['code']}\nload average at start: {' '.join(f'{x:.2f}' for x in info['loadavg_start'])}\n"
        f"scenarios: {args.scenarios}, {args.seconds:g} s each; configurations: {', '.join(args.config_list)}"
    )
    runs: dict[str, list[tuple[Result, dict[str, float]]]] = {}
    try:
        redis_url = args.redis_url
        if redis_url is None and any(CONFIGS[c][1] for c in args.config_list):
            redis = Redis(tmp)
            started.append(redis)
            redis.start()
            redis_url = redis.url
            print(f"redis-server on {redis_url}")
        for name in args.config_list:
            runs[name] = run_config(name, tmp, args, redis_url, started)
    finally:
        cleanup()
    print_results(runs)
    info["loadavg_end"] = os.getloadavg()
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in info['loadavg_end'])}")
    if args.json:
        data = {
            "machine": info,
            "runs": {
                name: [{**r.summary(), "cpu_per_part": shares} for r, shares in results]
                for name, results in runs.items()
            },
        }
        args.json.write_text(json.dumps(data, indent=2, default=str))
        print(f"figures written to {args.json}")
    watchdog.cancel()
    lost = any(r.missing or r.timeouts or r.join_fail for results in runs.values() for r, _ in results)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
