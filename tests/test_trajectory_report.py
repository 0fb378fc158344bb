"""The trajectory report PDF and the case study (API, PDF and page), read back with pypdf."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, new_client_id
from drivers import bearer, pdf_words
from test_trajectories import (  # noqa: F401 - fixtures used by name
    actions_in,
    facilitator,
    kickoff,
    leader,
    new_session,
    new_trajectory,
    ok,
)

from app import casestudy

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]  # fmt: skip


def today_in_dutch() -> str:
    now = datetime.now(UTC)
    return f"{now.day} {MONTHS[now.month - 1]} {now.year}"


def post(phone, activity: dict[str, Any], text: str, category: str | None = None) -> dict[str, Any]:
    payload = {"activity_id": activity["id"], "client_id": new_client_id(), "text": text}
    if category:
        payload["category"] = category
    return ok(phone.emit("note:add", payload, callback=True))["note"]


@pytest.fixture
def journey(leader, sock, kickoff):  # noqa: F811 - pytest fixtures by name
    """Two meetings: the kick-off (goals, ambition, three actions, an anonymous trots note by Anna),
    then a vision meeting that rewords a goal, adds one, changes the ambition, finishes an action,
    votes on challenges and has a named (non-anonymous) trots note by Bram."""
    trajectory, first = kickoff
    fac1, ack1 = facilitator(sock, first)
    anna1, _ = sock(first, name="Anna Jansen")
    trots1 = activity_of(ack1, "trots")
    assert trots1["anonymous"] is True
    kept = post(anna1, trots1, "Onze triage aan de telefoon")
    ok(fac1.emit("note:flag", {"note_id": kept["id"], "field": "behouden", "value": True}, callback=True))

    second = new_session(
        leader, trajectory, title="Visie en strategie", agenda=["uitdagingen-en-kansen", "trots", "actieplan"]
    )
    fac, ack = facilitator(sock, second)
    goals = {g["title"]: g for g in ack["state"]["goals"]}
    reworded = {"goal_id": goals["Betere bereikbaarheid"]["id"], "title": "Betere telefonische bereikbaarheid"}
    ok(fac.emit("goal:update", reworded, callback=True))
    ok(fac.emit("goal:add", {"title": "Digitale intake"}, callback=True))
    ok(fac.emit("ambition:set", {"text": "Rust in de praktijk"}, callback=True))
    plan = activity_of(ack, "actieplan")
    telefonie = next(a for a in actions_in(ack) if a["what"].startswith("Werkgroep"))
    done = {"activity_id": plan["id"], "note_id": telefonie["id"], "status": "klaar"}
    ok(fac.emit("actieplan:update", done, callback=True))

    anna, _ = sock(second, name="Anna Jansen")
    bram, _ = sock(second, name="Bram de Vries")
    uk = activity_of(ack, "uitdagingen-en-kansen")
    admin = post(anna, uk, "Te veel administratie", "uitdaging")
    phone_busy = post(bram, uk, "Telefoon altijd bezet", "uitdaging")
    post(anna, uk, "Parkeerplaats te klein", "uitdaging")
    post(bram, uk, "Online afspraken maken", "kans")
    ok(fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "plakken"}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "stemmen"}, callback=True))
    ok(anna.emit("vote:add", {"note_id": admin["id"]}, callback=True))
    ok(bram.emit("vote:add", {"note_id": admin["id"]}, callback=True))
    ok(anna.emit("vote:add", {"note_id": phone_busy["id"]}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "bespreken"}, callback=True))

    trots2 = activity_of(ack, "trots")
    ok(fac.emit("activity:update", {"activity_id": trots2["id"], "anonymous": False}, callback=True))
    post(bram, trots2, "Korte lijnen in het team")
    return trajectory, first, second


def get_pdf(browser, path: str, **kwargs: Any) -> bytes:
    response = browser.get(path, **kwargs)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


@pytest.fixture
def report_text(leader, journey) -> str:  # noqa: F811
    trajectory = journey[0]
    return pdf_words(get_pdf(leader, f"/api/trajectories/{trajectory['id']}/report.pdf"))


# --- the trajectory report ---------------------------------------------------------------


def test_report_is_an_attachment_named_after_the_trajectory(leader, journey):  # noqa: F811
    trajectory = journey[0]
    response = leader.get(f"/api/trajectories/{trajectory['id']}/report.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="flipover-traject-{trajectory["id"]}.pdf"'
    assert response.data.startswith(b"%PDF")


def test_report_cover_names_trajectory_practice_leader_phase_period_and_meetings(report_text):
    assert "Meer tijd voor de patiënt" in report_text
    assert "Huisartsenpraktijk De Linde" in report_text
    assert "Marieke" in report_text
    assert "Fase 1 – Digitale visie en strategie" in report_text
    assert today_in_dutch() in report_text
    assert "Bijeenkomsten 2" in report_text
    assert report_text.index("1. Kick-off") < report_text.index("2. Visie en strategie")


def test_report_shows_goals_with_their_latest_wording_and_the_ambition_where_it_changed(report_text):
    goals = report_text[report_text.index("Doelstellingen en hoe ze") : report_text.index("Actiepunten en hun status")]
    assert "Betere telefonische bereikbaarheid" in goals
    assert "Betere bereikbaarheid" not in goals  # one row per goal: the latest wording
    assert "Minder administratie" in goals and "Digitale intake" in goals
    assert "1. Kick-off: Meer tijd voor de patiënt" in goals
    assert "2. Visie en strategie: Rust in de praktijk" in goals


def test_report_follows_each_action_status_over_the_meetings_open_ones_first(report_text):
    actions = report_text[report_text.index("Actiepunten en hun status") : report_text.index("Hoogtepunten")]
    assert "Werkgroep telefonie starten" in actions
    telefonie = actions[actions.index("Werkgroep telefonie starten") :]
    assert telefonie.index("1. Kick-off: Bezig") < telefonie.index("2. Visie en strategie: KLAAR")
    assert "2. Visie en strategie: OPEN" in actions  # the survey, still open, latest status emphasised
    assert actions.index("Enquête onder patiënten") < actions.index("Werkgroep telefonie starten")
    assert actions.index("Enquête onder patiënten") < actions.index("Nieuwsbrief versturen")


def test_report_highlights_the_top_voted_notes_and_marked_ones_per_meeting(report_text):
    highlights = report_text[report_text.index("Hoogtepunten per bijeenkomst") :]
    assert highlights.index("1. Kick-off") < highlights.index("2. Visie en strategie")
    assert "Behouden: Onze triage aan de telefoon" in highlights
    assert highlights.count("Onze triage aan de telefoon") == 1  # listed once, with its mark
    assert "Te veel administratie (2 stemmen)" in highlights
    assert "Telefoon altijd bezet (1 stem)" in highlights
    # With dots placed, notes nobody voted for are not a highlight.
    assert "Parkeerplaats te klein" not in highlights
    assert "Korte lijnen in het team — Bram de Vries" in highlights
    assert "2 deelnemers" in highlights


def test_report_never_names_the_author_of_an_anonymous_activity(report_text):
    assert "Anna Jansen" not in report_text
    assert "Bram de Vries" in report_text  # only where the activity shows names


def test_report_of_an_english_trajectory_follows_its_latest_meeting(leader, sock):  # noqa: F811
    trajectory = new_trajectory(leader, name="Digital practice")
    new_session(leader, trajectory, title="Kick-off", language="en")
    text = pdf_words(get_pdf(leader, f"/api/trajectories/{trajectory['id']}/report.pdf"))
    assert "Goals and how they evolved" in text
    assert "Doelstellingen en hoe ze" not in text


def test_report_of_a_trajectory_without_meetings(leader):  # noqa: F811
    trajectory = new_trajectory(leader, name="Nog leeg")
    text = pdf_words(get_pdf(leader, f"/api/trajectories/{trajectory['id']}/report.pdf"))
    assert "Nog leeg" in text and "Nog geen bijeenkomsten in dit traject." in text


def test_report_works_with_the_trajectory_token(app, leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    other = app.test_client()
    get_pdf(other, f"/api/trajectories/{trajectory['id']}/report.pdf", headers=bearer(trajectory))


PATHS = ["report.pdf", "report.docx", "casestudy", "casestudy.pdf"]


@pytest.mark.parametrize("path", PATHS)
def test_trajectory_documents_need_the_token_or_home_key(app, leader, path):  # noqa: F811
    trajectory = new_trajectory(leader)
    stranger = app.test_client()
    new_trajectory(stranger, name="Eigen traject")  # a home key of its own does not open someone else's
    url = f"/api/trajectories/{trajectory['id']}/{path}"
    assert stranger.get(url).status_code == 401
    assert stranger.get(url, headers={"Authorization": "Bearer verkeerd"}).status_code == 403
    assert leader.get(f"/api/trajectories/onbekend/{path}").status_code == 404
    assert stranger.get(url).get_json()["error"]


def test_put_casestudy_needs_the_token_or_home_key(app, leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    stranger = app.test_client()
    url = f"/api/trajectories/{trajectory['id']}/casestudy"
    body = {"values": {"locatie": "Ergens"}}
    assert stranger.put(url, json=body).status_code == 401
    assert stranger.put(url, json=body, headers={"Authorization": "Bearer verkeerd"}).status_code == 403
    assert leader.put("/api/trajectories/onbekend/casestudy", json=body).status_code == 404
    assert all(f["value"] == "" for f in leader.get(url).get_json()["fields"])
    assert stranger.put(url, json=body, headers=bearer(trajectory)).status_code == 200


def test_the_report_is_kept_in_exports_and_erased_with_the_trajectory(app, leader, journey):  # noqa: F811
    trajectory = journey[0]
    folder = Path(app.config["EXPORTS_DIR"]) / f"traject-{trajectory['id']}"
    get_pdf(leader, f"/api/trajectories/{trajectory['id']}/report.pdf")
    get_pdf(leader, f"/api/trajectories/{trajectory['id']}/casestudy.pdf")
    get_docx(leader, f"/api/trajectories/{trajectory['id']}/report.docx")
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (folder / "report.docx").read_bytes().startswith(b"PK")
    assert (folder / "casestudy.pdf").is_file()
    assert leader.delete(f"/api/trajectories/{trajectory['id']}").status_code == 200
    assert not folder.exists()


def test_the_retention_sweep_erases_the_exports_of_an_emptied_trajectory(app, leader):  # noqa: F811
    from datetime import timedelta

    from app import retention

    trajectory = new_trajectory(leader)
    get_pdf(leader, f"/api/trajectories/{trajectory['id']}/report.pdf")
    folder = Path(app.config["EXPORTS_DIR"]) / f"traject-{trajectory['id']}"
    assert folder.is_dir()
    app.config["RETENTION_DAYS"] = 1
    retention.purge_expired(app, now=datetime.now(UTC) + timedelta(days=2))
    assert leader.get(f"/api/trajectories/{trajectory['id']}").status_code == 404
    assert not folder.exists()


# --- the trajectory report in Word -----------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def get_docx(browser, path: str, **kwargs: Any) -> bytes:
    response = browser.get(path, **kwargs)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == DOCX
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


def word_document(browser, trajectory: dict[str, Any]):
    from docx import Document

    data = get_docx(browser, f"/api/trajectories/{trajectory['id']}/report.docx")
    return Document(io.BytesIO(data))


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_word_report_has_the_pdfs_headings_as_word_heading_styles(leader, journey):  # noqa: F811
    trajectory = journey[0]
    response = leader.get(f"/api/trajectories/{trajectory['id']}/report.docx")
    assert response.headers["Content-Disposition"] == f'attachment; filename="flipover-traject-{trajectory["id"]}.docx"'
    document = word_document(leader, trajectory)
    assert styled(document, "Title") == ["Meer tijd voor de patiënt"]
    assert styled(document, "Heading 1") == [
        "Bijeenkomsten",
        "Doelstellingen en hoe ze zich ontwikkelden",
        "Actiepunten en hun status",
        "Hoogtepunten per bijeenkomst",
    ]
    assert styled(document, "Heading 2") == ["Ambitie", "1. Kick-off", "2. Visie en strategie"]
    facts = dict(rows_of(document.tables[0]))
    assert facts["Projectleider"] == "Marieke" and facts["Bijeenkomsten"] == "2"


def test_word_report_has_the_goal_and_action_tables(leader, journey):  # noqa: F811
    document = word_document(leader, journey[0])
    goals = next(rows_of(t) for t in document.tables if t.rows[0].cells[0].text == "Doelstelling")
    assert goals[0] == ["Doelstelling", "1", "2"]
    assert ["Betere telefonische bereikbaarheid", "✓", "✓"] in goals  # the check marks as text
    assert ["Digitale intake", "", "✓"] in goals
    actions = next(rows_of(t) for t in document.tables if t.rows[0].cells[0].text == "Wat")
    assert actions[0] == ["Wat", "Wie", "Wanneer", "Status"]
    assert [row[0] for row in actions[1:]] == [
        "Enquête onder patiënten",
        "Werkgroep telefonie starten",
        "Nieuwsbrief versturen",
    ]
    telefonie = next(row for row in actions if row[0] == "Werkgroep telefonie starten")
    assert telefonie[1] == "Sanne"
    assert telefonie[3] == "1. Kick-off: Bezig\n2. Visie en strategie: KLAAR"


def test_word_report_highlights_without_anonymous_names(leader, journey):  # noqa: F811
    document = word_document(leader, journey[0])
    bullets = styled(document, "List Bullet")
    assert "Behouden: Onze triage aan de telefoon" in bullets
    assert "Te veel administratie (2 stemmen)" in bullets
    assert "Korte lijnen in het team — Bram de Vries" in bullets
    assert "Anna Jansen" not in "\n".join(p.text for p in document.paragraphs)


def test_word_report_of_an_english_trajectory(leader):  # noqa: F811
    trajectory = new_trajectory(leader, name="Digital practice")
    new_session(leader, trajectory, title="Kick-off", language="en")
    document = word_document(leader, trajectory)
    assert "Goals and how they evolved" in styled(document, "Heading 1")
    assert document.core_properties.language == "en-GB"


# --- the case study ------------------------------------------------------------------------


def fields_of(browser, trajectory: dict[str, Any]) -> dict[str, dict[str, Any]]:
    response = browser.get(f"/api/trajectories/{trajectory['id']}/casestudy")
    assert response.status_code == 200, response.get_json()
    return {f["key"]: f for f in response.get_json()["fields"]}


def test_casestudy_has_the_handbooks_seven_sections(leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    response = leader.get(f"/api/trajectories/{trajectory['id']}/casestudy").get_json()
    sections = list(dict.fromkeys(f["section"] for f in response["fields"]))
    assert sections == [str(s) for s in casestudy.SECTIONS.values()]
    assert sections[0] == "1. Algemene gegevens" and sections[-1] == "7. Tips voor andere praktijken"
    assert len(response["fields"]) == len(casestudy.FIELDS) == 23
    first = response["fields"][0]
    assert set(first) >= {"key", "section", "label", "value", "suggestion"}
    assert first["label"] == "Naam van de praktijk" and first["value"] == ""


def test_casestudy_suggests_practice_period_people_goals_reasons_and_results(leader, journey):  # noqa: F811
    fields = fields_of(leader, journey[0])
    assert fields["praktijk"]["suggestion"] == "Huisartsenpraktijk De Linde"
    assert fields["periode"]["suggestion"] == today_in_dutch()
    people = fields["betrokkenen"]["suggestion"]
    assert "Marieke (projectleider)" in people and "Bram de Vries" in people
    assert "Anna Jansen" not in people  # she only wrote in anonymous activities
    goals = fields["doelen"]["suggestion"]
    assert "Ambitie: Rust in de praktijk" in goals
    assert "- Betere telefonische bereikbaarheid" in goals and "- Digitale intake" in goals
    reasons = fields["aanleiding"]["suggestion"]
    assert "Uitdaging: Te veel administratie" in reasons and "Kans: Online afspraken maken" in reasons
    assert "Parkeerplaats te klein" not in reasons
    assert "2 van de 3 actiepunten zijn klaar." in fields["doelen_bereikt"]["suggestion"]
    assert "Enquête onder patiënten" in fields["verbeterpunten"]["suggestion"]
    assert "Kick-off" in fields["voorbereiding"]["suggestion"]
    assert all(f["value"] == "" for f in fields.values())


def test_casestudy_never_suggests_names_from_anonymous_activities(leader, sock, kickoff):  # noqa: F811
    trajectory, first = kickoff
    _fac, ack = facilitator(sock, first)
    anna, _ = sock(first, name="Anna Jansen")
    post(anna, activity_of(ack, "trots"), "Samen lunchen")
    text = str(leader.get(f"/api/trajectories/{trajectory['id']}/casestudy").get_json())
    assert "Anna Jansen" not in text


def test_casestudy_put_round_trip(leader, journey):  # noqa: F811
    trajectory = journey[0]
    url = f"/api/trajectories/{trajectory['id']}/casestudy"
    values = {"locatie": "Utrecht", "lessen": "Begin klein\nen betrek iedereen", "tips": "x" * casestudy.MAX_VALUE}
    response = leader.put(url, json={"values": values})
    assert response.status_code == 200, response.get_json()
    saved = {f["key"]: f["value"] for f in response.get_json()["fields"]}
    assert saved["locatie"] == "Utrecht" and saved["lessen"] == "Begin klein\nen betrek iedereen"
    fields = fields_of(leader, trajectory)
    assert fields["lessen"]["value"] == "Begin klein\nen betrek iedereen"
    assert fields["praktijk"]["value"] == ""  # a suggestion is never saved by itself
    # Keys not sent keep their answer; an empty text clears one.
    assert leader.put(url, json={"values": {"locatie": ""}}).status_code == 200
    fields = fields_of(leader, trajectory)
    assert fields["locatie"]["value"] == "" and fields["lessen"]["value"].startswith("Begin klein")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"values": {"onbekend": "x"}}, "Onbekend veld in de casestudy: onbekend"),
        ({"values": {"locatie": 12}}, "Het veld locatie moet tekst zijn."),
        ({"values": {"locatie": None}}, "Het veld locatie moet tekst zijn."),
        ({"values": {"locatie": ["Utrecht"]}}, "Het veld locatie moet tekst zijn."),
        ({"values": {"tips": "x" * (casestudy.MAX_VALUE + 1)}}, "Het veld tips is te lang (maximaal 4000 tekens)."),
        ({"values": ["locatie"]}, "Stuur een JSON-object met 'values'"),
        ({"locatie": "Utrecht"}, "Stuur een JSON-object met 'values'"),
        ([1, 2], "Stuur een JSON-object met 'values'"),
        # One bad field refuses the whole request: the good one is not stored either.
        ({"values": {"lessen": "Goed", "onbekend": "x"}}, "Onbekend veld"),
        ({"values": {"lessen": "Goed", "tips": 3}}, "Het veld tips moet tekst zijn."),
    ],
)
def test_casestudy_put_refuses_bad_input_and_stores_nothing(leader, body, message):  # noqa: F811
    trajectory = new_trajectory(leader)
    url = f"/api/trajectories/{trajectory['id']}/casestudy"
    response = leader.put(url, json=body)
    assert response.status_code == 400
    assert message in response.get_json()["error"]
    assert all(f["value"] == "" for f in fields_of(leader, trajectory).values())


def test_casestudy_put_refuses_a_body_that_is_not_json(leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    response = leader.put(f"/api/trajectories/{trajectory['id']}/casestudy", data="values=x", content_type="text/plain")
    assert response.status_code == 400
    assert "Stuur een JSON-object" in response.get_json()["error"]


def test_casestudy_pdf_has_saved_answers_and_no_unsaved_suggestions(leader, journey):  # noqa: F811
    trajectory = journey[0]
    url = f"/api/trajectories/{trajectory['id']}/casestudy"
    values = {"locatie": "Utrecht", "lessen": "Begin klein & betrek <iedereen>"}
    assert leader.put(url, json={"values": values}).status_code == 200
    response = leader.get(url + ".pdf")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="flipover-casestudy-{trajectory["id"]}.pdf"'
    )
    text = pdf_words(get_pdf(leader, url + ".pdf"))
    assert "Casestudy" in text and "Meer tijd voor de patiënt" in text
    assert "Locatie Utrecht" in text
    assert "Begin klein & betrek <iedereen>" in text
    assert "7. Tips voor andere praktijken" in text
    assert "Welke doelen waren er vooraf gesteld?" in text
    # Suggestions are not the leader's words: none of them is printed.
    for suggestion in ("Te veel administratie", "Digitale intake", "Bram de Vries", "actiepunten zijn klaar"):
        assert suggestion not in text


# --- the page ------------------------------------------------------------------------------


def test_casestudy_page_for_the_owner(leader, journey):  # noqa: F811
    trajectory = journey[0]
    page = leader.get(f"/t/{trajectory['id']}/casestudy")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Casestudy: Meer tijd voor de patiënt" in html
    assert "1. Algemene gegevens" in html and "Suggestie overnemen" in html
    assert "Uitdaging: Te veel administratie" in html
    assert f'href="/api/trajectories/{trajectory["id"]}/casestudy.pdf"' in html
    assert "/static/js/casestudy.js" in html


def test_casestudy_page_is_refused_to_others_and_unknown_trajectories(app, leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    stranger = app.test_client()
    new_trajectory(stranger, name="Eigen traject")
    refused = stranger.get(f"/t/{trajectory['id']}/casestudy")
    assert refused.status_code == 403
    assert "Meer tijd voor de patiënt" not in refused.get_data(as_text=True)
    # The trajectory token is for API clients; the page needs the owner's home key.
    assert stranger.get(f"/t/{trajectory['id']}/casestudy", headers=bearer(trajectory)).status_code == 403
    missing = leader.get("/t/onbekend/casestudy")
    assert missing.status_code == 404
    assert "Dit traject bestaat niet (meer)." in missing.get_data(as_text=True)


def test_casestudy_page_escapes_saved_values(leader):  # noqa: F811
    trajectory = new_trajectory(leader, name="<b>Traject</b>")
    evil = "<script>alert(1)</script>"
    url = f"/api/trajectories/{trajectory['id']}/casestudy"
    assert leader.put(url, json={"values": {"lessen": evil}}).status_code == 200
    html = leader.get(f"/t/{trajectory['id']}/casestudy").get_data(as_text=True)
    assert evil not in html and "<b>Traject</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_home_links_to_the_trajectory_report_and_case_study(leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    html = leader.get("/home").get_data(as_text=True)
    assert f'href="/api/trajectories/{trajectory["id"]}/report.pdf"' in html
    assert f'href="/t/{trajectory["id"]}/casestudy"' in html
    assert "Trajectverslag (PDF)" in html
    assert f'href="/api/trajectories/{trajectory["id"]}/report.docx">Trajectverslag (Word)</a>' in html


def test_casestudy_takes_suggestions_from_the_evaluation_answers_without_names(leader, sock):  # noqa: F811
    trajectory = new_trajectory(leader)
    evaluation = new_session(leader, trajectory, title="Procesevaluatie", agenda=["evaluatie"])
    fac, ack = facilitator(sock, evaluation)
    aid = activity_of(ack, "evaluatie")["id"]
    for name, score, went_well in (("Anna Jansen", 4, "Goede uitleg"), ("Bram de Vries", 5, " goede  UITLEG ")):
        phone, _ = sock(evaluation, name=name)
        answers = (("q6", {"text": went_well}), ("q9", {"score": score}), ("q12", {"text": "Eerder starten"}))
        for question, fields in answers:
            ok(phone.emit("evaluatie:answer", {"activity_id": aid, "question_id": question, **fields}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": aid, "phase": "resultaten"}, callback=True))
    fields = fields_of(leader, trajectory)
    assert "Goede uitleg (2×)" in fields["voorbereiding_goed"]["suggestion"]
    assert "gemiddeld 4,5 (n = 2)" in fields["samenwerking"]["suggestion"]
    assert "Eerder starten (2×)" in fields["lessen"]["suggestion"]
    assert "Anna Jansen" not in str(fields) and "Bram de Vries" not in str(fields)


def test_casestudy_lists_the_roles_from_the_introductions(leader, sock):  # noqa: F811
    trajectory = new_trajectory(leader)
    meeting = new_session(leader, trajectory, title="Kick-off", agenda=["kennismaken"])
    _fac, ack = facilitator(sock, meeting)
    intro = activity_of(ack, "kennismaken")
    for name, role in (("Anna", "Doktersassistent"), ("Bram", "Doktersassistent"), ("Cor", "Huisarts")):
        phone, _ = sock(meeting, name=name)
        payload = {
            "activity_id": intro["id"],
            "client_id": new_client_id(),
            "text": f"Droom van {name}",
            "data": {"card": "vuurtoren", "role": role},
        }
        ok(phone.emit("note:add", payload, callback=True))
    people = fields_of(leader, trajectory)["betrokkenen"]["suggestion"]
    assert "Doktersassistent (2×)" in people and "Huisarts" in people
