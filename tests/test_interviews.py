"""interviews (issue 21, part 1): the handbook's eleven questions (H:L2254-2264), interviews
recorded on the facilitator page and an anonymous phone questionnaire, themes per question
with counts on the board (never who said it, H:L661-662), one click into the impact/effort
matrix, the themes carried into the meeting that tests the solution, the report."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from conftest import activity_of, activity_views, without_room_list
from drivers import bearer, pdf_text
from test_anonymity_wire import _leaks
from test_trajectories import facilitator, leader, new_session, new_trajectory, ok  # noqa: F401 (fixture)

IV = "interviews"
II = "impact-inspanning"
NAME = "Annemarie Vlietstra"
ELEVEN = [
    "Hoe zou je de praktijk het beste kunnen omschrijven?",
    "Wat vind je fijn aan werken bij deze praktijk?",
    "Wat waarderen patiënten aan deze praktijk?",
    "Wat zijn knelpunten waar je tegen aanloopt in je werk?",
    "Wat is het belangrijkste probleem dat we moeten oplossen?",
    "Wat is de grootste kans waar we iets mee zouden moeten?",
    "Wat zou je willen verbeteren aan de praktijk en waarom is dat nodig?",
    "Wat zijn mogelijke oplossingsrichtingen en waarom?",
    "Voor wie is deze oplossingsrichting belangrijk?",
    "Wat zou deze oplossingsrichting beteken voor jouw dagelijkse werk?",
    "Wat moet er gebeuren om deze oplossingsrichting te laten werken?",
]


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=[IV, II])
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, joined = sock(session, name=NAME)
    bram, _ = sock(session, name="Bram")
    for c in (fac, board, anna, bram):
        c.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "anna": anna,
        "anna_id": joined["me"]["id"],
        "bram": bram,
        "iv": activity_of(ack, IV),
        "ii": activity_of(ack, II),
    }


def emit(who, room, event: str, **payload: Any) -> dict[str, Any]:
    return who.emit(f"{IV}:{event}", {"activity_id": room["iv"]["id"], **payload}, callback=True)


def extra(who, room) -> dict[str, Any]:
    return activity_views(who)[room["iv"]["id"]]["extra"]


def interview(room, role="doktersassistent", date="2026-11-20", **answers: str) -> dict[str, Any]:
    return ok(emit(room["fac"], room, "interview-save", role=role, date=date, answers=answers))["interview"]


def test_the_eleven_questions_verbatim_for_everyone(room, sock) -> None:
    _b, ack = sock(room["session"], role="board")
    board_view = activity_of(ack, IV)
    assert [q["text"] for q in board_view["extra"]["questions"]] == ELEVEN
    assert board_view["anonymous"] is True
    _p, phone_ack = sock(room["session"], name="Carla")
    phone_view = activity_of(phone_ack, IV)["extra"]
    assert [q["text"] for q in phone_view["questions"]] == ELEVEN
    # The join state carries the public view (labels and counts); updates only the questions.
    assert "answers" not in phone_view and "interviews" not in json.dumps(phone_view["questions"])


def test_questions_can_be_edited_reordered_added_and_removed(room) -> None:
    fac = room["fac"]
    ok(emit(fac, room, "question-update", question_id="q1", text="  Hoe  omschrijf je de praktijk? "))
    ok(emit(fac, room, "question-move", question_id="q11", position=0))
    added = ok(emit(fac, room, "question-add", text="Wat mis je nu?"))["question"]
    assert added["id"] == "q12"
    ok(emit(fac, room, "question-delete", question_id="q2"))
    listed = ok(emit(fac, room, "list"))["themes"]
    texts = [q["text"] for q in listed]
    assert texts[0] == ELEVEN[10] and texts[1] == "Hoe omschrijf je de praktijk?" and texts[-1] == "Wat mis je nu?"
    assert ELEVEN[1] not in texts and len(texts) == 11
    for bad, error in (
        ({"text": ""}, "tekst nodig"),
        ({"text": "x" * 301}, "maximaal 300"),
        ({"text": 7}, "tekst nodig"),
    ):
        assert error in emit(fac, room, "question-add", **bad)["error"]
    assert "bestaat niet" in emit(fac, room, "question-update", question_id="q99", text="Vraag")["error"]
    assert "plek" in emit(fac, room, "question-move", question_id="q3", position=40)["error"]
    assert "plek" in emit(fac, room, "question-move", question_id="q3", position=True)["error"]
    # An answered question asks first.
    interview(room, q3="Persoonlijke zorg")
    refused = emit(fac, room, "question-delete", question_id="q3")
    assert refused["needs_confirm"] is True and "Bevestig" in refused["error"]
    ok(emit(fac, room, "question-delete", question_id="q3", confirm=True))
    assert ok(emit(fac, room, "list"))["answers"] == []


def test_facilitator_only_actions_need_the_facilitator(room, sock) -> None:
    intruder, _ = sock(room["session"], role="facilitator", facilitator_token="wrong-token")
    for event, payload in (
        ("list", {}),
        ("interview-save", {"role": "poh", "answers": {"q1": "x"}}),
        ("mark", {"ref": "i1:q1", "label": "x"}),
        ("push", {"question_id": "q1", "label": "x"}),
        ("question-add", {"text": "Vraag"}),
        ("export", {}),
    ):
        for who in (intruder, room["anna"], room["board"]):
            answer = emit(who, room, event, **payload)
            assert answer["ok"] is False, (event, answer)


def test_recording_an_interview_and_its_checks(room) -> None:
    fac = room["fac"]
    saved = interview(room, role="poh", date="2026-11-21", q1="Een warme praktijk", q4="  De telefoon  ")
    assert saved == {
        "id": "i1",
        "role": "poh",
        "date": "2026-11-21",
        "answers": {"q1": "Een warme praktijk", "q4": "De telefoon"},
    }
    for bad, error in (
        ({"role": "chirurg", "answers": {"q1": "x"}}, "functie"),
        ({"role": None, "answers": {"q1": "x"}}, "functie"),
        ({"role": "poh", "date": "21-11-2026", "answers": {"q1": "x"}}, "JJJJ-MM-DD"),
        ({"role": "poh", "answers": {}}, "minstens één"),
        ({"role": "poh", "answers": {"q1": "   "}}, "minstens één"),
        ({"role": "poh", "answers": {"q1": "x" * 1001}}, "maximaal 1000"),
        ({"role": "poh", "answers": {"q99": "x"}}, "bestaat niet"),
        ({"role": "poh", "answers": ["x"]}, "per vraag"),
        ({"role": "poh", "answers": {"q1": 5}}, "tekst"),
        ({"role": "poh", "answers": {"q1": "x"}, "interview_id": "i9"}, "bestaat niet"),
    ):
        assert error in emit(fac, room, "interview-save", **bad)["error"], bad
    ok(emit(fac, room, "mark", ref="i1:q4", label="Bereikbaarheid"))
    # Changing an answer drops its themes; an unchanged one keeps them.
    ok(emit(fac, room, "mark", ref="i1:q1", label="Sfeer"))
    changed = {"q1": "Een warme praktijk", "q4": "Lange wachttijd"}
    ok(emit(fac, room, "interview-save", interview_id="i1", role="poh", date="", answers=changed))
    listed = ok(emit(fac, room, "list"))
    labels = {a["ref"]: a["labels"] for a in listed["answers"]}
    assert labels == {"i1:q1": ["Sfeer"], "i1:q4": []}
    ok(emit(fac, room, "interview-delete", interview_id="i1"))
    assert "bestaat niet" in emit(fac, room, "interview-delete", interview_id="i1")["error"]
    assert ok(emit(fac, room, "list"))["interviews"] == []


def test_the_phone_questionnaire_is_anonymous_and_closes(room) -> None:
    anna, bram, fac = room["anna"], room["bram"], room["fac"]
    assert ok(emit(anna, room, "answer", question_id="q4", text="Te veel telefoontjes"))["answers"] == {
        "q4": "Te veel telefoontjes"
    }
    ok(emit(anna, room, "answer", question_id="q4", text="Telefoon en balie"))  # replaces
    ok(emit(bram, room, "answer", question_id="q4", text="De telefoon"))
    for bad, error in (
        ({"question_id": "q4", "text": ""}, "eerst een antwoord"),
        ({"question_id": "q4", "text": "   "}, "eerst een antwoord"),
        ({"question_id": "q4", "text": "x" * 1001}, "maximaal 1000"),
        ({"question_id": "q4", "text": ["x"]}, "tekst"),
        ({"question_id": "q42", "text": "x"}, "bestaat niet"),
        ({"question_id": "q4", "clear": "ja"}, "waar of onwaar"),
    ):
        assert error in emit(anna, room, "answer", **bad)["error"], bad
    assert "begeleider" in emit(fac, room, "answer", question_id="q4", text="x")["error"]
    assert emit(anna, room, "mine")["answers"] == {"q4": "Telefoon en balie"}
    listed = ok(emit(fac, room, "list"))
    phone = [a for a in listed["answers"] if a["source"] == "vragenlijst"]
    assert sorted(a["text"] for a in phone) == ["De telefoon", "Telefoon en balie"]
    assert all(set(a) == {"ref", "question_id", "text", "source", "labels"} for a in phone)
    assert extra(room["board"], room)["respondents"] == 2
    # Locked, then closed: answers are refused.
    ok(fac.emit("activity:lock", {"activity_id": room["iv"]["id"], "locked": True}, callback=True))
    assert "op slot" in emit(bram, room, "answer", question_id="q1", text="Gezellig")["error"]
    ok(fac.emit("activity:lock", {"activity_id": room["iv"]["id"], "locked": False}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": room["iv"]["id"], "phase": "themas"}, callback=True))
    assert "gesloten" in emit(bram, room, "answer", question_id="q1", text="Gezellig")["error"]
    # Clearing is closed too; while open it removes the answer and its themes.


def _marked_room(room) -> None:
    fac = room["fac"]
    interview(room, role="doktersassistent", q4="De telefoon staat roodgloeiend", q5="Bereikbaarheid")
    interview(room, role="huisarts", q4="Telefoon 's ochtends", q8="Een terugbelsysteem")
    ok(emit(room["anna"], room, "answer", question_id="q4", text="Wachten aan de telefoon"))
    phone_ref = next(a["ref"] for a in ok(emit(fac, room, "list"))["answers"] if a["source"] == "vragenlijst")
    for ref in ("i1:q4", "i2:q4", phone_ref):
        ok(emit(fac, room, "mark", ref=ref, label="Telefonische bereikbaarheid"))
    ok(emit(fac, room, "mark", ref="i2:q4", label="  telefonische   BEREIKBAARHEID "))  # the same, once
    ok(emit(fac, room, "mark", ref="i2:q8", label="Terugbellen"))


def test_themes_with_counts_reach_the_board_without_answers_or_who(room) -> None:
    _marked_room(room)
    fac = room["fac"]
    board_msgs = room["board"].get_received()
    blob = json.dumps(board_msgs, ensure_ascii=False)
    board_extra = [m["args"][0]["activity"] for m in board_msgs if m["name"] == "activity:updated"][-1]["extra"]
    q4 = next(q for q in board_extra["themes"] if q["question_id"] == "q4")
    assert [(t["label"], t["count"]) for t in q4["themes"]] == [("Telefonische bereikbaarheid", 3)]
    assert set(q4["themes"][0]) == {"key", "label", "count", "pushed"}
    for secret in ("roodgloeiend", "Wachten aan de telefoon", "doktersassistent", "2026-11-20", NAME):
        assert secret not in blob
    # Other phones get nothing from answers and marks (participant_extra unchanged).
    assert [m for m in room["bram"].get_received() if m["name"] == "activity:updated"] == []
    for bad, error in (
        ({"ref": "i1:q4", "label": ""}, "korte naam"),
        ({"ref": "i1:q4", "label": "x" * 61}, "maximaal 60"),
        ({"ref": "i9:q4", "label": "Iets"}, "bestaat niet"),
        ({"ref": 5, "label": "Iets"}, "bestaat niet"),
        ({"ref": "i1:q4", "label": "Iets", "on": "ja"}, "waar of onwaar"),
    ):
        assert error in emit(fac, room, "mark", **bad)["error"], bad
    ok(emit(fac, room, "mark", ref="i1:q4", label="Telefonische bereikbaarheid", on=False))
    q4 = next(q for q in ok(emit(fac, room, "list"))["themes"] if q["question_id"] == "q4")
    assert q4["themes"][0]["count"] == 2


def test_a_theme_goes_into_the_matrix_once(room) -> None:
    _marked_room(room)
    fac = room["fac"]
    pushed = ok(emit(fac, room, "push", question_id="q4", label="telefonische bereikbaarheid"))
    assert pushed["note"]["text"] == "Telefonische bereikbaarheid"
    assert pushed["target_activity_id"] == room["ii"]["id"]
    again = emit(fac, room, "push", question_id="q4", label="Telefonische bereikbaarheid")
    assert again["ok"] is False and "staat al in de matrix" in again["error"]
    assert "bestaat niet" in emit(fac, room, "push", question_id="q4", label="Onbekend")["error"]
    assert (
        "Kies een matrix"
        in emit(fac, room, "push", question_id="q8", label="Terugbellen", target_activity_id=999)["error"]
    )
    ok(emit(fac, room, "push", question_id="q8", label="Terugbellen"))
    # The matrix lists both items, for the board and for phones.
    views = activity_views(room["board"])
    matrix = views[room["ii"]["id"]]
    assert [i["text"] for i in matrix["extra"]["items"]] == ["Telefonische bereikbaarheid", "Terugbellen"]
    phone_matrix = activity_views(room["bram"])[room["ii"]["id"]]
    assert [i["text"] for i in phone_matrix["extra"]["items"]] == ["Telefonische bereikbaarheid", "Terugbellen"]
    iv_view = views[room["iv"]["id"]]["extra"]
    assert next(q for q in iv_view["themes"] if q["question_id"] == "q4")["themes"][0]["pushed"] is True
    # Deleted from the matrix, the theme may go in again (once).
    gone = fac.emit("note:delete", {"note_id": pushed["note"]["id"]}, callback=True)
    assert gone["ok"], gone
    q4 = next(q for q in ok(emit(fac, room, "list"))["themes"] if q["question_id"] == "q4")
    assert q4["themes"][0]["pushed"] is False
    back = ok(emit(fac, room, "push", question_id="q4", label="Telefonische bereikbaarheid"))
    assert back["note"]["id"] != pushed["note"]["id"]
    assert (
        "staat al in de matrix"
        in emit(fac, room, "push", question_id="q4", label="Telefonische bereikbaarheid")["error"]
    )


def test_a_session_without_a_matrix_refuses_the_push(make_session, sock) -> None:
    session = make_session(agenda=[IV])
    fac, ack = sock(session, role="facilitator")
    room = {"iv": activity_of(ack, IV), "fac": fac}
    interview(room, q4="De telefoon")
    ok(emit(fac, room, "mark", ref="i1:q4", label="Telefoon"))
    assert "geen matrix" in emit(fac, room, "push", question_id="q4", label="Telefoon")["error"]


def test_another_sessions_activity_is_out_of_reach(room, make_session, sock) -> None:
    other = make_session(agenda=[IV, II])
    other_fac, other_ack = sock(other, role="facilitator")
    other_iv = activity_of(other_ack, IV)
    # This session's facilitator cannot record into the other session's interviews.
    answer = room["fac"].emit(
        f"{IV}:interview-save",
        {"activity_id": other_iv["id"], "role": "poh", "answers": {"q1": "x"}},
        callback=True,
    )
    assert answer["ok"] is False
    # Nor push into another session's matrix.
    _marked_room(room)
    answer = emit(
        room["fac"],
        room,
        "push",
        question_id="q4",
        label="Telefonische bereikbaarheid",
        target_activity_id=activity_of(other_ack, II)["id"],
    )
    assert answer["ok"] is False
    assert other_fac.emit(f"{IV}:list", {"activity_id": other_iv["id"]}, callback=True)["answers"] == []


def test_no_name_or_participant_id_on_the_wire(room) -> None:
    _marked_room(room)
    ok(emit(room["bram"], room, "answer", question_id="q1", text="Gezellig"))
    ok(emit(room["fac"], room, "push", question_id="q4", label="Telefonische bereikbaarheid"))
    assert _leaks(room["board"].get_received(), room["anna_id"]) == []
    assert _leaks(room["bram"].get_received(), room["anna_id"]) == []
    # The facilitator's room list names who joined (never who wrote what): left out, as for vragen-en-zorgen.
    assert _leaks(without_room_list(room["fac"].get_received()), room["anna_id"]) == []
    listed = ok(emit(room["fac"], room, "list"))
    assert NAME not in json.dumps(listed, ensure_ascii=False)
    assert all("participant_id" not in a for a in listed["answers"])


def test_report_and_exports(room, client) -> None:
    _marked_room(room)
    ok(emit(room["fac"], room, "push", question_id="q4", label="Telefonische bereikbaarheid"))
    pdf = client.get(f"/api/sessions/{room['session']['code']}/report.pdf", headers=bearer(room["session"]))
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.data).split())
    assert "4. Wat zijn knelpunten waar je tegen aanloopt in je werk?" in text
    assert "Telefonische bereikbaarheid (3×)" in text
    assert "De telefoon staat roodgloeiend" in text and "Wachten aan de telefoon" in text
    assert "Terugbellen (1×)" in text
    for secret in ("Doktersassistent", "2026-11-20", NAME):
        assert secret not in text
    word = client.get(f"/api/sessions/{room['session']['code']}/report.docx", headers=bearer(room["session"]))
    assert word.status_code == 200 and b"Telefonische bereikbaarheid" in _docx_text(word.data)
    exported = ok(emit(room["fac"], room, "export", format="csv"))
    rows = list(csv.DictReader(io.StringIO(exported["content"]), delimiter=";"))
    assert rows[0]["theme"] == "Telefonische bereikbaarheid" and rows[0]["count"] == "3"
    assert rows[0]["in_matrix"] == "true" and "roodgloeiend" in rows[0]["quotes"]
    as_json = ok(emit(room["fac"], room, "export", format="json"))["rows"]
    assert as_json[1]["theme"] == "Terugbellen" and as_json[1]["question_number"] == 8
    assert "Kies CSV" in emit(room["fac"], room, "export", format="xls")["error"]
    data = client.get(f"/api/sessions/{room['session']['code']}/export.json", headers=bearer(room["session"]))
    if data.status_code == 200:
        assert "roodgloeiend" not in data.get_data(as_text=True)


def _docx_text(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml")


def test_the_themes_open_the_meeting_that_tests_the_solution(leader, sock) -> None:  # noqa: F811
    trajectory = new_trajectory(leader)
    first = new_session(leader, trajectory, title="Interviews", agenda=[IV])
    fac, ack = facilitator(sock, first)
    room = {"iv": activity_of(ack, IV), "fac": fac, "anna": sock(first, name="Anna")[0]}
    _marked_room(room)
    meeting = new_session(
        leader, trajectory, title="Verkennen oplossingsrichting", template="oplossingsrichting", agenda=None
    )
    fac3, ack3 = facilitator(sock, meeting)
    iv = activity_of(ack3, IV)
    assert iv["phase"] == "themas"
    assert iv["extra"]["carried_from"] == "Interviews"
    q4 = next(q for q in iv["extra"]["themes"] if q["question_id"] == "q4")
    assert [(t["label"], t["count"]) for t in q4["themes"]] == [("Telefonische bereikbaarheid", 3)]
    _board, board_ack = sock(meeting, role="board")
    board_view = json.dumps(activity_of(board_ack, IV), ensure_ascii=False)
    assert "Telefonische bereikbaarheid" in board_view and "roodgloeiend" not in board_view
    room3 = {"iv": iv, "fac": fac3}
    ok(emit(fac3, room3, "push", question_id="q4", label="Telefonische bereikbaarheid"))
    ok(emit(fac3, room3, "push", question_id="q8", label="Terugbellen"))
    _fac, again = facilitator(sock, meeting)
    matrix = activity_of(again, II)
    assert [i["text"] for i in matrix["extra"]["items"]] == ["Telefonische bereikbaarheid", "Terugbellen"]
    # Another trajectory's meeting takes nothing over.
    elsewhere = new_session(
        leader, new_trajectory(leader, name="Ander traject"), template="oplossingsrichting", agenda=None
    )
    _other, other_ack = facilitator(sock, elsewhere)
    other_iv = activity_of(other_ack, IV)["extra"]
    assert other_iv["carried_from"] is None and all(not q["themes"] for q in other_iv["themes"])


def test_one_answer_sends_other_phones_nothing_and_the_board_one_small_update(room) -> None:
    """Sized to the change (docs/architecture.md): a phone's answer changes only counts."""
    _marked_room(room)
    for c in (room["board"], room["bram"], room["fac"]):
        c.get_received()
    ok(emit(room["anna"], room, "answer", question_id="q2", text="De collega's"))
    board_msgs = room["board"].get_received()
    assert [m["name"] for m in board_msgs] == ["activity:updated"]
    size = len(json.dumps(board_msgs[0]["args"], ensure_ascii=False).encode())
    assert size < 4000, size
    assert room["bram"].get_received() == []
    # A mark reaches the board and the facilitators only, too.
    ok(emit(room["fac"], room, "mark", ref="i1:q5", label="Bereikbaarheid"))
    assert room["bram"].get_received() == []
    assert [m["name"] for m in room["board"].get_received()] == ["activity:updated"]
    print(f"answer: {size} bytes to the board, 0 to other phones")
