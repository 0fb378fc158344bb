"""How the impact/effort matrix is read (issue 19, part 4): the board, the facilitator page
and the report say which quadrant is which, and the facilitator can place the quadrants
the way the handbook's figure does (the default) or with "quick wins" at high impact for
little effort, as many people know it."""

from __future__ import annotations

import re

import pytest
from conftest import activity_of
from drivers import bearer, pdf_text
from test_solution import II, _add_items, _extra, _phase, matrix_session  # noqa: F401 - fixture by name

from workforms.impact_inspanning import matrix


def test_placements_and_what_comes_first() -> None:
    assert matrix.clean_placement(None) is matrix.POSITION
    assert matrix.clean_placement("handboek") is matrix.POSITION
    quick = matrix.clean_placement("quick-wins-hoog")
    assert matrix.quadrant(4.5, 1.5, quick) == "quick-wins"
    assert matrix.quadrant(4.5, 1.5) == "onmiddellijk"  # the handbook's figure, column by column
    assert matrix.first_quadrant(quick) == "quick-wins"
    assert matrix.first_quadrant(matrix.POSITION) == "onmiddellijk"
    swapped = {
        "onmiddellijk": [True, True],
        "quick-wins": [True, False],
        "plannen": [False, False],
        "niet-doen": [False, True],
    }
    assert matrix.clean_placement(swapped)["plannen"] == (False, False)
    # Not every quadrant, two in one corner, or not booleans: the handbook's.
    for wrong in (
        {**swapped, "plannen": [True, False]},
        {"onmiddellijk": [True, False]},
        {**swapped, "plannen": [1, 0]},
        3,
    ):
        assert matrix.clean_placement(wrong) is matrix.POSITION


def words(pdf: bytes) -> str:
    """The PDF's text on one line, with words the layout hyphenated at a line end joined."""
    return re.sub(r"(\w)- (\w)", r"\1\2", " ".join(pdf_text(pdf).split()))


def rate_all(sock, session, ii, note_id: int, impact: int, effort: int) -> None:
    for name in ("Anna", "Bram", "Chris"):
        phone, _ = sock(session, name=name)
        rate = {"activity_id": ii["id"], "note_id": note_id, "impact": impact, "effort": effort}
        assert phone.emit(f"{II}:rate", rate, callback=True)["ok"]


def test_the_facilitator_places_quick_wins_at_high_impact(client, matrix_session, sock) -> None:  # noqa: F811
    session, fac, _trots, ii = matrix_session
    (first,) = _add_items(fac, ii, "Terugbelverzoek via de website")
    _phase(fac, ii, "scoren")
    rate_all(sock, session, ii, first, impact=5, effort=1)
    _phase(fac, ii, "bespreken")
    extra = _extra(fac, ii["id"])
    assert extra["items"][0]["quadrant"] == "onmiddellijk"
    assert extra["placement"]["onmiddellijk"] == [True, False]

    assert fac.emit(f"{II}:placement", {"activity_id": ii["id"], "placement": "quick-wins-hoog"}, callback=True)["ok"]
    extra = _extra(fac, ii["id"])
    assert extra["items"][0]["quadrant"] == "quick-wins"
    assert extra["placement"]["quick-wins"] == [True, False]
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    text = words(pdf.data)
    # The summary names what comes first under this placement; the figure is explained.
    assert "Quick wins: Terugbelverzoek via de website" in text
    assert "Quick wins: veel impact, weinig inspanning · Plannen: veel impact, veel inspanning" in text


@pytest.mark.parametrize("wrong", ["omgekeerd", None, 7, {"quick-wins": [True, False]}])
def test_a_wrong_placement_is_refused_and_changes_nothing(matrix_session, wrong) -> None:  # noqa: F811
    _session, fac, _trots, ii = matrix_session
    answer = fac.emit(f"{II}:placement", {"activity_id": ii["id"], "placement": wrong}, callback=True)
    assert answer["ok"] is False and "Onbekende indeling" in answer["error"]
    fac.get_received()
    assert fac.emit(f"{II}:add", {"activity_id": ii["id"], "text": "x", "client_id": "c1"}, callback=True)["ok"]
    assert _extra(fac, ii["id"])["placement"]["onmiddellijk"] == [True, False]


def test_only_the_facilitator_places_the_quadrants(matrix_session, sock) -> None:  # noqa: F811
    session, _fac, _trots, _ii = matrix_session
    phone, ack = sock(session, name="Anna")
    answer = phone.emit(
        f"{II}:placement", {"activity_id": activity_of(ack, II)["id"], "placement": "handboek"}, callback=True
    )
    assert answer["ok"] is False


def test_the_handbook_placement_is_explained_in_the_report(client, matrix_session, sock) -> None:  # noqa: F811
    session, fac, _trots, ii = matrix_session
    _add_items(fac, ii, "Online afspraken maken")
    pdf = client.get(f"/api/sessions/{session['code']}/report.pdf", headers=bearer(session))
    text = words(pdf.data)
    assert (
        "Onmiddellijk: veel impact, weinig inspanning · Plannen: veel impact, veel inspanning · "
        "Quick wins: weinig impact, weinig inspanning · Niet doen: weinig impact, veel inspanning"
    ) in text
