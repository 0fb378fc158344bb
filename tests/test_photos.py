"""Photos of paper flip-overs per agenda item (issue 20 part 5): uploaded by the
facilitator through the cards' pipeline (re-encoded, metadata stripped, the same limits),
announced to board and facilitators only, shown on the board on request, in the report,
and erased with the session."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, app_config, received
from PIL import Image
from upload_support import encoded, fetch, jpeg_with_gps, multipart, png_bytes

from app import create_app, images, photos
from app.retention import purge_expired


def auth(session) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['facilitator_token']}"}


def base(session, activity_id) -> str:
    return f"/api/sessions/{session['code']}/activities/{activity_id}/photos"


def upload(client, session, activity_id, *files, headers=None):
    headers = auth(session) if headers is None else headers
    return client.post(base(session, activity_id), headers=headers, **multipart(*files))


def photo_files(app, session) -> list[Path]:
    folder = Path(app.config["UPLOADS_DIR"]) / session["code"] / "photos"
    return list(folder.glob("*.jpg")) if folder.is_dir() else []


def photo_rows(app, code: str) -> int:
    with app.extensions["flipover.store"].reading() as db:
        return db["photos"].count_where("session_code = ?", [code])


@pytest.fixture
def session(make_session):
    return make_session(agenda=["trots"])


@pytest.fixture
def item(session, sock) -> dict[str, Any]:
    _fac, ack = sock(session, role="facilitator")
    return activity_of(ack)


def assert_nothing_stored(app, client, session, item) -> None:
    assert client.get(base(session, item["id"])).get_json()["photos"] == []
    assert photo_files(app, session) == []
    assert photo_rows(app, session["code"]) == 0


def test_upload_reencodes_strips_metadata_and_reaches_board_and_facilitator_only(app, client, session, sock) -> None:
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Ria")
    item = activity_of(ack)
    for c in (fac, board, phone):
        c.get_received()
    response = upload(
        client, session, item["id"], ("flip_1.jpg", jpeg_with_gps((2400, 1800))), ("flip2.png", png_bytes())
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert [p["number"] for p in body["photos"]] == [1, 2] and len(body["added"]) == 2
    first = body["photos"][0]
    assert max(first["width"], first["height"]) == photos.MAX_SIDE  # 2400×1800 → 1600×1200
    status, mimetype, data = fetch(client, first["url"])
    assert status == 200 and mimetype == "image/jpeg"
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (1600, 1200) and len(img.getexif()) == 0
        assert "exif" not in img.info and "comment" not in img.info
    assert b"PhoneMaker" not in data and b"secret comment" not in data
    # Board and facilitator hear only this item's photos; phones nothing (not even the agenda).
    for staff in (fac, board):
        heard = staff.get_received()
        assert [m["args"][0] for m in heard if m["name"] == "photos:changed"] == [
            {"activity_id": item["id"], "photos": body["photos"]}
        ]
        assert not [m for m in heard if m["name"] == "activity:changed"]  # never the whole agenda
    assert phone.get_received() == []
    # The page state has them (board and facilitator), phones none.
    _b2, board_ack = sock(session, role="board")
    assert board_ack["state"]["photos"] == {str(item["id"]): body["photos"]}
    _p2, phone_ack = sock(session, name="Bas")
    assert phone_ack["state"]["photos"] == {}


def test_show_on_board_and_off_again_and_delete(app, client, session, sock) -> None:
    fac, ack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    item = activity_of(ack)
    photo = upload(client, session, item["id"], ("a.png", png_bytes())).get_json()["added"][0]
    board.get_received()
    assert fac.emit("spotlight:set", {"activity_id": item["id"], "photo_id": photo["id"]}, callback=True)["ok"]
    shown = received(board, "spotlight:changed")[-1]
    assert shown["spotlight"] == {"activity_id": item["id"], "photo_id": photo["id"]}
    assert shown["photo"]["url"] == photo["url"]
    assert fac.emit("spotlight:set", {}, callback=True)["ok"]
    assert received(board, "spotlight:changed")[-1]["spotlight"] is None
    # A photo id that is not this item's is refused.
    bad = fac.emit("spotlight:set", {"activity_id": item["id"], "photo_id": "f0000000000000000"}, callback=True)
    assert bad["ok"] is False and "foto" in bad["error"]
    # Deleting a shown photo takes it off the board.
    fac.emit("spotlight:set", {"activity_id": item["id"], "photo_id": photo["id"]}, callback=True)
    url = f"{base(session, item['id'])}/{photo['id']}"
    assert client.delete(url).status_code == 401
    board.get_received()
    assert client.delete(url, headers=auth(session)).status_code == 200
    heard = board.get_received()
    assert [m["args"][0] for m in heard if m["name"] == "spotlight:changed"][-1]["spotlight"] is None
    assert [m["args"][0] for m in heard if m["name"] == "photos:changed"][-1]["photos"] == []
    assert fetch(client, photo["url"])[0] == 404
    assert client.delete(url, headers=auth(session)).status_code == 404
    assert_nothing_stored(app, client, session, item)


def test_bad_files_are_refused_in_dutch_and_nothing_is_stored(app, client, session, item) -> None:
    cases = [
        (("flip.png", b"this is not a picture at all" * 10), 400, "geen (geldige) JPEG- of PNG-afbeelding"),
        (("flip.png", png_bytes() + b"\0" * (images.MAX_FILE_BYTES + 10)), 413, "te groot"),
    ]
    cases.append((("flip.gif", encoded(Image.new("RGB", (10, 10), "red"), "GIF")), 400, "Alleen JPEG- of PNG"))
    cases.append((("bom.png", png_bytes((7000, 7000), 0, mode="1")), 400, "te veel pixels"))
    for file, status, message in cases:
        response = upload(client, session, item["id"], ("goed.png", png_bytes()), file)
        assert response.status_code == status and message in response.get_json()["error"], response.get_json()
    assert upload(client, session, item["id"]).status_code == 400  # no file at all
    assert_nothing_stored(app, client, session, item)


def test_html_in_a_file_name_is_only_ever_text(client, session, item) -> None:
    response = upload(client, session, item["id"], ("<img src=x onerror=alert(1)>.png", b"not an image"))
    assert response.status_code == 400 and response.mimetype == "application/json"
    # The name is quoted in JSON, never stored: the photo list carries no names at all.
    good = upload(client, session, item["id"], ("<b>flip</b>.png", png_bytes())).get_json()["added"][0]
    assert set(good) == {"id", "number", "url", "width", "height"}


def test_who_may_do_what(app, client, session, item, make_session, sock) -> None:
    other = make_session(agenda=["trots"])
    _f, other_ack = sock(other, role="facilitator")
    other_item = activity_of(other_ack)
    assert upload(client, session, item["id"], ("a.png", png_bytes()), headers={}).status_code == 401
    wrong = {"Authorization": f"Bearer {other['facilitator_token']}"}
    refused = upload(client, session, item["id"], ("a.png", png_bytes()), headers=wrong)
    assert refused.status_code == 403 and "begeleiderslink" in refused.get_json()["error"]
    # Unknown code, unknown item, another session's item: 404 in Dutch, never a leak.
    unknown = upload(client, {**session, "code": "ZZZZZZ"}, item["id"], ("a.png", png_bytes()))
    assert unknown.status_code == 404 and unknown.get_json()["error"]
    gone = make_session(agenda=["trots"])
    assert client.delete(f"/api/sessions/{gone['code']}", headers=auth(gone)).status_code == 200
    unknown = upload(client, gone, item["id"], ("a.png", png_bytes()))
    assert unknown.status_code == 404 and "bestaat niet" in unknown.get_json()["error"]
    assert upload(client, session, 999999, ("a.png", png_bytes())).status_code == 404
    theirs = upload(client, session, other_item["id"], ("a.png", png_bytes()))
    assert theirs.status_code == 404 and "onderdeel" in theirs.get_json()["error"]
    assert_nothing_stored(app, client, session, item)
    # A photo is read with its own session's code and item only.
    photo = upload(client, other, other_item["id"], ("a.png", png_bytes())).get_json()["added"][0]
    assert fetch(client, photo["url"])[0] == 200
    assert fetch(client, f"{base(session, other_item['id'])}/{photo['id']}.jpg")[0] == 404
    assert fetch(client, f"{base(session, item['id'])}/{photo['id']}.jpg")[0] == 404
    assert fetch(client, f"/api/sessions/ZZZZZZ/activities/{other_item['id']}/photos")[0] == 404
    assert client.delete(f"{base(other, other_item['id'])}/{photo['id']}", headers=auth(session)).status_code == 403


def test_upload_rate_per_address_and_the_session_caps(tmp_path) -> None:
    app = create_app(app_config(tmp_path, UPLOADS_PER_ADDRESS_BURST=3, UPLOADS_PER_ADDRESS_PER_MINUTE=0))
    try:
        client = app.test_client()
        session = client.post("/api/sessions", json={"title": "T", "agenda": [{"workform": "trots"}]}).get_json()
        state = client.get(f"/api/sessions/{session['code']}", headers=auth(session)).get_json()
        item = state["activities"][0]
        assert upload(client, session, item["id"], ("a.png", png_bytes())).status_code == 201
        # The session's bytes (cards and photos share the cap).
        app.config["SESSION_MAX_UPLOAD_BYTES"] = sum(f.stat().st_size for f in photo_files(app, session))
        full = upload(client, session, item["id"], ("b.png", png_bytes()))
        assert full.status_code == 413 and "Verwijder eerst kaarten of foto's" in full.get_json()["error"]
        app.config["SESSION_MAX_UPLOAD_BYTES"] = 25 * 2**20
        assert upload(client, session, item["id"], ("c.png", png_bytes())).status_code == 201
        flood = upload(client, session, item["id"], ("d.png", png_bytes()))
        assert flood.status_code == 429 and "Te veel uploads" in flood.get_json()["error"]
        assert flood.headers["Retry-After"]
        assert len(photo_files(app, session)) == photo_rows(app, session["code"]) == 2
    finally:
        app.extensions["flipover.store"].close()


def test_at_most_so_many_photos_per_item(app, client, session, item, monkeypatch) -> None:
    monkeypatch.setattr(photos, "MAX_PER_ITEM", 2)
    monkeypatch.setattr("app.api_photos.MAX_PER_ITEM", 2)
    assert upload(client, session, item["id"], ("a.png", png_bytes()), ("b.png", png_bytes())).status_code == 201
    too_many = upload(client, session, item["id"], ("c.png", png_bytes()))
    assert too_many.status_code == 409 and "Maximaal 2 foto's per onderdeel" in too_many.get_json()["error"]


def _marker_png() -> bytes:
    """A picture whose JPEG bytes we can look for in the database and folder files."""
    return png_bytes((300, 200), "purple")


def test_deleting_the_session_erases_photos_rows_and_bytes(app, client, session, item) -> None:
    photo = upload(client, session, item["id"], ("a.png", _marker_png())).get_json()["added"][0]
    data = fetch(client, photo["url"])[2]
    assert photo_files(app, session) and photo_rows(app, session["code"]) == 1
    assert client.delete(f"/api/sessions/{session['code']}", headers=auth(session)).status_code == 200
    assert photo_rows(app, session["code"]) == 0
    assert not (Path(app.config["UPLOADS_DIR"]) / session["code"]).exists()
    instance = Path(app.config["DATABASE"]).parent
    for file in [*instance.rglob("*"), *Path(app.config["UPLOADS_DIR"]).rglob("*")]:
        if file.is_file():
            assert data[200:264] not in file.read_bytes(), file


def test_the_retention_sweep_erases_photos(tmp_path) -> None:
    from datetime import UTC, datetime, timedelta

    app = create_app(app_config(tmp_path, RETENTION_DAYS=30))
    try:
        client = app.test_client()
        session = client.post("/api/sessions", json={"title": "Oud", "agenda": [{"workform": "trots"}]}).get_json()
        item = client.get(f"/api/sessions/{session['code']}", headers=auth(session)).get_json()["activities"][0]
        assert upload(client, session, item["id"], ("a.png", png_bytes())).status_code == 201
        long_ago = (datetime.now(UTC) - timedelta(days=31)).isoformat(timespec="milliseconds")
        with app.extensions["flipover.store"].transaction() as db:
            db["sessions"].update(session["code"], {"created_at": long_ago})
        assert purge_expired(app) == [session["code"]]
        assert photo_rows(app, session["code"]) == 0 and photo_files(app, session) == []
    finally:
        app.extensions["flipover.store"].close()


def test_report_places_photos_in_the_items_section_and_counts_it_as_treated(client, session, item) -> None:
    from docx import Document
    from pypdf import PdfReader

    # Before: an item with nothing is "Niet behandeld."
    before = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth(session))
    assert "Niet behandeld." in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(before.data)).pages)
    tall = png_bytes((600, 1800), "green")  # a portrait photo: as high as a page allows
    assert upload(client, session, item["id"], ("a.png", png_bytes((1600, 1200))), ("b.png", tall)).status_code == 201
    pdf = PdfReader(io.BytesIO(client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth(session)).data))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Niet behandeld." not in text
    assert "Foto van de flip-over 1" in text and "Foto van de flip-over 2" in text
    assert "2 foto's van de flip-over" in text
    assert sum(len(page.images) for page in pdf.pages) == 2
    docx = client.get(f"/api/sessions/{session['code']}/report.docx", headers=auth(session))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.data))
    assert len(document.inline_shapes) == 2
    wide = document.inline_shapes[0]
    assert abs(wide.width / wide.height - 1600 / 1200) < 0.01  # the aspect kept
    words = " ".join(p.text for p in document.paragraphs)
    assert "Foto van de flip-over 2" in words
