"""The triage-analyse section of the PDF: goed / niet goed and the wishes per step of the
triage process, the dots on the six goals, the programma van eisen (must, then should) and
the supplier comparison (means per criterion, the weights, the weighted mean)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app.i18n import _, current_language
from app.report import grid_table, text

from . import GOALS, TRIAGE_STEPS, criteria_view, normalised, step_name, table


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{value:.1f}"
    return shown if current_language() == "en" else shown.replace(".", ",")


def section(form: Any, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
    state = normalised(activity.get("state"))
    flow = kit.heading(activity)
    by_step: dict[str, list[dict[str, Any]]] = {}
    for note in notes:
        by_step.setdefault(note["data"].get("step_id") or "", []).append(note)
    if notes:
        flow += kit.subheading(_("Goed, niet goed en wensen per stap"))
        for key, _name in TRIAGE_STEPS:
            here = by_step.get(key, [])
            if here:
                flow.append(Paragraph(f"<b>{text(step_name(key))}</b>", kit.body))
                order = {"goed": 0, "niet-goed": 1, "wens": 2}
                flow += kit.notes(sorted(here, key=lambda n: order.get(n["category"], 3)), form)
    dots = state.get("dots") or {}
    if any(dots.values()):
        flow += kit.subheading(_("Doelen van de triagetool (stippen)"))
        ranked = sorted(GOALS, key=lambda g: -int(dots.get(g[0], 0)))
        rows = [[_("Doel"), _("Stippen")]]
        rows += [
            [Paragraph(f"<b>{text(_(title))}</b>: {text(_(desc))}", kit.small), str(int(dots.get(key, 0)))]
            for key, title, desc in ranked
        ]
        flow.append(grid_table(rows, [150 * mm, 20 * mm]))
    flow += kit.subheading(_("Programma van eisen"))
    if state["eisen"]:
        rows = [[_("Eis"), _("Prioriteit"), _("Stap")]]
        for priority in ("must", "should"):
            for eis in (e for e in state["eisen"] if e["priority"] == priority):
                rows.append(
                    [
                        Paragraph(text(eis["text"]), kit.small),
                        priority.capitalize(),
                        Paragraph(text(step_name(eis.get("step_id"))), kit.small),
                    ]
                )
        flow.append(grid_table(rows, [100 * mm, 20 * mm, 50 * mm]))
    else:
        flow.append(Paragraph(_("Nog geen eisen."), kit.small))
    flow += kit.subheading(_("Vergelijking leveranciers"))
    criteria = criteria_view(state)
    result = table(state)
    if state["suppliers"] and criteria:
        head = [
            _("Criterium"),
            _("Weging"),
            *[Paragraph(f"<b>{text(r['name'])}</b>", kit.small) for r in result["rows"]],
        ]
        rows = [head]
        for criterion in criteria:
            rows.append(
                [
                    Paragraph(text(criterion["name"]), kit.small),
                    f"×{criterion['weight']}",
                    *[
                        f"{fmt(r['cells'][criterion['id']]['mean'])} (n={r['cells'][criterion['id']]['n']})"
                        for r in result["rows"]
                    ],
                ]
            )
        rows.append(
            [
                Paragraph(f"<b>{text(_('Gewogen gemiddelde'))}</b>", kit.small),
                "",
                *[fmt(r["weighted"]) for r in result["rows"]],
            ]
        )
        width = (170 * mm - 60 * mm) / max(1, len(result["rows"]))
        flow.append(grid_table(rows, [45 * mm, 15 * mm, *[width] * len(result["rows"])]))
        flow.append(Spacer(1, 2 * mm))
        flow.append(Paragraph(_("Scores van 1 tot 5, gemiddeld over de deelnemers; n = aantal scores."), kit.small))
    chosen = next((s["name"] for s in state["suppliers"] if s["id"] == state.get("choice")), None)
    if chosen:
        flow.append(Spacer(1, 2 * mm))
        flow.append(Paragraph(f"<b>{text(_('Gekozen leverancier: %(name)s', name=chosen))}</b>", kit.body))
    return flow
