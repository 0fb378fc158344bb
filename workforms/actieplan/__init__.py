"""Agenda item `actieplan`: the action plan (wat, wie, wanneer, status).

Not a work format of the handbook but its closing step ("Opstellen actieplan
vervolg", "Vervolg en afsluiting"). An action is a note of this activity
posted by the facilitator: the note text is *what*, and
``data = {"who", "due", "status", "source"?}``. Participants never post here
(``accepts_notes = False`` refuses every ``note:add``); the facilitator adds
and edits actions through this format's own events, or turns any note of the
session into an action with one click (``note_commands``). Phones get the
list read-only through ``activity.extra``. The report puts this table last
(``report_last``), whatever the agenda order.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from app.design import INK
from app.i18n import _, current_language
from app.i18n import lazy_gettext as _l
from app.report import text as pdf_text
from app.workform import (
    MAX_NOTE_TEXT,
    Category,
    Context,
    NoteChange,
    NoteCommand,
    Phase,
    SetupContext,
    ViewContext,
    Workform,
    facilitator_event,
)

MAX_WHAT = MAX_NOTE_TEXT
MAX_WHO = 80
STATUSES = {"open": _l("Open"), "bezig": _l("Bezig"), "klaar": _l("Klaar")}
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dutch_due(due: str) -> str:
    """'2027-01-12' → '12 jan 2027'; '' → '—'."""
    if not due:
        return "—"
    year, month, day = due.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def due_label(due: str) -> str:
    """The due date in the current language: Dutch as dutch_due() (unchanged), others by babel ('Jan 12, 2027')."""
    lang = current_language()
    if lang == "nl" or not due:
        return dutch_due(due)
    return format_date(date.fromisoformat(due), format="medium", locale=lang)


def clean_what(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_missing("what"))
    what = "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()
    if len(what) > MAX_WHAT:
        raise ValueError(_("De actie is te lang: maximaal %(max)s tekens (nu %(now)s).", max=MAX_WHAT, now=len(what)))
    return what


def clean_who(value: object) -> str:
    if not isinstance(value, str) or not " ".join(value.split()):
        raise ValueError(_missing("who"))
    who = " ".join(value.split())
    if len(who) > MAX_WHO:
        raise ValueError(_("'Wie' is te lang: maximaal %(max)s tekens (nu %(now)s).", max=MAX_WHO, now=len(who)))
    return who


def clean_due(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed and 2000 <= parsed.year <= 2100:
            return value
    raise ValueError(_("Ongeldige datum: kies een bestaande datum (JJJJ-MM-DD) of laat het leeg."))


def clean_status(value: object) -> str:
    if not isinstance(value, str) or value not in STATUSES:
        raise ValueError(_("Onbekende status (mogelijk: %(names)s).", names=", ".join(STATUSES)))
    return value


def action_view(note: dict[str, Any]) -> dict[str, Any]:
    """What everyone may see of an action: no author, no ids beyond the note's own."""
    data = note.get("data") or {}
    source = data.get("source") or {}
    return {
        "id": note["id"],
        "what": note["text"],
        "who": data.get("who", ""),
        "due": data.get("due", ""),
        "status": data.get("status", "open"),
        "source": source.get("activity", ""),
    }


class Actieplan(Workform):
    slug = "actieplan"
    title = {"nl": "Actieplan", "en": "Action plan"}
    description = _l("Afspraken vastleggen: wat, wie, wanneer en de status. De begeleider vult ze live in.")
    default_prompt = _l("Wat gaan we doen, wie doet het en wanneer is het klaar?")
    accepts_notes = False
    phases = (
        Phase(
            "vastleggen",
            _l("Acties vastleggen"),
            minutes=5,
            posting=False,
            # H:L2299-2301 (the stappenplan's third step); then app's own text.
            instruction=_l(
                "Maak een planning om de gekozen oplossingsrichting uit te werken en wie je erbij betrekt en waarom.\n"
                "Leg per actie vast wat er gebeurt, wie het doet en wanneer het klaar is."
            ),
        ),
    )
    # Actions are notes, so they get a label and colour like every note in the shell.
    categories = (Category("actie", _l("Actie"), "groen"),)
    note_commands = (NoteCommand("from-note", _l("→ Actieplan")),)
    # "The report ends with this table", wherever the item sits on the agenda.
    report_last = True

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # Phones do not receive other people's notes: the agreed actions reach them here.
        return {"actions": [action_view(n) for n in view.notes() if not n["hidden"]]}

    def note_changed(self, note: dict[str, Any], change: NoteChange, ctx: Context) -> None:
        # An action hidden, edited or deleted through the core's note events: the phones'
        # list (activity.extra) follows.
        ctx.announce()

    @staticmethod
    def _fields(ctx: Context, payload: dict[str, Any], *, required: bool) -> dict[str, Any]:
        """The validated fields present in ``payload`` (all of what/who for a new action)."""
        out: dict[str, Any] = {}
        cleaners = {"what": clean_what, "who": clean_who, "due": clean_due, "status": clean_status}
        for key, clean in cleaners.items():
            if key in payload:
                try:
                    out[key] = clean(payload[key])
                except ValueError as exc:
                    ctx.refuse(str(exc))
            elif required and key in ("what", "who"):
                ctx.refuse(_missing(key))
        return out

    @facilitator_event("add")
    def add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        fields = self._fields(ctx, payload, required=True)
        # A client_id makes a resent "add" (flaky Wi-Fi) store one action, not two.
        client_id = payload.get("client_id", uuid.uuid4().hex)
        if not isinstance(client_id, str) or not 0 < len(client_id) <= 48:
            ctx.refuse(_("Ongeldige actie (de verzendcode is tekst van maximaal 48 tekens)."))
        data = {
            "who": fields["who"],
            "due": fields.get("due", ""),
            "status": fields.get("status", "open"),
            "thread": uuid.uuid4().hex,
        }
        note = _own(ctx, ctx.add_note(fields["what"], category="actie", data=data, client_id=f"actie-{client_id}"))
        ctx.announce()
        return {"ok": True, "note": note}

    @facilitator_event("update")
    def update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        note = ctx.note(payload.get("note_id"))
        fields = self._fields(ctx, payload, required=False)
        if not fields:
            ctx.refuse(_("Er is niets om te wijzigen."))
        what = fields.pop("what", None)
        view = ctx.update_note(note, text=what, data={**note["data"], **fields})
        ctx.announce()
        return {"ok": True, "note": view}

    @facilitator_event("from-note")
    def from_note(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        source = ctx.session_note(payload.get("note_id"))
        if source["activity_id"] == ctx.activity["id"]:
            ctx.refuse(_("Dit is al een actie."))
        origin = ctx.session_activity(source["activity_id"])
        client_id = f"from-note-{ctx.activity['id']}-{source['id']}"
        existing = next((n for n in ctx.notes() if n["client_id"] == client_id), None)
        data = {
            "who": "",
            "due": "",
            "status": "open",
            "source": {"activity": origin["title"] if origin else "", "note_id": source["id"]},
            "thread": uuid.uuid4().hex,
        }
        note = _own(ctx, ctx.add_note(source["text"], category="actie", data=data, client_id=client_id))
        ctx.announce()
        return {"ok": True, "note": note, "duplicate": existing is not None}

    def trajectory_actions(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "thread": n["data"].get("thread") or f"{activity['session_code']}:{n['id']}",
                "what": n["text"],
                "who": n["data"].get("who", ""),
                "due": n["data"].get("due", ""),
                "status": n["data"].get("status", "open"),
            }
            for n in notes
        ]

    def carry_in(self, activity: dict[str, Any], carried: dict[str, Any], ctx: SetupContext) -> None:
        # The first action plan of the new meeting starts with the open actions, status kept;
        # the thread stays, so the trajectory report follows each action across meetings.
        if not self.first_of_its_kind(activity, ctx):
            return
        origin = (carried.get("from") or {}).get("title", "")
        for action in carried.get("actions", []):
            data = {
                "who": action["who"],
                "due": action["due"],
                "status": action["status"],
                "thread": action["thread"],
                "source": {"activity": origin, "carried": True},
            }
            ctx.add_note(action["what"], category="actie", data=data, client_id=f"carried-{action['thread']}"[:64])

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # Every action, with who and when: the part of the report people act on.
        lines = []
        for action in (action_view(n) for n in notes):
            line = action["what"]
            if action["who"]:
                line += f" — {action['who']}"
            if action["due"]:
                line += f", {due_label(action['due'])}"
            lines.append(f"{line} ({STATUSES.get(action['status'], action['status'])})")
        return lines

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity)
        actions = [action_view(n) for n in notes]
        if not actions:
            return [*flow, Paragraph(_("Nog geen acties vastgelegd."), kit.small)]
        head = [Paragraph(f"<b>{h}</b>", kit.body) for h in (_("Wat"), _("Wie"), _("Wanneer"), _("Status"))]
        rows = [head]
        for a in actions:
            rows.append(
                [
                    Paragraph(pdf_text(a["what"]), kit.body),
                    Paragraph(pdf_text(a["who"] or "—"), kit.body),
                    Paragraph(pdf_text(due_label(a["due"])), kit.body),
                    Paragraph(pdf_text(str(STATUSES.get(a["status"], a["status"]))), kit.body),
                ]
            )
        table = Table(rows, colWidths=[82 * mm, 38 * mm, 28 * mm, 26 * mm], hAlign="LEFT", repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#B5E8A3")),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(INK)),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#999999")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return [*flow, table]


def _own(ctx: Context, note: dict[str, Any]) -> dict[str, Any]:
    """client_ids are unique per session: one a participant already used elsewhere must not pass for an action."""
    if note["activity_id"] != ctx.activity["id"] or note["author_id"] is not None:
        ctx.refuse(_("Deze actie kon niet worden opgeslagen (de verzendcode is al gebruikt). Probeer het opnieuw."))
    return note


def _missing(key: str) -> str:
    if key == "what":
        return _("Wat moet er gebeuren? Vul de actie in.")
    return _("Wie doet het? Vul een naam of functie in.")


workform = Actieplan
