"""Configuration defaults; run.py and tests override them through create_app()."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
# The shared static/, templates/ and translations/: next to app/ in a source checkout; inside
# the package, under app/_data/, in an installed wheel (pyproject.toml's wheel sources), so
# that they never lie loose in site-packages where another project's folders of the same
# name would collide with them. A checkout has no app/_data.
_SHIPPED = _PACKAGE / "_data"
INSTALLED = _SHIPPED.is_dir()
ROOT = _SHIPPED if INSTALLED else _PACKAGE.parent
APP_NAME = "flipover"


def user_data_dir() -> Path:
    """Where an installed Flipover keeps the database, secret key, uploads and exports:
    ``FLIPOVER_DATA_DIR``, else the platform's folder for a user's application data
    (``~/.local/share/flipover``, ``%LOCALAPPDATA%\\flipover``, ``~/Library/Application Support/flipover``)."""
    env = os.environ.get("FLIPOVER_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def data_dirs(installed: bool | None = None) -> tuple[Path, Path]:
    """The instance folder (database, secret key, uploads) and the exports folder.

    A source checkout keeps ``instance/`` and ``exports/`` in the checkout, as run.py always
    did; an installed Flipover (``flipover``, or any run with ``FLIPOVER_DATA_DIR`` set) keeps
    both in :func:`user_data_dir`, never in site-packages."""
    if installed is None:
        installed = INSTALLED or bool(os.environ.get("FLIPOVER_DATA_DIR"))
    if installed:
        base = user_data_dir()
        return base, base / "exports"
    return ROOT / "instance", ROOT / "exports"


def _secret_key(instance: Path) -> str:
    """Read the secret key from the environment or an instance file made on first run."""
    env = os.environ.get("FLIPOVER_SECRET_KEY")
    if env:
        return env
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _env(key: str, default: int | float) -> int | float:
    """A number from FLIPOVER_<key>, else ``default`` (of the same type)."""
    raw = os.environ.get(f"FLIPOVER_{key}")
    return type(default)(raw) if raw else default


def defaults(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    overrides = dict(overrides or {})
    default_instance, default_exports = data_dirs()
    instance = Path(overrides.get("INSTANCE_DIR") or default_instance)
    config: dict[str, Any] = {
        "INSTANCE_DIR": str(instance),
        "DATABASE": str(instance / "flipover.db"),
        "EXPORTS_DIR": str(default_exports),
        # The shared front end (static/). Another folder only to try a changed file
        # (tests/test_browser_assets.py); its files get new fingerprints as they change.
        "STATIC_DIR": os.environ.get("FLIPOVER_STATIC_DIR") or str(ROOT / "static"),
        # Public base URL (behind a reverse proxy); overrides every detected address.
        "PUBLIC_BASE_URL": os.environ.get("FLIPOVER_PUBLIC_BASE_URL", ""),
        # Set by run.py when it binds all interfaces: the address phones can reach.
        "LAN_BASE_URL": "",
        "ASYNC_MODE": os.environ.get("FLIPOVER_ASYNC_MODE", "threading"),
        # Redis URL (redis://host:port/db) for several workers; None: one process, nothing shared.
        "MESSAGE_QUEUE": os.environ.get("FLIPOVER_MESSAGE_QUEUE") or None,
        # Reverse proxies in front of us whose X-Forwarded-For/-Proto/-Host we believe (0: none).
        "TRUSTED_PROXIES": int(os.environ.get("FLIPOVER_TRUSTED_PROXIES") or 0),
        # Host names besides this machine's own and --public-url's that requests may name
        # (app/gate.py; "*": any). IP addresses are always accepted.
        "ALLOWED_HOSTS": [h for h in os.environ.get("FLIPOVER_ALLOWED_HOSTS", "").split(",") if h.strip()],
        # Per participant: a burst of posts, then a steady rate.
        "RATE_BURST": 20,
        "RATE_PER_SECOND": 1.0,
        # New identities one connection may take (a phone joins once; a reload keeps its token):
        # without this, re-joining without a token would reset the per-participant rate above.
        "NEW_IDENTITIES_PER_CONNECTION_BURST": 3,
        "NEW_IDENTITIES_PER_CONNECTION_PER_MINUTE": 1.0,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        # Erase sessions older than this many days (0: keep until the facilitator deletes them);
        # a trajectory may set its own period (app/retention.py, docs/privacy.md).
        "RETENTION_DAYS": float(os.environ.get("FLIPOVER_RETENTION_DAYS") or 90),
        # Wrong join codes per client address: a burst of typos, then about one every 6 s.
        "JOIN_FAILURE_BURST": 20,
        "JOIN_FAILURES_PER_MINUTE": 10.0,
        # --- Resource limits (app/limits.py; docs/architecture.md "Limits"). Each can be set as
        # FLIPOVER_<KEY> too. Per client address (a practice's phones share ONE address behind
        # NAT): a burst, then a steady rate; per session: caps; the disk: a free-space floor.
        "SESSIONS_PER_ADDRESS_BURST": _env("SESSIONS_PER_ADDRESS_BURST", 20),
        "SESSIONS_PER_ADDRESS_PER_MINUTE": _env("SESSIONS_PER_ADDRESS_PER_MINUTE", 0.5),
        "TRAJECTORIES_PER_ADDRESS_BURST": _env("TRAJECTORIES_PER_ADDRESS_BURST", 10),
        "TRAJECTORIES_PER_ADDRESS_PER_MINUTE": _env("TRAJECTORIES_PER_ADDRESS_PER_MINUTE", 0.2),
        "UPLOADS_PER_ADDRESS_BURST": _env("UPLOADS_PER_ADDRESS_BURST", 20),  # upload requests (≤ 10 files each)
        "UPLOADS_PER_ADDRESS_PER_MINUTE": _env("UPLOADS_PER_ADDRESS_PER_MINUTE", 1.0),
        "JOINS_PER_ADDRESS_BURST": _env("JOINS_PER_ADDRESS_BURST", 60),  # new participants (a rejoin is free)
        "JOINS_PER_ADDRESS_PER_MINUTE": _env("JOINS_PER_ADDRESS_PER_MINUTE", 30.0),
        "SESSION_MAX_PARTICIPANTS": _env("SESSION_MAX_PARTICIPANTS", 200),
        "SESSION_MAX_NOTES": _env("SESSION_MAX_NOTES", 3000),
        "SESSION_MAX_CARDS": _env("SESSION_MAX_CARDS", 40),  # the practice's own kennismaken cards
        "SESSION_MAX_UPLOAD_BYTES": _env("SESSION_MAX_UPLOAD_BYTES", 25 * 1024 * 1024),
        # New sessions, trajectories and uploads are refused below this much free disk (existing ones go on).
        "MIN_FREE_DISK_MB": _env("MIN_FREE_DISK_MB", 500),
        # How long a write waits for another worker's lock before "database is busy" (503).
        "DATABASE_BUSY_TIMEOUT_MS": _env("DATABASE_BUSY_TIMEOUT_MS", 5000),
        # Heavy work (PDF reports, image decoding; app/blocking.py run_heavy): at most this many
        # child processes at once per server process, a few requests waiting a while for a turn
        # (then a 503), and per child a memory limit and a time limit.
        "HEAVY_JOBS": int(os.environ.get("FLIPOVER_HEAVY_JOBS") or 2),
        "HEAVY_MAX_WAITING": 8,
        "HEAVY_WAIT_SECONDS": 30.0,
        "HEAVY_MEMORY_MB": int(os.environ.get("FLIPOVER_HEAVY_MEMORY_MB") or 1024),
        "HEAVY_TIMEOUT_SECONDS": float(os.environ.get("FLIPOVER_HEAVY_TIMEOUT_SECONDS") or 120),
    }
    config.update(overrides)
    # Workers count who is online in the shared database (app/presence.py); one process counts in memory.
    config.setdefault("SHARED_PRESENCE", bool(config["MESSAGE_QUEUE"]))
    config.setdefault("PRESENCE_HEARTBEAT", True)
    # In-process unit tests run heavy work on a thread: their test-only work formats cannot be
    # imported by a child (tests/test_heavy.py switches the child on). The server always uses one.
    config.setdefault("HEAVY_IN_CHILD", not config.get("TESTING", False))
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = _secret_key(Path(config["INSTANCE_DIR"]))
    return config
