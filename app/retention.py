"""Erasing a session with everything it holds, on request or after a retention period.

A facilitator deletes a session in one action (DELETE /api/sessions/<code>);
with ``RETENTION_DAYS`` set (``--retention-days`` / FLIPOVER_RETENTION_DAYS),
sessions older than that are erased automatically: at start-up and every hour.
Erasing twice is harmless, so several workers may all run the sweep.
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


def expired_codes(store: Store, days: float, now: datetime | None = None) -> list[str]:
    cutoff = _cutoff(days, now)
    with store.reading() as db:
        return [row[0] for row in db.execute("select code from sessions where created_at < ?", [cutoff]).fetchall()]


def purge_expired(app: Flask, now: datetime | None = None) -> list[str]:
    """Erase every session older than the retention period; returns their codes."""
    days = app.config.get("RETENTION_DAYS") or 0
    if days <= 0:
        return []
    codes = expired_codes(app.extensions["flipover.store"], days, now)
    for code in codes:
        erase_session(app, code)
    for trajectory_id in _erase_empty_trajectories(app.extensions["flipover.store"], days, now):
        erase_trajectory_exports(app, trajectory_id)
    if codes:
        log.info("retention: erased %d session(s) older than %s days", len(codes), days)
    return codes


def start_sweeper(app: Flask) -> None:
    """Sweep now and every hour in the server's own green thread (only when a period is set)."""
    if (app.config.get("RETENTION_DAYS") or 0) <= 0:
        return
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
    cutoff = _cutoff(days, now)
    where = "created_at < ? and id not in (select trajectory_id from sessions where trajectory_id is not null)"
    with store.transaction() as db:
        ids = [row[0] for row in db.execute(f"select id from trajectories where {where}", [cutoff]).fetchall()]
        db.execute(f"delete from trajectories where {where}", [cutoff])
    return ids
