"""Agenda item `actieplan` over Socket.IO: the facilitator adds and edits actions,
turns any note into one with one click; participants only read; the report ends
with the table."""

from __future__ import annotations

import io

import pytest
from conftest import activity_of, activity_views, new_client_id, received
from pypdf import PdfReader

from workforms.actieplan import dutch_due

EVENT = "actieplan"


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=["trots", "actieplan", "toelichting"])
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Anna")
    return session, fac, board, phone, activity_of(ack, "trots"), activity_of(ack, "actieplan")


def add(fac, plan, **fields):
    return fac.emit(f"{EVENT}:add", {"activity_id": plan["id"], **fields}, callback=True)


def actions_of(sock, session):
    """The action list as a newly joined phone gets it (activity.extra)."""
    _phone, ack = sock(session, name="Nieuw")
    return activity_of(ack, "actieplan")["extra"]["actions"]


def test_facilitator_adds_an_action_everyone_sees_it(room, sock):
    session, fac, board, phone, _trots, plan = room
    ack = add(fac, plan, what="Werkgroep bereikbaarheid starten", who="Sanne", due="2027-01-12", status="open")
    assert ack["ok"], ack
    note = ack["note"]
    assert note["text"] == "Werkgroep bereikbaarheid starten"
    thread = note["data"].pop("thread")
    assert note["data"] == {"who": "Sanne", "due": "2027-01-12", "status": "open"}
    # An action keeps one thread id across the meetings of a trajectory (app/trajectories.py).
    assert isinstance(thread, str) and len(thread) == 32
    assert [m["note"]["text"] for m in received(board, "note:added")] == ["Werkgroep bereikbaarheid starten"]
    # Phones never get other people's notes: the list reaches them in activity.extra.
    extra = activity_views(phone)[plan["id"]]["extra"]
    assert extra["actions"] == [
        {
            "id": note["id"],
            "what": "Werkgroep bereikbaarheid starten",
            "who": "Sanne",
            "due": "2027-01-12",
            "status": "open",
            "source": "",
        }
    ]
    assert actions_of(sock, session) == extra["actions"]


def test_status_defaults_to_open_and_a_resent_add_stores_one_action(room, sock):
    session, fac, _board, _phone, _trots, plan = room
    first = add(fac, plan, what="Agenda delen", who="Praktijkmanager", client_id="abc")
    again = add(fac, plan, what="Agenda delen", who="Praktijkmanager", client_id="abc")
    assert first["ok"] and again["ok"] and first["note"]["id"] == again["note"]["id"]
    assert first["note"]["data"]["status"] == "open" and first["note"]["data"]["due"] == ""
    assert len(actions_of(sock, session)) == 1


def test_update_who_due_status_and_what(room, sock):
    session, fac, board, _phone, _trots, plan = room
    note = add(fac, plan, what="Enquête uitzetten", who="POH")["note"]
    ack = fac.emit(
        f"{EVENT}:update",
        {"activity_id": plan["id"], "note_id": note["id"], "who": "Bram", "due": "2027-02-01", "status": "bezig"},
        callback=True,
    )
    assert ack["ok"], ack
    fields = {k: v for k, v in ack["note"]["data"].items() if k != "thread"}
    assert fields == {"who": "Bram", "due": "2027-02-01", "status": "bezig"}
    ack = fac.emit(
        f"{EVENT}:update",
        {"activity_id": plan["id"], "note_id": note["id"], "what": "Enquête versturen"},
        callback=True,
    )
    assert ack["note"]["text"] == "Enquête versturen" and ack["note"]["data"]["who"] == "Bram"
    assert received(board, "note:updated")[-1]["note"]["text"] == "Enquête versturen"
    [action] = actions_of(sock, session)
    assert (action["what"], action["who"], action["due"], action["status"]) == (
        "Enquête versturen",
        "Bram",
        "2027-02-01",
        "bezig",
    )


BAD_ADDS = {
    "empty-what": ({"what": "   ", "who": "Sanne"}, "Vul de actie in"),
    "missing-what": ({"who": "Sanne"}, "Vul de actie in"),
    "what-not-text": ({"what": 5, "who": "Sanne"}, "Vul de actie in"),
    "overlong-what": ({"what": "x" * 281, "who": "Sanne"}, "maximaal 280"),
    "empty-who": ({"what": "Iets", "who": " "}, "Wie doet het?"),
    "missing-who": ({"what": "Iets"}, "Wie doet het?"),
    "overlong-who": ({"what": "Iets", "who": "y" * 81}, "maximaal 80"),
    "date-format": ({"what": "Iets", "who": "Sanne", "due": "12-01-2027"}, "Ongeldige datum"),
    "date-impossible": ({"what": "Iets", "who": "Sanne", "due": "2027-02-30"}, "Ongeldige datum"),
    "date-not-text": ({"what": "Iets", "who": "Sanne", "due": 20270112}, "Ongeldige datum"),
    "unknown-status": ({"what": "Iets", "who": "Sanne", "status": "gedaan"}, "Onbekende status"),
    "status-not-text": ({"what": "Iets", "who": "Sanne", "status": ["open"]}, "Onbekende status"),
    "bad-client-id": ({"what": "Iets", "who": "Sanne", "client_id": "z" * 49}, "verzendcode"),
}


@pytest.mark.parametrize("fields,message", BAD_ADDS.values(), ids=BAD_ADDS.keys())
def test_bad_action_is_refused_and_nothing_stored(room, sock, fields, message):
    session, fac, board, _phone, _trots, plan = room
    board.get_received()
    ack = add(fac, plan, **fields)
    assert ack["ok"] is False and message in ack["error"], ack
    assert received(board, "note:added") == []
    assert actions_of(sock, session) == []


BAD_UPDATES = {
    "empty-what": ({"what": ""}, "Vul de actie in"),
    "overlong-who": ({"who": "y" * 81}, "maximaal 80"),
    "empty-who": ({"who": ""}, "Wie doet het?"),
    "invalid-date": ({"due": "2027-13-01"}, "Ongeldige datum"),
    "unknown-status": ({"status": "Klaar!"}, "Onbekende status"),
    "status-not-text": ({"status": {"open": True}}, "Onbekende status"),
    "nothing": ({}, "niets om te wijzigen"),
}


@pytest.mark.parametrize("fields,message", BAD_UPDATES.values(), ids=BAD_UPDATES.keys())
def test_bad_update_is_refused_and_nothing_changed(room, sock, fields, message):
    session, fac, _board, _phone, _trots, plan = room
    note = add(fac, plan, what="Overleg plannen", who="Sanne", due="2027-01-12")["note"]
    ack = fac.emit(f"{EVENT}:update", {"activity_id": plan["id"], "note_id": note["id"], **fields}, callback=True)
    assert ack["ok"] is False and message in ack["error"], ack
    [action] = actions_of(sock, session)
    assert (action["what"], action["who"], action["due"], action["status"]) == (
        "Overleg plannen",
        "Sanne",
        "2027-01-12",
        "open",
    )


def test_update_of_a_note_that_is_not_an_action_is_refused(room):
    _session, fac, _board, phone, trots, plan = room
    other = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Trots"}, callback=True
    )["note"]
    ack = fac.emit(f"{EVENT}:update", {"activity_id": plan["id"], "note_id": other["id"], "who": "X"}, callback=True)
    assert ack == {"ok": False, "error": "Deze post-it hoort niet bij dit agendapunt."}


def test_participants_cannot_create_or_edit_actions(room, sock):
    session, fac, _board, phone, _trots, plan = room
    note = add(fac, plan, what="Overleg plannen", who="Sanne")["note"]
    refused = [
        add(phone, plan, what="Zelf een actie", who="Anna"),
        phone.emit(
            f"{EVENT}:update", {"activity_id": plan["id"], "note_id": note["id"], "status": "klaar"}, callback=True
        ),
        phone.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": note["id"]}, callback=True),
        phone.emit(
            "note:add", {"activity_id": plan["id"], "client_id": new_client_id(), "text": "Actie"}, callback=True
        ),
        phone.emit("note:update", {"note_id": note["id"], "text": "Gewijzigd"}, callback=True),
        phone.emit("note:delete", {"note_id": note["id"]}, callback=True),
    ]
    assert all(r["ok"] is False for r in refused), refused
    assert "begeleider" in refused[0]["error"] and "begeleider" in refused[1]["error"]
    assert refused[3]["error"] == "Bij dit agendapunt plak je geen post-its."
    [action] = actions_of(sock, session)
    assert (action["what"], action["status"]) == ("Overleg plannen", "open")


def test_the_board_cannot_send_actions(room):
    _session, _fac, board, _phone, _trots, plan = room
    ack = add(board, plan, what="Van het bord", who="Niemand")
    assert ack["ok"] is False


def test_from_note_copies_the_text_once_and_remembers_its_source(room, sock):
    session, fac, _board, phone, trots, plan = room
    source = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Samen lunchen"}, callback=True
    )["note"]
    first = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": source["id"]}, callback=True)
    second = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": source["id"]}, callback=True)
    assert first["ok"] and second["ok"] and second["duplicate"] is True and first["duplicate"] is False
    assert first["note"]["id"] == second["note"]["id"]
    assert first["note"]["text"] == "Samen lunchen" and first["note"]["activity_id"] == plan["id"]
    assert {k: v for k, v in first["note"]["data"].items() if k != "thread"} == {
        "who": "",
        "due": "",
        "status": "open",
        "source": {"activity": "Trots", "note_id": source["id"]},
    }
    [action] = actions_of(sock, session)
    assert action["source"] == "Trots" and action["who"] == ""
    # The facilitator then fills who and when.
    ack = fac.emit(
        f"{EVENT}:update",
        {"activity_id": plan["id"], "note_id": first["note"]["id"], "who": "Chris", "due": "2027-03-03"},
        callback=True,
    )
    assert ack["ok"] and ack["note"]["data"]["source"]["note_id"] == source["id"]


def test_from_note_refuses_another_sessions_note_a_deleted_note_and_an_action(room, make_session, sock):
    session, fac, _board, phone, trots, plan = room
    other = make_session(agenda=["trots"])
    other_phone, other_ack = sock(other, name="Elders")
    foreign = other_phone.emit(
        "note:add",
        {"activity_id": activity_of(other_ack)["id"], "client_id": new_client_id(), "text": "Van elders"},
        callback=True,
    )["note"]
    ack = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": foreign["id"]}, callback=True)
    assert ack == {"ok": False, "error": "Deze post-it bestaat niet (meer)."}

    gone = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Weg"}, callback=True
    )["note"]
    assert phone.emit("note:delete", {"note_id": gone["id"]}, callback=True)["ok"]
    ack = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": gone["id"]}, callback=True)
    assert ack == {"ok": False, "error": "Deze post-it bestaat niet (meer)."}

    for bad_id in (None, "1", True):
        ack = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": bad_id}, callback=True)
        assert ack["ok"] is False
    action = add(fac, plan, what="Bestaande actie", who="Sanne")["note"]
    ack = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": action["id"]}, callback=True)
    assert ack == {"ok": False, "error": "Dit is al een actie."}
    assert [a["what"] for a in actions_of(sock, session)] == ["Bestaande actie"]


def test_events_for_an_activity_of_another_format_are_refused(room):
    _session, fac, _board, _phone, trots, _plan = room
    ack = fac.emit(f"{EVENT}:add", {"activity_id": trots["id"], "what": "X", "who": "Y"}, callback=True)
    assert ack == {"ok": False, "error": "Dit agendapunt hoort niet bij deze werkvorm."}


def test_core_note_events_resend_the_phones_list(room):
    """Hiding, restoring, editing and deleting an action through the generic note events
    updates the phones' list (the format's note_changed hook); no event of its own needed."""
    _session, fac, _board, phone, _trots, plan = room
    note = add(fac, plan, what="Weg ermee", who="Sanne")["note"]
    phone.get_received()

    def phone_actions() -> list[dict]:
        return activity_views(phone)[plan["id"]]["extra"]["actions"]

    assert fac.emit("note:update", {"note_id": note["id"], "hidden": True}, callback=True)["ok"]
    assert phone_actions() == []
    assert fac.emit("note:update", {"note_id": note["id"], "hidden": False}, callback=True)["ok"]
    assert [a["what"] for a in phone_actions()] == ["Weg ermee"]
    assert fac.emit("note:update", {"note_id": note["id"], "text": "Toch houden"}, callback=True)["ok"]
    assert [a["what"] for a in phone_actions()] == ["Toch houden"]
    assert fac.emit("note:delete", {"note_id": note["id"]}, callback=True)["ok"]
    assert phone_actions() == []
    # The custom resend event is gone.
    assert fac.emit(f"{EVENT}:sync", {"activity_id": plan["id"]}, callback=True) is None


def test_core_note_events_reach_phones_on_the_real_server(tmp_path):
    """The same over the wire: python-socketio clients against run.py (eventlet)."""
    import json
    import queue
    import urllib.request

    import socketio
    from live_server import LiveServer

    server = LiveServer(tmp_path / "flipover.db").start()
    clients: list[socketio.Client] = []
    try:
        body = json.dumps({"title": "Acties", "agenda": ["trots", "actieplan"]}).encode()
        request = urllib.request.Request(
            server.url + "/api/sessions", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            session = json.load(response)
        updates: queue.Queue[dict] = queue.Queue()

        def connect(**join: object) -> tuple[socketio.Client, dict]:
            client = socketio.Client(reconnection=False)
            clients.append(client)
            if join.get("role") == "participant":
                client.on("activity:updated", lambda data: updates.put(data["activity"]))
            client.connect(server.url, transports=["websocket"], wait_timeout=10)
            return client, client.call("join", {"code": session["code"], **join}, timeout=10)

        fac, ack = connect(role="facilitator", facilitator_token=session["facilitator_token"])
        _phone, _ = connect(role="participant", name="Anna")
        plan = activity_of(ack, "actieplan")

        def phone_actions() -> list[str]:
            while True:  # the first update of the plan after the tap; each tap sends one
                activity = updates.get(timeout=10)
                if activity["id"] == plan["id"]:
                    return [a["what"] for a in activity["extra"]["actions"]]

        added = fac.call(f"{EVENT}:add", {"activity_id": plan["id"], "what": "Weg", "who": "Sanne"}, timeout=10)
        assert added["ok"], added
        assert phone_actions() == ["Weg"]
        note_id = added["note"]["id"]
        assert fac.call("note:update", {"note_id": note_id, "hidden": True}, timeout=10)["ok"]
        assert phone_actions() == []
        assert fac.call("note:update", {"note_id": note_id, "hidden": False}, timeout=10)["ok"]
        assert phone_actions() == ["Weg"]
        assert fac.call("note:update", {"note_id": note_id, "text": "Blijft"}, timeout=10)["ok"]
        assert phone_actions() == ["Blijft"]
        assert fac.call("note:delete", {"note_id": note_id}, timeout=10)["ok"]
        assert phone_actions() == []
    finally:
        for client in clients:
            client.disconnect()
        server.stop()


def test_dutch_dates():
    assert dutch_due("2027-01-12") == "12 jan 2027"
    assert dutch_due("2026-10-01") == "1 okt 2026"
    assert dutch_due("") == "—"


def _pdf_text(client, session) -> str:
    bearer = {"Authorization": f"Bearer {session['facilitator_token']}"}
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer)
    assert response.status_code == 200
    return " ".join("\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.data)).pages).split())


def test_report_ends_with_the_action_table_even_when_not_last_on_the_agenda(room, client):
    session, fac, _board, phone, trots, plan = room
    phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": new_client_id(), "text": "Trotse zin"}, callback=True
    )
    add(fac, plan, what="Werkgroep <starten> & plannen", who="Sanne", due="2027-01-12", status="bezig")
    add(fac, plan, what="Verslag rondsturen", who="Praktijkmanager")
    text = _pdf_text(client, session)
    table = text.index("Wat Wie Wanneer Status")
    # The agenda puts a text slide after the action plan; the report still ends with the table.
    assert text.rindex("Toelichting") < table
    assert text.index("Trotse zin") < table
    tail = text[table:]
    assert "Werkgroep <starten> & plannen Sanne 12 jan 2027 Bezig" in tail
    assert "Verslag rondsturen Praktijkmanager — Open" in tail


def test_report_without_actions_names_the_plan_once_as_not_treated(room, client):
    text = _pdf_text(client, room[0])
    assert "Actieplan Niet behandeld." in " ".join(text.split())
    assert "Nog geen acties vastgelegd." not in text  # no empty section (issue 20)


def test_a_client_id_a_participant_already_used_never_passes_for_an_action(room, sock):
    session, fac, _board, phone, trots, plan = room
    taken = phone.emit(
        "note:add", {"activity_id": trots["id"], "client_id": "actie-abc", "text": "Van Anna"}, callback=True
    )["note"]
    ack = add(fac, plan, what="Echte actie", who="Sanne", client_id="abc")
    assert ack["ok"] is False and "verzendcode" in ack["error"]
    squatted = f"from-note-{plan['id']}-{taken['id']}"
    phone.emit("note:add", {"activity_id": trots["id"], "client_id": squatted, "text": "Voorgekookt"}, callback=True)
    ack = fac.emit(f"{EVENT}:from-note", {"activity_id": plan["id"], "note_id": taken["id"]}, callback=True)
    assert ack["ok"] is False
    assert actions_of(sock, session) == []
