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
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _listWrapOn

from app import agenda_templates, functions, hyphenation, sessions, uploads
from app import goals as goals_mod
from app import groups as groups_mod
from app import notes as notes_mod
from app import photos as photos_mod
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


def collect(store: Store, registry: Registry, code: str, *, before: int | None = None) -> dict[str, Any]:
    """Everything the report shows, read from the database; names removed where anonymous.
    With ``before`` only the agenda items at a smaller position (a recap slide's view reads
    what came before it, not the whole meeting)."""
    session = sessions.get_session(store, code)
    if session is None:
        raise LookupError(code)
    activities = sessions.list_activities(store, code)
    if before is not None:
        activities = [a for a in activities if a["position"] < before]
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
        "carried": sessions.carried(session),
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
        # How many gave each function at join (issue 21): counts only, never who.
        "functions": functions.counts(sessions.participant_functions(store, code).values()),
        # Photos of paper flip-overs per item (app/photos.py); their files are read at layout time.
        "photos": photos_mod.for_session(store, code),
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
        # keepWithNext (h2, h3 and a section's question): a heading never stays behind alone at
        # the foot of a page; it goes with the first lines of what follows (KeepWithNext below).
        self.h2 = ParagraphStyle(
            "h2",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.lead = ParagraphStyle("lead", parent=self.body, spaceAfter=4, keepWithNext=1)
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
        """A section's title (an entry of the table of contents and the PDF's outline) and its question."""
        title = Paragraph(text(activity["title"]), self.h2)
        title.toc_entry = activity["title"]
        flow: list[Flowable] = [title]
        if activity.get("prompt"):
            flow.append(Paragraph(f"<i>{text(activity['prompt'])}</i>", self.lead))
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
            flow += self.notes(members, form, totals=totals)  # a note's own dots from before it was stacked
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
    ]
    if data.get("functions"):  # only when someone gave a function at join (issue 21)
        facts.append((_("Functies"), functions.counts_text(data["functions"])))
    facts.append((_("Deelnamecode"), session["code"]))
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


def _treated(form: type[Workform] | None, notes: list[dict[str, Any]], summary: list[str], photos: int = 0) -> bool:
    """False for an agenda item that got nothing: no notes, no summary, no photos of its paper
    flip-over. A format that takes no notes and keeps the default summary (a text slide) is
    always treated; one that reports results (e.g. a questionnaire) says so by overriding
    ``report_summary``."""
    if form is None or notes or summary or photos:
        return True
    return not form.accepts_notes and form.report_summary is Workform.report_summary


def _summaries(data: dict[str, Any], registry: Registry) -> dict[int, list[str]]:
    out = {}
    for activity in data["activities"]:
        form = registry.get(activity["workform"])
        out[activity["id"]] = form().report_summary(activity, data["notes"].get(activity["id"], [])) if form else []
    return out


def actual_minutes(activity: dict[str, Any], now_ms: int | None = None) -> int | None:
    """Whole minutes the item was the current one on the meeting clock; None when it never
    was, or for less than half a minute (a click through the agenda)."""
    since, spent = activity.get("since_ms"), activity.get("spent_ms") or 0
    if since is not None:
        spent += max(0, (now_ms if now_ms is not None else int(time.time() * 1000)) - since)
    return round(spent / 60000) or None


def _times(activity: dict[str, Any]) -> str:
    """ " · 10 min" planned, with what it took on the meeting clock when it ran."""
    planned, took = activity.get("minutes"), actual_minutes(activity)
    if planned and took is not None:
        return " · " + _("gepland %(planned)s min, werkelijk %(took)s min", planned=planned, took=took)
    if took is not None:
        return " · " + _("werkelijk %(took)s min", took=took)
    return f" · {_('%(num)s min', num=planned)}" if planned else ""


def outcomes(store: Store, registry: Registry, code: str, *, before: int | None = None) -> list[dict[str, Any]]:
    """Each agenda item's outcome lines, as page 1 has them, for a recap slide on the board:
    only items with lines (with ``before``, only the items ahead of that position), and none
    of an item being voted on (its totals are not out yet) or written in private (its notes
    are not on the board yet)."""
    from app.state import visibility

    data = collect(store, registry, code, before=before)
    summaries = _summaries(data, registry)
    return [
        {"activity_id": a["id"], "title": a["title"], "lines": summaries[a["id"]]}
        for a in data["activities"]
        if summaries[a["id"]] and a["phase"] != "stemmen" and not visibility(a, registry)["private"]
    ]


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
        photos = len(_photos(data, activity))
        if not _treated(form, data["notes"].get(activity["id"], []), lines, photos):
            block.append(Paragraph(_("Niet behandeld."), kit.small))
        block += [Paragraph(f"• {text(line)}", kit.body) for line in lines]
        if photos:
            count = ngettext("%(num)s foto van de flip-over", "%(num)s foto's van de flip-over", photos)
            block.append(Paragraph(f"• {text(count)}", kit.body))
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


# A report longer than this gets a table of contents after its cover.
CONTENTS_FROM_PAGES = 5
# A meeting with this many notes is likely long: its first layout keeps room for the contents.
LIKELY_LONG_NOTES = 40


def _render(data: dict[str, Any], registry: Registry) -> bytes:
    return laid_out(data, registry)[0]


def laid_out(data: dict[str, Any], registry: Registry) -> tuple[bytes, list[dict[str, Any]]]:
    """The PDF and, per page, its layout (``ReportDocument.pages``).

    Over four pages the report has a table of contents (PDF only: the Word report has
    Word's navigation pane, its sections are Word headings). One layout makes it: the
    contents' page numbers are PDF forms that each section fills in when it is laid out
    (:class:`PageOf`), where reportlab's multiBuild lays the report out two or three times.
    The first layout guesses from the number of notes whether the report will be long;
    only a wrong guess costs a second one."""
    session = data["session"]
    title = _("Verslag — %(title)s", title=session["title"])
    kit = ReportKit()
    contents = sum(len(n) for n in data["notes"].values()) >= LIKELY_LONG_NOTES
    for _attempt in range(2):
        buf = io.BytesIO()
        doc = document(buf, title)
        build(doc, story(data, registry, kit, contents=contents), session["title"])
        long = len(doc.pages) >= CONTENTS_FROM_PAGES
        if long == contents:
            break
        contents = long
    return buf.getvalue(), doc.pages


def story(data: dict[str, Any], registry: Registry, kit: ReportKit, contents: bool = False) -> list[Flowable]:
    """The report in reading order: cover, summary, then each treated item's section.
    The PDF lays it out; the Word report (``app.report_docx``) writes the same flowables,
    so both have one structure and every work format's section reaches both.

    The sections flow one after the other: a heading keeps with the first lines of what
    follows (``keepWithNext``, :class:`KeepWithNext`), and a work format breaks the page
    only where the handbook has a flip-over of its own (processen-en-acties: one per goal).
    ``contents`` puts a table of contents after the cover (PDF only, see :func:`laid_out`)."""
    summaries = _summaries(data, registry)
    flow = _cover(data, kit, registry)
    if contents:
        titles = [
            a["title"]
            for a in sorted(data["activities"], key=lambda a: _reported_last(registry, a))
            if (form := registry.get(a["workform"])) is not None
            and _treated(form, data["notes"].get(a["id"], []), summaries[a["id"]], len(_photos(data, a)))
        ]
        flow += table_of_contents(kit, titles)
    flow += _summary(data, kit, registry, summaries)
    first = True
    for activity in sorted(data["activities"], key=lambda a: _reported_last(registry, a)):
        form = registry.get(activity["workform"])
        notes = data["notes"].get(activity["id"], [])
        photos = _photos(data, activity)
        if form is None or not _treated(form, notes, summaries[activity["id"]], len(photos)):
            continue  # listed once on page 1 as "niet behandeld"
        section = form().report_section(activity, notes, kit)
        if photos:
            section = list(section)
            if not notes and not summaries[activity["id"]] and not section:
                section = kit.heading(activity)
            section += photo_flowables(data["session"]["code"], photos, kit)
        if first:
            # The summary is page 1; the details start on the next page (when the summary
            # ran over, they follow it without leaving a half-empty page).
            flow.append(SummaryBreak())
            first = False
        flow += section
        flow.append(Spacer(1, 8))
    return flow


def _photos(data: dict[str, Any], activity: dict[str, Any]) -> list[dict[str, Any]]:
    return data.get("photos", {}).get(activity["id"], [])


PHOTO_WIDTH = A4[0] - 36 * mm  # the frame's width (document(): 18 mm margins)
PHOTO_MAX_HEIGHT = A4[1] - 36 * mm - 40 * mm  # a page, less room for the caption and the footer


def photo_flowables(code: str, photos: list[dict[str, Any]], kit: ReportKit) -> list[Flowable]:
    """Each photo of the item's paper flip-over across the page's width (a tall one as high as
    a page allows), its aspect kept, with its caption "Foto van de flip-over N" below it."""
    folder = uploads.session_dir(code) / photos_mod.FOLDER
    flow: list[Flowable] = []
    for number, photo in enumerate(photos, start=1):
        path = folder / f"{photo['id']}.jpg"
        if not path.is_file():
            continue  # removed while the report was being made
        width, height = float(photo["width"]), float(photo["height"])
        scale = min(PHOTO_WIDTH / width, PHOTO_MAX_HEIGHT / height)
        image = Image(str(path), width=width * scale, height=height * scale)
        image.hAlign = "LEFT"
        caption = Paragraph(text(_("Foto van de flip-over %(number)s", number=number)), kit.small)
        flow.append(KeepTogether([Spacer(1, 6), image, Spacer(1, 2), caption]))
    return flow


class SummaryBreak(PageBreak):
    """A page break only on page 1 (``ReportDocument.filterFlowables``); the Word report
    has a page break after the summary."""


def table_of_contents(kit: ReportKit, titles: list[str]) -> list[Flowable]:
    """ "Inhoud": every section's title with its page (:class:`PageOf`), a ruled line each."""
    rows = [[Paragraph(text(title), kit.body), PageOf(n)] for n, title in enumerate(titles)]
    table = Table(rows, colWidths=[160 * mm, PageOf.WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#BBB6AA"), None, (1, 2)),
            ]
        )
    )
    return [Spacer(1, 6), Paragraph(_("Inhoud"), kit.h2), table]


class PageOf(Flowable):
    """The page number of the n-th section in the table of contents: a PDF form (XObject)
    that the document draws when that section's title is laid out (``ReportDocument``),
    referenced here before it exists — as "page X of Y" is done. One line of body text high,
    the number right-aligned on the baseline of a body line."""

    WIDTH = 14 * mm
    HEIGHT = 14.0  # the body's leading
    BASELINE = HEIGHT - 10.5  # where a Paragraph of the body style sets its one line

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    @staticmethod
    def form(index: int) -> str:
        return f"section-page-{index}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.WIDTH, self.HEIGHT

    def draw(self) -> None:
        self.canv.doForm(self.form(self.index))
        doc = getattr(self.canv, "_doctemplate", None)
        if isinstance(doc, ReportDocument):
            doc.page_refs = max(doc.page_refs, self.index + 1)


class KeepWithNext(KeepTogether):
    """What reportlab makes of a run of ``keepWithNext`` flowables and the one after them
    (``ReportDocument.keepTogetherClass``). reportlab's own KeepTogether moves the whole run
    to the next page when it does not fit, so a heading over a long table of post-its left
    most of a page empty. This one keeps the headings with the *start* of what follows:
    the next flowable is split (a table between rows, a paragraph between lines, never a
    lone line) so that the headings and its first part fill the page, and only when not
    even that fits does the run move on."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        heads, last = self._content[:-1], self._content[-1]
        if aH >= self._H or not heads or isinstance(last, KeepTogether) or last.getKeepWithNext():
            return super().split(aW, aH)
        room = aH - _listWrapOn(heads, aW, self.canv)[1] - max(heads[-1].getSpaceAfter(), last.getSpaceBefore())
        if room > 0:
            parts = last.splitOn(self.canv, aW, room)
            if len(parts) > 1:
                return [*heads, *parts]
        return super().split(aW, aH)


class ReportDocument(SimpleDocTemplate):
    """The shared A4 document: headings keep with the start of what follows, each section
    title is an entry of the PDF's outline and the table of contents, and for each page
    the layout is noted (``pages``: how far down it is filled, whether a page break ended
    it, the last thing on it) for the layout tests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, keepTogetherClass=KeepWithNext, **kwargs)
        self.pages: list[dict[str, Any]] = []
        self.section_pages: list[int] = []  # the page of each section's title, in order
        self.page_refs = 0  # PageOf numbers drawn (the contents' lines)
        self._entries = 0

    def beforeDocument(self) -> None:
        self.pages = []
        self.section_pages = []
        self.page_refs = 0
        self._entries = 0
        self._last: Flowable | None = None
        self._broken = False

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "toc_entry", None)
        if entry:
            self._entries += 1
            key = f"section-{self._entries}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(entry, key, level=0)
            self._page_form(len(self.section_pages), str(self.page))
            self.section_pages.append(self.page)
        if not isinstance(flowable, (Spacer, PageBreak, ActionFlowable)):
            self._last = flowable

    def _page_form(self, index: int, number: str) -> None:
        """Fill in the table of contents' page number of the index-th section (``PageOf``)."""
        canv = self.canv
        canv.beginForm(PageOf.form(index), 0, 0, PageOf.WIDTH, PageOf.HEIGHT)
        canv.setFont(FONT, 10.5)
        canv.setFillColor(colors.HexColor(INK))
        canv.drawRightString(PageOf.WIDTH, PageOf.BASELINE, number)
        canv.endForm()

    def _endBuild(self) -> None:
        # A contents line whose section never came (a work format without kit.heading) stays blank.
        for index in range(len(self.section_pages), self.page_refs):
            self._page_form(index, "")
        super()._endBuild()

    def filterFlowables(self, flowables: list[Any]) -> None:
        if isinstance(flowables[0], SummaryBreak) and self.page != 1:
            flowables[0] = None

    def handle_pageBreak(self, slow: Any = None) -> None:
        self._broken = True
        super().handle_pageBreak(slow)

    def afterPage(self) -> None:
        frame = self.frame
        top = frame._y1 + frame._height - frame._topPadding
        bottom = frame._y1 + frame._bottomPadding
        self.pages.append(
            {
                "fill": (top - frame._y) / (top - bottom),
                "lowest_y": frame._y,
                "page_break": self._broken,
                "last": self._last,
            }
        )
        self._broken = False


def document(buf: io.BytesIO, title: str) -> ReportDocument:
    """An A4 document with the shared margins and metadata, in the current language."""
    return ReportDocument(
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
