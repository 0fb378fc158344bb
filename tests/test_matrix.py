"""Placement in the impact/effort matrix (workforms/impact_inspanning/matrix.py)."""

from __future__ import annotations

import pytest

from workforms.impact_inspanning import matrix


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (5, 1, "onmiddellijk"),
        (1, 1, "quick-wins"),
        (5, 5, "plannen"),
        (1, 5, "niet-doen"),
        # The midpoint counts as high on both axes.
        (3.0, 3.0, "plannen"),
        (3.0, 2.99, "onmiddellijk"),
        (2.99, 3.0, "niet-doen"),
        (2.99, 2.99, "quick-wins"),
    ],
)
def test_quadrant_boundaries_at_the_midpoint(impact, effort, expected) -> None:
    assert matrix.quadrant(impact, effort) == expected


def test_means_spread_and_counts() -> None:
    ratings = [{"impact": 5, "effort": 1}, {"impact": 4, "effort": 2}, {"impact": 3, "effort": None}]
    s = matrix.summarise(ratings)
    assert s["impact"] == {"mean": 4.0, "min": 3, "max": 5, "sd": 0.82, "n": 3}
    assert s["effort"]["mean"] == 1.5 and s["effort"]["n"] == 2
    assert (s["effort"]["min"], s["effort"]["max"]) == (1, 2)
    assert s["n"] == 3
    assert s["place"] == {"x": 1.5, "y": 4.0}
    assert s["quadrant"] == "onmiddellijk"
    assert s["override"] is False


def test_item_needs_both_axes_to_be_placed() -> None:
    s = matrix.summarise([{"impact": 4, "effort": None}])
    assert s["place"] is None and s["quadrant"] is None and s["n"] == 1
    empty = matrix.summarise([])
    assert empty["n"] == 0 and empty["impact"]["mean"] is None and empty["quadrant"] is None


def test_override_wins_but_means_are_kept() -> None:
    ratings = [{"impact": 1, "effort": 5}, {"impact": 2, "effort": 4}]
    s = matrix.summarise(ratings, {"x": 1.5, "y": 4.5})
    assert s["place"] == {"x": 1.5, "y": 4.5}
    assert s["quadrant"] == "onmiddellijk"
    assert s["impact"]["mean"] == 1.5 and s["effort"]["mean"] == 4.5
    assert s["override"] is True
    # An override also places an item nobody rated yet.
    assert matrix.summarise([], {"x": 4, "y": 2})["quadrant"] == "niet-doen"


def test_invalid_stored_values_are_ignored() -> None:
    s = matrix.summarise([{"impact": 9, "effort": "2"}, {"impact": True, "effort": 2}, "x"])  # type: ignore[list-item]
    assert s["impact"]["n"] == 0 and s["effort"]["n"] == 1 and s["n"] == 1


@pytest.mark.parametrize("value", [0, 6, 2.5, "3", None, True, [3]])
def test_valid_score_is_a_whole_number_from_one_to_five(value) -> None:
    assert matrix.valid_score(value) is False


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (1, True),
        (5, True),
        (2.75, True),
        (0.9, False),
        (5.01, False),
        (float("nan"), False),
        ("3", False),
        (False, False),
    ],
)
def test_valid_position(value, ok) -> None:
    assert matrix.valid_position(value) is ok


def test_labels_merge_over_defaults() -> None:
    labels = matrix.clean_labels({"plannen": " Later ", "onbekend": "x", "niet-doen": ""})
    assert labels == {**matrix.DEFAULT_LABELS, "plannen": "Later"}
