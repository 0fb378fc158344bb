"""The vision & strategy work formats over Socket.IO: doelstellingen, kernwoorden,
processen-en-acties (rotation), the template and the report."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from conftest import activity_of, activity_views, new_client_id, received
from pypdf import PdfReader

import workforms.processen_en_acties as pa

VISION = ["doelstellingen", "kernwoorden", "processen-en-acties"]


def note(client, activity: dict[str, Any], text: str, **extra: Any) -> dict[str, Any]:
    return client.emit(
        "note:add", {"activity_id": activity["id"], "client_id": new_client_id(), "text": text, **extra}, callback=True
    )


def goals_of(fac, *titles: str) -> list[dict[str, Any]]:
    return [fac.emit("goal:add", {"title": t}, callback=True)["goal"] for t in titles]


def extra_of(test_client, workform: str) -> dict[str, Any]:
    return next(a for a in activity_views(test_client).values() if a["workform"] == workform)["extra"]


def pdf_pages(client, session: dict[str, Any]) -> list[str]:
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert response.status_code == 200
    return [p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages]


# --- the template ------------------------------------------------------------------


def test_template_runs_the_handbook_agenda_with_minutes(client, make_session, sock) -> None:
    listed = {t["slug"]: t for t in client.get("/api/templates").get_json()}
    template = listed["visie-en-strategie"]
    assert template["title"] == "Bijeenkomst visie en strategie"
    assert template["duration_minutes"] == 120
    assert [w for w in template["agenda"] if w != "uitdagingen-en-kansen"] == [
        "trots",
        *VISION,
        "toelichting",
    ]
    from app.agenda_templates import TEMPLATES

    items = next(t for t in TEMPLATES if t["slug"] == "visie-en-strategie")["agenda"]
    assert [i["minutes"] for i in items] == [15, 30, 15, 20, 25, 5]
    session = make_session(template="visie-en-strategie")
    _fac, ack = sock(session, role="facilitator")
    assert "toekomstbestendige huisartsenzorg" in activity_of(ack, "doelstellingen")["prompt"]
    assert activity_of(ack, "toelichting")["title"] == "Afronding"


# --- doelstellingen ------------------------------------------------------------------


def test_prefill_propose_support_and_accept(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    doel = activity_of(ack, "doelstellingen")
    answer = fac.emit(
        "doelstellingen:vooraf",
        {"activity_id": doel["id"], "lines": "Meer regie patiënt\n\n  Lerende  organisatie "},
        callback=True,
    )
    assert [g["title"] for g in answer["goals"]] == ["Meer regie patiënt", "Lerende organisatie"]
    anna, _ = sock(session, name="Anna")
    bo, _ = sock(session, name="Bo")
    proposal = note(anna, doel, "Werkplezier")["note"]
    support = {"activity_id": doel["id"], "note_id": proposal["id"]}
    for _ in range(2):  # a double tap is one +1
        assert bo.emit("doelstellingen:steun", support, callback=True)["mine"] == [proposal["id"]]
    assert anna.emit("doelstellingen:steun", support, callback=True)["ok"]
    extra = extra_of(fac, "doelstellingen")
    assert extra == {"support": {str(proposal["id"]): 2}}  # counts only, never who
    assert bo.emit("doelstellingen:steun", {**support, "on": False}, callback=True)["mine"] == []
    assert bo.emit("doelstellingen:mijn-steun", {"activity_id": doel["id"]}, callback=True)["mine"] == []
    assert extra_of(fac, "doelstellingen") == {"support": {str(proposal["id"]): 1}}

    refused = bo.emit("doelstellingen:accepteer", support, callback=True)
    assert refused["ok"] is False and "begeleider" in refused["error"]
    accepted = fac.emit("doelstellingen:accepteer", support, callback=True)
    assert accepted["goal"]["title"] == "Werkplezier"
    assert accepted["goal"]["data"] == {"source_note_id": proposal["id"]}
    assert [g["title"] for g in received(anna, "goals:changed")[-1]["goals"]][-1] == "Werkplezier"
    again = fac.emit("doelstellingen:accepteer", support, callback=True)
    assert again == {"ok": False, "error": "Dit voorstel is al een doelstelling."}
    listed = fac.emit("notes:list", {"activity_id": doel["id"]}, callback=True)["notes"]
    assert listed[0]["data"]["goal_id"] == accepted["goal"]["id"]


def test_accepting_a_stack_marks_every_proposal_in_it_and_can_rename(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    doel = activity_of(ack, "doelstellingen")
    phone, _ = sock(session)
    first = note(phone, doel, "Tijd voor patiënt")["note"]
    second = note(phone, doel, "Meer tijd voor de patiënt")["note"]
    assert fac.emit("note:stack", {"note_id": second["id"], "target_note_id": first["id"]}, callback=True)["ok"]
    payload = {"activity_id": doel["id"], "note_id": first["id"], "title": "Meer tijd voor persoonlijke zorg"}
    goal = fac.emit("doelstellingen:accepteer", payload, callback=True)["goal"]
    assert goal["title"] == "Meer tijd voor persoonlijke zorg"
    listed = fac.emit("notes:list", {"activity_id": doel["id"]}, callback=True)["notes"]
    assert {n["data"].get("goal_id") for n in listed} == {goal["id"]}


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"lines": 5}, "Geef de doelstellingen als tekst, één per regel."),
        ({"lines": ["  ", ""]}, "Geef minstens één doelstelling, één per regel."),
        ({"lines": [f"Doel {i}" for i in range(13)]}, "Maximaal 12 doelstellingen per bijeenkomst."),
        ({"lines": ["x" * 201]}, "Een doelstelling is maximaal 200 tekens."),
    ],
)
def test_bad_prefill_stores_nothing(make_session, sock, payload, error) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    answer = fac.emit(
        "doelstellingen:vooraf", {"activity_id": activity_of(ack, "doelstellingen")["id"], **payload}, callback=True
    )
    assert answer == {"ok": False, "error": error}
    assert sock(session)[1]["state"]["goals"] == []


def test_support_for_a_note_of_another_activity_is_refused(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    goals_of(fac, "Lerende organisatie")
    phone, _ = sock(session)
    keyword = note(phone, activity_of(ack, "kernwoorden"), "Leren")["note"]
    answer = phone.emit(
        "doelstellingen:steun",
        {"activity_id": activity_of(ack, "doelstellingen")["id"], "note_id": keyword["id"]},
        callback=True,
    )
    assert answer == {"ok": False, "error": "Deze post-it hoort niet bij dit agendapunt."}


# --- kernwoorden ---------------------------------------------------------------------


def test_keywords_follow_the_current_goal_and_identical_ones_stack(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    kern = activity_of(ack, "kernwoorden")
    one, two = goals_of(fac, "Meer regie patiënt", "Werkplezier")
    phone, _ = sock(session)
    other, _ = sock(session)
    first = note(phone, kern, "Eigen regie")["note"]
    assert first["data"] == {"goal_id": one["id"]}  # no goal given: the goal on the board
    moved = fac.emit("kernwoorden:doel", {"activity_id": kern["id"], "step": 1}, callback=True)
    assert moved == {"ok": True, "goal_id": two["id"], "seconds": 300}
    assert extra_of(phone, "kernwoorden")["goal_id"] == two["id"]
    at_two = note(other, kern, "eigen  REGIE ")["note"]  # same words, other goal: not stacked
    same = note(other, kern, "Plezier", data={"goal_id": two["id"]})["note"]
    again = note(phone, kern, " plezier")["note"]
    listed = {n["id"]: n for n in fac.emit("notes:list", {"activity_id": kern["id"]}, callback=True)["notes"]}
    assert listed[at_two["id"]]["group_id"] is None
    assert listed[same["id"]]["group_id"] is not None
    assert listed[again["id"]]["group_id"] == listed[same["id"]]["group_id"]
    assert again["data"] == {"goal_id": two["id"]}
    assert fac.emit("kernwoorden:doel", {"activity_id": kern["id"], "step": 1}, callback=True) == {
        "ok": False,
        "error": "Dit was de laatste doelstelling.",
    }
    assert fac.emit("kernwoorden:doel", {"activity_id": kern["id"], "goal_id": one["id"]}, callback=True)["ok"]
    bad = fac.emit("kernwoorden:doel", {"activity_id": kern["id"], "goal_id": 999}, callback=True)
    assert bad == {"ok": False, "error": "Deze doelstelling bestaat niet in deze bijeenkomst."}
    assert phone.emit("kernwoorden:doel", {"activity_id": kern["id"], "step": 1}, callback=True)["ok"] is False


def test_keyword_for_an_unknown_or_foreign_goal_is_refused(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    kern = activity_of(ack, "kernwoorden")
    phone, _ = sock(session)
    assert note(phone, kern, "Regie")["error"] == "Er zijn nog geen doelstellingen. De begeleider maakt ze eerst aan."
    goals_of(fac, "Eigen doel")
    other = make_session(agenda=VISION)
    ofac, _ = sock(other, role="facilitator")
    (foreign,) = goals_of(ofac, "Doel van een andere praktijk")
    for goal_id in (foreign["id"], 999, "1", True):
        answer = note(phone, kern, "Regie", data={"goal_id": goal_id})
        assert answer == {"ok": False, "error": "Deze doelstelling bestaat niet in deze bijeenkomst."}, goal_id
    listed = fac.emit("notes:list", {"activity_id": kern["id"]}, callback=True)["notes"]
    assert listed == []


def test_at_most_three_kept_keywords_per_goal_limit_configurable(make_session, sock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    kern = activity_of(ack, "kernwoorden")
    _goal, other_goal = goals_of(fac, "Lerende organisatie", "Werkplezier")
    phone, _ = sock(session)
    words = [note(phone, kern, w)["note"] for w in ("Leren", "Feedback", "Scholing", "Nieuwsgierig")]
    elsewhere = note(phone, kern, "Plezier", data={"goal_id": other_goal["id"]})["note"]
    keep = lambda n, kept=True: fac.emit(  # noqa: E731
        "kernwoorden:houden", {"activity_id": kern["id"], "note_id": n["id"], "kept": kept}, callback=True
    )
    for word in words[:3]:
        assert keep(word)["note"]["data"]["kept"] is True
    assert keep(words[0])["ok"]  # keeping a kept one again is no fourth
    assert keep(elsewhere)["ok"]  # another goal has its own three
    assert keep(words[3]) == {
        "ok": False,
        "error": "Bij ‘Lerende organisatie’ zijn al 3 kernwoorden gekozen. Zet er eerst één uit.",
    }
    assert keep(words[2], False)["ok"]
    assert keep(words[3])["ok"]
    settings = {"activity_id": kern["id"]}
    assert fac.emit("kernwoorden:instellingen", {**settings, "limit": 4, "minutes": 3}, callback=True) == {
        "ok": True,
        "limit": 4,
        "minutes": 3,
    }
    assert keep(words[2])["ok"]
    assert extra_of(phone, "kernwoorden")["limit"] == 4
    bad = fac.emit("kernwoorden:instellingen", {**settings, "limit": 0}, callback=True)
    assert bad["ok"] is False and "1 tot 10" in bad["error"]
    refused = phone.emit(
        "kernwoorden:houden", {"activity_id": kern["id"], "note_id": words[0]["id"], "kept": False}, callback=True
    )
    assert refused["ok"] is False
    assert keep({"id": 999}) == {"ok": False, "error": "Deze post-it bestaat niet (meer)."}


# --- processen-en-acties -------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """The server's clock for the rotation, moved by hand (no sleeping)."""
    now = {"ms": 1_700_000_000_000}
    monkeypatch.setattr(pa, "now_ms", lambda: now["ms"])
    return now


def setup_rotation(make_session, sock, people: int, titles: list[str]):
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    act = activity_of(ack, "processen-en-acties")
    goals = goals_of(fac, *titles)
    phones = [sock(session, name=f"P{i}")[0] for i in range(people)]
    return session, fac, act, goals, phones


def mine(phone, act) -> dict[str, Any]:
    answer = phone.emit("processen-en-acties:mine", {"activity_id": act["id"]}, callback=True)
    assert answer["ok"], answer
    return answer


def test_rotation_moves_every_phone_and_refuses_posts_elsewhere(make_session, sock, clock) -> None:
    titles = ["Meer regie patiënt", "Meer tijd voor de patiënt", "Lerende organisatie", "Werkplezier"]
    _session, fac, act, goals, phones = setup_rotation(make_session, sock, 3, titles)
    assert mine(phones[0], act) == {"ok": True, "started": False, "goal": None, "keywords": []}
    started = fac.emit("processen-en-acties:start", {"activity_id": act["id"]}, callback=True)
    assert started["rotation"]["planned"] == 4 and started["rotation"]["round"] == 0
    starts = [mine(p, act)["goal"]["id"] for p in phones]
    assert starts == [g["id"] for g in goals[:3]]  # spread evenly, in join order
    # A post for a goal that is not yours now is refused, naming where you are.
    wrong = note(phones[0], act, "Dossierinzage", data={"goal_id": goals[1]["id"]})
    assert wrong == {"ok": False, "error": "Je staat nu bij ‘Meer regie patiënt’. Plak je post-it daar."}
    ok = note(phones[0], act, "Dossierinzage")
    assert ok["ok"] and ok["note"]["data"] == {"goal_id": goals[0]["id"]}
    visits: list[list[int]] = [[s] for s in starts]
    for round_no in range(1, 4):
        answer = fac.emit("processen-en-acties:ronde", {"activity_id": act["id"]}, callback=True)
        assert answer["rotation"]["round"] == round_no
        for i, phone in enumerate(phones):
            here = mine(phone, act)
            assert here["round"] == round_no
            visits[i].append(here["goal"]["id"])
            assert note(phone, act, f"Actie {i}.{round_no}", data={"goal_id": here["goal"]["id"]})["ok"]
    for seen in visits:
        assert sorted(seen) == sorted(g["id"] for g in goals)
    extra = extra_of(fac, "processen-en-acties")
    assert sum(extra["rotation"]["here"].values()) == 3
    text = json.dumps(extra)
    assert "P0" not in text and "participant" not in text


def test_rotation_with_more_goals_than_participants(make_session, sock, clock) -> None:
    titles = [f"Doel {i}" for i in range(5)]
    _session, fac, act, goals, phones = setup_rotation(make_session, sock, 2, titles)
    fac.emit("processen-en-acties:start", {"activity_id": act["id"]}, callback=True)
    seen: list[set[int]] = [set(), set()]
    for round_no in range(5):
        if round_no:
            fac.emit("processen-en-acties:ronde", {"activity_id": act["id"]}, callback=True)
        now = [mine(p, act)["goal"]["id"] for p in phones]
        assert now[0] != now[1]
        for i, goal_id in enumerate(now):
            seen[i].add(goal_id)
    assert seen == [{g["id"] for g in goals}] * 2


def test_rotation_with_more_participants_than_goals(make_session, sock, clock) -> None:
    _session, fac, act, goals, phones = setup_rotation(make_session, sock, 5, ["Eén", "Twee"])
    fac.emit("processen-en-acties:start", {"activity_id": act["id"], "seconds": 60}, callback=True)
    first = [mine(p, act)["goal"]["id"] for p in phones]
    assert first.count(goals[0]["id"]) == 3 and first.count(goals[1]["id"]) == 2
    assert extra_of(fac, "processen-en-acties")["rotation"]["here"] == {
        str(goals[0]["id"]): 3,
        str(goals[1]["id"]): 2,
    }
    clock["ms"] += 60_000  # automatic advance: the round follows from time, nothing ticks
    second = [mine(p, act)["goal"]["id"] for p in phones]
    assert all(a != b for a, b in zip(first, second, strict=True))
    assert mine(phones[0], act)["round_ends_at"] is None  # the last planned round
    clock["ms"] += 10 * 60_000
    assert [mine(p, act)["goal"]["id"] for p in phones] == second  # no wrap-around


def test_late_joiner_gets_the_least_occupied_goal_and_rotates(make_session, sock, clock) -> None:
    session, fac, act, goals, _phones = setup_rotation(make_session, sock, 3, ["A", "B", "C", "D"])
    fac.emit("processen-en-acties:start", {"activity_id": act["id"], "auto": False}, callback=True)
    fac.emit("processen-en-acties:ronde", {"activity_id": act["id"]}, callback=True)
    # Round 1: the three stand at B, C, D; A is empty.
    late, _ = sock(session, name="Laat")
    here = mine(late, act)
    assert here["goal"]["id"] == goals[0]["id"] and here["round"] == 1
    assert extra_of(fac, "processen-en-acties")["rotation"]["here"] == {str(g["id"]): 1 for g in goals}
    fac.emit("processen-en-acties:ronde", {"activity_id": act["id"]}, callback=True)
    assert mine(late, act)["goal"]["id"] == goals[1]["id"]
    # A late joiner's first post also works without asking first.
    later, _ = sock(session, name="Later")
    answer = note(later, act, "Iets")
    assert answer["ok"] and answer["note"]["data"]["goal_id"] in {g["id"] for g in goals}


def test_keyword_under_a_goal_must_be_a_kept_keyword_of_that_goal(make_session, sock, clock) -> None:
    session, fac, act, goals, phones = setup_rotation(make_session, sock, 1, ["Balans technologie", "Werkplezier"])
    _, ack = sock(session, role="facilitator")
    kern = activity_of(ack, "kernwoorden")
    regie = note(fac, kern, "Eigen regie", data={"goal_id": goals[0]["id"]})["note"]
    loose = note(fac, kern, "Los woord", data={"goal_id": goals[0]["id"]})["note"]
    plezier = note(fac, kern, "Plezier", data={"goal_id": goals[1]["id"]})["note"]
    for kept in (regie, plezier):
        fac.emit("kernwoorden:houden", {"activity_id": kern["id"], "note_id": kept["id"], "kept": True}, callback=True)
    fac.emit("processen-en-acties:start", {"activity_id": act["id"]}, callback=True)
    phone = phones[0]
    assert mine(phone, act)["keywords"] == [{"id": regie["id"], "text": "Eigen regie"}]
    for keyword in (loose, plezier, {"id": "x"}):
        answer = note(phone, act, "Dossierinzage", data={"keyword_id": keyword["id"]})
        assert answer == {"ok": False, "error": "Dit kernwoord hoort niet bij deze doelstelling."}
    ok = note(phone, act, "Dossierinzage", data={"keyword_id": regie["id"]})
    assert ok["note"]["data"] == {"goal_id": goals[0]["id"], "keyword_id": regie["id"]}
    extra = extra_of(fac, "processen-en-acties")
    assert extra["keywords"][str(goals[0]["id"])] == [{"id": regie["id"], "text": "Eigen regie"}]


def test_rotation_bad_requests(make_session, sock, clock) -> None:
    session = make_session(agenda=VISION)
    fac, ack = sock(session, role="facilitator")
    act = activity_of(ack, "processen-en-acties")
    ev = {"activity_id": act["id"]}
    assert fac.emit("processen-en-acties:start", ev, callback=True) == {
        "ok": False,
        "error": "Er zijn nog geen doelstellingen om langs te gaan.",
    }
    assert fac.emit("processen-en-acties:ronde", ev, callback=True) == {"ok": False, "error": "Start eerst de rotatie."}
    goals_of(fac, "Eén")
    bad = fac.emit("processen-en-acties:start", {**ev, "seconds": 5}, callback=True)
    assert bad == {"ok": False, "error": "Een ronde duurt tussen 30 seconden en 30 minuten."}
    phone, _ = sock(session)
    assert phone.emit("processen-en-acties:start", ev, callback=True)["ok"] is False
    # Before the rotation, a note needs a goal of this session.
    assert note(phone, act, "x")["error"] == "Kies eerst bij welke doelstelling je post-it hoort."
    unknown = note(phone, act, "x", data={"goal_id": 999})
    assert unknown["error"] == "Deze doelstelling bestaat niet in deze bijeenkomst."


# --- the report ----------------------------------------------------------------------


def test_report_has_ambition_goals_keywords_and_one_page_per_goal(client, make_session, sock, clock) -> None:
    session, fac, act, goals, phones = setup_rotation(
        make_session, sock, 2, ["Meer regie patiënt", "Werkplezier", "Lerende organisatie"]
    )
    _, ack = sock(session, role="facilitator")
    kern = activity_of(ack, "kernwoorden")
    fac.emit("ambition:set", {"text": "Optimaliseren huidige processen met behulp van digitalisering"}, callback=True)
    regie = note(fac, kern, "Eigen regie", data={"goal_id": goals[0]["id"]})["note"]
    fac.emit("kernwoorden:houden", {"activity_id": kern["id"], "note_id": regie["id"], "kept": True}, callback=True)
    note(fac, kern, "Zelfstandig", data={"goal_id": goals[0]["id"]})
    fac.emit("processen-en-acties:start", {"activity_id": act["id"]}, callback=True)
    assert note(phones[0], act, "Dossierinzage <b>", data={"keyword_id": regie["id"]})["ok"]
    assert note(phones[1], act, "Samen lunchen")["ok"]  # goal 2, no keyword
    pages = pdf_pages(client, session)
    full = "\n".join(pages)
    assert "Optimaliseren huidige processen met behulp van digitalisering" in full
    assert "1. Meer regie patiënt" in full and "3. Lerende organisatie" in full
    assert "Kernwoorden: Eigen regie" in full and "Andere voorstellen: Zelfstandig" in full
    for number, goal in enumerate(goals, start=1):
        heading = f"Doelstelling {number}: {goal['title']}"
        on = [p for p in pages if heading in p]
        assert len(on) == 1, heading
        # The page is this goal's flip-over alone: no other goal, nor the sections before.
        assert not any(g["title"] in on[0] for g in goals if g is not goal), heading
        assert "Andere voorstellen" not in on[0]
    page_one = next(p for p in pages if "Doelstelling 1: Meer regie patiënt" in p)
    assert "Kernwoord: Eigen regie" in page_one and "Dossierinzage <b>" in page_one
    page_two = next(p for p in pages if "Doelstelling 2: Werkplezier" in p)
    assert "Overig" in page_two and "Samen lunchen" in page_two and "Dossierinzage" not in page_two


def test_a_late_joiner_costs_the_other_phones_nothing(make_session, sock, clock) -> None:
    """A late joiner's start slot changes the board's counts per goal, not what a phone
    shows (it works out the round itself): the other phones receive no update. A round
    switch does reach them."""
    session, fac, act, _goals, phones = setup_rotation(make_session, sock, 2, ["Regie", "Tijd", "Plezier"])
    assert fac.emit("activity:goto", {"activity_id": act["id"]}, callback=True)["ok"]
    assert fac.emit("processen-en-acties:start", {"activity_id": act["id"]}, callback=True)["ok"]
    for phone in phones:
        mine(phone, act)
    clock["ms"] += 5_000
    board, _ = sock(session, role="board")
    for client in (*phones, board):
        client.get_received()

    late, _ = sock(session, name="Laat")
    assert mine(late, act)["goal"] is not None
    assert "activity:updated" in {m["name"] for m in board.get_received()}, "the board's counts changed"
    for phone in phones:
        assert [m["name"] for m in phone.get_received() if m["name"].startswith("activity:")] == []

    assert fac.emit("processen-en-acties:ronde", {"activity_id": act["id"]}, callback=True)["ok"]
    for phone in phones:
        assert "activity:updated" in {m["name"] for m in phone.get_received()}
