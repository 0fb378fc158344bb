"""The facilitator console in a busy room (Debian's Chromium, Playwright, the real
server): what the facilitator types next survives the ack of what was just sent,
a group name being typed survives phones posting, "Plakken bij…" is one picker that
works by keyboard with many notes, and the spotlight round's buttons do not read
like the agenda's."""

from __future__ import annotations

import socketio
from browser_support import *  # noqa: F403 (fixtures and helpers)
from browser_support import create, needs_chromium, open_online

pytestmark = needs_chromium

# Holds the acks of the named events until the test releases them (or turns them into a
# refusal): the facilitator's next keystrokes then land deterministically between the
# server's broadcast (which comes first) and the ack.
HOLD_ACKS = """(events) => {
  window.__held = []; window.__acked = 0; window.__refuse = false;
  const emit = io.Socket.prototype.emit;
  io.Socket.prototype.emit = function (event, ...args) {
    const cb = args[args.length - 1];
    if (events.includes(event) && typeof cb === "function") {
      args[args.length - 1] = (err, ack) => {
        window.__held.push(() => {
          cb(err, window.__refuse ? { ok: false, error: "Geweigerd door de test" } : ack);
          window.__acked += 1;
          document.body.dataset.acked = String(window.__acked);
        });
        document.body.dataset.held = String(window.__held.length);
      };
    }
    return emit.call(this, event, ...args);
  };
}"""
RELEASE = """() => {
  const held = window.__held;
  window.__held = [];
  document.body.dataset.held = "0";
  held.forEach((f) => f());
}"""


def wait_body(page, attribute: str, value: int) -> None:
    """Wait for a counter the ack holder keeps on <body> (the page's CSP forbids polling by eval)."""
    page.locator(f"body[data-{attribute}='{value}']").wait_for(state="attached")


def participant(server, session: dict, name: str) -> tuple[socketio.Client, int]:
    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"])
    ack = client.call("join", {"code": session["code"], "role": "participant", "name": name})
    assert ack["ok"], ack
    return client, ack["state"]["current_activity_id"]


def post(client: socketio.Client, activity: int, text: str, **extra) -> dict:
    ack = client.call("note:add", {"activity_id": activity, "client_id": text, "text": text, **extra})
    assert ack["ok"], ack
    return ack["note"]


def plakken(server, browser):
    session = create(server, agenda=["uitdagingen-en-kansen"])
    fac = open_online(browser, session["facilitator_url"])
    fac.click("#phases button:has-text('Plakken en groeperen')")
    fac.locator("#phases button[aria-pressed=true]", has_text="Plakken").wait_for()
    return session, fac


def test_the_next_item_typed_before_the_ack_survives_and_a_refusal_gives_the_text_back(server, browser):
    session = create(server, agenda=["impact-inspanning"])
    fac = open_online(browser, session["facilitator_url"])
    field = fac.locator(".ii-fac input[name=item]")
    field.wait_for()
    fac.evaluate(HOLD_ACKS, ["impact-inspanning:add"])

    field.fill("Online triage via de website")
    field.press("Enter")
    # The broadcast is in (the item is listed) but its ack is not: type the next item now.
    fac.locator(".ii-list li", has_text="Online triage via de website").wait_for()
    field.type("Wachtmuziek vervangen")
    fac.evaluate(RELEASE)
    wait_body(fac, "acked", 1)
    assert field.input_value() == "Wachtmuziek vervangen"
    assert field.evaluate("(el) => el === document.activeElement")

    # A refused item comes back into the (empty) field, with the reason shown.
    field.press("Enter")
    assert field.input_value() == ""
    wait_body(fac, "held", 1)
    fac.evaluate("() => { window.__refuse = true; }")
    fac.evaluate(RELEASE)
    wait_body(fac, "acked", 2)
    assert field.input_value() == "Wachtmuziek vervangen"
    fac.locator("#fac-error", has_text="Geweigerd door de test").wait_for()


def test_typing_a_group_name_while_phones_post_keeps_focus_and_text(server, browser):
    session, fac = plakken(server, browser)
    anna, activity = participant(server, session, "Anna")
    bram, _ = participant(server, session, "Bram")
    try:
        first = post(anna, activity, "Telefoon 's ochtends onbereikbaar", category="uitdaging")
        post(bram, activity, "Wachtrij aan de telefoon", category="uitdaging", stack_on=first["id"])
        name = fac.locator(".fgroup input")
        name.wait_for()
        name.click()
        name.type("Telef")
        # Phones post: loose notes, and one onto this very group (its card is redrawn).
        post(anna, activity, "Herhaalrecepten kosten veel tijd", category="uitdaging")
        post(bram, activity, "Terugbellen schuift door naar de middag", category="uitdaging", stack_on=first["id"])
        post(anna, activity, "Portaal wordt weinig gebruikt", category="kans")
        fac.locator(".fgroup .note__text", has_text="Terugbellen schuift door").wait_for()
        fac.locator("#notes .note__text", has_text="Portaal wordt weinig gebruikt").wait_for()
        fac.keyboard.type("onie")
        name = fac.locator(".fgroup input")
        assert name.input_value() == "Telefonie"
        assert name.evaluate("(el) => el === document.activeElement")
        name.press("Enter")
    finally:
        anna.disconnect()
        bram.disconnect()
    board = open_online(browser, session["board_url"])
    board.locator(".group__name", has_text="Telefonie").wait_for()


def test_plak_bij_picks_one_of_many_notes_by_keyboard(server, browser):
    session, fac = plakken(server, browser)
    clients = []
    try:
        for i in range(5):
            client, activity = participant(server, session, f"Deelnemer {i}")
            clients.append(client)
        for n in range(85):
            post(
                clients[n % 5],
                activity,
                f"Notitie {n}: de telefoon is 's ochtends slecht bereikbaar",
                category="uitdaging",
            )
    finally:
        for client in clients:
            client.disconnect()
    fac.locator("#notes li.note").nth(84).wait_for()
    # One picker for the page, not a list of every other note on every note.
    assert fac.locator("#notes option").count() == 0

    card = fac.locator("#notes li.note").filter(has=fac.locator(".note__text", has_text="Notitie 3:"))
    card.get_by_role("button", name="Plakken bij…").focus()
    fac.keyboard.press("Enter")
    dialog = fac.get_by_role("dialog", name="Plakken bij…")
    dialog.wait_for()
    assert dialog.get_by_role("button", name="Bij: Notitie 3:").count() == 0  # not onto itself
    fac.keyboard.type("notitie 70:")
    assert dialog.locator(".picker__choice").count() == 1
    fac.keyboard.press("ArrowDown")
    fac.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    group = fac.locator("#notes li.fgroup")
    group.locator(".note", has_text="Notitie 3:").wait_for()
    group.locator(".note", has_text="Notitie 70:").wait_for()
    assert group.locator(".note").count() == 2

    # Escape closes it without a change.
    fac.locator("#notes li.note").filter(has=fac.locator(".note__text", has_text="Notitie 5:")).get_by_role(
        "button", name="Plakken bij…"
    ).click()
    dialog.wait_for()
    fac.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert group.locator(".note").count() == 2


def test_spotlight_round_buttons_are_named_apart_from_the_agenda_buttons(server, browser):
    session = create(server, agenda=["uitdagingen-en-kansen", "trots"])
    fac = open_online(browser, session["facilitator_url"])
    agenda_next = fac.get_by_role("button", name="Volgende ▶", exact=True)
    assert agenda_next.count() == 1 and agenda_next.get_attribute("id") == "next"
    assert fac.get_by_role("button", name="◀ Vorige", exact=True).get_attribute("id") == "prev"
    round_group = fac.get_by_role("group", name="Uitgelicht op het bord")
    assert round_group.get_by_role("button", name="Volgende post-it ▶").get_attribute("id") == "spot-next"
    assert round_group.get_by_role("button", name="◀ Vorige post-it").get_attribute("id") == "spot-prev"
    fac.select_option("#spot-kind", "group")
    round_group.get_by_role("button", name="Volgende groep ▶").wait_for()
    fac.select_option("#spot-kind", "person")
    round_group.get_by_role("button", name="◀ Vorige persoon").wait_for()
    # Not the black primary look of the agenda's "Volgende ▶".
    look = "(el) => getComputedStyle(el).backgroundColor"
    assert fac.locator("#spot-next").evaluate(look) != fac.locator("#next").evaluate(look)
