"""Werkvorm `doelstellingen`: the practice's ambition and goals (WORKFORMS.md §4).

The handbook: "Beschrijf de doelstellingen op basis van plannen zoals
jaarplannen, visie, werkplannen, etc. Indien deze er niet zijn, ga er dan over
met elkaar in gesprek." The facilitator prefills goals from the plans; phones
propose goals (notes) and support proposals (+1, an entry per participant, so
a repeated tap never counts twice); the facilitator accepts a proposal, which
makes it a session goal (app/goals.py) that the later formats build on.
Renaming, reordering and deleting goals, and the ambition, go through the core
goal events from the facilitator module.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.platypus import Paragraph

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.report import text as escape_text
from app.workform import (
    MAX_GOAL_TITLE,
    MAX_GOALS,
    Category,
    Context,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    participant_event,
)
from app.workform_support import SUPPORT, MySupport, support_key, supported_note_ids, wanted

MAX_PREFILL = MAX_GOALS


def support_counts(view: ViewContext) -> dict[str, int]:
    """+1s per proposal: counts only, never who gave them."""
    counts: Counter[str] = Counter()
    for entry in view.entries():
        if entry["key"].startswith(SUPPORT) and entry["value"] is True:
            counts[entry["key"][len(SUPPORT) :]] += 1
    return dict(counts)


class Doelstellingen(MySupport, Workform):
    slug = "doelstellingen"
    title = {"nl": "Doelstellingen", "en": "Goals"}
    description = _l(
        "Welke ambities heeft de praktijk? Stel doelstellingen voor, steun elkaars voorstellen, kies samen."
    )
    default_prompt = _l("Welke ambities heeft de praktijk voor toekomstbestendige huisartsenzorg?")
    phases = (
        Phase(
            "plakken",
            _l("Doelen voorstellen en steunen"),
            minutes=10,
            # H:L2078-2080 and H:L2082
            instruction=_l(
                "Beschrijf de doelstellingen op basis van plannen zoals jaarplannen, visie, werkplannen, etc.\n"
                "Indien deze er niet zijn, ga er dan over met elkaar in gesprek."
            ),
        ),
        Phase(
            "bespreken",
            _l("Bespreken en vaststellen"),
            minutes=15,
            posting=False,
            # H:L2084-2086
            instruction=_l(
                "Bespreek met het team of dit de doelstellingen zijn of dat er aanvullingen zijn? (15-45 min)"
            ),
        ),
    )
    categories = (Category("voorstel", _l("Voorstel doelstelling"), "blauw"),)
    max_notes_per_participant = 10

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        return {"support": support_counts(view)}

    def note_added(self, note: dict[str, Any], ctx: Context) -> None:
        # Phones only receive their own notes; a new proposal to support reaches them this way
        # (they pull the list with notes:list when the activity is announced).
        ctx.announce()

    # --- participants ---------------------------------------------------------

    @participant_event("steun")
    def support(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """+1 on a proposal (``on``: true) or take it back (false)."""
        if ctx.participant_id is None:
            ctx.refuse(_("Alleen deelnemers kunnen een voorstel steunen."))
        note = ctx.note(payload.get("note_id"))
        on = wanted(ctx, payload)
        if note["hidden"]:
            ctx.refuse(_("Dit voorstel staat niet op het bord."))
        if ctx.activity["locked"]:
            ctx.refuse(_("De begeleider heeft dit onderdeel op slot gezet."))
        if on:
            ctx.put_entry(support_key(note["id"]), True)
        else:
            ctx.remove_entry(support_key(note["id"]))
        ctx.announce()
        return {"ok": True, "mine": supported_note_ids(ctx)}

    # --- facilitator ----------------------------------------------------------

    @facilitator_event("accepteer")
    def accept(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Make a proposal (and every proposal stacked with it) a session goal."""
        note = ctx.note(payload.get("note_id"))
        if note["data"].get("goal_id") in {g["id"] for g in ctx.goals()}:
            ctx.refuse(_("Dit voorstel is al een doelstelling."))
        title = payload.get("title", note["text"])
        goal = ctx.add_goal(title, {"source_note_id": note["id"]})
        together = [n for n in ctx.notes() if note["group_id"] is not None and n["group_id"] == note["group_id"]]
        for member in together or [note]:
            ctx.update_note_data(member, {**member["data"], "goal_id": goal["id"]})
        return {"ok": True, "goal": goal}

    @facilitator_event("vooraf")
    def prefill(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Add several goals at once, one per line (e.g. from the jaarplan)."""
        lines = payload.get("lines")
        if isinstance(lines, str):
            lines = lines.splitlines()
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            ctx.refuse(_("Geef de doelstellingen als tekst, één per regel."))
        titles = [" ".join(x.split()) for x in lines if x.strip()]
        if not titles:
            ctx.refuse(_("Geef minstens één doelstelling, één per regel."))
        if len(ctx.goals()) + len(titles) > MAX_PREFILL:
            ctx.refuse(_("Maximaal %(max)s doelstellingen per bijeenkomst.", max=MAX_PREFILL))
        for title in titles:
            if len(title) > MAX_GOAL_TITLE:
                ctx.refuse(_("Een doelstelling is maximaal %(max)s tekens.", max=MAX_GOAL_TITLE))
        goals = [ctx.add_goal(title, {"prefilled": True}) for title in titles]
        return {"ok": True, "goals": goals}

    # --- report ---------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        shared = activity.get("shared") or {}
        goals = shared.get("goals", [])
        flow = kit.heading(activity)
        flow += kit.subheading(_("Ambitie"))
        flow += kit.paragraphs(shared.get("ambition") or _("Nog geen ambitie vastgesteld."))
        flow += kit.subheading(_("Doelstellingen (%(n)s)", n=len(goals)))
        flow += kit.paragraphs("\n\n".join(f"{i}. {g['title']}" for i, g in enumerate(goals, start=1)) or _("Geen."))
        accepted = {g["id"] for g in goals}
        rest = [n for n in notes if n["data"].get("goal_id") not in accepted]
        if rest:
            # The proposals not chosen, as a list: one line per wish (a stack of the same wish
            # once, with how many wrote it), not a page of post-its saying the same thing twice.
            flow += kit.subheading(_("Andere voorstellen"))
            names = {g["id"]: g["name"] for g in activity.get("groups") or []}
            wishes: dict[Any, list[dict[str, Any]]] = {}
            for note in rest:
                wishes.setdefault(note.get("group_id") or f"n{note['id']}", []).append(note)
            for key, members in wishes.items():
                title = names.get(key) or members[0]["text"]
                count = f" ({len(members)}×)" if len(members) > 1 else ""
                flow.append(Paragraph(f"• {escape_text(title)}{count}", kit.body))
        return flow

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        shared = activity.get("shared") or {}
        lines = [_("Ambitie: %(text)s", text=shared["ambition"])] if shared.get("ambition") else []
        lines += [f"{number}. {goal['title']}" for number, goal in enumerate(shared.get("goals", []), start=1)]
        return lines


workform = Doelstellingen
