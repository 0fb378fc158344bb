"""Start Flipover: ``python run.py [--host H] [--port P] [--db PATH] [--message-queue redis://...]``.

Monkey-patching for eventlet happens here and only here, before anything else
is imported, so tests can import the app factory without it.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import warnings

# eventlet's default listen backlog is 50: a room of phones scanning the QR code at
# the same moment (or a central host's many sessions) overflowed it and connections
# failed. The kernel caps this at net.core.somaxconn.
BACKLOG = 1024
# eventlet.wsgi serves at most 1024 requests at once by default, and every open
# WebSocket is one: the 1025th phone of a central host could not connect.
MAX_CONNECTIONS = 10_000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Flipover: digitale flip-overs voor praktijkbijeenkomsten.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind; 0.0.0.0 lets phones on the Wi-Fi in")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--db", default=None, help="SQLite file (default: instance/flipover.db)")
    parser.add_argument(
        "--async-mode",
        default=os.environ.get("FLIPOVER_ASYNC_MODE", "eventlet"),
        choices=["eventlet", "gevent", "threading"],
        help="server engine (default eventlet)",
    )
    parser.add_argument(
        "--public-url",
        default=os.environ.get("FLIPOVER_PUBLIC_BASE_URL", ""),
        help="public base URL behind a reverse proxy; overrides the detected address",
    )
    parser.add_argument(
        "--retention-days",
        type=float,
        default=float(os.environ.get("FLIPOVER_RETENTION_DAYS") or 90),
        help="erase sessions older than this many days (default 90; 0: never automatically); "
        "a trajectory may set its own period",
    )
    parser.add_argument(
        "--message-queue",
        default=os.environ.get("FLIPOVER_MESSAGE_QUEUE", ""),
        metavar="redis://HOST:PORT/DB",
        help="Redis shared by several workers on one database (docs/deploy.md); default: one process, no Redis",
    )
    parser.add_argument(
        "--trusted-proxies",
        type=int,
        default=int(os.environ.get("FLIPOVER_TRUSTED_PROXIES") or 0),
        metavar="N",
        help="number of reverse proxies whose X-Forwarded-* headers to believe (default 0)",
    )
    parser.add_argument(
        "--head-timeout",
        type=float,
        default=float(os.environ.get("FLIPOVER_HEAD_TIMEOUT") or 20),
        metavar="SECONDS",
        help="a request's line and headers must arrive within this time; also ends idle keep-alive connections",
    )
    parser.add_argument(
        "--connections-per-address",
        type=int,
        default=int(os.environ.get("FLIPOVER_CONNECTIONS_PER_ADDRESS") or -1),
        metavar="N",
        help="open connections one client address may hold (default 300; 0: no cap, the default behind a proxy)",
    )
    return parser.parse_args(argv)


def check_message_queue(url: str) -> str:
    """Fail at start-up, not later with events silently lost, when Redis is unreachable.

    Returns the URL without credentials, for the banner.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    shown = f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}{parts.path}"  # never the password
    try:
        import redis
    except ImportError:
        sys.exit("--message-queue vraagt het pakket 'redis': pip install -r requirements.txt")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        sys.exit(f"Redis op {shown} is niet bereikbaar ({exc}). Start Redis of controleer --message-queue.")
    return shown


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.async_mode == "eventlet":
        # The product owner's choice; its deprecation notice is for developers, not for the facilitator.
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
        import eventlet

        eventlet.monkey_patch()
    elif args.async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()

    from app import create_app, socketio_of
    from app.links import lan_address

    overrides: dict[str, object] = {
        "ASYNC_MODE": args.async_mode,
        "PUBLIC_BASE_URL": args.public_url,
        "RETENTION_DAYS": args.retention_days,
        "MESSAGE_QUEUE": args.message_queue or None,
        "TRUSTED_PROXIES": args.trusted_proxies,
    }
    queue = check_message_queue(args.message_queue) if args.message_queue else None
    if args.db:
        overrides["DATABASE"] = os.path.abspath(args.db)
    lan = lan_address() if args.host in ("0.0.0.0", "::") else None
    if lan:
        overrides["LAN_BASE_URL"] = f"http://{lan}:{args.port}"
    app = create_app(overrides)
    from app import gcwatch
    from app.retention import start_sweeper

    if os.environ.get("FLIPOVER_GC_LOG"):
        gcwatch.watch(os.environ["FLIPOVER_GC_LOG"])
    if os.environ.get("FLIPOVER_GC_DEFAULTS") != "1":  # (the benchmarks compare with CPython's defaults)
        gcwatch.settle()

    start_sweeper(app)

    if args.async_mode == "eventlet":
        import eventlet
        import eventlet.wsgi

        # socketio.run() would bind with SO_REUSEPORT: a leftover server on the
        # same port must make us fail loudly, not silently split the phones.
        family = eventlet.green.socket.AF_INET6 if ":" in args.host else eventlet.green.socket.AF_INET
        try:
            listener = eventlet.listen((args.host, args.port), family=family, backlog=BACKLOG, reuse_port=False)
        except OSError as exc:
            sys.exit(f"Poort {args.port} is niet beschikbaar ({exc.strerror}). Draait Flipover al? Kies anders --port.")
        # Without it the ack waits ~40 ms behind the note:added just written to
        # the same phone (Nagle + delayed ACK); Linux copies it to accepted sockets.
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        from app import httpserver

        per_address = args.connections_per_address
        if per_address < 0:
            # Behind a proxy every connection comes from the proxy: capping is its job.
            per_address = 0 if args.trusted_proxies else httpserver.CONNECTIONS_PER_ADDRESS
        print_banner(args, lan, queue)
        eventlet.wsgi.server(
            listener,
            app,
            log_output=False,
            max_size=MAX_CONNECTIONS,
            socket_timeout=httpserver.SOCKET_TIMEOUT,
            protocol=httpserver.guarded_protocol(args.head_timeout, per_address),
        )
    else:
        print_banner(args, lan, queue)
        socketio_of(app).run(app, host=args.host, port=args.port, log_output=False, allow_unsafe_werkzeug=True)


def print_banner(args: argparse.Namespace, lan: str | None, queue: str | None = None) -> None:
    """Tell the facilitator where to begin, and whether phones can reach us."""
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    start_url = args.public_url or f"http://{shown_host}:{args.port}"
    print(f"Flipover draait. Begeleider, begin hier: {start_url}/", flush=True)
    if lan:
        print(f"Telefoons in dit netwerk bereiken Flipover via http://{lan}:{args.port}/", flush=True)
    elif args.host in ("127.0.0.1", "localhost"):
        print(
            "Let op: alleen deze computer kan Flipover bereiken. Start met --host 0.0.0.0 voor telefoons.", flush=True
        )
    if queue:
        print(f"Werkproces op poort {args.port}; deelt sessies met de andere werkprocessen via {queue}.", flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
