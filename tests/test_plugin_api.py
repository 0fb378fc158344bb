"""The plugin API beyond notes: per-activity state (activity.extra), per-participant
entries, validate() with its context, note commands, and session goals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, app_config, new_client_id, received

from app import create_app, socketio_of
from app.registry import discover
from app.workform import NoteCommand, Workform, facilitator_event, participant_event


class Tally(Workform):
    """A tiny work format: participants score 1-3 per note, the facilitator sets a round."""

    slug = "tally"
    title = {"nl": "Telling", "en": "Tally"}
    note_commands = (NoteCommand("copy", "→ Telling"),)

    def validate(self, text: str, category: str | None, data: object, ctx: Any = None):
        if isinstance(data, dict) and data.get("goal_id") is not None:
            if not any(g["id"] == data["goal_id"] for g in ctx.goals()):
                return "Deze doelstelling bestaat niet in deze bijeenkomst.", {}
            return None, {"goal_id": data["goal_id"]}
        return None, {}

    def extra_view(self, activity: dict[str, Any], store: Any) -> dict[str, Any]:
        return {"round": activity["state"].get("round", 0)}

    @facilitator_event("round")
    def set_round(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        ctx.set_state({**ctx.state(), "round": payload.get("round")})
        return {"ok": True}

    @participant_event("score")
    def score(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        note = ctx.note(payload.get("note_id"))
        if payload.get("score") not in (1, 2, 3):
            ctx.refuse("Kies 1, 2 of 3.")
        ctx.put_entry(f"score:{note['id']}", payload["score"])
        return {"ok": True, "mine": ctx.entries(mine=True)}

    @facilitator_event("copy")
    def copy(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        source = ctx.session_note(payload.get("note_id"))
        note = ctx.add_note(source["text"], data={"from": source["id"]}, client_id=f"copy-{source['id']}")
        return {"ok": True, "note": note}


@pytest.fixture
def tally_app(tmp_path: Path):
    registry = discover()
    registry.register(Tally, origin="test")
    application = create_app(app_config(tmp_path, REGISTRY=registry))
    yield application
    application.extensions["flipover.store"].close()


def _open(application, session, **join):
    c = socketio_of(application).test_client(application)
    payload = {"code": session["code"], **join}
    if join.get("role") == "facilitator":
        payload["facilitator_token"] = session["facilitator_token"]
    return c, c.emit("join", payload, callback=True)


def _session(application) -> dict[str, Any]:
    body = {"title": "Plugin", "agenda": [{"workform": "trots"}, {"workform": "tally"}]}
    return application.test_client().post("/api/sessions", json=body).get_json()


def test_state_reaches_everyone_as_extra(tally_app) -> None:
    session = _session(tally_app)
    fac, ack = _open(tally_app, session, role="facilitator")
    board, _ = _open(tally_app, session, role="board")
    tally = activity_of(ack, "tally")
    assert tally["extra"] == {"round": 0}
    assert ack["state"]["workforms"]["tally"]["note_commands"] == [{"event": "copy", "label": "→ Telling"}]
    board.get_received()
    assert fac.emit("tally:round", {"activity_id": tally["id"], "round": 2}, callback=True) == {"ok": True}
    (updated,) = received(board, "activity:updated")
    assert updated["activity"]["id"] == tally["id"] and updated["activity"]["extra"] == {"round": 2}
    # Stored, not kept in memory: a new join sees it.
    _, again = _open(tally_app, session, role="board")
    assert activity_of(again, "tally")["extra"] == {"round": 2}


def test_participant_round_event_is_refused(tally_app) -> None:
    session = _session(tally_app)
    phone, ack = _open(tally_app, session, role="participant")
    tally = activity_of(ack, "tally")
    answer = phone.emit("tally:round", {"activity_id": tally["id"], "round": 9}, callback=True)
    assert answer["ok"] is False and "begeleider" in answer["error"]


def test_entries_replace_not_add(tally_app) -> None:
    session = _session(tally_app)
    fac, ack = _open(tally_app, session, role="facilitator")
    tally = activity_of(ack, "tally")
    note = fac.emit(
        "note:add", {"activity_id": tally["id"], "client_id": new_client_id(), "text": "Idee"}, callback=True
    )
    phone, _ = _open(tally_app, session, role="participant", name="Anna")
    event = {"activity_id": tally["id"], "note_id": note["note"]["id"]}
    phone.emit("tally:score", {**event, "score": 1}, callback=True)
    answer = phone.emit("tally:score", {**event, "score": 3}, callback=True)
    assert answer["ok"] is True
    assert [e["value"] for e in answer["mine"]] == [3]
    bad = phone.emit("tally:score", {**event, "score": 7}, callback=True)
    assert bad == {"ok": False, "error": "Kies 1, 2 of 3."}


def test_note_command_copies_a_note_from_another_activity_once(tally_app) -> None:
    session = _session(tally_app)
    fac, ack = _open(tally_app, session, role="facilitator")
    trots, tally = activity_of(ack, "trots"), activity_of(ack, "tally")
    phone, _ = _open(tally_app, session, role="participant", name="Bo")
    source = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Samen"}, callback=True
    )
    for _ in range(2):  # a double click stores one copy
        copied = fac.emit("tally:copy", {"activity_id": tally["id"], "note_id": source["note"]["id"]}, callback=True)
        assert copied["ok"] is True
    listed = fac.emit("notes:list", {"activity_id": tally["id"]}, callback=True)
    assert [n["text"] for n in listed["notes"]] == ["Samen"]
    assert listed["notes"][0]["data"] == {"from": source["note"]["id"]}
    # A note of another session is not reachable.
    other = _session(tally_app)
    ofac, oack = _open(tally_app, other, role="facilitator")
    own_tally = activity_of(oack, "tally")["id"]
    foreign = ofac.emit("tally:copy", {"activity_id": own_tally, "note_id": source["note"]["id"]}, callback=True)
    assert foreign == {"ok": False, "error": "Deze post-it bestaat niet (meer)."}


def test_validate_gets_the_session_context(tally_app) -> None:
    session = _session(tally_app)
    fac, ack = _open(tally_app, session, role="facilitator")
    tally = activity_of(ack, "tally")
    goal = fac.emit("goal:add", {"title": "Meer tijd voor de patiënt"}, callback=True)["goal"]
    phone, _ = _open(tally_app, session, role="participant")
    post = {"activity_id": tally["id"], "text": "x"}
    ok = phone.emit("note:add", {**post, "client_id": new_client_id(), "data": {"goal_id": goal["id"]}}, callback=True)
    assert ok["ok"] is True and ok["note"]["data"] == {"goal_id": goal["id"]}
    other = _session(tally_app)
    ofac, _ = _open(tally_app, other, role="facilitator")
    foreign_goal = ofac.emit("goal:add", {"title": "Elders"}, callback=True)["goal"]
    bad = phone.emit(
        "note:add", {**post, "client_id": new_client_id(), "data": {"goal_id": foreign_goal["id"]}}, callback=True
    )
    assert bad == {"ok": False, "error": "Deze doelstelling bestaat niet in deze bijeenkomst."}


def test_goals_are_facilitator_only_ordered_and_broadcast(app, make_session, sock) -> None:
    session = make_session(template="kick-off")
    fac, _ = sock(session, role="facilitator")
    phone, ack = sock(session, role="participant")
    assert ack["state"]["goals"] == [] and ack["state"]["ambition"] == ""
    refused = phone.emit("goal:add", {"title": "Stiekem"}, callback=True)
    assert refused["ok"] is False
    ids = [fac.emit("goal:add", {"title": t}, callback=True)["goal"]["id"] for t in ("Eén", "Twee", "Drie")]
    assert fac.emit("goal:update", {"goal_id": ids[2], "position": 0}, callback=True)["ok"]
    assert (
        fac.emit("goal:update", {"goal_id": ids[1], "title": "  Twee  nieuw "}, callback=True)["goal"]["title"]
        == "Twee nieuw"
    )
    assert fac.emit("ambition:set", {"text": "Samen zorg die werkt"}, callback=True)["ok"]
    last = received(phone, "goals:changed")[-1]
    assert [g["title"] for g in last["goals"]] == ["Drie", "Eén", "Twee nieuw"]
    assert last["ambition"] == "Samen zorg die werkt"
    assert fac.emit("goal:delete", {"goal_id": ids[0]}, callback=True)["ok"]
    assert [(g["title"], g["position"]) for g in received(phone, "goals:changed")[-1]["goals"]] == [
        ("Drie", 0),
        ("Twee nieuw", 1),
    ]


@pytest.mark.parametrize(
    ("event", "payload", "error"),
    [
        ("goal:add", {"title": "   "}, "Een doelstelling heeft een tekst nodig."),
        ("goal:add", {"title": 12}, "Een doelstelling heeft een tekst nodig."),
        ("goal:add", {"title": "x" * 201}, "Een doelstelling is maximaal 200 tekens."),
        ("goal:update", {"goal_id": 999, "title": "Nee"}, "Deze doelstelling bestaat niet (meer) in deze bijeenkomst."),
        ("goal:delete", {"goal_id": "1"}, "Deze doelstelling bestaat niet (meer) in deze bijeenkomst."),
        ("ambition:set", {"text": ["x"]}, "De ambitie moet tekst zijn."),
    ],
)
def test_bad_goal_requests(make_session, sock, event, payload, error) -> None:
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    assert fac.emit(event, payload, callback=True) == {"ok": False, "error": error}


def test_goal_limit_and_delete_session_removes_goals(app, client, make_session, sock) -> None:
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    for i in range(12):
        assert fac.emit("goal:add", {"title": f"Doel {i}"}, callback=True)["ok"]
    assert (
        fac.emit("goal:add", {"title": "Te veel"}, callback=True)["error"]
        == "Maximaal 12 doelstellingen per bijeenkomst."
    )
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    assert client.delete(f"/api/sessions/{session['code']}", headers=auth).status_code in (200, 204)
    with app.extensions["flipover.store"].reading() as db:
        assert db["goals"].count == 0
        assert db["entries"].count == 0
