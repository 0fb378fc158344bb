"""Who is facilitator: a secret token per session, never the client's word.

The token arrives once in the facilitator link; the page then keeps it in an
HttpOnly cookie scoped to the session. API clients send it as a Bearer token.
The browser that created a session may also prove it with its home key
(app/owner.py), so the facilitator's home page opens every session they made.
"""

from __future__ import annotations

from typing import Any

from flask import Request, abort

from app import owner, sessions
from app.i18n import _


def cookie_name(code: str) -> str:
    return f"fo_fac_{code}"


def token_from_request(req: Request, code: str) -> str | None:
    header = req.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip() or None
    return req.cookies.get(cookie_name(code))


def facilitator_allowed(session: dict[str, Any] | None, req: Request, token: object = None) -> bool:
    """True when ``token`` (else the request's Bearer/cookie token) or the home key proves the facilitator."""
    if not session:
        return False
    if sessions.facilitator_ok(session, token or token_from_request(req, session["code"])):
        return True
    return owner.owns(req, session.get("owner_hash"))


def require_facilitator(session: dict[str, Any], req: Request) -> dict[str, Any]:
    """``session`` if the request proves its facilitator; else abort with 401 (no proof) or 403 (wrong token)."""
    if facilitator_allowed(session, req):
        return session
    if not token_from_request(req, session["code"]):
        abort(401, description=_("Alleen de begeleider kan dit: open de bijeenkomst via je begeleiderslink."))
    abort(403, description=_("Deze begeleiderslink hoort niet bij deze bijeenkomst."))
