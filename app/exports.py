"""CSV and JSON exports of a session, for the project leader's own analysis.

Pure functions on the store and the registry (no Flask): ``csv_text`` gives one
row per note, ``json_export`` the full structure. Both start from
:func:`app.report.collect` (session, agenda, groups, dot totals) so they show
the same session as the PDF; notes are read again because the exports also
carry the hidden ones (flagged), which the report leaves out.

Anonymity holds here as in the report: in an anonymous activity no author
name or participant id is exported, not even to the facilitator who asks.
Formats and the reasons for the choices are in docs/protocol.md ("Exports").
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from flask_babel import LazyString

from app import goals as goals_mod
from app import notes as notes_mod
from app import report
from app.db import Store
from app.i18n import language, translate
from app.plugin_context import ActivityReader
from app.registry import Registry

FORMAT = "flipover-session"
VERSION = 1
# Dutch Excel (list separator ";") splits these into columns on a double click; with ","
# everything would land in column A. Python, pandas and LibreOffice read ";" when told.
DELIMITER = ";"
# Stable, machine-readable names in every session language: analysis scripts should not
# depend on the language the meeting was held in.
CSV_COLUMNS = (
    "session_code",
    "activity_position",
    "activity_id",
    "activity_title",
    "workform",
    "anonymous",
    "note_id",
    "text",
    "category",
    "category_label",
    "group_id",
    "group_title",
    "votes",
    "group_votes",
    "hidden",
    "author",
    "created_at",
    "updated_at",
    "data",
)
# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A user-written cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _session_data(store: Store, registry: Registry, code: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """report.collect's view of the session, and every note (hidden ones too) in posting order."""
    data = report.collect(store, registry, code)
    return data, notes_mod.notes_for_session(store, code)


def _rows(data: dict[str, Any], notes: list[dict[str, Any]], registry: Registry) -> list[dict[str, Any]]:
    """One plain dict per note (CSV column names), anonymity applied; in the session language."""
    activities = {a["id"]: a for a in data["activities"]}
    out = []
    for note in notes:
        activity = activities[note["activity_id"]]
        group = next((g for g in activity["groups"] if g["id"] == note["group_id"]), None)
        totals: dict[str, int] = activity["vote_totals"]
        form = registry.get(activity["workform"])
        category = form.category(note["category"]) if form else None
        untimed = activity["anonymous"] and notes_mod.written_in_private(note)
        out.append(
            {
                "session_code": data["session"]["code"],
                "activity_position": activity["position"] + 1,
                "activity_id": activity["id"],
                "activity_title": activity["title"],
                "workform": activity["workform"],
                "anonymous": activity["anonymous"],
                "note_id": note["id"],
                "text": note["text"],
                "category": note["category"] or (category.slug if category else ""),
                "category_label": str(category.label) if category else "",
                "group_id": note["group_id"],
                "group_title": group["name"] if group else "",
                # A note's own dots move to its group when it is grouped: then they count there.
                "votes": totals.get(f"n:{note['id']}", 0),
                "group_votes": totals.get(f"g:{note['group_id']}", 0) if group else 0,
                "hidden": note["hidden"],
                "author": None if activity["anonymous"] else (note["author_name"] or ""),
                "author_id": None if activity["anonymous"] else note["author_id"],
                # Times to the millisecond of a note written in private would tie it to whoever
                # was seen tapping "send" then: in an anonymous activity they stay out.
                "created_at": None if untimed else note["created_at"],
                "updated_at": None if untimed else note["updated_at"],
                "data": note["data"],
            }
        )
    return out


def _cell(column: str, value: Any) -> Any:
    """What goes in the CSV: our own numbers as numbers, booleans as true/false, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if column == "data":
        value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)
    return neutralise(str(value))


def csv_text(store: Store, registry: Registry, code: str) -> str:
    """The CSV (without BOM; :func:`csv_bytes` adds it): a header and one row per note."""
    data, notes = _session_data(store, registry, code)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    with language(data["session"].get("locale")):
        for row in _rows(data, notes, registry):
            writer.writerow([_cell(column, row[column]) for column in CSV_COLUMNS])
    return buf.getvalue()


def csv_bytes(store: Store, registry: Registry, code: str) -> bytes:
    """UTF-8 with a byte order mark, so Excel does not read the text as Windows-1252."""
    return csv_text(store, registry, code).encode("utf-8-sig")


def _json_default(value: Any) -> Any:
    if isinstance(value, LazyString):
        return translate(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_export(store: Store, registry: Registry, code: str) -> dict[str, Any]:
    """The whole session as plain JSON-ready data (no tokens, no hashes, anonymity kept)."""
    data, notes = _session_data(store, registry, code)
    session = data["session"]
    with language(session.get("locale")):
        rows = _rows(data, notes, registry)
        rows_of: dict[int, list[dict[str, Any]]] = {}
        for row in rows:  # one pass, not one scan of the session's notes per activity
            rows_of.setdefault(row["activity_id"], []).append(row)
        activities = []
        for activity in data["activities"]:
            form = registry.get(activity["workform"])
            totals: dict[str, int] = activity["vote_totals"]
            activities.append(
                {
                    "id": activity["id"],
                    "position": activity["position"] + 1,
                    "workform": activity["workform"],
                    "title": activity["title"],
                    "prompt": activity["prompt"] or "",
                    "body": activity["body"] or "",
                    "phase": activity["phase"],
                    "anonymous": activity["anonymous"],
                    "locked": activity["locked"],
                    "config": activity["config"],
                    # The public view every client gets: aggregates only, never per-participant data.
                    "extra": form().extra_view(activity, ActivityReader(store, activity)) if form else {},
                    "groups": [
                        {"id": g["id"], "title": g["name"], "votes": totals.get(f"g:{g['id']}", 0)}
                        for g in activity["groups"]
                    ],
                    "notes": [_json_note(r) for r in rows_of.get(activity["id"], [])],
                }
            )
        out = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": data["generated_at"],
            "session": {
                "code": session["code"],
                "title": session["title"],
                "practice": session["practice"] or "",
                "locale": session.get("locale") or "nl",
                "template": session.get("template") or "",
                "created_at": session["created_at"],
                **goals_mod.snapshot(store, code),
            },
            "activities": activities,
            "participants_count": data["participants"],
            # How many joined with each function (issue 21); counts only, never who.
            "participant_functions": data["functions"],
        }
        # Round-trip now, in the session language: lazy labels become text, the result is plain data.
        return json.loads(json.dumps(out, ensure_ascii=False, default=_json_default))


def _json_note(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["note_id"],
        "text": row["text"],
        "category": row["category"] or None,
        "category_label": row["category_label"] or None,
        "data": row["data"],
        "group_id": row["group_id"],
        "votes": row["votes"],
        "hidden": row["hidden"],
        # null in an anonymous activity; in an open one the name ("" when none was given).
        "author": row["author"],
        "author_id": row["author_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def json_bytes(store: Store, registry: Registry, code: str) -> bytes:
    return json.dumps(json_export(store, registry, code), ensure_ascii=False, indent=2).encode("utf-8")


def save(exports_dir: Path, code: str, name: str, content: bytes) -> Path:
    """Keep a copy next to the PDF in ``exports/<code>/``: erasing the session removes the folder."""
    folder = exports_dir / code
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path
