"""The work-format door's mechanics (docs/workforms.md §4), on a small format of the
test's own: every hook does what the docs say (atomic state updates, edit validation,
note lifecycle, routes). What every installed format must hold is in
tests/test_workform_contract.py."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, app_config, new_client_id, received

from app import create_app, socketio_of
from app.registry import discover
from app.workform import Context, HttpContext, NoteChange, ViewContext, Workform, facilitator_event, http_route

# --- the hooks, on a small format of the test's own ------------------------------------------------


class Counter(Workform):
    """Counts taps in its state; remembers edits and note changes; serves one route."""

    slug = "teller"
    title = {"nl": "Teller", "en": "Counter"}

    def validate_edit(self, text: str, note: dict[str, Any], ctx: Context) -> str | None:
        return "Geen 'nee' erin." if "nee" in text else None

    def note_changed(self, note: dict[str, Any], change: NoteChange, ctx: Context) -> None:
        ctx.update_state(lambda state: {**state, "changes": [*state.get("changes", []), [note["id"], change]]})

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = activity.get("state") or {}
        return {"taps": state.get("taps", 0), "notes": len(view.notes()), "changes": state.get("changes", [])}

    @facilitator_event("tap")
    def tap(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            if payload.get("refuse"):
                ctx.refuse("Nee.")
            return None if payload.get("skip") else {**state, "taps": state.get("taps", 0) + 1}

        return {"ok": True, "state": ctx.update_state(change)}

    @http_route("teller")
    def taps(self, ctx: HttpContext) -> Any:
        return {"code": ctx.code}

    @http_route("teller", methods=("POST",), facilitator=True)
    def reset(self, ctx: HttpContext) -> Any:
        ctx.refuse("Niet nu.", 409)


@pytest.fixture
def counter_app(tmp_path: Path):
    registry = discover()
    registry.register(Counter, origin="test")
    application = create_app(app_config(tmp_path, REGISTRY=registry))
    yield application
    application.extensions["flipover.store"].close()


@pytest.fixture
def counter_room(counter_app):
    body = {"title": "Deur", "agenda": [{"workform": "teller"}]}
    session = counter_app.test_client().post("/api/sessions", json=body).get_json()
    sio = socketio_of(counter_app)
    fac = sio.test_client(counter_app)
    ack = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    phone = sio.test_client(counter_app)
    phone.emit("join", {"code": session["code"], "name": "Anna"}, callback=True)
    return session, fac, phone, activity_of(ack, "teller")


def test_update_state_stores_skips_and_undoes_a_refusal(counter_room) -> None:
    _session, fac, _phone, counter = counter_room
    tap = lambda **extra: fac.emit("teller:tap", {"activity_id": counter["id"], **extra}, callback=True)  # noqa: E731
    assert tap()["state"]["taps"] == 1
    assert tap(skip=True)["state"]["taps"] == 1  # None stores nothing
    assert tap(refuse=True) == {"ok": False, "error": "Nee."}
    assert tap()["state"]["taps"] == 2


def test_update_state_is_atomic_across_threads(counter_app, counter_room) -> None:
    """Many facilitator tabs tapping at once: no tap is lost (the read-modify-write is one unit)."""
    session, _fac, _phone, counter = counter_room
    sio = socketio_of(counter_app)
    join = {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]}
    tabs = [sio.test_client(counter_app) for _ in range(4)]
    for tab in tabs:
        tab.emit("join", join, callback=True)

    def taps(tab) -> None:
        for _ in range(10):
            assert tab.emit("teller:tap", {"activity_id": counter["id"]}, callback=True)["ok"]

    threads = [threading.Thread(target=taps, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = tabs[0].emit("join", join, callback=True)["state"]
    assert activity_of({"state": state}, "teller")["extra"]["taps"] == 40


def test_validate_edit_is_the_edit_hook(counter_room) -> None:
    _session, _fac, phone, counter = counter_room
    posted = phone.emit(
        "note:add", {"activity_id": counter["id"], "client_id": new_client_id(), "text": "ja"}, callback=True
    )
    assert posted["ok"], posted
    note_id = posted["note"]["id"]
    assert phone.emit("note:update", {"note_id": note_id, "text": "nee"}, callback=True) == {
        "ok": False,
        "error": "Geen 'nee' erin.",
    }
    assert phone.emit("note:update", {"note_id": note_id, "text": "jawel"}, callback=True)["ok"]


def test_note_changed_hears_every_generic_change(counter_room) -> None:
    _session, fac, phone, counter = counter_room
    note_id = phone.emit(
        "note:add", {"activity_id": counter["id"], "client_id": new_client_id(), "text": "ja"}, callback=True
    )["note"]["id"]
    assert fac.emit("note:update", {"note_id": note_id, "text": "jaja"}, callback=True)["ok"]
    assert fac.emit("note:update", {"note_id": note_id, "hidden": True}, callback=True)["ok"]
    assert fac.emit("note:update", {"note_id": note_id, "hidden": False}, callback=True)["ok"]
    fac.get_received()
    assert fac.emit("note:delete", {"note_id": note_id}, callback=True)["ok"]
    updated = received(fac, "activity:updated")
    assert updated[-1]["activity"]["extra"]["changes"] == [
        [note_id, "edited"],
        [note_id, "hidden"],
        [note_id, "restored"],
        [note_id, "deleted"],
    ]


def test_routes_are_mounted_under_the_session(counter_app, counter_room) -> None:
    session, _fac, _phone, _counter = counter_room
    client = counter_app.test_client()
    assert client.get(f"/api/sessions/{session['code']}/teller").get_json() == {"code": session["code"]}
    assert client.get("/api/sessions/ZZZZZZ/teller").status_code == 404
    assert client.post(f"/api/sessions/{session['code']}/teller").status_code == 401
    bearer = {"Authorization": f"Bearer {session['facilitator_token']}"}
    answer = client.post(f"/api/sessions/{session['code']}/teller", headers=bearer)
    assert answer.status_code == 409 and answer.get_json() == {"error": "Niet nu."}


def test_two_formats_claiming_one_route_stop_start_up(tmp_path: Path) -> None:
    class Other(Counter):
        slug = "andere-teller"

    registry = discover()
    registry.register(Counter, origin="test")
    registry.register(Other, origin="test")
    with pytest.raises(RuntimeError, match="both claim"):
        create_app(app_config(tmp_path, REGISTRY=registry))


def test_report_last_is_part_of_the_contract() -> None:
    assert Workform.report_last is False
    assert discover().get("actieplan").report_last is True
