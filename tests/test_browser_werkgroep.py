"""A working-group session of Stap 1.4 b. (template `werkgroep-1`, issue 21 part 6) run from
the facilitator page in a real browser (Debian's Chromium, Playwright, the real server): the
handbook's Doel and preparation on the page, the script leading from the opening slide to
"Wat betekent dit voor jouw functie?" with its minutes, then a room of 15 phones with five
functions writing 35 notes, a column per function on the board and the counts per function
on the facilitator page.

Screenshots: FLIPOVER_SHOTS=<dir> keeps what the pages showed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import BOARD, create, needs_chromium, open_online
from playwright.sync_api import expect
from room import NAMES, Room
from test_board_room import assert_legible, every_page

pytestmark = needs_chromium

LAPTOP = {"viewport": {"width": 1440, "height": 900}}

# 15 phones, five functions, every phone gave its function at join.
FUNCTIONS: list[str | None] = [
    "huisarts", "huisarts", "huisarts", "huisarts",
    "doktersassistent", "doktersassistent", "doktersassistent", "doktersassistent", "doktersassistent",
    "poh", "poh", "poh",
    "praktijkmanager",
    "praktijkhouder", "praktijkhouder",
]  # fmt: skip

# What each function writes about the proposed solution (a callback system with online
# triage): impact = what changes for my function, nodig = what I need. 35 notes, all different.
WRITES: dict[str, list[tuple[str, str]]] = {
    "huisarts": [
        ("impact", "Minder telefonische consulten tussen de spreekuren door"),
        ("nodig", "Een vast belmoment aan het eind van de ochtend"),
        ("impact", "Ik beoordeel de online triage-uitkomsten voordat de assistent terugbelt"),
        ("nodig", "Afspraken over wanneer de assistent mij direct stoort"),
        ("impact", "Meer tijd voor complexe patiënten"),
        ("nodig", "Vertrouwen in de terugbelwachtrij"),
        ("impact", "Supervisie over de zelfstandige triage blijft bij mij"),
        ("nodig", "Een maandelijkse casuïstiekbespreking met de assistenten"),
        ("impact", "Visites worden beter gepland"),
    ],
    "doktersassistent": [
        ("impact", "Terugbellen in blokken in plaats van de hele ochtend de telefoon"),
        ("nodig", "Scholing in het nieuwe terugbelsysteem vóór de livegang"),
        ("impact", "Meer zelfstandige triage"),
        ("nodig", "Een rustige werkplek zonder balie-onderbrekingen"),
        ("impact", "Patiënten vragen aan de balie hoe het online werkt"),
        ("nodig", "Een folder voor patiënten die niet digitaal vaardig zijn"),
        ("impact", "Minder boze bellers in de ochtend"),
        ("nodig", "Een huisarts die bereikbaar is bij twijfel"),
        ("impact", "Herhaalrecepten lopen volledig via de app"),
        ("nodig", "Een duidelijk spoedprotocol naast de wachtrij"),
        ("impact", "Andere roosters: ochtenddienst met twee telefoonlijnen"),
        ("nodig", "Waardering voor de extra verantwoordelijkheid"),
    ],
    "poh": [
        ("impact", "Chronische controles worden via de online module ingepland"),
        ("nodig", "Koppeling met het ketenzorginformatiesysteem"),
        ("impact", "Minder no-shows door herinneringsberichten"),
        ("nodig", "Tijd om de vragenlijsten vooraf te lezen"),
        ("impact", "Leefstijlvragen komen vaker digitaal binnen"),
        ("nodig", "Een sjabloon voor e-consulten"),
        ("impact", "POH-GGZ krijgt aanmeldingen rechtstreeks uit de triage"),
    ],
    "praktijkmanager": [
        ("impact", "Roosters opnieuw indelen rond de terugbelblokken"),
        ("nodig", "Maandcijfers over bereikbaarheid en wachttijd"),
        ("impact", "Contractbeheer met de leverancier"),
    ],
    "praktijkhouder": [
        ("impact", "Investering in telefonie en licenties dit jaar"),
        ("nodig", "Zicht op de opbrengst in tijd na een half jaar"),
        ("impact", "Minder klachten over de bereikbaarheid"),
        ("nodig", "Een evaluatiemoment met het hele team na drie maanden"),
    ],
}
FUNCTION_ORDER = ["huisarts", "doktersassistent", "poh", "praktijkmanager", "praktijkhouder"]


def room_notes() -> list[list[dict]]:
    """Each phone's notes: its function's texts dealt out over that function's phones."""
    phones = {key: [n for n, f in enumerate(FUNCTIONS) if f == key] for key in FUNCTION_ORDER}
    out: list[list[dict]] = [[] for _ in FUNCTIONS]
    for key, texts in WRITES.items():
        for index, (category, text) in enumerate(texts):
            out[phones[key][index % len(phones[key])]].append({"text": text, "category": category})
    return out


def shot(page, name: str) -> None:
    """With FLIPOVER_SHOTS=<dir>, keep what the page shows, to look at."""
    if os.environ.get("FLIPOVER_SHOTS"):
        page.screenshot(path=str(Path(os.environ["FLIPOVER_SHOTS"]) / f"{name}.png"), full_page=True)


def words(text: str) -> re.Pattern[str]:
    """The text as the page may show it: long Dutch words may carry soft hyphens."""
    return re.compile("\u00ad?".join(re.escape(ch) for ch in text))


@pytest.fixture
def room(server):
    session = create(server, title="Werkgroep De Linde", template="werkgroep-1")
    joined = Room(server.url, session, phones=len(FUNCTIONS), functions=FUNCTIONS)
    yield session, joined
    joined.close()


def test_a_working_group_session_with_five_functions_at_room_scale(server, browser, room) -> None:
    session, joined = room
    notes = room_notes()
    assert sum(len(mine) for mine in notes) == 35 and all(notes)
    errors: list[str] = []
    fac = open_online(browser, session["facilitator_url"], **LAPTOP)
    board = open_online(browser, session["board_url"], **BOARD)
    for page in (fac, board):
        page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The handbook's Doel (H:L732-734, L820-822) and its four points to consider (H:L800-816).
    goals = fac.locator("#meeting-goals li")
    expect(goals).to_have_count(2)
    expect(goals.nth(0)).to_have_text(
        words("Deze sessies zijn bedoeld om de impact op alle functies te verkennen en input te verzamelen.")
    )
    expect(fac.locator("#preparation-list input[type=checkbox]")).to_have_count(4)
    expect(fac.locator("#preparation-list li").nth(0)).to_contain_text(words("De doelstelling van de sessies:"))
    expect(fac.locator("#agenda li")).to_have_count(4)
    # The whole room is in, with its functions (the facilitator's header, never the board).
    expect(fac.locator("#functions")).to_have_text(
        " · Functies: Huisarts 4, Doktersassistent 5, POH 3, Praktijkmanager 1, Praktijkhouder 2"
    )

    # The opening slide; the script names the next item with its minutes.
    expect(board.locator(".toelichting-goals")).to_contain_text(words("impact op alle functies"))
    expect(fac.locator("#instruction-next")).to_have_text(
        "Daarna: volgend agendapunt ‘Wat betekent dit voor jouw functie?’ (30 min)"
    )
    shot(fac, "werkgroep-1-facilitator-opening")
    shot(board, "werkgroep-1-board-opening")

    # On to the handbook's question: everyone writes for their own function.
    fac.click("#next")
    expect(fac.locator("#current-title")).to_have_text("Wat betekent dit voor jouw functie?")
    panel = fac.locator("#instruction")
    expect(panel).to_have_attribute("data-phase", "plakken")
    expect(fac.locator("#instruction-text")).to_contain_text(
        words("Iedereen schrijft op de telefoon wat de oplossingsrichting betekent voor de eigen functie")
    )
    activity_id = joined.activity_id("per-functie")
    stored = joined.post_all(activity_id, notes)
    assert len(stored) == 35
    assert {n["text"]: n["data"]["function"] for n in stored} == {
        text: key for key, texts in WRITES.items() for _category, text in texts
    }

    board.wait_for_selector(f"body[data-rendered^='{activity_id}:']")
    expect(board.locator("#count")).to_contain_text("35")
    expect(board.locator(".pf-col")).to_have_count(5)
    expect(board.locator(".pf-col .pf-col__title")).to_have_text(
        ["Huisarts (9)", "Doktersassistent (12)", "POH (7)", "Praktijkmanager (3)", "Praktijkhouder (4)"]
    )
    assert [board.locator(".pf-col").nth(i).get_attribute("data-function") for i in range(5)] == FUNCTION_ORDER
    seen, _groups, shots = every_page(board, "werkgroep-1-board-35-1920x1080")
    for m in shots:
        assert_legible(m)
    assert seen == {n["id"] for n in stored}
    assert shots[0]["pages"] == 1, shots[0]["pages"]
    # Functions on the board, never who wrote what.
    assert not any(name in board.locator("#work").inner_text().split() for name in NAMES[: len(FUNCTIONS)])

    # The discussion: the handbook's Resultaat as the script, then the next item with its minutes.
    fac.get_by_role("button", name=re.compile("Bespreken")).first.click()
    expect(panel).to_have_attribute("data-phase", "bespreken")
    expect(fac.locator("#instruction-text")).to_contain_text(
        words("Inzicht in hoe de oplossing wordt ontvangen door medewerkers van verschillende functies")
    )
    expect(fac.locator("#instruction-next")).to_have_text("Daarna: volgend agendapunt ‘Vragen en zorgen’ (15 min)")
    shot(fac, "werkgroep-1-facilitator-bespreken")
    shot(board, "werkgroep-1-board-bespreken")
    assert errors == []
