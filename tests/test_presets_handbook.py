"""processen-en-ict's presets are the handbook's worked examples (issue 19, part 5), box for
box: every step, alternative, role, system, wish, improvement and possibility, start and end,
compared with tables copied here from the handbook (docs/handbook/implementatiehandboek.txt,
line numbers as "H:L"); each copied text is also looked up at its lines. And the rows'
notes (wish, improvement, possibility) are real notes: the facilitator adds, edits and
removes them, phones post them, each change one small event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import activity_of, new_client_id, received

from app.sessions import set_activity_state

PI = "processen-en-ict"
HANDBOOK = Path(__file__).resolve().parent.parent / "docs" / "handbook" / "implementatiehandboek.txt"


@dataclass(frozen=True)
class H:
    """A text copied from the handbook and the lines it stands on ("2459-2460")."""

    text: str
    lines: str


@dataclass(frozen=True)
class Own:
    """A text the app had to add (the handbook has none there)."""

    text: str


@dataclass
class Column:
    step: H | Own
    alternatives: list[H] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # words of the step's own boxes
    systems: list[H] = field(default_factory=list)  # as written: "Mijn MGM?" is uncertain
    wens: list[H] = field(default_factory=list)
    verbeteren: list[H] = field(default_factory=list)
    mogelijkheden: list[H] = field(default_factory=list)


# --- the tables, copied from the handbook --------------------------------------------------

# "Resultaat uitwerking proces Terugkoppelen Labuitslagen", H:L2431-2582.
LAB_CURRENT = [
    Column(
        Own("Lab aanvragen"),
        alternatives=[
            H("HA of assistent vraagt lab aan", "2439-2440"),
            H("POH vraagt lab aan", "2481-2482"),
            H("Patiënt vraagt lab aan (chronische zorg)", "2538-2542"),
        ],
        roles=["HA", "assistent", "POH", "Patiënt"],
        systems=[H("Mijn Zorgdomein", "2442")],
        wens=[
            H("Optie beperken", "2459-2460"),
            H("Automatisch bericht dat lab aangevraagd moet worden door patiënt", "2462-2468"),
            H("Maskerbrief per praktijk", "2469-2470"),
        ],
        verbeteren=[H("Standaard brief", "2546-2547"), H("Verlengen duur labformulier?", "2548-2550")],
    ),
    Column(H("Labuitslag komt binnen", "2486-2487"), systems=[H("Edifact", "2489")]),
    Column(
        H("DA koppelt uitslag in systeem", "2491-2493"),
        roles=["DA"],
        systems=[H("Medicom", "2495")],
        verbeteren=[H("P-Regel moet duidelijk in systeem komen te staan", "2521-2526")],
    ),
    Column(
        H("Afwijking: Taak naar HA of PoH", "2497-2498"),
        systems=[H("Medicom", "2500")],
        verbeteren=[
            H("HA pakt dit op ipv DA als uitslag binnen is en zet actie erin. Dan taak DA niet nodig", "2528-2534")
        ],
    ),
    Column(
        H("HA leest labuitslag en voert actie in in P-regel en koppelt lab", "2502-2508"),
        roles=["HA"],
        systems=[H("Medicom", "2509"), H("Mijn MGM", "2511")],
    ),
    Column(
        Own("Terugkoppelen uitslag"),
        alternatives=[
            H("Patiënt belt DA en krijgt P-regel teruggekoppeld", "2444-2446"),
            H("Patiënt leest P-regel in systeem na 2 dagen", "2448-2451"),
            H("POH en Patiënt bespreken uitslag tijdens consult", "2453-2457"),
            H("Patiënt ontvangt bericht via Isala dat uitslag binnen is en belt DA", "2513-2519"),
        ],
        roles=["Patiënt", "DA", "POH"],
        systems=[H("Mijn MGM?", "2582")],
        wens=[H("Voorkeursoptie", "2474-2475"), H("Patiënt kan ook een e-consult starten", "2476-2479")],
        verbeteren=[
            H(
                "Patiënt op de hoogte brengen dat uitslag 2 dgn duurt en via MGN in te zien is, dus niet bellen! "
                "HA belt alleen indien uitslag slecht is",
                "2552-2561",
            ),
            H(
                "Doel is dat patiënt niet meet belt naar DA. Uitleggen tijdens consult dat uitslag 2 dagen duurt",
                "2563-2570",
            ),
            H("Patiënt kan de uitslag zien, maar er is nog geen (RE)actie aan gekoppeld van HA.", "2571-2576"),
            H("DA instrueren dat ze vasthouden aan de afspraak van 2 dagen", "2577-2580"),
        ],
    ),
]

# "Resultaat uitwerking gewenst proces Terugkoppelen Labuitslagen", H:L2583-2663.
LAB_DESIRED = [
    Column(
        Own("Lab aanvragen"),
        alternatives=[
            H("HA of assistent vraagt lab aan. Patiënt uitleggen dat uitslag 2 dagen duurt.", "2589-2596"),
            H("POH vraagt lab aan", "2615-2616"),
            H("Patiënt vraagt lab aan (chronische zorg)", "2643-2647"),
        ],
        roles=["HA", "assistent", "POH", "Patiënt"],
        systems=[H("Mijn Zorgdomein", "2598")],
        verbeteren=[H("Standaard brief", "2651-2652"), H("Verlengen duur labformulier?", "2653-2655")],
    ),
    Column(H("Labuitslag komt binnen", "2620-2621"), systems=[H("Edifact", "2623")]),
    Column(
        H("HA leest labuitslag en voert actie in in P-regel en koppelt lab", "2632-2637"),
        roles=["HA"],
        systems=[H("Medicom", "2657"), H("Mijn MGM?", "2661")],
    ),
    Column(
        Own("Terugkoppelen uitslag"),
        alternatives=[
            H("Patiënt kan e-consult starten", "2600-2601"),
            H("'Goede’ uitslag: Patiënt leest P-regel in systeem na 2 dagen", "2603-2607"),
            H("POH en Patiënt bespreken uitslag tijdens consult", "2609-2613"),
            H("Afwijking: Huisarts belt patiënt ivm uitslag lab", "2625-2628"),
        ],
        roles=["Patiënt", "POH", "Huisarts"],
        systems=[H("Medicom", "2630"), H("Mijn MGM?", "2663")],
    ),
]

# "Resultaat uitwerking gewenst proces triage en plannen afspraak (inclusief mogelijkheden)",
# H:L2767-2810 and H:L2811-2923.
TRIAGE_DESIRED = [
    Column(H("Patiënt heeft een zorgvraag en bezoekt website", "2775-2779"), roles=["Patiënt"]),
    Column(
        H("Patiënt vult vragenlijst in en checkt symptoom", "2819-2823"),
        roles=["Patiënt"],
        mogelijkheden=[
            H("Via moet ik naar de dokter.nl", "2837-2840"),
            H("Eigen vragenlijst", "2842"),
            H("Mogelijkheid om te chatten met chatbot", "2843-2846"),
            H("Mogelijkheid om te chatten met (externe) zorgverlener", "2847-2850"),
        ],
    ),
    Column(
        H("Uitvoeren triage", "2825-2826"),
        mogelijkheden=[
            H("Door AI", "2866"),
            H("Door AI en chatbot", "2867-2869"),
            H("Door AI en controle door DA", "2870-2873"),
            H("Kan gaan om urgentie, doorverwijzen, diagnose", "2875-2878"),
        ],
    ),
    Column(
        Own("Vervolg na triage"),
        alternatives=[
            H("Afspraak voorstellen", "2828-2829"),
            H("Zelfzorgadvies", "2831"),
            H("Opstarten e-consult", "2905-2906"),
        ],
        mogelijkheden=[
            H("AI stelt mogelijkheden uit agenda voor", "2881-2884"),
            H("Aparte agenda nodig", "2886-2887"),
            H("Zelfzorgadvies op maat door AI", "2893-2894"),
            H("Link naar thuisdokter.nl", "2895-2896"),
        ],
    ),
    Column(
        H("Checken gegevens HIS", "2832-2834"),
        mogelijkheden=[
            H("Link tussen tool en HIS: automatische check", "2853-2857"),
            H("Geen link met His, dan moet deze stap door DA uitgevoerd worden", "2859-2863"),
        ],
    ),
    Column(
        H("Comm. naar patiënt", "2889-2890"),
        mogelijkheden=[H("SMS", "2899"), H("Mail met agendavoorstel en zelfzorgadvies", "2900-2903")],
    ),
    Column(
        H("Verwerken in dossier patiënt", "2914-2915"),
        mogelijkheden=[H("Integratie met HIS", "2918-2920"), H("Geen integratie, dan knip/plak", "2921-2923")],
    ),
]

# name, start, end of each view; the lab's start and end are not stated (several boxes each).
HEADS = {
    ("labuitslagen", "huidig"): (H("Terugkoppelen Labuitslagen", "2431-2432"), "", ""),
    ("labuitslagen", "gewenst"): (H("Terugkoppelen Labuitslagen", "2583-2584"), "", ""),
    ("triage", "gewenst"): (
        H("triage en plannen afspraak", "2768"),
        H("Patiënt heeft een zorgvraag en bezoekt website", "2775-2779"),
        H("Verwerken in dossier patiënt", "2809-2810"),
    ),
}
TABLES = {
    ("labuitslagen", "huidig"): LAB_CURRENT,
    ("labuitslagen", "gewenst"): LAB_DESIRED,
    ("triage", "gewenst"): TRIAGE_DESIRED,
}
ROWS = ("wens", "verbeteren", "mogelijkheden")


# --- the handbook's text ----------------------------------------------------------------------


def _lines(ref: str) -> str:
    """The handbook's lines ``ref`` ("2459-2460"), flat: bullets and runs of white space gone."""
    first, _, last = ref.partition("-")
    lines = HANDBOOK.read_text(encoding="utf-8").splitlines()[int(first) - 1 : int(last or first)]
    return " ".join(" ".join(lines).replace("•", " ").split())


def _at(text: str, ref: str) -> bool:
    """Whether ``text`` stands at those lines; a word broken at a line end ("P-\\nregel",
    "thuis-\\ndokter.nl") is read with its hyphen and without it."""
    flat = _lines(ref)
    return any(text in candidate for candidate in (flat, flat.replace("- ", "-"), flat.replace("- ", "")))


def _all_copied() -> list[tuple[str, H]]:
    out: list[tuple[str, H]] = []
    for (preset, view), columns in TABLES.items():
        for n, col in enumerate(columns, start=1):
            where = f"{preset}/{view}/{n}"
            if isinstance(col.step, H):
                out.append((where, col.step))
            for item in (*col.alternatives, *col.systems, *col.wens, *col.verbeteren, *col.mogelijkheden):
                out.append((where, item))
    for (preset, view), head in HEADS.items():
        out += [(f"{preset}/{view}", h) for h in head if isinstance(h, H)]
    return out


@pytest.mark.parametrize(("where", "copied"), _all_copied(), ids=lambda v: v if isinstance(v, str) else v.lines)
def test_every_copied_text_stands_at_its_lines_in_the_handbook(where: str, copied: H) -> None:
    assert _at(copied.text, copied.lines) or _at(copied.text.casefold(), copied.lines), (where, copied)


@pytest.mark.parametrize(("preset", "view"), list(TABLES))
def test_roles_are_named_by_the_steps_own_boxes(preset: str, view: str) -> None:
    for col in TABLES[(preset, view)]:
        boxes = " ".join(
            [col.step.text, *(a.text for a in col.alternatives)]
            if isinstance(col.step, H)
            else [a.text for a in col.alternatives]
        )
        for role in col.roles:
            assert re.search(rf"\b{re.escape(role)}\b", boxes), (role, boxes)


# --- the presets as loaded ------------------------------------------------------------------


@pytest.fixture
def process(make_session, sock):
    session = make_session(agenda=[PI])
    fac, ack = sock(session, role="facilitator")
    return session, fac, activity_of(ack, PI)


def _join(fac, session) -> dict[str, Any]:
    view = fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )
    return activity_of(view, PI)


def _load(fac, pi, preset: str) -> None:
    answer = fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": preset, "confirm": True}, callback=True)
    assert answer == {"ok": True}, answer


def _systems_as_written(step: dict[str, Any]) -> list[str]:
    return [f"{s}?" if s in step["uncertain_systems"] else s for s in step["systems"]]


def _assert_view(preset: str, view_name: str, view: dict[str, Any], notes: list[dict[str, Any]]) -> None:
    name, start, end = HEADS[(preset, view_name)]
    assert view["name"].casefold() == name.text.casefold()
    assert view["start"] == (start.text if isinstance(start, H) else start)
    assert view["end"] == (end.text if isinstance(end, H) else end)
    table = TABLES[(preset, view_name)]
    assert len(view["steps"]) == len(table)
    for number, (step, col) in enumerate(zip(view["steps"], table, strict=True), start=1):
        where = f"{preset}/{view_name} column {number}"
        assert step["name"] == col.step.text, where
        assert step["alternatives"] == [a.text for a in col.alternatives], where
        assert step["roles"] == col.roles, where
        # Each system once per column (a name the handbook writes under two boxes of it is one system).
        assert _systems_as_written(step) == list(dict.fromkeys(s.text for s in col.systems)), where
        assert step["digital"] is None, f"{where}: the handbook does not say which steps are digital now"
        assert "possibilities" not in step and "notes" not in step, where
        mine = [n for n in notes if n["data"] == {"view": view_name, "step_id": step["id"]}]
        for row in ROWS:
            texts = [n["text"] for n in mine if n["category"] == row]
            assert texts == [h.text for h in getattr(col, row)], f"{where}, row {row}"
        assert all(n["category"] in ROWS for n in mine), where
        assert all(n["author_id"] is None for n in mine), "the facilitator's notes"


def test_the_lab_preset_is_the_handbooks_current_and_desired_process(process) -> None:
    session, fac, pi = process
    _load(fac, pi, "labuitslagen")
    extra = _join(fac, session)["extra"]
    assert extra["active"] == "huidig"
    notes = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    _assert_view("labuitslagen", "huidig", extra["views"]["huidig"], notes)
    _assert_view("labuitslagen", "gewenst", extra["views"]["gewenst"], notes)
    assert len(notes) == sum(len(getattr(c, r)) for c in LAB_CURRENT + LAB_DESIRED for r in ROWS) == 15


def test_the_triage_preset_is_the_desired_process_with_its_possibilities(process) -> None:
    session, fac, pi = process
    _load(fac, pi, "triage")
    extra = _join(fac, session)["extra"]
    # H:L2767-2768: the handbook's triage flow is a desired process; there is no current one.
    assert extra["active"] == "gewenst"
    assert extra["views"]["huidig"] == {"name": "", "start": "", "end": "", "steps": []}
    notes = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    _assert_view("triage", "gewenst", extra["views"]["gewenst"], notes)
    assert len(notes) == 18


def test_reloading_a_preset_asks_first_and_the_english_session_gets_english_texts(make_session, sock) -> None:
    session = make_session(agenda=[PI])
    fac, ack = sock(session, role="facilitator")
    pi = activity_of(ack, PI)
    assert fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "triage"}, callback=True) == {"ok": True}
    again = fac.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "labuitslagen"}, callback=True)
    assert again["ok"] is False and again["needs_confirm"] is True
    # A facilitator whose page is in English gets the example in English.
    english, _ = sock(session, role="facilitator", lang="en")
    answer = english.emit(f"{PI}:preset", {"activity_id": pi["id"], "preset": "triage", "confirm": True}, callback=True)
    assert answer == {"ok": True}
    steps = _join(fac, session)["extra"]["views"]["gewenst"]["steps"]
    assert steps[0]["name"] == "Patient has a care question and visits the website"
    texts = {n["text"] for n in fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]}
    assert "Own questionnaire" in texts


# --- the rows' notes: add, edit, remove ---------------------------------------------------


def _note_add(client, pi, step_id: str, row: str, text: str, view: str = "gewenst") -> dict[str, Any]:
    payload = {"activity_id": pi["id"], "view": view, "step_id": step_id, "category": row, "text": text}
    return client.emit(f"{PI}:note-add", {**payload, "client_id": new_client_id()}, callback=True)


def test_the_facilitator_adds_edits_and_removes_a_rows_note_each_one_small_event(process, sock) -> None:
    session, fac, pi = process
    _load(fac, pi, "triage")
    board, _ = sock(session, role="board")
    step = _join(fac, session)["extra"]["views"]["gewenst"]["steps"][5]  # Comm. naar patiënt
    board.get_received()
    added = _note_add(fac, pi, step["id"], "mogelijkheden", "Bericht in de app")
    assert added["ok"] and added["note"]["category"] == "mogelijkheden"
    assert added["note"]["data"] == {"view": "gewenst", "step_id": step["id"]}
    sent = board.get_received()
    # One note:added with the one note; the board's process (activity:updated) is not resent.
    assert [m["name"] for m in sent] == ["note:added"] and sent[0]["args"][0]["note"]["text"] == "Bericht in de app"
    # A preset's own note is edited and removed like any note (the core's events).
    notes = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    sms = next(n for n in notes if n["text"] == "SMS")
    edited = fac.emit("note:update", {"note_id": sms["id"], "text": "SMS met link"}, callback=True)
    assert edited["ok"] and edited["note"]["text"] == "SMS met link"
    assert [m["name"] for m in board.get_received()] == ["note:updated"]
    assert fac.emit("note:delete", {"note_id": sms["id"]}, callback=True)["ok"]
    assert [m["name"] for m in board.get_received()] == ["note:deleted"]
    texts = [n["text"] for n in fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]]
    assert "SMS" not in texts and "SMS met link" not in texts and "Bericht in de app" in texts
    # In the discussion phase too (phones can no longer post then; the facilitator still can).
    assert fac.emit("activity:phase", {"activity_id": pi["id"], "phase": "bespreken"}, callback=True)["ok"]
    assert _note_add(fac, pi, step["id"], "wens", "Later nog een wens")["ok"]


def test_phones_post_edit_and_remove_their_own_wishes_improvements_and_possibilities(process, sock) -> None:
    session, fac, pi = process
    _load(fac, pi, "labuitslagen")
    steps = _join(fac, session)["extra"]["views"]["huidig"]["steps"]
    phone, _ = sock(session, name="Anna")
    posted = {}
    for row in ROWS:
        payload = {
            "activity_id": pi["id"],
            "client_id": new_client_id(),
            "text": f"Mijn {row}",
            "category": row,
            "data": {"view": "huidig", "step_id": steps[1]["id"]},
        }
        answer = phone.emit("note:add", payload, callback=True)
        assert answer["ok"] and answer["note"]["category"] == row, answer
        posted[row] = answer["note"]
    edited = phone.emit("note:update", {"note_id": posted["wens"]["id"], "text": "Mijn wens, beter"}, callback=True)
    assert edited["ok"] and edited["note"]["text"] == "Mijn wens, beter"
    assert phone.emit("note:delete", {"note_id": posted["verbeteren"]["id"]}, callback=True)["ok"]
    # Not someone else's: the facilitator's preset notes are not the phone's to change.
    preset_note = next(
        n
        for n in fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
        if n["text"] == "Optie beperken"
    )
    refused = phone.emit("note:update", {"note_id": preset_note["id"], "text": "Weg"}, callback=True)
    assert refused["ok"] is False
    assert phone.emit("note:delete", {"note_id": preset_note["id"]}, callback=True)["ok"] is False


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"category": "mening"}, "Onbekende soort post-it."),
        ({"category": None}, "Onbekende soort post-it."),
        ({"step_id": "s999"}, "Deze stap is net verwijderd. Kies een andere stap."),
        ({"view": "later"}, "Kies het huidige of het gewenste proces."),
        ({"text": "   "}, "Je post-it is leeg. Schrijf eerst iets op."),
        ({"text": "x" * 281}, "Je post-it is te lang: maximaal 280 tekens (nu 281)."),
        ({"client_id": ""}, "Ongeldige post-it (de verzendcode ontbreekt)."),
        ({"client_id": 5}, "Ongeldige post-it (de verzendcode ontbreekt)."),
    ],
)
def test_bad_row_notes_are_refused(process, fields, error) -> None:
    session, fac, pi = process
    _load(fac, pi, "triage")
    step = _join(fac, session)["extra"]["views"]["gewenst"]["steps"][0]
    payload = {
        "activity_id": pi["id"],
        "view": "gewenst",
        "step_id": step["id"],
        "category": "wens",
        "text": "Een wens",
        "client_id": new_client_id(),
        **fields,
    }
    assert fac.emit(f"{PI}:note-add", payload, callback=True) == {"ok": False, "error": error}


def test_only_the_facilitator_uses_note_add_and_a_retry_stores_one_note(process, sock) -> None:
    session, fac, pi = process
    _load(fac, pi, "triage")
    step = _join(fac, session)["extra"]["views"]["gewenst"]["steps"][0]
    phone, _ = sock(session)
    payload = {"activity_id": pi["id"], "view": "gewenst", "step_id": step["id"], "category": "wens", "text": "x"}
    refused = phone.emit(f"{PI}:note-add", {**payload, "client_id": "a"}, callback=True)
    assert refused["ok"] is False and "begeleider" in refused["error"]
    first = fac.emit(f"{PI}:note-add", {**payload, "client_id": "b"}, callback=True)
    again = fac.emit(f"{PI}:note-add", {**payload, "client_id": "b"}, callback=True)
    assert first["note"]["id"] == again["note"]["id"]


def test_note_text_is_text_never_markup_in_the_report(client, process) -> None:
    import io

    from pypdf import PdfReader

    session, fac, pi = process
    _load(fac, pi, "labuitslagen")
    step = _join(fac, session)["extra"]["views"]["huidig"]["steps"][0]
    assert _note_add(fac, pi, step["id"], "wens", "<b>Vet</b> & <script>x</script>", view="huidig")["ok"]
    auth = {"Authorization": f"Bearer {session['facilitator_token']}"}
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=auth)
    assert pdf.status_code == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    for expected in ("<b>Vet</b> & <script>x</script>", "Optie beperken", "Wens", "Verbeteren"):
        assert expected in text, expected


# --- a session stored before the rows were notes -------------------------------------------


def test_old_text_rows_become_notes_of_their_rows_and_nothing_is_lost(app, process, sock) -> None:
    session, fac, pi = process
    old_step = {
        "id": "s1",
        "name": "Lab aanvragen",
        "roles": ["HA"],
        "systems": ["Mijn Zorgdomein"],
        "digital": True,
        "possibilities": ["Wens: optie beperken", "Verbeteren: standaard brief; verlengen duur labformulier?"],
    }
    other = {"id": "s2", "name": "Uitvoeren triage", "roles": [], "systems": [], "digital": True}
    old = {
        "views": {
            "huidig": {"name": "Lab", "start": "", "end": "", "steps": [old_step]},
            "gewenst": {"name": "Lab", "start": "", "end": "", "steps": [{**other, "possibilities": ["Door AI"]}]},
        },
        "active": "huidig",
        "linkage": {},
        "next_id": 3,
    }
    set_activity_state(app.extensions["flipover.store"], pi["id"], old)
    extra = _join(fac, session)["extra"]
    assert extra["legacy"] == 2  # the facilitator page sees it and asks for the upgrade
    board, _ = sock(session, role="board")
    assert fac.emit(f"{PI}:upgrade", {"activity_id": pi["id"]}, callback=True) == {"ok": True, "notes": 3}
    notes = fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]
    assert [(n["category"], n["text"], n["data"]) for n in notes] == [
        ("wens", "optie beperken", {"view": "huidig", "step_id": "s1"}),
        ("verbeteren", "standaard brief; verlengen duur labformulier?", {"view": "huidig", "step_id": "s1"}),
        ("mogelijkheden", "Door AI", {"view": "gewenst", "step_id": "s2"}),
    ]
    extra = _join(fac, session)["extra"]
    assert extra["legacy"] == 0
    assert "possibilities" not in extra["views"]["huidig"]["steps"][0]
    assert extra["views"]["huidig"]["steps"][0]["roles"] == ["HA"]
    assert len(received(board, "note:added")) == 3
    # A second tab's upgrade finds nothing and posts nothing twice.
    assert fac.emit(f"{PI}:upgrade", {"activity_id": pi["id"]}, callback=True) == {"ok": True, "notes": 0}
    assert len(fac.emit("notes:list", {"activity_id": pi["id"]}, callback=True)["notes"]) == 3
