"""Anonymity that holds on the wire: in an anonymous activity no author name or
participant id reaches the board or another phone, by any event, and not the report."""

from __future__ import annotations

import io
import json
from typing import Any

from conftest import activity_of, new_client_id, without_room_list
from pypdf import PdfReader

NAME = "Annemarie Vlietstra"


def _walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [item for key, v in value.items() for item in _walk(v, f"{path}.{key}")] + [(path, value)]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in _walk(v, f"{path}[{i}]")]
    return [(path, value)]


def _leaks(messages: list[dict[str, Any]], author_id: int) -> list[str]:
    """Every place in these messages that names the author or carries their id."""
    found = []
    for message in messages:
        blob = json.dumps(message, ensure_ascii=False)
        if NAME in blob or "Annemarie" in blob:
            found.append(f"{message['name']}: name in {blob[:200]}")
        for path, value in _walk(message["args"]):
            if not isinstance(value, dict):
                continue
            for key in ("author_id", "participant_id", "voter_id"):
                if value.get(key) == author_id:
                    found.append(f"{message['name']}{path}.{key}")
    return found


def test_no_name_or_participant_id_reaches_the_board_or_other_phones(app, client, make_session, sock) -> None:
    session = make_session(agenda=[{"workform": "trots"}])
    fac, ack = sock(session, role="facilitator")
    trots = activity_of(ack)
    assert trots["anonymous"] is True
    board, _ = sock(session, role="board")
    other, _ = sock(session, role="participant", name="Kees")
    author, joined = sock(session, role="participant", name=NAME)
    author_id = joined["me"]["id"]
    for c in (board, other):
        c.get_received()

    def go(who, event, payload):
        answer = who.emit(event, payload, callback=True)
        assert answer["ok"] is True, (event, answer)
        return answer

    aid = trots["id"]
    first = go(author, "note:add", {"activity_id": aid, "client_id": new_client_id(), "text": "Goede samenwerking"})
    second = go(author, "note:add", {"activity_id": aid, "client_id": new_client_id(), "text": "Snelle triage"})
    go(other, "note:add", {"activity_id": aid, "client_id": new_client_id(), "text": "Fijne sfeer"})
    go(author, "note:update", {"note_id": first["note"]["id"], "text": "Goede samenwerking!"})
    go(author, "note:stack", {"note_id": second["note"]["id"], "target_note_id": first["note"]["id"]})
    go(fac, "note:flag", {"note_id": first["note"]["id"], "field": "behouden", "value": True})
    go(fac, "spotlight:set", {"note_id": first["note"]["id"]})
    go(fac, "activity:phase", {"activity_id": aid, "phase": "stemmen"})
    group_id = go(fac, "notes:list", {"activity_id": aid})["notes"][0]["group_id"]
    go(author, "vote:add", {"group_id": group_id} if group_id else {"note_id": first["note"]["id"]})
    go(fac, "activity:phase", {"activity_id": aid, "phase": "bespreken"})
    go(author, "join", {"code": session["code"], "token": joined["token"]})  # a reconnect
    go(board, "join", {"code": session["code"], "role": "board"})  # a board reload: the snapshot

    board_msgs, other_msgs = board.get_received(), other.get_received()
    assert any(m["name"] == "note:added" for m in board_msgs), "the board saw the notes"
    assert any(m["name"] == "votes:progress" for m in board_msgs), "and the voting"
    assert _leaks(board_msgs, author_id) == []
    assert _leaks(other_msgs, author_id) == []
    # The facilitator does see who wrote it (that is the design), so the check above can fail.
    assert _leaks(fac.get_received(), author_id)

    pdf = client.get(
        f"/api/sessions/{session['code']}/report.pdf",
        headers={"Authorization": f"Bearer {session['facilitator_token']}"},
    )
    assert pdf.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Goede samenwerking" in text
    assert "Annemarie" not in text


def test_a_format_anonymous_for_everyone_keeps_names_from_the_facilitator_too(app, client, make_session, sock) -> None:
    """Workform.always_anonymous (vragen-en-zorgen): the same walk as above, and now the
    facilitator's messages, snapshot and acks carry no name or participant id either."""
    session = make_session(agenda=[{"workform": "vragen-en-zorgen", "anonymous": False}])
    fac, ack = sock(session, role="facilitator")
    vz = activity_of(ack, "vragen-en-zorgen")
    assert vz["anonymous"] is True, "the agenda cannot switch the names on"
    board, _ = sock(session, role="board")
    other, _ = sock(session, role="participant", name="Kees")
    author, joined = sock(session, role="participant", name=NAME)
    author_id = joined["me"]["id"]
    for c in (fac, board, other):
        c.get_received()
    acks = []

    def go(who, event, payload):
        answer = who.emit(event, payload, callback=True)
        assert answer["ok"] is True, (event, answer)
        acks.append({"name": event, "args": [answer]})
        return answer

    aid = vz["id"]
    asked = go(author, "note:add", {"activity_id": aid, "client_id": new_client_id(), "text": "Krijgen we scholing?"})
    go(author, "note:update", {"note_id": asked["note"]["id"], "text": "Krijgen we eerst scholing?"})
    go(other, "vragen-en-zorgen:steun", {"activity_id": aid, "note_id": asked["note"]["id"]})
    go(fac, "vragen-en-zorgen:beantwoord", {"activity_id": aid, "note_id": asked["note"]["id"], "antwoord": "Ja."})
    go(fac, "spotlight:set", {"note_id": asked["note"]["id"]})
    go(fac, "notes:list", {"activity_id": aid})
    go(fac, "join", {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]})
    refused = fac.emit("activity:update", {"activity_id": aid, "anonymous": False}, callback=True)
    assert refused["ok"] is False
    fac_acks = [a for a in acks if a["name"] in ("vragen-en-zorgen:beantwoord", "notes:list", "join")]

    fac_msgs = fac.get_received()
    assert any(m["name"] == "note:added" for m in fac_msgs), "the facilitator saw the question"
    # The facilitator's room list (who joined) names people, but never links them to a note.
    fac_msgs, fac_acks = without_room_list(fac_msgs), without_room_list(fac_acks)
    for messages in (fac_msgs, fac_acks, board.get_received(), other.get_received()):
        assert _leaks(messages, author_id) == []
    # The author's own phone does know its note: the check can fail.
    assert any(m["name"] == "note:updated" and m["args"][0]["note"]["mine"] for m in author.get_received())
    for kind in ("csv", "json"):
        body = client.get(
            f"/api/sessions/{session['code']}/export.{kind}",
            headers={"Authorization": f"Bearer {session['facilitator_token']}"},
        )
        assert body.status_code == 200 and "Annemarie" not in body.get_data(as_text=True)
