"""Socket.IO tests of the solution work formats: impact-inspanning and processen-en-ict,
with every bad input of issue 7."""

from __future__ import annotations

import io
from typing import Any

import pytest
from conftest import activity_of, new_client_id, received
from pypdf import PdfReader

II = "impact-inspanning"


def _extra(client, activity_id: int) -> dict[str, Any]:
    changed = received(client, "activity:changed")
    assert changed, "no activity:changed received"
    return next(a for a in changed[-1]["activities"] if a["id"] == activity_id)["extra"]


@pytest.fixture
def matrix_session(make_session, sock):
    session = make_session(agenda=["trots", II])
    fac, ack = sock(session, role="facilitator")
    trots, ii = activity_of(ack, "trots"), activity_of(ack, II)
    return session, fac, trots, ii


def _add_items(fac, ii, *texts) -> list[int]:
    ids = []
    for t in texts:
        answer = fac.emit(
            f"{II}:add", {"activity_id": ii["id"], "text": t, "client_id": new_client_id()}, callback=True
        )
        assert answer["ok"] is True, answer
        ids.append(answer["note"]["id"])
    return ids


def _phase(fac, activity, phase) -> None:
    assert fac.emit("activity:phase", {"activity_id": activity["id"], "phase": phase}, callback=True)["ok"]


def test_phones_rate_and_board_gets_aggregates_only(matrix_session, sock) -> None:
    session, fac, _trots, ii = matrix_session
    a, _b = _add_items(fac, ii, "Online triage", "Labuitslag via app")
    _phase(fac, ii, "scoren")
    board, _ = sock(session, role="board")
    phones = [sock(session, name=name)[0] for name in ("Anna", "Bo", "Cas")]
    for phone, (impact, effort) in zip(phones, [(5, 1), (4, 2), (3, 3)], strict=True):
        rate = {"activity_id": ii["id"], "note_id": a}
        assert phone.emit(f"{II}:rate", {**rate, "impact": impact}, callback=True)["ok"]
        answer = phone.emit(f"{II}:rate", {**rate, "effort": effort}, callback=True)
        assert answer == {"ok": True, "ratings": {str(a): {"impact": impact, "effort": effort}}}
    # A re-rating replaces, never adds.
    again = phones[0].emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": 4}, callback=True)
    assert again["ratings"] == {str(a): {"impact": 4, "effort": 1}}
    extra = _extra(board, ii["id"])
    first, second = extra["items"]
    assert (first["id"], first["number"], first["text"]) == (a, 1, "Online triage")
    assert first["impact"]["mean"] == 3.67 and first["effort"]["mean"] == 2.0 and first["n"] == 3
    assert (first["impact"]["min"], first["impact"]["max"]) == (3, 4)
    assert first["quadrant"] == "onmiddellijk"
    assert second["n"] == 0 and second["quadrant"] is None
    assert extra["raters"] == 3
    assert extra["labels"]["onmiddellijk"] == "Onmiddellijk"
    # Nothing in the public view says who rated what.
    flat = repr(extra)
    assert "participant" not in flat and "Anna" not in flat
    # Each phone gets only its own ratings back.
    mine = phones[1].emit(f"{II}:mine", {"activity_id": ii["id"]}, callback=True)
    assert mine == {"ok": True, "ratings": {str(a): {"impact": 4, "effort": 2}}}
    # Skipping: clearing both scores removes the rating.
    cleared = phones[2].emit(
        f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": None, "effort": None}, callback=True
    )
    assert cleared["ratings"] == {}
    assert _extra(board, ii["id"])["items"][0]["n"] == 2


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "3", True, [3], {"x": 1}])
def test_bad_ratings_are_refused_and_nothing_stored(matrix_session, sock, value) -> None:
    session, fac, _trots, ii = matrix_session
    (a,) = _add_items(fac, ii, "Online triage")
    _phase(fac, ii, "scoren")
    phone, _ = sock(session)
    bad = phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": 3, "effort": value}, callback=True)
    assert bad == {"ok": False, "error": "Een score is een heel getal van 1 tot 5."}
    assert phone.emit(f"{II}:mine", {"activity_id": ii["id"]}, callback=True)["ratings"] == {}


def test_rating_needs_a_score_the_scoring_phase_and_a_participant(matrix_session, sock) -> None:
    session, fac, _trots, ii = matrix_session
    (a,) = _add_items(fac, ii, "Online triage")
    phone, _ = sock(session)
    rate = {"activity_id": ii["id"], "note_id": a}
    early = phone.emit(f"{II}:rate", {**rate, "impact": 3}, callback=True)
    assert early == {"ok": False, "error": "Scoren kan alleen als de begeleider de scoronde heeft geopend."}
    _phase(fac, ii, "scoren")
    assert phone.emit(f"{II}:rate", rate, callback=True)["error"] == "Geef een score voor impact of inspanning."
    assert fac.emit(f"{II}:rate", {**rate, "impact": 3}, callback=True)["ok"] is False
    board, _ = sock(session, role="board")
    assert board.emit(f"{II}:rate", {**rate, "impact": 3}, callback=True)["ok"] is False


def test_rating_an_item_of_another_activity_is_refused(matrix_session, sock) -> None:
    session, fac, trots, ii = matrix_session
    _phase(fac, ii, "scoren")
    phone, _ = sock(session)
    other = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Trots"}, callback=True
    )
    bad = phone.emit(
        f"{II}:rate", {"activity_id": ii["id"], "note_id": other["note"]["id"], "impact": 3}, callback=True
    )
    assert bad == {"ok": False, "error": "Deze post-it hoort niet bij dit agendapunt."}
    missing = phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": 99999, "impact": 3}, callback=True)
    assert missing == {"ok": False, "error": "Deze post-it bestaat niet (meer)."}
    # Another session's matrix cannot be reached with this session's join.
    wrong = phone.emit(
        f"{II}:rate", {"activity_id": trots["id"], "note_id": other["note"]["id"], "impact": 3}, callback=True
    )
    assert wrong == {"ok": False, "error": "Dit agendapunt hoort niet bij deze werkvorm."}


def test_pull_one_and_all_is_idempotent(matrix_session, sock) -> None:
    session, fac, trots, ii = matrix_session
    phone, _ = sock(session)
    ids = [
        phone.emit("note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": t}, callback=True)[
            "note"
        ]["id"]
        for t in ("Korte lijnen", "Goede triage", "Samen lunchen")
    ]
    pulled = fac.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": ids[0]}, callback=True)
    assert pulled["ok"] and pulled["note"]["text"] == "Korte lijnen" and pulled["note"]["author_id"] is None
    assert fac.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": ids[0]}, callback=True)["ok"]
    all_ = fac.emit(f"{II}:pull-all", {"activity_id": ii["id"], "source_activity_id": trots["id"]}, callback=True)
    assert all_ == {"ok": True, "added": 2}
    again = fac.emit(f"{II}:pull-all", {"activity_id": ii["id"], "source_activity_id": trots["id"]}, callback=True)
    assert again == {"ok": True, "added": 0}
    listed = fac.emit("notes:list", {"activity_id": ii["id"]}, callback=True)["notes"]
    assert [n["text"] for n in listed] == ["Korte lijnen", "Goede triage", "Samen lunchen"]
    own = fac.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": listed[0]["id"]}, callback=True)
    assert own == {"ok": False, "error": "Deze post-it staat al in deze matrix."}
    self_all = fac.emit(f"{II}:pull-all", {"activity_id": ii["id"], "source_activity_id": ii["id"]}, callback=True)
    assert self_all["ok"] is False
    nowhere = fac.emit(f"{II}:pull-all", {"activity_id": ii["id"], "source_activity_id": "1"}, callback=True)
    assert nowhere == {"ok": False, "error": "Dit agendapunt bestaat niet in deze sessie."}
    assert phone.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": ids[0]}, callback=True)["ok"] is False


def test_override_labels_and_their_bad_input(matrix_session, sock) -> None:
    session, fac, _trots, ii = matrix_session
    (a,) = _add_items(fac, ii, "Online triage")
    _phase(fac, ii, "scoren")
    phone, _ = sock(session)
    phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": 1, "effort": 5}, callback=True)
    assert fac.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, "x": 1.5, "y": 4.5}, callback=True)["ok"]
    item = _extra(fac, ii["id"])["items"][0]
    assert item["place"] == {"x": 1.5, "y": 4.5} and item["quadrant"] == "onmiddellijk" and item["override"]
    assert item["impact"]["mean"] == 1.0  # the mean is kept
    for bad in ({"x": 0, "y": 3}, {"x": 3, "y": 5.5}, {"x": "3", "y": 3}, {"x": 3}):
        answer = fac.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, **bad}, callback=True)
        assert answer == {"ok": False, "error": "Een plek in de matrix ligt tussen 1 en 5 op beide assen."}
    assert (
        phone.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, "x": 2, "y": 2}, callback=True)["ok"]
        is False
    )
    assert fac.emit(f"{II}:clear-override", {"activity_id": ii["id"], "note_id": a}, callback=True)["ok"]
    assert _extra(fac, ii["id"])["items"][0]["quadrant"] == "niet-doen"
    labels = fac.emit(f"{II}:labels", {"activity_id": ii["id"], "labels": {"plannen": "Later plannen"}}, callback=True)
    assert labels["ok"]
    assert _extra(fac, ii["id"])["labels"]["plannen"] == "Later plannen"
    for bad, error in (
        ({"elders": "x"}, "Onbekend kwadrant."),
        ({"plannen": " "}, "Een kwadrant heeft een naam nodig."),
        ({"plannen": "x" * 41}, "De naam van een kwadrant is maximaal 40 tekens."),
        ("Plannen", "Geef de namen van de kwadranten."),
    ):
        assert fac.emit(f"{II}:labels", {"activity_id": ii["id"], "labels": bad}, callback=True) == {
            "ok": False,
            "error": error,
        }


def test_report_draws_the_matrix_and_tables(client, matrix_session, sock) -> None:
    session, fac, _trots, ii = matrix_session
    a, b, _c = _add_items(fac, ii, "Online triage", "Nieuwe telefooncentrale", "Nog te scoren")
    _phase(fac, ii, "scoren")
    phone, _ = sock(session)
    phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": 5, "effort": 1}, callback=True)
    phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": b, "impact": 2, "effort": 5}, callback=True)
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert response.status_code == 200, response.data[:200]
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for expected in (
        "Onmiddellijk",
        "Niet doen",
        "Online triage",
        "Nieuwe telefooncentrale",
        "Nog niet gescoord",
        "Gem.\nimpact",
        "Inspanning (laag",
    ):
        assert expected in text, expected
    page = next(p for p in reader.pages if "Legenda" in p.extract_text())
    content = page.get_contents().get_data().decode("latin-1")
    assert " re" in content  # the quadrant rectangles are drawn


def test_template_recap_shows_goals_then_the_solution_formats(client, make_session, sock) -> None:
    listed = {t["slug"]: t for t in client.get("/api/templates").get_json()}
    template = listed["oplossingsrichting"]
    assert template["title"] == "Bijeenkomst verkennen oplossingsrichting (2 uur)"
    assert template["agenda"][:2] == ["toelichting", II]
    session = make_session(template="oplossingsrichting")
    _fac, ack = sock(session, role="facilitator")
    recap = ack["state"]["activities"][0]
    assert recap["workform"] == "toelichting" and recap["extra"] == {"show_goals": True}
    assert recap["title"] == "Ambitie en doelstellingen (recap bijeenkomst 1)"
    assert [a["workform"] for a in ack["state"]["activities"]][1] == II
    # A plain text slide does not list the goals.
    plain = make_session(agenda=["toelichting"])
    _, plain_ack = sock(plain, role="facilitator")
    assert plain_ack["state"]["activities"][0]["extra"] == {"show_goals": False}
