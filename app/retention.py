"""Erasing a session with everything it holds, on request or after a retention period.

A facilitator deletes a session in one action (DELETE /api/sessions/<code>);
sessions older than ``RETENTION_DAYS`` (default 90; ``--retention-days`` /
FLIPOVER_RETENTION_DAYS; 0: never) are erased automatically: at start-up and every
hour. A trajectory may set its own period (``retention_days``, shorter or longer)
for its sessions; a session outside a trajectory has the server's. Erasing twice is
harmless, so several workers may all run the sweep.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask

from app import report, sessions, trajectories, uploads
from app.db import Store
from app.trajectory_report import export_folder

log = logging.getLogger(__name__)
SWEEP_SECONDS = 60 * 60


def erase_session(app: Flask, code: str) -> bool:
    """Remove the session's rows and files. Returns False if it did not exist."""
    store: Store = app.extensions["flipover.store"]
    session = sessions.get_session(store, code)
    existed = sessions.delete_session(store, code)
    report.delete_exports(Path(app.config["EXPORTS_DIR"]), code)
    if session and session.get("trajectory_id"):
        # The trajectory's report and case study quote this meeting: they are rebuilt on request.
        erase_trajectory_exports(app, session["trajectory_id"])
    with app.app_context():
        uploads.delete_session_files(code)
    store.erase_traces()
    return existed


def _cutoff(days: float, now: datetime | None) -> str:
    """The creation time before which rows are past the retention period."""
    return ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="milliseconds")


def _past(created_at: str, own: float | None, days: float, now: datetime) -> bool:
    """Past its period: the trajectory's own if it has one, else the server's (0: never)."""
    period = own if own is not None else days
    return period > 0 and created_at < _cutoff(period, now)


def expired_codes(store: Store, days: float, now: datetime | None = None) -> list[str]:
    """Sessions past their period (a trajectory's ``retention_days``, else ``days``)."""
    moment = now or datetime.now(UTC)
    with store.reading() as db:
        rows = db.execute(
            "select s.code, s.created_at, t.retention_days from sessions s"
            " left join trajectories t on t.id = s.trajectory_id"
        ).fetchall()
    return [code for code, created_at, own in rows if _past(created_at, own, days, moment)]


def purge_expired(app: Flask, now: datetime | None = None) -> list[str]:
    """Erase every session older than its retention period; returns their codes."""
    days = float(app.config.get("RETENTION_DAYS") or 0)
    codes = expired_codes(app.extensions["flipover.store"], days, now)
    for code in codes:
        erase_session(app, code)
    for trajectory_id in _erase_empty_trajectories(app.extensions["flipover.store"], days, now):
        erase_trajectory_exports(app, trajectory_id)
    if codes:
        log.info("retention: erased %d session(s) older than %s days", len(codes), days)
    return codes


def start_sweeper(app: Flask) -> None:
    """Sweep now and every hour in the server's own green thread (also with RETENTION_DAYS 0:
    a trajectory may have a period of its own)."""
    socketio = app.extensions["socketio"]

    def sweep_forever() -> None:
        while True:
            with app.app_context():
                try:
                    purge_expired(app)
                except Exception:
                    log.exception("retention sweep failed")
            socketio.sleep(SWEEP_SECONDS)

    socketio.start_background_task(sweep_forever)


def erase_trajectory(app: Flask, trajectory_id: str) -> list[str]:
    """Erase every session of the trajectory, then the trajectory itself; returns the sessions' codes."""
    store: Store = app.extensions["flipover.store"]
    codes = trajectories.session_codes(store, trajectory_id)
    for code in codes:
        erase_session(app, code)
    with store.transaction() as db:
        db.table("trajectories").delete_where("id = ?", [trajectory_id])
    erase_trajectory_exports(app, trajectory_id)
    return codes


def erase_trajectory_exports(app: Flask, trajectory_id: str) -> None:
    """The trajectory report and case study PDFs kept under exports/."""
    report.delete_exports(Path(app.config["EXPORTS_DIR"]), export_folder(trajectory_id))


def _erase_empty_trajectories(store: Store, days: float, now: datetime | None) -> list[str]:
    """A trajectory past the retention period whose sessions are all gone goes too (name, practice, case study);
    returns their ids, so their exports go as well."""
    moment = now or datetime.now(UTC)
    empty = "id not in (select trajectory_id from sessions where trajectory_id is not null)"
    with store.transaction() as db:
        rows = db.execute(f"select id, created_at, retention_days from trajectories where {empty}").fetchall()
        ids = [tid for tid, created_at, own in rows if _past(created_at, own, days, moment)]
        for tid in ids:
            db.execute("delete from trajectories where id = ?", [tid])
    return ids
