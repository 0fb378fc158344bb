"""A later meeting deepens the kick-off instead of repeating it (issue 19, part 3): its
challenges and opportunities (groups and voted notes) and the trots notes marked to
keep (behouden) are on the board of the next meeting in the trajectory, and new notes
stick onto them; the vision meeting asks the handbook's deepening question."""

from __future__ import annotations

from conftest import activity_of
from drivers import post_note
from test_trajectories import facilitator, leader, new_session, new_trajectory, ok  # noqa: F401 (fixture)

DEEPEN = (
    "Neem voor jezelf de tijd om na te denken over de door jullie genoemde uitdagingen voor toekomstbestendige "
    "huisartsenzorg. Welke problemen ervaren jullie en jullie patiënten hier nog meer bij? En welke kansen zie je?"
)


def _kickoff(leader, sock) -> tuple[dict, dict]:  # noqa: F811
    trajectory = new_trajectory(leader)
    kickoff = new_session(leader, trajectory, title="Kick-off", template="kick-off", agenda=None)
    fac, ack = facilitator(sock, kickoff)
    anna, _ = sock(kickoff, name="Anna")
    bram, _ = sock(kickoff, name="Bram")
    challenges = activity_of(ack, "uitdagingen-en-kansen")
    phone_busy = post_note(anna, challenges, "De telefoon is 's ochtends altijd bezet", category="uitdaging")
    lines = post_note(bram, challenges, "Patiënten komen er telefonisch niet door", category="uitdaging")
    post_note(anna, challenges, "Een digitaal spreekuur", category="kans")
    loose = post_note(bram, challenges, "Meer taken naar de assistentes", category="kans")
    post_note(anna, challenges, "Een losse gedachte zonder stemmen", category="uitdaging")
    ok(fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "plakken"}, callback=True))
    stacked = ok(fac.emit("note:stack", {"note_id": lines["id"], "target_note_id": phone_busy["id"]}, callback=True))
    ok(fac.emit("group:update", {"group_id": stacked["group_id"], "name": "Bereikbaarheid"}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "stemmen"}, callback=True))
    ok(anna.emit("vote:add", {"note_id": loose["id"]}, callback=True))
    ok(anna.emit("vote:add", {"group_id": stacked["group_id"]}, callback=True))
    ok(bram.emit("vote:add", {"group_id": stacked["group_id"]}, callback=True))

    trots = activity_of(ack, "trots")
    ok(fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "plakken"}, callback=True))
    kept = post_note(anna, trots, "We lunchen elke dag samen")
    post_note(bram, trots, "De nieuwe koffiemachine")
    ok(fac.emit("note:flag", {"note_id": kept["id"], "field": "behouden", "value": True}, callback=True))
    return trajectory, kickoff


def test_the_next_meeting_starts_from_the_kickoffs_challenges_and_keeps(leader, sock) -> None:  # noqa: F811
    trajectory, _kickoff_session = _kickoff(leader, sock)
    vision = new_session(leader, trajectory, title="Visie", template="visie-en-strategie", agenda=None)
    fac, ack = facilitator(sock, vision)
    challenges = activity_of(ack, "uitdagingen-en-kansen")
    assert challenges["prompt"] == DEEPEN
    carried = [n for n in ack["state"]["notes"] if n["activity_id"] == challenges["id"]]
    # The group first (two dots), then the loose note with a dot; unvoted loose notes stay behind.
    assert [(n["text"], n["category"]) for n in carried] == [
        ("Bereikbaarheid", "uitdaging"),
        ("Meer taken naar de assistentes", "kans"),
    ]
    assert all(n["data"]["carried"]["from"] == "Kick-off" for n in carried)
    assert carried[0]["data"]["carried"]["count"] == 2

    trots = activity_of(ack, "trots")
    kept = [n for n in ack["state"]["notes"] if n["activity_id"] == trots["id"]]
    assert [(n["text"], n["data"]["behouden"]) for n in kept] == [("We lunchen elke dag samen", True)]

    # On the board from the start (also while everyone writes privately), and new notes stick onto them.
    _board, board_ack = sock(vision, role="board")
    on_board = {n["text"] for n in board_ack["state"]["notes"]}
    assert {"Bereikbaarheid", "We lunchen elke dag samen"} <= on_board
    phone, _ = sock(vision, name="Carla")
    ok(fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "plakken"}, callback=True))
    deeper = post_note(phone, challenges, "Vooral rond de griepprik", category="uitdaging", stack_on=carried[0]["id"])
    assert deeper["group_id"] is not None


def test_a_first_meeting_and_a_loose_meeting_carry_nothing(leader, sock, make_session) -> None:  # noqa: F811
    trajectory = new_trajectory(leader)
    first = new_session(leader, trajectory, title="Eerste", template="visie-en-strategie", agenda=None)
    _fac, ack = facilitator(sock, first)
    assert not [n for n in ack["state"]["notes"] if n["data"].get("carried")]
    loose = make_session(template="visie-en-strategie")
    _fac, ack = sock(loose, role="facilitator")
    assert ack["state"]["notes"] == []
