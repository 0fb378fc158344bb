"""Static assets (app/assets.py): content-hash URLs cached for good, a stale URL still
served, gzip only when asked, ETag/304 and ranges, the import map and its CSP hash;
and the same on the real eventlet server."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import json
import re
import time
from pathlib import Path

import pytest
from live_server import LiveServer

from app.assets import IMMUTABLE, Assets

FINGERPRINTED = re.compile(r'(?:src|href)="(/(?:static|wf)/[^"]+)"')
IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


def page_assets(html: str) -> list[str]:
    return [url.replace("&amp;", "&") for url in FINGERPRINTED.findall(html)]


def test_every_asset_url_of_a_page_names_its_content_and_is_cached_for_good(client, make_session):
    session = make_session(template="kick-off")
    for page in (f"/j/{session['code']}", f"/b/{session['code']}", "/"):
        urls = page_assets(client.get(page).get_data(as_text=True))
        assert urls, page
        for url in urls:
            assert re.search(r"\?v=[0-9a-f]{12}$", url), url
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["Cache-Control"] == IMMUTABLE == "public, max-age=31536000, immutable"
            version = url.rsplit("=", 1)[1]
            assert response.headers["ETag"] == f'"{version}"'
            assert hashlib.sha256(response.get_data()).hexdigest()[:12] == version
            response.close()


def test_a_stale_or_missing_fingerprint_gets_the_current_file_revalidated(client):
    current = client.get("/static/js/phone.js")
    assert current.status_code == 200 and current.headers["Cache-Control"] == "no-cache"
    # A phone holding an old page asks for the file of an older version: not a 404, and not
    # cached for a year under a URL that named other content.
    stale = client.get("/static/js/phone.js?v=000000000000")
    assert stale.status_code == 200 and stale.get_data() == current.get_data()
    assert stale.headers["Cache-Control"] == "no-cache"
    wf = client.get("/wf/trots/static/board.js?v=000000000000")
    assert wf.status_code == 200 and wf.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/js/nope.js?v=000000000000").status_code == 404
    assert client.get("/wf/nope/static/board.js").status_code == 404
    assert client.get("/wf/trots/static/../__init__.py").status_code == 404
    assert client.get("/static/../app/config.py").status_code == 404


def test_unfingerprinted_urls_answer_if_none_match_with_304(client):
    first = client.get("/static/css/base.css")
    etag = first.headers["ETag"]
    again = client.get("/static/css/base.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["Cache-Control"] == "no-cache"
    zipped = client.get("/static/css/base.css", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["ETag"] != etag  # another representation, another tag
    assert (
        client.get(
            "/static/css/base.css", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
        ).status_code
        == 304
    )
    # An image, not compressed: one tag.
    card = client.get("/static/cards/boom.png")
    assert client.get("/static/cards/boom.png", headers={"If-None-Match": card.headers["ETag"]}).status_code == 304
    card.close()


@pytest.mark.parametrize(
    "path", ["/static/vendor/socket.io.min.js", "/static/css/base.css", "/wf/kennismaken/static/phone.js"]
)
def test_gzip_when_asked_and_only_then(client, path):
    plain = client.get(path)
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"
    zipped = client.get(path, headers={"Accept-Encoding": "br, gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert len(zipped.get_data()) < len(plain.get_data()) * 0.7
    assert int(zipped.headers["Content-Length"]) == len(zipped.get_data())
    refused = client.get(path, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers and refused.get_data() == plain.get_data()


def test_woff2_and_png_are_sent_as_they_are(client):
    for path in ("/static/fonts/atkinson-hyperlegible-latin-400-normal.woff2", "/static/cards/boom.png"):
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in response.headers, path
        response.close()


def test_a_range_request_gets_the_plain_bytes(client):
    whole = client.get("/static/js/phone.js").get_data()
    part = client.get("/static/js/phone.js", headers={"Range": "bytes=10-29", "Accept-Encoding": "gzip"})
    assert part.status_code == 206 and "Content-Encoding" not in part.headers
    assert part.get_data() == whole[10:30]
    assert part.headers["Content-Range"] == f"bytes 10-29/{len(whole)}"


def test_the_import_map_fingerprints_every_module_and_the_csp_allows_it_by_hash(client, make_session):
    session = make_session(agenda=["actieplan", "kennismaken"])
    response = client.get(f"/j/{session['code']}")
    html = response.get_data(as_text=True)
    found = IMPORT_MAP.search(html)
    assert found and html.index("importmap") < html.index('type="module"')  # before any module
    imports = json.loads(found.group(1))["imports"]
    for plain in (
        "/static/js/i18n.js",
        "/static/js/plugins.js",
        "/wf/actieplan/static/common.js",
        "/wf/actieplan/static/style.css",
        "/wf/kennismaken/static/phone.js",
    ):
        assert re.fullmatch(re.escape(plain) + r"\?v=[0-9a-f]{12}", imports[plain]), plain
    for plain, url in imports.items():
        served = client.get(url)
        assert served.status_code == 200 and served.headers["Cache-Control"] == IMMUTABLE, plain
    digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
    csp = dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == f"'self' 'sha256-{digest}'"  # that map, nothing inline else


def test_stylesheet_urls_name_the_fonts_by_their_content(client):
    css = client.get("/static/css/fonts.css").get_data(as_text=True)
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(re.search(r"\.woff2\?v=[0-9a-f]{12}$", url) for url in fonts)
    for url in fonts:
        response = client.get("/static/css/" + url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE
        response.close()


def test_pages_and_large_json_are_gzipped_when_asked(client, make_session):
    session = make_session(template="kick-off")
    for path in (f"/j/{session['code']}", f"/b/{session['code']}", "/api/templates"):
        plain = client.get(path)
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in plain.headers, path
        assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"], path
        assert gzip.decompress(zipped.get_data()) == plain.get_data(), path


def test_the_qr_code_is_revalidated_and_gzipped(client, make_session):
    session = make_session()
    path = f"/api/sessions/{session['code']}/qr.svg"
    first = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip" and first.headers["Cache-Control"] == "no-cache"
    assert first.headers["ETag"].startswith('W/"')
    again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_changed_file_gets_a_new_version_and_so_does_the_stylesheet_naming_it(tmp_path):
    assets = Assets()
    assets.roots.append(("/static/", tmp_path))
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts" / "a.woff2"
    font.write_bytes(b"one")
    css = tmp_path / "a.css"
    css.write_text("@font-face { src: url(fonts/a.woff2) format('woff2'); }")
    js = tmp_path / "a.js"
    js.write_text("export const a = 1;\n")
    before = {path: assets.version(path) for path in (font, css, js)}
    assert assets.mapped_urls()["/static/a.js"] == f"/static/a.js?v={before[js]}"

    time.sleep(0.01)  # a later mtime even on coarse clocks
    js.write_text("export const a = 2;\n")
    font.write_bytes(b"two")
    assert assets.version(js) != before[js]
    assert assets.mapped_urls()["/static/a.js"] == f"/static/a.js?v={assets.version(js)}"
    # The stylesheet itself did not change, but the font it names did: a new URL for both.
    assert assets.version(font) != before[font]
    assert assets.version(css) != before[css]
    body = assets.get(css).body
    assert body is not None and f"fonts/a.woff2?v={assets.version(font)}".encode() in body


def test_cards_of_the_shipped_deck_are_fingerprinted(app):
    from workforms.kennismaken import default_deck

    with app.app_context():
        deck = default_deck()
    assert deck and all(re.search(r"^/static/cards/[a-z]+\.svg\?v=[0-9a-f]{12}$", card["url"]) for card in deck)


# --- the real server (run.py, eventlet) ---------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    server = LiveServer(tmp_path_factory.mktemp("assets") / "flipover.db").start()
    yield server
    server.stop()


def fetch(server: LiveServer, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_eventlet_serves_gzip_304_ranges_and_head(live):
    status, headers, page = fetch(live, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    url = next(u for u in page_assets(gzip.decompress(page).decode()) if "base.css" in u)

    status, headers, body = fetch(live, url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == IMMUTABLE and headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body)
    css = gzip.decompress(body)

    status, _, body = fetch(live, url, **{"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""

    status, headers, body = fetch(live, url, Range="bytes=0-99", **{"Accept-Encoding": "gzip"})
    assert status == 206 and body == css[:100] and "content-encoding" not in headers

    status, headers, body = fetch(live, url, "HEAD", **{"Accept-Encoding": "gzip"})
    assert status == 200 and body == b"" and headers["content-encoding"] == "gzip"

    status, headers, body = fetch(live, url)
    assert status == 200 and body == css and "content-encoding" not in headers


def test_eventlet_serves_a_stale_fingerprint_with_the_current_file(live):
    status, headers, body = fetch(live, "/static/js/i18n.js?v=0123456789ab")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert body == (Path(__file__).parent.parent / "static/js/i18n.js").read_bytes()
