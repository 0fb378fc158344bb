"""A project leader runs a kick-off and a vision meeting as one trajectory, in a real browser:
the home page makes the trajectory and both meetings; the second meeting starts with the
first one's goals, ambition and open actions without retyping anything."""

from __future__ import annotations

import io
from pathlib import Path

from a11y_support import assert_accessible
from browser_support import *  # noqa: F403
from browser_support import BOARD, PHONE, needs_chromium
from pypdf import PdfReader

pytestmark = needs_chromium

GOALS = ["Betere telefonische bereikbaarheid", "Minder administratieve last"]
AMBITION = "Meer tijd voor de patiënt"
ACTIONS = [
    ("Werkgroep telefonie starten", "Sanne", "bezig"),
    ("Nieuwsbrief versturen", "Anna", "klaar"),
    ("Enquête onder patiënten", "Bram", "open"),
]


def new_meeting(home, title: str, template: str):
    """Create the next meeting of the (only) trajectory from the home page; returns its facilitator page."""
    card = home.locator(".home-trajectory").first
    card.locator("input[name=title]").fill(title)
    card.locator("select[name=template]").select_option(template)
    card.locator(".home-new-session button[type=submit]").click()
    home.wait_for_url("**/f/*")
    home.wait_for_selector("#conn[data-state=online]")
    return home


def goto(fac, title: str) -> None:
    fac.locator("#agenda button", has_text=title).click()
    fac.locator("#current-title", has_text=title).wait_for()


def test_kickoff_and_vision_meeting_in_one_trajectory(server, browser):
    errors: list[str] = []
    context = browser.new_context(**BOARD, accept_downloads=True)
    home = context.new_page()
    home.on("pageerror", lambda exc: errors.append(str(exc)))

    # --- The home page: a new trajectory -------------------------------------------------------
    home.goto(server.url + "/home")
    assert home.locator("#home-empty").is_visible()
    assert_accessible(home, "empty home")
    home.fill("#t-name", "Meer tijd voor de patiënt")
    home.fill("#t-practice", "Huisartsenpraktijk De Linde")
    home.fill("#t-leader", "Marieke")
    home.click("#trajectory-form button[type=submit]")
    home.locator(".home-trajectory h2", has_text="Meer tijd voor de patiënt").wait_for()

    # --- Meeting 1: the kick-off sets goals and an ambition, and agrees three actions -----------
    fac = new_meeting(home, "Kick-off", "kick-off")
    fac.click("#goals-edit summary")
    for goal in GOALS:
        fac.fill("#goal-input", goal)
        fac.click("#goal-form button[type=submit]")
        fac.locator("#goals-list li", has_text=goal).wait_for()
    fac.fill("#ambition-input", AMBITION)
    fac.click("#ambition-form button[type=submit]")
    fac.locator("#goals-ambition", has_text=AMBITION).wait_for()
    assert fac.locator("#carried-card").is_hidden()  # the first meeting carries nothing

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(fac.locator("#join-url").inner_text())
    phone.fill("#name", "Anna")
    phone.click("#join-form button[type=submit]")
    phone.wait_for_selector("#conn[data-state=online]")

    goto(fac, "Vervolg en afsluiting")
    for what, who, status in ACTIONS:
        fac.fill(".ap-form input[name=what]", what)
        fac.fill(".ap-form input[name=who]", who)
        fac.select_option(".ap-form select[name=status]", status)
        fac.click(".ap-form button[type=submit]")
        fac.locator(".ap-table--edit tbody tr input[name=what]").nth(ACTIONS.index((what, who, status))).wait_for()
    phone.locator(".ap-list__item", has_text="Enquête onder patiënten").wait_for()
    assert fac.locator("#fac-error").inner_text() == ""

    # --- Meeting 2: vision and strategy, made from the home page -------------------------------
    fac.goto(server.url + "/home")
    kickoff_row = fac.locator(".home-session", has_text="Kick-off")
    assert "1 deelnemer" in kickoff_row.inner_text()
    fac = new_meeting(fac, "Visie en strategie", "visie-en-strategie")
    # It starts from the kick-off's goals and ambition ...
    for goal in GOALS:
        fac.locator("#goals-list li", has_text=goal).wait_for()
    assert fac.locator("#goals-list li").count() == len(GOALS)
    assert AMBITION in fac.locator("#goals-ambition").inner_text()
    # ... and from its open actions (the finished one stays behind).
    carried = fac.locator("#carried-list li")
    carried.first.wait_for()
    texts = carried.all_inner_texts()
    assert len(texts) == 2
    assert any("Werkgroep telefonie starten" in t and "Sanne" in t and "Bezig" in t for t in texts)
    assert any("Enquête onder patiënten" in t and "Bram" in t for t in texts)
    assert "Kick-off" in fac.locator("#carried-from").inner_text()
    # The doelstellingen work format builds on the carried goals: they are already there.
    goto(fac, "Doelstellingen")
    fac.locator("#plugin-area h3", has_text=f"Doelstellingen ({len(GOALS)})").wait_for()

    # --- Home lists both meetings in order under the trajectory ---------------------------------
    fac.goto(server.url + "/home")
    titles = fac.locator(".home-trajectory .home-session__title").all_inner_texts()
    assert titles == ["Kick-off", "Visie en strategie"]
    assert_accessible(fac, "home with a trajectory")

    # --- The trajectory report: both meetings, the goals, the actions with their history ---------
    with fac.expect_download() as download:
        fac.locator(".home-trajectory a", has_text="Trajectverslag (PDF)").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        "Meer tijd voor de patiënt",
        "Huisartsenpraktijk De Linde",
        "Kick-off",
        "Visie en strategie",
        *GOALS,
        AMBITION,
        *(what for what, _who, _status in ACTIONS),
    ):
        assert expected in text, expected
    assert errors == []
