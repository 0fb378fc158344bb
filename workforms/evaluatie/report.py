"""The `evaluatie` section of the PDF: per part of the questionnaire and per question,
the 1–5 distribution (counts with bars, mean and n) and the open answers grouped.
Built from the anonymous aggregates in the activity state: the report has no
database access and prints no names."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.design import INK
from app.i18n import _, current_language, ngettext
from app.report import text, word_text

from . import goals as gl
from .questions import SCALE, SCALE_HIGH, SCALE_LOW, summary

BAR_WIDTH = 70 * mm
BAR_HEIGHT = 3.2 * mm
ACCENT = "#0B4F8A"


def mean_text(mean: float | None) -> str:
    return format_decimal(mean, format="0.0", locale=current_language()) if mean is not None else "—"


def _bar(count: int, most: int) -> Drawing:
    drawing = Drawing(BAR_WIDTH, BAR_HEIGHT)
    drawing.add(Rect(0, 0, BAR_WIDTH, BAR_HEIGHT, fillColor=colors.HexColor("#EEEAE0"), strokeColor=None))
    if count and most:
        drawing.add(
            Rect(0, 0, BAR_WIDTH * count / most, BAR_HEIGHT, fillColor=colors.HexColor(ACCENT), strokeColor=None)
        )
    # The Word report has no drawings (app/report_docx.py): the bar as up to 20 blocks there.
    return word_text(drawing, "█" * round(20 * count / most) if count and most else "")


def _distribution(question: dict[str, Any], kit: Any) -> list[Flowable]:
    counts = question["counts"]
    most = max(counts.values()) if counts else 0
    rows = []
    for value in SCALE:
        label = str(value)
        if value == SCALE[0]:
            label += f" · {SCALE_LOW}"
        elif value == SCALE[-1]:
            label += f" · {SCALE_HIGH}"
        count = counts.get(str(value), 0)
        rows.append([Paragraph(text(label), kit.small), Paragraph(str(count), kit.small), _bar(count, most)])
    table = Table(rows, colWidths=[52 * mm, 12 * mm, BAR_WIDTH + 4 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.HexColor(INK)),
            ]
        )
    )
    facts = _("Gemiddelde %(mean)s · n = %(n)s", mean=mean_text(question["mean"]), n=question["n"])
    return [table, Paragraph(text(facts), kit.body)]


def _texts(groups: list[dict[str, Any]], kit: Any) -> list[Flowable]:
    flow: list[Flowable] = []
    for group in groups:
        line = text(group["text"])
        if group["count"] > 1:
            line += f" <b>({group['count']}×)</b>"
        flow.append(Paragraph(line, kit.body, bulletText="•"))
    return flow


def _question(number: int, question: dict[str, Any], kit: Any) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(f"<b>{number}. {text(question['text'])}</b>", kit.body)]
    if not question["answered"]:
        flow.append(Paragraph(_("Geen antwoorden."), kit.small))
    else:
        if question["scale"]:
            flow += _distribution(question, kit)
            if question["texts"]:
                flow.append(Paragraph(_("Toelichtingen"), kit.label))
        else:
            flow.append(
                Paragraph(text(ngettext("%(num)s antwoord", "%(num)s antwoorden", question["answered"])), kit.small)
            )
        flow += _texts(question["texts"], kit)
    flow.append(Spacer(1, 5))
    return [KeepTogether(flow)]


def _goal(number: int, goal: dict[str, Any], kit: Any) -> list[Flowable]:
    """One goal: what was expected (the goal), what the room rated, the team's conclusion, the comments."""
    flow: list[Flowable] = [Paragraph(f"<b>{number}. {text(goal['title'])}</b>", kit.body)]
    if goal["n"]:
        counts = " · ".join(f"{label['label']}: {goal['counts'][label['slug']]}" for label in gl.labels())
        flow.append(
            Paragraph(text(_("Oordeel deelnemers: %(counts)s (n = %(n)s)", counts=counts, n=goal["n"])), kit.body)
        )
    else:
        flow.append(Paragraph(_("Niemand gaf een oordeel."), kit.small))
    if goal["conclusion"] or goal["conclusion_text"]:
        conclusion = " — ".join(part for part in (goal["conclusion_label"], goal["conclusion_text"]) if part)
        flow.append(Paragraph(text(_("Conclusie van het team: %(conclusion)s", conclusion=conclusion)), kit.body))
    if goal["comments"]:
        flow.append(Paragraph(_("Toelichtingen"), kit.label))
        flow += _texts(goal["comments"], kit)
    flow.append(Spacer(1, 5))
    return [KeepTogether(flow)]


def goals_part(activity: dict[str, Any], kit: Any) -> list[Flowable]:
    """Stap 3.1 c: per goal of the session, expected vs achieved (empty when the session has none)."""
    from . import goal_rows

    rows = goal_rows(activity)
    if not rows:
        return []
    flow = kit.subheading(_("Verwacht en bereikt"))
    for number, goal in enumerate(rows, start=1):
        flow += _goal(number, goal, kit)
    return flow


def section(activity: dict[str, Any], kit: Any) -> list[Flowable]:
    result = summary(activity)
    flow = kit.heading(activity)
    count = result["respondents"]
    flow.append(
        Paragraph(text(ngettext("%(num)s deelnemer vulde in", "%(num)s deelnemers vulden in", count)), kit.body)
    )
    if not count:
        flow.append(Paragraph(_("Nog geen antwoorden op de vragenlijst."), kit.small))
        return flow + goals_part(activity, kit)
    shown_section = None
    for number, question in enumerate(result["questions"], start=1):
        if question["section"] != shown_section:
            shown_section = question["section"]
            flow += kit.subheading(question["section_title"])
        flow += _question(number, question, kit)
    return flow + goals_part(activity, kit)
