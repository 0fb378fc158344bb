"""The PDF report, read back with pypdf: what it says, and what it must leave out."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import activity_of, open_up
from drivers import bearer, flat, pdf_pages, pdf_text
from drivers import post_note as post

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def fetch_report(client, session) -> bytes:
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200, response.data[:200]
    assert response.mimetype == "application/pdf"
    return response.data


@pytest.fixture
def workshop(make_session, sock):
    """A kick-off with three phones, five notes, one kept and one hidden."""
    session = make_session(title="Kick-off De Linde", practice="Huisartsenpraktijk De Linde", template="kick-off")
    fac, _ = sock(session, role="facilitator")
    anna, ack = sock(session, name="Anna Jansen")
    bram, _ = sock(session, name="Bram de Vries")
    sock(session, name="Chris Bakker")
    trots = open_up(fac, activity_of(ack))
    post(anna, trots, "Onze triage aan de telefoon")
    kept = post(bram, trots, "Zorgzame assistentes")
    post(anna, trots, "Crème brûlée na de vergadering: ë ï é")
    hidden = post(bram, trots, "Dokter Pietersen is altijd te laat")
    post(anna, trots, "<script>alert(1)</script>")
    assert fac.emit("note:flag", {"note_id": kept["id"], "field": "behouden", "value": True}, callback=True)["ok"]
    assert fac.emit("note:update", {"note_id": hidden["id"], "hidden": True}, callback=True)["ok"]
    return session


@pytest.fixture
def report_text(client, workshop):
    return flat(pdf_text(fetch_report(client, workshop)))


def test_cover_shows_title_practice_and_code(report_text, workshop):
    assert "Kick-off De Linde" in report_text
    assert "Huisartsenpraktijk De Linde" in report_text
    assert workshop["code"] in report_text


def test_cover_shows_the_date_in_dutch(client, workshop, report_text):
    state = client.get(f"/api/sessions/{workshop['code']}", headers=bearer(workshop)).get_json()
    created = datetime.fromisoformat(state["created_at"]).astimezone(UTC)
    assert f"{created.day} {MONTHS[created.month - 1]} {created.year}" in report_text
    english = created.strftime("%B")
    if english.lower() not in MONTHS:  # e.g. "November" equals "november"; "May" never is
        assert english not in report_text


def test_cover_counts_the_participants(report_text):
    assert "Deelnemers 3" in report_text


def test_agenda_titles_are_listed(report_text):
    for title in ("Toelichting project", "Trots", "Vervolg en afsluiting"):
        assert title in report_text


def test_visible_note_texts_are_in_the_report(report_text):
    for text in ("Onze triage aan de telefoon", "Zorgzame assistentes"):
        assert text in report_text


def test_kept_notes_come_before_the_others(report_text):
    assert "Behouden" in report_text
    assert report_text.index("Zorgzame assistentes") < report_text.index("Onze triage aan de telefoon")


def test_hidden_notes_are_left_out(report_text):
    assert "Pietersen" not in report_text


def test_names_are_left_out_of_an_anonymous_activity(report_text):
    for name in ("Anna", "Jansen", "Bram", "Vries", "Chris", "Bakker"):
        assert name not in report_text


def test_markup_in_notes_is_printed_literally(report_text):
    assert "<script>alert(1)</script>" in report_text


def test_dutch_characters_survive(report_text):
    assert "Crème brûlée na de vergadering: ë ï é" in report_text


def test_report_is_saved_under_the_exports_folder(app, client, workshop):
    data = fetch_report(client, workshop)
    path = Path(app.config["EXPORTS_DIR"]) / workshop["code"] / "report.pdf"
    assert path.is_file()
    assert path.read_bytes() == data


def test_report_of_an_empty_session_lists_its_item_once_as_not_treated(client, make_session):
    session = make_session(title="Lege sessie")
    data = fetch_report(client, session)
    text = flat(pdf_text(data))
    assert "Lege sessie" in text
    assert "1. Trots Niet behandeld." in text
    assert "Geen post-its" not in text  # no empty section (issue 20)
    assert "Deelnemers 0" in text
    assert len(pdf_pages(data)) == 1


def test_markup_in_title_and_practice_is_printed_literally(client, make_session):
    session = make_session(title="<b>Vet</b> & co", practice="<i>Praktijk</i>")
    text = flat(pdf_text(fetch_report(client, session)))
    assert "<b>Vet</b> & co" in text
    assert "<i>Praktijk</i>" in text


def test_report_is_built_from_the_database_alone(app, tmp_path, workshop):
    """A restarted server (a new Store on the same file) makes the same report."""
    from app import report
    from app.db import Store
    from app.registry import discover

    reopened = Store(app.config["DATABASE"])
    try:
        data = report.collect(reopened, discover(), workshop["code"])
        text = flat(pdf_text(report.render(data, discover())))
    finally:
        reopened.close()
    assert "Zorgzame assistentes" in text
    assert "Pietersen" not in text


def test_collect_of_unknown_session_raises(app):
    from app import report

    with pytest.raises(LookupError):
        report.collect(app.extensions["flipover.store"], app.extensions["flipover.registry"], "ABC234")


def test_every_character_in_the_report_exists_in_its_font(client, workshop):
    # A character the embedded font lacks is drawn as the empty "notdef" glyph,
    # which pypdf reads back as NUL.
    raw = pdf_text(fetch_report(client, workshop))
    assert "\x00" not in raw, [line for line in raw.splitlines() if "\x00" in line]


def test_a_full_room_report_never_ends_a_page_on_a_group_heading(client, make_session, sock):
    """A kick-off with a full room (80 notes of pride, 40 challenges in six groups): every
    "Groep: …" and "Niet gegroepeerd" heading stands on the page of its first notes, not
    alone at a page's foot."""
    from room import Room, challenge_notes, trots_notes

    session = make_session(title="Kick-off De Linde", template="kick-off")
    fac, ack = sock(session, role="facilitator")
    trots, challenges = open_up(fac, activity_of(ack, "trots")), activity_of(ack, "uitdagingen-en-kansen")
    phones = [sock(session, name=f"Collega {i}")[0] for i in range(20)]
    for phone, mine in zip(phones, trots_notes(20, 4), strict=True):
        for note in mine:
            post(phone, trots, **note)
    assert fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "plakken"}, callback=True)["ok"]
    notes = [post(phone, challenges, **note) for phone, mine in zip(phones, challenge_notes(20, 2), strict=True)
             for note in mine]  # fmt: skip
    stacks = Room.challenge_groups(notes)
    for name, members in stacks:
        for member in members[1:]:
            stacked = fac.emit(
                "note:stack", {"note_id": member["id"], "target_note_id": members[0]["id"]}, callback=True
            )
            assert stacked["ok"], stacked
        assert fac.emit("group:update", {"group_id": stacked["group_id"], "name": name}, callback=True)["ok"]

    pages = pdf_pages(fetch_report(client, session))
    headed = [text for text in pages if "Groep:" in text]
    assert headed, "the report shows the groups"
    for number, text in enumerate(pages, start=1):
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("Flipover")]
        body = [line for line in lines if not line.strip().startswith("pagina")]
        assert body and not body[-1].startswith(("Groep:", "Niet gegroepeerd")), f"page {number} ends on {body[-1]!r}"
