"""The trajectory report (PDF): how goals, ambition and actions evolved over a practice's
meetings, and each meeting's highlights.

``collect`` reads everything on the caller's thread (each meeting through
``app.report.collect``, so names are already gone where an activity is anonymous);
``render`` is pure and runs off the event loop. The look (fonts, styles, cover
facts, footer) is the session report's. No work format is named here: highlights
come from dot totals and the formats' ``note_actions`` marks, actions from the
``trajectory_actions`` hook.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app import report, trajectories
from app.clock import now_iso
from app.db import Store
from app.i18n import _, format_date, language, ngettext
from app.i18n import lazy_gettext as _l
from app.registry import Registry
from app.report import ReportKit, text

STATUS_LABELS = {"open": _l("Open"), "bezig": _l("Bezig"), "klaar": _l("Klaar")}
TOP_ITEMS = 3


class Check(Flowable):
    """A drawn check mark: the embedded font has no ✓, and viewers lack ZapfDingbats often enough.
    Word's fonts have it: the Word report writes ``word_text`` instead (app/report_docx.py)."""

    size = 9
    word_text = "✓"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas, s = self.canv, self.size
        canvas.setLineWidth(1.6)
        canvas.setStrokeColor(colors.HexColor("#1B1B1B"))
        path = canvas.beginPath()
        path.moveTo(0, s * 0.5)
        path.lineTo(s * 0.38, s * 0.1)
        path.lineTo(s, s * 0.95)
        canvas.drawPath(path, stroke=1, fill=0)


def collect(store: Store, registry: Registry, trajectory: dict[str, Any]) -> dict[str, Any]:
    """Everything the trajectory report and the case study show, from the database alone."""
    codes = trajectories.session_codes(store, trajectory["id"])
    meetings = [report.collect(store, registry, code) for code in codes]
    return {
        "trajectory": trajectories.public(trajectory),
        "meetings": meetings,
        "goals": trajectories.goal_history(store, trajectory["id"]),
        "actions": trajectories.action_history(store, registry, trajectory["id"]),
        "locale": locale_of(meetings),
        "generated_at": now_iso(),
    }


def export_folder(trajectory_id: str) -> str:
    """A trajectory's PDFs are kept in exports/traject-<id>/ (a session code never has a dash)."""
    return f"traject-{trajectory_id}"


def locale_of(meetings: list[dict[str, Any]]) -> str:
    """A trajectory speaks the language of its latest meeting (Dutch without one)."""
    return (meetings[-1]["session"].get("locale") or "nl") if meetings else "nl"


def period(meetings: list[dict[str, Any]]) -> str:
    """'12 maart 2026 – 4 juni 2026' (first to last meeting), one date for one meeting, '' for none."""
    if not meetings:
        return ""
    first = format_date(meetings[0]["session"]["created_at"])
    last = format_date(meetings[-1]["session"]["created_at"])
    return first if first == last else f"{first} – {last}"


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def due_label(due: str) -> str:
    try:
        return format_date(date.fromisoformat(due).isoformat()) if due else ""
    except ValueError:
        return due


def top_items(activity: dict[str, Any], notes: list[dict[str, Any]], limit: int = TOP_ITEMS) -> list[dict[str, Any]]:
    """An activity's top items: groups and loose notes with the most dots (groups count as one item,
    under their name or first note); without any dots, the first ``limit`` items in posting order.
    Each item is ``{"text", "votes", "author"}``; ``author`` is '' for groups and anonymous notes."""
    totals: dict[str, int] = activity.get("vote_totals") or {}
    names = {g["id"]: g["name"] for g in activity.get("groups") or []}
    items: list[dict[str, Any]] = []
    seen: set[int] = set()
    for note in notes:
        group = note.get("group_id")
        if group is None:
            votes = totals.get(f"n:{note['id']}", 0)
            items.append({"text": note["text"], "votes": votes, "author": note.get("author_name") or ""})
        elif group not in seen:
            seen.add(group)
            members = [n for n in notes if n.get("group_id") == group]
            label = names.get(group) or members[0]["text"]
            if len(members) > 1:
                label = _("%(title)s (%(count)s post-its)", title=label, count=len(members))
            items.append({"text": label, "votes": totals.get(f"g:{group}", 0), "author": ""})
    voted = sorted((i for i in items if i["votes"]), key=lambda i: -i["votes"])
    return (voted or items)[:limit]


def marked_notes(form: Any, notes: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Notes a facilitator marked with one of the format's ``note_actions`` (e.g. "keep"), with its label."""
    out = []
    for note in notes:
        for action in getattr(form, "note_actions", ()):
            if note.get("data", {}).get(action.field):
                out.append((str(action.label), note))
                break
    return out


# --- rendering ----------------------------------------------------------------------


def render(data: dict[str, Any], registry: Registry) -> bytes:
    """Lay out the PDF in the trajectory's language. Pure: safe in a worker thread."""
    with language(data["locale"]):
        kit = ReportKit()
        buf = io.BytesIO()
        name = data["trajectory"]["name"]
        doc = report.document(buf, _("Trajectverslag — %(name)s", name=name))
        report.build(doc, story(data, registry, kit), name)
        return buf.getvalue()


def story(data: dict[str, Any], registry: Registry, kit: ReportKit) -> list[Flowable]:
    """The trajectory report in reading order, for the PDF and the Word report alike."""
    return _cover(data, kit) + _goals(data, kit) + _actions(data, kit) + _highlights(data, kit, registry)


def _cover(data: dict[str, Any], kit: ReportKit) -> list[Flowable]:
    trajectory, meetings = data["trajectory"], data["meetings"]
    facts = [
        (_("Praktijk"), trajectory["practice"] or "—"),
        (_("Projectleider"), trajectory["project_leader"] or "—"),
        (_("Fase"), trajectory["phase_label"]),
        (_("Periode"), period(meetings) or "—"),
        (_("Bijeenkomsten"), str(len(meetings))),
    ]
    flow: list[Flowable] = [
        Paragraph(_("Verslag van het traject"), kit.small),
        Paragraph(text(trajectory["name"]), kit.h1),
        Spacer(1, 6),
        report.facts_table(kit, facts),
        Spacer(1, 10),
    ]
    if not meetings:
        flow.append(Paragraph(_("Nog geen bijeenkomsten in dit traject."), kit.body))
        return flow
    flow.append(Paragraph(_("Bijeenkomsten"), kit.h2))
    for number, meeting in enumerate(meetings, start=1):
        session = meeting["session"]
        flow.append(
            Paragraph(f"{number}. {text(session['title'])} ({text(format_date(session['created_at']))})", kit.body)
        )
    return flow


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    # Many narrow meeting columns: tighter cells than the work formats' tables.
    return report.grid_table(rows, widths, ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4))


def _goals(data: dict[str, Any], kit: ReportKit) -> list[Flowable]:
    history = data["goals"]
    flow: list[Flowable] = [Paragraph(_("Doelstellingen en hoe ze zich ontwikkelden"), kit.h2)]
    # One row per goal thread (a goal carried forward keeps its thread), in order of first appearance,
    # with the wording of the latest meeting that has it.
    threads: dict[str, dict[str, Any]] = {}
    for index, meeting in enumerate(history):
        for goal in meeting["goals"]:
            entry = threads.setdefault(goal["thread"], {"present": set()})
            entry["title"] = goal["title"]
            entry["present"].add(index)
    if not threads:
        flow.append(Paragraph(_("Er zijn nog geen doelstellingen vastgelegd."), kit.small))
    else:
        flow.append(Paragraph(_("Kolommen zijn de bijeenkomsten, genummerd als op de eerste pagina."), kit.small))
        flow.append(Spacer(1, 3))
        count = len(history)
        first = 70 * mm
        width = min(18 * mm, (174 * mm - first) / count)
        head = [Paragraph(f"<b>{_('Doelstelling')}</b>", kit.small)]
        head += [Paragraph(f"<b>{n}</b>", kit.small) for n in range(1, count + 1)]
        rows: list[list[Any]] = [head]
        for entry in threads.values():
            cells = [Check() if i in entry["present"] else "" for i in range(count)]
            rows.append([Paragraph(text(entry["title"]), kit.body), *cells])
        flow.append(_grid(rows, [first] + [width] * count))
    changes = []
    previous = ""
    for number, meeting in enumerate(history, start=1):
        if meeting["ambition"] != previous:
            changes.append((number, meeting))
            previous = meeting["ambition"]
    if changes:
        flow.append(Paragraph(_("Ambitie"), kit.h3))
        for number, meeting in changes:
            ambition = text(meeting["ambition"]) if meeting["ambition"] else _("(geen)")
            flow.append(Paragraph(f"<b>{number}. {text(meeting['title'])}</b>: {ambition}", kit.body))
    return flow


def _actions(data: dict[str, Any], kit: ReportKit) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(_("Actiepunten en hun status"), kit.h2)]
    actions = sorted(data["actions"], key=lambda a: a["status"] == "klaar")  # open ones first; stable otherwise
    if not actions:
        return [*flow, Paragraph(_("Er zijn nog geen actiepunten vastgelegd."), kit.small)]
    numbers = {m["session"]["code"]: n for n, m in enumerate(data["meetings"], start=1)}
    head = [Paragraph(f"<b>{label}</b>", kit.small) for label in (_("Wat"), _("Wie"), _("Wanneer"), _("Status"))]
    rows: list[list[Any]] = [head]
    for action in actions:
        lines = []
        for step, entry in enumerate(action["history"]):
            label = text(status_label(entry["status"]))
            if step == len(action["history"]) - 1:
                label = f"<b>{label.upper()}</b>"
            lines.append(f"{numbers.get(entry['code'], '?')}. {text(entry['title'])}: {label}")
        rows.append(
            [
                Paragraph(text(action["what"]), kit.body),
                Paragraph(text(action["who"]), kit.body),
                Paragraph(text(due_label(action["due"])), kit.body),
                Paragraph("<br/>".join(lines), kit.small),
            ]
        )
    flow.append(_grid(rows, [70 * mm, 30 * mm, 28 * mm, 46 * mm]))
    return flow


def _highlights(data: dict[str, Any], kit: ReportKit, registry: Registry) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(_("Hoogtepunten per bijeenkomst"), kit.h2)] if data["meetings"] else []
    for number, meeting in enumerate(data["meetings"], start=1):
        session = meeting["session"]
        total = sum(len(n) for n in meeting["notes"].values())
        facts = " · ".join(
            [
                format_date(session["created_at"]),
                ngettext("%(num)s deelnemer", "%(num)s deelnemers", meeting["participants"]),
                ngettext("%(num)s post-it", "%(num)s post-its", total),
            ]
        )
        block: list[Flowable] = [
            Paragraph(f"{number}. {text(session['title'])}", kit.h3),
            Paragraph(text(facts), kit.small),
        ]
        for activity in meeting["activities"]:
            form = registry.get(activity["workform"])
            # Notes taken over from an earlier meeting (carry_in) are that meeting's highlights.
            notes = [n for n in meeting["notes"].get(activity["id"], []) if not n.get("data", {}).get("carried")]
            if form is None or not notes:
                continue
            block.append(Paragraph(f"<b>{text(activity['title'])}</b>", kit.body))
            if form().trajectory_actions(activity, notes):
                # Its notes are actions: the table above follows them across meetings.
                block.append(Paragraph(_("Actiepunten: zie het overzicht hierboven."), kit.small))
                continue
            marked = marked_notes(form, notes)
            for label, note in marked:
                block.append(Paragraph(f"• <b>{text(label)}:</b> {text(note['text'])}", kit.body))
            # A marked note is listed once, with its mark; the top items are the others.
            kept = {id(note) for _label, note in marked}
            for item in top_items(activity, [n for n in notes if id(n) not in kept]):
                line = "• " + text(item["text"])
                if item["author"]:
                    line += f" — {text(item['author'])}"
                if item["votes"]:
                    line += f" <font size=8.5>({text(report.votes_label(item['votes']))})</font>"
                block.append(Paragraph(line, kit.body))
        block.append(Spacer(1, 6))
        flow.append(KeepTogether(block[:4]))
        flow += block[4:]
    return flow
