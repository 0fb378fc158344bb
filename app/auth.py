"""Who is facilitator: a secret token per session, never the client's word.

The token arrives once in the facilitator link; the page then keeps it in an
HttpOnly cookie scoped to the session. API clients send it as a Bearer token.
"""

from __future__ import annotations

from flask import Request


def cookie_name(code: str) -> str:
    return f"fo_fac_{code}"


def token_from_request(req: Request, code: str) -> str | None:
    header = req.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip() or None
    return req.cookies.get(cookie_name(code))
