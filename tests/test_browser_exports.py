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


def test_facilitator_downloads_the_word_report(server, browser):
    """Through the real server (eventlet, the heavy-work child): the link next to the PDF."""
    from docx import Document

    session = create(server, practice="Huisartsenpraktijk De Linde")
    phone = join_phone(browser, session, name="Annemarie")
    phone.wait_for_selector("#composer:not([hidden])")
    phone.fill("#note-text", "Wij kennen onze patiënten écht <b>goed</b>")
    phone.click("#post-button")
    phone.locator("#mine .note", has_text="écht").wait_for()

    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    fac.wait_for_selector("#notes .note")
    assert fac.locator("#download-report-docx").inner_text() == "Verslag (Word)"
    with fac.expect_download() as download:
        fac.click("#download-report-docx")
    assert download.value.suggested_filename == f"flipover-{session['code']}-verslag.docx"
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 1") == "Samenvatting"
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("Wij kennen onze patiënten écht <b>goed</b>" in text for text in cells)
