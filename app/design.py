"""Design tokens shared by the PDF (the CSS in static/css/base.css mirrors them)."""

from __future__ import annotations

NOTE_COLOURS: dict[str, dict[str, str]] = {
    "geel": {"fill": "#FFE66D", "outline": "#8A6D00", "text": "#1B1B1B"},
    "roze": {"fill": "#FFB3C6", "outline": "#9E1F4A", "text": "#1B1B1B"},
    "blauw": {"fill": "#A9D6FF", "outline": "#0B4F8A", "text": "#1B1B1B"},
    "groen": {"fill": "#B5E8A3", "outline": "#2F6B1F", "text": "#1B1B1B"},
}
PAPER = "#F6F3EC"
INK = "#1B1B1B"

DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(iso: str) -> str:
    """'2026-11-27T…' → '27 november 2026' (no locale database needed)."""
    year, month, day = iso[:10].split("-")
    return f"{int(day)} {DUTCH_MONTHS[int(month) - 1]} {year}"
