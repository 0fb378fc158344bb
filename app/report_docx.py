"""The session and trajectory reports as Word documents (python-docx), editable.

No second traversal of the notes: :func:`app.report.story` (and
:func:`app.trajectory_report.story`) give the reportlab flowables the PDF lays
out, and :class:`WordWriter` writes those same flowables as Word objects. Every
work format's ``report_section`` therefore reaches Word without code of its
own, and the two reports keep one structure. The mapping:

- a ``Paragraph`` keeps its text and its ``<b>``, ``<i>``, ``<br/>`` and
  ``<font size>`` markup (user text arrives escaped, so it stays literal text);
  its style picks the Word style: the title ``h1`` → Title, the section
  headings ``h2`` → Heading 1 ("Kop 1" in a Dutch Word), ``h3`` → Heading 2
  ("Kop 2"); ``small``/``label`` → a smaller "Flipover klein" style; a line
  that starts with "• " → List Bullet;
- a ``Table`` → a Word table with the same cells and column widths; ruled
  tables get grid lines, a repeated header row repeats on each Word page, cell
  fills are kept; a 1×1 table inside a cell (a post-it) becomes that cell's
  content, with its fill and outline;
- ``KeepTogether`` and other containers → their contents; a page break → a
  page break (``PageBreakIfNotEmpty`` only after something; the summary's
  ``SummaryBreak`` always);
- the PDF's table of contents (``report.story(contents=True)``, reports over four
  pages) is PDF-only by design: ``render`` asks for the story without it, and Word's
  navigation pane lists the Heading 1 sections;
- an ``Image`` (a card thumbnail) → the same picture at the same size;
- any other flowable (a drawing) → its ``word_text`` attribute when it has one
  (the trajectory's check mark "✓", a questionnaire's bar as "█" blocks, a note
  where the impact/inspanning figure stands), else nothing. reportlab
  rasterises drawings only with cairo (``rlPyCairo``), a system library this
  app does not need otherwise; the matrix's numbered legend table carries each
  item with its quadrant, so nothing of the figure's content is lost.

Like ``render`` of the PDF, :func:`render` and :func:`render_trajectory` are
pure (no database) and run through ``app.blocking.run_heavy``.
"""

from __future__ import annotations

import contextlib
import io
import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from reportlab.lib.colors import Color
from reportlab.platypus import Image, PageBreak, Paragraph, Table
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from app import report, trajectory_report
from app.design import INK
from app.i18n import _, current_language, language
from app.registry import Registry

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SMALL_STYLE = "Flipover klein"
# reportlab style name → Word style (the built-in headings are "Kop 1"/"Kop 2" in a Dutch Word).
STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "small": SMALL_STYLE, "label": SMALL_STYLE}
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
# Characters XML 1.0 forbids (a title pasted with a control character would stop python-docx).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(data: dict[str, Any], registry: Registry) -> bytes:
    """The session report as .docx, in the session's language. Pure: safe in the heavy-work child."""
    with language(data["session"].get("locale")):
        session = data["session"]
        flow = report.story(data, registry, report.ReportKit())
        title = _("Verslag — %(title)s", title=session["title"])
        return WordWriter(title, session["title"], data.get("generated_at")).write(flow)


def render_trajectory(data: dict[str, Any], registry: Registry) -> bytes:
    """The trajectory report as .docx, in the language of its latest meeting."""
    with language(data["locale"]):
        name = data["trajectory"]["name"]
        flow = trajectory_report.story(data, registry, report.ReportKit())
        title = _("Trajectverslag — %(name)s", name=name)
        return WordWriter(title, name, data.get("generated_at")).write(flow)


def clean(value: str) -> str:
    return _NOT_XML.sub("", value)


class _Runs(HTMLParser):
    """reportlab's paragraph markup → runs ``(text, bold, italic, size, line_break_before)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool, bool, float | None, bool]] = []
        self._bold = 0
        self._italic = 0
        self._sizes: list[float | None] = []
        self._break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("b", "strong"):
            self._bold += 1
        elif tag in ("i", "em"):
            self._italic += 1
        elif tag == "br":
            self.runs.append(("", False, False, None, True))
        elif tag == "font":
            size = dict(attrs).get("size")
            try:
                self._sizes.append(float(size) if size else None)
            except ValueError:
                self._sizes.append(None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.runs.append(("", False, False, None, True))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("i", "em"):
            self._italic = max(0, self._italic - 1)
        elif tag == "font" and self._sizes:
            self._sizes.pop()

    def handle_data(self, data: str) -> None:
        size = next((s for s in reversed(self._sizes) if s), None)
        self.runs.append((data, self._bold > 0, self._italic > 0, size, False))


def runs_of(markup: str) -> list[tuple[str, bool, bool, float | None, bool]]:
    parser = _Runs()
    parser.feed(markup)
    parser.close()
    return parser.runs


def plain_text(markup: str) -> str:
    return "".join("\n" if brk else text for text, _b, _i, _s, brk in runs_of(markup))


def _hex(colour: Any) -> str | None:
    return colour.hexval()[2:].upper() if isinstance(colour, Color) else None


def _index(value: int, count: int) -> int:
    return value + count if value < 0 else value


class WordWriter:
    """Writes a list of reportlab flowables into one python-docx ``Document``."""

    def __init__(self, title: str, footer_title: str, generated_at: str | None = None) -> None:
        self.doc = Document()
        self._fresh_page = True  # nothing on the current page yet: a PageBreakIfNotEmpty is skipped
        self._styles(title, generated_at)
        used = (*STYLES.values(), "List Bullet")
        self._style_ids = {name: self.doc.styles[name].style_id for name in used}
        self._footer(footer_title)

    # --- the document -------------------------------------------------------------

    def _styles(self, title: str, generated_at: str | None) -> None:
        doc = self.doc
        props = doc.core_properties
        props.title = clean(title)
        props.author = "Flipover"
        props.language = LANGUAGE_TAGS.get(current_language(), current_language())
        if generated_at:
            with contextlib.suppress(ValueError):
                props.created = datetime.fromisoformat(generated_at)
        # Spelling checked in the session's language: the default of every run.
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE_TAGS.get(current_language(), current_language()))
        ink = RGBColor.from_string(INK.lstrip("#").upper())
        for name in ("Title", "Heading 1", "Heading 2"):
            doc.styles[name].font.color.rgb = ink
        doc.styles["Normal"].font.size = Pt(10.5)
        small = doc.styles.add_style(SMALL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = doc.styles["Normal"]
        small.font.size = Pt(8.5)
        section = doc.sections[0]  # A4 with the PDF's margins
        section.page_width, section.page_height = Pt(595.28), Pt(841.89)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Pt(51))

    def _footer(self, title: str) -> None:
        """'Flipover — <title>' and the page number, as the PDF's footer."""
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.style = self.doc.styles[SMALL_STYLE]
        paragraph.add_run(clean(f"Flipover — {title[:80]} · "))
        prefix, _sep, suffix = _("pagina %(page)s", page="\x00").partition("\x00")
        paragraph.add_run(prefix)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        number = OxmlElement("w:t")
        number.text = "1"
        run.append(number)
        field.append(run)
        paragraph._p.append(field)
        if suffix:
            paragraph.add_run(suffix)

    def write(self, flow: list[Any]) -> bytes:
        self._flow(self.doc, flow, top=True)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()

    # --- flowables ----------------------------------------------------------------

    def _flow(self, container: Any, items: list[Any], top: bool = False) -> None:
        for item in items:
            self._item(container, item, top)

    def _item(self, container: Any, item: Any, top: bool) -> None:
        if item is None or item == "":
            return
        if isinstance(item, str):
            self._paragraph(container, report.text(item), "body", top)
        elif isinstance(item, (list, tuple)):
            self._flow(container, list(item), top)
        elif isinstance(item, Paragraph):
            self._paragraph(container, item.text, item.style.name, top, item.bulletText)
        elif isinstance(item, Table):
            self._table(container, item)
        elif isinstance(item, PageBreakIfNotEmpty):
            if top and not self._fresh_page:
                self._page_break()
        elif isinstance(item, PageBreak):
            if top:
                self._page_break()
        elif isinstance(getattr(item, "_content", None), list):  # KeepTogether and other containers
            self._flow(container, item._content, top)
        elif isinstance(item, Image) and isinstance(getattr(item, "_file", None), str):
            paragraph = self._new_paragraph(container, "body")
            paragraph.add_run().add_picture(item._file, width=Pt(item.drawWidth), height=Pt(item.drawHeight))
        elif isinstance(getattr(item, "word_text", None), str) and item.word_text:
            self._paragraph(container, report.text(item.word_text), "body", top)
        # Anything else (a Spacer, a drawing without words) has no place in an editable document.

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._fresh_page = True

    def _new_paragraph(self, container: Any, style: str) -> Any:
        """A paragraph in ``container`` in the Word style for reportlab's ``style``; a table
        cell's own first, empty paragraph is used first."""
        self._fresh_page = False
        word_style = STYLES.get(style, style if style in self._style_ids else "Normal")
        paragraph = None
        if hasattr(container, "_tc"):  # a table cell
            cell_paragraphs = container.paragraphs
            last = cell_paragraphs[-1]
            if len(cell_paragraphs) == 1 and not last.text and not last.runs and not container.tables:
                paragraph = last
        if paragraph is None:
            paragraph = container.add_paragraph()
        if word_style != "Normal":
            # By id: python-docx's own lookup by name reads every style each time (4,000 notes: seconds).
            paragraph._p.style = self._style_ids[word_style]
        return paragraph

    def _paragraph(self, container: Any, markup: str, style: str, top: bool, bullet: str | None = None) -> None:
        runs = runs_of(markup)
        # A one-line bullet of the main text (the summary's outcomes, a goal) becomes a Word list item.
        listed = bullet or (runs and runs[0][0].startswith("• "))
        if listed and top and style in ("body", "small") and not any(r[4] for r in runs):
            if not bullet:
                runs[0] = (runs[0][0][2:], *runs[0][1:])
            paragraph = self._new_paragraph(container, "List Bullet")
            self._runs(paragraph, runs)
            return
        paragraph = self._new_paragraph(container, style)
        if bullet:
            paragraph.add_run(clean(f"{plain_text(bullet)} "))
        self._runs(paragraph, runs, bold=style == "label")

    def _runs(self, paragraph: Any, runs: list[tuple[str, bool, bool, float | None, bool]], bold: bool = False) -> None:
        for text, is_bold, italic, size, line_break in runs:
            if line_break:
                (paragraph.runs[-1] if paragraph.runs else paragraph.add_run()).add_break()
                continue
            if not text:
                continue
            run = paragraph.add_run(clean(text))
            if is_bold or bold:
                run.bold = True
            if italic:
                run.italic = True
            if size:
                run.font.size = Pt(size)

    def _table(self, container: Any, table: Table) -> None:
        values: list[list[Any]] = table._cellvalues
        rows, cols = len(values), table._ncols
        if not rows or not cols:
            return
        self._fresh_page = False
        ruled = bool(table._linecmds)
        word = container.add_table(rows, cols)
        if ruled:
            word.style = self.doc.styles["Table Grid"]
        word.autofit = False
        widths = [Pt(float(w)) if isinstance(w, (int, float)) else None for w in table._colWidths]
        for column, width in zip(word.columns, widths, strict=False):
            if width is not None:
                column.width = width  # the grid (a fixed layout follows it); each cell's own width below
        fills: dict[tuple[int, int], str] = {}
        for command in table._bkgrndcmds:
            if command[0] != "BACKGROUND" or _hex(command[3]) is None:
                continue
            (c0, r0), (c1, r1) = command[1], command[2]
            for r in range(_index(r0, rows), _index(r1, rows) + 1):
                for c in range(_index(c0, cols), _index(c1, cols) + 1):
                    fills[(r, c)] = _hex(command[3])  # type: ignore[assignment]
        header_rows = table.repeatRows if isinstance(table.repeatRows, int) else 0
        for r, row in enumerate(word.rows):
            if r < header_rows:
                row_pr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                row_pr.append(header)
            cells = row.cells
            for c, cell in enumerate(cells):
                if c < len(widths) and widths[c] is not None:
                    cell.width = widths[c]
                value = values[r][c]
                fill = fills.get((r, c))
                note = _single_cell(value)
                if note is not None:  # a post-it: its own fill and outline on this cell
                    inner_fill = next(
                        (_hex(cmd[3]) for cmd in note._bkgrndcmds if cmd[0] == "BACKGROUND" and _hex(cmd[3])), None
                    )
                    fill = inner_fill or fill
                    outline = next((_hex(cmd[4]) for cmd in note._linecmds if cmd[0] == "BOX"), None)
                    if outline:
                        _borders(cell, outline)
                    value = note._cellvalues[0][0]
                if fill:
                    _shade(cell, fill)
                self._item(cell, value, top=False)


def _single_cell(value: Any) -> Table | None:
    """The one 1×1 table a cell holds (a post-it), if that is all it holds."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, Table) and len(value._cellvalues) == 1 and value._ncols == 1:
        return value
    return None


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(cell: Any, colour: str) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")  # eighths of a point: 1.5 pt, as the PDF's outline
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    cell._tc.get_or_add_tcPr().append(borders)
