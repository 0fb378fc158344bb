"""Page 1 of the report is the summary (issue 20, part 1): per agenda item its outcome in
a few lines — the kept trots notes, the top-voted group, each goal with its kept
keywords, every action with who and when — and an item that got nothing is listed
there once as "Niet behandeld." with no empty section further on."""

from __future__ import annotations

from conftest import activity_of
from drivers import bearer, flat, pdf_pages, post_note

AGENDA = ["trots", "uitdagingen-en-kansen", "doelstellingen", "kernwoorden", "actieplan", "evaluatie"]


def ok(ack: dict) -> dict:
    assert ack["ok"], ack
    return ack


def test_page_one_holds_every_outcome(make_session, sock, client) -> None:
    session = make_session(title="Visie De Linde", agenda=AGENDA)
    fac, ack = sock(session, role="facilitator")
    anna, _ = sock(session, name="Anna")
    bram, _ = sock(session, name="Bram")

    trots = activity_of(ack, "trots")
    ok(fac.emit("activity:phase", {"activity_id": trots["id"], "phase": "plakken"}, callback=True))
    kept = post_note(anna, trots, "We lunchen elke dag samen")
    post_note(bram, trots, "De nieuwe koffiemachine")
    ok(fac.emit("note:flag", {"note_id": kept["id"], "field": "behouden", "value": True}, callback=True))

    challenges = activity_of(ack, "uitdagingen-en-kansen")
    ok(fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "plakken"}, callback=True))
    busy = post_note(anna, challenges, "De telefoon is 's ochtends bezet", category="uitdaging")
    lines = post_note(bram, challenges, "Niemand komt er door", category="uitdaging")
    post_note(anna, challenges, "Een digitaal spreekuur", category="kans")
    group = ok(fac.emit("note:stack", {"note_id": lines["id"], "target_note_id": busy["id"]}, callback=True))
    ok(fac.emit("group:update", {"group_id": group["group_id"], "name": "Bereikbaarheid"}, callback=True))
    ok(fac.emit("activity:phase", {"activity_id": challenges["id"], "phase": "stemmen"}, callback=True))
    ok(anna.emit("vote:add", {"group_id": group["group_id"]}, callback=True))
    ok(bram.emit("vote:add", {"group_id": group["group_id"]}, callback=True))

    goal = ok(fac.emit("goal:add", {"title": "Betere bereikbaarheid"}, callback=True))["goal"]
    ok(fac.emit("ambition:set", {"text": "Meer tijd voor de patiënt"}, callback=True))
    kern = activity_of(ack, "kernwoorden")
    word = post_note(anna, kern, "Terugbelservice", data={"goal_id": goal["id"]})
    post_note(bram, kern, "Chatfunctie", data={"goal_id": goal["id"]})
    ok(fac.emit("kernwoorden:houden", {"activity_id": kern["id"], "note_id": word["id"], "kept": True}, callback=True))

    plan = activity_of(ack, "actieplan")
    for what, who, due in (("Werkgroep telefonie", "Sanne", "2027-01-15"), ("Enquête onder patiënten", "Bram", "")):
        fields = {"activity_id": plan["id"], "what": what, "who": who, "due": due}
        ok(fac.emit("actieplan:add", fields, callback=True))

    data = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session)).data
    pages = pdf_pages(data)
    first = flat(pages[0])
    assert "Samenvatting" in first
    assert "Behouden: We lunchen elke dag samen" in first
    assert "Bereikbaarheid (2 post-its) — 2 stemmen" in first
    assert "Ambitie: Meer tijd voor de patiënt" in first and "1. Betere bereikbaarheid" in first
    assert "Betere bereikbaarheid: Terugbelservice" in first and "Chatfunctie" not in first
    assert "Werkgroep telefonie — Sanne, 15 jan 2027 (Open)" in first
    assert "Enquête onder patiënten — Bram (Open)" in first
    # The evaluation was not done: named once, no empty section.
    assert "6. Evaluatie Niet behandeld." in first
    rest = flat(" ".join(pages[1:]))
    assert "Geen post-its" not in rest and "Nog geen antwoorden" not in rest
    # The details follow on the next pages, the group with its notes.
    assert "Groep: Bereikbaarheid (2 post-its)" in rest and "Niemand komt er door" in rest
