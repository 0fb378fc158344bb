"""Placement in the impact/effort matrix: pure functions, no storage, unit tested.

Both axes run from 1 (laag) to 5 (hoog); the midpoint is 3. A value of exactly
3.0 counts as *hoog* on both axes ("3 of meer is hoog"), so an item the group
rates as neutral on both lands in "Plannen": it is worth discussing, never
silently dropped into "Niet doen".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, TypeGuard

LOW, HIGH = 1, 5
MIDPOINT = 3.0
AXES = ("impact", "effort")


def N_(text: str) -> str:
    """Marks a text for the catalogue without translating it here (see DEFAULT_LABELS)."""
    return text


# Quadrant keys and their default labels (the facilitator may rename them). Stored and sent
# in Dutch, the same to everyone; the board, phones and PDF show a default in their own
# language (t()/gettext of the label), a label the facilitator typed as is.
QUADRANTS: tuple[str, ...] = ("onmiddellijk", "quick-wins", "plannen", "niet-doen")
DEFAULT_LABELS: dict[str, str] = {
    "onmiddellijk": N_("Onmiddellijk"),
    "quick-wins": N_("Quick wins"),
    "plannen": N_("Plannen"),
    "niet-doen": N_("Niet doen"),
}
# Where each quadrant sits: (impact high?, effort high?). The handbook's figure read column
# by column: the low-effort column holds "Onmiddellijk" (high impact) above "Quick wins".
POSITION: dict[str, tuple[bool, bool]] = {
    "onmiddellijk": (True, False),
    "quick-wins": (False, False),
    "plannen": (True, True),
    "niet-doen": (False, True),
}
# The placements a facilitator can choose (issue 19): the handbook's, and the one people
# who know "quick wins" as high impact for little effort expect (app's own option).
PLACEMENTS: dict[str, dict[str, tuple[bool, bool]]] = {
    "handboek": POSITION,
    "quick-wins-hoog": {
        "quick-wins": (True, False),
        "onmiddellijk": (False, False),
        "plannen": (True, True),
        "niet-doen": (False, True),
    },
}
FIRST = (True, False)  # high impact, low effort: what to do first


def clean_placement(value: object) -> dict[str, tuple[bool, bool]]:
    """A stored placement: the name of one of PLACEMENTS, or a mapping of every quadrant to a
    different corner (``{"quick-wins": [true, false], ...}``); anything else is the handbook's."""
    if isinstance(value, str):
        return PLACEMENTS.get(value, POSITION)
    if isinstance(value, dict) and set(value) == set(QUADRANTS):
        corners = {key: tuple(value[key]) for key in QUADRANTS if isinstance(value[key], list | tuple)}
        booleans = all(len(c) == 2 and all(isinstance(b, bool) for b in c) for c in corners.values())
        if len(corners) == 4 and booleans and len(set(corners.values())) == 4:
            return {key: (bool(c[0]), bool(c[1])) for key, c in corners.items()}
    return POSITION


def first_quadrant(placement: dict[str, tuple[bool, bool]]) -> str:
    """The quadrant of high impact and low effort under this placement."""
    return next(key for key, where in placement.items() if where == FIRST)


def is_high(value: float) -> bool:
    """The midpoint itself counts as high."""
    return value >= MIDPOINT


def quadrant(impact: float, effort: float, placement: dict[str, tuple[bool, bool]] = POSITION) -> str:
    wanted = (is_high(impact), is_high(effort))
    return next(key for key, where in placement.items() if where == wanted)


def valid_score(value: object) -> bool:
    """A rating is a whole number 1-5 (not a bool, not a float, not a string)."""
    return isinstance(value, int) and not isinstance(value, bool) and LOW <= value <= HIGH


def valid_position(value: object) -> TypeGuard[int | float]:
    """An override coordinate: any number within the scale."""
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and LOW <= value <= HIGH
    )


def _stats(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"mean": None, "min": None, "max": None, "sd": None, "n": 0}
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return {"mean": round(mean, 2), "min": min(values), "max": max(values), "sd": round(sd, 2), "n": len(values)}


def summarise(
    ratings: Iterable[dict[str, Any]],
    override: dict[str, float] | None = None,
    placement: dict[str, tuple[bool, bool]] = POSITION,
) -> dict[str, Any]:
    """One item's aggregate from its ratings ``[{"impact": 1-5|None, "effort": 1-5|None}]``.

    ``n`` counts the people who gave at least one score; each axis has its own
    count. The item is placed at the means (x = effort, y = impact) once both
    axes have a score, or at the facilitator's override, which wins but never
    replaces the means.
    """
    ratings = [r for r in ratings if isinstance(r, dict)]
    axes = {axis: _stats([r[axis] for r in ratings if valid_score(r.get(axis))]) for axis in AXES}
    n = sum(1 for r in ratings if any(valid_score(r.get(axis)) for axis in AXES))
    place: dict[str, float] | None = None
    if override:
        place = {"x": float(override["x"]), "y": float(override["y"])}
    elif axes["impact"]["mean"] is not None and axes["effort"]["mean"] is not None:
        place = {"x": axes["effort"]["mean"], "y": axes["impact"]["mean"]}
    return {
        "impact": axes["impact"],
        "effort": axes["effort"],
        "n": n,
        "override": bool(override),
        "place": place,
        "quadrant": quadrant(place["y"], place["x"], placement) if place else None,
    }


def withhold(summary: dict[str, Any]) -> dict[str, Any]:
    """An item's aggregate with the statistics left out, the counts kept (see MIN_RATERS in
    ``__init__``): ``withheld`` is True, and the item has a place only by override."""
    axes = {axis: {**dict.fromkeys(("mean", "min", "max", "sd")), "n": summary[axis]["n"]} for axis in AXES}
    placed = summary["override"]
    return {
        **summary,
        **axes,
        "place": summary["place"] if placed else None,
        "quadrant": summary["quadrant"] if placed else None,
        "withheld": True,
    }


def clean_labels(labels: object) -> dict[str, str]:
    """Stored labels merged over the defaults (unknown keys and non-text ignored)."""
    out = dict(DEFAULT_LABELS)
    if isinstance(labels, dict):
        for key in QUADRANTS:
            value = labels.get(key)
            if isinstance(value, str) and value.strip():
                out[key] = value.strip()
    return out
