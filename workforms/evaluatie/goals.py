"""The goals part of `evaluatie` (handbook Stap 3.1 c, H:L1793-1795): "Vergelijking van het
verwachte resultaat met het bereikte resultaat". Each phone rates each session goal (the
trajectory's goals, copied into the session) *bereikt*, *deels bereikt* or *niet bereikt*
with an optional short comment; the facilitator records the team's conclusion per goal.

A rating is an entry keyed ``doel:<goal id>`` with the value ``{"rating", "text"}``, so
rating again replaces. Only aggregates leave this module: counts per rating and the
comments grouped (identical ones merged), never who rated what.
"""

from __future__ import annotations

from typing import Any

from app.i18n import _, translate
from app.i18n import lazy_gettext as _l
from app.workform_questions import Invalid

from .questions import GOAL_KEY, group_texts

KEY = GOAL_KEY
MAX_COMMENT = 280
MAX_CONCLUSION = 1000
# The three answers (the "bereikt / deels / niet bereikt"); colours name the design tokens.
RATINGS: tuple[tuple[str, Any], ...] = (
    ("bereikt", _l("Bereikt")),
    ("deels", _l("Deels bereikt")),
    ("niet", _l("Niet bereikt")),
)
RATING_SLUGS = tuple(slug for slug, _label in RATINGS)


def rating_label(slug: str | None) -> str:
    return next((str(translate(label)) for s, label in RATINGS if s == slug), "")


def labels() -> list[dict[str, str]]:
    return [{"slug": slug, "label": str(translate(label))} for slug, label in RATINGS]


def entry_key(goal_id: int) -> str:
    return f"{KEY}{goal_id}"


def goal_id_of(value: object, goals: list[dict[str, Any]]) -> int:
    """The id of a session goal, or a refusal."""
    if type(value) is int and any(g["id"] == value for g in goals):
        return value
    raise Invalid(_("Deze doelstelling bestaat niet (meer)."))


def clean_rating(value: object) -> str:
    if value not in RATING_SLUGS:
        raise Invalid(_("Kies bereikt, deels bereikt of niet bereikt."))
    return str(value)


def clean_comment(value: object, limit: int = MAX_COMMENT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Een toelichting is tekst."))
    clean = " ".join(value.split())
    if len(clean) > limit:
        raise Invalid(_("Een toelichting is maximaal %(max)s tekens.", max=limit))
    return clean


def aggregate(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Per goal id (a string, as JSON keys are): counts per rating, n and the grouped comments."""
    ratings: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        key, value = entry["key"], entry["value"]
        if not key.startswith(KEY) or not isinstance(value, dict) or value.get("rating") not in RATING_SLUGS:
            continue
        ratings.setdefault(key[len(KEY) :], []).append(value)
    out = {}
    for goal_id, values in ratings.items():
        out[goal_id] = {
            "n": len(values),
            "counts": {slug: sum(1 for v in values if v["rating"] == slug) for slug in RATING_SLUGS},
            "comments": group_texts([str(v.get("text") or "") for v in values]),
        }
    return out


def empty() -> dict[str, Any]:
    return {"n": 0, "counts": {slug: 0 for slug in RATING_SLUGS}, "comments": []}


def per_goal(goals: list[dict[str, Any]], totals: dict[str, Any], conclusions: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals in order with their aggregates and the team's conclusion (the report's rows)."""
    out = []
    for goal in goals:
        key = str(goal["id"])
        conclusion = conclusions.get(key) or {}
        out.append(
            {
                "id": goal["id"],
                "title": goal["title"],
                **(totals.get(key) or empty()),
                "conclusion": conclusion.get("rating"),
                "conclusion_label": rating_label(conclusion.get("rating")),
                "conclusion_text": conclusion.get("text") or "",
            }
        )
    return out
