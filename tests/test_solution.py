"""Socket.IO tests of the solution work formats: impact-inspanning and processen-en-ict,
with every bad input of issue 7."""

from __future__ import annotations

import io
from typing import Any

import pytest
from conftest import activity_of, activity_views, new_client_id
from pypdf import PdfReader

II = "impact-inspanning"
PI = "processen-en-ict"


def _extra(client, activity_id: int) -> dict[str, Any]:
    views = activity_views(client)
    assert activity_id in views, "no view of this activity received"
    return views[activity_id]["extra"]


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
    # Every note of another activity gets the one-click button on the facilitator page.
    _, again = sock(session, role="facilitator")
    commands = again["state"]["workforms"][II]["note_commands"]
    assert commands == [{"event": "pull", "label": "→ Impact/inspanning"}]
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
    assert nowhere == {"ok": False, "error": "Dit agendapunt bestaat niet in deze bijeenkomst."}
    assert phone.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": ids[0]}, callback=True)["ok"] is False


def test_bad_items_and_a_forged_pull_id_are_refused(matrix_session, sock) -> None:
    session, fac, trots, ii = matrix_session
    add = {"activity_id": ii["id"], "client_id": new_client_id()}
    assert fac.emit(f"{II}:add", {**add, "text": "   "}, callback=True) == {
        "ok": False,
        "error": "Je post-it is leeg. Schrijf eerst iets op.",
    }
    assert fac.emit(f"{II}:add", {**add, "text": "x" * 281}, callback=True)["ok"] is False
    assert fac.emit(f"{II}:add", {"activity_id": ii["id"], "text": "Zonder id"}, callback=True)["ok"] is False
    phone, _ = sock(session)
    source = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Echt"}, callback=True
    )["note"]
    forged = phone.emit(
        "note:add",
        {"activity_id": ii["id"], "client_id": f"pull-{ii['id']}-{source['id']}", "text": "Nep"},
        callback=True,
    )
    assert forged["ok"] is True
    pulled = fac.emit(f"{II}:pull", {"activity_id": ii["id"], "note_id": source["id"]}, callback=True)
    assert pulled == {"ok": False, "error": "Deze post-it kan niet worden overgenomen (de verzendcode is al gebruikt)."}


def test_override_labels_and_their_bad_input(matrix_session, sock) -> None:
    session, fac, _trots, ii = matrix_session
    (a,) = _add_items(fac, ii, "Online triage")
    _phase(fac, ii, "scoren")
    phone, _ = sock(session)
    phone.emit(f"{II}:rate", {"activity_id": ii["id"], "note_id": a, "impact": 1, "effort": 5}, callback=True)
    assert fac.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, "x": 1.5, "y": 4.5}, callback=True)["ok"]
    item = _extra(fac, ii["id"])["items"][0]
    assert item["place"] == {"x": 1.5, "y": 4.5} and item["quadrant"] == "onmiddellijk" and item["override"]
    # One rater while the round runs: the mean stays with the server (MIN_RATERS).
    assert item["impact"]["mean"] is None and item["withheld"] and item["n"] == 1
    for bad in ({"x": 0, "y": 3}, {"x": 3, "y": 5.5}, {"x": "3", "y": 3}, {"x": 3}):
        answer = fac.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, **bad}, callback=True)
        assert answer == {"ok": False, "error": "Een plek in de matrix ligt tussen 1 en 5 op beide assen."}
    assert (
        phone.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": a, "x": 2, "y": 2}, callback=True)["ok"]
        is False
    )
    _phase(fac, ii, "bespreken")
    assert _extra(fac, ii["id"])["items"][0]["impact"]["mean"] == 1.0  # the mean is kept
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


def test_the_handbooks_way_places_items_together_without_a_scoring_round(client, matrix_session, sock) -> None:
    """Scoring is the app's extra (issue 19): the rhythm is collect, then place together and discuss;
    the facilitator's drag alone puts an unscored item in its quadrant, and the report then has no means."""
    from workforms.impact_inspanning import ImpactInspanning

    assert [p.slug for p in ImpactInspanning.phases if not p.optional] == ["verzamelen", "bespreken"]
    session, fac, _trots, ii = matrix_session
    a, b, _c = _add_items(fac, ii, "Online triage", "Wachtmuziek vervangen", "Eigen app bouwen")
    _phase(fac, ii, "bespreken")
    for note_id, (x, y) in ((a, (1.5, 4.5)), (b, (2, 2))):
        assert fac.emit(f"{II}:override", {"activity_id": ii["id"], "note_id": note_id, "x": x, "y": y}, callback=True)[
            "ok"
        ]
    items = _extra(fac, ii["id"])["items"]
    assert [(i["quadrant"], i["n"], i["withheld"]) for i in items] == [
        ("onmiddellijk", 0, False),
        ("quick-wins", 0, False),
        (None, 0, False),
    ]
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).replace("\n", " ")
    assert "Het team plaatste de post-its samen in de matrix" in text
    assert "Nog niet geplaatst (1)" in text and "Gem. impact" not in text
    assert "Onmiddellijk: Online triage" in text  # the summary page names the first corner


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
        "Nog niet geplaatst",
        "Gem.\nimpact",
        "Inspanning (van laag naar hoog)",
    ):
        assert expected in text, expected
    page = next(p for p in reader.pages if "Legenda" in p.extract_text())
    content = page.get_contents().get_data().decode("latin-1")
    assert " re" in content  # the quadrant rectangles are drawn


def test_template_recap_shows_goals_then_the_solution_formats(client, make_session, sock) -> None:
    listed = {t["slug"]: t for t in client.get("/api/templates").get_json()}
    template = listed["oplossingsrichting"]
    assert template["title"] == "Bijeenkomst verkennen oplossingsrichting"
    assert template["agenda"][:4] == ["toelichting", "interviews", II, PI]
    session = make_session(template="oplossingsrichting")
    _fac, ack = sock(session, role="facilitator")
    recap = ack["state"]["activities"][0]
    assert recap["workform"] == "toelichting" and recap["extra"]["show_goals"] is True
    assert recap["extra"]["carried_actions"] == [] and recap["extra"]["show"]["carried"] is True
    assert recap["title"] == "Ambitie en doelstellingen (recap bijeenkomst 1)"
    assert [a["workform"] for a in ack["state"]["activities"]][1:4] == ["interviews", II, PI]
    # A plain text slide does not list the goals.
    plain = make_session(agenda=["toelichting"])
    _, plain_ack = sock(plain, role="facilitator")
    plain = plain_ack["state"]["activities"][0]["extra"]
    assert plain["show_goals"] is False and not any(plain["show"].values())
    assert plain["carried_actions"] == plain["outcomes"] == plain["carried_outcomes"] == []


# --- processen-en-ict -------------------------------------------------------------


@pytest.fixture
def process_session(make_session, sock):
    session = make_session(agenda=[PI, "trots"])
    fac, ack = sock(session, role="facilitator")
    return session, fac, activity_of(ack, PI)


def _steps(fac, pi, *names, view="huidig") -> list[str]:
    ids = []
    for name in names:
        answer = fac.emit(f"{PI}:step-add", {"activity_id": pi["id"], "view": view, "name": name}, callback=True)
        assert answer["ok"], answer
        ids.append(answer["step"]["id"])
    return ids


def _post(phone, pi, text, step_id, row="wens", view="huidig"):
    return phone.emit(
        "note:add",
        {
            "activity_id": pi["id"],
            "client_id": new_client_id(),
            "text": text,
            "category": row,
            "data": {"view": view, "step_id": step_id},
        },
        callback=True,
    )


def test_process_steps_roles_notes_and_the_desired_copy(process_session, sock) -> None:
    session, fac, pi = process_session
    assert pi["extra"]["views"]["huidig"]["steps"] == [] and len(pi["extra"]["questions"]) == 7
    assert pi["extra"]["questions"][0].startswith("Hoe loopt het huidige proces globaal?")
    ok = fac.emit(
        f"{PI}:process",
        {"activity_id": pi["id"], "name": "Herhaalrecepten", "start": "Patiënt vraagt", "end": "Recept bij apotheek"},
        callback=True,
    )
    assert ok == {"ok": True}
    a, b, c = _steps(fac, pi, "Aanvraag", "Controle", "Versturen")
    upd = {"activity_id": pi["id"], "step_id": b, "roles": ["DA", "HA", "DA"], "systems": ["HIS"], "digital": True}
    assert fac.emit(f"{PI}:step-update", upd, callback=True)["ok"]
    assert fac.emit(f"{PI}:step-update", {"activity_id": pi["id"], "step_id": c, "name": "Verzenden"}, callback=True)[
        "ok"
    ]
    moved = fac.emit(f"{PI}:step-move", {"activity_id": pi["id"], "step_id": c, "to": 0}, callback=True)
    assert moved == {"ok": True, "order": [c, a, b]}
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Anna")
    note = _post(phone, pi, "Automatisch doorsturen", b, row="wens")
    assert note["ok"] and note["note"]["data"] == {"view": "huidig", "step_id": b}
    assert note["note"]["category"] == "wens"
    for row in ("huidig", "gewenst", "verbeteren"):
        assert _post(phone, pi, f"Rij {row}", a, row=row)["ok"]
    # The desired process starts as a copy and is edited separately.
    assert fac.emit(f"{PI}:desired", {"activity_id": pi["id"]}, callback=True)["ok"]
    extra = _extra(board, pi["id"])
    current, desired = extra["views"]["huidig"], extra["views"]["gewenst"]
    assert [s["name"] for s in desired["steps"]] == ["Verzenden", "Aanvraag", "Controle"]
    assert desired["steps"][2]["roles"] == ["DA", "HA"] and desired["steps"][2]["digital"] is True
    assert extra["active"] == "gewenst"
    new_id = desired["steps"][0]["id"]
    assert new_id not in {s["id"] for s in current["steps"]}
    assert fac.emit(
        f"{PI}:step-delete", {"activity_id": pi["id"], "view": "gewenst", "step_id": new_id}, callback=True
    )["ok"]
    extra = _extra(board, pi["id"])
    assert len(extra["views"]["gewenst"]["steps"]) == 2 and len(extra["views"]["huidig"]["steps"]) == 3
    assert _post(phone, pi, "In gewenst", extra["views"]["gewenst"]["steps"][0]["id"], view="gewenst")["ok"]
    again = fac.emit(f"{PI}:desired", {"activity_id": pi["id"]}, callback=True)
    assert again["ok"] is False and again["needs_confirm"] is True


def test_a_ninth_step_needs_confirmation_and_twelve_is_the_limit(process_session) -> None:
    _session, fac, pi = process_session
    _steps(fac, pi, *[f"Stap {i}" for i in range(1, 9)])
    ninth = fac.emit(f"{PI}:step-add", {"activity_id": pi["id"], "name": "Stap 9"}, callback=True)
    assert ninth["ok"] is False and ninth["needs_confirm"] is True
    assert "5 tot 8 stappen" in ninth["error"]
    state = fac.emit(f"{PI}:step-add", {"activity_id": pi["id"], "name": "Stap 9", "confirm": "ja"}, callback=True)
    assert state["ok"] is False  # only a real true confirms
    for i in range(9, 13):
        assert fac.emit(
            f"{PI}:step-add", {"activity_id": pi["id"], "name": f"Stap {i}", "confirm": True}, callback=True
        )["ok"]
    over = fac.emit(f"{PI}:step-add", {"activity_id": pi["id"], "name": "Stap 13", "confirm": True}, callback=True)
    assert over == {"ok": False, "error": "Een proces heeft maximaal 12 stappen. Voeg stappen samen."}


def test_a_note_for_a_step_deleted_meanwhile_is_refused_and_nothing_else_is_lost(process_session, sock) -> None:
    session, fac, pi = process_session
    a, b = _steps(fac, pi, "Aanvraag", "Controle")
    anna, _ = sock(session, name="Anna")
    bo, _ = sock(session, name="Bo")
    assert _post(anna, pi, "Blijft staan", a)["ok"]
    assert _post(bo, pi, "Ook bij b", b)["ok"]
    assert fac.emit(f"{PI}:step-delete", {"activity_id": pi["id"], "step_id": b}, callback=True)["ok"]
    late = _post(anna, pi, "Te laat", b)
    assert late == {"ok": False, "error": "Deze stap is net verwijderd. Kies een andere stap."}
    listed = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    assert sorted(n["text"] for n in listed) == ["Blijft staan", "Ook bij b"]
    # The author can still edit the text of a note whose step was deleted.
    mine = next(n for n in listed if n["text"] == "Ook bij b")
    edited = bo.emit("note:update", {"note_id": mine["id"], "text": "Ook bij b (aangepast)"}, callback=True)
    assert edited["ok"] and edited["note"]["data"] == {"view": "huidig", "step_id": b}
    # Editing a deleted step is refused clearly too.
    gone = fac.emit(f"{PI}:step-update", {"activity_id": pi["id"], "step_id": b, "name": "x"}, callback=True)
    assert gone == {"ok": False, "error": "Deze stap bestaat niet (meer). Misschien is hij net verwijderd."}


@pytest.mark.parametrize(
    ("data", "category", "error"),
    [
        (None, "wens", "Kies eerst een stap van het proces."),
        ({"view": "ooit", "step_id": "s1"}, "wens", "Kies het huidige of het gewenste proces."),
        ({"view": ["huidig"], "step_id": "s1"}, "wens", "Kies het huidige of het gewenste proces."),
        ({"view": "gewenst", "step_id": "s1"}, "wens", "Het gewenste proces bestaat nog niet."),
        ({"view": "huidig", "step_id": 1}, "wens", "Kies eerst een stap van het proces."),
        ({"view": "huidig", "step_id": "s1"}, "mening", "Onbekende soort post-it."),
    ],
)
def test_bad_process_notes(process_session, sock, data, category, error) -> None:
    session, fac, pi = process_session
    _steps(fac, pi, "Aanvraag")
    phone, _ = sock(session)
    payload = {"activity_id": pi["id"], "client_id": new_client_id(), "text": "x", "category": category, "data": data}
    assert phone.emit("note:add", payload, callback=True) == {"ok": False, "error": error}


def test_concurrent_reorders_from_two_tabs_end_in_one_consistent_order(process_session, sock) -> None:
    import threading

    session, fac, pi = process_session
    ids = _steps(fac, pi, *[f"Stap {i}" for i in range(1, 7)])
    tab2, _ = sock(session, role="facilitator")
    answers: list[dict[str, Any]] = []

    def reorder(client, moves) -> None:
        for step_id, to in moves:
            answers.append(
                client.emit(f"{PI}:step-move", {"activity_id": pi["id"], "step_id": step_id, "to": to}, callback=True)
            )

    one = threading.Thread(target=reorder, args=(fac, [(ids[0], 5), (ids[1], 4), (ids[2], 3)] * 5))
    two = threading.Thread(target=reorder, args=(tab2, [(ids[5], 0), (ids[4], 1), (ids[3], 2)] * 5))
    one.start(), two.start()
    one.join(), two.join()
    assert all(a["ok"] for a in answers) and len(answers) == 30
    final = fac.emit(f"{PI}:step-move", {"activity_id": pi["id"], "step_id": ids[0], "to": 0}, callback=True)["order"]
    assert sorted(final) == sorted(ids) and len(final) == 6  # nothing lost, nothing doubled
    for client in (fac, tab2):
        views = _extra(client, pi["id"])["views"]
        assert [s["id"] for s in views["huidig"]["steps"]] == final
    # Each answer was a full permutation too: no move saw a half-written order.
    assert all(sorted(a["order"]) == sorted(ids) for a in answers)


def test_presets_from_the_handbook(process_session, sock) -> None:
    # Box for box in tests/test_presets_handbook.py; here: loading, replacing, refusing.
    session, fac, pi = process_session
    assert fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "triage"}, callback=True)["ok"]
    board, _ = sock(session, role="board")
    view = board.emit("join", {"code": session["code"], "role": "board"}, callback=True)
    extra = activity_of(view, PI)["extra"]
    # The handbook's triage flow is its desired process (H:L2767-2768).
    assert extra["active"] == "gewenst" and extra["views"]["huidig"]["steps"] == []
    steps = extra["views"]["gewenst"]["steps"]
    assert [s["name"] for s in steps][:3] == [
        "Patiënt heeft een zorgvraag en bezoekt website",
        "Patiënt vult vragenlijst in en checkt symptoom",
        "Uitvoeren triage",
    ]
    # 7 columns: the three outcomes of the triage share one (numbered alternatives, see test_pict_branches).
    assert len(steps) == 7
    # Its possibilities are notes of their row, not frozen text.
    notes = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    third = [n["text"] for n in notes if n["data"]["step_id"] == steps[2]["id"] and n["category"] == "mogelijkheden"]
    assert "Door AI en controle door DA" in third
    replace = fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "labuitslagen"}, callback=True)
    assert replace["ok"] is False and replace["needs_confirm"] is True
    assert fac.emit(
        f"{PI}:preset", {"activity_id": pi["id"], "preset": "labuitslagen", "confirm": True}, callback=True
    )["ok"]
    assert fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "onbekend"}, callback=True) == {
        "ok": False,
        "error": "Onbekend voorbeeldproces.",
    }


@pytest.mark.parametrize(
    ("event", "payload", "error"),
    [
        ("step-add", {"name": "  "}, "De naam van de stap mag niet leeg zijn."),
        ("step-add", {"name": "x" * 121}, "De naam van de stap is maximaal 120 tekens."),
        (
            "step-add",
            {"name": "x", "view": "gewenst"},
            "Het gewenste proces bestaat nog niet: maak het eerst als kopie van het huidige.",
        ),
        ("step-update", {"step_id": "FIRST", "roles": "HA"}, "Rollen: geef een lijst van maximaal 6."),
        ("step-update", {"step_id": "FIRST", "systems": [""]}, "Systemen mag niet leeg zijn."),
        ("step-update", {"step_id": "FIRST", "digital": "ja"}, "'digitaal' moet waar of onwaar zijn."),
        ("step-move", {"step_id": "FIRST", "to": 5}, "Ongeldige nieuwe plek voor deze stap."),
        ("step-move", {"step_id": "FIRST", "to": True}, "Ongeldige nieuwe plek voor deze stap."),
        ("process", {"name": 5}, "De naam van het proces moet tekst zijn."),
        ("show", {"view": {"huidig": 1}}, "Kies het huidige of het gewenste proces."),
        (
            "show",
            {"view": "gewenst"},
            "Het gewenste proces bestaat nog niet: maak het eerst als kopie van het huidige.",
        ),
        (
            "link",
            {"goal_id": 999, "effect": "draagt bij"},
            "Deze doelstelling bestaat niet (meer) in deze bijeenkomst.",
        ),
    ],
)
def test_bad_process_edits(process_session, event, payload, error) -> None:
    _session, fac, pi = process_session
    (first,) = _steps(fac, pi, "Aanvraag")
    payload = {k: (first if v == "FIRST" else v) for k, v in payload.items()}
    assert fac.emit(f"{PI}:{event}", {"activity_id": pi["id"], **payload}, callback=True) == {
        "ok": False,
        "error": error,
    }


def test_participants_cannot_edit_the_process(process_session, sock) -> None:
    session, _fac, pi = process_session
    phone, _ = sock(session)
    answer = phone.emit(f"{PI}:step-add", {"activity_id": pi["id"], "name": "Stiekem"}, callback=True)
    assert answer["ok"] is False and "begeleider" in answer["error"]


def test_goal_linkage_and_the_report_tables(client, process_session, sock) -> None:
    session, fac, pi = process_session
    goal = fac.emit("goal:add", {"title": "Meer regie patiënt"}, callback=True)["goal"]
    other = fac.emit("goal:add", {"title": "Lerende organisatie"}, callback=True)["goal"]
    link = {
        "activity_id": pi["id"],
        "goal_id": goal["id"],
        "effect": "draagt bij",
        "toelichting": "Patiënt ziet zelf de uitslag",
    }
    assert fac.emit(f"{PI}:link", link, callback=True)["ok"]
    assert fac.emit(
        f"{PI}:link", {**link, "goal_id": other["id"], "effect": "geen invloed", "toelichting": ""}, callback=True
    )["ok"]
    bad = fac.emit(f"{PI}:link", {**link, "effect": "misschien"}, callback=True)
    assert bad == {"ok": False, "error": "Kies 'draagt bij' of 'geen invloed'."}
    assert fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "labuitslagen"}, callback=True)["ok"]
    phone, _ = sock(session)
    view = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    extra = activity_of(view, PI)["extra"]
    assert extra["linkage"][str(goal["id"])]["effect"] == "draagt bij"
    first = extra["views"]["huidig"]["steps"][0]["id"]
    assert _post(phone, pi, "Herinnering sturen", first, row="verbeteren")["ok"]
    # The lab example brings its own desired process (H:L2583-2663).
    assert extra["views"]["gewenst"]["steps"][2]["systems"] == ["Medicom", "Mijn MGM"]
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert pdf.status_code == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    for expected in (
        "Huidig proces: Terugkoppelen Labuitslagen",
        "Gewenst proces: Terugkoppelen Labuitslagen",
        "Herinnering sturen",
        "Optie beperken",
        "Verlengen duur labformulier?",
        "Edifact",
        "Koppeling aan de doelstellingen",
        "Meer regie patiënt",
        "Voorstel draagt bij aan ambitie",
        "Voorstel heeft geen invloed op ambitie",
        "Patiënt ziet zelf de uitslag",
    ):
        assert expected in text, expected
