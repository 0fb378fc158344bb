"""Hostile and clumsy input: every refusal is an ``ok: false`` ack with a Dutch
message, nothing half-stored, and the server keeps answering."""

import io
from typing import Any

import pytest
from conftest import activity_of, app_config, new_client_id, received
from pypdf import PdfReader

from app import create_app

SCRIPT = "<script>alert(1)</script>"
DUTCH_HINTS = ("post-it", "je ", "niet", "ongeldig", "tekens", "soort", "bestaat", "verbonden", "sessie")


@pytest.fixture
def app(tmp_path, request):
    """The conftest app, with per-test overrides through ``indirect`` parametrisation."""
    overrides: dict[str, Any] = getattr(request, "param", {})
    # Plenty of room: these tests are about validation, not flooding.
    application = create_app(app_config(tmp_path, **{"RATE_BURST": 1000, "RATE_PER_SECOND": 0.0, **overrides}))
    yield application
    application.extensions["flipover.store"].close()


def assert_refused(ack):
    assert ack["ok"] is False, ack
    message = ack.get("error")
    assert isinstance(message, str) and message.strip()
    assert any(hint in message.lower() for hint in DUTCH_HINTS), message
    assert "note" not in ack


def stored_texts(app, code):
    with app.extensions["flipover.store"].reading() as db:
        return [r["text"] for r in db["notes"].rows_where("session_code = ?", [code], order_by="id")]


@pytest.fixture
def phone(make_session, sock):
    session = make_session()
    client, ack = sock(session, name="Anna")
    assert ack["ok"], ack
    return session, client, activity_of(ack)


def add(client, activity, **fields):
    payload = {"activity_id": activity["id"], "client_id": new_client_id(), "text": "Onze triage", **fields}
    return client.emit("note:add", payload, callback=True)


# --- note:add -------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ["Onze triage", ["Onze triage"], None, 42, True])
def test_note_add_with_non_object_payload_is_refused(app, phone, payload):
    session, client, _ = phone
    assert_refused(client.emit("note:add", payload, callback=True))
    assert stored_texts(app, session["code"]) == []


def test_note_add_with_no_payload_at_all_is_refused(app, phone):
    session, client, _ = phone
    assert_refused(client.emit("note:add", callback=True))
    assert stored_texts(app, session["code"]) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"activity_id": None},
        {"activity_id": "1"},
        {"activity_id": 1.0},
        {"activity_id": True},
        {"activity_id": 999999},
        {"activity_id": [1]},
        {"text": 42},
        {"text": None},
        {"text": ["Onze triage"]},
        {"text": ""},
        {"text": "   \n\t  "},
        {"text": "\x00\x01\x02"},
        {"text": "x" * 281},
        {"text": "x" * 100_000},
        {"client_id": ""},
        {"client_id": None},
        {"client_id": 7},
        {"client_id": "c" * 10_000},
        {"category": "boos"},
        {"category": 3},
    ],
    ids=lambda f: f"{next(iter(f))}={str(next(iter(f.values())))[:12]!r}",
)
def test_malformed_note_is_refused_and_not_stored(app, phone, fields):
    session, client, activity = phone
    assert_refused(add(client, activity, **fields))
    assert stored_texts(app, session["code"]) == []


def test_missing_fields_are_refused(app, phone):
    session, client, activity = phone
    for missing in ("activity_id", "client_id", "text"):
        payload = {"activity_id": activity["id"], "client_id": new_client_id(), "text": "x"}
        del payload[missing]
        assert_refused(client.emit("note:add", payload, callback=True))
    assert stored_texts(app, session["code"]) == []


def test_too_long_note_names_the_limit(phone):
    _, client, activity = phone
    ack = add(client, activity, text="x" * 281)
    assert_refused(ack)
    assert "280" in ack["error"]


def test_exactly_280_characters_is_fine(app, phone):
    session, client, activity = phone
    ack = add(client, activity, text="é" * 280)
    assert ack["ok"] is True, ack
    assert stored_texts(app, session["code"]) == ["é" * 280]


def test_surrounding_whitespace_does_not_count_towards_the_limit(app, phone):
    session, client, activity = phone
    assert add(client, activity, text="  " + "x" * 280 + "\n ")["ok"] is True
    assert stored_texts(app, session["code"]) == ["x" * 280]


def test_line_breaks_are_kept_and_control_characters_dropped(app, phone):
    session, client, activity = phone
    assert add(client, activity, text="eerste\nt\x07weede")["ok"] is True
    assert stored_texts(app, session["code"]) == ["eerste\ntweede"]


def test_markup_in_a_note_is_stored_and_returned_verbatim(app, make_session, sock):
    session = make_session()
    board, _ = sock(session, role="board")
    client, ack = sock(session, name="Anna")
    text = f'{SCRIPT} <img src=x onerror="alert(2)"> & &amp;'
    result = add(client, activity_of(ack), text=text)
    assert result["ok"] is True
    assert result["note"]["text"] == text
    assert [m["note"]["text"] for m in received(board, "note:added")] == [text]
    assert stored_texts(app, session["code"]) == [text]


def test_markup_in_a_name_is_stored_verbatim(app, make_session, sock):
    session = make_session()
    _, ack = sock(session, name=SCRIPT)
    assert ack["ok"] is True
    assert ack["me"]["name"] == SCRIPT
    with app.extensions["flipover.store"].reading() as db:
        assert [r["name"] for r in db["participants"].rows] == [SCRIPT]


def test_markup_reaches_the_pdf_as_literal_text(client, make_session, sock):
    session = make_session(title=SCRIPT)
    phone_client, ack = sock(session, name=SCRIPT)
    assert add(phone_client, activity_of(ack), text=SCRIPT)["ok"] is True
    pdf = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert text.count(SCRIPT) >= 2  # the title and the note (the name stays out: trots is anonymous)


@pytest.mark.parametrize("name", [42, ["Anna"], {"n": 1}])
def test_join_with_odd_name_is_refused(sock, make_session, name):
    session = make_session()
    _, ack = sock(session, name=name)
    assert ack["ok"] is False and ack["error"]


def test_long_name_is_cut_short(app, make_session, sock):
    session = make_session()
    _, ack = sock(session, name="A" * 500)
    assert ack["ok"] is True
    assert 0 < len(ack["me"]["name"]) <= 40


@pytest.mark.parametrize("payload", ["ABC234", None, [], 5])
def test_join_with_non_object_payload_is_refused(sock, payload):
    client, _ = sock()
    assert_refused(client.emit("join", payload, callback=True))


# --- other events -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [{"note_id": "1", "text": "x"}, {"note_id": None, "text": "x"}, {"note_id": 1.5}, "x", None],
)
def test_note_update_with_bad_payload_is_refused(phone, payload):
    _, client, _ = phone
    assert_refused(client.emit("note:update", payload, callback=True))


def test_note_update_with_bad_text_keeps_the_old_text(app, phone):
    session, client, activity = phone
    note = add(client, activity, text="goed")["note"]
    for text in ("", "   ", "x" * 281, 42, None):
        assert_refused(client.emit("note:update", {"note_id": note["id"], "text": text}, callback=True))
    assert stored_texts(app, session["code"]) == ["goed"]


@pytest.mark.parametrize("event", ["activity:goto", "activity:phase", "note:flag", "spotlight:set", "note:delete"])
def test_other_events_survive_a_non_object_payload(sock, make_session, event):
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    for payload in ("x", None, [1], 3):
        assert_refused(fac.emit(event, payload, callback=True))


def test_unknown_event_does_not_break_the_connection(phone):
    _, client, activity = phone
    client.emit("bestaat:niet", {"x": 1})
    assert add(client, activity)["ok"] is True


def test_events_before_join_are_refused(sock, make_session):
    session = make_session()
    client, _ = sock()
    ack = client.emit(
        "note:add",
        {"activity_id": 1, "client_id": new_client_id(), "text": "x", "code": session["code"]},
        callback=True,
    )
    assert_refused(ack)
    assert "verbonden" in ack["error"]


# --- after all that ---------------------------------------------------------------------------


def test_server_still_answers_and_keeps_earlier_notes_after_abuse(app, client, phone, sock):
    session, client_, activity = phone
    good = [add(client_, activity, text=f"goed {i}") for i in range(3)]
    assert all(a["ok"] for a in good)

    abuse = [
        "tekst",
        ["lijst"],
        None,
        {"activity_id": "1", "client_id": new_client_id(), "text": "x"},
        {"activity_id": activity["id"], "client_id": new_client_id(), "text": 42},
        {"activity_id": activity["id"], "client_id": new_client_id(), "text": ""},
        {"activity_id": activity["id"], "client_id": new_client_id(), "text": " " * 50},
        {"activity_id": activity["id"], "client_id": new_client_id(), "text": "y" * 281},
        {"activity_id": activity["id"], "client_id": "z" * 5000, "text": "x"},
        {"activity_id": activity["id"], "client_id": new_client_id(), "text": "x", "category": "??"},
        {"activity_id": activity["id"], "client_id": good[0]["note"]["client_id"], "text": "overschrijven?"},
    ]
    acks = [client_.emit("note:add", payload, callback=True) for payload in abuse]
    for ack in acks[:-1]:
        assert_refused(ack)
    # The last one repeats a client_id: the stored note comes back unchanged.
    assert acks[-1]["ok"] is True and acks[-1]["note"]["text"] == "goed 0"

    assert stored_texts(app, session["code"]) == ["goed 0", "goed 1", "goed 2"]
    assert add(client_, activity, text="nog steeds")["ok"] is True
    _, fresh = sock(session, name="Later")
    assert fresh["ok"] is True
    response = client.get(
        f"/api/sessions/{session['code']}", headers={"Authorization": f"Bearer {session['facilitator_token']}"}
    )
    assert [n["text"] for n in response.get_json()["notes"]] == ["goed 0", "goed 1", "goed 2", "nog steeds"]


# --- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize("app", [{"RATE_BURST": 5, "RATE_PER_SECOND": 0.0}], indirect=True)
def test_flood_is_refused_and_every_ok_is_stored(app, make_session, sock):
    session = make_session()
    board, _ = sock(session, role="board")
    client, ack = sock(session, name="Snel")
    activity = activity_of(ack)
    board.get_received()

    acks = [add(client, activity, text=f"post {i}") for i in range(20)]

    ok = [a for a in acks if a["ok"]]
    assert len(ok) == 5
    for a in acks:
        if not a["ok"]:
            assert_refused(a)
            assert a["error"].startswith("Even rustig aan")
    assert sorted(stored_texts(app, session["code"])) == sorted(a["note"]["text"] for a in ok)
    assert len(received(board, "note:added")) == 5


@pytest.mark.parametrize("app", [{"RATE_BURST": 5, "RATE_PER_SECOND": 0.0}], indirect=True)
def test_rate_limit_is_per_participant(app, make_session, sock):
    session = make_session()
    anna, anna_ack = sock(session, name="Anna")
    bram, bram_ack = sock(session, name="Bram")
    activity = activity_of(anna_ack)
    assert [add(anna, activity)["ok"] for _ in range(6)] == [True] * 5 + [False]
    assert add(bram, activity_of(bram_ack))["ok"] is True


@pytest.mark.parametrize("app", [{"RATE_BURST": 2, "RATE_PER_SECOND": 0.0}], indirect=True)
def test_retry_of_a_stored_note_is_not_rate_limited(app, make_session, sock):
    session = make_session()
    client, ack = sock(session, name="Anna")
    activity = activity_of(ack)
    cid = new_client_id()
    first = add(client, activity, client_id=cid)
    add(client, activity)
    assert add(client, activity)["ok"] is False  # bucket empty
    retry = add(client, activity, client_id=cid)
    assert retry["ok"] is True and retry["note"]["id"] == first["note"]["id"]
    assert len(stored_texts(app, session["code"])) == 2


@pytest.mark.parametrize("app", [{"RATE_BURST": 5, "RATE_PER_SECOND": 0.0}], indirect=True)
def test_rejoining_does_not_refill_the_bucket(app, make_session, sock):
    session = make_session()
    client, ack = sock(session, name="Anna")
    activity = activity_of(ack)
    assert all(add(client, activity)["ok"] for _ in range(5))
    again, _ = sock(session, token=ack["token"])
    assert_refused(add(again, activity))
    assert len(stored_texts(app, session["code"])) == 5


def test_max_notes_per_participant_is_enforced(app, phone):
    session, client, activity = phone
    assert all(add(client, activity, text=f"situatie {i}")["ok"] for i in range(20))  # Trots allows 20
    ack = add(client, activity, text="één te veel")
    assert_refused(ack)
    assert "20" in ack["error"]
    assert len(stored_texts(app, session["code"])) == 20
