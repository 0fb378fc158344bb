"""The plugin contract, checked for every installed work format (``discover()``).

A new work format gets these checks for free: what the pages and the PDF rely on
(serialisable meta in both languages, colours that are design tokens, assets that
exist, a report section on an empty activity, views built through the read-only
door, imports only through the door) and what keeps the room safe (custom events
refuse the board, facilitator events refuse phones, malformed payloads get an answer)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import activity_of
from drivers import bearer, flat, pdf_text

from app.design import NOTE_COLOURS
from app.i18n import LANGUAGES, language
from app.registry import discover
from app.workform import Workform

FORMS: list[type[Workform]] = list(discover())
SLUGS = [form.slug for form in FORMS]


def by_slug(slug: str) -> type[Workform]:
    return next(form for form in FORMS if form.slug == slug)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_meta_is_plain_json_in_every_language(app, slug: str, lang: str) -> None:
    form = by_slug(slug)
    with app.test_request_context(), language(lang):
        meta = form.meta()
        encoded = json.dumps(meta)  # fails on a lazy text or a dataclass left in
    assert json.loads(encoded)["slug"] == slug
    assert meta["title"].strip(), f"{slug} has no title in {lang}"
    phase_slugs = [p["slug"] for p in meta["phases"]]
    assert len(phase_slugs) == len(set(phase_slugs)), f"{slug} repeats a phase"
    assert all(p["title"].strip() for p in meta["phases"])


@pytest.mark.parametrize("slug", SLUGS)
def test_titles_exist_in_every_language(slug: str) -> None:
    form = by_slug(slug)
    for lang in LANGUAGES:
        assert isinstance(form.title.get(lang), str) and form.title[lang].strip(), f"{slug}: no {lang} title"


@pytest.mark.parametrize("slug", SLUGS)
def test_categories_use_design_tokens(slug: str) -> None:
    form = by_slug(slug)
    for category in form.categories:
        assert category.colour in NOTE_COLOURS, f"{slug}/{category.slug}: {category.colour} is not a note colour"
    slugs = [c.slug for c in form.categories]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("slug", SLUGS)
def test_limits_are_sane(slug: str) -> None:
    form = by_slug(slug)
    assert form.max_notes_per_participant >= 1
    assert form.votes_per_participant >= 1
    assert form.max_votes_per_item is None or form.max_votes_per_item >= 1
    assert form.initial_phase is None or form.phase(form.initial_phase) is not None
    if form.accepts_notes:
        assert any(p.posting for p in form.phases) or not form.phases, f"{slug} takes notes but never lets anyone post"


@pytest.mark.parametrize("slug", SLUGS)
def test_declared_assets_are_served_as_javascript(app, client, slug: str) -> None:
    with app.test_request_context():
        meta = by_slug(slug).meta()
    urls = [meta[key] for key in ("board_js", "phone_js", "facilitator_js") if meta[key]]
    for url in urls:
        with client.get(url) as response:  # closes the file send_file opened
            assert response.status_code == 200, url
            assert "javascript" in response.mimetype, (url, response.mimetype)
            assert b"<script" not in response.data.lower()


@pytest.mark.parametrize("slug", SLUGS)
def test_report_builds_for_an_empty_activity(client, make_session, slug: str) -> None:
    session = make_session(title=f"Leeg {slug}", agenda=[slug])
    response = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200, response.data[:300]
    assert f"Leeg {slug}" in flat(pdf_text(response.data))


@pytest.mark.parametrize("slug", [form.slug for form in FORMS if form.custom_events()])
def test_custom_events_refuse_the_board_and_facilitator_events_refuse_phones(make_session, sock, slug: str) -> None:
    session = make_session(agenda=[slug])
    board, ack = sock(session, role="board")
    assert ack["ok"], ack
    phone, ack = sock(session, name="Anna")
    assert ack["ok"], ack
    activity = activity_of(ack, slug)
    for event in by_slug(slug).custom_events():
        payload = {"activity_id": activity["id"]}
        refused = board.emit(f"{slug}:{event.name}", payload, callback=True)
        assert refused and not refused.get("ok"), f"board may send {slug}:{event.name}"
        if event.facilitator_only:
            refused = phone.emit(f"{slug}:{event.name}", payload, callback=True)
            assert refused and not refused.get("ok"), f"a phone may send {slug}:{event.name}"
            assert refused.get("error"), "a refusal says why"


@pytest.mark.parametrize("slug", [form.slug for form in FORMS if form.custom_events()])
def test_custom_events_survive_malformed_payloads(make_session, sock, slug: str) -> None:
    session = make_session(agenda=[slug])
    fac, ack = sock(session, role="facilitator")
    assert ack["ok"], ack
    activity = activity_of(ack, slug)
    for event in by_slug(slug).custom_events():
        for payload in (None, "x", [], {}, {"activity_id": "nope"}, {"activity_id": activity["id"], "x": {"y": []}}):
            answer = fac.emit(f"{slug}:{event.name}", payload, callback=True)
            assert isinstance(answer, dict) and "ok" in answer, (event.name, payload, answer)
    # The session still works after the barrage.
    assert fac.emit(
        "join",
        {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
        callback=True,
    )["ok"]


# What a format may import from the core: the door, texts, and (for report code) the kit.
DOOR = {"app.workform", "app.i18n"}
REPORT_KIT = {"app.report", "app.design", "app.trajectory_report"}
# Helpers shared by several work formats; they stand behind the door themselves (tested below).
FORM_KITS = {"app.workform_support", "app.workform_questions"}


def _app_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "app":
            names = [f"{node.module}.{a.name}" for a in node.names] if node.module == "app" else [node.module]
            found.update(names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "app")
    return found


@pytest.mark.parametrize("form", list(discover()), ids=lambda f: f.slug)
def test_formats_use_only_the_door(form: type[Workform]) -> None:
    assert form.package_dir is not None
    for path in sorted(form.package_dir.rglob("*.py")):
        imports = _app_imports(path)
        allowed = DOOR | REPORT_KIT | FORM_KITS
        assert imports <= allowed, f"{path.name} reaches past the door: {imports - allowed}"
        source = path.read_text(encoding="utf-8")
        assert ".lock" not in source and "ctx.store" not in source, f"{path.name} takes a lock or the raw store"


@pytest.mark.parametrize("kit", sorted(FORM_KITS))
def test_shared_form_kits_use_only_the_door(kit: str) -> None:
    path = Path(__file__).resolve().parents[1] / (kit.replace(".", "/") + ".py")
    imports = _app_imports(path)
    assert imports <= DOOR, f"{path.name} reaches past the door: {imports - DOOR}"
    assert ".lock" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", [f.slug for f in discover()])
def test_every_format_builds_its_views_through_the_read_only_door(app, make_session, slug: str) -> None:
    """extra_view gets an ActivityReader (no store, nothing to write with) and returns plain JSON;
    participant_extra is computed from it alone."""
    from app import sessions
    from app.plugin_context import ActivityReader

    session = make_session(agenda=[slug])
    store = app.extensions["flipover.store"]
    form = discover().get(slug)
    with app.app_context():
        activity = sessions.list_activities(store, session["code"])[0]
        view = ActivityReader(store, activity)
        assert not hasattr(view, "store") and not hasattr(view, "set_state")
        extra = form().extra_view(activity, view)
        json.dumps(extra)
        json.dumps(form().participant_extra(extra))


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_phase_instructions_are_text_in_every_language(app, slug: str, lang: str) -> None:
    # The facilitator's script (Phase.instruction, issue 19): absent, or non-empty paragraphs.
    with app.test_request_context(), language(lang):
        for phase in by_slug(slug).meta()["phases"]:
            instruction = phase["instruction"]
            assert instruction is None or isinstance(instruction, str), f"{slug}/{phase['slug']}"
            if instruction is not None:
                assert all(line.strip() for line in instruction.split("\n")), f"{slug}/{phase['slug']}: empty line"
