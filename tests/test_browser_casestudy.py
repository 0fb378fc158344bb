"""The case-study page in a real Chromium: from the home page, fill in a field, take over a
suggestion, save, reload, and download the filled-in PDF."""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import *  # noqa: F403
from browser_support import needs_chromium
from pypdf import PdfReader

pytestmark = needs_chromium


def test_fill_in_take_over_save_reload_and_download(server, browser):
    context = browser.new_context()
    # The leader's browser makes the trajectory, so its home key (cookie) opens the page.
    made = context.request.post(
        server.url + "/api/trajectories",
        data={"name": "Meer tijd voor de patiënt", "practice": "Huisartsenpraktijk De Linde"},
    )
    assert made.status == 201
    trajectory = made.json()
    page = context.new_page()
    page.goto(server.url + "/home")
    page.click(f"[data-trajectory='{trajectory['id']}'] a:has-text('Casestudy')")
    page.wait_for_url(f"**/t/{trajectory['id']}/casestudy")
    assert page.locator("h1").inner_text() == "Casestudy: Meer tijd voor de patiënt"

    page.fill("#field-locatie", "Utrecht, Overvecht")
    page.wait_for_selector("#save-state[data-state=dirty]")
    assert page.locator("#save-state").inner_text() == "Niet opgeslagen wijzigingen"
    assert page.locator("#field-praktijk").input_value() == ""
    # Shown with soft hyphens (Huis-artsen-prak-tijk, static/js/hyphenate.js); taken over as written.
    page.wait_for_function("() => document.getElementById('suggestion-praktijk').textContent.includes('\\u00ad')")
    page.click("button[data-take=praktijk]")
    assert page.locator("#field-praktijk").input_value() == "Huisartsenpraktijk De Linde"

    page.click("#casestudy-form button[type=submit]")
    page.wait_for_selector("#save-state[data-state=saved]")
    assert page.locator("#save-state").inner_text().startswith("Opgeslagen om")
    assert page.locator("#casestudy-error").inner_text() == ""

    page.reload()
    assert page.locator("#field-locatie").input_value() == "Utrecht, Overvecht"
    assert page.locator("#field-praktijk").input_value() == "Huisartsenpraktijk De Linde"

    with page.expect_download() as download:
        page.click("#pdf-link")
    assert download.value.suggested_filename == f"flipover-casestudy-{trajectory['id']}.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Utrecht, Overvecht" in text and "Naam van de praktijk Huisartsenpraktijk De Linde" in text
