"""The garbage collector on a long-running server: measured, and kept out of the way.

A generation-2 collection walks every tracked object and stops the event loop while
it does (issue 22: 60–90 ms with 200 phones connected). Two things:

- :func:`settle` after start-up: collect once, then ``gc.freeze()`` the modules,
  templates, work formats and translations loaded so far, so no later collection
  walks them again; and a larger first-generation threshold, so the many short-lived
  objects of a note (dicts of a view, a JSON string) die young without a collection
  each 700 allocations.
- :func:`watch` (``FLIPOVER_GC_LOG=<file>``, for the benchmarks): every collection
  of generation 2, and any that took 1 ms or more, as one JSON line
  ``{"gen", "ms", "collected", "t"}``; and on ``SIGUSR1`` (after a full collection) the live Python objects the
  collector tracks, ``{"objects", "frozen", "t"}`` (``bench/soak.py`` asks between rounds).
"""

from __future__ import annotations

import gc
import json
import signal
import time
from typing import Any

# Young objects per first-generation collection (CPython's default is 700): a note's
# short-lived views and payloads are freed by reference counting long before.
GEN0_THRESHOLD = 20_000


def settle() -> None:
    """Collect what start-up left behind and freeze the rest (see the module docstring)."""
    gc.collect()
    gc.freeze()
    _gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GEN0_THRESHOLD, gen1, gen2)


def watch(path: str) -> None:
    """Log collections to ``path`` (appended, line-buffered)."""
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life
    started = [0.0]

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - started[0]) * 1000
        if info["generation"] == 2 or ms >= 1:
            line = {"gen": info["generation"], "ms": round(ms, 2), "collected": info["collected"], "t": time.time()}
            out.write(json.dumps(line) + "\n")

    gc.callbacks.append(callback)

    # A file object of its own: the signal may arrive while the callback above is writing.
    counts = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life

    def count(_signum: int, _frame: Any) -> None:
        gc.collect()  # what is live, not what waits for the next young collection
        line = {"objects": len(gc.get_objects()), "frozen": gc.get_freeze_count(), "t": time.time()}
        counts.write(json.dumps(line) + "\n")

    signal.signal(signal.SIGUSR1, count)
