"""Finding work formats: the built-in package and third-party entry points."""

import sys
from pathlib import Path

import pytest
from conftest import app_config
from fixtures_wf import install_fake_distribution

from app import create_app, socketio_of
from app.registry import Registry, RegistryError, discover
from app.workform import Workform, facilitator_event, participant_event
from workforms.toelichting import Toelichting
from workforms.trots import Trots


@pytest.fixture
def third_party(tmp_path, monkeypatch):
    """The fake distribution on sys.path for this test only."""
    root = install_fake_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delitem(sys.modules, "fo_extra", raising=False)
    yield root
    sys.modules.pop("fo_extra", None)


def test_discover_finds_the_built_in_workforms():
    registry = discover()
    assert registry.get("trots") is Trots
    assert registry.get("toelichting") is Toelichting
    assert {"trots", "toelichting"} <= set(registry.slugs())


def test_registered_workform_knows_its_package_folder():
    registry = discover()
    assert registry.get("trots").package_dir == Path(sys.modules["workforms.trots"].__file__).parent


def test_unknown_slug_is_none():
    registry = discover()
    assert registry.get("bestaat-niet") is None
    assert registry.get(None) is None
    assert "bestaat-niet" not in registry


def test_duplicate_slug_is_refused():
    registry = Registry()
    registry.register(Trots, origin="first")

    class AlsoTrots(Workform):
        slug = "trots"
        title = {"nl": "Nog een trots"}

    with pytest.raises(RegistryError, match="duplicate"):
        registry.register(AlsoTrots, origin="second")
    assert registry.get("trots") is Trots


def test_workform_without_dutch_title_is_refused():
    class English(Workform):
        slug = "english-only"
        title = {"en": "Pride"}

    with pytest.raises(RegistryError, match="Dutch title"):
        Registry().register(English, origin="test")


def test_workform_without_any_title_is_refused():
    class Untitled(Workform):
        slug = "untitled"

    with pytest.raises(RegistryError):
        Registry().register(Untitled, origin="test")


def test_title_given_as_plain_string_is_refused():
    # "nl" in "Inleiding" is True for a str; the core later reads title["nl"].
    class PlainTitle(Workform):
        slug = "inleiding"
        title = "Inleiding"

    with pytest.raises(RegistryError):
        Registry().register(PlainTitle, origin="test")


def test_empty_dutch_title_is_refused():
    class Blank(Workform):
        slug = "blank"
        title = {"nl": "", "en": "Blank"}

    with pytest.raises(RegistryError):
        Registry().register(Blank, origin="test")


def test_workform_without_slug_is_refused():
    class NoSlug(Workform):
        title = {"nl": "Zonder slug"}

    with pytest.raises(RegistryError, match="slug"):
        Registry().register(NoSlug, origin="test")


def test_something_that_is_not_a_workform_is_refused():
    class NotAWorkform:
        slug = "nope"
        title = {"nl": "Nee"}

    with pytest.raises(RegistryError):
        Registry().register(NotAWorkform, origin="test")  # type: ignore[arg-type]


def test_custom_events_are_picked_up_from_decorators():
    class Voting(Workform):
        slug = "voting"
        title = {"nl": "Stemmen"}

        @facilitator_event("reset")
        def reset_votes(self, ctx, payload):
            return {"ok": True}

        @participant_event("rate")
        def rate(self, ctx, payload):
            return {"ok": True}

        def not_an_event(self):
            return None

    events = {e.name: e for e in Voting.custom_events()}
    assert set(events) == {"reset", "rate"}
    assert events["reset"].facilitator_only is True
    assert events["rate"].facilitator_only is False
    assert events["reset"].handler(Voting(), None, {}) == {"ok": True}


def test_built_in_workforms_declare_no_stray_events():
    assert Trots.custom_events() == []
    # The recap slide's parts are switched by the facilitator (issue 20): one event, no other.
    assert [(e.name, e.facilitator_only) for e in Toelichting.custom_events()] == [("show", True)]


def test_discover_includes_a_third_party_entry_point(third_party):
    registry = discover()
    extra = registry.get("extra")
    assert extra is not None
    assert extra.title["nl"] == "Extra werkvorm"
    assert extra.__module__ == "fo_extra"
    assert extra.package_dir == third_party / "fo_extra"
    assert {"trots", "toelichting", "extra"} <= set(registry.slugs())


def test_entry_point_reusing_a_built_in_slug_fails_at_start_up(tmp_path, monkeypatch):
    root = install_fake_distribution(tmp_path / "site", entry_point="trots = workforms.trots:workform")
    monkeypatch.syspath_prepend(str(root))
    with pytest.raises(RegistryError, match="duplicate"):
        discover()


def test_third_party_workform_works_end_to_end(third_party, tmp_path):
    app = create_app(app_config(tmp_path))
    try:
        http = app.test_client()
        assert {"slug": "extra", "title": "Extra werkvorm"}.items() <= next(
            w for w in http.get("/api/workforms").get_json() if w["slug"] == "extra"
        ).items()
        created = http.post("/api/sessions", json={"title": "Plugin", "agenda": ["extra"]})
        assert created.status_code == 201, created.get_json()
        session = created.get_json()

        phone = socketio_of(app).test_client(app, flask_test_client=http)
        ack = phone.emit("join", {"code": session["code"], "role": "participant"}, callback=True)
        activity = ack["state"]["activities"][0]
        assert activity["workform"] == "extra"

        pong = phone.emit("extra:ping", {"activity_id": activity["id"], "x": 7}, callback=True)
        assert pong == {"ok": True, "pong": 7, "role": "participant", "activity_id": activity["id"]}

        refused = phone.emit("extra:reset", {"activity_id": activity["id"]}, callback=True)
        assert refused["ok"] is False and refused["error"]

        fac = socketio_of(app).test_client(app, flask_test_client=http)
        fac.emit(
            "join",
            {"code": session["code"], "role": "facilitator", "facilitator_token": session["facilitator_token"]},
            callback=True,
        )
        assert fac.emit("extra:reset", {"activity_id": activity["id"]}, callback=True) == {"ok": True, "reset": True}

        note = phone.emit(
            "note:add", {"activity_id": activity["id"], "client_id": "x-1", "text": "Van buiten"}, callback=True
        )
        assert note["ok"], note
        phone.disconnect()
        fac.disconnect()
    finally:
        app.extensions["flipover.store"].close()
