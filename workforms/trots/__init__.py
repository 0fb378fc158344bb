"""Werkvorm `trots`: what the team is proud of (handbook appendix, WORKFORMS.md §2).

Everyone writes situations they are proud of on yellow post-its; the
facilitator makes a round (spotlight) and marks what to keep (`behouden`):
"Dit zijn de dingen die je graag wilt behouden binnen de praktijk, ook als er
dingen gaan veranderen."
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import PLAKKEN, SCHRIJVEN, STEMMEN, Category, NoteAction, Phase, SetupContext, Workform


class Trots(Workform):
    slug = "trots"
    title = {"nl": "Trots", "en": "Pride"}
    description = _l("Waar zijn jullie trots op? Iedereen schrijft een situatie op een post-it; daarna een rondje.")
    default_prompt = _l("Waar zijn jullie trots op? Deel met elkaar een situatie waar je trots op bent.")
    # The handbook's rhythm by default (H:L2011-2021, 15 minutes in the vision meeting):
    # everyone writes one situation, then the facilitator makes a named round. The handbook
    # does not hide the post-its until the round, so the default writing step sticks each
    # situation on the board as it is written (as the public contract's smoke check expects of
    # a fresh `trots`). The app's additions are options: writing hidden until the round,
    # dot voting, anonymity (the activity's setting), more notes per person (the facilitator's).
    initial_phase = "plakken"
    phases = (
        # app's own step: writing on one's own, hidden from the board until the next step.
        replace(
            SCHRIJVEN,
            optional=True,
            # H:L2011 and H:L2013
            instruction=_l(
                "Deel met elkaar een situatie waar je trots op bent\n"
                "Iedereen schrijft een situatie op zijn/haar geeltje"
            ),
        ),
        replace(
            PLAKKEN,
            # H:L2011 and H:L2013
            instruction=_l(
                "Deel met elkaar een situatie waar je trots op bent\n"
                "Iedereen schrijft een situatie op zijn/haar geeltje"
            ),
        ),
        # app's own step and text: the handbook's trots has no voting.
        replace(
            STEMMEN,
            optional=True,
            instruction=_l("Laat iedereen met stippen aangeven welke situaties het meest tellen."),
        ),
        Phase(
            "bespreken",
            _l("Rondje en bespreken"),
            minutes=10,
            posting=False,
            # H:L2015-2017 and H:L2019-2021
            instruction=_l(
                "De begeleider maakt een rondje en vraagt iedereen zijn ervaring te delen\n"
                "Dit zijn de dingen die je graag wilt behouden binnen de praktijk, ook als er dingen gaan veranderen."
            ),
        ),
    )
    # The round names who shares (H:L2015-2017); anonymity stays a switch on the facilitator page.
    anonymous_default = False
    # "een situatie" (H:L2013): one each; the facilitator can allow more per activity.
    max_notes_per_participant = 1
    categories = (Category("trots", _l("Trots"), "geel"),)
    note_actions = (NoteAction("behouden", _l("Behouden"), _l("Behouden ✓")),)

    def carry_out(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # What the practice wants to keep while things change (H:L2019-2021) stays in view
        # in the later meetings of the trajectory.
        return [{"text": n["text"], "category": n.get("category")} for n in notes if n["data"].get("behouden")]

    def carry_in(self, activity: dict[str, Any], carried: dict[str, Any], ctx: SetupContext) -> None:
        handed = self.handed_on(carried)
        if not handed or not self.first_of_its_kind(activity, ctx):
            return
        category = self.categories[0].slug
        for number, item in enumerate(handed["items"]):
            data = {"behouden": True, "carried": {"from": handed["from"]["title"]}}
            ctx.add_note(item["text"], category=category, data=data, client_id=f"carried-{self.slug}-{number}")

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        kept = [n for n in notes if n["data"].get("behouden")]
        rest = [n for n in notes if not n["data"].get("behouden")]
        flow = kit.heading(activity)
        if kept:
            flow += kit.subheading(_("Behouden (%(count)s)", count=len(kept)))
            # With their dots, when the round voted (the app's optional step).
            flow += kit.notes(kept, self, badge=_("Behouden"), totals=activity.get("vote_totals"))
        if rest:
            flow += kit.subheading(_("Overige situaties") if kept else _("Situaties"))
            flow += kit.grouped(activity, rest, self)
        if not notes:
            flow += kit.empty()
        return flow

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # What the practice keeps comes first; then what moved the room most.
        from app.report import top_lines

        kept = [n["text"] for n in notes if n["data"].get("behouden")]
        lines = [_("Behouden: %(items)s", items="; ".join(kept))] if kept else []
        return lines + top_lines(activity, [n for n in notes if not n["data"].get("behouden")], 3 - len(lines))


workform = Trots
