"""Start the real server (run.py, eventlet) as a subprocess on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Test clients all come from 127.0.0.1: without this, a module's sessions and phones would
# meet the per-address creation rates (app/limits.py; tests/test_limits.py checks those).
RELAXED_LIMITS_ENV = {
    **{f"FLIPOVER_{kind}_PER_ADDRESS_BURST": "1000000" for kind in ("SESSIONS", "TRAJECTORIES", "UPLOADS", "JOINS")},
    # Every test client connects from 127.0.0.1, and load tests fill one meeting past its cap;
    # tests of these limits pass their own values (tests/test_http_server.py, test_limits_live.py).
    "FLIPOVER_CONNECTIONS_PER_ADDRESS": "0",
    "FLIPOVER_SESSION_MAX_NOTES": "1000000",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(
        self, db: Path, *, port: int | None = None, extra: tuple[str, ...] = (), env: dict[str, str] | None = None
    ) -> None:
        self.db = db
        self.port = port or free_port()
        self.extra = extra
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = db.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> LiveServer:
        env = {**os.environ, "FLIPOVER_SECRET_KEY": "live-test", **RELAXED_LIMITS_ENV, **self.env}
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "run.py",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--db",
                    str(self.db),
                    *self.extra,
                ],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"run.py exited {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.url + "/api/workforms", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout}s: {self.log.read_text()[-2000:]}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def kill(self) -> None:
        """Die the hard way (power-cut of the process): no shutdown code runs."""
        self.stop(signal.SIGKILL)
