"""Recap and closing slides show what they say (issue 20, part 3): a `toelichting` can show
the ambition and goals, what this meeting's other items came to (the goals with their kept
keywords, …), what the earlier meeting handed on and the open actions; each part switched
on in the template and on or off by the facilitator during the meeting."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import activity_of
from drivers import bearer, pdf_text
from test_trajectories import facilitator, leader, new_session, new_trajectory  # noqa: F401 - fixtures by name
from test_vision import goals_of, note

CLOSING = {"workform": "toelichting", "title": "Afronding", "config": {"show_goals": True, "show_outcomes": True}}


def extra(client, activity: dict[str, Any]) -> dict[str, Any]:
    views = [m["args"][0] for m in client.get_received() if m["name"] in ("activity:changed", "activity:updated")]
    for view in reversed(views):
        found = view.get("activity") if "activity" in view else None
        items = view.get("activities") or ([found] if found else [])
        for item in items:
            if item and item["id"] == activity["id"]:
                return item["extra"]
    raise AssertionError(f"no view of activity {activity['id']} received")


def keep_keywords(fac, phone, kern, goals) -> None:
    for goal, words in zip(goals, (["Terugbellen", "Online afspraken"], ["Taakherschikking"]), strict=True):
        for word in words:
            posted = note(phone, kern, word, data={"goal_id": goal["id"]})["note"]
            kept = {"activity_id": kern["id"], "note_id": posted["id"], "kept": True}
            assert fac.emit("kernwoorden:houden", kept, callback=True)["ok"]


@pytest.fixture
def vision(make_session, sock):
    session = make_session(agenda=["kernwoorden", CLOSING])
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session, name="Anna")
    kern, closing = activity_of(ack, "kernwoorden"), activity_of(ack, "toelichting")
    goals = goals_of(fac, "Betere bereikbaarheid", "Minder werkdruk")
    keep_keywords(fac, phone, kern, goals)
    fac.get_received()
    assert fac.emit("activity:goto", {"activity_id": closing["id"]}, callback=True)["ok"]
    return session, fac, phone, closing


def test_the_closing_slide_shows_the_goals_with_their_kept_keywords(vision) -> None:
    _session, fac, _phone, closing = vision
    shown = extra(fac, closing)
    assert shown["show"] == {"goals": True, "actions": True, "outcomes": True, "carried": False}
    (kernwoorden,) = shown["outcomes"]
    assert kernwoorden["lines"] == [
        "Betere bereikbaarheid: Terugbellen, Online afspraken",
        "Minder werkdruk: Taakherschikking",
    ]


def test_the_facilitator_switches_a_part_off_and_on_during_the_meeting(vision) -> None:
    _session, fac, phone, closing = vision
    off = {"activity_id": closing["id"], "part": "outcomes", "on": False}
    assert fac.emit("toelichting:show", off, callback=True)["ok"]
    shown = extra(fac, closing)
    assert shown["outcomes"] == [] and shown["show"]["outcomes"] is False
    assert fac.emit("toelichting:show", {**off, "on": True}, callback=True)["ok"]
    assert extra(fac, closing)["outcomes"]
    # Phones cannot, and nonsense is refused with a clear message.
    assert phone.emit("toelichting:show", off, callback=True)["ok"] is False
    bad = fac.emit("toelichting:show", {**off, "part": "alles"}, callback=True)
    assert bad["ok"] is False and "Onbekend onderdeel van de terugblik" in bad["error"]
    assert fac.emit("toelichting:show", {**off, "on": "ja"}, callback=True)["ok"] is False


def test_an_item_being_voted_on_is_not_recapped(make_session, sock) -> None:
    session = make_session(agenda=["uitdagingen-en-kansen", CLOSING])
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session, name="Anna")
    uk, closing = activity_of(ack, "uitdagingen-en-kansen"), activity_of(ack, "toelichting")
    assert fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "plakken"}, callback=True)["ok"]
    assert note(phone, uk, "Telefoon altijd bezet", category="uitdaging")["ok"]
    assert fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "stemmen"}, callback=True)["ok"]
    fac.get_received()
    assert fac.emit("activity:goto", {"activity_id": closing["id"]}, callback=True)["ok"]
    assert extra(fac, closing)["outcomes"] == []
    assert fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "bespreken"}, callback=True)["ok"]
    assert fac.emit("activity:goto", {"activity_id": closing["id"]}, callback=True)["ok"]
    assert [o["title"] for o in extra(fac, closing)["outcomes"]] == ["Uitdagingen en kansen"]


def test_a_recap_sums_up_only_the_items_before_it(make_session, sock) -> None:
    """A recap at the start of the meeting has nothing of the items still to come (they have not run)."""
    session = make_session(agenda=[CLOSING, "uitdagingen-en-kansen", {**CLOSING, "title": "Afsluiting"}])
    fac, ack = sock(session, role="facilitator")
    phone, _ = sock(session, name="Anna")
    opening, uk = ack["state"]["activities"][0], activity_of(ack, "uitdagingen-en-kansen")
    closing = ack["state"]["activities"][2]
    assert fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "plakken"}, callback=True)["ok"]
    assert note(phone, uk, "Telefoon altijd bezet", category="uitdaging")["ok"]
    assert fac.emit("activity:phase", {"activity_id": uk["id"], "phase": "bespreken"}, callback=True)["ok"]
    fac.get_received()
    assert fac.emit("activity:goto", {"activity_id": opening["id"]}, callback=True)["ok"]
    assert extra(fac, opening)["outcomes"] == []
    assert fac.emit("activity:goto", {"activity_id": closing["id"]}, callback=True)["ok"]
    assert [o["title"] for o in extra(fac, closing)["outcomes"]] == ["Uitdagingen en kansen"]


def test_the_next_meeting_recaps_the_kept_keywords_on_the_board_and_in_the_report(leader, sock) -> None:  # noqa: F811
    trajectory = new_trajectory(leader)
    first = new_session(leader, trajectory, title="Visie en strategie", agenda=["kernwoorden"])
    fac1, ack1 = facilitator(sock, first)
    phone, _ = sock(first, name="Anna")
    keep_keywords(
        fac1, phone, activity_of(ack1, "kernwoorden"), goals_of(fac1, "Betere bereikbaarheid", "Minder werkdruk")
    )
    recap = {"workform": "toelichting", "title": "Recap", "config": {"show_goals": True, "show_carried": True}}
    second = new_session(leader, trajectory, title="Oplossingsrichting", agenda=[recap])
    facilitator(sock, second)
    _board, board_ack = sock(second, role="board")
    shown = activity_of(board_ack, "toelichting")["extra"]
    assert shown["carried_outcomes"] == [
        {
            "title": "Visie en strategie",
            "lines": ["Betere bereikbaarheid: Terugbellen, Online afspraken", "Minder werkdruk: Taakherschikking"],
        }
    ]
    pdf = leader.get(f"/api/sessions/{second['code']}/report.pdf", headers=bearer(second))
    text = " ".join(pdf_text(pdf.data).split())
    assert "Uit ‘Visie en strategie’ • Betere bereikbaarheid: Terugbellen, Online afspraken" in text
