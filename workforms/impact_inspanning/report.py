"""The impact-inspanning section of the PDF: the matrix as a vector figure,
a numbered legend, and per quadrant a table of items with their mean scores."""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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


Box = tuple[float, float, float, float]  # x0, y0, x1, y1
RADIUS = 3.2 * mm  # a number's disc
GAP = 0.6 * mm  # between two discs, and between a disc and a title


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(x: float, y: float, r: float = RADIUS) -> Box:
    return (x - r - GAP / 2, y - r - GAP / 2, x + r + GAP / 2, y + r + GAP / 2)


def place_labels(points: list[tuple[float, float]], area: Box, taken: list[Box]) -> list[tuple[float, float]]:
    """Where each numbered disc goes: on its own point when that is free, else the nearest
    free place on rings around it (8, 12, 16… places a ring, each ring a disc further out),
    inside ``area`` and clear of every disc placed before it and of ``taken`` (the
    quadrants' titles). A simple collision check, in the order given; deterministic."""
    placed: list[Box] = []
    out = []
    for x, y in points:
        spot = None
        for ring in range(0, 12):
            steps = 1 if ring == 0 else 8 + 4 * (ring - 1)
            # A little further than touching, so the leader line to a moved disc shows.
            distance = ring * (2 * RADIUS + GAP) + (1.5 * mm if ring else 0)
            # Start straight up-right, where the reader looks first, then go round.
            for step in range(steps):
                angle = math.pi / 4 + 2 * math.pi * step / steps
                cx, cy = x + distance * math.cos(angle), y + distance * math.sin(angle)
                box = _box(cx, cy)
                inside = area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]
                if inside and not any(overlaps(box, other) for other in (*placed, *taken)):
                    spot = (cx, cy)
                    break
            if spot:
                break
        if spot is None:  # no room anywhere near: on its point (cannot happen with a legend's worth of items)
            spot = (x, y)
        placed.append(_box(*spot))
        out.append(spot)
    return out


def figure(
    items: list[dict[str, Any]], labels: dict[str, str], placement: dict[str, tuple[bool, bool]] = matrix.POSITION
) -> Drawing:
    """The 2×2 matrix: Impact up, Inspanning to the right, a numbered disc at each item's place.
    Items on (almost) the same place do not cover each other: a disc that has no room on its
    point moves to the nearest free place (:func:`place_labels`) and a leader line runs from
    a small dot on the point to it. The boxes of the discs and the titles are kept on the
    drawing (``label_boxes``) for the tests."""
    drawing = Drawing(WIDTH, HEIGHT)
    left, bottom = PAD_LEFT, PAD_BOTTOM
    width, height = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP

    def px(x: float) -> float:
        return left + (x - matrix.LOW) / (matrix.HIGH - matrix.LOW) * width

    def py(y: float) -> float:
        return bottom + (y - matrix.LOW) / (matrix.HIGH - matrix.LOW) * height

    mid_x, mid_y = px(matrix.MIDPOINT), py(matrix.MIDPOINT)
    titles: list[Box] = []
    for key, (high_impact, high_effort) in placement.items():
        x0, x1 = (mid_x, left + width) if high_effort else (left, mid_x)
        y0, y1 = (mid_y, bottom + height) if high_impact else (bottom, mid_y)
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=colors.HexColor(FILLS[key]), strokeColor=colors.black))
        drawing.add(String(x0 + 3 * mm, y1 - 6 * mm, labels[key], fontName=FONT_BOLD, fontSize=11))
        title_width = stringWidth(labels[key], FONT_BOLD, 11)
        titles.append((x0 + 3 * mm - GAP, y1 - 6 * mm - 1 * mm, x0 + 3 * mm + title_width + GAP, y1 - 6 * mm + 8.5))
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
    shown = [item for item in items if item["place"]]
    points = [(px(item["place"]["x"]), py(item["place"]["y"])) for item in shown]
    spread = colors.HexColor("#9A958A")
    for item, (cx, cy) in zip(shown, points, strict=True):
        if not item["override"]:
            # The spread of the ratings: min to max on each axis, thin and pale under the discs.
            if item["effort"]["n"]:
                drawing.add(
                    Line(px(item["effort"]["min"]), cy, px(item["effort"]["max"]), cy, strokeColor=spread,
                         strokeWidth=0.5)
                )  # fmt: skip
            if item["impact"]["n"]:
                drawing.add(
                    Line(cx, py(item["impact"]["min"]), cx, py(item["impact"]["max"]), strokeColor=spread,
                         strokeWidth=0.5)
                )  # fmt: skip
    area = (left, bottom, left + width, bottom + height)
    spots = place_labels(points, area, titles)
    ink = colors.HexColor("#1B1B1B")
    for (cx, cy), (lx, ly) in zip(points, spots, strict=True):
        if (lx, ly) != (cx, cy):
            drawing.add(Line(cx, cy, lx, ly, strokeColor=ink, strokeWidth=0.8))
            drawing.add(Circle(cx, cy, 0.9 * mm, fillColor=ink, strokeColor=None))
    for item, (lx, ly) in zip(shown, spots, strict=True):
        drawing.add(Circle(lx, ly, RADIUS, fillColor=ink, strokeColor=colors.white))
        drawing.add(
            String(
                lx,
                ly - 1.3 * mm,
                str(item["number"]),
                fontName=FONT_BOLD,
                fontSize=8,
                fillColor=colors.white,
                textAnchor="middle",
            )
        )
    drawing.__dict__["label_boxes"] = {"titles": titles, "discs": [_box(x, y, RADIUS) for x, y in spots]}
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
    # Placed together (the handbook's way) or scored first (the app's extra): the notes say which.
    scored = any(item["n"] for item in items)
    how = (
        _(
            "Elk nummer staat op het gemiddelde van de scores (1–5; vanaf 3 is hoog); de lijnen tonen de spreiding "
            "van laagste tot hoogste score. Een post-it die de begeleider verplaatste, staat op die plek."
        )
        if scored
        else _("Het team plaatste de post-its samen in de matrix; elk nummer staat op de plek die het team koos.")
    )
    flow.append(Paragraph(how, kit.small))
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
        where = labels[item["quadrant"]] if item["quadrant"] else _("Nog niet geplaatst")
        legend.append(
            [
                Paragraph(str(item["number"]), kit.small),
                Paragraph(text(item["text"]), kit.small),
                Paragraph(text(where), kit.small),
            ]
        )
    flow.append(grid_table(legend, [12 * mm, 118 * mm, 40 * mm]))
    # Without scores there are no means to print: the quadrant lists name the post-its only.
    head = [_("Nr."), _("Post-it"), _("Gem. impact"), _("Gem. inspanning"), "n"] if scored else [_("Nr."), _("Post-it")]
    widths = [12 * mm, 98 * mm, 22 * mm, 26 * mm, 12 * mm] if scored else [12 * mm, 158 * mm]
    for key in matrix.QUADRANTS:
        members = [i for i in items if i["quadrant"] == key]
        if not members:
            continue  # an empty quadrant is left out (the legend names every item's quadrant)
        flow += kit.subheading(f"{labels[key]} ({len(members)})")
        rows: list[list[Any]] = [[Paragraph(f"<b>{h}</b>", kit.small) for h in head]]
        for item in members:
            note = _(" (verplaatst)") if item["override"] and scored else ""
            row = [Paragraph(str(item["number"]), kit.small), Paragraph(text(item["text"]) + note, kit.small)]
            if scored:
                row += [
                    Paragraph(_fmt(item["impact"]["mean"]), kit.small),
                    Paragraph(_fmt(item["effort"]["mean"]), kit.small),
                    Paragraph(str(item["n"]), kit.small),
                ]
            rows.append(row)
        flow.append(grid_table(rows, widths))
    unplaced = [i for i in items if not i["quadrant"]]
    if unplaced:
        flow += kit.subheading(_("Nog niet geplaatst (%(n)s)", n=len(unplaced)))
        flow.append(Paragraph(", ".join(f"{i['number']}. {text(i['text'])}" for i in unplaced), kit.small))
    return flow
