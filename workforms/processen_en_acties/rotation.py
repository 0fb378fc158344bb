"""Who stands at which goal during the rotation of `processen-en-acties`: pure functions.

The rule (the handbook: "Iedereen begint bij een andere doelstelling. Na ongeveer
drie minuten wissel je naar de volgende doelstelling"):

- Every participant has a *start slot* ``s`` (a goal index). In round ``r``
  they stand at goal ``(s + r) mod G``. So each round everyone moves one goal
  on, and after ``G`` rounds everyone has visited every goal exactly once.
- At the start, participant ``i`` (in join order) gets slot ``i mod G``: start
  goals are spread evenly. With more participants than goals several share a
  goal (the counts differ by at most one); with more goals than participants
  some goals are empty in a round, but everyone still visits all of them.
- A participant who joins during the rotation starts at the goal with the
  fewest people in the *current* round (ties: the first such goal), and from
  there rotates with everyone. They have visited every goal ``G`` rounds after
  joining; the facilitator can add rounds for them ("Nog een ronde").
- The current round follows from time (deadline-based): ``base`` rounds were
  done when the clock was last set at ``base_at``; with automatic advance one
  more round passes every ``seconds``, and it stops at the last planned round,
  so nobody wraps around to where they started. No process has to tick.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping


def start_slots(participant_ids: Iterable[int], goal_count: int) -> dict[int, int]:
    """Spread participants evenly: the i-th (in the given order) starts at goal ``i mod G``."""
    if goal_count < 1:
        return {}
    return {pid: i % goal_count for i, pid in enumerate(participant_ids)}


def goal_index(slot: int, round_no: int, goal_count: int) -> int:
    """The goal (index) of someone with start ``slot`` in ``round_no``."""
    return (slot + round_no) % goal_count


def assignment(slots: Mapping[int, int], round_no: int, goal_count: int) -> dict[int, int]:
    """Every participant's goal index in ``round_no``."""
    if goal_count < 1:
        return {}
    return {pid: goal_index(slot, round_no, goal_count) for pid, slot in slots.items()}


def occupancy(slots: Mapping[int, int], round_no: int, goal_count: int) -> list[int]:
    """How many people stand at each goal in ``round_no`` (an aggregate: safe to show)."""
    counts = Counter(assignment(slots, round_no, goal_count).values())
    return [counts.get(g, 0) for g in range(goal_count)]


def late_slot(slots: Mapping[int, int], round_no: int, goal_count: int) -> int:
    """The start slot for someone joining in ``round_no``: the least-occupied goal now."""
    counts = occupancy(slots, round_no, goal_count)
    target = counts.index(min(counts))
    return (target - round_no) % goal_count


def current_round(base: int, base_at_ms: int, seconds: int, auto: bool, planned: int, now_ms: int) -> int:
    """The round at ``now_ms``. Automatic advance never passes the last planned round."""
    if not auto or seconds <= 0:
        return base
    passed = max(0, now_ms - base_at_ms) // (seconds * 1000)
    last = max(base, planned - 1)
    return int(min(base + passed, last))


def round_ends_at(base: int, base_at_ms: int, seconds: int, auto: bool, planned: int, now_ms: int) -> int | None:
    """When the current round ends (epoch ms), or None when no automatic move follows."""
    round_no = current_round(base, base_at_ms, seconds, auto, planned, now_ms)
    if not auto or round_no >= planned - 1:
        return None
    return base_at_ms + (round_no - base + 1) * seconds * 1000


def visited(slot: int, first_round: int, last_round: int, goal_count: int) -> set[int]:
    """The goals someone with ``slot`` saw from ``first_round`` to ``last_round`` (inclusive)."""
    return {goal_index(slot, r, goal_count) for r in range(first_round, last_round + 1)}
