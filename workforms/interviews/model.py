"""The interviews of `interviews`: the handbook's eleven example questions, the checks on
what the facilitator and phones send, and the themes (pure functions, no storage).

The activity state holds everything; only :func:`themes` (labels with counts) and the
questions ever reach the board or phones:

- ``questions``: ``[{id, text}]`` (the handbook's eleven until the facilitator edits them),
  ``next``: the next question number (ids are never reused);
- ``interviews``: ``[{id, role, date, answers: {question_id: text}}]`` recorded by the
  facilitator (``next_interview``);
- ``phone``: the anonymous phone questionnaire, ``{ref: {question_id, text}}``; ``ref`` is a
  random token, so nothing in the state links an answer to a participant;
- ``marks``: answer reference → theme labels (an interview answer is ``<interview id>:<question
  id>``, a phone answer its ``ref``);
- ``pushed``: theme key → the matrix note it became; ``carried``: what an earlier meeting of
  the trajectory handed on (``{from, themes: [{question_id, question, label, count, quotes}]}``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import _, language, translate
from app.i18n import lazy_gettext as _l
from app.workform import PRACTICE_FUNCTIONS, ViewContext
from app.workform_questions import Invalid

MAX_QUESTIONS = 30
MAX_ANSWER = 1000
MAX_LABEL = 60
MAX_LABELS_PER_ANSWER = 5
MAX_INTERVIEWS = 40
MAX_QUOTES = 3

# H:L2254-2264 ("Voorbeeldvragen"), verbatim; question 10 keeps the handbook's "beteken".
DEFAULTS: tuple[Any, ...] = (
    _l("Hoe zou je de praktijk het beste kunnen omschrijven?"),
    _l("Wat vind je fijn aan werken bij deze praktijk?"),
    _l("Wat waarderen patiënten aan deze praktijk?"),
    _l("Wat zijn knelpunten waar je tegen aanloopt in je werk?"),
    _l("Wat is het belangrijkste probleem dat we moeten oplossen?"),
    _l("Wat is de grootste kans waar we iets mee zouden moeten?"),
    _l("Wat zou je willen verbeteren aan de praktijk en waarom is dat nodig?"),
    _l("Wat zijn mogelijke oplossingsrichtingen en waarom?"),
    _l("Voor wie is deze oplossingsrichting belangrijk?"),
    _l("Wat zou deze oplossingsrichting beteken voor jouw dagelijkse werk?"),
    _l("Wat moet er gebeuren om deze oplossingsrichting te laten werken?"),
)


def default_questions() -> list[dict[str, Any]]:
    return [{"id": f"q{n}", "text": str(translate(text))} for n, text in enumerate(DEFAULTS, start=1)]


def questions_of(state: dict[str, Any], view: ViewContext | None = None) -> list[dict[str, Any]]:
    stored = state.get("questions")
    if isinstance(stored, list):
        return [dict(q) for q in stored]
    if view is None:
        return default_questions()
    with language(view.language()):
        return default_questions()


# --- checks -------------------------------------------------------------------------


def clean_answer(value: object, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("Een antwoord is tekst."))
    clean = value.strip()
    if required and not clean:
        raise Invalid(_("Schrijf eerst een antwoord."))
    if len(clean) > MAX_ANSWER:
        raise Invalid(_("Een antwoord is maximaal %(max)s tekens.", max=MAX_ANSWER))
    return clean


def clean_label(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("Een thema heeft een korte naam nodig."))
    clean = " ".join(value.split())
    if len(clean) > MAX_LABEL:
        raise Invalid(_("Een thema is maximaal %(max)s tekens.", max=MAX_LABEL))
    return clean


def clean_role(value: object) -> str:
    if not isinstance(value, str) or value not in PRACTICE_FUNCTIONS:
        raise Invalid(_("Kies de functie van wie je interviewt."))
    return value


def clean_date(value: object) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Een datum is JJJJ-MM-DD."))
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise Invalid(_("Een datum is JJJJ-MM-DD.")) from None


def clean_interview_answers(value: object, questions: list[dict[str, Any]]) -> dict[str, str]:
    """The answers of one interview: question id → text; empty ones left out, at least one."""
    if not isinstance(value, dict):
        raise Invalid(_("Geef de antwoorden per vraag."))
    ids = {q["id"] for q in questions}
    out: dict[str, str] = {}
    for key, text in value.items():
        if key not in ids:
            raise Invalid(_("Deze vraag bestaat niet (meer)."))
        clean = clean_answer(text, required=False)
        if clean:
            out[key] = clean
    if not out:
        raise Invalid(_("Vul bij minstens één vraag een antwoord in."))
    return out


# --- answers and themes ------------------------------------------------------------------


def theme_key(question_id: str, label: str) -> str:
    return f"{question_id}|{' '.join(label.split()).casefold()}"


def answers(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every answer by reference: ``{question_id, text, source}`` (source ``interview`` with
    its id, role and date, or ``vragenlijst``: never who filled it in)."""
    out: dict[str, dict[str, Any]] = {}
    for interview in state.get("interviews") or []:
        for question_id, text in (interview.get("answers") or {}).items():
            out[f"{interview['id']}:{question_id}"] = {
                "question_id": question_id,
                "text": text,
                "source": "interview",
                "interview_id": interview["id"],
            }
    for ref, answer in (state.get("phone") or {}).items():
        out[ref] = {"question_id": answer["question_id"], "text": answer["text"], "source": "vragenlijst"}
    return out


def themes(state: dict[str, Any], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per question (in order) its themes, most answers first: ``[{question_id, text, themes:
    [{key, label, count, quotes, pushed}]}]``. Own marks and what an earlier meeting handed on
    are merged by label (ignoring case and spacing). Quotes are answer texts without source."""
    known = answers(state)
    by_question: dict[str, dict[str, dict[str, Any]]] = {q["id"]: {} for q in questions}
    pushed = state.get("pushed") or {}

    def add(question_id: str, label: str, count: int, quotes: list[str]) -> None:
        if question_id not in by_question:
            return
        key = theme_key(question_id, label)
        theme = by_question[question_id].setdefault(key, {"key": key, "label": label, "count": 0, "quotes": []})
        theme["count"] += count
        for quote in quotes:
            if quote not in theme["quotes"]:
                theme["quotes"].append(quote)

    for theme in (state.get("carried") or {}).get("themes") or []:
        add(theme["question_id"], theme["label"], int(theme.get("count") or 0), list(theme.get("quotes") or []))
    for ref, labels in (state.get("marks") or {}).items():
        answer = known.get(ref)
        if answer is None:
            continue
        for label in labels:
            add(answer["question_id"], label, 1, [answer["text"]])
    out = []
    for question in questions:
        found = sorted(by_question[question["id"]].values(), key=lambda t: (-t["count"], t["label"].casefold()))
        for theme in found:
            theme["pushed"] = theme["key"] in pushed
        out.append({"question_id": question["id"], "text": question["text"], "themes": found})
    return out


def find_theme(
    state: dict[str, Any], questions: list[dict[str, Any]], question_id: object, label: object
) -> dict[str, Any]:
    for question in themes(state, questions):
        if question["question_id"] != question_id:
            continue
        wanted = theme_key(question["question_id"], label) if isinstance(label, str) else None
        for theme in question["themes"]:
            if theme["key"] == wanted:
                return theme
    raise Invalid(_("Dit thema bestaat niet (meer)."))
