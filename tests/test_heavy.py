"""Heavy work (PDF reports, picture decoding) in a child process behind a bounded
number of turns (app/blocking.py ``run_heavy``, issue 18 findings #2 and #4):
busy → 503, a decompression bomb → a clear refusal, a crash or a hang → a clear
error, and the server carries on. The real-server proofs (memory of the server
process, another meeting's latency) are in tests/test_heavy_live.py."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import app_config
from drivers import bearer, pdf_text
from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app import create_app
from app.blocking import HeavyWorkRefused, run_heavy, slots
from app.registry import discover

BUSY = "De server is druk; probeer het over een minuut opnieuw."


@pytest.fixture
def heavy_app(tmp_path: Path):
    """The app with heavy work in a child process, as the server runs it."""
    made = []

    def make(**overrides: Any):
        application = create_app(app_config(tmp_path, HEAVY_IN_CHILD=True, **overrides))
        made.append(application)
        return application

    yield make
    for application in made:
        application.extensions["flipover.store"].close()


def new_session(application, agenda: list[str]) -> dict[str, Any]:
    response = application.test_client().post("/api/sessions", json={"title": "Zwaar werk", "agenda": agenda})
    assert response.status_code == 201
    return response.get_json()


def png(size: tuple[int, int], colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(application, session, *files: tuple[str, bytes]):
    boundary, body = encode_multipart(MultiDict([("files", FileStorage(io.BytesIO(raw), name)) for name, raw in files]))
    return application.test_client().post(
        f"/api/sessions/{session['code']}/cards",
        data=body,
        headers=bearer(session),
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_the_registry_travels_to_a_child_with_its_folders() -> None:
    import pickle

    registry = discover()
    copy = pickle.loads(pickle.dumps(registry))
    assert copy.slugs() == registry.slugs()
    assert all(copy.get(slug).package_dir == registry.get(slug).package_dir for slug in registry.slugs())


def test_a_report_and_a_phone_photo_are_made_in_the_child(heavy_app) -> None:
    application = heavy_app()
    session = new_session(application, ["trots", "kennismaken"])
    response = application.test_client().get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200, response.get_json()
    assert "Zwaar werk" in pdf_text(response.data)
    # A 12-megapixel phone photo and a picture at the 40-megapixel limit fit the default memory cap.
    photo = io.BytesIO()
    Image.effect_noise((4000, 3000), 30).convert("RGB").save(photo, "JPEG", quality=80)
    answer = upload(application, session, ("foto.jpg", photo.getvalue()), ("groot.png", png((6320, 6320))))
    assert answer.status_code == 201, answer.get_json()
    assert [card["label"] for card in answer.get_json()["added"]] == ["foto", "groot"]
    # The report shows the uploaded cards: the child finds the session's files.
    again = application.test_client().get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert again.status_code == 200, again.get_json()


def test_what_the_job_raises_is_raised_in_the_server(heavy_app) -> None:
    application = heavy_app()
    session = new_session(application, ["kennismaken"])
    answer = upload(application, session, ("kapot.png", b"\x89PNG niet echt"))
    assert answer.status_code == 400
    assert "geen (geldige) JPEG- of PNG-afbeelding" in answer.get_json()["error"]
    with application.test_request_context(), pytest.raises(ValueError, match="invalid literal"):
        run_heavy(int, "geen getal")


def test_a_busy_server_refuses_heavy_work_with_a_503(heavy_app) -> None:
    """Finding #4: at most HEAVY_JOBS at once, a bounded wait, then a clear refusal (no unbounded queue)."""
    application = heavy_app(HEAVY_JOBS=1, HEAVY_MAX_WAITING=1, HEAVY_WAIT_SECONDS=0.5)
    session = new_session(application, ["trots"])

    def slow() -> None:
        with application.test_request_context():
            run_heavy(time.sleep, 6)

    first = threading.Thread(target=slow)
    first.start()
    try:
        deadline = time.monotonic() + 5
        while slots(application)._free._value != 0 and time.monotonic() < deadline:  # the slow job has its turn
            time.sleep(0.01)
        started = time.monotonic()
        response = application.test_client().get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
        assert response.status_code == 503
        assert response.get_json() == {"error": BUSY}
        assert time.monotonic() - started < 4  # waited about HEAVY_WAIT_SECONDS, not for the slow job
    finally:
        first.join()
    # The turn is free again: the same request now succeeds.
    response = application.test_client().get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    assert response.status_code == 200


def test_more_waiting_than_allowed_is_refused_at_once(heavy_app) -> None:
    application = heavy_app(HEAVY_JOBS=1, HEAVY_MAX_WAITING=0, HEAVY_WAIT_SECONDS=30)
    taken = slots(application)
    with taken.turn(0), application.test_request_context(), pytest.raises(HeavyWorkRefused) as refused:
        started = time.monotonic()
        run_heavy(time.sleep, 0)
    assert refused.value.code == 503 and refused.value.description == BUSY
    assert time.monotonic() - started < 1


def test_the_child_memory_cap_turns_a_bomb_into_a_clear_refusal(heavy_app) -> None:
    """Finding #2: a decode that needs more than HEAVY_MEMORY_MB fails in the child, not in the server."""
    application = heavy_app(HEAVY_MEMORY_MB=200)  # start-up takes ~80 MB, the picture ~160 MB
    session = new_session(application, ["kennismaken"])
    answer = upload(application, session, ("bom.png", png((6320, 6320))))
    assert answer.status_code == 400
    assert answer.get_json()["error"] == (
        "'bom': De afbeelding is te groot om te verwerken. Verklein haar en probeer het opnieuw. "
        "Er is niets opgeslagen."
    )
    # Any job (a report too) that outgrows the cap: 422 with a message, and the next job runs.
    with application.test_request_context():
        with pytest.raises(HeavyWorkRefused) as refused:
            run_heavy(bytearray, 2_000_000_000)
        assert refused.value.code == 422
        assert "te groot om op deze server te verwerken" in str(refused.value.description)
        assert run_heavy(len, b"nog steeds in bedrijf") == 21


def test_a_child_that_hangs_or_dies_is_a_clear_error_and_the_server_carries_on(heavy_app) -> None:
    # Only the hanging job gets a short time limit: a child that merely starts slowly on a
    # busy machine (it runs at a lower priority) must not count as hanging in this test.
    hasty = heavy_app(HEAVY_TIMEOUT_SECONDS=4)
    with hasty.test_request_context():
        started = time.monotonic()
        with pytest.raises(HeavyWorkRefused) as slow:
            run_heavy(time.sleep, 3600)
        assert slow.value.code == 503 and "duurde te lang" in str(slow.value.description)
        assert time.monotonic() - started < 600  # stopped at its limit, not after the job's hour
    assert slots(hasty)._free._value == hasty.config["HEAVY_JOBS"]
    application = heavy_app()
    with application.test_request_context():
        with pytest.raises(HeavyWorkRefused) as crashed:
            run_heavy(os.abort)
        assert crashed.value.code == 500 and "Er is niets verloren" in str(crashed.value.description)
        assert run_heavy(len, b"abc") == 3
    assert slots(application)._free._value == application.config["HEAVY_JOBS"]  # every turn given back
