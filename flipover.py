"""The command line of Flipover: ``flipover`` (the installed command) and ``run.py`` (the
development entry in a checkout) are both :func:`main`, with the same flags.

    flipover [--host H] [--port P] [--db PATH] [--public-url URL] [--no-browser] [--where] ...

They differ in three defaults only: ``flipover`` listens on every interface (phones on the
Wi-Fi must reach it), keeps its data in the user's data folder (``flipover --where``) and
opens the facilitator's start page in the browser; ``run.py`` listens on 127.0.0.1, keeps
``instance/`` and ``exports/`` in the checkout and opens no browser.

Monkey-patching for eventlet happens here and only here, before anything of the app is
imported, so tests can import the app factory without it. That is why this module is not
inside ``app/``: importing ``app.anything`` first runs ``app/__init__.py``, which loads Flask
and Flask-SocketIO before eventlet could patch sockets and locks.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import threading
import warnings
import webbrowser

# eventlet's default listen backlog is 50: a room of phones scanning the QR code at
# the same moment (or a central host's many sessions) overflowed it and connections
# failed. The kernel caps this at net.core.somaxconn.
BACKLOG = 1024
# eventlet.wsgi serves at most 1024 requests at once by default, and every open
# WebSocket is one: the 1025th phone of a central host could not connect.
MAX_CONNECTIONS = 10_000
# The line for every run without eventlet: a meeting of 20 phones needs nothing more.
SIMPLE_MODE = (
    "Flipover draait in de eenvoudige modus (threading): ruim genoeg voor een bijeenkomst met zo'n 20 telefoons."
)


def parse_args(argv: list[str] | None = None, *, checkout: bool = False) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run.py" if checkout else "flipover",
        description="Flipover: digitale flip-overs voor praktijkbijeenkomsten.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1" if checkout else "0.0.0.0",
        help="address to bind; 0.0.0.0 lets phones on the Wi-Fi in "
        + ("(default 127.0.0.1)" if checkout else "(the default of flipover)"),
    )
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file (default: "
        + ("instance/flipover.db" if checkout else "in the user data folder, see --where")
        + ")",
    )
    parser.add_argument(
        "--async-mode",
        default=os.environ.get("FLIPOVER_ASYNC_MODE") or None,
        choices=["eventlet", "gevent", "threading"],
        help="server engine (default eventlet; threading where eventlet cannot be used, and on Windows)",
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
    parser.add_argument(
        "--browser",
        action=argparse.BooleanOptionalAction,
        default=not checkout,
        help="open the facilitator's start page in the default browser "
        + ("(default: no)" if checkout else "(default: yes)"),
    )
    parser.add_argument(
        "--where",
        action="store_true",
        help="print where the database, secret key, uploads and exports are kept, and stop",
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
        sys.exit(
            "--message-queue vraagt het pakket 'redis': pip install -r requirements.txt "
            "(geïnstalleerd met pipx: pipx inject flipover redis)"
        )
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        sys.exit(f"Redis op {shown} is niet bereikbaar ({exc}). Start Redis of controleer --message-queue.")
    return shown


def choose_async_mode(requested: str | None) -> tuple[str, str | None]:
    """Patch for the server engine, if it needs it; returns the engine that will run and,
    when that is not the one asked for, a line in Dutch saying why.

    eventlet is the default, but not on Windows, where its support is partial; and where it
    cannot be imported or patch this Python, Flipover falls back to threading."""
    if requested is None and sys.platform == "win32":
        return "threading", "Op Windows gebruikt Flipover geen eventlet."
    mode = requested or "eventlet"
    if mode == "eventlet":
        # The product owner's choice; its deprecation notice is for developers, not for the facilitator.
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
        try:
            import eventlet

            eventlet.monkey_patch()
        except Exception as exc:  # an ImportError, or a Python or system eventlet does not support
            return "threading", f"eventlet werkt hier niet ({type(exc).__name__}: {exc})."
    elif mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    return mode, None


def data_overrides(args: argparse.Namespace, *, checkout: bool) -> dict[str, object]:
    """The folders for the database, secret key, uploads and exports: the checkout's
    instance/ and exports/ for run.py, the user data folder for flipover (app/config.py)."""
    from app.config import data_dirs

    instance, exports = data_dirs(installed=None if checkout else True)
    overrides: dict[str, object] = {"INSTANCE_DIR": str(instance), "EXPORTS_DIR": str(exports)}
    overrides["DATABASE"] = os.path.abspath(args.db) if args.db else str(instance / "flipover.db")
    return overrides


def print_where(args: argparse.Namespace, *, checkout: bool) -> None:
    """``--where``: the folders a facilitator backs up, or removes after uninstalling."""
    from app.config import ROOT

    data = data_overrides(args, checkout=checkout)
    instance = str(data["INSTANCE_DIR"])
    key = os.path.join(instance, "secret_key")
    if os.environ.get("FLIPOVER_SECRET_KEY"):
        key = "uit de omgeving (FLIPOVER_SECRET_KEY)"
    uploads = os.environ.get("FLIPOVER_UPLOADS_DIR") or os.path.join(instance, "uploads")
    print(f"Gegevens:        {instance}")
    print(f"Database:        {data['DATABASE']}")
    print(f"Geheime sleutel: {key}")
    print(f"Uploads:         {uploads}")
    print(f"Exports:         {data['EXPORTS_DIR']}")
    print(f"Programma:       {ROOT}")


def main(argv: list[str] | None = None, *, checkout: bool = False) -> None:
    """Start the server. ``checkout``: run.py's defaults (see the module's docstring)."""
    args = parse_args(argv, checkout=checkout)
    if args.where:
        print_where(args, checkout=checkout)
        return
    args.async_mode, why = choose_async_mode(args.async_mode)
    if args.async_mode == "threading":
        print(f"{why} {SIMPLE_MODE}" if why else SIMPLE_MODE, flush=True)

    from app import create_app, socketio_of
    from app.links import lan_address

    overrides: dict[str, object] = {
        "ASYNC_MODE": args.async_mode,
        "PUBLIC_BASE_URL": args.public_url,
        "RETENTION_DAYS": args.retention_days,
        "MESSAGE_QUEUE": args.message_queue or None,
        "TRUSTED_PROXIES": args.trusted_proxies,
        **data_overrides(args, checkout=checkout),
    }
    queue = check_message_queue(args.message_queue) if args.message_queue else None
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
    app.extensions["flipover.store"].checkpoint_in_background()

    if args.async_mode == "eventlet":
        import eventlet
        import eventlet.wsgi

        # socketio.run() would bind with SO_REUSEPORT: a leftover server on the
        # same port must make us fail loudly, not silently split the phones.
        family = eventlet.green.socket.AF_INET6 if ":" in args.host else eventlet.green.socket.AF_INET
        try:
            listener = eventlet.listen((args.host, args.port), family=family, backlog=BACKLOG, reuse_port=False)
        except OSError as exc:
            sys.exit(port_taken(args.port, exc))
        # Without it the ack waits ~40 ms behind the note:added just written to
        # the same phone (Nagle + delayed ACK); Linux copies it to accepted sockets.
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        from app import httpserver

        per_address = args.connections_per_address
        if per_address < 0:
            # Behind a proxy every connection comes from the proxy: capping is its job.
            per_address = 0 if args.trusted_proxies else httpserver.CONNECTIONS_PER_ADDRESS
        print_banner(args, lan, queue)
        open_browser(args)
        eventlet.wsgi.server(
            listener,
            app,
            log_output=False,
            max_size=MAX_CONNECTIONS,
            socket_timeout=httpserver.SOCKET_TIMEOUT,
            protocol=httpserver.guarded_protocol(args.head_timeout, per_address),
        )
    else:
        check_port_free(args.host, args.port)
        # Werkzeug's notices of a development server (in English) are for developers, not
        # for the facilitator; the banner says what matters. Its errors still show.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        print_banner(args, lan, queue)
        open_browser(args)
        socketio_of(app).run(app, host=args.host, port=args.port, log_output=False, allow_unsafe_werkzeug=True)


def port_taken(port: int, exc: OSError) -> str:
    return (
        f"Poort {port} is niet beschikbaar ({exc.strerror}). Draait Flipover al? Kies anders --port, "
        f"bijvoorbeeld: flipover --port {port + 1}"
    )


def check_port_free(host: str, port: int) -> None:
    """The threading server (Werkzeug) would share or steal a taken port, or fail in English:
    find out first, and say it in Dutch."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: fail on any other socket on the port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:  # elsewhere a connection still closing (TIME_WAIT) must not count as taken
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError as exc:
            sys.exit(port_taken(port, exc))


def start_url(args: argparse.Namespace) -> str:
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    return args.public_url.rstrip("/") if args.public_url else f"http://{shown_host}:{args.port}"


def open_browser(args: argparse.Namespace) -> None:
    """The facilitator's start page in the default browser, once the server listens."""
    if not args.browser:
        return
    url = start_url(args) + "/"
    # webbrowser may wait for the program it starts: never hold up the server for it.
    threading.Timer(0.5, webbrowser.open, args=(url,)).start()


def print_banner(args: argparse.Namespace, lan: str | None, queue: str | None = None) -> None:
    """Tell the facilitator where to begin, and whether phones can reach us."""
    print(f"Flipover draait. Begeleider, begin hier: {start_url(args)}/", flush=True)
    if lan:
        print(f"Telefoons in dit netwerk bereiken Flipover via http://{lan}:{args.port}/", flush=True)
        print(
            "Komen telefoons er niet in, ook al zitten ze op hetzelfde wifi? Dan houdt het (gast)netwerk "
            "apparaten van elkaar gescheiden. Zet op je eigen telefoon een hotspot aan en verbind de laptop "
            "en de telefoons daarmee, of vraag de praktijk om een wifi zonder die scheiding.",
            flush=True,
        )
    elif args.host in ("127.0.0.1", "localhost"):
        print(
            "Let op: alleen deze computer kan Flipover bereiken. Start met --host 0.0.0.0 voor telefoons.", flush=True
        )
    if queue:
        print(f"Werkproces op poort {args.port}; deelt sessies met de andere werkprocessen via {queue}.", flush=True)
    print("Stoppen: Ctrl+C in dit venster.", flush=True)


if __name__ == "__main__":
    main()
