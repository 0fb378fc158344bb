"""A participant's function in the practice (issue 21): optional, chosen at join.

The handbook's working-group sessions ask "Wat betekent de realisatie van de
voorgestelde oplossingsrichting voor de verschillende functies binnen de praktijk?"
(H:L792-794); the functions are the practice's roles the handbook names, plus
"anders". A phone sends the key as ``function`` in ``join``; an unknown key is
refused, an empty or absent one means "none given".

Who has which function is the facilitator's to see (the state's ``participant_list``):
in a small practice one function is often one person, so boards and phones never get
names and functions together, and what they show is per function, never per person.
Plain Python: no Flask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.i18n import lazy_gettext as _l

# Key → Dutch label (English through the catalogue), in the order phones offer them.
FUNCTIONS: dict[str, Any] = {
    "huisarts": _l("Huisarts"),
    "doktersassistent": _l("Doktersassistent"),
    "poh": _l("POH"),
    "praktijkmanager": _l("Praktijkmanager"),
    "praktijkhouder": _l("Praktijkhouder"),
    "anders": _l("Anders"),
}
KEYS: tuple[str, ...] = tuple(FUNCTIONS)


class UnknownFunction(ValueError):
    """A ``function`` that is not one of :data:`KEYS` (nor empty)."""


def clean(value: object) -> str | None:
    """The function key, or None for an empty or absent one; raises :class:`UnknownFunction`
    for anything else (a client must not store a function the app does not know)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in FUNCTIONS:
        return value.strip().lower()
    raise UnknownFunction(repr(value)[:40])


def label(key: str | None) -> str:
    """The function's label in the language in force; "" for None or an unknown key."""
    return str(FUNCTIONS[key]) if key in FUNCTIONS else ""


def options() -> list[dict[str, str]]:
    """``[{"key", "label"}]`` in the language in force, for a form or a client."""
    return [{"key": key, "label": str(text)} for key, text in FUNCTIONS.items()]


def counts(functions: Iterable[str | None]) -> dict[str, int]:
    """How many participants have each function, in :data:`KEYS` order, functions nobody
    has left out (so ``{}`` when nobody gave one)."""
    tally: dict[str, int] = {}
    for key in functions:
        if key in FUNCTIONS:
            tally[key] = tally.get(key, 0) + 1
    return {key: tally[key] for key in KEYS if key in tally}


def counts_text(tally: Mapping[str, int]) -> str:
    """ "Huisarts: 2, POH: 1": the counts in words, for the report's cover (no plurals needed)."""
    return ", ".join(f"{label(key)}: {n}" for key, n in tally.items())
