"""Static assets: content-hash fingerprints, long caching, gzip, and the import map.

Why: a phone on the practice Wi-Fi paid ~140 KB in 20+ requests on every visit, all
uncompressed and revalidated (issue 17). Now:

- ``url_for('static', …)`` and ``url_for('workform_static', …)`` add ``?v=<hash>`` of the
  file's content (:func:`init_app` registers a ``url_defaults``), so templates are
  unchanged. A request whose ``v`` is the current hash gets ``Cache-Control: public,
  max-age=31536000, immutable``: a phone asks for it once, ever. Any other request (no
  ``v``, or the ``v`` of an older file, from a page a phone still holds) gets the current
  file with ``no-cache`` and an ETag: never a 404, never an old URL cached for a year
  with new content, and a repeat costs a 304.
- ES modules import each other by plain paths (``./i18n.js``, ``/static/js/i18n.js``),
  which carry no hash. :func:`import_map` puts an import map in every page that maps
  each module's plain URL to its fingerprinted one; the browser applies it to every
  ``import`` (static or dynamic), so module code is unchanged. It lists stylesheets
  too, which ``static/js/plugins.js`` maps with ``import.meta.resolve``. The map is an
  inline script: the CSP allows it by its SHA-256 (:func:`csp_script_src`), no
  ``'unsafe-inline'``. Browsers without import maps load the plain URLs, revalidated.
- CSS ``url(…)`` references (fonts) are rewritten to fingerprinted URLs when the CSS is
  served, so the stylesheet's own hash covers them.
- Text assets are gzipped once per file content (level 9) and kept in memory, sent when
  ``Accept-Encoding`` allows (``Vary: Accept-Encoding``). A ``Range`` request gets the
  plain bytes, so ranges stay about the file as stored.
- HTML, JSON and SVG responses (pages, the API, the QR code) of 1 KiB and more are
  gzipped on the fly (:func:`compress`).

Files are looked at again on every use (one ``stat``): an edited file gets a new hash
and URL without a restart.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import mimetypes
import os
import posixpath
import re
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, g, has_app_context, request, send_file
from markupsafe import Markup
from werkzeug.security import safe_join

from app.config import ROOT

STATIC_DIR = ROOT / "static"

YEAR = 60 * 60 * 24 * 365
IMMUTABLE = f"public, max-age={YEAR}, immutable"
REVALIDATE = "no-cache"
# Worth gzipping: text. woff2, PNG and JPEG are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Small files gain less than their gzip header costs; large ones are not kept in memory.
MIN_GZIP = 256
MAX_IN_MEMORY = 2 * 1024 * 1024
# Dynamic responses (pages, API JSON): below this, gzip saves less than a packet.
MIN_DYNAMIC_GZIP = 1024
# Served files listed in the import map (modules, and stylesheets modules add).
MAPPED = (".js", ".mjs", ".css")
LISTING_TTL = 5.0
# Endpoints answered by send()/serve(): compress() leaves them alone.
ASSET_ENDPOINTS = frozenset({"static", "workform_static", "hyphenation.serve"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    path: Path
    stamp: tuple[int, int]  # (mtime_ns, size) of the file read
    version: str  # first 12 hex of the SHA-256 of the bytes served
    mimetype: str
    body: bytes | None  # None: too large to keep, served from disk
    gzipped: bytes | None  # None: not worth it
    deps: tuple[tuple[Path, str], ...] = ()  # CSS: files its url()s name, with their versions


class Assets:
    """The served files of one app: core ``static/`` and each work format's ``static/``."""

    # Shared by every app of the process (tests make many): a file's hash is the file's.
    _cache: dict[Path, Asset] = {}
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._listed: tuple[float, list[tuple[str, Path]]] | None = None
        # (URL prefix, directory) pairs, for resolving CSS url()s and the import map.
        self.roots: list[tuple[str, Path]] = []
        # Endpoint → the directory its url_for values name (None: not a file of ours).
        self.endpoints: dict[str, Callable[[dict[str, Any]], Path | None]] = {}

    def get(self, path: Path) -> Asset | None:
        """The asset for an existing file (hashed once per content), or None."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        found = self._cache.get(path)
        if found is not None and found.stamp == stamp and all(self.version(p) == v for p, v in found.deps):
            return found
        built = self._build(path, stamp)
        with self._lock:
            self._cache[path] = built
        return built

    def version(self, path: Path) -> str | None:
        found = self.get(path)
        return found.version if found else None

    def _build(self, path: Path, stamp: tuple[int, int]) -> Asset:
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if stamp[1] > MAX_IN_MEMORY:
            digest = hashlib.sha256()
            with path.open("rb") as fd:
                for chunk in iter(lambda: fd.read(1 << 16), b""):
                    digest.update(chunk)
            return Asset(path, stamp, digest.hexdigest()[:12], mimetype, None, None)
        body = path.read_bytes()
        deps: tuple[tuple[Path, str], ...] = ()
        if mimetype == "text/css":
            body, deps = self._rewrite_css(path, body)
        gzipped = None
        if mimetype.startswith(COMPRESSIBLE) and len(body) >= MIN_GZIP:
            packed = gzip.compress(body, 9, mtime=0)
            gzipped = packed if len(packed) < len(body) * 0.9 else None
        return Asset(path, stamp, hashlib.sha256(body).hexdigest()[:12], mimetype, body, gzipped, deps)

    def _rewrite_css(self, path: Path, body: bytes) -> tuple[bytes, tuple[tuple[Path, str], ...]]:
        """Fingerprint the relative url()s (fonts, pictures) of a stylesheet."""
        deps: list[tuple[Path, str]] = []

        def fingerprint(match: re.Match[str]) -> str:
            quote, ref = match.group(1), match.group(2)
            if ref.startswith(("data:", "#", "/")) or ":" in ref or "?" in ref:
                return match.group(0)
            target = (path.parent / ref).resolve()
            version = self.version(target) if self._served(target) else None
            if version is None:
                return match.group(0)
            deps.append((target, version))
            return f"url({quote}{ref}?v={version}{quote})"

        text = CSS_URL.sub(fingerprint, body.decode("utf-8"))
        return text.encode("utf-8"), tuple(deps)

    def _served(self, target: Path) -> bool:
        return any(target.is_relative_to(directory.resolve()) for _, directory in self.roots)

    def _mapped_files(self) -> list[tuple[str, Path]]:
        """(plain URL, file) of every module and stylesheet; the listing is kept a few
        seconds (a new file is rare, and unmapped it still loads, revalidated), while
        each file's content is checked on every use."""
        now = time.monotonic()
        if self._listed is not None and now - self._listed[0] < LISTING_TTL:
            return self._listed[1]
        files: list[tuple[str, Path]] = []
        for prefix, directory in self.roots:
            for dirpath, dirnames, filenames in os.walk(directory):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
                for name in sorted(filenames):
                    if name.endswith(MAPPED):
                        full = Path(dirpath) / name
                        files.append((prefix + full.relative_to(directory).as_posix(), full))
        self._listed = (now, files)
        return files

    def mapped_urls(self) -> dict[str, str]:
        """Plain URL → fingerprinted URL of every module and stylesheet, for the import map."""
        out: dict[str, str] = {}
        for url, full in self._mapped_files():
            version = self.version(full)
            if version is not None:
                out[url] = f"{url}?v={version}"
        return out


def _accepts_gzip() -> bool:
    return request.accept_encodings.quality("gzip") > 0


def send(
    body: bytes,
    *,
    version: str,
    mimetype: str,
    gzipped: bytes | None = None,
    requested: str | None = None,
) -> Response:
    """One asset (or other content-addressed bytes, like the hyphenation patterns) with the
    caching rules above: immutable when ``requested`` (the URL's ``v``) is the current
    ``version``, else revalidated by ETag. Answers If-None-Match with 304 and Range with
    206 (plain bytes)."""
    use_gzip = gzipped is not None and "Range" not in request.headers and _accepts_gzip()
    response = Response(gzipped if use_gzip else body, mimetype=mimetype)
    if gzipped is not None:
        response.vary.add("Accept-Encoding")
    if use_gzip:
        response.content_encoding = "gzip"
    # A strong ETag per representation: the gzip bytes are a different entity.
    response.set_etag(f"{version}-gz" if use_gzip else version)
    response.headers["Cache-Control"] = IMMUTABLE if requested == version else REVALIDATE
    # Ranges only of the plain bytes (a gzip stream's ranges are of no use to anyone).
    return response.make_conditional(  # type: ignore[return-value]  # the same Response, made conditional
        request, accept_ranges=not use_gzip, complete_length=None if use_gzip else len(body)
    )


def serve(assets: Assets, directory: Path, filename: str) -> Response:
    """GET of one file under ``directory`` (``static/`` or a work format's)."""
    joined = safe_join(str(directory), filename)
    if joined is None:
        abort(404)
    asset = assets.get(Path(joined))
    if asset is None:
        abort(404)
    requested = request.args.get("v")
    if asset.body is None:
        response = send_file(asset.path, mimetype=asset.mimetype, etag=asset.version, conditional=True)
        response.headers["Cache-Control"] = IMMUTABLE if requested == asset.version else REVALIDATE
        return response
    return send(asset.body, version=asset.version, mimetype=asset.mimetype, gzipped=asset.gzipped, requested=requested)


def fingerprinted(url: str) -> str:
    """``/static/<file>`` with its ``?v=`` (for URLs built outside templates, like a work
    format's picture deck); any other URL unchanged."""
    prefix = "/static/"
    if not url.startswith(prefix) or "?" in url:
        return url
    directory = current_app.config["STATIC_DIR"] if has_app_context() else STATIC_DIR
    joined = safe_join(str(directory), url.removeprefix(prefix))
    version = Assets().version(Path(joined)) if joined else None
    return f"{url}?v={version}" if version else url


def assets_of(app: Flask) -> Assets:
    return app.extensions["flipover.assets"]


def import_map(app: Flask) -> Markup:
    """``<script type="importmap">`` for the page; its hash goes into this response's CSP."""
    urls = assets_of(app).mapped_urls()
    text = json.dumps({"imports": urls}, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    g.flipover_script_hashes = [*g.get("flipover_script_hashes", []), f"'sha256-{digest}'"]
    return Markup(f'<script type="importmap">{text}</script>')


def csp_script_src() -> str:
    """The ``script-src`` directive: this server, plus the inline import map of this page."""
    return " ".join(["script-src 'self'", *g.get("flipover_script_hashes", [])])


def compress(response: Response) -> Response:
    """gzip a finished HTML, JSON or SVG response (pages, API, QR code) when the client takes it."""
    if (
        response.status_code != 200
        or response.direct_passthrough
        or request.endpoint in ASSET_ENDPOINTS  # encoded (or not) by send() already
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.mimetype not in ("text/html", "application/json", "image/svg+xml")
        or "no-store" in response.headers.get("Cache-Control", "")  # secret-bearing pages: never (BREACH)
    ):
        return response
    body = response.get_data()
    if len(body) < MIN_DYNAMIC_GZIP:
        return response
    response.vary.add("Accept-Encoding")
    if not _accepts_gzip():
        return response
    response.set_data(gzip.compress(body, 6, mtime=0))
    response.content_encoding = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        # Its tag was made for the plain bytes; weak, it still matches If-None-Match
        # (compared weakly), without claiming these bytes are those.
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask, static_dir: Path) -> Assets:
    """Fingerprint ``url_for`` URLs, serve ``/static`` through :func:`serve`, gzip pages."""
    assets = Assets()
    assets.roots.append(((app.static_url_path or "/static").rstrip("/") + "/", static_dir))
    app.extensions["flipover.assets"] = assets
    app.view_functions["static"] = lambda filename: serve(assets, static_dir, filename)
    assets.endpoints["static"] = lambda values: static_dir

    @app.url_defaults
    def fingerprint(endpoint: str, values: dict[str, Any]) -> None:
        if "v" in values or "filename" not in values or endpoint not in assets.endpoints:
            return
        directory = assets.endpoints[endpoint](values)
        if directory is None:
            return
        joined = safe_join(str(directory), posixpath.normpath(values["filename"]))
        version = assets.version(Path(joined)) if joined else None
        if version:
            values["v"] = version

    app.jinja_env.globals["import_map"] = lambda: import_map(app)
    app.after_request(compress)
    return assets
