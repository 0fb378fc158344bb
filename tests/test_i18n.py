"""Languages: Dutch by default, English second (app/i18n.py, translations/)."""

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import activity_of, new_client_id
from drivers import bearer, pdf_words
from drivers import post_note as post
from pypdf import PdfReader

from app import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


# --- the catalogue ---------------------------------------------------------------------------


def english_catalogue():
    with open(PO, "rb") as f:
        return read_po(f, locale="en")


def test_every_message_has_an_english_translation():
    missing = []
    for message in english_catalogue():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings) or message.fuzzy:
            missing.append(message.id)
    assert not missing, f"untranslated: {missing}"


def test_placeholders_survive_translation():
    for message in english_catalogue():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for source, translated in zip(ids, strings, strict=False):
            names = sorted(part.split(")")[0] for part in source.split("%(")[1:])
            assert sorted(part.split(")")[0] for part in translated.split("%(")[1:]) == names, source


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what the app reads: it must not lag behind the .po
    (run `python translations/build.py compile`)."""

    def plain(catalog):
        return {_key(m.id): _key(m.string) for m in catalog if m.id}

    with open(MO, "rb") as f:
        compiled = plain(read_mo(f))
    assert compiled == plain(english_catalogue())


def _key(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_catalogue_is_up_to_date_with_the_code():
    """Every marked text in the code is in the .po (run `python translations/build.py`)."""
    sys.path.insert(0, str(ROOT / "translations"))
    try:
        import build
    finally:
        sys.path.pop(0)
    extracted = {m.id for m in build.extract() if m.id}
    known = {m.id for m in english_catalogue() if m.id}
    assert extracted - known == set()


def test_dutch_is_the_source_and_the_default(app):
    with app.test_request_context("/"):
        assert i18n.current_language() == "nl"
        assert i18n.gettext("Verbonden") == "Verbonden"
        with i18n.language("en"):
            assert i18n.gettext("Verbonden") == "Connected"
            assert i18n.gettext("Onbekende werkvorm: %(slug)s", slug="x") == "Unknown work format: x"
        with i18n.language("fr"):  # unknown: Dutch
            assert i18n.gettext("Verbonden") == "Verbonden"


def test_translation_works_without_a_flask_context():
    """The PDF renders in a worker thread, outside any app context."""
    with i18n.language("en"):
        assert i18n.gettext("Verslag van de bijeenkomst") == "Report of the meeting"
    assert i18n.gettext("Verslag van de bijeenkomst") == "Verslag van de bijeenkomst"


def test_js_catalogue(client):
    english = client.get("/i18n/en.json")
    assert english.status_code == 200
    assert english.get_json()["Verbonden"] == "Connected"
    assert client.get("/i18n/nl.json").get_json() == {}
    assert client.get("/i18n/xx.json").status_code == 404


def test_dates_per_locale():
    assert i18n.format_date("2026-11-07T10:00:00", "nl") == "7 november 2026"
    assert i18n.format_date("2026-11-07T10:00:00", "en") == "November 7, 2026"


# --- the session language ---------------------------------------------------------------------


def test_sessions_are_dutch_by_default(client, make_session, sock):
    session = make_session(template="kick-off")
    _, ack = sock(session)
    assert ack["state"]["language"] == "nl"
    assert activity_of(ack)["prompt"] == "Waar zijn jullie trots op als het gaat om jullie praktijk?"
    assert '<html lang="nl">' in client.get(f"/b/{session['code']}").get_data(as_text=True)


def test_session_created_in_english(client, make_session, sock):
    session = make_session(template="kick-off", language="en")
    _, ack = sock(session, lang="en")
    state = ack["state"]
    assert state["language"] == "en"
    titles = [a["title"] for a in state["activities"]]
    assert titles[0] == "Project explanation"
    assert "Pride" in titles
    assert activity_of(ack)["prompt"] == "What are you proud of when it comes to your practice?"
    assert state["workforms"]["trots"]["title"] == "Pride"
    board = client.get(f"/b/{session['code']}").get_data(as_text=True)
    assert '<html lang="en">' in board and "Join with code" in board and "Doe mee met code" not in board


@pytest.mark.parametrize("bad", ["fr", "", 3, None, ["en"]])
def test_bad_language_at_creation_is_refused(client, bad):
    response = client.post("/api/sessions", json={"title": "X", "language": bad})
    assert response.status_code == 400
    assert "'language'" in response.get_json()["error"]


def test_facilitator_switches_the_language(make_session, sock):
    session = make_session(template="kick-off")
    fac, _ = sock(session, role="facilitator")
    phone, _ = sock(session)
    board, _ = sock(session, role="board")
    ack = fac.emit("session:update", {"language": "en"}, callback=True)
    assert ack == {"ok": True, "language": "en"}
    for client in (phone, board):
        messages = client.get_received()
        assert [m["args"][0] for m in messages if m["name"] == "session:changed"] == [{"language": "en"}]
        changed = [m["args"][0] for m in messages if m["name"] == "activity:changed"]
        assert changed[-1]["activities"][0]["title"] == "Project explanation"
    _, rejoin = sock(session, lang="en")
    assert rejoin["state"]["language"] == "en"
    # Titles and prompts still at their default follow the language.
    assert activity_of(rejoin)["prompt"] == "What are you proud of when it comes to your practice?"
    assert rejoin["state"]["activities"][0]["title"] == "Project explanation"


def test_switching_keeps_what_the_facilitator_wrote(make_session, sock):
    session = make_session(template="kick-off")
    fac, ack = sock(session, role="facilitator")
    trots = activity_of(ack)
    assert fac.emit("activity:update", {"activity_id": trots["id"], "prompt": "Onze eigen vraag"}, callback=True)["ok"]
    assert fac.emit("session:update", {"language": "en"}, callback=True)["ok"]
    _, rejoin = sock(session)
    assert activity_of(rejoin)["prompt"] == "Onze eigen vraag"
    assert fac.emit("session:update", {"language": "nl"}, callback=True)["ok"]
    _, back = sock(session)
    assert back["state"]["activities"][0]["title"] == "Toelichting project"


@pytest.mark.parametrize("payload", [{}, {"language": "de"}, {"language": 1}, {"language": None}])
def test_bad_language_update_is_refused(make_session, sock, payload):
    session = make_session()
    fac, _ = sock(session, role="facilitator")
    ack = fac.emit("session:update", payload, callback=True)
    assert ack["ok"] is False and ack["error"]
    _, rejoin = sock(session)
    assert rejoin["state"]["language"] == "nl"


def test_only_the_facilitator_switches_the_language(make_session, sock):
    session = make_session()
    phone, _ = sock(session)
    board, _ = sock(session, role="board")
    for client in (phone, board):
        ack = client.emit("session:update", {"language": "en"}, callback=True)
        assert ack == {"ok": False, "error": "Alleen de begeleider kan dit doen."}
    _, rejoin = sock(session)
    assert rejoin["state"]["language"] == "nl"


# --- errors in the client's language ---------------------------------------------------------


def test_socket_errors_in_the_language_of_the_client(make_session, sock):
    session = make_session()
    dutch, _ = sock(session)
    english, _ = sock(session, lang="en")
    for client, expected in (
        (dutch, "Deze post-it bestaat niet (meer)."),
        (english, "This sticky note does not exist (any more)."),
    ):
        ack = client.emit("note:delete", {"note_id": 999999}, callback=True)
        assert ack == {"ok": False, "error": expected}


def test_join_refusal_in_the_language_asked(sock):
    client, _ = sock()
    ack = client.emit("join", {"code": "ZZZZZZ", "lang": "en"}, callback=True)
    assert ack == {"ok": False, "error": "This meeting does not exist (any more). Check the code."}
    ack = client.emit("join", {"code": "ZZZZZZ"}, callback=True)
    assert ack["error"] == "Deze bijeenkomst bestaat niet (meer). Controleer de code."


def test_interpolated_error_in_english(make_session, sock):
    session = make_session()
    fac, ack = sock(session, role="facilitator", lang="en")
    trots = activity_of(ack)
    ack = fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "nope"}, callback=True)
    assert ack["error"].startswith("Unknown phase for this work format (possible: ")


def test_core_module_refusals_in_english(make_session, sock):
    """notes, goals, timer: the modules' own refusals reach an English client in English, a Dutch one unchanged."""
    session = make_session(template="kick-off")
    fac_en, ack = sock(session, role="facilitator", lang="en")
    fac_nl, _ = sock(session, role="facilitator")
    phone_en, _ = sock(session, lang="en")
    trots = activity_of(ack)
    bad_note = {"activity_id": trots["id"], "client_id": new_client_id(), "text": 3}
    assert phone_en.emit("note:add", bad_note, callback=True)["error"] == "Your sticky note has no text."
    assert fac_en.emit("goal:add", {"title": " "}, callback=True)["error"] == "A goal needs a text."
    assert fac_nl.emit("goal:add", {"title": " "}, callback=True)["error"] == "Een doelstelling heeft een tekst nodig."
    long_goal = fac_en.emit("goal:add", {"title": "x" * 201}, callback=True)["error"]
    assert long_goal == "A goal is at most 200 characters."
    stop = {"activity_id": trots["id"], "action": "pause"}
    assert fac_en.emit("timer:set", stop, callback=True)["error"] == "No timer is running."
    assert fac_nl.emit("timer:set", stop, callback=True)["error"] == "Er loopt geen timer."


def test_http_errors_follow_lang_parameter_or_cookie(client):
    assert client.post("/api/sessions?lang=en", json={}).get_json()["error"] == "Give the meeting a title."
    assert client.post("/api/sessions", json={}).get_json()["error"] == "Geef de bijeenkomst een titel."
    client.set_cookie(i18n.COOKIE, "en")
    assert client.post("/api/sessions", json={}).get_json()["error"] == "Give the meeting a title."


# --- pages --------------------------------------------------------------------------------------


def test_phone_page_follows_session_unless_the_phone_chose(client, make_session):
    session = make_session(language="en")
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert '<html lang="en">' in page and "Post your sticky note" in page
    client.set_cookie(i18n.COOKIE, "nl")
    page = client.get(f"/j/{session['code']}").get_data(as_text=True)
    assert '<html lang="nl">' in page and "Je post-it plakken" in page


def test_board_ignores_the_phone_cookie(client, make_session):
    session = make_session()
    client.set_cookie(i18n.COOKIE, "en")
    assert '<html lang="nl">' in client.get(f"/b/{session['code']}").get_data(as_text=True)


def test_not_found_page_escapes_the_typed_code_in_english(client):
    page = client.get("/join?code=<b>x</b>&lang=en").get_data(as_text=True)
    assert "We found no meeting with the code" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;" in page


def test_start_page_in_english(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "New meeting" in page and "Kick-off meeting" in page
    assert client.get("/api/templates?lang=en").get_json()[0]["title"] == "Kick-off meeting"
    assert client.get("/api/templates").get_json()[0]["title"] == "Kick-off bijeenkomst"


# --- the PDF -------------------------------------------------------------------------------------


def test_pdf_in_the_session_language(client, make_session, sock):
    session = make_session(title="Kick-off", practice="De Linde", template="kick-off", language="en")
    phone, ack = sock(session, name="Anna")
    post(phone, activity_of(ack), "Our triage")
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    text = pdf_words(response.data)
    for english in (
        "Report of the meeting",
        "Practice",
        "Participants",
        "Join code",
        "Project explanation",
        "page 1",
    ):
        assert english in text, english
    for dutch in ("Verslag van de bijeenkomst", "Deelnemers", "Deelnamecode", "pagina 1"):
        assert dutch not in text, dutch
    month = datetime.now(UTC).strftime("%B")  # English month name (C locale)
    assert month in text
    assert "Our triage" in text
    assert PdfReader(io.BytesIO(response.data)).metadata.title == "Report — Kick-off"


# --- the work formats in English ------------------------------------------------------------

ALL_FORMATS = [
    "toelichting",
    "kennismaken",
    "trots",
    "uitdagingen-en-kansen",
    "doelstellingen",
    "kernwoorden",
    "processen-en-acties",
    "processen-en-ict",
    "impact-inspanning",
    "actieplan",
]


def _emit(client, event, payload):
    return client.emit(event, payload, callback=True)


# (work format, who asks, event, payload without activity_id, English refusal)
REFUSALS = [
    ("kennismaken", "phone", "note:add", {"text": "Droom", "client_id": "k1"}, "Choose a card first."),
    (
        "kernwoorden",
        "phone",
        "note:add",
        {"text": "Regie", "client_id": "w1"},
        "There are no goals yet. The facilitator creates them first.",
    ),
    ("doelstellingen", "fac", "doelstellingen:vooraf", {"lines": 3}, "Give the goals as text, one per line."),
    ("processen-en-acties", "fac", "processen-en-acties:ronde", {"step": 1}, "Start the rotation first."),
    ("processen-en-ict", "fac", "processen-en-ict:preset", {"preset": "nope"}, "Unknown example process."),
    (
        "processen-en-ict",
        "fac",
        "processen-en-ict:step-add",
        {"view": "huidig", "name": " "},
        "The name of the step may not be empty.",
    ),
    ("impact-inspanning", "fac", "impact-inspanning:labels", {"labels": {}}, "Give the names of the quadrants."),
    (
        "impact-inspanning",
        "fac",
        "impact-inspanning:labels",
        {"labels": {"plannen": "x" * 41}},
        "The name of a quadrant is at most 40 characters.",
    ),
    ("actieplan", "fac", "actieplan:add", {"what": " ", "who": "Anna"}, "What needs to happen? Fill in the action."),
    (
        "actieplan",
        "fac",
        "actieplan:add",
        {"what": "Bellen", "who": "Anna", "due": "2026-02-30"},
        "Invalid date: choose an existing date (YYYY-MM-DD) or leave it empty.",
    ),
    ("toelichting", "phone", "note:add", {"text": "Hoi", "client_id": "t1"}, None),
]


@pytest.mark.parametrize(("slug", "who", "event", "payload", "english"), REFUSALS)
def test_work_format_refusals_in_english(make_session, sock, slug, who, event, payload, english):
    session = make_session(agenda=ALL_FORMATS)
    fac_en, ack = sock(session, role="facilitator", lang="en")
    fac_nl, _ = sock(session, role="facilitator")
    phone_en, _ = sock(session, name="Anna", lang="en")
    phone_nl, _ = sock(session, name="Bas")
    activity = activity_of(ack, slug)
    assert _emit(fac_en, "activity:goto", {"activity_id": activity["id"]})["ok"]
    full = {**payload, "activity_id": activity["id"]}
    english_client, dutch_client = (fac_en, fac_nl) if who == "fac" else (phone_en, phone_nl)
    answer = _emit(english_client, event, full)
    assert answer["ok"] is False, answer
    if english is not None:
        assert answer["error"] == english
    dutch = _emit(dutch_client, event, {**full, "client_id": "nl-" + full.get("client_id", "x")})
    assert dutch["ok"] is False and dutch["error"] != answer["error"]  # the Dutch client keeps Dutch


def test_pdf_of_an_english_session_with_every_work_format(client, make_session, sock):
    session = make_session(title="Kick-off", agenda=ALL_FORMATS, language="en")
    fac, ack = sock(session, role="facilitator", lang="en")
    phone, _ = sock(session, name="Anna", lang="en")
    acts = {slug: activity_of(ack, slug) for slug in ALL_FORMATS}

    def goto(slug):
        assert _emit(fac, "activity:goto", {"activity_id": acts[slug]["id"]})["ok"]

    goto("uitdagingen-en-kansen")
    for category, text in (("uitdaging", "Long waits on the phone"), ("kans", "An online booking tool")):
        payload = {"activity_id": acts["uitdagingen-en-kansen"]["id"], "client_id": new_client_id(), "text": text}
        assert _emit(phone, "note:add", {**payload, "category": category})["ok"]
    goto("doelstellingen")
    goal = _emit(fac, "goal:add", {"title": "More time for patients"})
    assert goal["ok"]
    goto("processen-en-ict")
    assert _emit(fac, "processen-en-ict:preset", {"activity_id": acts["processen-en-ict"]["id"], "preset": "triage"})[
        "ok"
    ]
    # Linked to the goal: the report leaves an empty linkage out (issue 20).
    link = {"activity_id": acts["processen-en-ict"]["id"], "goal_id": goal["goal"]["id"], "effect": "draagt bij"}
    assert _emit(fac, "processen-en-ict:link", link)["ok"]
    goto("impact-inspanning")
    item = {"activity_id": acts["impact-inspanning"]["id"], "text": "Callback slots", "client_id": "i1"}
    assert _emit(fac, "impact-inspanning:add", item)["ok"]
    goto("actieplan")
    action = {"activity_id": acts["actieplan"]["id"], "what": "Try the tool", "who": "Anna", "due": "2027-01-12"}
    assert _emit(fac, "actieplan:add", {**action, "status": "bezig"})["ok"]

    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200
    text = pdf_words(response.data)
    for english in (
        "Challenges (pink)",
        "Opportunities (blue)",
        "Long waits on the phone",
        "Ambition",
        "Goals (1)",
        "No ambition set yet.",
        "Desired process: Triage and scheduling an appointment",
        "Patient has a care question and visits the website",
        "Role(s)",
        "Link to the goals",
        "Effort (from low to high)",
        "Not placed yet (1)",
        "Right away",
        "What",
        "Who",
        "When",
        "In progress",
        "Jan 12, 2027",
    ):
        assert english in text, english
    for dutch in (
        "Uitdagingen (roze)",
        "Kansen (blauw)",
        "Ambitie",
        "Doelstellingen (",
        "Huidig proces",
        "Rol(len)",
        "Koppeling aan de doelstellingen",
        "Inspanning (van laag naar hoog)",
        "Nog niet geplaatst",
        "Onmiddellijk",
        "Wanneer",
        "Bezig",
        "12 jan 2027",
        "Patiënt heeft een zorgvraag",
    ):
        assert dutch not in text, dutch


def test_pdf_of_a_dutch_session_keeps_the_dutch_labels(client, make_session, sock):
    session = make_session(title="Kick-off", agenda=["uitdagingen-en-kansen", "impact-inspanning", "actieplan"])
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session, name="Bas")
    plan = activity_of(ack, "actieplan")
    action = {"activity_id": plan["id"], "what": "Bellen", "who": "Anna", "due": "2027-01-12", "status": "klaar"}
    assert _emit(fac, "actieplan:add", action)["ok"]
    matrix = activity_of(ack, "impact-inspanning")
    item = {"activity_id": matrix["id"], "text": "Terugbelblok", "client_id": "i"}
    assert _emit(fac, "impact-inspanning:add", item)["ok"]
    post(phone, activity_of(ack, "uitdagingen-en-kansen"), "Wachttijden")
    text = pdf_words(client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data)
    for dutch in ("Uitdagingen (roze)", "Inspanning (van laag naar hoog)", "Onmiddellijk", "Wanneer", "12 jan 2027"):
        assert dutch in text, dutch
    assert "Klaar" in text and "Challenges" not in text
