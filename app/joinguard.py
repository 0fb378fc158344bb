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
from app.auth import facilitator_allowed
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


def lookup(raw_code: object, *, facilitator_token: object = None) -> dict[str, Any] | None:
    """The session for a typed or scanned code, counting a miss against the caller's address.

    Raises TooManyAttempts while the address is refused, except to the session's own
    facilitator (its token in ``facilitator_token``, the request's cookie or Bearer header,
    or the home key): someone who holds the code *and* its token is not guessing, and a
    practice's typos must not lock its project leader out of the report.
    """
    address = client_address()
    guard = _guard()
    code = normalise_code(raw_code) if isinstance(raw_code, str) else ""
    if guard.blocked(address):
        session = sessions.get_session(store(), code) if code else None
        if session is not None and facilitator_allowed(session, request, facilitator_token):
            return session
        raise TooManyAttempts(str(TOO_MANY))
    session = sessions.get_session(store(), code) if code else None
    if session is None:
        guard.failed(address)
    return session


def init_app(app: Any) -> None:
    app.extensions["flipover.join_guard"] = JoinGuard(
        app.config["JOIN_FAILURE_BURST"], app.config["JOIN_FAILURES_PER_MINUTE"]
    )
