"""triage-analyse (issue 21, part 4): the handbook's analysis of the triage process
(H:L2715-2756) in six phases: goed / niet goed per step, dots on the six generic goals,
wishes per step, the facilitator's programma van eisen (must/should) and the supplier ×
criteria scoring (weighted; phones score 1-5, only aggregates leave the server)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Any

import pytest
from conftest import activity_of
from drivers import bearer, pdf_text, post_note, try_note

from app.registry import discover
from workforms.processen_en_ict.presets import PRESETS

TA = "triage-analyse"


def make(app) -> dict[str, Any]:
    # A client of its own (as make_session): its home key must not make the phones facilitators.
    response = app.test_client().post("/api/sessions", json={"title": "Triage", "agenda": [{"workform": TA}]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def room(app, client, sock):
    session = make(app)
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phones, ids = [], []
    for name in ("Anna", "Bram", "Cas", "Dewi"):
        phone, joined = sock(session, name=name)
        phones.append(phone)
        ids.append(joined["me"]["id"])
    activity = activity_of(ack, TA)
    for c in (fac, board, *phones):
        c.get_received()
    return {"session": session, "fac": fac, "board": board, "phones": phones, "ids": ids, "a": activity, "app": app}


def emit(client, room, event: str, **payload: Any) -> dict[str, Any]:
    return client.emit(f"{TA}:{event}", {"activity_id": room["a"]["id"], **payload}, callback=True)


def phase(room, slug: str) -> None:
    ack = room["fac"].emit("activity:phase", {"activity_id": room["a"]["id"], "phase": slug}, callback=True)
    assert ack["ok"], ack


def extra_of(client) -> dict[str, Any]:
    updates = [m["args"][0] for m in client.get_received() if m["name"] == "activity:updated"]
    return updates[-1]["activity"]["extra"]


def wire_bytes(messages: list[dict[str, Any]]) -> int:
    return sum(len(json.dumps([m["name"], *m["args"]], ensure_ascii=False).encode()) for m in messages)


def note(client, room, text: str, category: str, step: str = "s1") -> dict[str, Any]:
    return post_note(client, room["a"], text, category=category, data={"step_id": step})


# --- the format -----------------------------------------------------------------------------


def test_six_phases_three_colours_and_the_triage_presets_steps() -> None:
    form = next(f for f in discover() if f.slug == TA)
    assert [p.slug for p in form.phases] == ["goed-niet-goed", "doelen", "wensen", "eisen", "leveranciers", "keuze"]
    assert [(c.slug, c.colour) for c in form.categories] == [("goed", "groen"), ("niet-goed", "roze"), ("wens", "geel")]
    from workforms.triage_analyse import TRIAGE_STEPS

    preset = [s["name"] for s in PRESETS["triage"]["views"]["gewenst"]["steps"]]
    assert [name for _k, name in TRIAGE_STEPS] == preset


def test_notes_need_a_step_of_the_triage_process(room) -> None:
    anna = room["phones"][0]
    assert try_note(anna, room["a"], "Telefoon is druk", category="niet-goed")["ok"] is False
    refused = try_note(anna, room["a"], "Telefoon is druk", category="niet-goed", data={"step_id": "s99"})
    assert refused == {"ok": False, "error": "Kies eerst een stap van het triageproces."}
    good = note(anna, room, "Assistentes kennen de NTS-triage goed", "goed", "s3")
    assert good["data"] == {"step_id": "s3"} and good["category"] == "goed"
    wish_now = try_note(anna, room["a"], "Online vragenlijst", category="wens", data={"step_id": "s2"})
    assert wish_now == {"ok": False, "error": "Wensen schrijf je in de stap Wensen per stap."}
    phase(room, "wensen")
    assert note(anna, room, "Online vragenlijst", "wens", "s2")["category"] == "wens"
    early = try_note(anna, room["a"], "Telefoon", category="niet-goed", data={"step_id": "s1"})
    assert early == {"ok": False, "error": "In deze stap schrijf je wensen."}


def test_the_initial_view_has_goals_suppliers_and_criteria_from_the_handbook(room, client, sock) -> None:
    _board, ack = sock(room["session"], role="board")
    extra = activity_of(ack, TA)["extra"]
    assert [g["title"] for g in extra["goals"]] == [
        "Efficiëntie",
        "Nauwkeurige beoordeling",
        "Prioritering",
        "Risicovermindering",
        "Patiënttevredenheid",
        "Data-analyse",
    ]
    assert extra["goals"][4]["text"] == "patiënten kunnen snel advies krijgen over hun symptomen"
    assert [s["name"] for s in extra["suppliers"]] == [
        "Arts en zorg",
        "Platform 24",
        "Huisartsen van Nederland",
        "Quint",
    ]
    assert [c["name"] for c in extra["criteria"]][:3] == ["Kosten", "Kwaliteit", "Ondersteuning"]


# --- dots -----------------------------------------------------------------------------------


def test_three_dots_one_per_goal_taken_back_allowed(room) -> None:
    anna = room["phones"][0]
    assert emit(anna, room, "dot", goal="efficientie")["error"] == "Stippen zetten kan alleen in de stap Doelen."
    phase(room, "doelen")
    for goal in ("efficientie", "prioritering", "data"):
        assert emit(anna, room, "dot", goal=goal)["ok"]
    assert emit(anna, room, "dot", goal="efficientie")["dots"] == ["efficientie", "prioritering", "data"]
    full = emit(anna, room, "dot", goal="risico")
    assert full == {"ok": False, "error": "Je hebt al je 3 stippen gezet. Haal er eerst een weg."}
    assert emit(anna, room, "dot", goal="data", on=False)["dots"] == ["efficientie", "prioritering"]
    assert emit(room["phones"][1], room, "dot", goal="efficientie")["ok"]
    assert emit(anna, room, "dot", goal="onzin")["error"] == "Onbekend doel."
    assert emit(room["fac"], room, "dot", goal="data")["ok"] is False
    goals = {g["id"]: g["dots"] for g in extra_of(room["board"])["goals"]}
    assert goals["efficientie"] == 2 and goals["prioritering"] == 1 and goals["data"] == 0
    assert emit(anna, room, "mine")["dots"] == ["efficientie", "prioritering"]


def test_a_dot_sends_other_phones_nothing(room) -> None:
    phase(room, "doelen")
    for c in (room["fac"], room["board"], *room["phones"]):
        c.get_received()
    assert emit(room["phones"][0], room, "dot", goal="risico")["ok"]
    assert room["phones"][1].get_received() == []
    assert [m["name"] for m in room["board"].get_received()] == ["activity:updated"]


# --- the programma van eisen ----------------------------------------------------------------


def test_the_facilitator_builds_the_programma_van_eisen_from_notes(room) -> None:
    anna = room["phones"][0]
    phase(room, "wensen")
    wish = note(anna, room, "Koppeling met het HIS", "wens", "s5")
    added = emit(room["fac"], room, "eis-add", note_id=wish["id"], priority="must")
    assert added["ok"] and added["eis"] == {
        "id": added["eis"]["id"],
        "text": "Koppeling met het HIS",
        "priority": "must",
        "step_id": "s5",
        "source": wish["id"],
    }
    again = emit(room["fac"], room, "eis-add", note_id=wish["id"], priority="should")
    assert again == {"ok": False, "error": "Deze post-it staat al in het programma van eisen."}
    typed = emit(room["fac"], room, "eis-add", text="  Werkt op   de telefoon ", priority="should")
    assert typed["eis"]["text"] == "Werkt op de telefoon" and typed["eis"]["step_id"] is None
    assert emit(room["fac"], room, "eis-add", text="x", priority="could")["error"] == "Kies must of should."
    assert emit(room["fac"], room, "eis-add", text="", priority="must")["ok"] is False
    assert emit(room["fac"], room, "eis-add", text="x" * 281, priority="must")["ok"] is False
    assert emit(room["fac"], room, "eis-add", text="x", priority="must", step_id="s42")["ok"] is False
    assert emit(room["fac"], room, "eis-update", eis_id=typed["eis"]["id"], priority="must")["ok"]
    assert emit(room["fac"], room, "eis-update", eis_id="e999", priority="must")["ok"] is False
    assert emit(room["fac"], room, "eis-delete", eis_id=added["eis"]["id"])["ok"]
    eisen = extra_of(room["board"])["eisen"]
    assert [(e["text"], e["priority"]) for e in eisen] == [("Werkt op de telefoon", "must")]


def test_facilitator_only_actions_refuse_phones_and_a_wrong_token(room, sock) -> None:
    anna = room["phones"][0]
    for event, payload in (
        ("eis-add", {"text": "Eis", "priority": "must"}),
        ("supplier-add", {"name": "Nieuw"}),
        ("criterion-update", {"criterion_id": "c1", "weight": 5}),
        ("supplier-delete", {"supplier_id": "l1"}),
    ):
        assert emit(anna, room, event, **payload)["ok"] is False, event
    impostor, ack = sock(room["session"], role="facilitator", facilitator_token="fout")
    assert not ack.get("ok", False)
    assert emit(impostor, room, "eis-add", text="Eis", priority="must")["ok"] is False
    assert not [m for m in room["board"].get_received() if m["name"].startswith("activity:")]
    _b, fresh = sock(room["session"], role="board")
    extra = activity_of(fresh, TA)["extra"]
    assert extra["eisen"] == [] and len(extra["suppliers"]) == 4 and extra["criteria"][0]["weight"] == 1


# --- suppliers, criteria and scores --------------------------------------------------------


def test_suppliers_and_criteria_are_editable_weights_1_to_5(room) -> None:
    fac = room["fac"]
    assert emit(fac, room, "supplier-rename", supplier_id="l2", name="Platform24")["ok"]
    added = emit(fac, room, "supplier-add", name="Eigen leverancier")
    assert added["ok"]
    assert emit(fac, room, "supplier-add", name="quint")["error"] == "Deze leverancier staat er al."
    assert emit(fac, room, "supplier-add", name="")["ok"] is False
    assert emit(fac, room, "supplier-rename", supplier_id="zz", name="X")["error"] == "Onbekende leverancier."
    assert emit(fac, room, "supplier-delete", supplier_id=added["supplier"]["id"])["ok"]
    for weight in (0, 6, -1, 2.5, "3", True, None):
        refused = emit(fac, room, "criterion-update", criterion_id="c1", weight=weight)
        assert refused == {"ok": False, "error": "Een weging is een heel getal van 1 tot 5."}, weight
    assert emit(fac, room, "criterion-update", criterion_id="c1", weight=5)["ok"]
    assert emit(fac, room, "criterion-update", criterion_id="c9", weight=2)["error"] == "Onbekend criterium."
    crit = emit(fac, room, "criterion-add", name="Privacy (AVG)", weight=4)
    assert crit["ok"] and crit["criterion"]["weight"] == 4
    assert emit(fac, room, "criterion-add", name="Te zwaar", weight=9)["ok"] is False
    assert emit(fac, room, "criterion-delete", criterion_id="c7")["ok"]
    extra = extra_of(room["board"])
    assert [s["name"] for s in extra["suppliers"]] == [
        "Arts en zorg",
        "Platform24",
        "Huisartsen van Nederland",
        "Quint",
    ]
    assert extra["criteria"][0] == {"id": "c1", "name": "Kosten", "weight": 5}
    assert extra["criteria"][-1]["name"] == "Privacy (AVG)" and len(extra["criteria"]) == 7


def test_scores_1_to_5_only_in_their_phase_known_cells_only(room) -> None:
    anna = room["phones"][0]
    refused = emit(anna, room, "score", supplier_id="l1", criterion_id="c1", score=4)
    assert refused["error"] == "Scoren kan alleen in de stap Leveranciers scoren."
    phase(room, "leveranciers")
    for bad in (0, 6, -2, 3.5, "4", True, [4]):
        answer = emit(anna, room, "score", supplier_id="l1", criterion_id="c1", score=bad)
        assert answer == {"ok": False, "error": "Een score is een heel getal van 1 tot 5."}, bad
    assert emit(anna, room, "score", supplier_id="l9", criterion_id="c1", score=4)["error"] == "Onbekende leverancier."
    assert emit(anna, room, "score", supplier_id="l1", criterion_id="c99", score=4)["error"] == "Onbekend criterium."
    assert emit(room["fac"], room, "score", supplier_id="l1", criterion_id="c1", score=4)["ok"] is False
    assert emit(anna, room, "score", supplier_id="l1", criterion_id="c1", score=4)["ok"]
    assert emit(anna, room, "score", supplier_id="l1", criterion_id="c1", score=2)["ok"]
    assert emit(anna, room, "mine")["scores"] == {"l1:c1": 2}
    assert emit(anna, room, "score", supplier_id="l1", criterion_id="c1", score=None)["ok"]
    assert emit(anna, room, "mine")["scores"] == {}


def test_the_board_gets_weighted_aggregates_withheld_below_three_raters(room) -> None:
    phase(room, "leveranciers")
    assert emit(room["fac"], room, "criterion-update", criterion_id="c1", weight=3)["ok"]
    for phone, (kosten, kwaliteit) in zip(room["phones"], ((4, 2), (5, 3), (3, 4), (4, 3)), strict=True):
        assert emit(phone, room, "score", supplier_id="l1", criterion_id="c1", score=kosten)["ok"]
        if phone is room["phones"][0]:
            row = extra_of(room["board"])["table"]["rows"][0]
            assert row["cells"]["c1"] == {"mean": None, "n": 1}, "one score is never shown"
        assert emit(phone, room, "score", supplier_id="l1", criterion_id="c2", score=kwaliteit)["ok"]
    table = extra_of(room["board"])["table"]
    row = table["rows"][0]
    assert row["cells"]["c1"] == {"mean": 4.0, "n": 4} and row["cells"]["c2"] == {"mean": 3.0, "n": 4}
    assert row["weighted"] == 3.75  # (4*3 + 3*1) / 4
    phase(room, "keuze")
    assert extra_of(room["board"])["table"]["withheld"] is False


def test_scores_are_anonymous_on_the_wire(room) -> None:
    phase(room, "leveranciers")
    for c in (room["fac"], room["board"], *room["phones"]):
        c.get_received()
    assert emit(room["phones"][0], room, "score", supplier_id="l3", criterion_id="c2", score=5)["ok"]
    for client in (room["fac"], room["board"]):
        wire = json.dumps([m["args"] for m in client.get_received()], ensure_ascii=False)
        assert "Anna" not in wire
        assert f'"participant_id": {room["ids"][0]}' not in wire
        assert '"score"' not in wire


def test_a_score_costs_other_devices_little(room) -> None:
    """One score: other phones nothing; board and facilitator one activity:updated."""
    phase(room, "wensen")
    for i, phone in enumerate(room["phones"][1:]):
        note(phone, room, f"Wens nummer {i} voor de triagetool", "wens", "s2")
    phase(room, "leveranciers")
    for c in (room["fac"], room["board"], *room["phones"]):
        c.get_received()
    conn: sqlite3.Connection = room["app"].extensions["flipover.store"].db.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert emit(room["phones"][0], room, "score", supplier_id="l2", criterion_id="c3", score=4)["ok"]
    finally:
        conn.set_trace_callback(None)
    board, fac = room["board"].get_received(), room["fac"].get_received()
    others = [p.get_received() for p in room["phones"][1:]]
    assert all(o == [] for o in others), "other phones get nothing"
    assert [m["name"] for m in board] == ["activity:updated"]
    assert [m["name"] for m in fac] == ["activity:updated"]
    sizes = {"board": wire_bytes(board), "facilitator": wire_bytes(fac)}
    print(f"\nscore bytes: {sizes}, other phones 0, SQL statements {len(seen)}")
    assert all(size < 6000 for size in sizes.values()), sizes
    assert len(seen) <= 40, seen


def test_bad_payloads_are_refused_without_harm(room) -> None:
    anna = room["phones"][0]
    phase(room, "leveranciers")
    for payload in ({}, {"supplier_id": None}, {"supplier_id": ["l1"], "criterion_id": "c1", "score": 3}):
        assert emit(anna, room, "score", **payload)["ok"] is False
    assert anna.emit(f"{TA}:score", "geen dict", callback=True)["ok"] is False
    assert emit(room["fac"], room, "eis-update", eis_id="e1")["ok"] is False
    assert emit(room["fac"], room, "criterion-update", criterion_id="c1")["ok"] is False
    assert emit(room["fac"], room, "supplier-add", name=["Quint"])["ok"] is False


# --- the report and the exports --------------------------------------------------------------


@pytest.fixture
def filled(room):
    anna, bram, cas, dewi = room["phones"]
    note(anna, room, "Assistentes kennen de NTS-triage goed", "goed", "s3")
    note(bram, room, "Telefonische wachttijd is te lang", "niet-goed", "s1")
    phase(room, "doelen")
    for phone in (anna, bram, cas):
        assert emit(phone, room, "dot", goal="efficientie")["ok"]
    phase(room, "wensen")
    note(cas, room, "Online vragenlijst die het HIS vult", "wens", "s2")
    wish = note(dewi, room, "Automatische check van gegevens in het HIS", "wens", "s5")
    assert emit(room["fac"], room, "eis-add", note_id=wish["id"], priority="must")["ok"]
    assert emit(room["fac"], room, "eis-add", text="Chatfunctie voor patiënten", priority="should")["ok"]
    phase(room, "leveranciers")
    assert emit(room["fac"], room, "criterion-update", criterion_id="c1", weight=2)["ok"]
    for phone, score in zip(room["phones"], (4, 5, 4, 3), strict=True):
        assert emit(phone, room, "score", supplier_id="l2", criterion_id="c1", score=score)["ok"]
        assert emit(phone, room, "score", supplier_id="l4", criterion_id="c1", score=2)["ok"]
    return room


def test_the_pdf_has_the_programma_van_eisen_and_the_supplier_table(filled, client) -> None:
    room = filled
    pdf = client.get(f"/api/sessions/{room['session']['code']}/report.pdf", headers=bearer(room["session"]))
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.data).split())
    assert "Programma van eisen" in text
    assert text.index("Automatische check van gegevens in het HIS") < text.index("Chatfunctie voor patiënten")
    assert "Must" in text and "Should" in text
    assert "Vergelijking leveranciers" in text
    for name in ("Arts en zorg", "Platform 24", "Huisartsen van Nederland", "Quint", "Kosten", "Gewogen gemiddelde"):
        assert name in text, name
    assert "4,0 (n=4)" in text and "2,0 (n=4)" in text
    assert "Efficiëntie" in text and "Telefonische wachttijd is te lang" in text
    assert "Anna" not in text and "Bram" not in text


def test_csv_and_json_exports(filled, client) -> None:
    room = filled
    code = room["session"]["code"]
    body = client.get(f"/api/sessions/{code}/export.csv", headers=bearer(room["session"]))
    assert body.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    by_text = {r["text"]: r for r in rows}
    assert json.loads(by_text["Telefonische wachttijd is te lang"]["data"]) == {"step_id": "s1"}
    assert by_text["Telefonische wachttijd is te lang"]["category"] == "niet-goed"
    data = client.get(f"/api/sessions/{code}/export.json", headers=bearer(room["session"])).get_json()
    (activity,) = [a for a in data["activities"] if a["workform"] == TA]
    extra = activity["extra"]
    assert [e["priority"] for e in extra["eisen"]] == ["must", "should"]
    platform = next(r for r in extra["table"]["rows"] if r["name"] == "Platform 24")
    assert platform["cells"]["c1"] == {"mean": 4.0, "n": 4}
    assert next(g for g in extra["goals"] if g["id"] == "efficientie")["dots"] == 3
    assert "Anna" not in json.dumps(extra, ensure_ascii=False)


def test_report_summary_names_the_best_supplier(filled, client) -> None:
    room = filled
    pdf = client.get(f"/api/sessions/{room['session']['code']}/report.pdf", headers=bearer(room["session"]))
    text = " ".join(pdf_text(pdf.data).split())
    assert "Programma van eisen: 2 eisen, waarvan 1 must" in text
    assert "Hoogste gewogen score: Platform 24" in text


def test_the_triage_template_runs_the_analysis_then_the_follow_up(app, sock) -> None:
    made = app.test_client().post("/api/sessions", json={"title": "Triage", "template": "triage-analyse"})
    assert made.status_code == 201, made.get_json()
    _fac, ack = sock(made.get_json(), role="facilitator")
    state = ack["state"]
    assert [a["workform"] for a in state["activities"]] == [TA, "actieplan"]
    assert sum(a["minutes"] for a in state["activities"]) == 75
    assert activity_of(ack, TA)["prompt"] == "Van analyse naar optimalisatie triageproces"
    assert state["meeting_goals"][0].startswith("Een formele beslissing over de gekozen oplossing en leverancier")
    assert [p["key"] for p in state["preparation"]] == ["vergelijking", "stakeholders", "risico", "duurzaamheid"]


def test_the_word_report_has_the_programma_and_the_table(filled, client) -> None:
    import io

    from docx import Document

    room = filled
    response = client.get(f"/api/sessions/{room['session']['code']}/report.docx", headers=bearer(room["session"]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Automatische check van gegevens in het HIS" in cells and "Must" in cells
    assert "Platform 24" in cells and "Gewogen gemiddelde" in cells and "4,0 (n=4)" in cells


def test_an_english_session_words_goals_criteria_and_refusals_in_english(app, sock) -> None:
    made = app.test_client().post("/api/sessions", json={"title": "Triage", "agenda": [TA], "language": "en"})
    assert made.status_code == 201, made.get_json()
    session = made.get_json()
    fac, ack = sock(session, role="facilitator")
    extra = activity_of(ack, TA)["extra"]
    assert [g["title"] for g in extra["goals"]][:2] == ["Efficiency", "Accurate assessment"]
    assert [c["name"] for c in extra["criteria"]][:3] == ["Costs", "Quality", "Support"]
    assert extra["suppliers"][0]["name"] == "Arts en zorg", "names stay as the handbook writes them"
    phone, _ = sock(session, name="Anna", lang="en")
    activity = activity_of(ack, TA)
    fac.emit("activity:phase", {"activity_id": activity["id"], "phase": "leveranciers"}, callback=True)
    refused = phone.emit(
        f"{TA}:score",
        {"activity_id": activity["id"], "supplier_id": "l1", "criterion_id": "c1", "score": 9},
        callback=True,
    )
    assert refused == {"ok": False, "error": "A score is a whole number from 1 to 5."}


def test_a_score_costs_the_same_statements_however_many_scores_exist(room) -> None:
    """No scan of everyone's entries: the cell's sum and count are kept in the state."""
    phase(room, "leveranciers")
    conn: sqlite3.Connection = room["app"].extensions["flipover.store"].db.conn

    def cost(phone, supplier: str, criterion: str) -> int:
        seen: list[str] = []
        conn.set_trace_callback(seen.append)
        try:
            assert emit(phone, room, "score", supplier_id=supplier, criterion_id=criterion, score=3)["ok"]
        finally:
            conn.set_trace_callback(None)
        return len(seen)

    small = cost(room["phones"][0], "l1", "c1")
    for phone in room["phones"][1:]:
        for supplier in ("l1", "l2", "l3", "l4"):
            scores = {f"c{i}": 1 + i % 5 for i in range(1, 8)}
            assert emit(phone, room, "score", supplier_id=supplier, scores=scores)["ok"]
    assert cost(room["phones"][0], "l4", "c7") == small


def test_an_edit_phones_display_reaches_them(room) -> None:
    """A renamed supplier changes what phones show: they get the activity, without the table."""
    for c in (room["fac"], room["board"], *room["phones"]):
        c.get_received()
    assert emit(room["fac"], room, "supplier-rename", supplier_id="l4", name="Quin")["ok"]
    got = [m["args"][0] for m in room["phones"][1].get_received() if m["name"] == "activity:updated"]
    assert len(got) == 1
    extra = got[0]["activity"]["extra"]
    assert extra["suppliers"][-1]["name"] == "Quin"
    assert "table" not in extra and "eisen" not in extra and "dots" not in extra["goals"][0]


def test_the_facilitator_records_the_choice(filled, client) -> None:
    room = filled
    assert emit(room["fac"], room, "choose", supplier_id="l9")["error"] == "Onbekende leverancier."
    assert emit(room["phones"][0], room, "choose", supplier_id="l2")["ok"] is False
    assert emit(room["fac"], room, "choose", supplier_id="l2")["ok"]
    assert extra_of(room["board"])["choice"] == "l2"
    pdf = client.get(f"/api/sessions/{room['session']['code']}/report.pdf", headers=bearer(room["session"]))
    text = " ".join(pdf_text(pdf.data).split())
    assert text.count("Gekozen leverancier: Platform 24") == 2, "page 1 and the section"
    assert emit(room["fac"], room, "supplier-delete", supplier_id="l2")["ok"]
    assert extra_of(room["board"])["choice"] is None
