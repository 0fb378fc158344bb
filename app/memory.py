"""Freed memory goes back to the operating system once a meeting has left (issue 22).

A busy room allocates and frees many small blocks (views, JSON, socket buffers). CPython
returns them to glibc's heap, which keeps them for reuse instead of giving them back:
``bench/soak.py`` (rounds of 50 sessions x 20 phones joining, posting and leaving) saw
the RSS climb 329 -> 392 MB over two rounds with the live objects flat, and stay flat
at 252 MB with ``malloc_trim(0)`` after each round. So when the last socket of a session
leaves this process, :class:`Trimmer` trims once, a few seconds later (the rest of the
room, and other meetings ending at the same hour, leave in that time: one trim for all).
Where there is no glibc (macOS, Windows, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

TRIM_DELAY = 3.0  # seconds between a session's last socket leaving and the trim


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def trim() -> float | None:
    """Give the heap's free memory back to the OS; the milliseconds it took (None: no glibc)."""
    if _TRIM is None:
        return None
    began = time.perf_counter()
    _TRIM(0)
    return (time.perf_counter() - began) * 1000


class Trimmer:
    """One trim, :data:`TRIM_DELAY` after a session's last socket left, however many left."""

    def __init__(self, spawn: Callable[..., Any], sleep: Callable[[float], Any], delay: float = TRIM_DELAY) -> None:
        self._spawn, self._sleep, self._delay = spawn, sleep, delay
        self._pending = False
        self.trims = 0

    def session_left(self, _code: str) -> None:
        if self._pending or _TRIM is None:
            return
        self._pending = True
        self._spawn(self._later)

    def _later(self) -> None:
        self._sleep(self._delay)
        self._pending = False
        took = trim()
        self.trims += 1
        log.debug("malloc_trim after a meeting left: %.1f ms", took or 0.0)
