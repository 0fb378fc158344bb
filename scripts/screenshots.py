#!/usr/bin/env python3
"""The README's screenshots, from a real run, so they stay true when the UI changes.

Starts the real server (``run.py``) with a throw-away database, creates a session
from the kick-off template and plays "Uitdagingen en kansen" in headless Chromium:
five participants write pink and blue notes in private, the facilitator reveals
them, stacks two into a named group, everyone votes, the round closes. Saves

* ``docs/img/board.png``        the board at 1920×1080 while discussing (groups, dots, QR corner);
* ``docs/img/phone.png``        a phone (360×640) during the dot vote;
* ``docs/img/facilitator.png``  the facilitator page at that moment;
* ``docs/img/report.png``       the report's page with this activity (``pdftoppm -r 60``);
* ``docs/img/home.png``         the facilitator's home with a trajectory of two meetings;
* ``docs/img/room-*.png``       boards with a full room (20 phones, tests/room.py): trots with
                                80 notes, uitdagingen en kansen with 40 notes in six groups,
                                kennismaken with 20 cards.

Run: ``.venv/bin/python scripts/screenshots.py`` (needs Debian's chromium and poppler-utils).

``--report`` makes only the report's sample pages (no browser): the kick-off, vision and
solution meetings of ``tests/report_samples.py``, built in-process, their PDF reports
rendered with ``pdftoppm -r 50`` to ``docs/img/report/<kickoff|visie|oplossing>-p<N>.png``
(the pages in ``REPORT_PAGES``: the summary and the pages that show each layout rule).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.request
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser_support import ARGS, BOARD, CHROMIUM, PHONE, stick_onto  # noqa: E402
from conftest import open_trots  # noqa: E402
from live_server import LiveServer  # noqa: E402
from room import Room, challenge_notes, trots_notes  # noqa: E402

OUT = ROOT / "docs" / "img"
NOTES = {
    "Sanne": [("uitdaging", "Telefoon is 's ochtends altijd bezet"), ("kans", "Online afspraken maken")],
    "Mehmet": [("uitdaging", "Lange wachttijd aan de telefoon"), ("kans", "Samenwerken met de apotheek")],
    "Els": [("uitdaging", "Hoge werkdruk bij de assistentes"), ("kans", "E-consult voor korte vragen")],
    "Joost": [("uitdaging", "Veel herhaalrecepten via de balie")],
    "Fatima": [("kans", "POH-GGZ vaker inzetten")],
}


def create(url: str) -> dict:
    req = urllib.request.Request(
        url + "/api/sessions",
        data=json.dumps(
            {"title": "Kick-off De Linde", "practice": "Huisartsenpraktijk De Linde", "template": "kick-off"}
        ).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def participants(url: str, code: str, people: dict) -> int:
    """The rest of the room as Socket.IO participants; returns the current activity's id."""
    import socketio

    current = 0
    for name in NOTES:
        client = socketio.Client(reconnection=False)
        client.connect(url, transports=["websocket"])
        ack = client.call("join", {"code": code, "role": "participant", "name": name})
        assert ack["ok"], ack
        people[name] = client
        current = ack["state"]["current_activity_id"]
    return current


def home(browser, url: str) -> None:
    """The facilitator's home with a trajectory of two meetings (docs/img/home.png)."""
    page = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
    page.goto(url + "/home")
    page.fill("#t-name", "Meer tijd voor de patiënt")
    page.fill("#t-practice", "Huisartsenpraktijk De Linde")
    page.fill("#t-leader", "Marieke")
    page.click("#trajectory-form button[type=submit]")
    for title, template in (("Kick-off", "kick-off"), ("Visie en strategie", "visie-en-strategie")):
        card = page.locator(".home-trajectory").first
        card.locator("input[name=title]").fill(title)
        card.locator("select[name=template]").select_option(template)
        card.locator(".home-new-session button[type=submit]").click()
        page.wait_for_url("**/f/*")
        page.goto(url + "/home")
    page.locator(".home-session", has_text="Visie en strategie").wait_for()
    page.screenshot(path=str(OUT / "home.png"))


def full_room(browser, url: str) -> None:
    """The board with a full room in three work formats (docs/img/room-*.png)."""
    deck = json.loads((ROOT / "static" / "cards" / "deck.json").read_text())
    body = {"title": "Kick-off De Linde", "agenda": open_trots(["trots", "uitdagingen-en-kansen", "kennismaken"])}
    req = urllib.request.Request(
        url + "/api/sessions", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        session = json.load(res)
    room = Room(url, session)
    try:
        board = browser.new_context(**BOARD).new_page()
        board.goto(session["board_url"])
        board.wait_for_selector("#conn[data-state=online]")

        def shoot(name: str, activity_id: int, ready: str) -> None:
            board.wait_for_selector(f"body[data-rendered^='{activity_id}:']")
            board.locator(ready).first.wait_for()
            board.evaluate("document.fonts.ready")
            board.wait_for_timeout(300)  # the last refit after pictures and soft hyphens
            board.screenshot(path=str(OUT / f"room-{name}.png"))

        activity_id = room.goto("trots")
        room.post_all(activity_id, trots_notes(20, 4))
        shoot("trots", activity_id, "#count:has-text('80 post-its')")
        activity_id = room.goto("uitdagingen-en-kansen")
        room.fac("activity:phase", {"activity_id": activity_id, "phase": "plakken"})
        room.stack(room.challenge_groups(room.post_all(activity_id, challenge_notes(20, 2))))
        shoot("uitdagingen", activity_id, ".group__name:has-text('Triage')")
        activity_id = room.goto("kennismaken")
        roles = ["Doktersassistente", "Huisarts", "Praktijkondersteuner", "Praktijkmanager"]
        dreams = [
            "Meer tijd voor elke patiënt",
            "Een team dat elkaar blijft opzoeken",
            "Rust aan de telefoon",
            "Zorg dicht bij huis, ook over tien jaar",
        ]
        room.post_all(
            activity_id,
            [
                [{"text": dreams[i % 4], "data": {"card": deck[i % len(deck)]["id"], "role": roles[i % 4]}}]
                for i in range(20)
            ],
        )
        shoot("kennismaken", activity_id, ".kn-person img")
    finally:
        room.close()


# Per sample, the pages kept under docs/img/report/ (page 1: contents and summary).
REPORT_PAGES = {"kickoff": (1, 2, 3, 4), "visie": (1, 5, 6, 7), "oplossing": (1, 2, 3, 4)}
REPORT_OUT = OUT / "report"


def report_pages() -> list[Path]:
    """The sample reports' pages as PNGs (docs/img/report/), from the app in-process."""
    from conftest import app_config
    from PIL import Image
    from report_samples import SAMPLES

    from app import create_app

    REPORT_OUT.mkdir(parents=True, exist_ok=True)
    for old in REPORT_OUT.glob("*.png"):
        old.unlink()
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(app_config(Path(tmp)))
        try:
            for name, build in SAMPLES.items():
                _session, pdf = build(app)
                (Path(tmp) / f"{name}.pdf").write_bytes(pdf)
                for number in REPORT_PAGES[name]:
                    base = REPORT_OUT / f"{name}-p{number}"
                    subprocess.run(
                        ["pdftoppm", "-png", "-r", "50", "-f", str(number), "-l", str(number), "-singlefile",
                         f"{name}.pdf", str(base)],
                        cwd=tmp,
                        check=True,
                    )  # fmt: skip
                    png = base.with_suffix(".png")
                    # 64 colours (Pillow comes with reportlab): a page is text on white, a third of the bytes.
                    Image.open(png).quantize(colors=64).save(png, optimize=True)
                    written.append(png)
        finally:
            app.extensions["flipover.store"].close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only the sample reports' pages (docs/img/report/)")
    if parser.parse_args().report:
        for path in report_pages():
            print(path)
        return
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp) / "screens.db").start()
        people: dict = {}
        try:
            session = create(server.url)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                fac = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
                fac.goto(session["facilitator_url"])
                fac.wait_for_selector("#conn[data-state=online]")
                board = browser.new_context(**BOARD).new_page()
                board.goto(session["board_url"])
                board.wait_for_selector("#conn[data-state=online]")
                phone = browser.new_context(**PHONE, device_scale_factor=2).new_page()
                phone.goto(session["join_url"])
                phone.fill("#name", "Anna")
                phone.click("#join-form button[type=submit]")

                fac.locator("#agenda button", has_text="Uitdagingen").click()
                board.wait_for_selector("body[data-rendered$=':schrijven']")
                phone.wait_for_selector("body[data-rendered$=':schrijven']")
                activity_id = participants(server.url, session["code"], people)
                for name, notes in NOTES.items():
                    for n, (category, text) in enumerate(notes):
                        payload = {"activity_id": activity_id, "client_id": f"{name}-{n}", "text": text}
                        assert people[name].call("note:add", {**payload, "category": category})["ok"]
                phone.click("#categories label:has-text('Uitdaging')")
                phone.fill("#note-text", "Patiënten weten niet wanneer ze moeten bellen")
                phone.click("#post-button")
                phone.locator("#mine .note:not(:has(.pending))").first.wait_for()

                # Reveal, stack two pink notes into a named group.
                fac.locator("#phases button", has_text="Plakken").click()
                board.wait_for_selector("body[data-rendered$=':plakken']")
                stick_onto(fac, "Lange wachttijd aan de telefoon", "Bij: Telefoon is 's ochtends altijd bezet")
                name = fac.locator(".fgroup input")
                name.wait_for()
                name.fill("Bereikbaarheid")
                name.press("Enter")
                board.locator(".group__name", has_text="Bereikbaarheid").wait_for()

                # Dot vote: the room votes, the phone is photographed mid-vote.
                fac.locator("#phases button", has_text="Stemmen").click()
                phone.wait_for_selector("#board-items .board-item")
                listed = people["Sanne"].call("notes:list", {"activity_id": activity_id})
                group_id = next(g["id"] for g in listed["groups"] if g["name"] == "Bereikbaarheid")
                by_text = {n["text"]: n["id"] for n in listed["notes"]}
                for voter in ("Sanne", "Mehmet", "Els"):
                    people[voter].call("vote:add", {"group_id": group_id})
                for voter in ("Joost", "Fatima"):
                    people[voter].call("vote:add", {"note_id": by_text["Online afspraken maken"]})
                item = phone.locator(".board-item", has_text="Bereikbaarheid")
                item.locator("button", has_text="Stem").first.click()
                item.locator(".board-item__mine", has_text="1 stem").wait_for()
                phone.screenshot(path=str(OUT / "phone.png"))

                fac.locator("#phases button", has_text="Bespreken").click()
                board.locator(".group .dots").first.wait_for()
                board.wait_for_selector("body[data-rendered$=':bespreken']")
                board.evaluate("document.fonts.ready")
                board.screenshot(path=str(OUT / "board.png"))
                fac.wait_for_selector("#notes .note")
                fac.screenshot(path=str(OUT / "facilitator.png"))

                pdf = fac.request.get(server.url + f"/api/sessions/{session['code']}/report.pdf").body()
                home(browser, server.url)
                full_room(browser, server.url)
                browser.close()
        finally:
            for client in people.values():
                client.disconnect()
            server.stop()

    pages = [page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages]
    number = next(i for i, text in enumerate(pages, start=1) if "Bereikbaarheid" in text)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "report.pdf").write_bytes(pdf)
        base = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile", "report.pdf", base],
            cwd=tmp,
            check=True,
        )
        (OUT / "report.png").write_bytes(base.with_suffix(".png").read_bytes())
    for name in (
        "board",
        "phone",
        "facilitator",
        "report",
        "home",
        "room-trots",
        "room-uitdagingen",
        "room-kennismaken",
    ):
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
