"""Facilitator moderation beyond edit/hide/delete: lock an activity, move a note to another category."""

from __future__ import annotations

from conftest import activity_of, new_client_id, received


def _post(client, activity_id, text="Iets", category=None):
    payload = {"activity_id": activity_id, "client_id": new_client_id(), "text": text}
    if category:
        payload["category"] = category
    return client.emit("note:add", payload, callback=True)


def test_locked_activity_refuses_posts_edits_and_deletes_until_unlocked(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session)
    activity_id = activity_of(ack)["id"]
    note = _post(phone, activity_id, "Voor het slot")["note"]
    phone.get_received()
    assert fac.emit("activity:lock", {"activity_id": activity_id, "locked": True}, callback=True)["ok"]
    (change,) = received(phone, "activity:updated")
    assert change["activity"]["locked"] is True

    refused = _post(phone, activity_id, "Na het slot")
    assert refused["ok"] is False and "slot" in refused["error"]
    assert phone.emit("note:update", {"note_id": note["id"], "text": "anders"}, callback=True)["ok"] is False
    assert phone.emit("note:delete", {"note_id": note["id"]}, callback=True)["ok"] is False
    # The facilitator still moderates a locked activity.
    assert fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)["ok"]

    assert fac.emit("activity:lock", {"activity_id": activity_id, "locked": False}, callback=True)["ok"]
    assert _post(phone, activity_id, "Weer open")["ok"]


def test_only_the_facilitator_locks_and_only_with_a_boolean(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session)
    board, _ = sock(session, role="board")
    activity_id = activity_of(ack)["id"]
    for client in (phone, board):
        assert client.emit("activity:lock", {"activity_id": activity_id, "locked": True}, callback=True)["ok"] is False
    assert fac.emit("activity:lock", {"activity_id": activity_id, "locked": "ja"}, callback=True)["ok"] is False
    _late, late_ack = sock(session)
    assert activity_of(late_ack)["locked"] is False


def test_lock_survives_in_the_snapshot(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator")
    fac.emit("activity:lock", {"activity_id": activity_of(ack)["id"], "locked": True}, callback=True)
    _phone, phone_ack = sock(session)
    assert activity_of(phone_ack)["locked"] is True
