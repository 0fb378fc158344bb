"""The report reads as a document (issue 20, part 2): sections flow, headings stay with what
follows, empty and skipped items are left out, the matrix's numbers never overlap, votes
show wherever they exist, and a long report has a table of contents.

The three sample meetings (tests/report_samples.py: a kick-off, a vision and a solution
meeting at room scale, built through the app from the templates) are laid out once for
the module; each page's layout comes from reportlab's own frame (``ReportDocument.pages``:
how far down the page is filled, whether a page break ended it, the last flowable on it).
Nothing here measures time.
"""

from __future__ import annotations

import io
import re
from itertools import combinations
from typing import Any

import pytest
from conftest import activity_of, app_config
from drivers import bearer, flat, pdf_pages, post_note
from pypdf import PdfReader
from report_samples import KEPT, PRIDE, SAMPLES, SOLUTIONS
from reportlab.platypus import Paragraph

from app import create_app, report
from app.i18n import language
from workforms.impact_inspanning import matrix
from workforms.impact_inspanning.report import figure, overlaps

HEADINGS = ("h2", "h3", "lead")


def body_lines(page: str) -> list[str]:
    """A page's text without its footer (pypdf reads "Flipover — …" and "pagina N" first)."""
    return [line for line in page.splitlines() if line.strip() and not re.match(r"(Flipover — |pagina \d+$)", line)]


def toc_pages(first: str) -> list[int]:
    """The page numbers the table of contents on page 1 gives, in its order."""
    part = flat(first)
    part = part[part.index("Inhoud") : part.index("Samenvatting")]
    return [int(n) for n in re.findall(r"(?<![(\d])(\d+)(?= |$)", part)]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Per sample: the served PDF, its text per page and the layout of the same report."""
    app = create_app(app_config(tmp_path_factory.mktemp("layout")))
    store, registry = app.extensions["flipover.store"], app.extensions["flipover.registry"]
    out = {}
    try:
        for name, build in SAMPLES.items():
            session, pdf = build(app)
            data = report.collect(store, registry, session["code"])
            with language(data["session"].get("locale")):
                laid, pages = report.laid_out(data, registry)
            out[name] = {"session": session, "pdf": pdf, "text": pdf_pages(pdf), "pages": pages, "data": data}
            assert len(pdf_pages(laid)) == len(pages)
        out["registry"] = registry  # type: ignore[assignment]
    finally:
        store.close()
    return out


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_page_is_under_30_percent_filled_but_the_last(samples, name) -> None:
    """A page may end early only where the handbook wants a page of its own (one flip-over
    per goal: processen-en-acties) — the page break says so — or at the end."""
    pages = samples[name]["pages"]
    assert len(pages) == len(samples[name]["text"])
    for number, page in enumerate(pages[:-1], start=1):
        if page["page_break"]:
            continue
        assert page["fill"] >= 0.30, f"{name}: page {number} is {page['fill']:.0%} filled"


@pytest.mark.parametrize("name", list(SAMPLES))
def test_forced_page_breaks_only_after_the_summary_and_per_goal(samples, name) -> None:
    texts = samples[name]["text"]
    for number, page in enumerate(samples[name]["pages"][:-1], start=1):
        if page["page_break"] and number > 1:
            following = body_lines(texts[number])[0]  # the next page
            assert following.startswith(("Processen en acties", "Doelstelling ")), (name, number, following)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_page_ends_on_a_heading(samples, name) -> None:
    """Section titles, their question and the headings inside (groups, keywords, tables)
    go to the next page with the first lines of what follows."""
    for number, page in enumerate(samples[name]["pages"], start=1):
        last = page["last"]
        style = getattr(getattr(last, "style", None), "name", "")
        assert not (isinstance(last, Paragraph) and style in HEADINGS), (name, number, last.text)


def test_sections_start_right_after_one_another(samples) -> None:
    """Flowing sections: in the kick-off, pride and the challenges start part-way down a page."""
    texts = samples["kickoff"]["text"]
    for title in ("Trots", "Uitdagingen en kansen"):
        number = next(i for i, text in enumerate(texts) if i > 0 and title in text.splitlines())
        assert body_lines(texts[number])[0] != title, (title, number + 1)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_long_report_has_a_table_of_contents_with_the_sections_pages(samples, name) -> None:
    texts = samples[name]["text"]
    assert len(texts) > 4
    first = texts[0]
    assert "Inhoud" in first
    data = samples[name]["data"]
    expected = []  # each treated section's first page, in the report's order (the action plan last)
    for activity in sorted(data["activities"], key=lambda a: a["workform"] == "actieplan"):
        found = [n for n, text in enumerate(texts[1:], start=2) if activity["title"] in body_lines(text)]
        if found:
            expected.append(found[0])
    assert toc_pages(first) == expected
    # The PDF's outline (bookmarks) has the same sections.
    outline = PdfReader(io.BytesIO(samples[name]["pdf"])).outline
    titles = [a["title"] for a in sorted(data["activities"], key=lambda a: a["workform"] == "actieplan")]
    assert [item.title for item in outline] == [t for t in titles if t in [item.title for item in outline]]
    assert len(outline) == len(expected)


def test_a_short_report_has_no_table_of_contents(client, make_session) -> None:
    session = make_session(title="Kort", agenda=["trots", "actieplan"])
    data = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data
    pages = pdf_pages(data)
    assert len(pages) <= 4 and "Inhoud" not in flat(" ".join(pages))


def test_a_skipped_item_prints_no_empty_section_and_is_listed_once(make_session, sock, client) -> None:
    agenda = ["trots", "uitdagingen-en-kansen", "kernwoorden", "actieplan", "evaluatie"]
    session = make_session(title="Half gedaan", agenda=agenda)
    fac, ack = sock(session, role="facilitator")
    anna, _ = sock(session, name="Anna")
    post_note(anna, activity_of(ack, "trots"), "Goede sfeer in het team")
    challenges = activity_of(ack, "uitdagingen-en-kansen")
    assert fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "plakken"}, callback=True)["ok"]
    post_note(anna, challenges, "Telefoon is 's ochtends bezet", category="uitdaging")  # no blue notes
    data = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data
    text = flat(" ".join(pdf_pages(data)))
    assert "Geen post-its" not in text
    assert "Kansen (blauw)" not in text  # an empty colour is left out too
    for title in ("Kernwoorden", "Actieplan", "Evaluatie"):
        assert text.count(f"{title} Niet behandeld.") == 1, title
    assert text.count("Niet behandeld.") == 3


def test_votes_on_kept_notes_of_pride_are_shown(samples) -> None:
    data = samples["kickoff"]["data"]
    trots = next(a for a in data["activities"] if a["workform"] == "trots")
    totals = trots["vote_totals"]
    notes = {n["text"]: n for n in data["notes"][trots["id"]]}
    text = flat(" ".join(samples["kickoff"]["text"]))
    voted = [PRIDE[i] for i in KEPT if totals.get(f"n:{notes[PRIDE[i]]['id']}")]
    assert voted, "the sample votes on kept notes"
    for kept in voted:
        count = totals[f"n:{notes[kept]['id']}"]
        label = f"{count} STEMMEN" if count > 1 else "1 STEM"
        assert f"TROTS · BEHOUDEN · {label} {kept}" in text


def test_the_matrix_numbers_and_titles_never_overlap() -> None:
    """15 items, several on the same mean (the sample's room): every disc gets its own place."""
    items = []
    for number, text in enumerate(SOLUTIONS, start=1):
        x, y = [(2, 5), (2, 4), (2, 4), (1, 4), (4, 4), (2, 3), (5, 4), (4, 4)][number % 8]
        items.append(
            {
                "number": number,
                "text": text,
                "place": {"x": float(x), "y": float(y)},
                "override": True,
                "effort": {"n": 0},
                "impact": {"n": 0},
            }
        )
    with language("nl"):
        drawing = figure(items, dict(matrix.DEFAULT_LABELS))
    boxes = drawing.label_boxes
    discs, titles = boxes["discs"], boxes["titles"]
    assert len(discs) == 15
    for a, b in combinations([*discs, *titles], 2):
        assert not overlaps(a, b), (a, b)
    inside = (0, 0, drawing.width, drawing.height)
    for box in discs:
        assert inside[0] <= box[0] and box[2] <= inside[2] and inside[1] <= box[1] and box[3] <= inside[3]


def test_the_sample_matrix_has_every_item_in_its_legend(samples) -> None:
    text = flat(" ".join(samples["oplossing"]["text"]))
    for number, solution in enumerate(SOLUTIONS, start=1):
        assert f"{number} {solution}" in text


def test_long_dutch_compounds_copy_without_soft_hyphens(samples) -> None:
    """Hyphenation (pyphen, Dutch) draws a real hyphen at a line's end and nothing elsewhere:
    copied text has no soft hyphen (U+00AD) inside a word."""
    for name in SAMPLES:
        for page in samples[name]["text"]:
            assert "\u00ad" not in page
    text = " ".join(samples["kickoff"]["text"])
    assert "Ketenzorgprogrammacoördinatieoverleg" in text.replace("-\n", "")


@pytest.mark.parametrize("guess", [0, 10**6])
def test_the_contents_do_not_depend_on_the_first_layouts_guess(samples, monkeypatch, guess) -> None:
    """Whether the first layout keeps room for the contents (a guess from the number of notes)
    or not, a long report ends up with them and a short one without."""
    monkeypatch.setattr(report, "LIKELY_LONG_NOTES", guess)
    data = samples["oplossing"]["data"]
    with language("nl"):
        pdf, _pages = report.laid_out(data, samples["registry"])
    assert "Inhoud" in pdf_pages(pdf)[0]
    short = {**data, "activities": data["activities"][:1]}
    with language("nl"):
        pdf, _pages = report.laid_out(short, samples["registry"])
    assert len(pdf_pages(pdf)) <= 4 and "Inhoud" not in pdf_pages(pdf)[0]
