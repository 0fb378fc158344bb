"""Werkvorm `trots`: what the team is proud of (handbook appendix, WORKFORMS.md §2).

Everyone writes situations they are proud of on yellow post-its; the
facilitator makes a round (spotlight) and marks what to keep (`behouden`):
"Dit zijn de dingen die je graag wilt behouden binnen de praktijk, ook als er
dingen gaan veranderen."
"""

from __future__ import annotations

from typing import Any

from app.workform import SCHRIJVEN, STEMMEN, Category, NoteAction, Phase, Workform


class Trots(Workform):
    slug = "trots"
    title = {"nl": "Trots", "en": "Pride"}
    description = "Waar zijn jullie trots op? Iedereen schrijft een situatie op een geeltje; daarna een rondje."
    default_prompt = "Waar zijn jullie trots op? Deel met elkaar een situatie waar je trots op bent."
    # The handbook gives trots 15 minutes in the vision meeting: write, then the round.
    # It starts open (notes appear live); a facilitator may begin with private
    # writing instead and use the full rhythm, voting included.
    phases = (
        SCHRIJVEN,
        Phase("plakken", "Post-its plakken", minutes=5),
        STEMMEN,
        Phase("bespreken", "Rondje en bespreken", minutes=10, posting=False),
    )
    initial_phase = "plakken"
    categories = (Category("trots", "Trots", "geel"),)
    note_actions = (NoteAction("behouden", "Behouden", "Behouden ✓"),)
    max_notes_per_participant = 20

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        kept = [n for n in notes if n["data"].get("behouden")]
        rest = [n for n in notes if not n["data"].get("behouden")]
        flow = kit.heading(activity)
        if kept:
            flow += kit.subheading(f"Behouden ({len(kept)})")
            flow += kit.notes(kept, self, badge="Behouden")
        if rest:
            flow += kit.subheading("Overige situaties" if kept else "Situaties")
            flow += kit.grouped(activity, rest, self)
        if not notes:
            flow += kit.empty()
        return flow


workform = Trots
