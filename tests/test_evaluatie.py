"""The `evaluatie` work format (process-evaluation questionnaire, issue 11 part 3) over
Socket.IO: answering and replacing, the aggregates, anonymity on the wire, every
refused input, closing, the facilitator's question editing, a phone's own answers
after a rejoin, and the PDF section."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from conftest import activity_of
from pypdf import PdfReader

from app import agenda_templates
from app.plugin_context import ActivityReader
from app.registry import discover
from workforms.evaluatie import questions as qs
from workforms.evaluatie import summary

NAME = "Annemarie Vlietstra"


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["evaluatie"])
    fac, fac_ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    anna, anna_ack = sock(session, name=NAME)
    bram, bram_ack = sock(session, name="Bram")
    activity = activity_of(fac_ack, "evaluatie")
    for client in (fac, board, anna, bram):
        client.get_received()
    return {
        "session": session,
        "fac": fac,
        "board": board,
        "anna": anna,
        "bram": bram,
        "activity": activity,
        "aid": activity["id"],
        "anna_id": anna_ack["me"]["id"],
        "anna_token": anna_ack["token"],
        "bram_id": bram_ack["me"]["id"],
        "sock": sock,
    }


def call(client, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    return client.emit(event, payload, callback=True)


def answer(room, who: str, question_id: str, **fields: Any) -> dict[str, Any]:
    return call(room[who], "evaluatie:answer", {"activity_id": room["aid"], "question_id": question_id, **fields})


def extra_of(client) -> dict[str, Any]:
    """The latest activity.extra this client received."""
    changes = [m["args"][0] for m in client.get_received() if m["name"] in ("activity:changed", "activity:updated")]
    assert changes, "no activity view received"
    return changes[-1]["activity"]["extra"]


def fac_state(room) -> dict[str, Any]:
    ack = call(
        room["fac"],
        "join",
        {
            "code": room["session"]["code"],
            "role": "facilitator",
            "facilitator_token": room["session"]["facilitator_token"],
        },
    )
    return activity_of(ack, "evaluatie")


def close(room) -> None:
    assert call(room["fac"], "activity:phase", {"activity_id": room["aid"], "phase": "resultaten"})["ok"]


# --- defaults ---------------------------------------------------------------------------------


def test_the_handbook_questions_are_the_default_with_scales_on_the_hoe_questions(room):
    activity = room["activity"]
    assert activity["phase"] == "invullen" and activity["anonymous"] is True
    questions = activity["extra"]["questions"]
    assert len(questions) == 12
    assert [q["section"] for q in questions] == ["algemeen"] * 2 + ["voorbereiding"] * 5 + ["implementatie"] * 5
    assert questions[0]["text"] == "Wat is je rol in de praktijk?"
    assert questions[-1]["text"] == "Waar zie je verbeteringen tijdens de implementatiefase?"
    scaled = [q["text"] for q in questions if q["scale"]]
    assert len(scaled) == 5 and all(t.startswith("Hoe ") for t in scaled)
    assert not any(q["text"].startswith("Hoe ") for q in questions if not q["scale"])
    assert activity["extra"]["respondents"] == 0
    assert "results" not in activity["extra"]


def test_the_procesevaluatie_template_puts_the_questionnaire_between_two_slides(client):
    registry = discover()
    template = agenda_templates.find(registry, "procesevaluatie")
    assert [item["workform"] for item in template["agenda"]] == ["toelichting", "evaluatie", "toelichting"]
    assert template["agenda"][2]["title"] == "Vervolg"
    made = client.post("/api/sessions", json={"title": "Evaluatie", "template": "procesevaluatie"})
    assert made.status_code == 201, made.get_json()


# --- answering ---------------------------------------------------------------------------------


def test_an_answer_is_stored_replaced_not_doubled_and_counted(room):
    first = answer(room, "anna", "q3", score=4)
    assert first["ok"] is True, first
    assert first["answers"] == {"q3": {"score": 4, "text": ""}}
    again = answer(room, "anna", "q3", score=2, text="Pas laat betrokken")
    assert again["answers"]["q3"] == {"score": 2, "text": "Pas laat betrokken"}
    assert answer(room, "bram", "q3", score=5)["ok"]
    assert answer(room, "bram", "q1", text="Doktersassistent")["ok"]
    extra = extra_of(room["board"])
    assert extra["respondents"] == 2
    assert extra["answered"]["q3"] == 2 and extra["answered"]["q1"] == 1 and extra["answered"]["q2"] == 0
    # Answers stay private while the questionnaire is open.
    assert "results" not in extra
    assert "Pas laat betrokken" not in json.dumps(extra)


def test_clearing_an_answer_removes_it(room):
    assert answer(room, "anna", "q1", text="POH")["ok"]
    cleared = answer(room, "anna", "q1", clear=True)
    assert cleared["ok"] and cleared["answers"] == {}
    assert extra_of(room["board"])["respondents"] == 0


def test_after_closing_the_board_gets_distributions_and_grouped_answers(room):
    for who, score in (("anna", 4), ("bram", 5)):
        assert answer(room, who, "q8", score=score, text="Duidelijk plan" if who == "anna" else " duidelijk  PLAN ")[
            "ok"
        ]
    assert answer(room, "anna", "q1", text="Doktersassistent")["ok"]
    assert answer(room, "bram", "q1", text="doktersassistent ")["ok"]
    anna_too = room["sock"](room["session"], name="Carla")[0]
    assert call(anna_too, "evaluatie:answer", {"activity_id": room["aid"], "question_id": "q1", "text": "Huisarts"})[
        "ok"
    ]
    room["board"].get_received()
    close(room)
    extra = extra_of(room["board"])
    results = {q["id"]: q for q in extra["results"]}
    q8 = results["q8"]
    assert q8["counts"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert q8["n"] == 2 and q8["mean"] == 4.5
    assert q8["texts"] == [{"text": "Duidelijk plan", "count": 2}]
    assert results["q1"]["texts"] == [{"text": "Doktersassistent", "count": 2}, {"text": "Huisarts", "count": 1}]
    assert results["q1"]["mean"] is None and results["q1"]["n"] == 0
    assert results["q2"]["answered"] == 0 and results["q2"]["texts"] == []
    assert extra["respondents"] == 3


def test_summary_is_the_same_from_the_store_and_from_the_state(app, room):
    assert answer(room, "anna", "q3", score=3, text="Goed")["ok"]
    assert answer(room, "bram", "q3", score=4)["ok"]
    store = app.extensions["flipover.store"]
    from app import sessions

    activity = sessions.get_activity(store, room["session"]["code"], room["aid"])
    live, kept = summary(activity, ActivityReader(store, activity)), summary(activity)
    assert live == kept
    q3 = next(q for q in live["questions"] if q["id"] == "q3")
    assert q3["section_title"] == "Voorbereidingsfase" and q3["mean"] == 3.5 and q3["n"] == 2
    assert live["respondents"] == 2
    assert "participant_id" not in json.dumps(activity["state"])


# --- anonymity on the wire -------------------------------------------------------------------


def _walk(value: Any):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


def test_no_name_or_participant_id_reaches_the_board_or_other_phones(room):
    assert answer(room, "anna", "q1", text="Praktijkmanager")["ok"]
    assert answer(room, "anna", "q3", score=1, text="Ik werd niet gehoord")["ok"]
    assert answer(room, "bram", "q3", score=3)["ok"]
    close(room)
    assert call(room["board"], "join", {"code": room["session"]["code"], "role": "board"})["ok"]
    board_msgs, bram_msgs = room["board"].get_received(), room["bram"].get_received()
    assert any("Ik werd niet gehoord" in json.dumps(m) for m in board_msgs), "the board did get the results"
    for messages in (board_msgs, bram_msgs):
        blob = json.dumps(messages, ensure_ascii=False)
        assert NAME not in blob and "Annemarie" not in blob
        for message in messages:
            for obj in _walk(message["args"]):
                for key in ("author_id", "participant_id"):
                    assert obj.get(key) != room["anna_id"], (message["name"], key)


def test_a_phone_gets_its_own_answers_back_after_rejoining_and_no_one_elses(room):
    assert answer(room, "anna", "q1", text="Praktijkmanager")["ok"]
    assert answer(room, "anna", "q4", text="Helder")["ok"]
    assert answer(room, "bram", "q1", text="Huisarts")["ok"]
    again, ack = room["sock"](room["session"], token=room["anna_token"])
    assert ack["me"]["id"] == room["anna_id"]
    mine = call(again, "evaluatie:mine", {"activity_id": room["aid"]})
    assert mine == {
        "ok": True,
        "answers": {"q1": {"score": None, "text": "Praktijkmanager"}, "q4": {"score": None, "text": "Helder"}},
        "goals": {},
    }
    assert call(room["bram"], "evaluatie:mine", {"activity_id": room["aid"]})["answers"] == {
        "q1": {"score": None, "text": "Huisarts"}
    }


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "fields", "message"),
    [
        ("q3", {"score": 0}, "Kies een heel getal van 1 tot 5."),
        ("q3", {"score": 6}, "Kies een heel getal van 1 tot 5."),
        ("q3", {"score": 3.5}, "Kies een heel getal van 1 tot 5."),
        ("q3", {"score": "4"}, "Kies een heel getal van 1 tot 5."),
        ("q3", {"score": True}, "Kies een heel getal van 1 tot 5."),
        ("q3", {}, "Kies een getal van 1 tot 5 of schrijf een toelichting."),
        ("q3", {"score": None, "text": "   "}, "Kies een getal van 1 tot 5 of schrijf een toelichting."),
        ("q1", {"score": 3}, "Deze vraag heeft geen schaal: schrijf je antwoord op."),
        ("q1", {"text": ""}, "Schrijf eerst een antwoord."),
        ("q1", {"text": " \n "}, "Schrijf eerst een antwoord."),
        ("q1", {"text": "x" * 1001}, "Een antwoord is maximaal 1000 tekens."),
        ("q3", {"score": 2, "text": "x" * 1001}, "Een antwoord is maximaal 1000 tekens."),
        ("q1", {"text": ["Huisarts"]}, "Een antwoord is tekst."),
        ("q1", {"text": {"a": 1}}, "Een antwoord is tekst."),
        ("q99", {"text": "Huisarts"}, "Deze vraag bestaat niet (meer)."),
        (None, {"text": "Huisarts"}, "Deze vraag bestaat niet (meer)."),
        (3, {"text": "Huisarts"}, "Deze vraag bestaat niet (meer)."),
        ("q1", {"clear": "ja"}, "'clear' moet waar of onwaar zijn."),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message_and_nothing_stored(room, question_id, fields, message):
    refused = call(room["anna"], "evaluatie:answer", {"activity_id": room["aid"], "question_id": question_id, **fields})
    assert refused == {"ok": False, "error": message}
    assert call(room["anna"], "evaluatie:mine", {"activity_id": room["aid"]})["answers"] == {}
    assert room["board"].get_received() == []


def test_exactly_1000_characters_is_accepted(room):
    assert answer(room, "anna", "q1", text="x" * 1000)["ok"]


def test_malformed_payloads_are_refused(room):
    anna = room["anna"]
    assert call(anna, "evaluatie:answer", "q1")["ok"] is False
    assert call(anna, "evaluatie:answer", ["q1", 3])["ok"] is False
    assert call(anna, "evaluatie:answer", {"question_id": "q1", "text": "x"})["error"] == (
        "Dit agendapunt bestaat niet in deze bijeenkomst."
    )
    assert call(anna, "evaluatie:answer", {"activity_id": "abc", "question_id": "q1", "text": "x"})["ok"] is False


def test_an_activity_of_another_session_is_refused(room, make_session, sock):
    other = make_session(agenda=["evaluatie"], title="Andere praktijk")
    _fac, ack = sock(other, role="facilitator")
    foreign = activity_of(ack, "evaluatie")["id"]
    refused = call(room["anna"], "evaluatie:answer", {"activity_id": foreign, "question_id": "q1", "text": "x"})
    assert refused["ok"] is False


def test_closing_refuses_answers_and_changes(room):
    assert answer(room, "anna", "q3", score=4)["ok"]
    close(room)
    for fields in ({"score": 2}, {"clear": True}):
        refused = answer(room, "anna", "q3", **fields)
        assert refused == {
            "ok": False,
            "error": "De vragenlijst is gesloten: je antwoorden kunnen niet meer veranderen.",
        }
    assert call(room["anna"], "evaluatie:mine", {"activity_id": room["aid"]})["answers"]["q3"]["score"] == 4


def test_a_locked_questionnaire_refuses_answers(room):
    assert call(room["fac"], "activity:lock", {"activity_id": room["aid"], "locked": True})["ok"]
    refused = answer(room, "anna", "q1", text="Huisarts")
    assert refused == {"ok": False, "error": "De begeleider heeft de vragenlijst even op slot gezet."}


def test_the_facilitator_and_the_board_do_not_answer(room):
    assert answer(room, "fac", "q1", text="Ik ben de begeleider") == {
        "ok": False,
        "error": "Alleen deelnemers vullen de vragenlijst in.",
    }
    assert answer(room, "board", "q1", text="Bord")["ok"] is False


def test_notes_are_not_accepted(room):
    refused = call(room["anna"], "note:add", {"activity_id": room["aid"], "client_id": "e1", "text": "Hallo"})
    assert refused["ok"] is False


# --- the facilitator edits the questionnaire ------------------------------------------------------


def edit(room, event: str, who: str = "fac", **payload: Any) -> dict[str, Any]:
    return call(room[who], f"evaluatie:{event}", {"activity_id": room["aid"], **payload})


def test_only_the_facilitator_edits_questions(room):
    for event, payload in (
        ("question-add", {"text": "Hoe was de koffie?", "section": "algemeen", "scale": True}),
        ("question-update", {"question_id": "q1", "text": "Gehackt"}),
        ("question-delete", {"question_id": "q1"}),
        ("question-move", {"question_id": "q1", "position": 3}),
        ("board-section", {"section": "algemeen"}),
    ):
        refused = edit(room, event, "anna", **payload)
        assert refused == {"ok": False, "error": "Alleen de begeleider kan dit doen."}, event
    assert len(fac_state(room)["extra"]["questions"]) == 12


def test_the_facilitator_adds_edits_moves_toggles_and_removes_questions(room):
    added = edit(
        room, "question-add", text="  Hoe  tevreden ben je over het resultaat? ", section="implementatie", scale=True
    )
    assert added["ok"], added
    assert added["question"] == {
        "id": "q13",
        "section": "implementatie",
        "text": "Hoe tevreden ben je over het resultaat?",
        "scale": True,
    }
    questions = extra_of(room["board"])["questions"]
    assert questions[-1]["id"] == "q13"
    # A question added to a section lands after that section's last question.
    assert edit(room, "question-add", text="Hoe lang werk je hier al?", section="algemeen")["question"]["id"] == "q14"
    ids = [q["id"] for q in extra_of(room["board"])["questions"]]
    assert ids[:3] == ["q1", "q2", "q14"]
    assert edit(room, "question-update", question_id="q1", text="Wat is jouw functie?", scale=True)["ok"]
    assert edit(room, "question-move", question_id="q1", position=1)["ok"]
    questions = extra_of(room["board"])["questions"]
    assert [q["id"] for q in questions][:3] == ["q2", "q1", "q14"]
    assert questions[1]["text"] == "Wat is jouw functie?" and questions[1]["scale"] is True
    assert edit(room, "question-delete", question_id="q14")["ok"]
    ids = [q["id"] for q in extra_of(room["board"])["questions"]]
    assert "q14" not in ids and len(ids) == 13
    # Ids are never reused, so an old answer can never land on a new question.
    assert edit(room, "question-add", text="Nog een vraag?", section="algemeen")["question"]["id"] == "q15"


@pytest.mark.parametrize(
    ("event", "payload", "message"),
    [
        ("question-add", {"text": "  ", "section": "algemeen"}, "Een vraag heeft tekst nodig."),
        ("question-add", {"text": 12, "section": "algemeen"}, "Een vraag heeft tekst nodig."),
        ("question-add", {"text": "x" * 301, "section": "algemeen"}, "Een vraag is maximaal 300 tekens."),
        ("question-add", {"text": "Vraag?", "section": "nazorg"}, "Onbekend onderdeel van de vragenlijst."),
        ("question-add", {"text": "Vraag?", "section": "algemeen", "scale": "ja"}, "'scale' moet waar of onwaar zijn."),
        ("question-update", {"question_id": "q404", "text": "Vraag?"}, "Deze vraag bestaat niet (meer)."),
        ("question-update", {"question_id": "q1"}, "Er is niets om te wijzigen."),
        ("question-update", {"question_id": "q1", "scale": 1}, "'scale' moet waar of onwaar zijn."),
        ("question-delete", {"question_id": ["q1"]}, "Deze vraag bestaat niet (meer)."),
        ("question-delete", {"question_id": "q1", "confirm": "yes"}, "'confirm' moet waar of onwaar zijn."),
        ("question-move", {"question_id": "q1", "position": "2"}, "Een positie is een heel getal."),
        ("question-move", {"question_id": "q1", "position": True}, "Een positie is een heel getal."),
        ("board-section", {"section": "alles"}, "Onbekend onderdeel van de vragenlijst."),
    ],
)
def test_bad_question_edits_are_refused(room, event, payload, message):
    assert edit(room, event, **payload) == {"ok": False, "error": message}
    assert room["board"].get_received() == []


def test_a_questionnaire_has_at_most_40_questions(room):
    for n in range(qs.MAX_QUESTIONS - 12):
        assert edit(room, "question-add", text=f"Vraag {n}?", section="algemeen")["ok"]
    refused = edit(room, "question-add", text="Eén te veel?", section="algemeen")
    assert refused == {"ok": False, "error": "De vragenlijst heeft al 40 vragen."}


def test_after_the_first_answer_text_edits_are_fine_but_scale_and_removal_are_guarded(room):
    assert answer(room, "anna", "q3", score=4)["ok"]
    assert answer(room, "bram", "q3", score=2)["ok"]
    assert edit(room, "question-update", question_id="q3", text="Hoe actief was jij betrokken?")["ok"]
    refused = edit(room, "question-update", question_id="q3", scale=False)
    assert refused == {"ok": False, "error": "Op deze vraag is al geantwoord: de schaal kan niet meer aan of uit."}
    # An unanswered question still toggles.
    assert edit(room, "question-update", question_id="q4", scale=True)["ok"]
    # Removal asks for a confirmation first and keeps everything until it gets one.
    asked = edit(room, "question-delete", question_id="q3")
    assert asked["ok"] is False and asked["needs_confirm"] is True and asked["answered"] == 2
    assert "2 antwoorden" in asked["error"]
    assert call(room["anna"], "evaluatie:mine", {"activity_id": room["aid"]})["answers"]["q3"]["score"] == 4
    assert edit(room, "question-delete", question_id="q3", confirm=True)["ok"]
    assert call(room["anna"], "evaluatie:mine", {"activity_id": room["aid"]})["answers"] == {}
    extra = extra_of(room["board"])
    assert "q3" not in [q["id"] for q in extra["questions"]] and extra["respondents"] == 0


def test_the_facilitator_picks_the_section_the_board_shows(room):
    assert edit(room, "board-section", section="implementatie")["ok"]
    assert extra_of(room["board"])["board_section"] == "implementatie"
    assert edit(room, "board-section", section=None)["ok"]
    assert extra_of(room["board"])["board_section"] is None


# --- the report --------------------------------------------------------------------------------


def pdf_text(client, session) -> str:
    response = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    assert response.status_code == 200, response.data[:200]
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_report_has_distributions_means_and_grouped_answers_without_names(client, room):
    assert answer(room, "anna", "q3", score=4, text="Goed meegenomen")["ok"]
    assert answer(room, "bram", "q3", score=5, text="goed meegenomen")["ok"]
    assert answer(room, "anna", "q11", text="Korte lijnen met de <b>huisarts</b>")["ok"]
    assert answer(room, "bram", "q11", text="Korte lijnen met de <b>huisarts</b>")["ok"]
    assert answer(room, "bram", "q1", text="Doktersassistent")["ok"]
    close(room)
    text = pdf_text(client, room["session"])
    assert "2 deelnemers vulden in" in text
    assert "Voorbereidingsfase" in text and "Implementatiefase" in text and "Algemene vragen" in text
    assert "Hoe actief was je betrokken bij het implementatieproces?" in text
    assert "Gemiddelde 4,5 · n = 2" in text
    assert "Goed meegenomen (2×)" in text
    # User text is escaped, not parsed as markup.
    assert "Korte lijnen met de <b>huisarts</b> (2×)" in text
    assert "Doktersassistent" in text and "Geen antwoorden." in text
    assert NAME not in text and "Bram" not in text


def test_the_report_of_an_empty_questionnaire_names_it_once_as_not_treated(client, room):
    text = " ".join(pdf_text(client, room["session"]).split())
    assert "Niet behandeld." in text
    assert "0 deelnemers vulden in" not in text and "Nog geen antwoorden op de vragenlijst." not in text
