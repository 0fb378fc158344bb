"""The `kennismaken` section of the PDF: each chosen card as a thumbnail with the
person's name, role and explanation. Default cards use the PNG rendition drawn
next to their SVG (reportlab draws no SVG); uploaded cards are JPEGs already."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from app.i18n import _
from app.report import text
from app.workform import session_files_dir

THUMB_W, THUMB_H = 30 * mm, 22.5 * mm


def _card_file(code: str, card_id: str) -> tuple[Path | None, str]:
    """The picture of a card and its label; (None, "") for a card that no longer exists."""
    from . import CARDS_DIR, default_deck

    for card in default_deck():
        if card["id"] == card_id:
            return CARDS_DIR / card["png"], _(card["label"])
    from . import cards

    folder = session_files_dir(code)
    path = cards.card_path(folder, card_id)
    label = next((c["label"] for c in cards.list_cards(code, folder) if c["id"] == card_id), "")
    return path, label


def _thumb(path: Path | None, kit: Any) -> Flowable:
    if path is None:
        return Paragraph(_("(kaart verwijderd)"), kit.small)
    width, height = ImageReader(str(path)).getSize()
    scale = min(THUMB_W / width, THUMB_H / height)
    return Image(str(path), width=width * scale, height=height * scale)


def card_table(activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Flowable]:
    """Two people a row, each with the thumbnail of their card: a room of 20 fills about a page."""
    people = []
    for note in notes:
        data = note.get("data") or {}
        path, label = _card_file(activity["session_code"], str(data.get("card", "")))
        head = f"<b>{text(note.get('author_name') or _('Deelnemer'))}</b>"
        if data.get("role"):
            head += f" · {text(data['role'])}"
        parts: list[Flowable] = [Paragraph(head, kit.body)]
        if label:
            parts.append(Paragraph(_("Kaart: %(label)s", label=text(label)), kit.small))
        parts.append(Paragraph(text(note["text"]), kit.body))
        people.append([_thumb(path, kit), parts])
    rows = [people[i] + (people[i + 1] if i + 1 < len(people) else ["", ""]) for i in range(0, len(people), 2)]
    table = Table(rows, colWidths=[THUMB_W + 3 * mm, 55 * mm, THUMB_W + 3 * mm, 55 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#cccccc")),
            ]
        )
    )
    return [table]
