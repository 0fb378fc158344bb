"""Hyphenation: the pattern file the pages get (GET /hyphenation/<lang>.json), which
language a page asks for, and long words in narrow PDF table cells.

The browser side (where lines really break, JavaScript against pyphen) is in
tests/test_browser_hyphenation.py."""

from __future__ import annotations

import gzip
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from app import hyphenation, report
from app.i18n import COOKIE, language

SHY = "\u00ad"


def link_of(page: str) -> str:
    # Preloaded (board, facilitator, start) or named for later (the phone: a <meta>).
    found = re.search(r'<(?:link rel="preload" as="fetch" [^>]*href|meta [^>]*content)="([^"]+)" data-hyph', page)
    assert found, "no hyphenation link in the page"
    return found.group(1).replace("&amp;", "&")


def decode(served: dict) -> dict[str, list[int]]:
    """The front-coded patterns read back the way static/js/hyphenate.js reads them."""
    out: dict[str, list[int]] = {}
    prev = ""
    for item in served["patterns"].split(" "):
        pattern = prev[: int(item[0])] + item[1:]
        prev = pattern
        letters, values, digit = "", [], 0
        for ch in pattern:
            if ch.isdigit():
                digit = int(ch)
            else:
                values.append(digit)
                digit = 0
                letters += ch
        out[letters] = [*values, digit]
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_served_patterns_are_exactly_pyphens(client, lang):
    served = client.get(f"/hyphenation/{lang}.json").get_json()
    assert (served["left"], served["right"], served["minWord"]) == (2, 3, hyphenation.MIN_WORD)
    hyph = hyphenation.pyphen_for(lang).hd
    expected = {}
    for letters, (start, values) in hyph.patterns.items():
        full = [0] * (len(letters) + 1)
        full[start : start + len(values)] = [int(v) for v in values]
        expected[letters] = full
    assert decode(served) == expected
    assert len(expected) > 4000


def test_patterns_are_gzipped_and_cached_for_good_under_their_versioned_url(client, make_session):
    session = make_session(template="kick-off")
    url = link_of(client.get(f"/b/{session['code']}").get_data(as_text=True))
    assert url.startswith("/hyphenation/nl.json?v=")

    zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert "immutable" in zipped.headers["Cache-Control"] and "max-age=31536000" in zipped.headers["Cache-Control"]
    assert zipped.headers["Vary"] == "Accept-Encoding"
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert len(zipped.get_data()) < 45_000 < len(plain.get_data())  # 37 KB gzip, 83 KB raw (Dutch)

    # Not the current version (an old page after an upgrade): the current file, revalidated.
    old = client.get("/hyphenation/nl.json?v=old")
    assert old.status_code == 200 and old.headers["Cache-Control"] == "no-cache"
    assert client.get("/hyphenation/nl.json?v=old", headers={"If-None-Match": old.headers["ETag"]}).status_code == 304
    assert client.get("/hyphenation/de.json").status_code == 404
    assert client.get("/hyphenation/..%2Fsecret.json").status_code == 404


def test_pages_ask_for_the_session_language_not_the_phones_own(client, make_session):
    dutch = make_session(template="kick-off")
    english = make_session(template="kick-off", language="en")
    assert "/hyphenation/en.json" in link_of(client.get(f"/b/{english['code']}").get_data(as_text=True))
    assert "/hyphenation/nl.json" in link_of(client.get(f"/b/{dutch['code']}").get_data(as_text=True))
    # A phone reading the UI in English still hyphenates the Dutch notes as Dutch.
    client.set_cookie(COOKIE, "en")
    page = client.get(f"/j/{dutch['code']}").get_data(as_text=True)
    assert '<html lang="en">' in page and "/hyphenation/nl.json" in link_of(page)
    # Pages without a session follow their own language.
    assert "/hyphenation/en.json" in link_of(client.get("/").get_data(as_text=True))


def cell_lines(lang: str, sentence: str, width_mm: float) -> list[str]:
    """The lines of `sentence` in a table cell of the report's shared grid, as pypdf reads them."""
    with language(lang):
        kit = report.ReportKit()
    buf = io.BytesIO()
    table = report.grid_table([[Paragraph("Rol", kit.small)], [Paragraph(sentence, kit.body)]], [width_mm * mm])
    SimpleDocTemplate(buf).build([table])
    text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    return [line.strip() for line in text.splitlines()[1:] if line.strip()]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("nl", "Ketenzorgprogrammacoördinatieoverleg en Terugbelverzoek van de doktersassistente: Taakherschikking"),
        ("en", "Responsibilities of the implementation characterization collaboration"),
    ],
)
def test_long_words_in_a_narrow_pdf_cell_break_at_a_hyphen(lang, sentence):
    lines = cell_lines(lang, sentence, 30)
    assert sum(line.endswith("-") for line in lines) >= 3, lines
    # Joined again (a hyphen at a line end joins, any other line end is a space) the lines
    # give the sentence: no word was cut without a hyphen ("doktersassisten|te").
    assert "".join(line[:-1] if line.endswith("-") else f"{line} " for line in lines).strip() == sentence, lines
    # Each hyphen stands at one of the dictionary's points (pyphen's, as on the pages).
    dictionary = hyphenation.pyphen_for(lang)
    spans = [(m.start(), m.group()) for m in re.finditer(r"[^\W\d_]+", sentence)]
    pos = 0
    for line in lines[:-1]:
        pos += len(line.rstrip("-"))
        if line.endswith("-"):
            start, word = next((b, w) for b, w in spans if b < pos < b + len(w))
            assert pos - start in dictionary.positions(word), (line, word)
        else:
            pos += 1  # the space


def test_pdf_hyphenation_follows_the_session_language():
    # Dutch: Taak-her-schik-king; the English patterns would give Taakher-schikking.
    dutch = cell_lines("nl", "Taakherschikking", 16)
    english = cell_lines("en", "Taakherschikking", 16)
    assert dutch[0] in {"Taak-", "Taakher-"} and dutch != english, (dutch, english)
    assert "".join(dutch) in {"Taak-her-schik-king", "Taak-herschik-king", "Taakher-schik-king", "Taak-her-schikking"}
