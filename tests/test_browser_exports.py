"""The facilitator downloads the CSV and JSON exports from the page (real Chromium, real server)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import create, join_phone, needs_chromium, open_online

pytestmark = needs_chromium


def test_facilitator_downloads_csv_and_json(server, browser):
    session = create(server, practice="Huisartsenpraktijk De Linde")
    phone = join_phone(browser, session, name="Annemarie")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", '=1+1; "ja" en <b>nee</b>')
    phone.click("#post-button")
    phone.locator("#mine .note", has_text="ja").wait_for()

    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    fac.wait_for_selector("#notes .note")
    with fac.expect_download() as download:
        fac.click("#download-csv")
    assert download.value.suggested_filename == f"flipover-{session['code']}-export.csv"
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    (row,) = csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";")
    assert row["text"] == '\'=1+1; "ja" en <b>nee</b>'
    assert row["author"] == ""  # trots is anonymous

    with fac.expect_download() as download:
        fac.click("#download-json")
    assert download.value.suggested_filename == f"flipover-{session['code']}-export.json"
    data = json.loads(Path(download.value.path()).read_bytes())
    assert data["session"]["practice"] == "Huisartsenpraktijk De Linde"
    assert data["activities"][0]["notes"][0]["text"] == '=1+1; "ja" en <b>nee</b>'
    assert "Annemarie" not in json.dumps(data)
