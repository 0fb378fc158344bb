"""The per-address session limit on the real server (run.py, eventlet), with the shipped
defaults: a flood gets 429 in Dutch JSON with Retry-After (app/limits.py)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from live_server import LiveServer

from app import config as config_module


def _create(url: str) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        url + "/api/sessions",
        data=json.dumps({"title": "Vloed"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc), dict(exc.headers)


def test_the_real_server_refuses_a_session_flood_with_the_shipped_defaults(tmp_path: Path) -> None:
    burst = config_module.defaults({"SECRET_KEY": "x"})["SESSIONS_PER_ADDRESS_BURST"]
    live = LiveServer(tmp_path / "flipover.db", env={"FLIPOVER_SESSIONS_PER_ADDRESS_BURST": str(burst)}).start()
    try:
        answers = [_create(live.url) for _ in range(burst + 2)]
    finally:
        live.stop()
    assert [status for status, _body, _headers in answers[:burst]] == [201] * burst
    status, body, headers = answers[burst]
    assert status == 429
    assert body["error"].startswith("Te veel nieuwe bijeenkomsten vanaf dit netwerk")
    assert int(headers["Retry-After"]) >= 60
