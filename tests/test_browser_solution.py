"""The solution work formats in a real browser (Debian's Chromium, Playwright,
the real server): three phones rate four items in impact-inspanning, the board
places them, a six-step process gets notes in every row, and the PDF has the
matrix figure and the process tables."""

from __future__ import annotations

import io
import os
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, join_phone, needs_chromium, open_online
from playwright.sync_api import expect
from pypdf import PdfReader
from room import CHANCES, Room

pytestmark = needs_chromium

# item → per phone (impact, effort); the means land in the quadrant named.
RATINGS = {
    "Online triage via de website": ([(5, 1), (4, 2), (5, 1)], "onmiddellijk"),
    "Wachtmuziek vervangen": ([(1, 2), (2, 1), (2, 1)], "quick-wins"),
    "Nieuw HIS kiezen": ([(4, 5), (5, 4), (5, 4)], "plannen"),
    "Eigen app bouwen": ([(1, 5), (1, 5), (2, 4)], "niet-doen"),
}


def _pdf(fac) -> PdfReader:
    with fac.expect_download() as download:
        fac.click("#download-report")
    return PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))


def test_three_phones_rate_four_items_into_the_right_quadrants(server, browser):
    session = create(server, agenda=["impact-inspanning"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    for text in RATINGS:
        fac.fill(".ii-fac input[name=item]", text)
        fac.click(".ii-fac button:has-text('Post-it toevoegen')")
        fac.locator(".ii-list li", has_text=text).wait_for()
    fac.click("#phases button:has-text('Scoren')")

    phones = [join_phone(browser, session, name) for name in ("Anna", "Bo", "Cas")]
    for phone in phones:
        phone.on("pageerror", lambda exc: errors.append(str(exc)))
        phone.wait_for_selector(".ii-item")
    ids = {text: fac.locator(".ii-list li", has_text=text).get_attribute("data-item") for text in RATINGS}
    for index, phone in enumerate(phones):
        for text, (scores, _quadrant) in RATINGS.items():
            impact, effort = scores[index]
            card = phone.locator(f".ii-item[data-item='{ids[text]}']")
            for axis, value in (("impact", impact), ("effort", effort)):
                card.locator(f"button[data-axis={axis}][data-value='{value}']").click()
                card.locator(f"button[data-axis={axis}][data-value='{value}'][aria-pressed=true]").wait_for()
        phone.get_by_text("4 van 4 post-its gescoord").wait_for()

    for text, (_scores, quadrant) in RATINGS.items():
        board.locator(f".ii-dot[data-item='{ids[text]}'][data-quadrant='{quadrant}']").wait_for()
        board.locator(".ii-legend li", has_text=text).filter(has_text="3 scores").wait_for()
    board.get_by_text("3 deelnemers hebben gescoord").wait_for()

    # The facilitator drags "Eigen app bouwen" from Niet doen to Plannen: an override, the means stay.
    dot = fac.locator(f".ii-dot[data-item='{ids['Eigen app bouwen']}'] circle")
    dot.scroll_into_view_if_needed()
    box = dot.bounding_box()
    assert box is not None
    fac.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    fac.mouse.down()
    fac.mouse.move(box["x"], box["y"] - 250, steps=5)
    fac.mouse.up()
    board.locator(f".ii-dot[data-item='{ids['Eigen app bouwen']}'][data-quadrant='plannen']").wait_for()
    board.locator(".ii-legend li", has_text="Eigen app bouwen").filter(has_text="verplaatst").wait_for()
    reader = _pdf(fac)
    page = next(p for p in reader.pages if "Legenda" in p.extract_text())
    text = page.extract_text()
    for label in ("Onmiddellijk", "Quick wins", "Plannen", "Niet doen", *RATINGS):
        assert label in text, label
    # The matrix is vector drawing: filled rectangles in the page's content stream.
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(" re") >= 4
    full = "\n".join(p.extract_text() for p in reader.pages)
    assert "Eigen app bouwen (verplaatst)" in full
    assert errors == []


def _matrix_point(svg_box: dict, effort: float, impact: float) -> tuple[float, float]:
    """Screen point of (effort, impact) on the facilitator's matrix (matrix-svg.js: BOX 70/10/900 in a
    1000-wide viewBox)."""
    scale = svg_box["width"] / 1000
    return svg_box["x"] + (70 + (effort - 1) / 4 * 900) * scale, svg_box["y"] + (910 - (impact - 1) / 4 * 900) * scale


def test_a_room_places_its_post_its_together_without_a_scoring_round(server, browser):
    """The handbook's way (issue 19): fourteen phones post, the facilitator moves on to Bespreken
    (scoring is the app's extra and "Daarna" passes it by) and drags post-its from the tray into the
    matrix while the room talks; the board and the report follow."""
    session = create(server, agenda=["impact-inspanning"])
    room = Room(server.url, session)
    activity_id = room.goto("impact-inspanning")
    texts = CHANCES[:14]
    room.post_all(activity_id, [[{"text": text}] for text in texts])
    errors: list[str] = []
    tall = {"width": 1280, "height": 1400}  # the matrix and its tray in one screen, as on a laptop zoomed out
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True, viewport=tall)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    expect(fac.locator("#instruction-next")).to_have_text("Daarna: Bespreken")
    expect(fac.locator("#phases button.optional")).to_have_text("Scoren (extra)")
    fac.click("#phases button:has-text('Bespreken')")
    expect(fac.locator("#instruction-text")).to_contain_text("Plaats samen elke post-it in de matrix")
    tray = fac.locator(".ii-fac .ii-dot[data-unplaced=true]")
    expect(tray).to_have_count(14)
    expect(board.locator(".ii")).to_contain_text("We plaatsen de post-its samen in de matrix.")
    expect(board.locator(".ii-legend li").filter(has_text="nog niet geplaatst")).to_have_count(14)

    ids = [fac.locator(".ii-list li", has_text=text).first.get_attribute("data-item") for text in texts]
    # (effort, impact) of a spot well inside each quadrant of the handbook's figure.
    targets = {"onmiddellijk": (1.8, 4.3), "quick-wins": (1.8, 1.8), "plannen": (4.2, 4.4), "niet-doen": (4.3, 1.7)}
    svg = fac.locator(".ii-fac svg.ii-matrix")
    svg.scroll_into_view_if_needed()
    # The matrix redraws in place: a dot is the same element after every update, so a redraw
    # never pulls it away from a pointer about to drag it.
    kept = fac.locator(f".ii-fac .ii-dot[data-item='{ids[-1]}'] circle").element_handle()
    for item_id, (quadrant, (effort, impact)) in zip(ids, targets.items(), strict=False):
        dot = fac.locator(f".ii-fac .ii-dot[data-item='{item_id}'] circle")
        box = dot.bounding_box()
        svg_box = svg.bounding_box()
        assert box is not None and svg_box is not None
        fac.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        fac.mouse.down()
        fac.mouse.move(*_matrix_point(svg_box, effort, impact), steps=8)
        fac.mouse.up()
        board.locator(f".ii-dot[data-item='{item_id}'][data-quadrant='{quadrant}']").wait_for()
    expect(tray).to_have_count(10)
    assert kept.evaluate("el => el.isConnected")
    # A post-it let go outside the matrix stays in the tray.
    dot = fac.locator(f".ii-fac .ii-dot[data-item='{ids[4]}'] circle")
    box = dot.bounding_box()
    assert box is not None
    fac.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    fac.mouse.down()
    fac.mouse.move(box["x"] + 200, box["y"] + box["height"] / 2, steps=4)
    fac.mouse.up()
    expect(fac.locator(f".ii-fac .ii-dot[data-item='{ids[4]}']")).to_have_attribute("data-unplaced", "true")
    # The keyboard way: the first arrow key puts it in the centre (3 counts as hoog: Plannen).
    fac.locator(f".ii-fac .ii-dot[data-item='{ids[5]}']").focus()
    fac.keyboard.press("ArrowUp")
    board.locator(f".ii-dot[data-item='{ids[5]}'][data-quadrant='plannen']").wait_for()
    expect(tray).to_have_count(9)
    placed = board.locator(".ii-legend li", has_text=texts[0])
    expect(placed).to_contain_text("Onmiddellijk")
    expect(placed).not_to_contain_text("scores")
    # Taken out again, back to the tray.
    fac.locator(".ii-list li", has_text=texts[5]).get_by_role("button", name="Uit de matrix halen").click()
    expect(tray).to_have_count(10)
    if shots := os.environ.get("FLIPOVER_SHOTS"):
        board.screenshot(path=str(Path(shots) / "impact-together-board.png"))
        svg.screenshot(path=str(Path(shots) / "impact-together-facilitator.png"))

    full = "\n".join(p.extract_text() for p in _pdf(fac).pages)
    assert "Het team plaatste de post-its samen in de matrix" in full
    assert "Nog niet geplaatst (10)" in full
    assert "Gem. impact" not in full.replace("\n", " ")
    assert errors == []


STEPS = ["Patiënt belt", "DA triageert", "HA beoordeelt", "Afspraak plannen", "Consult", "Verwerken in HIS"]
NOTES = [
    (0, "huidig", "Telefoon staat roodgloeiend"),
    (1, "gewenst", "Triage via de website"),
    (2, "wens", "Minder onderbrekingen"),
    (3, "verbeteren", "Agenda beter indelen"),
    (5, "huidig", "Knippen en plakken"),
]


def test_a_six_step_process_gets_notes_in_every_row_and_into_the_pdf(server, browser):
    session = create(server, agenda=["processen-en-ict"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], accept_downloads=True)
    fac.on("dialog", lambda dialog: dialog.accept())
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    fac.fill(".pi-fac input[placeholder='Naam van het proces']", "Telefonische triage")
    fac.press(".pi-fac input[placeholder='Naam van het proces']", "Enter")
    board.get_by_text("Telefonische triage").wait_for()
    for name in STEPS:
        fac.fill(".pi-fac input[placeholder='Nieuwe stap']", name)
        fac.click(".pi-fac button:has-text('Stap toevoegen')")
        fac.locator(".pi-steps li input[aria-label^='Naam van stap']").nth(STEPS.index(name)).wait_for()
    fac.locator(".pi-steps li").nth(1).locator("label:has-text('DA') input").check()
    board.locator(".pi-step", has_text="2. DA triageert").filter(has_text="Rol: DA").wait_for()
    assert board.locator(".pi-step").count() == 6
    # Reorder with the arrows: step 6 one place forward, then back.
    fac.locator(".pi-steps li").nth(5).locator("button[aria-label='Stap naar voren']").click()
    board.locator(".pi-step", has_text="5. Verwerken in HIS").wait_for()
    fac.locator(".pi-steps li").nth(4).locator("button[aria-label='Stap naar achteren']").click()
    board.locator(".pi-step", has_text="6. Verwerken in HIS").wait_for()

    phone = join_phone(browser, session, "Anna")
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.wait_for_selector(".pi-picker button")
    # Posting without a step is stopped on the phone itself.
    phone.fill("#note-text", "Zonder stap")
    phone.click("#post-button")
    phone.get_by_text("Kies eerst een stap van het proces.").wait_for()
    phone.fill("#note-text", "")
    step_ids = [phone.locator(".pi-picker button").nth(i).get_attribute("data-step") for i in range(6)]
    for index, row, text in NOTES:
        phone.locator(".pi-picker button").nth(index).click()
        phone.locator(f".pi-picker button[data-step='{step_ids[index]}'][aria-pressed=true]").wait_for()
        phone.check(f"#categories input[value='{row}']")
        phone.fill("#note-text", text)
        phone.click("#post-button")
        board.locator(f".pi-cell[data-step='{step_ids[index]}'][data-row='{row}'] .note", has_text=text).wait_for()
    for row in ("huidig", "gewenst", "wens", "verbeteren"):
        assert board.locator(f".pi-cell[data-row='{row}'] .note").count() >= 1

    # The desired process starts as a copy; the board switches to it.
    fac.click(".pi-fac button:has-text('Gewenst proces maken')")
    board.locator(".pi-badge", has_text="Gewenst proces").wait_for()
    assert board.locator(".pi-step").count() == 6
    assert board.locator(".pi-cell .note").count() == 0  # its own notes, none yet

    with fac.expect_download() as download:
        fac.click("#download-report")
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        "Huidig proces: Telefonische triage",
        "Gewenst proces: Telefonische triage",
        *STEPS,
        *(t for _i, _r, t in NOTES),
        "Huidige acties in het systeem",
        "Verbeteren",
    ):
        assert expected in text, expected
    assert errors == []


def test_template_starts_with_the_goals_recap_on_board_and_phone(server, browser):
    session = create(server, template="oplossingsrichting")
    board = open_online(browser, session["board_url"], **BOARD)
    board.locator(".toelichting-goals h2", has_text="Doelstellingen").wait_for()
    board.get_by_text("Nog geen doelstellingen vastgelegd.").wait_for()
    phone = join_phone(browser, session)
    phone.locator(".toelichting-goals h2", has_text="Doelstellingen").wait_for()
    fac = open_online(browser, session["facilitator_url"])
    # (Each button also shows its planned start and minutes on a line of its own: issue 19.)
    titles = [t.splitlines()[0] for t in fac.locator("#agenda li").all_inner_texts()]
    assert titles[:4] == [
        "1. Ambitie en doelstellingen (recap bijeenkomst 1)",
        "2. Thema's uit de interviews",
        "3. Toetsen oplossingsrichting op basis van interviews",
        "4. Uitwerken proces en ICT",
    ]


def test_another_phones_rating_does_not_redraw_this_phones_buttons(server, browser):
    """In a busy round every rating changes the activity for everyone; a phone keeps the very
    buttons it shows (a tap in progress is not lost to a redraw) and only redraws for its own taps."""
    session = create(server, agenda=["impact-inspanning"])
    fac = open_online(browser, session["facilitator_url"])
    for text in ("Online afspraken", "Terugbelverzoek"):
        fac.fill(".ii-fac input[name=item]", text)
        fac.click(".ii-fac button:has-text('Post-it toevoegen')")
        fac.locator(".ii-list li", has_text=text).wait_for()
    fac.click("#phases button:has-text('Scoren')")
    anna, bo = (join_phone(browser, session, name) for name in ("Anna", "Bo"))
    for phone in (anna, bo):
        phone.wait_for_selector(".ii-item")
    target = "button[data-axis=impact][data-value='3']"
    held = anna.locator(".ii-item").first.locator(target).element_handle()
    for axis in ("impact", "effort"):
        bo.locator(".ii-item").first.locator(f"button[data-axis={axis}][data-value='5']").click()
    bo.get_by_text("1 van 2 post-its gescoord").wait_for()
    # Messages on one connection arrive in order: once Anna shows the timer started after
    # Bo's rating, she has also handled the activity update that rating caused.
    fac.click("#timer-start")
    anna.wait_for_selector("#timer[data-state=running]")
    assert held.evaluate("(el) => el.isConnected") is True
    held.click()
    anna.locator(".ii-item").first.locator(f"{target}[aria-pressed=true]").wait_for()


def test_an_item_becomes_an_action_through_the_action_plans_note_command(server, browser):
    """impact-inspanning names no other format: its items get the session's note commands,
    here actieplan's "→ Actieplan" (actieplan:from-note)."""
    import json
    import time
    import urllib.request

    session = create(server, agenda=["impact-inspanning", "actieplan"])
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"])
    fac.on("pageerror", lambda exc: errors.append(str(exc)))
    fac.fill(".ii-fac input[name=item]", "Online triage via de website")
    fac.click(".ii-fac button:has-text('Post-it toevoegen')")
    item = fac.locator(".ii-list li", has_text="Online triage via de website")
    item.locator("button:has-text('→ Actieplan')").click()

    def actions() -> list[str]:
        req = urllib.request.Request(
            f"{server.url}/api/sessions/{session['code']}",
            headers={"Authorization": f"Bearer {session['facilitator_token']}"},
        )
        with urllib.request.urlopen(req, timeout=10) as res:
            state = json.load(res)
        plan = next(a for a in state["activities"] if a["workform"] == "actieplan")
        return [n["text"] for n in state["notes"] if n["activity_id"] == plan["id"]]

    deadline = time.monotonic() + 10
    while actions() != ["Online triage via de website"] and time.monotonic() < deadline:
        time.sleep(0.05)  # polling the API until the action is stored, not waiting a fixed time
    assert actions() == ["Online triage via de website"]
    assert errors == []
