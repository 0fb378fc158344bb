"""The impact-inspanning section of the PDF: the matrix as a vector figure,
a numbered legend, and per quadrant a table of items with their mean scores."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app.i18n import _, current_language
from app.report import FONT, FONT_BOLD, grid_table, text, word_text

from . import matrix

# Pale fills per quadrant, so the figure reads in greyscale too (labels carry the meaning).
FILLS = {"onmiddellijk": "#DDF3D3", "quick-wins": "#FFF6C9", "plannen": "#DCEBFA", "niet-doen": "#FBE0E8"}
WIDTH, HEIGHT = 170 * mm, 120 * mm
PAD_LEFT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 14 * mm, 10 * mm, 4 * mm, 4 * mm


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if current_language() == "en" else f"{value:.1f}".replace(".", ",")


def items_of(activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The visible notes, numbered as on the board, each with its aggregate."""
    state = activity.get("state") or {}
    scores = state.get("scores") or {}
    overrides = state.get("overrides") or {}
    placement = matrix.clean_placement(state.get("placement"))
    return [
        {
            "number": number,
            "text": note["text"],
            **matrix.summarise(scores.get(str(note["id"]), []), overrides.get(str(note["id"])), placement),
        }
        for number, note in enumerate(notes, start=1)
    ]


def figure(
    items: list[dict[str, Any]], labels: dict[str, str], placement: dict[str, tuple[bool, bool]] = matrix.POSITION
) -> Drawing:
    """The 2×2 matrix: Impact up, Inspanning to the right, numbered dots at each item's place."""
    drawing = Drawing(WIDTH, HEIGHT)
    left, bottom = PAD_LEFT, PAD_BOTTOM
    width, height = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP

    def px(x: float) -> float:
        return left + (x - matrix.LOW) / (matrix.HIGH - matrix.LOW) * width

    def py(y: float) -> float:
        return bottom + (y - matrix.LOW) / (matrix.HIGH - matrix.LOW) * height

    mid_x, mid_y = px(matrix.MIDPOINT), py(matrix.MIDPOINT)
    for key, (high_impact, high_effort) in placement.items():
        x0, x1 = (mid_x, left + width) if high_effort else (left, mid_x)
        y0, y1 = (mid_y, bottom + height) if high_impact else (bottom, mid_y)
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=colors.HexColor(FILLS[key]), strokeColor=colors.black))
        drawing.add(String(x0 + 3 * mm, y1 - 6 * mm, labels[key], fontName=FONT_BOLD, fontSize=11))
    drawing.add(
        String(
            left + width / 2,
            2 * mm,
            _("Inspanning (van laag naar hoog)"),
            fontName=FONT,
            fontSize=9,
            textAnchor="middle",
        )
    )
    axis = String(0, 0, _("Impact (van laag naar hoog)"), fontName=FONT, fontSize=9, textAnchor="middle")
    axis.x, axis.y = bottom + height / 2, -8 * mm
    turned = Group(axis)
    turned.rotate(90)
    drawing.add(turned)
    for item in items:
        place = item["place"]
        if not place:
            continue
        cx, cy = px(place["x"]), py(place["y"])
        spread = colors.HexColor("#555555")
        if not item["override"]:
            # The spread of the ratings: min to max on each axis.
            if item["effort"]["n"]:
                drawing.add(Line(px(item["effort"]["min"]), cy, px(item["effort"]["max"]), cy, strokeColor=spread))
            if item["impact"]["n"]:
                drawing.add(Line(cx, py(item["impact"]["min"]), cx, py(item["impact"]["max"]), strokeColor=spread))
        drawing.add(Circle(cx, cy, 3.2 * mm, fillColor=colors.HexColor("#1B1B1B"), strokeColor=colors.white))
        drawing.add(
            String(
                cx,
                cy - 1.3 * mm,
                str(item["number"]),
                fontName=FONT_BOLD,
                fontSize=8,
                fillColor=colors.white,
                textAnchor="middle",
            )
        )
    return drawing


def reading(labels: dict[str, str], placement: dict[str, tuple[bool, bool]]) -> str:
    """How the quadrants are read, the high-impact-low-effort corner first (as on the board)."""
    parts = []
    for corner in ((True, False), (True, True), (False, False), (False, True)):
        key = next(k for k, where in placement.items() if where == corner)
        impact = _("veel impact") if corner[0] else _("weinig impact")
        effort = _("veel inspanning") if corner[1] else _("weinig inspanning")
        parts.append(f"{text(labels[key])}: {impact}, {effort}")
    return " · ".join(parts)


def section(activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
    state = activity.get("state") or {}
    # A default label in the session language; one the facilitator typed as is.
    labels = {key: _(label) for key, label in matrix.clean_labels(state.get("labels")).items()}
    items = items_of(activity, notes)
    flow = kit.heading(activity)
    if not items:
        return [*flow, Paragraph(_("Geen post-its."), kit.small)]
    # The Word report has no drawings: it says where the figure is, and the legend gives each item's quadrant.
    words = _(
        "De figuur van de matrix staat in het PDF-verslag; de legenda hieronder geeft elke post-it met zijn kwadrant."
    )
    flow.append(word_text(figure(items, labels, matrix.clean_placement(state.get("placement"))), words))
    flow.append(
        Paragraph(
            _(
                "Elk nummer staat op het gemiddelde van de scores (1–5; vanaf 3 is hoog); de lijnen tonen de spreiding "
                "van laagste tot hoogste score. Een post-it die de begeleider verplaatste, staat op die plek."
            ),
            kit.small,
        )
    )
    flow.append(Paragraph(reading(labels, matrix.clean_placement(state.get("placement"))), kit.small))
    flow.append(Spacer(1, 4))
    flow += kit.subheading(_("Legenda"))
    legend = [
        [
            Paragraph(f"<b>{_('Nr.')}</b>", kit.small),
            Paragraph(f"<b>{_('Post-it')}</b>", kit.small),
            Paragraph(f"<b>{_('Kwadrant')}</b>", kit.small),
        ]
    ]
    for item in items:
        where = labels[item["quadrant"]] if item["quadrant"] else _("Nog niet gescoord")
        legend.append(
            [
                Paragraph(str(item["number"]), kit.small),
                Paragraph(text(item["text"]), kit.small),
                Paragraph(text(where), kit.small),
            ]
        )
    flow.append(grid_table(legend, [12 * mm, 118 * mm, 40 * mm]))
    head = [_("Nr."), _("Post-it"), _("Gem. impact"), _("Gem. inspanning"), "n"]
    for key in matrix.QUADRANTS:
        members = [i for i in items if i["quadrant"] == key]
        flow += kit.subheading(f"{labels[key]} ({len(members)})")
        if not members:
            flow.append(Paragraph(_("Geen post-its in dit kwadrant."), kit.small))
            continue
        rows: list[list[Any]] = [[Paragraph(f"<b>{h}</b>", kit.small) for h in head]]
        for item in members:
            note = _(" (verplaatst)") if item["override"] else ""
            rows.append(
                [
                    Paragraph(str(item["number"]), kit.small),
                    Paragraph(text(item["text"]) + note, kit.small),
                    Paragraph(_fmt(item["impact"]["mean"]), kit.small),
                    Paragraph(_fmt(item["effort"]["mean"]), kit.small),
                    Paragraph(str(item["n"]), kit.small),
                ]
            )
        flow.append(grid_table(rows, [12 * mm, 98 * mm, 22 * mm, 26 * mm, 12 * mm]))
    unplaced = [i for i in items if not i["quadrant"]]
    if unplaced:
        flow += kit.subheading(_("Nog niet gescoord (%(n)s)", n=len(unplaced)))
        flow.append(Paragraph(", ".join(f"{i['number']}. {text(i['text'])}" for i in unplaced), kit.small))
    return flow
