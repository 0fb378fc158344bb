"""The processen-en-ict section of the PDF: the current and the desired process
as step tables (roles, systems, digital, notes per row) and the goal linkage."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.i18n import _
from app.report import grid_table, text

from .presets import N_

# Dutch here, translated where used (the report renders in the session language).
ROW_LABELS = {
    "huidig": N_("Huidige acties in het systeem"),
    "gewenst": N_("Gewenste acties in het systeem"),
    "wens": N_("Wens"),
    "verbeteren": N_("Verbeteren"),
    "mogelijkheden": N_("Mogelijkheden"),
}
VIEW_TITLES = {"huidig": N_("Huidig proces"), "gewenst": N_("Gewenst proces")}
EFFECT_LABELS = {
    "draagt bij": N_("Voorstel draagt bij aan ambitie"),
    "geen invloed": N_("Voorstel heeft geen invloed op ambitie"),
}


def _notes_cell(step_notes: list[dict[str, Any]], kit: Any) -> list[Any]:
    parts: list[Any] = []
    for row, label in ROW_LABELS.items():
        here = [n for n in step_notes if n.get("category") == row]
        if here:
            items = "<br/>".join(f"• {text(n['text'])}" for n in here)
            parts.append(Paragraph(f"<b>{text(_(label))}</b><br/>{items}", kit.small))
    return parts or [Paragraph("—", kit.small)]


def systems_text(step: dict[str, Any]) -> str:
    """Escaped systems; an uncertain one as "Mijn MGM? (onzeker)" so the mark has a word in print."""
    uncertain = set(step.get("uncertain_systems") or [])
    names = [text(_("%(name)s? (onzeker)", name=name)) if name in uncertain else text(name) for name in step["systems"]]
    return ", ".join(names) or "—"


def digital_text(step: dict[str, Any]) -> str:
    """ "ja", "nee", or "—" where it is not stated (a preset: the handbook does not say)."""
    if step.get("digital") is None:
        return "—"
    return _("ja") if step["digital"] else _("nee")


def alternatives_text(step: dict[str, Any]) -> str:
    """The step's numbered alternatives, one per line (escaped)."""
    return "<br/>".join(f"{n}. {text(alt)}" for n, alt in enumerate(step.get("alternatives") or [], start=1))


def viewgrid_table(name: str, view: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
    flow = kit.subheading(_("%(view)s: %(name)s", view=_(VIEW_TITLES[name]), name=view.get("name") or _("naamloos")))
    if view.get("start") or view.get("end"):
        flow.append(
            Paragraph(
                _(
                    "Start: %(start)s · Einde: %(end)s",
                    start=text(view.get("start") or "—"),
                    end=text(view.get("end") or "—"),
                ),
                kit.small,
            )
        )
    if not view["steps"]:
        flow.append(Paragraph(_("Nog geen stappen."), kit.small))
        return flow
    head = [_("Nr."), _("Stap"), _("Rol(len)"), _("Systeem"), _("Digitaal"), _("Post-its")]
    rows: list[list[Any]] = [[Paragraph(f"<b>{h}</b>", kit.small) for h in head]]
    for number, step in enumerate(view["steps"], start=1):
        step_notes = [
            n
            for n in notes
            if (n.get("data") or {}).get("view") == name and (n.get("data") or {}).get("step_id") == step["id"]
        ]
        cell = [Paragraph(text(step["name"]), kit.small)]
        if step.get("alternatives"):
            cell.append(Paragraph(alternatives_text(step), kit.small))
        if step.get("possibilities"):  # a state stored before the rows were notes, not yet upgraded
            cell.append(
                Paragraph(
                    f"<i>{_('Mogelijkheden:')}</i> " + "; ".join(text(p) for p in step["possibilities"]), kit.small
                )
            )
        rows.append(
            [
                Paragraph(str(number), kit.small),
                cell,
                Paragraph(text(", ".join(step["roles"]) or "—"), kit.small),
                Paragraph(systems_text(step), kit.small),
                Paragraph(digital_text(step), kit.small),
                _notes_cell(step_notes, kit),
            ]
        )
    flow.append(grid_table(rows, [9 * mm, 40 * mm, 22 * mm, 24 * mm, 16 * mm, 63 * mm]))
    return flow


def section(activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any, state: dict[str, Any]) -> list[Any]:
    flow = kit.heading(activity)
    views = state["views"]
    for name in ("huidig", "gewenst"):
        if views.get(name) is not None and views[name]["steps"]:  # a view without steps is left out
            flow += viewgrid_table(name, views[name], notes, kit)
    known = {(name, s["id"]) for name, v in views.items() if v for s in v["steps"]}
    orphans = [
        n for n in notes if ((n.get("data") or {}).get("view"), (n.get("data") or {}).get("step_id")) not in known
    ]
    if orphans:
        flow += kit.subheading(_("Post-its bij verwijderde stappen"))
        flow += _notes_cell(orphans, kit)
    linkage = state.get("linkage") or {}
    if not linkage:
        return flow
    flow += kit.subheading(_("Koppeling aan de doelstellingen"))
    rows: list[list[Any]] = [
        [Paragraph(f"<b>{h}</b>", kit.small) for h in (_("Doelstelling"), _("Effect"), _("Toelichting"))]
    ]
    for link in linkage.values():
        rows.append(
            [
                Paragraph(text(link.get("goal", "")), kit.small),
                Paragraph(
                    text(_(EFFECT_LABELS.get(link.get("effect"), "")) if link.get("effect") in EFFECT_LABELS else ""),
                    kit.small,
                ),
                Paragraph(text(link.get("toelichting") or "—"), kit.small),
            ]
        )
    flow.append(grid_table(rows, [55 * mm, 50 * mm, 69 * mm]))
    return flow
