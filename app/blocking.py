"""Heavy work (PDF layout, image decoding) runs in a short-lived child process.

Why not a thread of the server: reportlab and Pillow hold the GIL for seconds
(every meeting's notes stalled behind one client's large report), and the
memory a decode takes stays in the server's thread arenas after the request
(a 40-megapixel PNG of 116 KB on the wire cost ~580 MB, kept). A child
(``app/heavy_worker.py``) holds no lock of ours and gives all its memory back to
the operating system when it exits; it runs under a memory limit, a CPU-time
limit and a lower scheduling priority.

:func:`run_heavy` is the one choke point. At most ``HEAVY_JOBS`` children run
per server process; up to ``HEAVY_MAX_WAITING`` more requests wait at most
``HEAVY_WAIT_SECONDS`` for a turn, anything beyond is refused at once with a
503: a bounded queue, never an unbounded one. Under eventlet the wait for the
child is green (the hub keeps serving notes meanwhile).

The job travels pickled: ``fn`` must be an importable top-level function and its
arguments picklable. In-process unit tests (``TESTING``) run the job on a thread
instead (``HEAVY_IN_CHILD``), as their test-only work formats are not importable
by a child; tests of this module switch the child on explicitly.
"""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from flask import Flask, current_app, g
from werkzeug.exceptions import HTTPException

from app import uploads
from app.config import ROOT
from app.heavy_worker import EXIT_MEMORY
from app.i18n import _

T = TypeVar("T")

# The child lowers its priority before it imports anything (the imports cost it ~0.5 s
# of CPU), then runs app/heavy_worker.py, which sets its limits before it reads the job.
BOOT = "import os, sys; os.nice(10); from app.heavy_worker import main; sys.exit(main(sys.argv))"


class HeavyWorkRefused(HTTPException):
    """Heavy work that could not be done, with a Dutch message; the API answers ``{"error"}``."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description=description)
        self.code = code


def busy() -> HeavyWorkRefused:
    return HeavyWorkRefused(503, _("De server is druk; probeer het over een minuut opnieuw."))


def too_big() -> HeavyWorkRefused:
    return HeavyWorkRefused(
        422, _("Dit is te groot om op deze server te verwerken. Maak het kleiner en probeer het opnieuw.")
    )


def too_slow() -> HeavyWorkRefused:
    return HeavyWorkRefused(
        503, _("Dit duurde te lang en is afgebroken. Er is niets verloren; probeer het later opnieuw.")
    )


def failed() -> HeavyWorkRefused:
    return HeavyWorkRefused(500, _("Het verwerken is mislukt. Er is niets verloren; probeer het opnieuw."))


class Slots:
    """At most ``size`` jobs at once and at most ``max_waiting`` waiting for a turn.

    ``threading`` is green under eventlet's monkey-patching, so a waiting request
    parks its greenlet, not the hub."""

    def __init__(self, size: int, max_waiting: int) -> None:
        self._free = threading.Semaphore(max(1, size))
        self._lock = threading.Lock()
        self._waiting = 0
        self.max_waiting = max(0, max_waiting)

    @contextlib.contextmanager
    def turn(self, wait_seconds: float) -> Iterator[None]:
        if not self._free.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.max_waiting:
                    raise busy()
                self._waiting += 1
            try:
                got = self._free.acquire(timeout=max(0.0, wait_seconds))
            finally:
                with self._lock:
                    self._waiting -= 1
            if not got:
                raise busy()
        try:
            yield
        finally:
            self._free.release()


_slots_lock = threading.Lock()


def slots(app: Flask) -> Slots:
    with _slots_lock:
        found = app.extensions.get("flipover.heavy_slots")
        if found is None:
            found = Slots(int(app.config["HEAVY_JOBS"]), int(app.config["HEAVY_MAX_WAITING"]))
            app.extensions["flipover.heavy_slots"] = found
        return found


@contextlib.contextmanager
def heavy_turn() -> Iterator[None]:
    """Hold one turn for a whole request: the report's database read (on the event loop)
    then its layout (in the child). Four reports asked for at once then read at most
    HEAVY_JOBS sessions back to back, not four: the loop's longest pause stays short."""
    if g.get("flipover_heavy_turn"):
        yield
        return
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    with slots(app).turn(float(app.config["HEAVY_WAIT_SECONDS"])):
        g.flipover_heavy_turn = True
        try:
            yield
        finally:
            g.flipover_heavy_turn = False


def run_heavy(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in a child process (when ``HEAVY_IN_CHILD``) within the limits above.

    Returns what ``fn`` returned; re-raises what it raised (e.g. an upload's
    refusal). Raises :class:`HeavyWorkRefused` when busy, out of memory, too slow
    or crashed: the server itself carries on either way.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    with heavy_turn():
        if not app.config["HEAVY_IN_CHILD"]:
            return run_blocking(fn, *args)
        return _in_child(app, fn, args)


def _in_child(app: Flask, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    config = app.config
    timeout = float(config["HEAVY_TIMEOUT_SECONDS"])
    memory_mb = int(config["HEAVY_MEMORY_MB"])
    # The path first, on its own: the job's functions unpickle only once the child can import them.
    job = pickle.dumps([p for p in sys.path if p], protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(
        (fn, args, uploads.root()), protocol=pickle.HIGHEST_PROTOCOL
    )
    popen = _popen_class(config["ASYNC_MODE"])
    command = [sys.executable, "-c", BOOT, str(memory_mb), str(max(1, int(timeout) + 1))]
    started = time.monotonic()
    child = popen(command, cwd=str(ROOT), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = child.communicate(job, timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        app.logger.warning("heavy job %s stopped after %.0f s", _name(fn), time.monotonic() - started)
        raise too_slow() from None
    finally:
        if child.poll() is None:  # the request went away (or anything else): never leave a child behind
            child.kill()
            child.wait()
    if child.returncode == EXIT_MEMORY:
        app.logger.warning("heavy job %s ran out of its %s MB", _name(fn), memory_mb)
        raise too_big()
    outcome: str = "crash"
    value: Any = None
    if child.returncode == 0:
        with contextlib.suppress(Exception):  # a half-written answer is a crash like any other
            outcome, value = pickle.loads(out)
    if outcome == "ok":
        return value
    if outcome == "raise" and isinstance(value, BaseException):
        raise value
    app.logger.warning(
        "heavy job %s failed (exit %s): %s", _name(fn), child.returncode, err.decode(errors="replace")[-2000:]
    )
    raise failed()


def _popen_class(mode: str) -> type[subprocess.Popen[bytes]]:
    """Under eventlet the green Popen: communicate() then waits on the hub, not in the OS."""
    if mode == "eventlet":
        from eventlet.green import subprocess as green_subprocess

        return green_subprocess.Popen
    return subprocess.Popen  # gevent's monkey-patching already made this one cooperative


def _name(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"


def run_blocking(fn: Callable[..., T], *args: object) -> T:
    """Under eventlet, run ``fn`` in a real OS thread so the loop keeps serving
    notes; under threading it is already on its own thread. Only for
    ``HEAVY_IN_CHILD = False`` (in-process tests): the server uses the child."""
    mode = current_app.config["ASYNC_MODE"]
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)
