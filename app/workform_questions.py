"""A questionnaire the facilitator edits, shared by the work formats that ask the room a list of
questions (`evaluatie`, `interviews`): the question checks, ids that never come back after a
delete, the `clear`/`confirm` flags, and the refusals a phone's answer meets.

Each work format keeps what makes its questionnaire its own (sections and scales in `evaluatie`,
recorded interviews and themes in `interviews`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.i18n import _
from app.workform import Context

MAX_QUESTION = 300


class Invalid(ValueError):
    """A refusal with a Dutch message for the sender."""


def checked(ctx: Context, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``check(*args, **kwargs)``, its ``Invalid`` turned into the sender's refusal."""
    try:
        return check(*args, **kwargs)
    except Invalid as refusal:
        ctx.refuse(str(refusal))


def clean_question(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("Een vraag heeft tekst nodig."))
    clean = " ".join(value.split())
    if len(clean) > MAX_QUESTION:
        raise Invalid(_("Een vraag is maximaal %(max)s tekens.", max=MAX_QUESTION))
    return clean


def clean_bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(_("'%(field)s' moet waar of onwaar zijn.", field=what))
    return value


def flag(ctx: Context, payload: dict[str, Any], name: str) -> bool:
    """An optional true/false field of the payload (absent: false), or the sender's refusal."""
    return bool(checked(ctx, clean_bool, payload.get(name, False), name))


def next_question_id(questions: list[dict[str, Any]], counter: object) -> str:
    """A new id (``q<n>``): from the stored counter, so a deleted question's id, and the
    answers kept under it, never come back."""
    used = {q["id"] for q in questions}
    number = counter if type(counter) is int else len(questions) + 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"


def find_question(questions: list[dict[str, Any]], question_id: object) -> dict[str, Any]:
    found = next((q for q in questions if isinstance(question_id, str) and q["id"] == question_id), None)
    if found is None:
        raise Invalid(_("Deze vraag bestaat niet (meer)."))
    return found


def refuse_closed_questionnaire(ctx: Context, open_phase: str) -> None:
    """A phone's answer outside the answering step, or while the facilitator locked it."""
    if ctx.activity["phase"] != open_phase:
        ctx.refuse(_("De vragenlijst is gesloten: je antwoorden kunnen niet meer veranderen."))
    if ctx.activity["locked"]:
        ctx.refuse(_("De begeleider heeft de vragenlijst even op slot gezet."))
