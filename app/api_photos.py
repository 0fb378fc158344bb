"""The HTTP routes of the photos of paper flip-overs (app/photos.py, docs/protocol.md §2b)."""

from __future__ import annotations

import threading
from typing import Any

from flask import Blueprint, Flask, abort, jsonify, request, send_file
from werkzeug.exceptions import HTTPException

from app import fanout, images, joinguard, limits, sessions, uploads
from app.auth import require_facilitator
from app.blocking import run_heavy
from app.context import store
from app.events import PhotosChanged, SpotlightChanged
from app.i18n import _, current_language
from app.photos import MAX_PER_ITEM, MAX_SIDE, add, for_activity, get, photo_path, remove, views

# One writer of the photos at a time: the cap per item and the session's bytes hold with two uploads at once.
_lock = threading.Lock()

bp = Blueprint("photos", __name__, url_prefix="/api/sessions/<code>/activities/<int:activity_id>/photos")


def _session_and_activity(code: str, activity_id: int, *, facilitator: bool = False) -> tuple[dict, dict]:
    # Through the join guard: these routes must not become a way to guess codes.
    session = joinguard.lookup(code)
    if session is None:
        abort(404, description=_("Deze bijeenkomst bestaat niet (meer). Controleer de code."))
    if facilitator:
        require_facilitator(session, request)
    activity = sessions.get_activity(store(), session["code"], activity_id)
    if activity is None:
        abort(404, description=_("Dit onderdeel bestaat niet in deze bijeenkomst."))
    return session, activity


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return jsonify({"error": exc.description or exc.name}), exc.code or 500


@bp.get("")
def list_photos(code: str, activity_id: int):
    """The item's photos ``{"photos": [{id, number, url, width, height}]}``."""
    session, activity = _session_and_activity(code, activity_id)
    return jsonify({"photos": views(session["code"], for_activity(store(), activity["id"])), "max": MAX_PER_ITEM})


@bp.post("")
def upload(code: str, activity_id: int):
    """One or more JPEG/PNG photos in the multipart field ``files``: all stored, or none."""
    session, activity = _session_and_activity(code, activity_id, facilitator=True)
    code = session["code"]
    limits.admit("uploads")  # this address's upload rate and the server's free disk
    n = images.MAX_FILES_PER_REQUEST
    too_many = _("Maximaal %(n)s foto's per onderdeel. Verwijder eerst een foto.", n=MAX_PER_ITEM)
    room = MAX_PER_ITEM - len(for_activity(store(), activity["id"]))
    try:
        files = images.read_uploads(request, room, lambda number: _("Foto %(number)s", number=number))
    except images.UploadRefused as refused:
        message, status = {
            "request": (_("Te groot: maximaal %(n)s foto's van 5 MB per keer.", n=n), 413),
            "none": (_("Kies een of meer foto's (JPEG of PNG)."), 400),
            "count": (_("Stuur maximaal %(n)s foto's per keer.", n=n), 400),
            "full": (too_many, 409),
            "file": (_("'%(name)s' is te groot: maximaal 5 MB per foto.", name=refused.name), 413),
        }[refused.reason]
        abort(status, description=message)
    # All files in one child process (decoding is the heavy part: memory and CPU).
    ready: list[bytes] = []
    results = run_heavy(images.reencode_all, current_language(), [raw for _name, raw in files], MAX_SIDE)
    for (name, _raw), result in zip(files, results, strict=True):
        if isinstance(result, str):
            abort(400, description=_("'%(name)s': %(problem)s Er is niets opgeslagen.", name=name, problem=result))
        ready.append(result)
    with _lock:
        if len(for_activity(store(), activity["id"])) + len(ready) > MAX_PER_ITEM:
            abort(409, description=too_many)
        limits.check_upload_bytes(uploads.session_dir(code), sum(len(data) for data in ready))
        added = add(store(), code, activity["id"], ready)
    rows = for_activity(store(), activity["id"])
    fanout.publish(PhotosChanged(code, activity["id"]))
    shown = views(code, rows)
    ids = {row["id"] for row in added}
    return jsonify({"ok": True, "added": [v for v in shown if v["id"] in ids], "photos": shown}), 201


@bp.get("/<photo_id>.jpg")
def photo_image(code: str, activity_id: int, photo_id: str):
    """One photo as a JPEG (the code is enough, as for the board)."""
    session, activity = _session_and_activity(code, activity_id)
    row = get(store(), session["code"], activity["id"], photo_id)
    path = photo_path(session["code"], photo_id) if row else None
    if row is None or path is None or not path.is_file():
        abort(404, description=_("Deze foto bestaat niet (meer)."))
    response = send_file(path, mimetype="image/jpeg", max_age=300)
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.delete("/<photo_id>")
def delete_photo(code: str, activity_id: int, photo_id: str):
    """Remove one photo (and from the board, if it was shown there)."""
    session, activity = _session_and_activity(code, activity_id, facilitator=True)
    code = session["code"]
    if get(store(), code, activity["id"], photo_id) is None:
        abort(404, description=_("Deze foto bestaat niet (meer)."))
    remove(store(), code, photo_id)
    events: list[Any] = [PhotosChanged(code, activity["id"])]
    spot = (sessions.get_session(store(), code) or {}).get("spotlight")
    if spot and spot.get("photo_id") == photo_id:
        sessions.set_spotlight(store(), code, None)
        events.append(SpotlightChanged(code))
    fanout.publish(*events)
    return jsonify({"ok": True, "photos": views(code, for_activity(store(), activity["id"]))})


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
