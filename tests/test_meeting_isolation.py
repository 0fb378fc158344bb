"""One meeting never hands out another's join code (issue 18, finding 1).

A trajectory's second meeting takes goals and open actions over from the first. Its
phones and board must not learn the first meeting's code: with it they could open
that meeting's board and post there. Only the facilitator's view may name it."""

from __future__ import annotations

import json

from test_trajectories import facilitator, kickoff, leader, new_session, ok  # noqa: F401 - fixtures by name


def test_phones_and_board_of_a_later_meeting_never_see_the_earlier_code(leader, sock, kickoff):  # noqa: F811
    trajectory, first = kickoff
    second = new_session(
        leader, trajectory, title="Visie", agenda=["toelichting", "doelstellingen", "impact-inspanning", "actieplan"]
    )
    fac, fac_ack = facilitator(sock, second)
    assert fac_ack["state"]["carried"]["from"]["title"] == "Kick-off", "the facilitator still sees where it came from"
    phone, phone_ack = sock(second, name="Anna")
    board, board_ack = sock(second, role="board")
    for viewer, ack in (("phone", phone_ack), ("board", board_ack)):
        assert ack["ok"], ack
        assert first["code"] not in json.dumps(ack), f"the {viewer}'s join state names the earlier meeting"

    for activity in fac_ack["state"]["activities"]:
        ok(fac.emit("activity:goto", {"activity_id": activity["id"]}, callback=True))
    ok(fac.emit("goal:add", {"title": "Werkplezier"}, callback=True))
    for viewer, client in (("phone", phone), ("board", board)):
        received = client.get_received()
        assert received, f"the {viewer} heard the changes"
        assert first["code"] not in json.dumps([m["args"] for m in received]), f"an update to the {viewer} leaks it"
