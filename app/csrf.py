"""Cross-site request forgery: state-changing HTTP requests must come from our own pages.

The facilitator is recognised by a cookie, so a page elsewhere could try to make
the facilitator's browser delete a session or upload pictures. The cookie is
SameSite=Lax (not sent on cross-site POST/DELETE), and on top of that every
unsafe request that a browser marks as coming from another origin is refused,
as OWASP advises (verify the Origin header, else Sec-Fetch-Site). Clients that
are not browsers send neither header and authenticate with the bearer token.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, request

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
MESSAGE = "Verzoek van een andere website geweigerd."


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed_origins() -> set[str]:
    origins = {_origin_of(request.host_url)}
    public = current_app.config.get("PUBLIC_BASE_URL")
    if public:
        origins.add(_origin_of(public))
    return origins


def cross_site() -> bool:
    origin = request.headers.get("Origin")
    if origin:
        return origin.lower() == "null" or _origin_of(origin) not in allowed_origins()
    return request.headers.get("Sec-Fetch-Site") == "cross-site"


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_cross_site():
        if request.method in UNSAFE and cross_site():
            if request.path.startswith("/api/"):
                return jsonify({"error": MESSAGE}), 403
            return MESSAGE, 403
        return None
