"""The questionnaire of `evaluatie`: the handbook's questions (Bijlage Stap 3.1), the
checks on a question and an answer, and the aggregates (``summary``) that the board,
the report and later the trajectory case study share.

Answers are entries (``app/entries.py``) keyed by question id with the value
``{"score": 1..5 | None, "text": str}``. Only aggregates leave this module: counts,
means and open answers grouped (identical ones merged), never who wrote what.
"""

from __future__ import annotations

from typing import Any

from app.i18n import _, language, translate
from app.i18n import lazy_gettext as _l
from app.workform import ViewContext
from app.workform_questions import Invalid

SECTIONS: tuple[tuple[str, Any], ...] = (
    ("algemeen", _l("Algemene vragen")),
    ("voorbereiding", _l("Voorbereidingsfase")),
    ("implementatie", _l("Implementatiefase")),
)
SECTION_SLUGS = tuple(slug for slug, _title in SECTIONS)
SCALE = (1, 2, 3, 4, 5)
GOAL_KEY = "doel:"  # the entries of goals.py
SCALE_LOW = _l("Helemaal niet / Slecht")
SCALE_HIGH = _l("Heel erg / Uitstekend")
MAX_ANSWER = 1000
MAX_QUESTIONS = 40

# The handbook's questions, in its order. "Hoe …" questions get the 1–5 scale (with an
# optional comment); "Wat/Waar/Had …" questions are open.
DEFAULTS: tuple[tuple[str, Any, bool], ...] = (
    ("algemeen", _l("Wat is je rol in de praktijk?"), False),
    ("algemeen", _l("Had je een rol in het doorlopen proces, en zo ja welke?"), False),
    ("voorbereiding", _l("Hoe actief was je betrokken bij het implementatieproces?"), True),
    ("voorbereiding", _l("Wat vind je van de communicatie tijdens de voorbereidingsfase?"), False),
    (
        "voorbereiding",
        _l("Hoe duidelijk waren de doelen en verwachtingen van de veranderingen tijdens de voorbereidingsfase?"),
        True,
    ),
    ("voorbereiding", _l("Wat ging er goed tijdens de voorbereidende fase?"), False),
    ("voorbereiding", _l("Waar zie je verbeteringen tijdens de voorbereidende fase?"), False),
    ("implementatie", _l("Hoe duidelijk waren de stappen en het plan tijdens de implementatie?"), True),
    ("implementatie", _l("Hoe soepel verliep de samenwerking tussen betrokkenen tijdens de implementatie?"), True),
    ("implementatie", _l("Hoe heb je de ondersteuning ervaren tijdens de implementatie?"), True),
    ("implementatie", _l("Wat ging er goed tijdens de implementatiefase?"), False),
    ("implementatie", _l("Waar zie je verbeteringen tijdens de implementatiefase?"), False),
)


def default_questions() -> list[dict[str, Any]]:
    """The handbook set in the current language, ids q1…q12."""
    out = []
    for number, (section, text, scale) in enumerate(DEFAULTS, start=1):
        out.append({"id": f"q{number}", "section": section, "text": str(translate(text)), "scale": scale})
    return out


def questions_of(activity: dict[str, Any], view: ViewContext | None = None) -> list[dict[str, Any]]:
    """The activity's questions: as stored, or the handbook set in the session's language
    (``view`` tells it; the door of the request or of ``extra_view``)."""
    stored = (activity.get("state") or {}).get("questions")
    if isinstance(stored, list):
        return [dict(q) for q in stored]
    if view is None:
        return default_questions()  # the report runs in the session language already
    with language(view.language()):
        return default_questions()


def section_title(slug: str) -> str:
    return next((str(translate(title)) for s, title in SECTIONS if s == slug), slug)


# --- checks -------------------------------------------------------------------------


def clean_section(value: object) -> str:
    if value not in SECTION_SLUGS:
        raise Invalid(_("Onbekend onderdeel van de vragenlijst."))
    return str(value)


def is_score(value: object) -> bool:
    # bool is an int in Python: True must not pass as a 1.
    return type(value) is int and value in SCALE


def clean_answer(question: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The value to store for one answer, or a refusal."""
    score = payload.get("score")
    text = payload.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise Invalid(_("Een antwoord is tekst."))
    text = text.strip()
    if len(text) > MAX_ANSWER:
        raise Invalid(_("Een antwoord is maximaal %(max)s tekens.", max=MAX_ANSWER))
    if question["scale"]:
        if score is not None and not is_score(score):
            raise Invalid(_("Kies een heel getal van 1 tot 5."))
        if score is None and not text:
            raise Invalid(_("Kies een getal van 1 tot 5 of schrijf een toelichting."))
        return {"score": score, "text": text}
    if score is not None:
        raise Invalid(_("Deze vraag heeft geen schaal: schrijf je antwoord op."))
    if not text:
        raise Invalid(_("Schrijf eerst een antwoord."))
    return {"score": None, "text": text}


# --- aggregates -----------------------------------------------------------------------


def group_texts(texts: list[str]) -> list[dict[str, Any]]:
    """Identical answers (ignoring case and spacing) merged with a count, most often first."""
    groups: dict[str, dict[str, Any]] = {}
    for raw in texts:
        shown = " ".join(raw.split())
        if not shown:
            continue
        key = shown.casefold()
        if key in groups:
            groups[key]["count"] += 1
        else:
            groups[key] = {"text": shown, "count": 1}
    return sorted(groups.values(), key=lambda g: (-g["count"], g["text"].casefold()))


def aggregate(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Per question id: scale counts, n, mean and the grouped texts; plus the respondent count.

    ``entries`` are ``{participant_id, key, value}``; participant ids only count respondents."""
    values: dict[str, list[dict[str, Any]]] = {}
    respondents: set[int] = set()
    for entry in entries:
        value = entry["value"]
        # Ratings of the goals (goals.py) are entries of the same activity, not answers.
        if not isinstance(value, dict) or entry["key"].startswith(GOAL_KEY):
            continue
        values.setdefault(entry["key"], []).append(value)
        respondents.add(entry["participant_id"])
    per_question = {}
    for key, answers in values.items():
        scores = [a["score"] for a in answers if is_score(a.get("score"))]
        counts = {str(v): scores.count(v) for v in SCALE}
        per_question[key] = {
            "answered": len(answers),
            "n": len(scores),
            "counts": counts,
            "mean": round(sum(scores) / len(scores), 1) if scores else None,
            "texts": group_texts([str(a.get("text") or "") for a in answers]),
        }
    return {"respondents": len(respondents), "questions": per_question}


def empty_aggregate() -> dict[str, Any]:
    return {"answered": 0, "n": 0, "counts": {str(v): 0 for v in SCALE}, "mean": None, "texts": []}


def summary(
    activity: dict[str, Any], view: ViewContext | None = None, entries: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The aggregates per question, in questionnaire order.

    With a ``view`` (the plugin door) they are computed from the answers; without (the
    PDF, which runs without database access) from the anonymous copy kept in the state.
    Shape: ``{"respondents", "questions": [{id, section, section_title, text, scale,
    answered, n, counts {"1".."5"}, mean, texts [{text, count}]}]}``."""
    if view is not None:
        totals = aggregate(view.entries() if entries is None else entries)
    else:
        totals = (activity.get("state") or {}).get("aggregate") or {"respondents": 0, "questions": {}}
    out = []
    for question in questions_of(activity, view):
        found = totals["questions"].get(question["id"]) or empty_aggregate()
        out.append({**question, "section_title": section_title(question["section"]), **found})
    return {"respondents": totals["respondents"], "questions": out}
