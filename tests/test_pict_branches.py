"""processen-en-ict: numbered alternatives in a step and systems marked uncertain
("Mijn MGM?"), over Socket.IO, in the presets, the desired copy and the PDF."""

from __future__ import annotations

import io
from typing import Any

import pytest
from conftest import activity_of
from pypdf import PdfReader

from app.sessions import set_activity_state

PI = "processen-en-ict"


@pytest.fixture
def process_session(make_session, sock):
    session = make_session(agenda=[PI])
    fac, ack = sock(session, role="facilitator")
    return session, fac, activity_of(ack, PI)


def _add_step(fac, pi, name: str) -> str:
    answer = fac.emit(f"{PI}:step-add", {"activity_id": pi["id"], "name": name}, callback=True)
    assert answer["ok"], answer
    return answer["step"]["id"]


def _update(fac, pi, step_id: str, **fields: Any) -> dict[str, Any]:
    return fac.emit(f"{PI}:step-update", {"activity_id": pi["id"], "step_id": step_id, **fields}, callback=True)


def _extra(fac, session) -> dict[str, Any]:
    view = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    return activity_of(view, PI)["extra"]


def _step(extra: dict[str, Any], step_id: str, view: str = "huidig") -> dict[str, Any]:
    return next(s for s in extra["views"][view]["steps"] if s["id"] == step_id)


def test_alternatives_and_uncertain_systems_are_stored_and_shown_to_everyone(process_session, sock) -> None:
    session, fac, pi = process_session
    step = _add_step(fac, pi, "Uitkomst triage")
    assert _step(_extra(fac, session), step) == {
        "id": step,
        "name": "Uitkomst triage",
        "roles": [],
        "systems": [],
        "digital": False,
        "alternatives": [],
        "uncertain_systems": [],
    }
    answer = _update(
        fac,
        pi,
        step,
        alternatives=["  Afspraak   voorstellen ", "Zelfzorgadvies", "Opstarten e-consult"],
        systems=["Medicom", "Mijn MGM"],
        uncertain_systems=["Mijn MGM", "Mijn MGM"],
    )
    assert answer == {"ok": True}
    _board, joined = sock(session, role="board")
    stored = _step(activity_of(joined, PI)["extra"], step)
    assert stored["alternatives"] == ["Afspraak voorstellen", "Zelfzorgadvies", "Opstarten e-consult"]
    assert stored["systems"] == ["Medicom", "Mijn MGM"] and stored["uncertain_systems"] == ["Mijn MGM"]
    # Clearing works; dropping a system also drops its uncertainty (never a dangling name).
    assert _update(fac, pi, step, alternatives=[])["ok"]
    assert _update(fac, pi, step, systems=["Medicom"])["ok"]
    stored = _step(_extra(fac, session), step)
    assert stored["alternatives"] == [] and stored["uncertain_systems"] == []


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"alternatives": "Afspraak; Zelfzorg"}, "Alternatieven: geef een lijst met teksten."),
        ({"alternatives": {"1": "Afspraak"}}, "Alternatieven: geef een lijst met teksten."),
        ({"alternatives": ["a", "b", "c", "d", "e"]}, "Een stap heeft maximaal 4 alternatieven."),
        ({"alternatives": ["Afspraak", "   "]}, "Een alternatief mag niet leeg zijn."),
        ({"alternatives": ["x" * 121]}, "Een alternatief is maximaal 120 tekens."),
        (
            {"alternatives": ["Zelfzorgadvies", "zelfzorgADVIES "]},
            "Het alternatief 'zelfzorgADVIES' staat er dubbel in.",
        ),
        ({"alternatives": ["Afspraak", 3]}, "Een alternatief moet tekst zijn."),
        ({"alternatives": [None]}, "Een alternatief moet tekst zijn."),
        ({"uncertain_systems": "Medicom"}, "Onzekere systemen: geef een lijst met namen van systemen van deze stap."),
        ({"uncertain_systems": [1]}, "Onzekere systemen: geef een lijst met namen van systemen van deze stap."),
        ({"uncertain_systems": ["Mijn MGM"]}, "'Mijn MGM' is geen systeem van deze stap."),
        # Checked against the systems of the same update: the new list no longer has HIS.
        ({"systems": ["Medicom"], "uncertain_systems": ["HIS"]}, "'HIS' is geen systeem van deze stap."),
    ],
)
def test_bad_alternatives_and_uncertain_systems_are_refused_and_nothing_stored(process_session, fields, error) -> None:
    session, fac, pi = process_session
    step = _add_step(fac, pi, "Uitkomst triage")
    assert _update(fac, pi, step, alternatives=["Afspraak voorstellen"], systems=["Medicom", "HIS"])["ok"]
    before = _step(_extra(fac, session), step)
    # A valid name in the same payload is not stored either: the whole update is refused.
    assert _update(fac, pi, step, name="Anders", **fields) == {"ok": False, "error": error}
    assert _step(_extra(fac, session), step) == before


def test_participants_cannot_set_alternatives(process_session, sock) -> None:
    session, fac, pi = process_session
    step = _add_step(fac, pi, "Uitkomst triage")
    phone, _ = sock(session, name="Anna")
    answer = _update(phone, pi, step, alternatives=["Stiekem"])
    assert answer["ok"] is False and "begeleider" in answer["error"]
    assert _step(_extra(fac, session), step)["alternatives"] == []


def test_an_old_shaped_state_loads_with_empty_alternatives(app, process_session, sock) -> None:
    session, fac, pi = process_session
    old_step = {"id": "s1", "name": "Lab aanvragen", "roles": ["HA"], "systems": ["Mijn MGM"], "digital": True}
    old = {
        "views": {"huidig": {"name": "Lab", "start": "", "end": "", "steps": [{**old_step, "possibilities": []}]}},
        "active": "huidig",
        "linkage": {},
        "next_id": 2,
    }
    set_activity_state(app.extensions["flipover.store"], pi["id"], old)
    extra = _extra(fac, session)
    assert extra["views"]["gewenst"] is None
    assert extra["views"]["huidig"]["steps"] == [
        {**old_step, "possibilities": [], "alternatives": [], "uncertain_systems": []}
    ]
    # And it can be edited as any other step.
    assert _update(fac, pi, "s1", uncertain_systems=["Mijn MGM"], alternatives=["HA vraagt aan"])["ok"]
    assert _step(_extra(fac, session), "s1")["uncertain_systems"] == ["Mijn MGM"]


def test_the_desired_copy_keeps_alternatives_and_uncertainty(process_session) -> None:
    session, fac, pi = process_session
    step = _add_step(fac, pi, "Lab aanvragen")
    assert _update(
        fac,
        pi,
        step,
        alternatives=["HA vraagt aan", "POH vraagt aan"],
        systems=["Mijn MGM"],
        uncertain_systems=["Mijn MGM"],
    )["ok"]
    assert fac.emit(f"{PI}:desired", {"activity_id": pi["id"]}, callback=True)["ok"]
    copied = _extra(fac, session)["views"]["gewenst"]["steps"][0]
    assert copied["copied_from"] == step and copied["id"] != step
    assert copied["alternatives"] == ["HA vraagt aan", "POH vraagt aan"]
    assert copied["uncertain_systems"] == ["Mijn MGM"]
    # Edited separately: the copy's alternatives change, the current process keeps its own.
    answer = fac.emit(
        f"{PI}:step-update",
        {"activity_id": pi["id"], "view": "gewenst", "step_id": copied["id"], "alternatives": ["Patiënt vraagt aan"]},
        callback=True,
    )
    assert answer["ok"]
    extra = _extra(fac, session)
    assert _step(extra, step)["alternatives"] == ["HA vraagt aan", "POH vraagt aan"]
    assert _step(extra, copied["id"], "gewenst")["alternatives"] == ["Patiënt vraagt aan"]


def test_presets_follow_the_handbook_branches(process_session) -> None:
    session, fac, pi = process_session
    assert fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "triage"}, callback=True)["ok"]
    steps = _extra(fac, session)["views"]["gewenst"]["steps"]
    names = [s["name"] for s in steps]
    # The outcomes after "Uitvoeren triage" are one column of alternatives, not a slash or a separate step.
    after = steps[names.index("Uitvoeren triage") + 1]
    assert after["alternatives"] == ["Afspraak voorstellen", "Zelfzorgadvies", "Opstarten e-consult"]
    assert not any("zelfzorgadvies" in n.lower() or "e-consult" in n.lower() for n in names)
    labs = {"activity_id": pi["id"], "preset": "labuitslagen", "confirm": True}
    assert fac.emit(f"{PI}:preset", labs, callback=True)["ok"]
    views = _extra(fac, session)["views"]
    steps = views["huidig"]["steps"]
    assert steps[0]["alternatives"] == [
        "HA of assistent vraagt lab aan",
        "POH vraagt lab aan",
        "Patiënt vraagt lab aan (chronische zorg)",
    ]
    # "Mijn MGM" under "HA leest labuitslag…" (H:L2511), "Mijn MGM?" at the closing boxes (H:L2582).
    assert [s["uncertain_systems"] for s in steps if "Mijn MGM" in s["systems"]] == [[], ["Mijn MGM"]]
    for step in steps + views["gewenst"]["steps"]:
        assert set(step["uncertain_systems"]) <= set(step["systems"])
        assert not any(name.endswith("?") for name in step["systems"])


def test_the_report_numbers_alternatives_and_marks_uncertain_systems(client, process_session) -> None:
    session, fac, pi = process_session
    step = _add_step(fac, pi, "Uitkomst triage")
    assert _update(
        fac,
        pi,
        step,
        alternatives=["Afspraak voorstellen", "Zelfzorgadvies <b>"],
        systems=["Medicom", "Mijn MGM"],
        uncertain_systems=["Mijn MGM"],
    )["ok"]
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert pdf.status_code == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    for expected in ("1. Afspraak voorstellen", "2. Zelfzorgadvies <b>", "Mijn MGM? (onzeker)"):
        assert expected in text, expected
    assert "Medicom? " not in text
