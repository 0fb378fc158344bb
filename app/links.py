"""The addresses people are given: join, board and facilitator links, and the QR code.

A phone in the room cannot reach ``localhost``. The base URL is, in order:
the configured public base URL; the LAN address run.py detected when it binds
all interfaces, if the facilitator opened the app on a loopback address; else
the address the facilitator's own browser used.
"""

from __future__ import annotations

import io
import ipaddress
import socket
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from flask import current_app, request


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url() -> str:
    public = current_app.config.get("PUBLIC_BASE_URL")
    if public:
        return public.rstrip("/")
    own = request.host_url.rstrip("/")
    lan = current_app.config.get("LAN_BASE_URL")
    if lan and _is_loopback(urlsplit(own).hostname or ""):
        return lan.rstrip("/")
    return own


def reachable_by_phones(url: str) -> bool:
    """False when the link points at this machine only (phones cannot open it)."""
    return not _is_loopback(urlsplit(url).hostname or "")


def join_url(code: str) -> str:
    return f"{base_url()}/j/{code}"


def board_url(code: str) -> str:
    return f"{base_url()}/b/{code}"


def facilitator_url(code: str, token: str | None = None) -> str:
    url = f"{base_url()}/f/{code}"
    return f"{url}?token={token}" if token else url


def home_url(key: str) -> str:
    """The secret link that opens a facilitator's home (their key) on another device."""
    return f"{base_url()}/home?key={key}"


def qr_svg(data: str) -> bytes:
    """An SVG QR code (vector, so it stays sharp when the board enlarges it)."""
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=10)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()


def lan_address() -> str | None:
    """The address of this machine on the local network, or None.

    Connecting a UDP socket sends no packet; it only asks the kernel which
    interface would route there, and that interface's address is the one
    phones on the same Wi-Fi can reach.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never contacted
        address = probe.getsockname()[0]
    except OSError:
        address = None
    finally:
        probe.close()
    if address and not ipaddress.ip_address(address).is_loopback:
        return address
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            candidate = info[4][0]
            if not ipaddress.ip_address(candidate).is_loopback:
                return str(candidate)
    except OSError:
        pass
    return None
