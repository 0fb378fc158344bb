"""CSV and JSON exports (app/exports.py, GET /api/sessions/<code>/export.csv|json)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import new_client_id
from drivers import bearer

from app import exports

NAME = "Annemarie Vlietstra"
OPEN_NAME = "Kees de Vries"
SCRIPT = '<script>alert("x")</script> & <b>vet</b>'


def ok(who, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer = who.emit(event, payload, callback=True)
    assert answer["ok"] is True, (event, answer)
    return answer


def post(who, activity_id: int, text: str, **extra: Any) -> dict[str, Any]:
    payload = {"activity_id": activity_id, "client_id": new_client_id(), "text": text, **extra}
    return ok(who, "note:add", payload)["note"]


def rows_of(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def room(app, make_session, sock):
    """Two trots activities: the first anonymous (the default), the second open (names shown)."""
    session = make_session(
        agenda=[{"workform": "trots", "title": "Trots"}, {"workform": "trots", "title": "Open ronde"}]
    )
    fac, ack = sock(session, role="facilitator")
    anonymous_id, open_id = (a["id"] for a in ack["state"]["activities"])
    ok(fac, "activity:update", {"activity_id": open_id, "anonymous": False})
    author, joined = sock(session, name=NAME)
    other, _ = sock(session, name=OPEN_NAME)
    return {
        "session": session,
        "fac": fac,
        "author": author,
        "author_id": joined["me"]["id"],
        "other": other,
        "anonymous": anonymous_id,
        "open": open_id,
    }


def get(client, session: dict[str, Any], kind: str, headers: dict[str, str] | None = None):
    headers = bearer(session) if headers is None else headers
    return client.get(f"/api/sessions/{session['code']}/export.{kind}", headers=headers)


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_unknown_code_is_404(client, make_session, kind):
    session = make_session()
    response = client.get(f"/api/sessions/ZZZZZZ/export.{kind}", headers=bearer(session))
    assert response.status_code == 404
    assert response.get_json()["error"]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_no_token_is_401(client, make_session, kind):
    session = make_session()
    response = get(client, session, kind, headers={})
    assert response.status_code == 401
    assert response.get_json()["error"]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_another_sessions_token_is_403(client, make_session, kind):
    session, other = make_session(), make_session(title="Andere praktijk")
    response = get(client, session, kind, headers=bearer(other))
    assert response.status_code == 403
    assert response.get_json()["error"]


def test_the_facilitator_cookie_is_enough(client, make_session):
    """The download links on the facilitator page carry no header: the cookie set by /f/ does it."""
    session = make_session()
    assert client.get(f"/f/{session['code']}?token={session['facilitator_token']}").status_code in (200, 302, 303)
    response = client.get(f"/api/sessions/{session['code']}/export.csv")
    assert response.status_code == 200


# --- CSV -------------------------------------------------------------------------------------


def test_csv_headers_and_a_row_per_note(client, room):
    session = room["session"]
    first = post(room["author"], room["anonymous"], "Goede samenwerking")
    post(room["other"], room["open"], "Snelle triage")
    response = get(client, session, "csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="flipover-{session["code"]}-export.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    rows = rows_of(response.data)
    assert list(rows[0]) == list(exports.CSV_COLUMNS)
    assert [r["text"] for r in rows] == ["Goede samenwerking", "Snelle triage"]
    row = rows[0]
    assert row["session_code"] == session["code"]
    assert row["activity_position"] == "1" and rows[1]["activity_position"] == "2"
    assert row["activity_title"] == "Trots" and rows[1]["activity_title"] == "Open ronde"
    assert row["workform"] == "trots"
    assert row["note_id"] == str(first["id"])
    assert row["category"] == "trots" and row["category_label"] == "Trots"
    assert row["hidden"] == "false"
    assert row["votes"] == "0" and row["group_id"] == "" and row["group_title"] == ""
    assert row["created_at"] == first["created_at"] and row["created_at"].endswith("+00:00")
    assert json.loads(row["data"]) == {}


def test_anonymous_activity_exports_no_author_but_an_open_one_does(client, room):
    post(room["author"], room["anonymous"], "Anoniem geschreven")
    post(room["author"], room["open"], "Open geschreven")
    body = get(client, room["session"], "csv").data
    by_text = {r["text"]: r for r in rows_of(body)}
    assert by_text["Anoniem geschreven"]["anonymous"] == "true"
    assert by_text["Anoniem geschreven"]["author"] == ""
    assert by_text["Open geschreven"]["author"] == NAME  # so the check above can fail
    # The name occurs once in the whole file: only on the open activity's row.
    assert body.decode("utf-8-sig").count("Annemarie") == 1


def test_groups_votes_and_hidden_notes(client, room):
    fac, aid = room["fac"], room["anonymous"]
    a = post(room["author"], aid, "Een")
    b = post(room["other"], aid, "Twee", stack_on=a["id"])
    loose = post(room["other"], aid, "Los")
    hidden = post(room["other"], aid, "Weg ermee")
    ok(fac, "group:update", {"group_id": b["group_id"], "name": "Samen"})
    ok(fac, "note:update", {"note_id": hidden["id"], "hidden": True})
    ok(fac, "activity:phase", {"activity_id": aid, "phase": "stemmen"})
    ok(room["author"], "vote:add", {"note_id": a["id"]})
    ok(room["author"], "vote:add", {"note_id": loose["id"]})
    ok(room["other"], "vote:add", {"note_id": loose["id"]})
    by_text = {r["text"]: r for r in rows_of(get(client, room["session"], "csv").data)}
    for text in ("Een", "Twee"):
        assert by_text[text]["group_id"] == str(b["group_id"])
        assert by_text[text]["group_title"] == "Samen"
        assert by_text[text]["group_votes"] == "1" and by_text[text]["votes"] == "0"
    assert by_text["Los"]["votes"] == "2" and by_text["Los"]["group_votes"] == "0"
    assert by_text["Weg ermee"]["hidden"] == "true"
    assert by_text["Los"]["hidden"] == "false"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_starts_in_notes_names_groups_and_titles_are_neutralised(client, make_session, sock, start):
    formula = f'{start}HYPERLINK("http://x";"klik")'
    session = make_session(agenda=[{"workform": "trots", "title": f"{start}1+1"}])
    fac, ack = sock(session, role="facilitator")
    aid = ack["state"]["activities"][0]["id"]
    ok(fac, "activity:update", {"activity_id": aid, "anonymous": False})
    phone, _ = sock(session, name=f"{start}cmd|' /C calc'!A0")
    a = post(phone, aid, formula)
    b = post(phone, aid, "Gewoon", stack_on=a["id"])
    ok(fac, "group:update", {"group_id": b["group_id"], "name": f"{start}SUM(A1:A9)"})
    ok(fac, "note:flag", {"note_id": a["id"], "field": "behouden", "value": True})
    rows = rows_of(get(client, session, "csv").data)
    row = next(r for r in rows if r["note_id"] == str(a["id"]))
    assert row["text"] == "'" + formula
    assert row["author"] == f"'{start}cmd|' /C calc'!A0"
    assert row["group_title"] == f"'{start}SUM(A1:A9)"
    assert row["activity_title"] == f"'{start}1+1"
    other = next(r for r in rows if r["note_id"] == str(b["id"]))
    assert other["text"] == "Gewoon"  # ordinary text is left alone
    # No cell the file holds starts with a formula character any more.
    for r in rows:
        for column, value in r.items():
            assert not value.startswith(exports.FORMULA_STARTS), (column, value)


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_tab_and_carriage_return_starts_are_neutralised(app, client, room, start):
    """The note rules strip leading whitespace, so put such text in the database directly."""
    note = post(room["author"], room["anonymous"], "Tijdelijk")
    with app.extensions["flipover.store"].transaction() as db:
        db["notes"].update(note["id"], {"text": f"{start}=1+1", "data": json.dumps({"k": f"{start}x"})})
    (row,) = rows_of(get(client, room["session"], "csv").data)
    assert row["text"] == f"'{start}=1+1"
    assert json.loads(row["data"]) == {"k": f"{start}x"}  # JSON text starts with "{": nothing to do


def test_neutralise_leaves_ordinary_text_and_our_numbers_alone():
    assert exports.neutralise("Goed gesprek") == "Goed gesprek"
    assert exports.neutralise("a=b, 1+1") == "a=b, 1+1"
    assert exports.neutralise(" =spatie ervoor") == " =spatie ervoor"
    assert exports.neutralise("-5 minuten wachttijd") == "'-5 minuten wachttijd"
    # Numbers we generate stay numbers, even negative ones; text is neutralised.
    assert exports._cell("votes", -3) == -3
    assert exports._cell("votes", 0) == 0
    assert exports._cell("hidden", True) == "true"
    assert exports._cell("group_id", None) == ""
    assert exports._cell("text", "-3") == "'-3"


def test_semicolons_quotes_and_newlines_round_trip(client, room):
    text = 'Eén; "twee"\nderde regel; €'
    post(room["author"], room["anonymous"], text)
    (row,) = rows_of(get(client, room["session"], "csv").data)
    assert row["text"] == text


def test_markup_is_kept_literally(client, room):
    post(room["author"], room["anonymous"], SCRIPT)
    response = get(client, room["session"], "csv")
    assert "html" not in response.content_type
    (row,) = rows_of(response.data)
    assert row["text"] == SCRIPT
    response = get(client, room["session"], "json")
    assert "html" not in response.content_type
    assert response.get_json()["activities"][0]["notes"][0]["text"] == SCRIPT


def test_empty_session_gives_a_header_only_csv_and_valid_json(client, make_session):
    session = make_session()
    body = get(client, session, "csv").data
    assert body.decode("utf-8-sig") == ";".join(exports.CSV_COLUMNS) + "\r\n"
    assert rows_of(body) == []
    data = json.loads(get(client, session, "json").data)
    assert data["format"] == "flipover-session" and data["version"] == 1
    assert data["participants_count"] == 0
    assert [a["notes"] for a in data["activities"]] == [[]]


def test_english_session_keeps_the_column_names_and_labels_in_english(client, make_session, sock):
    session = make_session(language="en")
    phone, ack = sock(session, name="Sam")
    post(phone, ack["state"]["activities"][0]["id"], "Proud of the team")
    (row,) = rows_of(get(client, session, "csv").data)
    assert list(row) == list(exports.CSV_COLUMNS)
    assert row["category_label"] == "Pride"
    assert row["activity_title"] == "Pride"


# --- JSON ------------------------------------------------------------------------------------


def test_json_has_the_full_structure(client, room):
    fac, aid = room["fac"], room["anonymous"]
    ok(fac, "goal:add", {"title": "Minder telefoondruk"})
    ok(fac, "ambition:set", {"text": "Rust in de praktijk"})
    a = post(room["author"], aid, "Een")
    b = post(room["other"], aid, "Twee", stack_on=a["id"])
    ok(fac, "note:flag", {"note_id": a["id"], "field": "behouden", "value": True})
    open_note = post(room["author"], room["open"], "Met naam")
    response = get(client, room["session"], "json")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    code = room["session"]["code"]
    assert response.headers["Content-Disposition"] == f'attachment; filename="flipover-{code}-export.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = response.get_json()
    assert set(data) == {
        "format",
        "version",
        "exported_at",
        "session",
        "activities",
        "participants_count",
        "participant_functions",
    }
    assert data["participants_count"] == 2
    assert data["participant_functions"] == {}  # nobody gave a function at join
    s = data["session"]
    assert s["code"] == code and s["locale"] == "nl" and s["title"] == "Kick-off De Linde"
    assert s["ambition"] == "Rust in de praktijk"
    assert [g["title"] for g in s["goals"]] == ["Minder telefoondruk"]
    first, second = data["activities"]
    assert (first["position"], first["workform"], first["anonymous"]) == (1, "trots", True)
    assert second["anonymous"] is False
    assert first["phase"] == "plakken" and isinstance(first["config"], dict) and isinstance(first["extra"], dict)
    assert first["groups"] == [{"id": b["group_id"], "title": "", "votes": 0}]
    note = next(n for n in first["notes"] if n["id"] == a["id"])
    assert note["data"] == {"behouden": True}
    assert note["group_id"] == b["group_id"] and note["category"] == "trots" and note["hidden"] is False
    assert note["author"] is None and note["author_id"] is None
    (named,) = second["notes"]
    assert named["id"] == open_note["id"]
    assert named["author"] == NAME and named["author_id"] == room["author_id"]


def test_json_holds_no_tokens_or_anonymous_authors(client, room):
    post(room["author"], room["anonymous"], "Anoniem")
    blob = get(client, room["session"], "json").data.decode()
    assert room["session"]["facilitator_token"] not in blob
    for word in ("token", "hash", "Annemarie", "participant_id", "client_id"):
        assert word not in blob, word
    data = json.loads(blob)
    (note,) = data["activities"][0]["notes"]
    assert note["author_id"] is None


# --- copies on disk --------------------------------------------------------------------------


def test_exports_are_kept_and_erased_with_the_session(app, client, room):
    post(room["author"], room["anonymous"], "Bewaard")
    session = room["session"]
    folder = Path(app.config["EXPORTS_DIR"]) / session["code"]
    csv_body = get(client, session, "csv").data
    json_body = get(client, session, "json").data
    assert (folder / "export.csv").read_bytes() == csv_body
    assert (folder / "export.json").read_bytes() == json_body
    assert client.delete(f"/api/sessions/{session['code']}", headers=bearer(session)).status_code == 200
    assert not folder.exists()


def test_every_work_format_exports(client, make_session, sock):
    """Each plugin's extra_view and categories make it into both formats (lazy labels as text)."""
    slugs = [f["slug"] for f in client.get("/api/workforms").get_json()]
    session = make_session(agenda=slugs)
    sock(session, name="Sam")
    for kind in ("csv", "json"):
        assert get(client, session, kind).status_code == 200, kind
    data = get(client, session, "json").get_json()
    assert [a["workform"] for a in data["activities"]] == slugs
    assert [a["position"] for a in data["activities"]] == list(range(1, len(slugs) + 1))
    assert data["participants_count"] == 1
