"""Pages that show a secret or a practice's private work are never cached (issue 18):
the facilitator page (its secret link), /home (the home key), the case study."""

from __future__ import annotations

from test_trajectories import leader, new_trajectory  # noqa: F401 - fixtures by name


def test_the_facilitator_page_is_not_stored(client, make_session):
    session = make_session()
    first = client.get(f"/f/{session['code']}?token={session['facilitator_token']}")
    assert first.status_code == 302  # the token moves into a cookie
    page = client.get(f"/f/{session['code']}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"


def test_home_its_key_link_and_the_case_study_are_not_stored(leader):  # noqa: F811
    trajectory = new_trajectory(leader)
    for url in ("/home", "/home?key=" + "x" * 43, f"/t/{trajectory['id']}/casestudy"):
        response = leader.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response.headers["Cache-Control"] == "no-store", url


def test_the_phone_page_may_be_revalidated(client, make_session):
    session = make_session()
    response = client.get(f"/j/{session['code']}")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
