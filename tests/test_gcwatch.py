"""The garbage collector on the server (app/gcwatch.py, issue 22): start-up objects are
frozen out of every later collection, young ones are collected less often, and the
benchmarks can log each pass. Run in a child process: the settings are process-wide."""

from __future__ import annotations

import json
import subprocess
import sys

from live_server import ROOT

CHILD = """
import gc, json, sys
from app import gcwatch
before = gc.get_freeze_count()
gcwatch.watch(sys.argv[1])
gcwatch.settle()
junk = [[i] for i in range(100)]
for item in junk:
    item.append(item)  # cycles: only the collector frees them
del junk, item
gc.collect()
print(json.dumps({"frozen": gc.get_freeze_count(), "before": before, "threshold": gc.get_threshold()}))
"""


def test_settle_freezes_start_up_and_watch_logs_full_passes(tmp_path) -> None:
    log = tmp_path / "gc.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(log)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    facts = json.loads(done.stdout)
    assert facts["frozen"] > facts["before"] + 1000  # the imported modules' objects
    assert facts["threshold"][0] == 20_000
    passes = [json.loads(line) for line in log.read_text().splitlines()]
    full = [p for p in passes if p["gen"] == 2]
    assert len(full) >= 2  # settle()'s own and the explicit one
    assert any(p["collected"] >= 100 for p in full) and all(p["ms"] >= 0 for p in passes)
