"""Resource limits: what one client may create, how full a session may get, and the disk.

An anonymous client can create sessions, trajectories, uploads and participants, so
each creation passes here first (docs/architecture.md, "Limits"; the numbers are
configuration, app/config.py):

* **per client address** a token bucket for each kind (a burst, then a steady rate).
  Behind the practice's NAT twenty phones share one address, so the join bucket is
  wide; a flood is refused with 429 and ``Retry-After``. The address is the one
  app/joinguard.py uses (the proxy's ``X-Forwarded-For`` only with TRUSTED_PROXIES).
  The buckets live in this process: N workers allow N times as much.
* **per session** caps on participants, notes, cards and uploaded bytes; the domain
  functions enforce them (``sessions.join_participant``, ``posting.post_note``) and
  refuse with "Deze bijeenkomst zit vol: …".
* **the disk**: below MIN_FREE_DISK_MB free, new sessions, trajectories and uploads
  are refused with 507; meetings already running keep storing.

And when storing fails anyway, the person who asked hears why: a full disk ("database
or disk is full", ENOSPC) answers 507, a database held by another process ("database
is locked") 503 with ``Retry-After``, over HTTP as ``{"error": ...}`` JSON and over
Socket.IO as ``{"ok": false, "error": ...}`` (:func:`storage_refusal`).
"""

from __future__ import annotations

import errno
import logging
import math
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_request_context, jsonify, request
from werkzeug.exceptions import InternalServerError

from app import joinguard
from app.errors import UserError
from app.i18n import _
from app.ratelimit import RateLimiter

log = logging.getLogger(__name__)

KINDS = ("sessions", "trajectories", "uploads", "joins")
BUSY_RETRY_SECONDS = 5
# Buckets kept before full ones (nobody used them for a while) are dropped.
PRUNE_AT = 10_000


class LimitError(UserError):
    """A refusal with its HTTP status (and ``Retry-After`` seconds, if any)."""

    status = 400
    retry_after: int | None = None

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        if retry_after is not None:
            self.retry_after = retry_after


class TooFast(LimitError):
    """This address creates too much too quickly (429)."""

    status = 429


class SessionFull(LimitError):
    """The session reached one of its caps (409; 413 for uploaded bytes)."""

    status = 409


class LowDisk(LimitError):
    """Too little free disk to start something new (507)."""

    status = 507


class StorageFull(LimitError):
    """Storing failed: the disk or the database is full (507)."""

    status = 507


class DatabaseBusy(LimitError):
    """Storing failed: another process held the database too long (503)."""

    status = 503
    retry_after = BUSY_RETRY_SECONDS


def storage_full_message() -> str:
    return _(
        "De server heeft geen schijfruimte meer: dit is niet opgeslagen. "
        "Vraag de beheerder van de server om ruimte vrij te maken."
    )


def busy_message() -> str:
    return _("De database is even bezet: dit is niet opgeslagen. Probeer het over een paar tellen opnieuw.")


def storage_refusal(exc: BaseException) -> LimitError | None:
    """The refusal for a storage failure a person should hear about, else None (a bug)."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text:
            return StorageFull(storage_full_message())
        if "locked" in text or "busy" in text:
            return DatabaseBusy(busy_message())
    elif isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull(storage_full_message())
    return None


# --- per client address ------------------------------------------------------------------------


class AddressBuckets(RateLimiter):
    """Token buckets keyed by client address, that say how long until the next token."""

    def wait(self, key: object) -> int:
        """Whole seconds until ``key`` has a token again (at least 1)."""
        bucket = self._buckets.get(key)
        if bucket is None or self.per_second <= 0:
            return 3600
        tokens = min(bucket.capacity, bucket.tokens + (time.monotonic() - bucket.stamp) * bucket.per_second)
        return max(1, math.ceil((1 - tokens) / self.per_second))

    def allow(self, key: object) -> bool:
        if len(self._buckets) > PRUNE_AT:
            self._prune()
        return super().allow(key)

    def _prune(self) -> None:
        now = time.monotonic()
        for key, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.stamp) * bucket.per_second >= bucket.capacity:
                del self._buckets[key]


def _too_fast(kind: str, wait: int) -> str:
    later = _("%(n)s seconden", n=wait) if wait < 120 else _("%(n)s minuten", n=math.ceil(wait / 60))
    if kind == "sessions":
        return _("Te veel nieuwe bijeenkomsten vanaf dit netwerk. Probeer het over %(later)s opnieuw.", later=later)
    if kind == "trajectories":
        return _("Te veel nieuwe trajecten vanaf dit netwerk. Probeer het over %(later)s opnieuw.", later=later)
    if kind == "uploads":
        return _("Te veel uploads vanaf dit netwerk. Probeer het over %(later)s opnieuw.", later=later)
    return _("Te veel nieuwe deelnemers vanaf dit netwerk. Probeer het over %(later)s opnieuw.", later=later)


def _buckets(kind: str) -> AddressBuckets:
    return current_app.extensions["flipover.limits"][kind]


def check_rate(kind: str) -> None:
    """Take one of ``kind`` from the caller's address, or raise :class:`TooFast`."""
    buckets = _buckets(kind)
    address = joinguard.client_address()
    if not buckets.allow(address):
        wait = buckets.wait(address)
        raise TooFast(_too_fast(kind, wait), retry_after=wait)


# --- the disk ------------------------------------------------------------------------------------


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def check_disk(kind: str) -> None:
    """Raise :class:`LowDisk` when the filesystem that ``kind`` writes to is nearly full."""
    config = current_app.config
    floor = float(config["MIN_FREE_DISK_MB"]) * 1024 * 1024
    if floor <= 0 or config["DATABASE"] == ":memory:":
        return
    paths = {Path(config["DATABASE"]).parent}
    if kind == "uploads":
        paths.add(Path(config["UPLOADS_DIR"]))
    if all(shutil.disk_usage(_existing(p)).free >= floor for p in paths):
        return
    log.warning("refused new %s: less than %s MB free disk", kind, config["MIN_FREE_DISK_MB"])
    if kind == "trajectories":
        raise LowDisk(
            _("De server heeft bijna geen schijfruimte meer; nieuwe trajecten kunnen nu niet worden gemaakt.")
        )
    if kind == "uploads":
        raise LowDisk(_("De server heeft bijna geen schijfruimte meer; er kunnen nu geen afbeeldingen bij."))
    raise LowDisk(
        _("De server heeft bijna geen schijfruimte meer; nieuwe bijeenkomsten kunnen nu niet worden gemaakt.")
    )


def admit(kind: str) -> None:
    """Before creating a session, trajectory or upload: enough disk, and this address not too fast."""
    check_disk(kind)
    check_rate(kind)


# --- per session -----------------------------------------------------------------------------------


def cap(name: str) -> int:
    """A per-session cap from the configuration (``participants``, ``notes``, ``cards``, ``upload_bytes``)."""
    return int(current_app.config[f"SESSION_MAX_{name.upper()}"])


def full_message(what: str) -> str:
    return _("Deze bijeenkomst zit vol: %(what)s", what=what)


def check_upload_bytes(folder: Path, adding: int) -> None:
    """Refuse (413) when the session's stored files plus ``adding`` bytes pass its cap."""
    limit = cap("upload_bytes")
    stored = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else 0
    if stored + adding > limit:
        error = SessionFull(
            full_message(
                _(
                    "samen mogen de afbeeldingen maximaal %(mb)s MB zijn. Verwijder eerst kaarten of foto's.",
                    mb=limit // 2**20,
                )
            )
        )
        error.status = 413
        raise error


# --- answering -------------------------------------------------------------------------------------


def _answer(exc: LimitError) -> Any:
    body = {"error": str(exc)}
    if has_request_context() and not request.path.startswith("/api/"):
        response = current_app.response_class(str(exc), status=exc.status, mimetype="text/plain")
    else:
        response = jsonify(body)
        response.status_code = exc.status
    if exc.retry_after:
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def init_app(app: Flask) -> None:
    config = app.config
    app.extensions["flipover.limits"] = {
        kind: AddressBuckets(
            float(config[f"{kind.upper()}_PER_ADDRESS_BURST"]),
            float(config[f"{kind.upper()}_PER_ADDRESS_PER_MINUTE"]) / 60.0,
        )
        for kind in KINDS
    }
    app.register_error_handler(LimitError, _answer)

    def storage_failed(exc: Exception) -> Any:
        refusal = storage_refusal(exc)
        if refusal is None:
            raise exc
        log.warning("storing failed (%s) on %s %s", exc, request.method, request.path)
        return _answer(refusal)

    app.register_error_handler(sqlite3.OperationalError, storage_failed)
    app.register_error_handler(OSError, storage_failed)

    def server_error(exc: InternalServerError) -> Any:
        """Any other crash: in JSON and Dutch under /api/ (never Werkzeug's English page)."""
        if not request.path.startswith("/api/"):
            return exc
        original = exc.original_exception
        refusal = storage_refusal(original) if original is not None else None
        if refusal is not None:
            return _answer(refusal)
        return jsonify({"error": _("Er ging iets mis op de server. Probeer het opnieuw.")}), 500

    app.register_error_handler(InternalServerError, server_error)
