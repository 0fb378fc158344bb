"""Sessions, their agenda (activities) and participants: plain storage functions.

Called by the HTTP API and the Socket.IO handlers; no Flask imports here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from app.clock import now_iso
from app.codes import hash_token, new_join_code, new_token, token_matches
from app.db import Store
from app.errors import UserError
from app.i18n import _, language
from app.registry import Registry

MAX_TITLE = 120
MAX_NAME = 40
MAX_BODY = 2000
# The time plan: an agenda item, and a whole meeting (the handbook's are 1 to 2 hours).
MAX_ITEM_MINUTES = 240
MAX_MEETING_MINUTES = 600


class SessionError(UserError):
    """A request about a session cannot be honoured; the message is for people."""


def _clean(value: object, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SessionError(_("Ongeldige invoer."))
    return " ".join(value.split())[:limit]


def create_session(
    store: Store,
    registry: Registry,
    *,
    title: object,
    practice: object = None,
    agenda: list[dict[str, Any]],
    template: str | None = None,
    lang: str = "nl",
    duration_minutes: object = None,
) -> tuple[dict[str, Any], str]:
    """Create a session with its agenda; return it and the facilitator token (shown once).

    ``lang`` is the session language: default titles and prompts of the agenda are in it.
    An item's ``minutes`` and the meeting's ``duration_minutes`` make the time plan."""
    clean_title = _clean(title, MAX_TITLE)
    if not clean_title:
        raise SessionError(_("Geef de bijeenkomst een titel."))
    if not agenda:
        raise SessionError(_("De agenda is leeg."))
    token = new_token()
    created = now_iso()
    with store.transaction() as db:
        for _attempt in range(20):
            code = new_join_code()
            if not db["sessions"].count_where("code = ?", [code]):
                break
        else:  # pragma: no cover - 887 million codes make this unreachable in practice
            raise SessionError(_("Geen vrije code gevonden; probeer het opnieuw."))
        db.table("sessions").insert(
            {
                "code": code,
                "title": clean_title,
                "practice": _clean(practice, MAX_TITLE),
                "template": template or "",
                "facilitator_token_hash": hash_token(token),
                "current_activity_id": None,
                "spotlight": None,
                "locale": lang,
                "created_at": created,
                "duration_minutes": clean_minutes(duration_minutes, MAX_MEETING_MINUTES),
            }
        )
        first_id = None
        for position, item in enumerate(agenda):
            form = registry.get(item["workform"])
            if form is None:
                raise SessionError(_("Onbekende werkvorm: %(slug)s", slug=item["workform"]))
            body = item.get("body") or ""
            config = item.get("config") or {}
            if not isinstance(body, str) or not isinstance(config, dict):
                raise SessionError(_("Een agendapunt heeft een ongeldige tekst of instelling."))
            # A template or tool may start an item another way than the format's default
            # (e.g. trots written hidden until the round, or anonymous).
            phase = item.get("phase", form.start_phase())
            if form.phase(phase) is None and phase != form.start_phase():
                raise SessionError(
                    _(
                        "Onbekende fase '%(phase)s' voor %(title)s.",
                        phase=str(phase)[:40],
                        title=default_title(form, lang),
                    )
                )
            anonymous = True if form.always_anonymous else item.get("anonymous", form.anonymous_default)
            if not isinstance(anonymous, bool) or not all(
                isinstance(config[key], int) and not isinstance(config[key], bool) and 1 <= config[key] <= 100
                for key in LIMIT_KEYS
                if key in config
            ):
                raise SessionError(_("Een agendapunt heeft een ongeldige tekst of instelling."))
            row = db.table("activities").insert(
                {
                    "session_code": code,
                    "position": position,
                    "workform": form.slug,
                    "title": _clean(item.get("title"), MAX_TITLE) or default_title(form, lang),
                    "prompt": _clean(item.get("prompt"), 300) or default_prompt(form, lang),
                    "body": body.strip()[:MAX_BODY],
                    "phase": phase,
                    "anonymous": int(anonymous),
                    "config": json.dumps(config),
                    "minutes": clean_minutes(item.get("minutes"), MAX_ITEM_MINUTES),
                }
            )
            first_id = first_id or row.last_pk
        db.table("sessions").update(code, {"current_activity_id": first_id})
    return get_session(store, code), token  # type: ignore[return-value]


# Numbers an agenda item's config may set: dots and notes per person (app/state.py reads them).
LIMIT_KEYS = ("votes_per_participant", "max_votes_per_item", "notes_per_participant")


def clean_minutes(value: object, most: int) -> int | None:
    """Planned minutes: a whole number from 1 to ``most``, or None (no plan)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= most:
        raise SessionError(_("Minuten zijn een heel getal van 1 tot %(most)s.", most=most))
    return value


def default_title(form: Any, lang: str) -> str:
    return form.title.get(lang) or form.title["nl"]


def default_prompt(form: Any, lang: str) -> str:
    with language(lang):
        return str(form.default_prompt)


def set_language(store: Store, registry: Registry, code: str, lang: str) -> None:
    """Switch the session language. Titles and prompts still at their default (the
    template's text or the work format's) follow; anything the facilitator wrote stays."""
    from app import agenda_templates

    session = get_session(store, code)
    if session is None or (session["locale"] or "nl") == lang:
        return
    old = session["locale"] or "nl"

    def items(in_lang: str) -> list[dict[str, Any]]:
        with language(in_lang):
            template = agenda_templates.find(registry, session["template"]) if session["template"] else None
        return list(template["agenda"]) if template else []

    before, after = items(old), items(lang)
    with store.transaction() as db:
        db.table("sessions").update(code, {"locale": lang})
        for row in list(db["activities"].rows_where("session_code = ?", [code], order_by="position")):
            form = registry.get(row["workform"])
            if form is None:
                continue
            position = row["position"]
            same = position < len(before) and before[position]["workform"] == row["workform"]
            old_item, new_item = (before[position], after[position]) if same else ({}, {})
            changes = {}
            for field, fallback in (("title", default_title), ("prompt", default_prompt), ("body", None)):
                was = old_item.get(field) or (fallback(form, old) if fallback else "")
                if was and row[field] == _clean(was, MAX_BODY if field == "body" else 300):
                    changes[field] = new_item.get(field) or (fallback(form, lang) if fallback else "")
            if changes:
                db.table("activities").update(row["id"], changes)


def _select(db: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Rows as dicts through the connection itself: sqlite-utils' table helpers first look
    the table up in sqlite_master (three statements a call), too dear on the hot path of a tap."""
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def get_session(store: Store, code: str) -> dict[str, Any] | None:
    with store.reading() as db:
        rows = _select(db, "select * from sessions where code = ?", [code])
    if not rows:
        return None
    row = rows[0]
    row["spotlight"] = json.loads(row["spotlight"]) if row["spotlight"] else None
    return row


def carried(session: dict[str, Any]) -> dict[str, Any]:
    """What a session took over from earlier meetings of its trajectory ({} outside one):
    ``{"from", "goals", "ambition", "actions"}`` (app/trajectories.py fills it)."""
    return json.loads(session.get("carried") or "{}")


def facilitator_ok(session: dict[str, Any] | None, token: object) -> bool:
    return session is not None and token_matches(token, session["facilitator_token_hash"])


def _activity(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["config"] = json.loads(row["config"] or "{}")
    row["anonymous"] = bool(row["anonymous"])
    row["locked"] = bool(row.get("locked"))
    row["timer"] = json.loads(row["timer"]) if row.get("timer") else None
    row["state"] = json.loads(row.get("state") or "{}")
    row.pop("phones_digest", None)  # the fan-out's bookkeeping, not part of the activity
    return row


def list_activities(store: Store, code: str) -> list[dict[str, Any]]:
    with store.reading() as db:
        rows = _select(db, "select * from activities where session_code = ? order by position", [code])
    return [_activity(r) for r in rows]


def get_activity(store: Store, code: str, activity_id: object) -> dict[str, Any] | None:
    if not isinstance(activity_id, int) or isinstance(activity_id, bool):
        return None
    with store.reading() as db:
        rows = _select(db, "select * from activities where id = ? and session_code = ?", [activity_id, code])
    return _activity(rows[0]) if rows else None


def preparation_ticks(session: dict[str, Any]) -> list[str]:
    """The keys of the "Voorbereiding" checklist items the facilitator ticked off."""
    return json.loads(session.get("preparation") or "[]")


def tick_preparation(store: Store, code: str, key: str, done: bool) -> list[str]:
    """Tick an item of the checklist off (or on again); returns the ticked keys in order of ticking."""
    with store.transaction() as db:
        rows = _select(db, "select preparation from sessions where code = ?", [code])
        ticks = [k for k in json.loads((rows[0]["preparation"] if rows else None) or "[]") if k != key]
        if done:
            ticks.append(key)
        db.table("sessions").update(code, {"preparation": json.dumps(ticks)})
    return ticks


def set_ended(store: Store, code: str, ended: bool) -> None:
    with store.transaction() as db:
        db.table("sessions").update(code, {"ended": int(ended)})


def set_current_activity(store: Store, code: str, activity_id: int, now_ms: int) -> None:
    """Make ``activity_id`` the current item; once the meeting clock runs, the item that
    was current adds the time since it became current to its ``spent_ms``."""
    with store.transaction() as db:
        session = db.table("sessions").get(code)
        db.table("sessions").update(code, {"current_activity_id": activity_id, "spotlight": None})
        if session["clock_started_ms"] is None or session["current_activity_id"] == activity_id:
            return
        _close_interval(db, session["current_activity_id"], now_ms)
        db.table("activities").update(activity_id, {"since_ms": now_ms})


def _close_interval(db: Any, activity_id: int | None, now_ms: int) -> None:
    row = db.execute("SELECT since_ms, spent_ms FROM activities WHERE id = ?", [activity_id]).fetchone()
    if row and row[0] is not None:
        spent = (row[1] or 0) + max(0, now_ms - row[0])
        db.execute("UPDATE activities SET since_ms = NULL, spent_ms = ? WHERE id = ?", [spent, activity_id])


def start_clock(store: Store, code: str, now_ms: int, *, restart: bool = False) -> bool:
    """Start the meeting clock now (the current item from now on); with ``restart`` also
    when it ran already, forgetting the time counted so far. Returns whether it changed."""
    with store.transaction() as db:
        session = db.table("sessions").get(code)
        if session["clock_started_ms"] is not None and not restart:
            return False
        db.execute("UPDATE activities SET since_ms = NULL, spent_ms = 0 WHERE session_code = ?", [code])
        db.table("sessions").update(code, {"clock_started_ms": now_ms})
        if session["current_activity_id"] is not None:
            db.table("activities").update(session["current_activity_id"], {"since_ms": now_ms})
        return True


def stop_clock(store: Store, code: str, now_ms: int) -> None:
    """The meeting ended: the current item stops counting (a reopened meeting counts on)."""
    with store.transaction() as db:
        session = db.table("sessions").get(code)
        if session["clock_started_ms"] is not None:
            _close_interval(db, session["current_activity_id"], now_ms)


def resume_clock(store: Store, code: str, now_ms: int) -> None:
    """A reopened meeting: the current item counts again from now."""
    with store.transaction() as db:
        session = db.table("sessions").get(code)
        if session["clock_started_ms"] is not None and session["current_activity_id"] is not None:
            db.execute(
                "UPDATE activities SET since_ms = ? WHERE id = ? AND since_ms IS NULL",
                [now_ms, session["current_activity_id"]],
            )


def set_phase(store: Store, activity_id: int, phase: str) -> None:
    with store.transaction() as db:
        db.table("activities").update(activity_id, {"phase": phase})


def set_locked(store: Store, activity_id: int, locked: bool) -> None:
    with store.transaction() as db:
        db.table("activities").update(activity_id, {"locked": int(locked)})


def set_timer(store: Store, activity_id: int, timer: dict[str, Any] | None) -> None:
    with store.transaction() as db:
        db.table("activities").update(activity_id, {"timer": json.dumps(timer) if timer else None})


def update_activity(store: Store, activity_id: int, changes: dict[str, Any]) -> None:
    """Apply facilitator edits of title, prompt, body, anonymity, limits and planned minutes (already validated)."""
    allowed: dict[str, Any] = {}
    if "anonymous" in changes:
        allowed["anonymous"] = int(bool(changes["anonymous"]))
    voting = {k: changes[k] for k in LIMIT_KEYS if k in changes}
    if voting:
        with store.reading() as db:
            config = json.loads(db.table("activities").get(activity_id)["config"] or "{}")
        allowed["config"] = json.dumps({**config, **voting})
    if "title" in changes:
        allowed["title"] = _clean(changes["title"], MAX_TITLE) or _("Naamloos")
    if "prompt" in changes:
        allowed["prompt"] = _clean(changes["prompt"], 300)
    if "minutes" in changes:
        allowed["minutes"] = clean_minutes(changes["minutes"], MAX_ITEM_MINUTES)
    if "body" in changes:
        body = changes["body"]
        if not isinstance(body, str):
            raise SessionError(_("Ongeldige tekst."))
        allowed["body"] = body.strip()[:MAX_BODY]
    if allowed:
        with store.transaction() as db:
            db.table("activities").update(activity_id, allowed)


def set_activity_state(store: Store, activity_id: int, state: dict[str, Any]) -> None:
    """Replace a work format's own state of an activity (a JSON object)."""
    with store.transaction() as db:
        db.execute("update activities set state = ? where id = ?", [json.dumps(state), activity_id])


def mark_sent_to_phones(store: Store, activity_id: int, digest: str) -> bool:
    """Record the digest of the view phones get of this activity; False when they already have it."""
    with store.transaction() as db:
        cursor = db.execute(
            "update activities set phones_digest = ? where id = ? and phones_digest is not ?",
            [digest, activity_id, digest],
        )
        return cursor.rowcount > 0


def forget_sent_to_phones(store: Store, code: str) -> None:
    """Phones got the whole agenda by other means (``activity:changed``): compare nothing with the past."""
    with store.transaction() as db:
        db.execute("update activities set phones_digest = null where session_code = ?", [code])


def set_spotlight(store: Store, code: str, spotlight: dict[str, Any] | None) -> None:
    with store.transaction() as db:
        db.table("sessions").update(code, {"spotlight": json.dumps(spotlight) if spotlight else None})


def join_participant(
    store: Store,
    code: str,
    *,
    token: object,
    name: object,
    function: str | None = None,
    before_new: Callable[[], None] | None = None,
    max_participants: int | None = None,
) -> tuple[dict[str, Any], str | None]:
    """Return the participant for ``token`` in this session, or a new one.

    The second value is the new token when one was issued (first join, or a
    token that does not belong to this session), else None. A new participant is
    refused when the session has ``max_participants`` already; ``before_new`` runs
    just before one is made and may raise to refuse it. ``function`` is a cleaned key
    (app/functions.py); like the name, a returning participant keeps theirs when none is sent.
    """
    clean_name = _clean(name, MAX_NAME)
    now = now_iso()
    with store.transaction() as db:
        if isinstance(token, str) and token:
            rows = list(db["participants"].rows_where("token_hash = ? and session_code = ?", [hash_token(token), code]))
            if rows:
                changes: dict[str, Any] = {"last_seen": now}
                if clean_name:
                    changes["name"] = clean_name
                if function:
                    changes["function"] = function
                db.table("participants").update(rows[0]["id"], changes)
                return {**rows[0], **changes}, None
        if max_participants is not None and _participants_in(db, code) >= max_participants:
            raise SessionError(
                _(
                    "Deze bijeenkomst zit vol: er doen al %(max)s deelnemers mee. Vraag de begeleider om hulp.",
                    max=max_participants,
                )
            )
        if before_new is not None:
            before_new()
        new = new_token()
        row = {
            "session_code": code,
            "token_hash": hash_token(new),
            "name": clean_name,
            "function": function,
            "created_at": now,
            "last_seen": now,
        }
        pk = db.table("participants").insert(row).last_pk
        return {**row, "id": pk}, new


def _participants_in(db: Any, code: str) -> int:
    return db.execute("select count(*) from participants where session_code = ?", [code]).fetchone()[0]


def list_participants(store: Store, code: str) -> list[dict[str, Any]]:
    with store.reading() as db:
        rows = db["participants"].rows_where("session_code = ?", [code], order_by="id")
        return [public_participant(r) for r in rows]


def get_participant(store: Store, code: str, participant_id: int) -> dict[str, Any] | None:
    """One participant of this session as :func:`public_participant`, or None."""
    with store.reading() as db:
        rows = list(db["participants"].rows_where("session_code = ? and id = ?", [code, participant_id]))
    return public_participant(rows[0]) if rows else None


def participant_functions(store: Store, code: str) -> dict[int, str]:
    """Participant id → function key, for those of this session who gave one."""
    with store.reading() as db:
        rows = db.execute(
            "select id, function from participants where session_code = ? and function is not null order by id",
            [code],
        ).fetchall()
    return {pid: function for pid, function in rows}


def participant_count(store: Store, code: str) -> int:
    with store.reading() as db:
        return db["participants"].count_where("session_code = ?", [code])


def delete_session(store: Store, code: str) -> bool:
    """Remove the session and everything in it. Returns False if it did not exist."""
    with store.transaction() as db:
        if not db["sessions"].count_where("code = ?", [code]):
            return False
        db.execute("delete from votes where session_code = ?", [code])
        db.execute("delete from photos where session_code = ?", [code])
        db.execute("delete from entries where session_code = ?", [code])
        db.execute("delete from goals where session_code = ?", [code])
        db.execute("delete from notes where session_code = ?", [code])
        db.execute("delete from groups where session_code = ?", [code])
        db.execute("delete from participants where session_code = ?", [code])
        db.execute("delete from activities where session_code = ?", [code])
        db.execute("delete from sessions where code = ?", [code])
    return True


def public_participant(row: dict[str, Any]) -> dict[str, Any]:
    """``{id, name, function}``: the phone's own ``me``, and the facilitator's list (never a
    board's or another phone's: name and function together may identify someone)."""
    return {"id": row["id"], "name": row["name"] or "", "function": row.get("function")}
