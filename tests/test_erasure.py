"""Erasure that erases (issue 18, findings 7 and 8): after a meeting is deleted, its
texts and names are neither in the SQLite file nor in its write-ahead log, and the
trajectory's PDFs that quoted it are gone (they are rebuilt on the next download)."""

from __future__ import annotations

from pathlib import Path

from drivers import bearer, pdf_words, post_note
from test_trajectories import KICKOFF, leader, new_session, new_trajectory  # noqa: F401 - fixtures by name

SECRET = "Zeldzaamwoord-Qx7 over mevrouw Jansen"
NAME = "Willemijn-Zk4"


def database_bytes(app) -> bytes:
    path = Path(app.config["DATABASE"])
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_deleted_texts_and_names_leave_the_database_file_and_its_wal(app, client, make_session, sock):
    session = make_session(agenda=["trots"])
    phone, ack = sock(session, name=NAME)
    activity = ack["state"]["activities"][0]
    post_note(phone, activity, SECRET)
    post_note(phone, activity, "Iets anders")
    assert SECRET.encode() in database_bytes(app), "the note was stored (else this test proves nothing)"

    response = client.delete(f"/api/sessions/{session['code']}", headers=bearer(session))
    assert response.status_code == 200, response.data
    stored = database_bytes(app)
    assert SECRET.encode() not in stored
    assert NAME.encode() not in stored


def test_deleting_a_meeting_removes_the_trajectory_pdfs_that_quote_it(app, leader, sock):  # noqa: F811
    trajectory = new_trajectory(leader)
    first = new_session(leader, trajectory, title="Kick-off Zeldzaam-Qx7", agenda=KICKOFF)
    second = new_session(leader, trajectory, title="Tweede bijeenkomst", agenda=KICKOFF)
    response = leader.get(f"/api/trajectories/{trajectory['id']}/report.pdf")
    assert response.status_code == 200
    assert "Zeldzaam-Qx7" in pdf_words(response.data)
    saved = [p for p in Path(app.config["EXPORTS_DIR"]).rglob("*.pdf") if trajectory["id"] in str(p)]
    assert saved, "the trajectory report is kept under exports/"

    assert leader.delete(f"/api/sessions/{first['code']}").status_code == 200
    assert not any(p.exists() for p in saved), "the kept PDF still quotes the deleted meeting"
    rebuilt = leader.get(f"/api/trajectories/{trajectory['id']}/report.pdf")
    assert rebuilt.status_code == 200
    assert "Zeldzaam-Qx7" not in pdf_words(rebuilt.data)
    assert second["code"]  # the other meeting stays
