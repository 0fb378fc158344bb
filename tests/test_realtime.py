"""Socket.IO: joining, posting, editing, moderating and steering a session live."""

import pytest
from conftest import activity_of, new_client_id, open_up, received
from drivers import try_note


def post(phone, activity, text="Onze triage", **extra):
    return try_note(phone, activity, text, **extra)


def refused(ack):
    return ack["ok"] is False and isinstance(ack.get("error"), str) and ack["error"].strip() != ""


def drain(*clients):
    for c in clients:
        c.get_received()


def stored_notes(app, code):
    with app.extensions["flipover.store"].reading() as db:
        return list(db["notes"].rows_where("session_code = ?", [code], order_by="id"))


def session_row(app, code):
    with app.extensions["flipover.store"].reading() as db:
        return db["sessions"].get(code)


def activity_row(app, activity_id):
    with app.extensions["flipover.store"].reading() as db:
        return db["activities"].get(activity_id)


@pytest.fixture
def room(make_session, sock):
    """A kick-off session with a board, a facilitator and two phones, all joined."""
    session = make_session(template="kick-off")
    board, board_ack = sock(session, role="board")
    fac, fac_ack = sock(session, role="facilitator")
    anna, anna_ack = sock(session, name="Anna")
    bram, bram_ack = sock(session, name="Bram")
    for ack in (board_ack, fac_ack, anna_ack, bram_ack):
        assert ack["ok"], ack
    open_up(fac, activity_of(anna_ack, "trots"))
    drain(board, fac, anna, bram)

    class Room:
        pass

    r = Room()
    r.session, r.code = session, session["code"]
    r.board, r.fac, r.anna, r.bram = board, fac, anna, bram
    r.anna_ack, r.bram_ack = anna_ack, bram_ack
    r.trots = {**activity_of(anna_ack, "trots"), "phase": "plakken", "anonymous": True}
    r.toelichting = activity_of(anna_ack, "toelichting")
    return r


# --- joining ------------------------------------------------------------------------


def test_participant_join_gives_token_identity_and_state(make_session, sock):
    session = make_session(title="Kick-off De Linde")
    _, ack = sock(session, name="Anna")
    assert ack["ok"] is True
    assert ack["token"]
    assert ack["me"]["name"] == "Anna"
    assert isinstance(ack["me"]["id"], int)
    state = ack["state"]
    assert state["title"] == "Kick-off De Linde"
    assert state["code"] == session["code"]
    assert [a["workform"] for a in state["activities"]] == ["trots"]
    assert state["participants"] == 1


@pytest.mark.parametrize("role", ["board", "facilitator"])
def test_board_and_facilitator_can_join(make_session, sock, role):
    session = make_session()
    _, ack = sock(session, role=role)
    assert ack["ok"] is True
    assert "token" not in ack
    assert ack["state"]["code"] == session["code"]


@pytest.mark.parametrize("token", ["wrong", "", None, 42])
def test_facilitator_with_bad_token_is_refused(make_session, sock, token):
    session = make_session()
    _, ack = sock(session, role="facilitator", facilitator_token=token)
    assert refused(ack)
    assert "state" not in ack


def test_facilitator_token_of_another_session_is_refused(make_session, sock):
    one, two = make_session(), make_session()
    _, ack = sock(one, role="facilitator", facilitator_token=two["facilitator_token"])
    assert refused(ack)


def test_refused_facilitator_gets_no_facilitator_broadcasts(make_session, sock):
    session = make_session()
    intruder, ack = sock(session, role="facilitator", facilitator_token="wrong")
    assert refused(ack)
    phone, phone_ack = sock(session, name="Anna")
    post(phone, activity_of(phone_ack), "geheim")
    assert received(intruder, "note:added") == []
    assert received(intruder, "presence") == []


@pytest.mark.parametrize("code", ["ABC234", "nope", "", None, 123])
def test_unknown_code_is_refused(sock, code):
    client, _ = sock()
    ack = client.emit("join", {"code": code, "role": "participant"}, callback=True)
    assert refused(ack)


def test_refused_second_join_keeps_the_connection_where_it_was(room):
    ack = room.anna.emit("join", {"code": room.code, "role": "facilitator", "facilitator_token": "gok"}, callback=True)
    assert refused(ack)
    # Still Anna's phone: it can post and hears its own note.
    posted = post(room.anna, room.trots, "nog steeds Anna")
    assert posted["ok"] is True
    assert [m["note"]["text"] for m in received(room.anna, "note:added")] == ["nog steeds Anna"]
    # And it did not become a facilitator.
    assert refused(room.anna.emit("activity:goto", {"activity_id": room.trots["id"]}, callback=True))


def test_phone_that_joins_another_session_leaves_the_first(room, make_session, sock):
    other = make_session()
    ack = room.bram.emit("join", {"code": other["code"], "role": "participant"}, callback=True)
    assert ack["ok"] is True
    drain(room.bram)
    room.fac.emit("activity:goto", {"activity_id": room.trots["id"]}, callback=True)
    assert received(room.bram, "activity:changed") == []


def test_unknown_role_is_refused(make_session, sock):
    session = make_session()
    _, ack = sock(session, role="admin")
    assert refused(ack)


def test_join_with_lowercase_code_works(make_session, sock):
    session = make_session()
    client, _ = sock()
    ack = client.emit("join", {"code": session["code"].lower(), "role": "participant"}, callback=True)
    assert ack["ok"] is True
    assert ack["state"]["code"] == session["code"]


def test_rejoin_with_token_keeps_identity_and_count(make_session, sock):
    session = make_session()
    first, ack = sock(session, name="Anna")
    first.disconnect()
    _, again = sock(session, token=ack["token"])
    assert again["ok"] is True
    assert again["me"]["id"] == ack["me"]["id"]
    assert again["me"]["name"] == "Anna"
    assert "token" not in again
    assert again["state"]["participants"] == 1


def test_rejoin_shows_own_earlier_notes(make_session, sock):
    session = make_session()
    phone, ack = sock(session, name="Anna")
    post(phone, activity_of(ack), "van eerder")
    phone.disconnect()
    _, again = sock(session, token=ack["token"])
    assert [n["text"] for n in again["state"]["notes"]] == ["van eerder"]
    assert again["state"]["notes"][0]["mine"] is True


def test_participant_state_holds_only_own_notes(room, sock):
    post(room.anna, room.trots, "van Anna")
    post(room.bram, room.trots, "van Bram")
    _, again = sock(room.session, token=room.anna_ack["token"])
    assert [n["text"] for n in again["state"]["notes"]] == ["van Anna"]
    assert again["state"]["spotlight"] is None


def test_presence_goes_to_board_and_facilitator_on_join(make_session, sock):
    session = make_session()
    board, _ = sock(session, role="board")
    fac, _ = sock(session, role="facilitator")
    drain(board, fac)
    _phone, ack = sock(session, name="Anna")
    assert received(board, "presence") == [{"participants": 1, "online": 1}]
    # Facilitators also learn who joined with which function (issue 21), that one person
    # only (their join state has the list); boards never do.
    anna = {"id": ack["me"]["id"], "name": "Anna", "function": None}
    assert received(fac, "presence") == [{"participants": 1, "online": 1, "participant": anna, "functions": {}}]


def test_presence_on_disconnect_lowers_online_count(make_session, sock):
    session = make_session()
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Anna")
    drain(board)
    phone.disconnect()
    assert received(board, "presence") == [{"participants": 1, "online": 0}]


def test_phones_get_no_presence(room, sock):
    sock(room.session, name="Chris")
    assert received(room.anna, "presence") == []


# --- posting ------------------------------------------------------------------------


def test_note_add_reaches_board_facilitator_and_author_only(app, room):
    ack = post(room.anna, room.trots, "Onze triage")
    assert ack["ok"] is True
    note = ack["note"]
    assert note["text"] == "Onze triage"
    assert note["activity_id"] == room.trots["id"]
    assert note["mine"] is True
    assert note["category"] == "trots"
    for listener in (room.board, room.fac, room.anna):
        got = received(listener, "note:added")
        assert [m["note"]["id"] for m in got] == [note["id"]]
        assert got[0]["note"]["text"] == "Onze triage"
    assert received(room.bram, "note:added") == []
    assert [n["text"] for n in stored_notes(app, room.code)] == ["Onze triage"]


def test_repeated_client_id_is_stored_once_and_broadcast_once(app, room):
    cid = new_client_id()
    first = post(room.anna, room.trots, "Onze triage", client_id=cid)
    drain(room.board, room.fac, room.anna)
    again = post(room.anna, room.trots, "Onze triage", client_id=cid)
    assert again["ok"] is True
    assert again["note"]["id"] == first["note"]["id"]
    assert len(stored_notes(app, room.code)) == 1
    for listener in (room.board, room.fac, room.anna):
        assert received(listener, "note:added") == []


def test_client_id_of_another_participant_is_refused(app, room):
    cid = new_client_id()
    post(room.anna, room.trots, "van Anna", client_id=cid)
    drain(room.board)
    ack = post(room.bram, room.trots, "van Bram", client_id=cid)
    assert refused(ack)
    assert "van Anna" not in str(ack)
    assert [n["text"] for n in stored_notes(app, room.code)] == ["van Anna"]
    assert received(room.board, "note:added") == []


def test_posting_in_discussion_phase_is_refused(app, room):
    assert room.fac.emit("activity:phase", {"activity_id": room.trots["id"], "phase": "bespreken"}, callback=True)["ok"]
    ack = post(room.anna, room.trots, "te laat")
    assert refused(ack)
    assert stored_notes(app, room.code) == []
    assert received(room.board, "note:added") == []


def test_posting_to_an_explanation_slide_is_refused(app, room):
    ack = post(room.anna, room.toelichting, "hier niet")
    assert refused(ack)
    assert stored_notes(app, room.code) == []


def test_posting_to_another_sessions_activity_is_refused(app, room, make_session, sock):
    other = make_session()
    _, other_ack = sock(other, name="Chris")
    ack = post(room.anna, activity_of(other_ack), "verkeerde sessie")
    assert refused(ack)
    assert stored_notes(app, other["code"]) == []


def test_board_cannot_post(app, room):
    assert refused(post(room.board, room.trots, "van het bord"))
    assert stored_notes(app, room.code) == []


def test_retry_after_the_phase_closed_still_gets_the_stored_note(app, room):
    cid = new_client_id()
    first = post(room.anna, room.trots, "net op tijd", client_id=cid)
    room.fac.emit("activity:phase", {"activity_id": room.trots["id"], "phase": "bespreken"}, callback=True)
    retry = post(room.anna, room.trots, "net op tijd", client_id=cid)
    assert retry["ok"] is True
    assert retry["note"]["id"] == first["note"]["id"]
    assert len(stored_notes(app, room.code)) == 1


def test_client_id_reused_in_another_activity_is_refused(app, make_session, sock):
    session = make_session(agenda=["trots", "trots"])
    phone, ack = sock(session, name="Anna")
    first, second = ack["state"]["activities"]
    cid = new_client_id()
    assert post(phone, first, "hier", client_id=cid)["ok"] is True
    assert refused(post(phone, second, "daar", client_id=cid))
    assert [n["activity_id"] for n in stored_notes(app, session["code"])] == [first["id"]]


def test_facilitator_can_post_without_an_author(app, room):
    ack = post(room.fac, room.trots, "van de begeleider")
    assert ack["ok"] is True
    assert ack["note"]["author_id"] is None
    assert [m["note"]["text"] for m in received(room.board, "note:added")] == ["van de begeleider"]
    assert received(room.anna, "note:added") == []
    assert stored_notes(app, room.code)[0]["participant_id"] is None


# --- editing and deleting -------------------------------------------------------------


def test_author_can_edit_own_note(app, room):
    note = post(room.anna, room.trots, "eerst")["note"]
    drain(room.board, room.fac, room.anna)
    ack = room.anna.emit("note:update", {"note_id": note["id"], "text": "daarna"}, callback=True)
    assert ack["ok"] is True
    assert ack["note"]["text"] == "daarna"
    assert [m["note"]["text"] for m in received(room.board, "note:updated")] == ["daarna"]
    assert [m["note"]["text"] for m in received(room.fac, "note:updated")] == ["daarna"]
    assert received(room.bram, "note:updated") == []
    assert stored_notes(app, room.code)[0]["text"] == "daarna"


def test_editing_someone_elses_note_is_refused(app, room):
    note = post(room.anna, room.trots, "van Anna")["note"]
    drain(room.board)
    assert refused(room.bram.emit("note:update", {"note_id": note["id"], "text": "van Bram"}, callback=True))
    assert refused(room.bram.emit("note:delete", {"note_id": note["id"]}, callback=True))
    assert refused(room.board.emit("note:update", {"note_id": note["id"], "text": "bord"}, callback=True))
    assert received(room.board, "note:updated") == []
    assert [n["text"] for n in stored_notes(app, room.code)] == ["van Anna"]


def test_participant_cannot_change_notes_once_posting_closed(app, room):
    note = post(room.anna, room.trots, "eerst")["note"]
    room.fac.emit("activity:phase", {"activity_id": room.trots["id"], "phase": "bespreken"}, callback=True)
    assert refused(room.anna.emit("note:update", {"note_id": note["id"], "text": "later"}, callback=True))
    assert refused(room.anna.emit("note:delete", {"note_id": note["id"]}, callback=True))
    assert [n["text"] for n in stored_notes(app, room.code)] == ["eerst"]


def test_participant_cannot_hide_own_note(app, room):
    note = post(room.anna, room.trots, "van Anna")["note"]
    assert refused(room.anna.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True))
    assert stored_notes(app, room.code)[0]["hidden"] == 0


def test_author_can_delete_own_note(app, room):
    note = post(room.anna, room.trots, "weg ermee")["note"]
    drain(room.board, room.fac, room.anna)
    ack = room.anna.emit("note:delete", {"note_id": note["id"]}, callback=True)
    assert ack["ok"] is True
    gone = {"id": note["id"], "activity_id": room.trots["id"]}
    for listener in (room.board, room.fac, room.anna):
        assert received(listener, "note:deleted") == [gone]
    assert received(room.bram, "note:deleted") == []
    assert stored_notes(app, room.code) == []


def test_deleting_a_missing_note_is_refused(room):
    assert refused(room.anna.emit("note:delete", {"note_id": 999999}, callback=True))


def test_facilitator_can_edit_and_delete_any_note(app, room):
    note = post(room.anna, room.trots, "tikfoutt")["note"]
    edited = room.fac.emit("note:update", {"note_id": note["id"], "text": "tikfout"}, callback=True)
    assert edited["ok"] is True
    assert stored_notes(app, room.code)[0]["text"] == "tikfout"
    assert room.fac.emit("note:delete", {"note_id": note["id"]}, callback=True)["ok"] is True
    assert stored_notes(app, room.code) == []


def test_hidden_note_never_reaches_the_board_as_text(app, room, client):
    note = post(room.anna, room.trots, "Dokter X is traag")["note"]
    drain(room.board, room.fac, room.anna)

    ack = room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)

    assert ack["ok"] is True
    assert ack["note"]["hidden"] is True
    board_got = received(room.board, "note:updated")
    assert len(board_got) == 1
    assert board_got[0]["note"]["hidden"] is True
    assert board_got[0]["note"]["text"] == ""
    assert "Dokter X" not in str(board_got)
    assert received(room.fac, "note:updated")[0]["note"]["text"] == "Dokter X is traag"
    assert stored_notes(app, room.code)[0]["hidden"] == 1


def test_hidden_note_is_blank_in_a_fresh_board_state(room, sock):
    note = post(room.anna, room.trots, "Dokter X is traag")["note"]
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)
    _, board_ack = sock(room.session, role="board")
    assert "Dokter X" not in str(board_ack["state"])
    assert board_ack["state"]["notes"][0]["text"] == ""


def test_flagging_a_hidden_note_does_not_leak_its_text_to_the_board(room):
    note = post(room.anna, room.trots, "Dokter X is traag")["note"]
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)
    drain(room.board)
    room.fac.emit("note:flag", {"note_id": note["id"], "field": "behouden", "value": True}, callback=True)
    assert "Dokter X" not in str(room.board.get_received())


def test_unhiding_shows_the_text_again(room):
    note = post(room.anna, room.trots, "weer zichtbaar")["note"]
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)
    drain(room.board)
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": False}, callback=True)
    assert [m["note"]["text"] for m in received(room.board, "note:updated")] == ["weer zichtbaar"]


def test_hidden_must_be_a_boolean(app, room):
    note = post(room.anna, room.trots, "x")["note"]
    assert refused(room.fac.emit("note:update", {"note_id": note["id"], "hidden": "ja"}, callback=True))
    assert stored_notes(app, room.code)[0]["hidden"] == 0


def test_update_without_changes_is_refused(room):
    note = post(room.anna, room.trots, "x")["note"]
    assert refused(room.anna.emit("note:update", {"note_id": note["id"]}, callback=True))


# --- facilitator marks ------------------------------------------------------------------


def test_facilitator_marks_a_note_to_keep(app, room):
    note = post(room.anna, room.trots, "Onze triage")["note"]
    drain(room.board, room.anna)
    ack = room.fac.emit("note:flag", {"note_id": note["id"], "field": "behouden", "value": True}, callback=True)
    assert ack["ok"] is True
    assert ack["note"]["data"] == {"behouden": True}
    assert received(room.board, "note:updated")[0]["note"]["data"] == {"behouden": True}
    assert received(room.anna, "note:updated")[0]["note"]["data"] == {"behouden": True}
    assert '"behouden": true' in stored_notes(app, room.code)[0]["data"]


def test_participant_cannot_mark_a_note(app, room):
    note = post(room.anna, room.trots, "Onze triage")["note"]
    ack = room.anna.emit("note:flag", {"note_id": note["id"], "field": "behouden", "value": True}, callback=True)
    assert refused(ack)
    assert "behouden" not in stored_notes(app, room.code)[0]["data"]


@pytest.mark.parametrize(
    "flag", [{"field": "geheim", "value": True}, {"field": "behouden", "value": "ja"}, {"value": True}]
)
def test_unknown_mark_or_odd_value_is_refused(app, room, flag):
    note = post(room.anna, room.trots, "Onze triage")["note"]
    assert refused(room.fac.emit("note:flag", {"note_id": note["id"], **flag}, callback=True))
    assert stored_notes(app, room.code)[0]["data"] == "{}"


def test_participant_cannot_forge_facilitator_data(app, room):
    ack = post(room.anna, room.trots, "zelf behouden", data={"behouden": True})
    assert ack["ok"] is True
    assert ack["note"]["data"] == {}
    assert stored_notes(app, room.code)[0]["data"] == "{}"


# --- steering the agenda ------------------------------------------------------------------


def test_facilitator_goto_changes_activity_for_everyone(app, room):
    ack = room.fac.emit("activity:goto", {"activity_id": room.trots["id"]}, callback=True)
    assert ack["ok"] is True
    for listener in (room.board, room.fac, room.anna, room.bram):
        got = received(listener, "activity:changed")
        assert len(got) == 1
        assert got[0]["current_activity_id"] == room.trots["id"]
        assert got[0]["activity"]["workform"] == "trots"
    assert session_row(app, room.code)["current_activity_id"] == room.trots["id"]


def test_facilitator_phase_change_reaches_phones(app, room):
    ack = room.fac.emit("activity:phase", {"activity_id": room.trots["id"], "phase": "bespreken"}, callback=True)
    assert ack == {"ok": True, "phase": "bespreken"}
    for listener in (room.board, room.anna, room.bram):
        messages = listener.get_received()
        # One activity changed: that activity's view, not the whole agenda.
        assert [m for m in messages if m["name"] == "activity:changed"] == []
        got = [m["args"][0] for m in messages if m["name"] == "activity:updated"]
        assert len(got) == 1
        assert got[0]["activity"]["id"] == room.trots["id"]
        assert got[0]["activity"]["phase"] == "bespreken"
    assert activity_row(app, room.trots["id"])["phase"] == "bespreken"


def test_activity_changes_stay_inside_the_session(room, make_session, sock):
    other = make_session()
    elsewhere, _ = sock(other, role="board")
    drain(elsewhere)
    room.fac.emit("activity:goto", {"activity_id": room.trots["id"]}, callback=True)
    assert received(elsewhere, "activity:changed") == []


@pytest.mark.parametrize("who", ["anna", "board"])
def test_only_the_facilitator_steers(app, room, who):
    client = getattr(room, who)
    before = session_row(app, room.code)["current_activity_id"]
    assert refused(client.emit("activity:goto", {"activity_id": room.trots["id"]}, callback=True))
    assert refused(
        client.emit("activity:phase", {"activity_id": room.trots["id"], "phase": "bespreken"}, callback=True)
    )
    assert session_row(app, room.code)["current_activity_id"] == before
    assert activity_row(app, room.trots["id"])["phase"] == "plakken"
    assert received(room.bram, "activity:changed") == []


@pytest.mark.parametrize("phase", ["verzinnen", "", None, 3, "tonen"])
def test_unknown_phase_is_refused(app, room, phase):
    ack = room.fac.emit("activity:phase", {"activity_id": room.trots["id"], "phase": phase}, callback=True)
    assert refused(ack)
    assert activity_row(app, room.trots["id"])["phase"] == "plakken"


def test_goto_unknown_activity_is_refused(app, room):
    before = session_row(app, room.code)["current_activity_id"]
    assert refused(room.fac.emit("activity:goto", {"activity_id": 999999}, callback=True))
    assert session_row(app, room.code)["current_activity_id"] == before


def test_facilitator_edits_activity_text(app, room):
    ack = room.fac.emit(
        "activity:update", {"activity_id": room.toelichting["id"], "title": "Welkom", "body": "Doel"}, callback=True
    )
    assert ack["ok"] is True
    row = activity_row(app, room.toelichting["id"])
    assert (row["title"], row["body"]) == ("Welkom", "Doel")
    assert refused(
        room.anna.emit("activity:update", {"activity_id": room.toelichting["id"], "title": "x"}, callback=True)
    )
    assert activity_row(app, room.toelichting["id"])["title"] == "Welkom"


# --- spotlight ----------------------------------------------------------------------------


def test_spotlight_shows_the_note_on_the_board(room):
    note = post(room.anna, room.trots, "In de spotlight")["note"]
    drain(room.board, room.anna)
    ack = room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    assert ack["ok"] is True
    got = received(room.board, "spotlight:changed")
    assert len(got) == 1
    assert got[0]["spotlight"] == {"activity_id": room.trots["id"], "note_id": note["id"]}
    assert got[0]["note"]["text"] == "In de spotlight"
    assert received(room.anna, "spotlight:changed") == []


def test_spotlight_is_cleared_when_its_note_is_deleted(app, room):
    note = post(room.anna, room.trots, "In de spotlight")["note"]
    room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    drain(room.board)
    room.anna.emit("note:delete", {"note_id": note["id"]}, callback=True)
    got = received(room.board, "spotlight:changed")
    assert got == [{"spotlight": None, "note": None}]
    assert session_row(app, room.code)["spotlight"] is None


def test_spotlight_is_cleared_when_its_note_is_hidden(app, room):
    note = post(room.anna, room.trots, "Dokter X")["note"]
    room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    drain(room.board)
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)
    assert received(room.board, "spotlight:changed") == [{"spotlight": None, "note": None}]
    assert session_row(app, room.code)["spotlight"] is None


def test_going_to_another_activity_clears_the_spotlight(app, room):
    note = post(room.anna, room.trots, "In de spotlight")["note"]
    room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    drain(room.board)
    room.fac.emit("activity:goto", {"activity_id": room.toelichting["id"]}, callback=True)
    assert received(room.board, "spotlight:changed") == [{"spotlight": None, "note": None}]
    assert session_row(app, room.code)["spotlight"] is None


def test_hidden_note_cannot_be_spotlit(app, room):
    note = post(room.anna, room.trots, "Dokter X")["note"]
    room.fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)
    assert refused(room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True))
    assert session_row(app, room.code)["spotlight"] is None


def test_only_the_facilitator_sets_the_spotlight(app, room):
    note = post(room.anna, room.trots, "Kijk mij")["note"]
    assert refused(room.anna.emit("spotlight:set", {"note_id": note["id"]}, callback=True))
    assert refused(room.board.emit("spotlight:set", {"note_id": note["id"]}, callback=True))
    assert session_row(app, room.code)["spotlight"] is None


def test_clearing_the_spotlight(app, room):
    note = post(room.anna, room.trots, "Kijk mij")["note"]
    room.fac.emit("spotlight:set", {"note_id": note["id"]}, callback=True)
    drain(room.board)
    assert room.fac.emit("spotlight:set", {"note_id": None}, callback=True)["ok"] is True
    assert received(room.board, "spotlight:changed") == [{"spotlight": None, "note": None}]


# --- anonymity ------------------------------------------------------------------------------


def test_trots_is_anonymous_on_the_board_but_the_facilitator_sees_authors(room, client):
    ack = post(room.anna, room.trots, "anoniem")
    assert room.trots["anonymous"] is True
    assert ack["note"]["mine"] is True
    board_note = received(room.board, "note:added")[0]["note"]
    assert board_note["author_name"] == ""
    assert board_note["author_id"] is None
    fac_note = received(room.fac, "note:added")[0]["note"]
    assert fac_note["author_name"] == "Anna"
    assert fac_note["author_id"] == ack["note"]["author_id"]
    for note in (board_note, fac_note):
        assert note["mine"] is False
        assert note["client_id"] is None
    own = received(room.anna, "note:added")[0]["note"]
    assert own["mine"] is True


def test_anonymous_names_stay_off_the_board_snapshot_but_not_the_facilitators(client, room, sock):
    post(room.anna, room.trots, "anoniem")
    state = client.get(
        f"/api/sessions/{room.code}", headers={"Authorization": f"Bearer {room.session['facilitator_token']}"}
    ).get_json()
    assert state["notes"][0]["author_name"] == "Anna"
    _board, board_ack = sock(room.session, role="board")
    assert board_ack["state"]["notes"][0]["author_name"] == ""
    assert "Anna" not in str(board_ack["state"]["notes"])


# --- before joining ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("note:add", {"activity_id": 1, "client_id": "c", "text": "x"}),
        ("note:update", {"note_id": 1, "text": "x"}),
        ("note:delete", {"note_id": 1}),
        ("note:flag", {"note_id": 1, "field": "behouden", "value": True}),
        ("activity:goto", {"activity_id": 1}),
        ("activity:phase", {"activity_id": 1, "phase": "bespreken"}),
        ("spotlight:set", {"note_id": None}),
    ],
)
def test_events_before_join_are_refused(sock, event, payload):
    client, _ = sock()
    assert refused(client.emit(event, payload, callback=True))
