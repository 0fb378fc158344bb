#!/usr/bin/env python3
"""Phone page weight: the bytes a phone downloads to open the join link.

Starts the real server (run.py, eventlet) on 127.0.0.1, creates a session,
loads the phone page and everything it pulls in (scripts, ES module imports,
styles, fonts), and prints raw and gzip sizes. Flipover itself does not gzip
(the laptop on the practice Wi-Fi serves plain files); behind nginx with
``gzip on`` a phone gets the gzip figure. Target (issue 8): under 100 KB.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live_server import LiveServer  # noqa: E402

REFS = re.compile(r"""(?:src|href)=["']([^"']+)["']|import\s*(?:[^'"]*from\s*)?["']([^"']+)["']|url\(([^)]+)\)""")


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as res:
        return res.read(), res.headers.get("Content-Type", "")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        live = LiveServer(Path(tmp) / "bench.db").start()
        try:
            req = urllib.request.Request(
                live.url + "/api/sessions",
                data=json.dumps({"title": "Gewicht", "template": "kick-off"}).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(req, timeout=10) as res:
                session = json.load(res)
            seen: dict[str, bytes] = {}
            todo = [session["join_url"]]
            while todo:
                url = todo.pop()
                if url in seen or not url.startswith(live.url):
                    continue
                body, kind = fetch(url)
                seen[url] = body
                if any(t in kind for t in ("html", "javascript", "css")):
                    for groups in REFS.findall(body.decode("utf-8", "replace")):
                        ref = next(g for g in groups if g).strip("'\" ")
                        if ref.startswith(("data:", "#", "mailto:")) or (ref.endswith(".svg") and "qr" in ref):
                            continue
                        todo.append(urllib.parse.urljoin(url, ref))
        finally:
            live.stop()
    # Fonts load only when used; count the woff2 files the phone CSS names (both weights).
    raw = sum(len(b) for b in seen.values())
    zipped = sum(len(gzip.compress(b, 6)) if not u.endswith(".woff2") else len(b) for u, b in seen.items())
    print("phone page weight (join link, fresh cache)")
    for url, body in sorted(seen.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(body) / 1024:7.1f} KiB  {url.removeprefix(live.url)}")
    print(f"  total {raw / 1024:.1f} KiB raw, {zipped / 1024:.1f} KiB gzip (woff2 as is)   target: under 100 KB")


if __name__ == "__main__":
    main()
