"""interviews in a real browser (Debian's Chromium, Playwright, the real server): three
interviews recorded on the facilitator page of an "Interviews" meeting, their answers marked
with themes; the meeting that tests the solution (template oplossingsrichting, same
trajectory) starts from those themes, and "Naar de matrix" puts them in its matrix. At room
scale (15 phone questionnaires, 3 interviews, about 25 themes over 11 questions) the board
stays legible at 1920×1080 and never shows an answer. With FLIPOVER_SHOTS=<dir> the pages
are saved to look at."""

from __future__ import annotations

import os
from pathlib import Path

from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, needs_chromium, open_online
from playwright.sync_api import expect
from room import Room
from test_board_room import assert_legible, measure

pytestmark = needs_chromium

INTERVIEWS = [
    ("doktersassistent", "2026-11-16", {"q4": "De telefoon staat de hele ochtend roodgloeiend", "q8": "Terugbellen"}),
    ("huisarts", "2026-11-17", {"q4": "Patiënten komen er telefonisch niet door", "q8": "Online triage"}),
    ("poh", "2026-11-18", {"q4": "Te veel telefoontjes voor herhaalrecepten", "q8": "Een terugbelverzoek via de site"}),
]
MARKS = [
    ("i1:q4", "Telefonische bereikbaarheid"),
    ("i2:q4", "Telefonische bereikbaarheid"),
    ("i3:q4", "Telefonische bereikbaarheid"),
    ("i3:q4", "Herhaalrecepten"),
    ("i1:q8", "Terugbellen"),
    ("i3:q8", "Terugbellen"),
    ("i2:q8", "Online triage"),
]


def shot(page, name: str) -> None:
    shots = os.environ.get("FLIPOVER_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=False)


def _session(context, server, trajectory: dict, **body) -> dict:
    made = context.request.post(server.url + "/api/sessions", data={"trajectory": trajectory["id"], **body})
    assert made.status == 201, made.text()
    return made.json()


def test_three_interviews_on_the_facilitator_page_become_meeting_threes_matrix(server, browser):
    leader = browser.new_context()
    made = leader.request.post(
        server.url + "/api/trajectories", data={"name": "Bereikbaarheid", "practice": "De Linde"}
    )
    assert made.status == 201
    trajectory = made.json()
    first = _session(leader, server, trajectory, title="Interviews", agenda=[{"workform": "interviews"}])
    fac = open_online(browser, first["facilitator_url"], viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    fac.on("pageerror", lambda e: errors.append(str(e)))
    form = fac.locator("form.iv-fac__form")
    expect(form.locator("select[name=role] option")).to_have_count(7)
    for n, (role, date, answers) in enumerate(INTERVIEWS, start=1):
        form.locator("select[name=role]").select_option(role)
        form.locator("input[name=date]").fill(date)
        for question, text in answers.items():
            form.locator(f"textarea[name={question}]").fill(text)
        form.locator("button[type=submit]").click()
        expect(fac.get_by_text(f"Vastgelegde interviews ({n})")).to_be_visible()
    expect(fac.locator(".iv-answer")).to_have_count(6)
    for ref, label in MARKS:
        answer = fac.locator(f".iv-answer[data-ref='{ref}']")
        answer.locator("input[name=label]").fill(label)
        answer.locator("input[name=label]").press("Enter")
        expect(answer.locator(".iv-chip", has_text=label)).to_be_visible()
    themes = fac.locator(".iv-fac__themes .iv-theme")
    expect(themes.first).to_contain_text("3×")
    expect(themes.first).to_contain_text("Telefonische bereikbaarheid")
    shot(fac, "interviews-facilitator")

    board = open_online(browser, first["board_url"], **BOARD)
    expect(board.locator(".iv-theme")).to_have_count(4)
    text = board.locator("main, body").first.inner_text()
    for secret in ("roodgloeiend", "Doktersassistent", "2026-11-16"):
        assert secret not in text

    meeting = _session(leader, server, trajectory, title="Verkennen oplossingsrichting", template="oplossingsrichting")
    fac3 = open_online(browser, meeting["facilitator_url"], viewport={"width": 1280, "height": 1000})
    fac3.on("pageerror", lambda e: errors.append(str(e)))
    fac3.locator("#agenda li", has_text="Thema's uit de interviews").locator("button").first.click()
    push = fac3.locator(".iv-fac__themes li", has_text="Telefonische bereikbaarheid").get_by_role(
        "button", name="Naar de matrix: Telefonische bereikbaarheid"
    )
    expect(push).to_be_visible()
    expect(fac3.locator(".iv-count")).to_have_text("Thema's uit: Interviews")
    push.click()
    expect(fac3.locator(".iv-fac__themes button", has_text="In de matrix ✓")).to_have_count(1)
    fac3.get_by_role("button", name="Naar de matrix: Terugbellen").click()
    expect(fac3.locator(".iv-fac__themes button", has_text="In de matrix ✓")).to_have_count(2)
    board3 = open_online(browser, meeting["board_url"], **BOARD)
    expect(board3.locator(".iv-theme__matrix")).to_have_count(2)
    shot(board3, "interviews-meeting3-board")
    fac3.locator("#agenda li", has_text="Toetsen oplossingsrichting").locator("button").first.click()
    expect(board3.get_by_text("Telefonische bereikbaarheid")).to_be_visible()
    expect(board3.get_by_text("Terugbellen")).to_be_visible()
    shot(board3, "interviews-meeting3-matrix")
    assert errors == []


QUESTION_THEMES = {
    "q1": ["Gezellig team", "Hard werken"],
    "q2": ["Collega's", "Afwisseling", "Korte lijnen"],
    "q3": ["Persoonlijke aandacht", "Bekende huisarts"],
    "q4": ["Telefonische bereikbaarheid", "Werkdruk", "Herhaalrecepten", "Onderbreking door balie"],
    "q5": ["Bereikbaarheid in de ochtend", "Te weinig tijd per patiënt"],
    "q6": ["Digitale triage", "Taakherschikking"],
    "q7": ["Planning van de spreekuren", "Overdracht tussen diensten"],
    "q8": ["Terugbelverzoek", "Online afspraken"],
    "q9": ["Assistentes", "Chronische patiënten"],
    "q10": ["Minder telefoontjes", "Meer tijd voor complexe zorg"],
    "q11": ["Scholing", "Goede afspraken met de HIS-leverancier"],
}


def test_room_scale_board_at_1080p_shows_themes_with_counts_and_no_answers(server, browser):
    session = create(server, agenda=["interviews"])
    room = Room(server.url, session, phones=15)
    try:
        aid = room.activity_id("interviews")
        for n, client in enumerate(room.clients):
            for q in range(1, 12):
                if (n + q) % 3 == 0:
                    continue
                answer = f"Antwoord {n} op vraag {q}: iets over de praktijk en het werk"
                ack = client.call("interviews:answer", {"activity_id": aid, "question_id": f"q{q}", "text": answer})
                assert ack["ok"], ack
        for role in ("doktersassistent", "huisarts", "poh"):
            answers = {f"q{q}": f"Interview-antwoord van de {role} op vraag {q}" for q in range(1, 12)}
            room.fac("interviews:interview-save", {"activity_id": aid, "role": role, "answers": answers})
        listed = room.fac("interviews:list", {"activity_id": aid})
        by_question: dict[str, list[str]] = {}
        for answer in listed["answers"]:
            by_question.setdefault(answer["question_id"], []).append(answer["ref"])
        marked = 0
        for question, labels in QUESTION_THEMES.items():
            refs = by_question[question]
            for i, ref in enumerate(refs):
                label = labels[i % len(labels)] if i % 4 else labels[0]
                room.fac("interviews:mark", {"activity_id": aid, "ref": ref, "label": label})
                marked += 1
        assert marked > 100
        board = open_online(browser, session["board_url"], **BOARD)
        expect(board.locator(".iv-theme")).to_have_count(sum(len(v) for v in QUESTION_THEMES.values()))
        expect(board.locator(".iv-count")).to_contain_text("3 interviews · 15 ingevulde vragenlijsten")
        m = measure(board, "interviews-room-1080p")
        assert_legible(m)
        assert "Antwoord" not in board.locator("body").inner_text()
        assert "Interview-antwoord" not in board.locator("body").inner_text()
        room.fac("activity:phase", {"activity_id": aid, "phase": "themas"})
        expect(board.locator(".iv-lead")).to_have_count(0)
        measure(board, "interviews-room-1080p-themas")
    finally:
        room.close()


def test_the_interviewer_records_on_a_phone_with_the_facilitator_link(server, browser):
    """Before the meeting the interviewer takes a phone: the facilitator page fits 390 px."""
    session = create(server, agenda=["interviews", "impact-inspanning"])
    page = open_online(
        browser, session["facilitator_url"], viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    form = page.locator("form.iv-fac__form")
    expect(form.locator("select[name=role] option")).to_have_count(7)
    form.locator("select[name=role]").select_option("praktijkmanager")
    form.locator("input[name=date]").fill("2026-11-20")
    form.locator("textarea[name=q5]").fill("Iedereen belt tegelijk om acht uur")
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("Vastgelegde interviews (1)")).to_be_visible()
    answer = page.locator(".iv-answer[data-ref='i1:q5']")
    answer.locator("input[name=label]").fill("Piek om acht uur")
    answer.locator("input[name=label]").press("Enter")
    expect(page.locator(".iv-fac__themes .iv-theme", has_text="Piek om acht uur")).to_contain_text("1×")
    shot(page, "interviews-interviewer-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
