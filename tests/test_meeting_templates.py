"""The templates for the handbook's other meetings (issue 21, part 6): the praktijkhouders-
bijeenkomsten of steps 1.2, 1.3 and 1.5, the two working-group sessions of step 1.4, the
decision moment 1.5d, the practice meeting 1.6, the evaluation with those involved 2.2a and
the bundling of step 3.2.

Each is created through ``POST /api/sessions`` with ``template=<slug>``; its Doel and its
"Wat moet er worden overwogen?" stand in the handbook at the lines app/agenda_templates.py
cites; every prompt and slide text is the handbook's or listed below as the app's own; the
item minutes fill the meeting.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from drivers import bearer
from pypdf import PdfReader

from app import agenda_templates
from app.i18n import language

ROOT = Path(__file__).resolve().parent.parent
LINES = (ROOT / "docs" / "handbook" / "implementatiehandboek.txt").read_text(encoding="utf-8").split("\n")


def flat(text: str) -> str:
    return " ".join(text.split())


def handbook_lines(first: int, last: int) -> str:
    """The handbook's lines ``first``..``last`` (1-based, as the H:Lnnn comments count)."""
    return flat(" ".join(LINES[first - 1 : last]))


HANDBOOK = handbook_lines(1, len(LINES))

# slug: (title, duration, [(work format, minutes)], Doel line ranges, preparation range)
MEETINGS = {
    "praktijkhouders-analyse": (
        "Praktijkhouders-bijeenkomst: analyse huidige situatie",
        60,
        [("toelichting", 5), ("kennismaken", 15), ("uitdagingen-en-kansen", 30), ("actieplan", 10)],
        [(534, 536), (449, 453)],
        (524, 536),
    ),
    "praktijkhouders-oplossingsrichtingen": (
        "Praktijkhouders-bijeenkomst: exploreren oplossingsrichting",
        90,
        [("toelichting", 10), ("impact-inspanning", 50), ("vragen-en-zorgen", 20), ("toelichting", 10)],
        [(549, 557), (633, 633)],
        (613, 629),
    ),
    "werkgroep-1": (
        "Interactieve werkgroepbijeenkomst 1",
        60,
        [("toelichting", 10), ("per-functie", 30), ("vragen-en-zorgen", 15), ("actieplan", 5)],
        [(730, 734), (820, 824)],
        (800, 816),
    ),
    "werkgroep-2": (
        "Interactieve werkgroepbijeenkomst 2",
        90,
        [("toelichting", 10), ("per-functie", 30), ("impact-inspanning", 30), ("actieplan", 20)],
        [(730, 734), (820, 824)],
        (800, 816),
    ),
    "praktijkhouders-oplossing": (
        "Praktijkhouders-bijeenkomst: onderzoeken van de oplossing",
        90,
        [("toelichting", 10), ("processen-en-ict", 40), ("vragen-en-zorgen", 25), ("actieplan", 15)],
        [(914, 918), (860, 866)],
        (926, 946),
    ),
    "beslismoment": (
        "Beslismoment oplossing/leverancier",
        90,
        [("toelichting", 10), ("impact-inspanning", 30), ("vragen-en-zorgen", 20), ("actieplan", 30)],
        [(1025, 1027), (1057, 1057)],
        (1037, 1053),
    ),
    "praktijkbijeenkomst-presenteren": (
        "Praktijkbijeenkomst: presenteren",
        60,
        [("toelichting", 20), ("vragen-en-zorgen", 30), ("actieplan", 10)],
        [(1064, 1072)],
        (1105, 1127),
    ),
    "evaluatie-met-betrokkenen": (
        "Evaluatie met betrokkenen",
        30,
        [("toelichting", 5), ("sterk-verbeterpunt", 15), ("actieplan", 10)],
        [(1499, 1505), (1521, 1523)],
        (1511, 1519),
    ),
    "bundelen-procesevaluatie": (
        "Bundelen procesevaluatie",
        60,
        [("toelichting", 5), ("sterk-verbeterpunt", 30), ("actieplan", 25)],
        [(1828, 1844)],
        None,
    ),
}

# The prompts and slide texts of these templates that are the app's own (marked so in
# app/agenda_templates.py): the handbook names the meeting, not what a slide or a phone says.
APPS_OWN = {
    "Wat gebeurt er na vandaag, en wie doet wat?",
    "Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?",
    "Welke oplossingsrichting stellen we voor, en waarom? Wat betekent die voor jouw werk?",
    "Wat kwam er per functie naar voren, en wat is er sindsdien met de oplossingsrichting gebeurd?",
    "Welke aanpassingen zijn nodig om de oplossing goed te kunnen implementeren?",
    "Wie pakt welke aanpassing op, en wanneer?",
    "Wat stellen we voor, en wat vraagt dat van de praktijk?",
    "Welke middelen en tijd zijn nodig, en welke uitdagingen zijn er mogelijk?",
    "Hoe verhouden de opties zich in praktische haalbaarheid, kosten en impact op de praktijk?",
    "Welke oplossing en leverancier kiezen we, en wat zijn de volgende stappen?",
    "We kijken samen hoe de implementatie verloopt. Wat we vandaag horen, pakken we direct op.",
    "Hoe verloopt de implementatie, en waar lopen jullie tegenaan?",
    "Welk probleem of welke kans pakken we aan, wat is de oplossing en wat is er afgesproken?",
    "We bundelen wat de vragenlijst en de vergelijking met de doelstellingen opleverden: wat werkte goed en wat "
    "kan beter?",
}


def template(slug: str) -> dict:
    return next(t for t in agenda_templates.TEMPLATES if t["slug"] == slug)


def item_texts(slug: str) -> list[str]:
    with language("nl"):
        return [str(item[key]) for item in template(slug)["agenda"] for key in ("prompt", "body") if key in item]


def test_every_listed_meeting_has_a_template_and_the_handbooks_order_holds() -> None:
    slugs = [t["slug"] for t in agenda_templates.TEMPLATES]
    assert set(MEETINGS) <= set(slugs)
    # Handbook order: 1.2b, 1.3a, 1.4b (twice), 1.5a, 1.5d, 1.6, 2.2a, 3.1, 3.2.
    order = [s for s in slugs if s in MEETINGS or s == "procesevaluatie"]
    assert order == [*list(MEETINGS)[:-1], "procesevaluatie", "bundelen-procesevaluatie"]


@pytest.mark.parametrize("slug", MEETINGS)
def test_post_sessions_with_the_template_creates_its_meeting(client, slug: str) -> None:
    title, duration, items, _goals, _prep = MEETINGS[slug]
    made = client.post("/api/sessions", json={"title": f"{title} De Linde", "template": slug})
    assert made.status_code == 201, made.get_json()
    session = made.get_json()
    state = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
    assert [(a["workform"], a["minutes"]) for a in state["activities"]] == items
    assert state["duration_minutes"] == duration == sum(minutes for _form, minutes in items)
    with language("nl"):
        assert state["meeting_goals"] == [str(goal) for goal in template(slug)["goals"]]
        assert [p["key"] for p in state["preparation"]] == [key for key, _text in template(slug)["preparation"]]
        assert [t["title"] for t in client.get("/api/templates").get_json() if t["slug"] == slug] == [title]
    # The first item is the one the facilitator opens with.
    assert state["current_activity_id"] == state["activities"][0]["id"]


@pytest.mark.parametrize("slug", MEETINGS)
def test_the_doel_and_the_preparation_stand_at_the_cited_handbook_lines(slug: str) -> None:
    _title, _duration, _items, goal_ranges, prep_range = MEETINGS[slug]
    with language("nl"):
        goals = [flat(str(goal)) for goal in template(slug)["goals"]]
        prep = [flat(str(text)) for _key, text in template(slug)["preparation"]]
    assert len(goals) == len(goal_ranges) or len(goal_ranges) == 1
    for index, goal in enumerate(goals):
        first, last = goal_ranges[min(index, len(goal_ranges) - 1)]
        assert goal in handbook_lines(first, last), (slug, goal)
    if prep_range is None:
        assert prep == []  # the handbook's Fase 3 has no "Wat moet er worden overwogen?"
    else:
        assert prep, slug
        text = handbook_lines(*prep_range)
        for point in prep:
            assert point in text, (slug, point)
        # Every point of the handbook's list, none left out.
        assert text.count("• ") == len(prep), slug


@pytest.mark.parametrize("slug", MEETINGS)
def test_prompts_and_slides_are_the_handbooks_words_or_the_apps_own(slug: str) -> None:
    for text in item_texts(slug):
        assert text in APPS_OWN or flat(text) in HANDBOOK, (slug, text)


def test_the_apps_own_list_hides_no_handbook_text() -> None:
    used = {text for slug in MEETINGS for text in item_texts(slug)}
    assert used >= APPS_OWN, APPS_OWN - used
    assert not [text for text in APPS_OWN if flat(text) in HANDBOOK]


def test_the_working_group_sessions_ask_the_handbooks_question_per_function(client) -> None:
    question = (
        "Wat betekent de realisatie van de voorgestelde oplossingsrichting voor de verschillende functies binnen de "
        "praktijk?"
    )
    assert question in handbook_lines(792, 794) and question in handbook_lines(730, 732)
    for slug in ("werkgroep-1", "werkgroep-2"):
        session = client.post("/api/sessions", json={"title": "Werkgroep", "template": slug}).get_json()
        state = client.get(f"/api/sessions/{session['code']}", headers=bearer(session)).get_json()
        [per_function] = [a for a in state["activities"] if a["workform"] == "per-functie"]
        assert per_function["prompt"] == question


def test_the_decision_moment_asks_the_handbooks_risk_question() -> None:
    beslismoment = template("beslismoment")
    with language("nl"):
        [risk] = [item for item in beslismoment["agenda"] if str(item.get("title", "")) == "Risicoanalyse"]
        assert str(risk["prompt"]) in handbook_lines(1047, 1049)


def test_the_process_evaluation_compares_expected_and_achieved_with_the_goals_step() -> None:
    # Stap 3.1 c. (H:L1793-1797): the evaluatie work format's goals step does it, inside the
    # procesevaluatie template; no template of its own.
    assert "Vergelijking van het verwachte resultaat met het bereikte resultaat" in handbook_lines(1793, 1797)
    assert [i["workform"] for i in template("procesevaluatie")["agenda"]].count("evaluatie") == 1


def test_a_working_group_report_states_the_doel_and_the_notes_per_function(client, sock) -> None:
    session = client.post("/api/sessions", json={"title": "Werkgroep De Linde", "template": "werkgroep-1"}).get_json()
    fac, ack = sock(session, role="facilitator")
    [activity] = [a for a in ack["state"]["activities"] if a["workform"] == "per-functie"]
    assert fac.emit("activity:goto", {"activity_id": activity["id"]}, callback=True)["ok"]
    for n, (name, function, text) in enumerate(
        [
            ("Anna", "huisarts", "Minder telefonische consulten tussen de spreekuren door"),
            ("Bo", "doktersassistent", "Scholing in het nieuwe terugbelsysteem"),
            ("Cem", "poh", "Koppeling met het ketenzorginformatiesysteem"),
        ]
    ):
        phone, _ = sock(session, name=name, function=function)
        added = phone.emit(
            "note:add", {"activity_id": activity["id"], "client_id": f"c{n}", "text": text}, callback=True
        )
        assert added["ok"] and added["note"]["data"]["function"] == function, added
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert "Doel van de bijeenkomst" in pages[0]
    assert "Deze sessies zijn bedoeld om de impact op alle functies te verkennen en input te verzamelen." in pages[0]
    body = " ".join(pages)
    for label in ("Huisarts", "Doktersassistent", "POH"):
        assert label in body
    assert "Scholing in het nieuwe terugbelsysteem" in body
