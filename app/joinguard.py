"""Guessing join codes is slow: failed lookups are counted per client address.

Only *failures* count. A practice's 50 phones behind one NAT address all join
with the right code at once and never touch the limit; an address that tries
many wrong codes is refused for a while, whatever it types next. With 31⁶ codes
and about 10 guesses a minute, finding a live session takes years.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from app import sessions
from app.codes import normalise_code
from app.context import store
from app.errors import UserError
from app.i18n import lazy_gettext as _l
from app.ratelimit import RateLimiter

# Lazy: the module constant (tests compare with it) reads in the language in force when used.
TOO_MANY = _l("Te veel onjuiste codes geprobeerd vanaf dit netwerk. Wacht een minuut en probeer het dan opnieuw.")


class TooManyAttempts(UserError):
    """This address tried too many wrong codes; the message is for people."""


class JoinGuard:
    def __init__(self, burst: int, per_minute: float) -> None:
        self.failures = RateLimiter(burst, per_minute / 60.0)

    def blocked(self, address: str) -> bool:
        return self.failures.empty(address)

    def failed(self, address: str) -> None:
        self.failures.allow(address)


def _guard() -> JoinGuard:
    return current_app.extensions["flipover.join_guard"]


def client_address() -> str:
    return request.remote_addr or "?"


def lookup(raw_code: object) -> dict[str, Any] | None:
    """The session for a typed or scanned code, counting a miss against the caller's address.

    Raises TooManyAttempts while the address is refused.
    """
    address = client_address()
    guard = _guard()
    if guard.blocked(address):
        raise TooManyAttempts(str(TOO_MANY))
    code = normalise_code(raw_code) if isinstance(raw_code, str) else ""
    session = sessions.get_session(store(), code) if code else None
    if session is None:
        guard.failed(address)
    return session


def init_app(app: Any) -> None:
    app.extensions["flipover.join_guard"] = JoinGuard(
        app.config["JOIN_FAILURE_BURST"], app.config["JOIN_FAILURES_PER_MINUTE"]
    )
