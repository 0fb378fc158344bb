"""Werkvorm `kennismaken`: pick a card, introduce yourself; the facilitator's own deck
(uploads: re-encoded, stripped of metadata, refused when not a clean image); the report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import activity_of, new_client_id, received
from PIL import Image
from pypdf import PdfReader
from upload_support import encoded, fetch, jpeg_with_gps, multipart, png_bytes

from workforms.kennismaken import cards as uploads
from workforms.kennismaken import default_deck

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def session(make_session):
    return make_session(agenda=["kennismaken"])


def auth(session) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['facilitator_token']}"}


def upload(client, session, *files, headers=None):
    url = f"/api/sessions/{session['code']}/cards"
    return client.post(url, headers=auth(session) if headers is None else headers, **multipart(*files))


def uploads_dir(app, session) -> Path:
    return Path(app.config["UPLOADS_DIR"]) / session["code"]


def post(phone, activity, card, text="Een praktijk waar iedereen met plezier werkt.", **data):
    payload = {"activity_id": activity["id"], "client_id": new_client_id(), "text": text}
    payload["data"] = {"card": card, **data}
    return phone.emit("note:add", payload, callback=True)


# --- the default deck ------------------------------------------------------------------


def test_default_deck_has_at_least_24_self_contained_cards_with_licence() -> None:
    deck = default_deck()
    assert len(deck) >= 24
    assert len({c["id"] for c in deck}) == len(deck)
    assert (ROOT / "static" / "cards" / "LICENSE").read_text().count("CC0") >= 1
    for card in deck:
        svg = (ROOT / "static" / "cards" / f"{card['id']}.svg").read_text()
        assert svg.startswith("<svg") and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "<image" not in svg and "<text" not in svg and "<script" not in svg
        assert len(svg) < 8000
        with Image.open(ROOT / "static" / "cards" / card["png"]) as png:
            assert png.size == (320, 240)
        assert card["label"]


def test_default_cards_are_served(client) -> None:
    card = default_deck()[0]
    status, mimetype, _data = fetch(client, card["url"])
    assert status == 200
    assert mimetype == "image/svg+xml"


# --- phones, board, facilitator ----------------------------------------------------------


def test_participant_picks_card_and_board_gets_it_with_name(session, sock) -> None:
    board, _ = sock(session, role="board")
    phone, ack = sock(session, name="Anna")
    activity = activity_of(ack, "kennismaken")
    assert activity["anonymous"] is False
    assert activity["phase"] == "kiezen"
    deck = activity["extra"]["deck"]
    assert len(deck) >= 24 and all({"id", "label", "url"} <= set(c) for c in deck)
    board.get_received()
    answer = post(phone, activity, "vuurtoren", role="  Doktersassistente ")
    assert answer["ok"], answer
    assert answer["note"]["data"] == {"card": "vuurtoren", "role": "Doktersassistente"}
    [msg] = received(board, "note:added")
    assert msg["note"]["author_name"] == "Anna"
    assert msg["note"]["data"]["card"] == "vuurtoren"
    # The extra view is the deck only: no names reach it.
    assert "Anna" not in json.dumps(activity["extra"])


def test_note_without_card_or_with_unknown_card_is_refused_and_not_stored(session, sock) -> None:
    fac, _fack = sock(session, role="facilitator")
    phone, ack = sock(session, name="Bas")
    activity = activity_of(ack, "kennismaken")
    no_card = phone.emit(
        "note:add", {"activity_id": activity["id"], "client_id": new_client_id(), "text": "Droom"}, callback=True
    )
    assert no_card == {"ok": False, "error": "Kies eerst een kaart."}
    for bad in ("bestaat-niet", "../../etc/passwd", "u0123456789abcdef", 42, None):
        answer = post(phone, activity, bad)
        assert answer["ok"] is False
        assert answer["error"] == "Kies eerst een kaart." or "stapel" in answer["error"]
    too_long = post(phone, activity, "boom", role="x" * 41)
    assert too_long["ok"] is False and "40 tekens" in too_long["error"]
    not_text = post(phone, activity, "boom", role=["praktijkmanager"])
    assert not_text["ok"] is False
    listed = fac.emit("notes:list", {"activity_id": activity["id"]}, callback=True)
    assert listed["ok"] and listed["notes"] == []


def test_card_of_another_session_is_refused(client, make_session, sock) -> None:
    one = make_session(agenda=["kennismaken"])
    other = make_session(agenda=["kennismaken"])
    added = upload(client, other, ("eigen.png", png_bytes())).get_json()["added"][0]
    phone, ack = sock(one, name="Cor")
    answer = post(phone, activity_of(ack, "kennismaken"), added["id"])
    assert answer["ok"] is False and "stapel" in answer["error"]
    # In its own session the same card is fine.
    phone2, ack2 = sock(other, name="Dirk")
    assert post(phone2, activity_of(ack2, "kennismaken"), added["id"])["ok"]


def test_a_name_is_required_and_joining_again_with_one_fixes_it(session, sock) -> None:
    phone, ack = sock(session)
    activity = activity_of(ack, "kennismaken")
    refused = post(phone, activity, "brug")
    assert refused["ok"] is False and "naam" in refused["error"]
    # The phone asks for a name and joins again with its token: the name is set.
    again = phone.emit("join", {"code": session["code"], "token": ack["token"], "name": "Eva"}, callback=True)
    assert again["me"]["name"] == "Eva"
    answer = post(phone, activity, "brug")
    assert answer["ok"], answer
    assert answer["note"]["author_name"] == "Eva"


def test_editing_the_explanation_keeps_the_card(session, sock) -> None:
    phone, ack = sock(session, name="Fleur")
    note = post(phone, activity_of(ack, "kennismaken"), "kompas")["note"]
    updated = phone.emit("note:update", {"note_id": note["id"], "text": "Nieuwe uitleg"}, callback=True)
    assert updated["ok"], updated
    assert updated["note"]["data"]["card"] == "kompas"


def test_posting_closes_in_the_introduction_round_and_spotlight_shows_a_person(session, sock) -> None:
    fac, _fack = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, ack = sock(session, name="Gijs")
    activity = activity_of(ack, "kennismaken")
    post(phone, activity, "zeilboot")
    assert fac.emit("activity:phase", {"activity_id": activity["id"], "phase": "voorstelrondje"}, callback=True)["ok"]
    closed = post(phone, activity, "boom")
    assert closed["ok"] is False and "voorstelrondje" in closed["error"]
    board.get_received()
    spot = fac.emit("spotlight:set", {"activity_id": activity["id"], "participant_id": ack["me"]["id"]}, callback=True)
    assert spot["ok"], spot
    [changed] = received(board, "spotlight:changed")
    assert changed["spotlight"]["participant_id"] == ack["me"]["id"]


def test_max_three_cards_per_participant(session, sock) -> None:
    phone, ack = sock(session, name="Hanna")
    activity = activity_of(ack, "kennismaken")
    assert all(post(phone, activity, c)["ok"] for c in ("boom", "brug", "klok"))
    fourth = post(phone, activity, "trap")
    assert fourth["ok"] is False and "maximum" in fourth["error"]


def test_facilitator_switches_default_deck_off(client, session, sock) -> None:
    fac, fack = sock(session, role="facilitator")
    phone, _ack = sock(session, name="Ilse")
    activity = activity_of(fack, "kennismaken")
    added = upload(client, session, ("praktijk.jpg", png_bytes())).get_json()["added"][0]
    answer = fac.emit("kennismaken:deck", {"activity_id": activity["id"], "use_default": False}, callback=True)
    assert answer["ok"], answer
    phone.get_received()
    assert (
        fac.emit("kennismaken:deck", {"activity_id": activity["id"], "use_default": "nee"}, callback=True)["ok"]
        is False
    )
    # Participants may not change the deck.
    assert (
        phone.emit("kennismaken:deck", {"activity_id": activity["id"], "use_default": True}, callback=True)["ok"]
        is False
    )
    refused = post(phone, activity, "boom")
    assert refused["ok"] is False and "stapel" in refused["error"]
    assert post(phone, activity, added["id"])["ok"]


# --- uploads ------------------------------------------------------------------------------


def test_upload_reencodes_and_reaches_every_client(app, client, session, sock) -> None:
    phone, _ack = sock(session, name="Jan")
    phone.get_received()
    big = png_bytes((2000, 1000), (0, 128, 0, 128), mode="RGBA")
    response = upload(client, session, ("Onze_tuin.png", big), ("team.jpg", jpeg_with_gps()))
    assert response.status_code == 201, response.get_json()
    added = response.get_json()["added"]
    assert [c["label"] for c in added] == ["Onze tuin", "team"]
    # Every phone gets the new deck through activity.extra.
    [changed] = received(phone, "activity:changed")
    ids = [c["id"] for c in changed["activity"]["extra"]["deck"]]
    assert ids[-2:] == [c["id"] for c in added]
    status, mimetype, data = fetch(client, added[0]["url"])
    assert status == 200 and mimetype == "image/jpeg"
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG" and img.mode == "RGB"
        assert max(img.size) == 800
    # Listed for anyone with the code (the board shows them anyway).
    listed = client.get(f"/api/sessions/{session['code']}/cards").get_json()["cards"]
    assert [c["id"] for c in listed] == [c["id"] for c in added]


def test_exif_and_gps_are_stripped(client, session) -> None:
    raw = jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif().get_ifd(0x8825)  # the test image does carry GPS
    added = upload(client, session, ("gps.jpg", raw)).get_json()["added"][0]
    data = fetch(client, added["url"])[2]
    with Image.open(io.BytesIO(data)) as img:
        assert len(img.getexif()) == 0
        assert not img.getexif().get_ifd(0x8825)
        assert "exif" not in img.info and "comment" not in img.info and "icc_profile" not in img.info
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"secret comment" not in data


def assert_nothing_stored(app, client, session) -> None:
    assert client.get(f"/api/sessions/{session['code']}/cards").get_json()["cards"] == []
    folder = uploads_dir(app, session)
    assert not folder.exists() or not list(folder.glob("*.jpg"))


def test_non_image_is_refused(app, client, session) -> None:
    response = upload(client, session, ("kaart.png", b"this is not a picture at all" * 10))
    assert response.status_code == 400
    assert "geen (geldige) JPEG- of PNG-afbeelding" in response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_other_image_formats_are_refused(app, client, session) -> None:
    gif = encoded(Image.new("RGB", (10, 10), "red"), "GIF")
    response = upload(client, session, ("kaart.gif", gif))
    assert response.status_code == 400 and "Alleen JPEG- of PNG" in response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_one_bad_file_stores_none_of_the_batch(app, client, session) -> None:
    response = upload(client, session, ("goed.png", png_bytes()), ("kapot.jpg", b"\xff\xd8\xff\xe0 broken"))
    assert response.status_code == 400 and "'kapot'" in response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_oversized_file_is_refused(app, client, session) -> None:
    raw = png_bytes() + b"\0" * (uploads.MAX_FILE_BYTES + 10)
    response = upload(client, session, ("groot.png", raw))
    assert response.status_code == 400 and "te groot" in response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_oversized_request_is_refused(app, client, session) -> None:
    files = [(f"f{i}.png", b"\0" * uploads.MAX_FILE_BYTES) for i in range(uploads.MAX_FILES_PER_REQUEST + 1)]
    response = upload(client, session, *files)
    assert response.status_code in (400, 413)
    assert response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_decompression_bomb_is_refused(app, client, session) -> None:
    bomb = png_bytes((20000, 20000), 0, mode="1")
    assert len(bomb) < 200_000  # tiny file, 400 megapixels
    response = upload(client, session, ("bom.png", bomb))
    assert response.status_code == 400 and "te veel pixels" in response.get_json()["error"]
    # Below Pillow's own limit but above ours: refused before decoding too.
    large = png_bytes((7000, 7000), 0, mode="1")
    response = upload(client, session, ("groot.png", large))
    assert response.status_code == 400 and "te veel pixels" in response.get_json()["error"]
    assert_nothing_stored(app, client, session)


def test_upload_needs_the_facilitator(app, client, session, make_session) -> None:
    assert upload(client, session, ("a.png", png_bytes()), headers={}).status_code == 401
    other = make_session()
    wrong = {"Authorization": f"Bearer {other['facilitator_token']}"}
    assert upload(client, session, ("a.png", png_bytes()), headers=wrong).status_code == 403
    # A participant's token is no facilitator token either.
    assert upload(client, session, ("a.png", png_bytes()), headers={"Authorization": "Bearer abc"}).status_code == 403
    assert_nothing_stored(app, client, session)
    assert client.post(f"/api/sessions/{session['code']}/cards", headers=auth(session)).status_code == 400


def test_delete_card_needs_the_facilitator_and_removes_the_file(app, client, session) -> None:
    added = upload(client, session, ("a.png", png_bytes())).get_json()["added"][0]
    path = f"/api/sessions/{session['code']}/cards/{added['id']}"
    assert client.delete(path).status_code == 401
    assert client.delete(path, headers=auth(session)).status_code == 200
    assert client.get(added["url"]).status_code == 404
    assert_nothing_stored(app, client, session)
    assert client.delete(path, headers=auth(session)).status_code == 404
    assert client.get(f"/api/sessions/{session['code']}/cards/..%2F..%2Fsecret_key.jpg").status_code == 404


def test_at_most_40_cards_per_session(app, client, session) -> None:
    assert app.config["SESSION_MAX_CARDS"] == uploads.MAX_CARDS == 40
    assert client.get(f"/api/sessions/{session['code']}/cards").get_json()["max_cards"] == 40
    app.config["SESSION_MAX_CARDS"] = 2  # configuration (app/limits.py)
    assert upload(client, session, ("a.png", png_bytes()), ("b.png", png_bytes())).status_code == 201
    response = upload(client, session, ("c.png", png_bytes()))
    assert response.status_code == 400 and "Maximaal 2 eigen kaarten" in response.get_json()["error"]
    assert len(client.get(f"/api/sessions/{session['code']}/cards").get_json()["cards"]) == 2


def test_deleting_the_session_removes_its_uploads(app, client, session) -> None:
    upload(client, session, ("a.png", png_bytes()))
    folder = uploads_dir(app, session)
    assert list(folder.glob("*.jpg"))
    assert client.delete(f"/api/sessions/{session['code']}", headers=auth(session)).status_code == 200
    assert not folder.exists()


def test_unknown_session_has_no_cards(client) -> None:
    assert client.get("/api/sessions/ZZZZZZ/cards").status_code == 404
    assert client.get("/api/sessions/ZZZZZZ/cards/u0123456789abcdef.jpg").status_code == 404


# --- report ---------------------------------------------------------------------------------


def test_report_has_thumbnails_names_roles_and_explanations(client, session, sock) -> None:
    added = upload(client, session, ("eigen.png", png_bytes((300, 200), "purple"))).get_json()["added"][0]
    anna, ack = sock(session, name="Anna <b>de Vries</b>")
    activity = activity_of(ack, "kennismaken")
    post(anna, activity, "vuurtoren", text="Een baken voor de wijk & haar patiënten", role="Huisarts")
    bas, _ = sock(session, name="Bas")
    post(bas, activity, added["id"], text="Onze eigen praktijk, vernieuwd")
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth(session))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    # Whitespace collapsed: two people a row, a text may wrap in its column.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        "Anna <b>de Vries</b>",
        "Huisarts",
        "Een baken voor de wijk & haar patiënten",
        "Bas",
        "Onze eigen praktijk, vernieuwd",
        "Kaart: Vuurtoren",
        "Kaart: eigen",
    ):
        assert expected in text, expected
    images = [img for page in reader.pages for img in page.images]
    assert len(images) >= 2


def test_phones_are_not_offered_stacking_for_introduction_cards(app) -> None:
    forms = app.extensions["flipover.registry"]
    assert forms.get("kennismaken").meta()["stacking"] is False
    assert forms.get("trots").meta()["stacking"] is True
    # The board counts cards, not post-its, in the session's language.
    from app.i18n import language

    with app.test_request_context():
        assert forms.get("kennismaken").meta()["note_nouns"] == ["kaart", "kaarten"]
        with language("en"):
            assert forms.get("kennismaken").meta()["note_nouns"] == ["card", "cards"]
            assert forms.get("trots").meta()["note_nouns"] == ["sticky note", "sticky notes"]


# --- the deck's labels in English ----------------------------------------------------------


def test_every_shipped_label_is_marked_for_translation() -> None:
    from workforms.kennismaken import CARD_LABELS

    assert [str(label) for label in CARD_LABELS] == [card["label"] for card in default_deck()]


def test_english_session_shows_english_card_labels_on_phones_and_in_the_report(client, make_session, sock) -> None:
    session = make_session(agenda=["kennismaken"], language="en")
    anna, ack = sock(session, name="Anna", lang="en")
    activity = activity_of(ack, "kennismaken")
    labels = {c["id"]: c["label"] for c in activity["extra"]["deck"]}
    assert labels["vuurtoren"] == "Lighthouse" and labels["huis"] == "House with a heart"
    assert "Vuurtoren" not in labels.values()
    upload(client, session, ("Onze tuin.png", png_bytes()))
    assert "Onze tuin" in {c["label"] for c in activity_of(sock(session, lang="en")[1], "kennismaken")["extra"]["deck"]}
    assert post(anna, activity, "vuurtoren")["ok"]
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth(session))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Card: Lighthouse" in text and "Vuurtoren" not in text
