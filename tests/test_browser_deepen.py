"""The vision meeting's board starts from the kick-off (issue 19, part 3), at room
scale: 20 phones posted 40 challenges and opportunities in the kick-off, the room made
six groups and voted; the next meeting's uitdagingen-en-kansen board shows those groups
badged "uit: Kick-off" under the handbook's deepening question, and a new note stuck
onto one joins its stack (Debian's Chromium, Playwright, run.py)."""

from __future__ import annotations

import json
import urllib.request

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import needs_chromium, open_online
from playwright.sync_api import expect
from room import Room, challenge_notes

pytestmark = needs_chromium

FULL_HD = {"viewport": {"width": 1920, "height": 1080}}


def _post(url: str, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def test_the_vision_board_deepens_the_kickoffs_challenges(server, browser, tmp_path) -> None:
    trajectory = _post(server.url + "/api/trajectories", {"name": "Meer tijd voor de patiënt", "practice": "De Linde"})
    kickoff = _post(
        server.url + "/api/sessions",
        {"title": "Kick-off", "template": "kick-off", "trajectory": trajectory["id"]},
        trajectory["token"],
    )
    room = Room(server.url, kickoff)
    try:
        activity_id = room.goto("uitdagingen-en-kansen")
        notes = room.post_all(activity_id, challenge_notes(20, 2))
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "plakken"})
        groups = room.stack(Room.challenge_groups(notes))
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "stemmen"})
        for n, client in enumerate(room.clients):  # Bereikbaarheid gets the most dots
            for group_id in (groups[0], groups[n % len(groups)]):
                assert client.call("vote:add", {"group_id": group_id})["ok"]
    finally:
        room.close()

    vision = _post(
        server.url + "/api/sessions",
        {"title": "Visie", "template": "visie-en-strategie", "trajectory": trajectory["id"]},
        trajectory["token"],
    )
    room = Room(server.url, vision)
    try:
        activity_id = room.goto("uitdagingen-en-kansen")
        board = open_online(browser, vision["board_url"], **FULL_HD)
        expect(board.locator("body")).to_have_attribute("data-settled", "true")
        expect(board.locator("h1, .prompt").first).to_contain_text("door jullie genoemde")
        carried = board.locator(".note", has_text="uit: Kick-off")
        expect(carried).to_have_count(6)
        expect(board.locator(".note", has_text="Bereikbaarheid").first).to_be_visible()
        board.screenshot(path=str(tmp_path / "vision-schrijven.png"))

        room.fac("activity:phase", {"activity_id": activity_id, "phase": "plakken"})
        target = next(
            n for n in room.state["notes"] if n["activity_id"] == activity_id and n["text"] == "Bereikbaarheid"
        )
        ack = room.clients[0].call(
            "note:add",
            {
                "activity_id": activity_id,
                "client_id": "deeper-1",
                "text": "Vooral op maandagochtend",
                "category": "uitdaging",
                "stack_on": target["id"],
            },
        )
        assert ack["ok"], ack
        stack = board.locator(".group", has_text="Bereikbaarheid")
        expect(stack.locator(".group__count")).to_have_text("2 post-its")
        expect(board.locator("body")).to_have_attribute("data-settled", "true")
        board.screenshot(path=str(tmp_path / "vision-plakken.png"))
    finally:
        room.close()
