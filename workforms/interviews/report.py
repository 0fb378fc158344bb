"""The `interviews` section of the PDF: per question its themes with how often they came up,
each with a few anonymised quotes (the answer's words, never who, which function or when).
Built from the activity state: the report has no database access."""

from __future__ import annotations

import csv
import io
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.i18n import _, ngettext
from app.report import text

from . import model


def section(activity: dict[str, Any], kit: Any) -> list[Flowable]:
    state = activity.get("state") or {}
    flow: list[Flowable] = list(kit.heading(activity))
    interviews = len(state.get("interviews") or [])
    respondents = int(state.get("respondents") or 0)
    facts = ngettext("%(num)s interview", "%(num)s interviews", interviews) + " · "
    facts += ngettext("%(num)s ingevulde vragenlijst", "%(num)s ingevulde vragenlijsten", respondents)
    carried = (state.get("carried") or {}).get("from")
    if carried:
        facts += " · " + _("met de thema's uit: %(title)s", title=carried)
    flow.append(Paragraph(text(facts), kit.small))
    # H:L661-662: the promise of trust and anonymity holds in the report too.
    flow.append(Paragraph(text(_("Citaten zijn anoniem: zonder naam, functie of datum.")), kit.small))
    any_theme = False
    for number, question in enumerate(model.themes(state, model.questions_of(state)), start=1):
        if not question["themes"]:
            continue
        any_theme = True
        part: list[Flowable] = [Paragraph(text(f"{number}. {question['text']}"), kit.h3)]
        for theme in question["themes"]:
            line = f"<b>{text(theme['label'])}</b> ({text(_('%(n)s×', n=theme['count']))})"
            if theme["pushed"]:
                line += " · " + text(_("in de matrix"))
            part.append(Paragraph(line, kit.body, bulletText="•"))
            for quote in theme["quotes"][: model.MAX_QUOTES]:
                part.append(Paragraph(f"<i>“{text(quote)}”</i>", kit.small, bulletText="   "))
        flow.append(KeepTogether(part[:3]))
        flow.extend(part[3:])
    if not any_theme:
        flow.append(Paragraph(text(_("Nog geen thema's gemarkeerd.")), kit.small))
    return flow


def rows(activity: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per theme, for the CSV and JSON exports: question, theme, count, quotes."""
    state = activity.get("state") or {}
    out = []
    for number, question in enumerate(model.themes(state, model.questions_of(state)), start=1):
        for theme in question["themes"]:
            out.append(
                {
                    "question_number": number,
                    "question": question["text"],
                    "theme": theme["label"],
                    "count": theme["count"],
                    "in_matrix": theme["pushed"],
                    "quotes": theme["quotes"],
                }
            )
    return out


# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_text(activity: dict[str, Any]) -> str:
    """``;``-separated (Dutch Excel), one row per theme; the quotes joined by " | "."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["question_number", "question", "theme", "count", "in_matrix", "quotes"])
    for row in rows(activity):
        writer.writerow(
            [
                row["question_number"],
                _cell(row["question"]),
                _cell(row["theme"]),
                row["count"],
                "true" if row["in_matrix"] else "false",
                _cell(" | ".join(row["quotes"])),
            ]
        )
    return out.getvalue()
