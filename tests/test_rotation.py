"""The rotation of processen-en-acties: pure assignment rules (workforms/processen_en_acties/rotation.py)."""

from __future__ import annotations

import pytest

from workforms.processen_en_acties import rotation


@pytest.mark.parametrize(("people", "goals"), [(3, 4), (4, 4), (7, 3), (1, 5), (12, 5), (2, 1)])
def test_everyone_visits_every_goal_in_goal_count_rounds(people: int, goals: int) -> None:
    slots = rotation.start_slots(range(100, 100 + people), goals)
    for pid, slot in slots.items():
        assert rotation.visited(slot, 0, goals - 1, goals) == set(range(goals)), pid
        # Never the same goal twice within the planned rounds.
        seen = [rotation.assignment(slots, r, goals)[pid] for r in range(goals)]
        assert len(set(seen)) == goals


@pytest.mark.parametrize(("people", "goals"), [(3, 4), (4, 4), (7, 3), (10, 4), (1, 5)])
def test_start_goals_are_spread_evenly_in_every_round(people: int, goals: int) -> None:
    slots = rotation.start_slots(range(people), goals)
    for r in range(goals):
        counts = rotation.occupancy(slots, r, goals)
        assert sum(counts) == people
        assert max(counts) - min(counts) <= 1
    # Start goals differ while there are goals enough: participant i starts at goal i mod G.
    assert [slots[i] for i in range(people)] == [i % goals for i in range(people)]


def test_more_goals_than_participants_leaves_goals_empty_but_not_people() -> None:
    slots = rotation.start_slots([1, 2], 5)
    assert rotation.assignment(slots, 0, 5) == {1: 0, 2: 1}
    assert rotation.assignment(slots, 4, 5) == {1: 4, 2: 0}
    assert rotation.occupancy(slots, 0, 5) == [1, 1, 0, 0, 0]


def test_late_joiner_starts_at_the_least_occupied_goal_of_the_current_round() -> None:
    slots = rotation.start_slots([1, 2, 3], 4)  # goal 3 is empty in round 0
    round_no = 2  # now goals 2, 3, 0 are taken: goal 1 is empty
    slot = rotation.late_slot(slots, round_no, 4)
    assert rotation.goal_index(slot, round_no, 4) == 1
    slots[4] = slot
    assert rotation.occupancy(slots, round_no, 4) == [1, 1, 1, 1]
    # From there they rotate with everyone and see every goal within G rounds of joining.
    assert rotation.visited(slot, round_no, round_no + 3, 4) == {0, 1, 2, 3}


def test_late_joiners_keep_the_room_balanced() -> None:
    slots = rotation.start_slots(range(4), 2)
    for pid in range(10, 13):
        slots[pid] = rotation.late_slot(slots, 1, 2)
    counts = rotation.occupancy(slots, 1, 2)
    assert max(counts) - min(counts) <= 1


def test_late_joiner_ties_go_to_the_first_goal() -> None:
    assert rotation.late_slot({}, 3, 4) == 1  # goal 0 in round 3 is slot (0 - 3) mod 4
    assert rotation.goal_index(rotation.late_slot({}, 3, 4), 3, 4) == 0


def test_round_follows_the_clock_and_stops_at_the_last_planned_round() -> None:
    base_at, minute = 1_000_000, 60_000
    args = {"base": 0, "base_at_ms": base_at, "seconds": 60, "auto": True, "planned": 3}
    assert rotation.current_round(**args, now_ms=base_at) == 0
    assert rotation.current_round(**args, now_ms=base_at + minute - 1) == 0
    assert rotation.current_round(**args, now_ms=base_at + minute) == 1
    assert rotation.round_ends_at(**args, now_ms=base_at + minute) == base_at + 2 * minute
    assert rotation.current_round(**args, now_ms=base_at + 10 * minute) == 2  # never wraps around
    assert rotation.round_ends_at(**args, now_ms=base_at + 10 * minute) is None
    manual = {**args, "auto": False}
    assert rotation.current_round(**manual, now_ms=base_at + 10 * minute) == 0
    assert rotation.round_ends_at(**manual, now_ms=base_at) is None
    # The facilitator may add rounds beyond the plan (for late joiners): they are kept.
    extra = {**args, "base": 4}
    assert rotation.current_round(**extra, now_ms=base_at + 10 * minute) == 4


def test_no_goals_means_no_assignment() -> None:
    assert rotation.start_slots([1, 2], 0) == {}
    assert rotation.assignment({1: 0}, 0, 0) == {}
