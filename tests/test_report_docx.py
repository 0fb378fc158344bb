"""The Word report (``GET /api/sessions/<code>/report.docx``), opened with python-docx.

One room-scale meeting, built through the real app as a room holds it (20 phones,
4 notes of pride each with dots and a kept one, 40 challenges and opportunities in
six named groups, 20 actions with owner and date, a few impact items, a card
introduction), is read back once for the structure: Word's own heading styles,
tables as tables, the action table's cells, the summary, the notes' texts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import app_config, new_client_id, open_trots
from docx import Document
from docx.oxml.ns import qn
from drivers import bearer
from room import LONG_280, NAMES, Room, actions, challenge_notes, trots_notes

from app import create_app, socketio_of
from workforms.actieplan import dutch_due

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SCRIPT = "<script>alert('verslag')</script> & <b>vet</b>"
HIDDEN = "Dokter Pietersen is altijd te laat"


def fetch_docx(client, session: dict[str, Any], **headers: str) -> bytes:
    response = client.get(f"/api/sessions/{session['code']}/report.docx", headers=headers or bearer(session))
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == DOCX
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == f'attachment; filename="flipover-{session["code"]}-verslag.docx"'
    return response.data


def ok(ack: dict[str, Any]) -> dict[str, Any]:
    assert ack and ack.get("ok"), ack
    return ack


def note(phone, activity_id: int, text: str, **extra: Any) -> dict[str, Any]:
    payload = {"activity_id": activity_id, "client_id": new_client_id(), "text": text, **extra}
    return ok(phone.emit("note:add", payload, callback=True))["note"]


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory):
    """The app, the session and its Word report (bytes), built once for the module."""
    app = create_app(app_config(tmp_path_factory.mktemp("docx")))
    client = app.test_client()
    agenda = ["kennismaken", "trots", "uitdagingen-en-kansen", "impact-inspanning", "actieplan"]
    body = {"title": "Kick-off De Linde", "practice": "Huisartsenpraktijk De Linde", "agenda": open_trots(agenda)}
    session = client.post("/api/sessions", json=body).get_json()
    sio = socketio_of(app)
    fac = sio.test_client(app)
    join = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    state = ok(fac.emit("join", join, callback=True))["state"]
    ids = {a["workform"]: a["id"] for a in state["activities"]}
    phones = []
    for name in NAMES:
        phone = sio.test_client(app)
        ok(phone.emit("join", {"code": session["code"], "name": name}, callback=True))
        phones.append(phone)

    note(phones[0], ids["kennismaken"], "Ik wil dat we de telefoon beter regelen.", data={"card": "vuurtoren"})

    trots = [note(phone, ids["trots"], **n) for phone, mine in zip(phones, trots_notes(20, 4), strict=True)
             for n in mine]  # fmt: skip
    note(phones[1], ids["trots"], SCRIPT)
    hidden = note(phones[2], ids["trots"], HIDDEN)
    ok(fac.emit("note:update", {"note_id": hidden["id"], "hidden": True}, callback=True))
    kept = next(n for n in trots if n["text"].startswith("Samenwerking met de apotheek"))
    ok(fac.emit("note:flag", {"note_id": kept["id"], "field": "behouden", "value": True}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": ids["trots"], "phase": "stemmen"}, callback=True))
    long_note = next(n for n in trots if n["text"] == LONG_280)
    for phone in phones[:7]:
        ok(phone.emit("vote:add", {"note_id": long_note["id"]}, callback=True))

    uk = ids["uitdagingen-en-kansen"]
    ok(fac.emit("activity:phase", {"activity_id": uk, "phase": "plakken"}, callback=True))
    challenges = [note(phone, uk, **n) for phone, mine in zip(phones, challenge_notes(20, 2), strict=True)
                  for n in mine]  # fmt: skip
    for name, members in Room.challenge_groups(challenges):
        for member in members[1:]:
            stacked = ok(fac.emit("note:stack", {"note_id": member["id"], "target_note_id": members[0]["id"]},
                                  callback=True))  # fmt: skip
        ok(fac.emit("group:update", {"group_id": stacked["group_id"], "name": name}, callback=True))

    for text in ("Terugbelspreekuur om 11 uur", "E-consult voor korte vragen"):
        note(phones[3], ids["impact-inspanning"], text)

    plan = actions(20)
    for action in plan:
        ok(fac.emit("actieplan:add", {"activity_id": ids["actieplan"], **action}, callback=True))

    data = fetch_docx(client, session)
    yield {"app": app, "client": client, "session": session, "docx": data, "plan": plan, "state": state}
    for test_client in [fac, *phones]:
        test_client.disconnect()
    app.extensions["flipover.store"].close()


@pytest.fixture(scope="module")
def document(meeting):
    return Document(io.BytesIO(meeting["docx"]))


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def all_text(document) -> str:
    """Every paragraph's text, in the body and in (nested) table cells."""
    out = [p.text for p in document.paragraphs]

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
                    walk(cell.tables)

    walk(document.tables)
    return "\n".join(out)


def table_with_header(document, *header: str):
    found = [t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == header]
    assert len(found) == 1, [tuple(c.text for c in t.rows[0].cells) for t in document.tables]
    return found[0]


def titles(meeting) -> dict[str, str]:
    return {a["workform"]: a["title"] for a in meeting["state"]["activities"]}


# --- structure ------------------------------------------------------------------------------------


def test_the_title_is_the_session_title_in_words_title_style(document):
    assert styled(document, "Title") == ["Kick-off De Linde"]
    assert document.core_properties.title == "Verslag — Kick-off De Linde"
    assert document.core_properties.language == "nl-NL"


def test_sections_are_heading_1_and_their_parts_heading_2_words_own_styles(document, meeting):
    """Kop 1/Kop 2 in a Dutch Word: the built-in styles, so the navigation pane and a table of contents see them."""
    names = titles(meeting)
    level1 = styled(document, "Heading 1")
    assert level1 == [
        "Samenvatting",
        names["kennismaken"],
        names["trots"],
        names["uitdagingen-en-kansen"],
        names["impact-inspanning"],
        names["actieplan"],  # the action plan closes the report, as in the PDF
    ]
    level2 = styled(document, "Heading 2")
    for number, workform in enumerate(
        ["kennismaken", "trots", "uitdagingen-en-kansen", "impact-inspanning", "actieplan"], start=1
    ):
        assert f"{number}. {names[workform]}" in level2  # the summary's agenda
    assert "Behouden (1)" in level2
    assert "Groep: Bereikbaarheid (5 post-its)" in level2
    assert "Groep: Samenwerking (5 post-its)" in level2
    assert "Legenda" in level2
    for style in ("Heading 1", "Heading 2", "Title"):
        assert document.styles[style].builtin
    assert document.styles["Heading 1"].style_id == "Heading1"


def test_the_summary_comes_first_with_each_items_outcome(document, meeting):
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    start = paragraphs.index(("Heading 1", "Samenvatting"))
    end = next(i for i, (style, _text) in enumerate(paragraphs) if i > start and style == "Heading 1")
    summary = paragraphs[start:end]
    bullets = [text for style, text in summary if style == "List Bullet"]
    assert "1 deelnemer koos een kaart" in bullets
    assert "Behouden: Samenwerking met de apotheek" in bullets
    assert f"{LONG_280} — 7 stemmen" in bullets  # the most dots
    first = meeting["plan"][0]
    assert f"{first['what']} — {first['who']}, {dutch_due(first['due'])} (Open)" in bullets
    # The summary ends the first page: the sections start on a page of their own.
    breaks = document.element.body.findall(".//" + qn("w:br"))
    assert any(b.get(qn("w:type")) == "page" for b in breaks)


def test_the_cover_facts_are_a_table(document):
    facts = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in facts.rows}
    assert rows["Praktijk"] == "Huisartsenpraktijk De Linde"
    assert rows["Deelnemers"] == "20"
    assert len(rows["Deelnamecode"]) >= 4


def test_the_action_table_has_every_action_with_owner_date_and_status(document, meeting):
    table = table_with_header(document, "Wat", "Wie", "Wanneer", "Status")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    status = {"open": "Open", "bezig": "Bezig", "klaar": "Klaar"}
    assert rows == [[a["what"], a["who"], dutch_due(a["due"]), status[a["status"]]] for a in meeting["plan"]]
    assert ["Folder over het patiëntportaal in de wachtkamer", "Praktijkmanager", "—", "Bezig"] in rows
    # The header row repeats on every page Word lays the table over.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_a_long_note_is_one_paragraph_with_its_whole_text_in_a_post_it_cell(document):
    cells = [
        cell
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if any(p.text == LONG_280 for p in cell.paragraphs)
    ]
    assert cells, "the 280-character note is in a table cell"
    cell = cells[0]
    assert cell.paragraphs[0].text == "TROTS · 7 STEMMEN"
    fill = cell._tc.tcPr.find(qn("w:shd"))
    assert fill is not None and fill.get(qn("w:fill")) not in (None, "auto")  # the post-it's colour


def test_every_visible_note_is_in_the_report_and_the_hidden_one_is_not(document):
    text = all_text(document)
    for mine in trots_notes(20, 4):
        for n in mine:
            assert n["text"] in text
    for mine in challenge_notes(20, 2):
        for n in mine:
            assert n["text"] in text
    assert HIDDEN not in text


def test_markup_in_a_note_comes_out_as_literal_text(document, meeting):
    assert SCRIPT in all_text(document)
    xml = document.element.xml
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_names_are_left_out_of_anonymous_activities(document, meeting):
    lines = all_text(document).splitlines()
    # Kennismaken shows who chose a card (it is about people); trots and the others are anonymous:
    # no post-it has an author line, and no participant's name is anywhere else.
    assert NAMES[0] in lines
    assert not [line for line in lines if line.startswith("— ")]
    owners = " ".join(a["who"] for a in meeting["plan"])
    text = "\n".join(lines)
    for name in NAMES[1:]:
        if name not in owners:
            assert name not in text


def test_the_card_is_a_picture_and_the_matrix_points_to_the_pdf_with_its_legend(document):
    assert len(document.inline_shapes) == 1  # the card of the introduction round
    assert "De figuur van de matrix staat in het PDF-verslag" in all_text(document)
    legend = table_with_header(document, "Nr.", "Post-it", "Kwadrant")
    assert [c.text for c in legend.rows[1].cells] == ["1", "Terugbelspreekuur om 11 uur", "Nog niet geplaatst"]


def test_the_report_is_kept_next_to_the_pdf_under_exports(meeting):
    path = Path(meeting["app"].config["EXPORTS_DIR"]) / meeting["session"]["code"] / "report.docx"
    assert path.read_bytes() == meeting["docx"]


# --- access, language, erasure ---------------------------------------------------------------------


def test_only_the_facilitator_gets_it_like_the_pdf(client, make_session):
    session = make_session()
    for headers in ({}, {"Authorization": "Bearer verkeerd"}):
        for path in ("report.pdf", "report.docx"):
            response = client.get(f"/api/sessions/{session['code']}/{path}", headers=headers)
            assert response.status_code == (401 if not headers else 403), (path, headers)
            assert response.get_json()["error"]
    assert client.get("/api/sessions/ONBEKEND/report.docx", headers=bearer(session)).status_code == 404


def test_the_facilitator_page_and_home_link_to_it_next_to_the_pdf(client, make_session):
    session = make_session()
    client.get(f"/f/{session['code']}?token={session['facilitator_token']}")
    page = client.get(f"/f/{session['code']}").get_data(as_text=True)
    pdf = page.index(f'href="/api/sessions/{session["code"]}/report.pdf"')
    word = page.index(f'href="/api/sessions/{session["code"]}/report.docx"')
    assert pdf < word < pdf + 400 and "Verslag (Word)" in page[word : word + 300]
    creator = client.application.test_client()
    mine = creator.post("/api/sessions", json={"title": "Thuis"}).get_json()
    home = creator.get("/home").get_data(as_text=True)
    assert f'href="/api/sessions/{mine["code"]}/report.docx">Verslag (Word)</a>' in home


def test_an_english_session_gets_an_english_word_report(client, make_session):
    session = make_session(title="Kick-off", language="en", agenda=["trots", "actieplan"])
    document = Document(io.BytesIO(fetch_docx(client, session)))
    assert "Summary" in styled(document, "Heading 1")
    assert "Samenvatting" not in styled(document, "Heading 1")
    assert document.core_properties.language == "en-GB"


def test_deleting_the_session_erases_the_word_report(app, client, make_session):
    session = make_session(title="Weg ermee")
    fetch_docx(client, session)
    folder = Path(app.config["EXPORTS_DIR"]) / session["code"]
    assert (folder / "report.docx").is_file()
    assert client.delete(f"/api/sessions/{session['code']}", headers=bearer(session)).status_code == 200
    assert not folder.exists()


def test_the_word_report_is_written_in_the_heavy_work_child(tmp_path, make_session):
    """As the server runs it: in a child process under its limits (app/blocking.py)."""
    application = create_app(app_config(tmp_path / "child", HEAVY_IN_CHILD=True))
    try:
        maker = application.test_client()
        session = maker.post("/api/sessions", json={"title": "In het kind", "agenda": ["trots"]}).get_json()
        document = Document(io.BytesIO(fetch_docx(application.test_client(), session)))
        assert styled(document, "Title") == ["In het kind"]
    finally:
        application.extensions["flipover.store"].close()
