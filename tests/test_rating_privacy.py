"""Impact-inspanning: live means would give each new score away (issue 18).

With means of one or two raters on the board, two consecutive updates give the score of
whoever was just seen tapping. So while the scoring round runs an item's means and spread
leave the server only once MIN_RATERS people scored it; before that board and phones get
the number of raters. When the round ends (another phase, or a lock) everything is shown.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import activity_of, new_client_id

from workforms.impact_inspanning import MIN_RATERS

II = "impact-inspanning"
STATS = ("mean", "min", "max", "sd")


@pytest.fixture
def room(make_session, sock):
    session = make_session(agenda=[II])
    fac, ack = sock(session, role="facilitator")
    ii = activity_of(ack, II)
    items = []
    for text in ("Online triage", "Labuitslag via de app"):
        answer = fac.emit(
            f"{II}:add", {"activity_id": ii["id"], "text": text, "client_id": new_client_id()}, callback=True
        )
        items.append(answer["note"]["id"])
    assert fac.emit("activity:phase", {"activity_id": ii["id"], "phase": "scoren"}, callback=True)["ok"]
    board, _ = sock(session, role="board")
    phones = [sock(session, name=name)[0] for name in ("Anna", "Bram", "Chris", "Dirk")]
    for client in (fac, board, *phones):
        client.get_received()
    return {"session": session, "sock": sock, "fac": fac, "board": board, "phones": phones, "ii": ii, "items": items}


def rate(room: dict[str, Any], phone, impact: int, effort: int) -> None:
    payload = {"activity_id": room["ii"]["id"], "note_id": room["items"][0], "impact": impact, "effort": effort}
    assert phone.emit(f"{II}:rate", payload, callback=True)["ok"]


def views_of(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every view of the first item in ``activity:updated`` / ``activity:changed`` messages."""
    out = []
    for m in messages:
        args = m["args"][0]
        activities = [args["activity"]] if m["name"] == "activity:updated" else args.get("activities", [])
        for activity in activities:
            if activity and activity["workform"] == II and activity["extra"].get("items"):
                out.append(activity["extra"]["items"][0])
    return out


def stats_seen(item: dict[str, Any]) -> list[Any]:
    return [item.get(axis, {}).get(key) for axis in ("impact", "effort") for key in STATS] + [item.get("place")]


def test_two_raters_give_counts_only_three_give_the_means(room):
    assert MIN_RATERS == 3
    anna, bram, chris, _dirk = room["phones"]
    rate(room, anna, 5, 1)
    rate(room, bram, 3, 2)
    seen = {"board": room["board"].get_received(), "phone": room["phones"][3].get_received()}
    board_views = views_of(seen["board"])
    assert [v["n"] for v in board_views] == [1, 2]
    assert all(value is None for v in board_views for value in stats_seen(v))
    assert all(v["withheld"] for v in board_views)
    assert all(set(v) == {"id", "number", "text"} for v in views_of(seen["phone"]))
    # A board that joins now gets the counts too, no means.
    _late, ack = room["sock"](room["session"], role="board")
    (joined,) = [a["extra"]["items"][0] for a in ack["state"]["activities"]]
    assert joined["n"] == 2 and all(value is None for value in stats_seen(joined))

    rate(room, chris, 4, 3)
    (third,) = views_of(room["board"].get_received())
    assert third["n"] == 3 and not third["withheld"]
    assert third["impact"]["mean"] == 4.0 and third["effort"]["mean"] == 2.0
    assert third["place"] == {"x": 2.0, "y": 4.0} and third["quadrant"] == "onmiddellijk"


@pytest.mark.parametrize("ending", ["bespreken", "lock"])
def test_the_end_of_the_round_shows_every_mean(room, ending):
    anna, bram, _chris, _dirk = room["phones"]
    rate(room, anna, 5, 1)
    rate(room, bram, 3, 2)
    room["board"].get_received()
    aid = room["ii"]["id"]
    if ending == "lock":
        assert room["fac"].emit("activity:lock", {"activity_id": aid, "locked": True}, callback=True)["ok"]
    else:
        assert room["fac"].emit("activity:phase", {"activity_id": aid, "phase": ending}, callback=True)["ok"]
    item = views_of(room["board"].get_received())[-1]
    assert item["n"] == 2 and not item["withheld"]
    assert item["impact"]["mean"] == 4.0 and (item["effort"]["min"], item["effort"]["max"]) == (1, 2)
    assert item["quadrant"] == "onmiddellijk"
