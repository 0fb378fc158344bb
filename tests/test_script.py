"""The facilitator's script (issue 19, part 2): every phase of every work format carries
what the facilitator says and does, the handbook's text verbatim where it has one; each
template carries the handbook's Doel lines and its "Wat moet er worden overwogen?" as a
"Voorbereiding" checklist that the facilitator ticks off, kept per session and heard by
the other facilitators only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import received

from app import agenda_templates
from app.i18n import language
from app.registry import discover
from app.workform import Workform

ROOT = Path(__file__).resolve().parent.parent
FORMS: list[type[Workform]] = list(discover())


# The handbook is vendored (docs/handbook/README.md), so these tests never skip.
HANDBOOK = ROOT / "docs" / "handbook" / "implementatiehandboek.txt"


# Paragraphs the work formats wrote themselves, in the handbook's tone, because the handbook
# gives no text for that phase (each marked "app's own text" in its plugin). Everything else
# must be the handbook's words.
APPS_OWN = {
    "Laat iedereen met stippen aangeven welke situaties het meest tellen.",
    "Geef met stippen aan welke problemen en kansen het zwaarst wegen; die bespreken jullie eerst.",
    "Laat iedereen met stippen aangeven welke voorstellen het best bij de doelstelling passen.",
    "Een foto van de flip-over is niet nodig: het verslag (PDF) bewaart per doelstelling wat er hangt.",
    "Verzamel de oplossingsrichtingen en acties die jullie willen wegen, bijvoorbeeld uit de interviews of "
    "uit eerdere onderdelen. Iedereen kan er op de telefoon een toevoegen.",
    "Iedereen geeft op de telefoon per post-it aan hoeveel impact het heeft en hoeveel inspanning het kost.",
    "Plaats samen elke post-it in de matrix: de begeleider sleept het nummer naar de plek waarover het team het "
    "eens is. Kies daarna welke oplossingsrichtingen en acties jullie oppakken.",
    "Iedereen vult de vragenlijst in op de telefoon. De antwoorden zijn anoniem: niemand ziet wie wat heeft ingevuld.",
    "Loop de uitkomsten samen door: wat ging er goed en waar zie je verbeteringen?",
    "Leg per actie vast wat er gebeurt, wie het doet en wanneer het klaar is.",
    "Licht toe wat er op het bord staat en geef ruimte voor vragen.",
    "Iedereen geeft op de telefoon per doelstelling aan: bereikt, deels bereikt of niet bereikt, eventueel met "
    "een korte toelichting. Leg daarna per doelstelling de conclusie van het team vast.",
    "Geef met stippen aan welke verbeterpunten het eerst aandacht verdienen.",
    "Begin bij de vragen en zorgen met de meeste steun. Markeer wat beantwoord is, met een kort antwoord voor het "
    "verslag.",
    "Iedereen schrijft op de telefoon wat de oplossingsrichting betekent voor de eigen functie: wat verandert er "
    "voor mijn functie (blauw) en wat heb ik nodig (groen)?",
    "Loop de kolommen langs: wat verandert er per functie, en wat is daarvoor nodig?",
    "Leg elk interview vast op deze pagina: functie, datum en de antwoorden per vraag. Wie liever zelf invult, "
    "beantwoordt de vragen anoniem op de telefoon. Markeer daarna de antwoorden met korte thema's.",
    "Het bord toont per vraag de thema's uit de interviews met hoe vaak ze genoemd zijn, nooit wie wat zei. "
    "Zet met 'Naar de matrix' een thema als post-it in de matrix van impact en inspanning.",
    "Iedereen zet op de telefoon drie stippen bij de generieke doelen van triagetools die voor jullie het zwaarst "
    "wegen.",
    "Neem per post-it een eis over en geef aan of het een must of een should is.",
    "Iedereen scoort op de telefoon elke leverancier per criterium van 1 tot 5; het bord toont alleen het gewogen "
    "gemiddelde.",
}
# Template texts that are the app's own (marked so in app/agenda_templates.py).
APPS_OWN_GOALS = {"Terugkijken op het doorlopen proces: wat ging goed en wat kan beter"}


def flat(text: str) -> str:
    return " ".join(text.split())


def handbook() -> str:
    return flat(HANDBOOK.read_text(encoding="utf-8"))


def paragraphs() -> list[tuple[str, str, str]]:
    """(work format, phase, paragraph) of every instruction, in Dutch."""
    out = []
    with language("nl"):
        for form in FORMS:
            for phase in form.phases:
                for line in str(phase.instruction or "").split("\n"):
                    out.append((form.slug, phase.slug, line))
    return out


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.slug)
def test_every_phase_of_every_work_format_has_an_instruction(form: type[Workform]) -> None:
    with language("nl"):
        for phase in form.phases:
            assert phase.instruction is not None, f"{form.slug}/{phase.slug} has no instruction"
            assert all(line.strip() for line in str(phase.instruction).split("\n")), f"{form.slug}/{phase.slug}"


@pytest.mark.parametrize(("slug", "phase", "line"), paragraphs(), ids=lambda v: str(v)[:40])
def test_instructions_are_the_handbooks_words_or_marked_as_the_apps_own(slug: str, phase: str, line: str) -> None:
    if line in APPS_OWN:
        return
    assert flat(line) in handbook(), f"{slug}/{phase}: not in the handbook and not marked as the app's own: {line!r}"


def test_the_list_of_the_apps_own_texts_is_in_use() -> None:
    # A text taken out of a plugin leaves the list, so the list cannot hide a handbook mismatch.
    used = {line for _slug, _phase, line in paragraphs()}
    assert used >= APPS_OWN, APPS_OWN - used


@pytest.mark.parametrize(
    "sentence",
    [
        "Stel jezelf voor en geef een toelichting op de gekozen kaart",
        "De begeleider maakt een rondje en vraagt iedereen zijn ervaring te delen",
        "Dit zijn de dingen die je graag wilt behouden binnen de praktijk, ook als er dingen gaan veranderen.",
        "Indien deze er niet zijn, ga er dan over met elkaar in gesprek.",
        "Bespreek met het team of dit de doelstellingen zijn of dat er aanvullingen zijn? (15-45 min)",
        "Neem per doelstelling 5 minuten om gezamenlijk te komen tot een drietal kernwoorden.",
        "Iedereen begint bij een andere doelstelling.",
        "houd deze post-its even bij je (5 min).",
    ],
)
def test_the_issues_sentences_are_in_the_script(sentence: str) -> None:
    assert sentence in handbook()
    assert any(sentence in flat(line) for _slug, _phase, line in paragraphs()), sentence


def test_the_instruction_reaches_the_facilitator_in_both_languages_and_nobody_else(make_session, sock) -> None:
    session = make_session(template="kick-off")
    _fac, ack = sock(session, role="facilitator")
    trots = {p["slug"]: p for p in ack["state"]["workforms"]["trots"]["phases"]}
    assert trots["bespreken"]["instruction"].startswith("De begeleider maakt een rondje")
    _fac_en, ack_en = sock(session, role="facilitator", lang="en")
    english = {p["slug"]: p for p in ack_en["state"]["workforms"]["trots"]["phases"]}
    assert english["bespreken"]["instruction"].startswith("The facilitator goes round")
    for role in ("board", "participant"):
        _other, other_ack = sock(session, role=role, name="Sanne")
        for meta in other_ack["state"]["workforms"].values():
            assert all("instruction" not in p for p in meta["phases"]), role


# --- the meeting's Doel and the Voorbereiding checklist ------------------------------


@pytest.mark.parametrize("template", agenda_templates.TEMPLATES, ids=lambda t: t["slug"])
def test_template_doel_and_preparation_are_the_handbooks_words(template) -> None:
    with language("nl"):
        for goal in template["goals"]:
            assert str(goal) in APPS_OWN_GOALS or flat(str(goal)) in handbook(), str(goal)
        for _key, text in template["preparation"]:
            assert flat(str(text)) in handbook(), str(text)


def test_the_vision_meetings_doel_is_the_handbooks_line() -> None:
    # H:L2063: "Doel Toelichting van het traject: …" (the app used to invent another one).
    vision = next(t for t in agenda_templates.TEMPLATES if t["slug"] == "visie-en-strategie")
    with language("nl"):
        assert [str(g) for g in vision["goals"]] == [
            "Toelichting van het traject: doel, resultaat, plan van aanpak, gevraagde inzet van deelnemers"
        ]


def test_the_kickoff_has_the_handbooks_four_preparation_points(app) -> None:
    with app.app_context(), language("nl"):
        kickoff = agenda_templates.find(app.extensions["flipover.registry"], "kick-off")
    assert kickoff is not None
    subjects = [item["text"].split(":")[0] for item in kickoff["preparation"]]
    assert subjects == ["Volledige betrokkenheid", "Communicatie van doelen", "Interactiviteit", "Tijd en aandacht"]


def test_the_facilitator_gets_the_doel_and_the_checklist_the_board_only_the_doel(make_session, sock) -> None:
    session = make_session(template="kick-off")
    _fac, ack = sock(session, role="facilitator")
    state = ack["state"]
    assert state["meeting_goals"][0] == "Mensen enthousiasmeren over het traject"
    assert [item["key"] for item in state["preparation"]] == ["betrokkenheid", "doelen", "interactiviteit", "tijd"]
    assert state["preparation_ticked"] == []
    _board, board_ack = sock(session, role="board")
    assert board_ack["state"]["meeting_goals"] == state["meeting_goals"]
    assert "preparation" not in board_ack["state"] and "preparation_ticked" not in board_ack["state"]
    _phone, phone_ack = sock(session, name="Sanne")
    assert "meeting_goals" not in phone_ack["state"] and "preparation" not in phone_ack["state"]


def test_ticks_persist_and_reach_other_facilitators_but_not_phones_or_board(make_session, sock) -> None:
    session = make_session(template="kick-off")
    fac, _ = sock(session, role="facilitator")
    other_laptop, _ = sock(session, role="facilitator")
    board, _ = sock(session, role="board")
    phone, _ = sock(session, name="Sanne")
    for client in (other_laptop, board, phone):
        client.get_received()
    assert fac.emit("preparation:tick", {"key": "doelen", "done": True}, callback=True) == {
        "ok": True,
        "ticked": ["doelen"],
    }
    assert fac.emit("preparation:tick", {"key": "tijd", "done": True}, callback=True)["ticked"] == ["doelen", "tijd"]
    assert received(other_laptop, "preparation:changed") == [{"ticked": ["doelen"]}, {"ticked": ["doelen", "tijd"]}]
    assert received(board, "preparation:changed") == [] and received(phone, "preparation:changed") == []
    # Taken back, and kept: a reload (a new join) shows the ticks.
    assert fac.emit("preparation:tick", {"key": "doelen", "done": False}, callback=True)["ticked"] == ["tijd"]
    _again, ack = sock(session, role="facilitator")
    assert ack["state"]["preparation_ticked"] == ["tijd"]


@pytest.mark.parametrize(
    "payload",
    [{"key": "bestaat-niet", "done": True}, {"key": "doelen", "done": "ja"}, {"key": ["doelen"], "done": True}, {}],
)
def test_bad_ticks_are_refused(make_session, sock, payload) -> None:
    session = make_session(template="kick-off")
    fac, _ = sock(session, role="facilitator")
    ack = fac.emit("preparation:tick", payload, callback=True)
    assert ack["ok"] is False and ack["error"]
    _again, joined = sock(session, role="facilitator")
    assert joined["state"]["preparation_ticked"] == []


@pytest.mark.parametrize("role", ["participant", "board"])
def test_only_a_facilitator_ticks(make_session, sock, role) -> None:
    session = make_session(template="kick-off")
    other, _ = sock(session, role=role, name="Sanne")
    assert other.emit("preparation:tick", {"key": "doelen", "done": True}, callback=True)["ok"] is False
    _fac, joined = sock(session, role="facilitator")
    assert joined["state"]["preparation_ticked"] == []


def test_a_meeting_without_a_template_has_no_doel_and_no_checklist(make_session, sock) -> None:
    session = make_session(agenda=[{"workform": "trots"}])
    fac, ack = sock(session, role="facilitator")
    assert ack["state"]["meeting_goals"] == [] and ack["state"]["preparation"] == []
    assert fac.emit("preparation:tick", {"key": "doelen", "done": True}, callback=True)["ok"] is False


def test_templates_preparation_keys_are_unique() -> None:
    for template in agenda_templates.TEMPLATES:
        keys = [key for key, _text in template["preparation"]]
        assert len(keys) == len(set(keys)) and all(re.fullmatch(r"[a-z-]+", k) for k in keys), template["slug"]
