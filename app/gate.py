"""What the WSGI app refuses before Flask or Socket.IO see a request.

**Host names that are not ours** (a defence against DNS rebinding).

The API that creates sessions needs no login, and links are built from the Host
header. A web page on ``evil.example`` whose name is made to resolve to the
practice's laptop would otherwise talk to Flipover from the facilitator's own
browser, past the Wi-Fi's walls. Such requests carry the attacker's name in
``Host``, so every request (pages, API, Socket.IO) must name this machine:

- an IP address (a rebinding attack needs a name; phones scanning the QR code use
  the LAN address),
- ``localhost``, this machine's host name, and that name with ``.local`` (mDNS),
- the host of ``--public-url``,
- and any name in ``FLIPOVER_ALLOWED_HOSTS`` (comma separated; ``*`` turns the
  check off, e.g. behind a proxy that checks it already).

**Over-size Socket.IO polls.** python-engineio refuses a long-polling POST above
``max_http_buffer_size`` and then closes the session with ``wait=True``, which waits
for a poll that never comes: the request hangs for ever, holding a connection. It is
answered here first, with 413, and the phone's client reconnects.

**JSON nested deeper than Python's recursion limit** (``[[[[…]]]]`` fits in 64 KB)
raised ``RecursionError``, which Flask answered with a 500. Both JSON decoders (Flask's
and Socket.IO's) turn it into the ``ValueError`` of any malformed JSON: the API answers
400, Socket.IO drops the packet as malformed.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask.json.provider import DefaultJSONProvider

MESSAGE = (
    b"Onbekende hostnaam. Flipover antwoordt alleen op zijn eigen adres; "
    b"voeg deze naam toe aan FLIPOVER_ALLOWED_HOSTS als hij klopt.\n"
)

TOO_LARGE = b"Dit bericht is te groot.\n"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def own_names(public_base_url: str, extra: Iterable[str]) -> set[str]:
    names = {"localhost"}
    for name in (socket.gethostname(), socket.getfqdn()):
        if name:
            names.add(name.lower())
            names.add(f"{name.split('.')[0].lower()}.local")
    if public_base_url:
        public = urlsplit(public_base_url).hostname
        if public:
            names.add(public.lower())
    names.update(name.strip().lower() for name in extra if name.strip())
    return names


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets; lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class TrustedHosts:
    """WSGI middleware: 400 for a request whose Host is not one of ours."""

    def __init__(self, app: WSGIApp, names: set[str]) -> None:
        self.app = app
        self.names = names
        self.everything = "*" in names

    def allowed(self, header: str) -> bool:
        name = host_name(header)
        return self.everything or is_ip(name) or name in self.names

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if self.allowed(host):
            return self.app(environ, start_response)
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(MESSAGE)))],
        )
        return [MESSAGE]


class OversizePolls:
    """WSGI middleware: 413 for a Socket.IO POST longer than Engine.IO would accept."""

    def __init__(self, app: WSGIApp, path: str, limit: int) -> None:
        self.app = app
        self.path = path.rstrip("/") + "/"
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(self.path):
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = self.limit + 1
            if length > self.limit:
                body = TOO_LARGE
                start_response(
                    "413 Request Entity Too Large",
                    [
                        ("Content-Type", "text/plain; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                        ("Connection", "close"),
                    ],
                )
                return [body]
        return self.app(environ, start_response)


def _shallow_loads(text: str | bytes, **kwargs: Any) -> Any:
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise ValueError("JSON is nested too deeply") from None


class ShallowJSON:
    """The ``json`` module python-socketio decodes packets with."""

    dumps = staticmethod(json.dumps)
    loads = staticmethod(_shallow_loads)


class ShallowJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing deep nesting like any malformed JSON."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON is nested too deeply") from None
