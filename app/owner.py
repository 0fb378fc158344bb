"""The home key: how a facilitator finds their own trajectories and sessions without an account.

The first session or trajectory a browser creates gives it a random key in an
HttpOnly cookie; what it creates afterwards is stored with the key's hash. The
home page (/home) lists what belongs to that hash, and the key also opens those
sessions' facilitator pages. The key moves to another device through a secret
link (/home?key=…), the same way the facilitator link does.
"""

from __future__ import annotations

from flask import Request, Response

from app.codes import hash_token, new_token, token_matches

COOKIE = "fo_home"
MAX_AGE = 60 * 60 * 24 * 365


def valid(key: object) -> bool:
    return isinstance(key, str) and 16 <= len(key) <= 64 and key.replace("-", "").replace("_", "").isalnum()


def key_from(req: Request) -> str | None:
    key = req.cookies.get(COOKIE, "")
    return key if valid(key) else None


def hash_from(req: Request) -> str:
    """The owner hash of this browser, '' when it has no key yet."""
    key = key_from(req)
    return hash_token(key) if key else ""


def owns(req: Request, owner_hash: str | None) -> bool:
    return bool(owner_hash) and token_matches(key_from(req), owner_hash)


def new_key() -> str:
    return new_token()


def remember(response: Response, req: Request, key: str) -> None:
    response.set_cookie(COOKIE, key, max_age=MAX_AGE, httponly=True, samesite="Lax", secure=req.is_secure)
