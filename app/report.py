"""The session report (PDF), built with reportlab from the database alone.

``collect`` reads everything on the caller's thread; ``render`` is pure and
runs off the event loop. The core makes the cover and agenda; each work format
contributes its own section through ``Workform.report_section``.
"""

from __future__ import annotations

import io
import shutil
import threading
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app import agenda_templates, hyphenation, sessions
from app import goals as goals_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import votes as votes_mod
from app.clock import now_iso
from app.config import ROOT
from app.db import Store
from app.design import INK, NOTE_COLOURS
from app.i18n import _, current_language, format_date, language, ngettext
from app.registry import Registry
from app.workform import Workform

FONT = "AtkinsonHyperlegible"
FONT_BOLD = "AtkinsonHyperlegible-Bold"
_fonts_lock = threading.Lock()
_fonts_ready = False


def _register_fonts() -> None:
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        fonts = ROOT / "static" / "fonts"
        pdfmetrics.registerFont(TTFont(FONT, str(fonts / "AtkinsonHyperlegible-Regular.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "AtkinsonHyperlegible-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
        _fonts_ready = True


def text(value: str | None) -> str:
    """Escape user-written text for a reportlab Paragraph (which parses markup)."""
    return escape(value or "").replace("\n", "<br/>")


def votes_label(count: int) -> str:
    return ngettext("%(num)s stem", "%(num)s stemmen", count)


def collect(store: Store, registry: Registry, code: str) -> dict[str, Any]:
    """Everything the report shows, read from the database; names removed where anonymous."""
    session = sessions.get_session(store, code)
    if session is None:
        raise LookupError(code)
    activities = sessions.list_activities(store, code)
    by_activity: dict[int, list[dict[str, Any]]] = {}
    for activity in activities:
        activity["groups"] = groups_mod.groups_for_activity(store, activity["id"])
        activity["vote_totals"] = votes_mod.totals(store, activity["id"])
        # Notes never revealed in a private phase are still the meeting's result: the report has them.
        by_activity[activity["id"]] = [
            notes_mod.view_for(note, anonymous=activity["anonymous"], viewer="board")
            for note in notes_mod.notes_for_activity(store, activity["id"])
            if not note["hidden"]
        ]
    # Session-level artefacts for sections that build on earlier activities (goals, keywords per goal).
    shared = {
        **goals_mod.snapshot(store, code),
        "notes": by_activity,
        "workforms": {a["id"]: a["workform"] for a in activities},
    }
    for activity in activities:
        activity["shared"] = shared
    return {
        "session": session,
        "activities": activities,
        "notes": by_activity,
        "participants": sessions.participant_count(store, code),
        "generated_at": now_iso(),
    }


class ReportKit:
    """Building blocks a work format uses for its section, in the shared look."""

    def __init__(self) -> None:
        _register_fonts()
        # Long compounds ("Ketenzorgprogrammacoördinatieoverleg" in a narrow table cell) break
        # at a hyphen, with the same pyphen patterns and minimums as the pages
        # (static/js/hyphenate.js), in the language in force (the session's, see render()).
        # Every other style inherits from this one. embeddedHyphenation=2: a long word that
        # moves to a line of its own is hyphenated there too (with 0 or 1 reportlab cuts it
        # anywhere: "doktersassisten|te" in a 30 mm cell).
        self.body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=10.5,
            leading=14,
            textColor=colors.HexColor(INK),
            hyphenationLang=hyphenation.pyphen_for(current_language()).iterate,
            hyphenationMinWordLength=hyphenation.MIN_WORD,
            embeddedHyphenation=2,
        )
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11)
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=FONT_BOLD, fontSize=22, leading=27, spaceAfter=6)
        self.h2 = ParagraphStyle(
            "h2", parent=self.body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=10, spaceAfter=4
        )
        # keepWithNext: a group's heading never stays behind alone at the foot of a page.
        self.h3 = ParagraphStyle(
            "h3",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.label = ParagraphStyle("label", parent=self.small, fontName=FONT_BOLD, alignment=TA_LEFT)

    def heading(self, activity: dict[str, Any]) -> list[Flowable]:
        flow: list[Flowable] = [Paragraph(text(activity["title"]), self.h2)]
        if activity.get("prompt"):
            flow.append(Paragraph(f"<i>{text(activity['prompt'])}</i>", self.body))
            flow.append(Spacer(1, 4))
        return flow

    def subheading(self, title: str) -> list[Flowable]:
        return [Paragraph(text(title), self.h3)]

    def paragraphs(self, body: str | None) -> list[Flowable]:
        return [Paragraph(text(part), self.body) for part in (body or "").split("\n\n") if part.strip()]

    def empty(self) -> list[Flowable]:
        return [Paragraph(_("Geen post-its."), self.small)]

    def note_cell(
        self, note: dict[str, Any], form: type[Workform] | Workform, badge: str | None = None, votes: int = 0
    ) -> Table:
        category = form.category(note.get("category"))
        colour = NOTE_COLOURS.get(category.colour if category else "geel", NOTE_COLOURS["geel"])
        label = str(category.label) if category else _("Post-it")
        # Only glyphs the embedded font has: the label carries the category in greyscale.
        head = text(label.upper()) + (f" · {text(badge.upper())}" if badge else "")
        if votes:
            head += f" · {votes_label(votes).upper()}"
        parts: list[Flowable] = [Paragraph(head, self.label), Paragraph(text(note["text"]), self.body)]
        if note.get("author_name"):
            parts.append(Paragraph(f"— {text(note['author_name'])}", self.small))
        cell = Table([[parts]], colWidths=[82 * mm])
        cell.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(colour["fill"])),
                    ("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor(colour["outline"])),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return cell

    def notes(
        self,
        notes: list[dict[str, Any]],
        form: type[Workform] | Workform,
        badge: str | None = None,
        totals: dict[str, int] | None = None,
    ) -> list[Flowable]:
        """Notes as post-its, two per row; with ``totals``, each loose note shows its dots."""
        totals = totals or {}
        cells = [self.note_cell(n, form, badge, totals.get(f"n:{n['id']}", 0)) for n in notes]
        rows = [cells[i : i + 2] + ([""] if len(cells[i : i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
        if not rows:
            return []
        grid = Table(rows, colWidths=[87 * mm, 87 * mm], hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return [grid]

    def grouped(
        self, activity: dict[str, Any], notes: list[dict[str, Any]], form: type[Workform] | Workform
    ) -> list[Flowable]:
        """Groups (most dots first) with their notes, then the loose notes (most dots first)."""
        totals: dict[str, int] = activity.get("vote_totals") or {}
        flow: list[Flowable] = []
        groups = sorted(activity.get("groups") or [], key=lambda g: (-totals.get(f"g:{g['id']}", 0), g["id"]))
        for group in groups:
            members = [n for n in notes if n.get("group_id") == group["id"]]
            if not members:
                continue
            dots = totals.get(f"g:{group['id']}", 0)
            title = group["name"] or _("Groep zonder naam")
            suffix = f" — {votes_label(dots)}" if dots else ""
            flow += self.subheading(
                _("Groep: %(title)s (%(count)s post-its)", title=title, count=len(members)) + suffix
            )
            flow += self.notes(members, form)
        loose = [n for n in notes if n.get("group_id") is None]
        loose.sort(key=lambda n: -totals.get(f"n:{n['id']}", 0))
        if loose:
            if flow:
                flow += self.subheading(_("Niet gegroepeerd"))
            flow += self.notes(loose, form, totals=totals)
        return flow

    def note_list(self, activity: dict[str, Any], notes: list[dict[str, Any]], form: Workform) -> list[Flowable]:
        """The default section: heading, then groups and notes with their dots."""
        return self.heading(activity) + (self.grouped(activity, notes, form) if notes else self.empty())


def _cover(data: dict[str, Any], kit: ReportKit, registry: Registry) -> list[Flowable]:
    session = data["session"]
    flow: list[Flowable] = [
        Paragraph(_("Verslag van de bijeenkomst"), kit.small),
        Paragraph(text(session["title"]), kit.h1),
    ]
    facts = [
        (_("Praktijk"), session["practice"] or "—"),
        (_("Datum"), format_date(session["created_at"])),
        (_("Deelnemers"), str(data["participants"])),
        (_("Deelnamecode"), session["code"]),
    ]
    planned = [a["minutes"] for a in data["activities"] if a.get("minutes")]
    if session.get("duration_minutes") or planned:
        facts.insert(2, (_("Duur"), _plan_text(session.get("duration_minutes"), sum(planned))))
    flow += [Spacer(1, 6), facts_table(kit, facts)]
    # The handbook's "Doel" lines of the agenda template the meeting was made from.
    template = agenda_templates.find(registry, session["template"]) if session.get("template") else None
    if template and template["goals"]:
        flow += [Spacer(1, 10), Paragraph(_("Doel van de bijeenkomst"), kit.h2)]
        flow += [Paragraph(f"• {text(str(goal))}", kit.body) for goal in template["goals"]]
    return flow


def _plan_text(duration: int | None, planned: int) -> str:
    """The meeting's length, and the agenda's planned minutes when they differ from it."""
    if duration and planned and planned != duration:
        return _("%(duration)s min (agenda gepland op %(planned)s min)", duration=duration, planned=planned)
    return _("%(num)s min", num=duration or planned)


def top_lines(activity: dict[str, Any], notes: list[dict[str, Any]], limit: int = 3) -> list[str]:
    """The default summary lines: the groups and notes with the most dots, with their dots."""
    from app.trajectory_report import top_items

    return [
        f"{item['text']} — {votes_label(item['votes'])}" if item["votes"] else item["text"]
        for item in top_items(activity, notes, limit)
    ]


def _treated(form: type[Workform] | None, notes: list[dict[str, Any]], summary: list[str]) -> bool:
    """False for an agenda item that got nothing: no notes and no summary. A format that takes
    no notes and keeps the default summary (a text slide) is always treated; one that reports
    results (e.g. a questionnaire) says so by overriding ``report_summary``."""
    if form is None or notes or summary:
        return True
    return not form.accepts_notes and form.report_summary is Workform.report_summary


def _summaries(data: dict[str, Any], registry: Registry) -> dict[int, list[str]]:
    out = {}
    for activity in data["activities"]:
        form = registry.get(activity["workform"])
        out[activity["id"]] = form().report_summary(activity, data["notes"].get(activity["id"], [])) if form else []
    return out


def actual_minutes(activity: dict[str, Any], now_ms: int | None = None) -> int | None:
    """Whole minutes the item was the current one on the meeting clock; None when it never was."""
    since, spent = activity.get("since_ms"), activity.get("spent_ms") or 0
    if since is not None:
        spent += max(0, (now_ms if now_ms is not None else int(time.time() * 1000)) - since)
    return round(spent / 60000) if spent else None


def _times(activity: dict[str, Any]) -> str:
    """ " · 10 min" planned, with what it took on the meeting clock when it ran."""
    planned, took = activity.get("minutes"), actual_minutes(activity)
    if planned and took is not None:
        return " · " + _("gepland %(planned)s min, werkelijk %(took)s min", planned=planned, took=took)
    if took is not None:
        return " · " + _("werkelijk %(took)s min", took=took)
    return f" · {_('%(num)s min', num=planned)}" if planned else ""


def _summary(
    data: dict[str, Any], kit: ReportKit, registry: Registry, summaries: dict[int, list[str]]
) -> list[Flowable]:
    """Page 1 after the facts: the agenda, each item with its outcome in a few lines (what
    was chosen, kept, decided); an item that took notes and got none says so once."""
    flow: list[Flowable] = [Spacer(1, 10), Paragraph(_("Samenvatting"), kit.h2)]
    for number, activity in enumerate(data["activities"], start=1):
        form = registry.get(activity["workform"])
        lines = summaries[activity["id"]]
        minutes = _times(activity)
        block: list[Flowable] = [Paragraph(f"{number}. {text(activity['title'])}{minutes}", kit.h3)]
        if not _treated(form, data["notes"].get(activity["id"], []), lines):
            block.append(Paragraph(_("Niet behandeld."), kit.small))
        block += [Paragraph(f"• {text(line)}", kit.body) for line in lines]
        flow.append(KeepTogether(block))
    return flow


def grid_table(rows: list[list[Any]], widths: list[float], *style: tuple[Any, ...]) -> Table:
    """A ruled table with a shaded header row that repeats on each page (work formats' and
    trajectory tables); ``style`` adds TableStyle commands, e.g. paddings."""
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8C877C")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEAE0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *style,
            ]
        )
    )
    return table


def word_text(flowable: Any, words: str) -> Any:
    """Give a flowable the words the Word report writes in its place (``app/report_docx.py``
    has no drawings): a bar as blocks, or where a figure stands. Set past reportlab's
    attribute check of drawings; returns the flowable."""
    flowable.__dict__["word_text"] = words
    return flowable


def facts_table(kit: ReportKit, facts: list[tuple[str, str]]) -> Table:
    """The cover's label/value lines (values are user-written: escaped)."""
    table = Table(
        [[Paragraph(f"<b>{text(k)}</b>", kit.body), Paragraph(text(v), kit.body)] for k, v in facts],
        colWidths=[35 * mm, 130 * mm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def footer(title: str):
    """The page footer of every Flipover PDF: the document's title and the page number."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, 10 * mm, f"Flipover — {title[:80]}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, _("pagina %(page)s", page=doc.page))
        canvas.restoreState()

    return draw


def _lang() -> str:
    return current_language()


def render(data: dict[str, Any], registry: Registry) -> bytes:
    """Lay out the PDF in the session language. Pure: no database, safe to run in a worker thread."""
    # Set here, in the thread that renders (gettext in sections and the footer follows it).
    with language(data["session"].get("locale")):
        return _render(data, registry)


def _render(data: dict[str, Any], registry: Registry) -> bytes:
    buf = io.BytesIO()
    session = data["session"]
    doc = document(buf, _("Verslag — %(title)s", title=session["title"]))
    build(doc, story(data, registry, ReportKit()), session["title"])
    return buf.getvalue()


def story(data: dict[str, Any], registry: Registry, kit: ReportKit) -> list[Flowable]:
    """The report in reading order: cover, summary, then each treated item's section.
    The PDF lays it out; the Word report (``app.report_docx``) writes the same flowables,
    so both have one structure and every work format's section reaches both."""
    summaries = _summaries(data, registry)
    flow = _cover(data, kit, registry) + _summary(data, kit, registry, summaries)
    first = True
    for activity in sorted(data["activities"], key=lambda a: _reported_last(registry, a)):
        form = registry.get(activity["workform"])
        notes = data["notes"].get(activity["id"], [])
        if form is None or not _treated(form, notes, summaries[activity["id"]]):
            continue  # listed once on page 1 as "niet behandeld"
        section = form().report_section(activity, notes, kit)
        if first:
            flow.append(PageBreak())
            first = False
        flow.append(KeepTogether(section[:3]))
        flow += section[3:]
        flow.append(Spacer(1, 8))
    return flow


def document(buf: io.BytesIO, title: str) -> SimpleDocTemplate:
    """An A4 document with the shared margins and metadata, in the current language."""
    return SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Flipover",
        lang=_lang(),
    )


def build(doc: SimpleDocTemplate, flow: list[Flowable], footer_title: str) -> None:
    doc.build(flow, onFirstPage=footer(footer_title), onLaterPages=footer(footer_title))


def _reported_last(registry: Registry, activity: dict[str, Any]) -> bool:
    """Sections of work formats with ``report_last = True`` (e.g. the action plan) close the
    report, whatever their agenda position; the sort is stable, so the agenda order holds otherwise."""
    form = registry.get(activity["workform"])
    return form is not None and form.report_last


def save_export(exports_dir: Path, code: str, pdf: bytes, name: str = "report.pdf") -> Path:
    """Keep a copy under ``exports/<code>/`` (a trajectory's folder is ``traject-<id>``);
    the Word report goes next to it as ``report.docx``."""
    folder = exports_dir / code
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(pdf)
    return path


def delete_exports(exports_dir: Path, code: str) -> None:
    shutil.rmtree(exports_dir / code, ignore_errors=True)
