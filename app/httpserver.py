"""The eventlet HTTP server's own defences against clients that hold connections open.

eventlet.wsgi has no deadline for reading a request's head: a client that sends one
header line every few seconds (slowloris) keeps a connection, and its green thread,
forever, and a few thousand such clients fill ``max_size``. Two limits close that:

- **a deadline for the request head**: the request line and headers must arrive within
  ``head_seconds`` of the connection being ready for a request. It also ends idle
  keep-alive connections after that long (browsers reconnect transparently). It stops
  as soon as the headers are read, so WebSockets and long polls are not affected.
- **open connections per client address**: beyond ``per_address`` the server answers
  503 at once. A practice's phones share one address behind its router, so the default
  is far above a room (a phone holds one WebSocket, sometimes a poll next to it). Behind
  a reverse proxy every connection comes from the proxy: the cap is off there (0) and
  is the proxy's job.

Used by run.py for the eventlet engine (the threading engine is for development only).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import eventlet
import eventlet.wsgi

# Idle or slow heads: a phone's browser sends a whole head in one packet, at once.
HEAD_SECONDS = 20.0
CONNECTIONS_PER_ADDRESS = 300
# Per socket operation: a write to a phone that vanished from the Wi-Fi fails after this
# instead of the kernel's ~15 minutes. Longer than Engine.IO's ping interval + timeout.
SOCKET_TIMEOUT = 60.0

_BUSY = b"Te veel verbindingen vanaf dit adres; probeer het zo opnieuw.\n"
RESPONSE_TOO_MANY = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 10\r\n"
    b"Connection: close\r\n"
    b"Content-Length: " + str(len(_BUSY)).encode() + b"\r\n\r\n" + _BUSY
)


def guarded_protocol(head_seconds: float, per_address: int) -> type[eventlet.wsgi.HttpProtocol]:
    """An ``HttpProtocol`` with a head deadline and a per-address connection cap
    (``per_address`` 0: no cap)."""
    open_by_address: Counter[str] = Counter()

    class GuardedProtocol(eventlet.wsgi.HttpProtocol):
        _head_timer: eventlet.Timeout | None = None

        def handle(self) -> None:
            address = _address(self.client_address)
            if per_address and open_by_address[address] >= per_address:
                self.close_connection = True
                try:
                    self.wfile.write(RESPONSE_TOO_MANY)
                    self.wfile.flush()
                except OSError:
                    pass
                return
            open_by_address[address] += 1
            try:
                super().handle()
            finally:
                open_by_address[address] -= 1
                if open_by_address[address] <= 0:
                    del open_by_address[address]

        def handle_one_request(self) -> None:
            timer = self._head_timer = eventlet.Timeout(head_seconds)
            try:
                super().handle_one_request()
            except eventlet.Timeout as fired:
                if fired is not timer:
                    raise
                self.close_connection = True
            finally:
                timer.cancel()

        def get_environ(self) -> dict[str, Any]:
            # The head is in: the request itself (a WebSocket, a long poll) takes its time.
            if self._head_timer is not None:
                self._head_timer.cancel()
            return super().get_environ()

    return GuardedProtocol


def _address(client_address: object) -> str:
    if isinstance(client_address, tuple) and client_address:
        return str(client_address[0])
    return str(client_address)
