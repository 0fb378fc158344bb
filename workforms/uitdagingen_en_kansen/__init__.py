"""Werkvorm `uitdagingen-en-kansen`: challenges (pink) and opportunities (blue).

The handbook's rhythm (appendix "Werkvorm uitdagingen en kansen"): everyone
writes problems and chances on pink and blue post-its and keeps them to
themselves (5 min), then they are stuck on the flip-over together and notes
that mean the same are grouped (5 min), optionally prioritised with dots, then
discussed (20 min).

The board and the report show two areas. A group may hold pink and blue notes
(the core groups within an activity, whatever the category), yet it is drawn
in exactly one area: the category most of its notes have; on a tie, the
challenges (the first category). Its notes keep their own colour and label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.trajectory_report import top_items
from app.workform import SCHRIJVEN, STEMMEN, Category, Phase, SetupContext, Workform

UITDAGING, KANS = "uitdaging", "kans"
# What a later meeting of the trajectory starts from: the groups and the voted notes (the
# board holds about a dozen items next to the new round's notes).
CARRIED_ITEMS = 12


def area_of_group(members: list[dict[str, Any]]) -> str:
    """The area a group is drawn in: the majority category of its notes, challenges on a tie."""
    counts = Counter(n.get("category") for n in members)
    return KANS if counts[KANS] > counts[UITDAGING] else UITDAGING


def split_areas(notes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Notes per area: loose notes by their own category, grouped notes by their group's area."""
    by_group: dict[int, list[dict[str, Any]]] = {}
    for note in notes:
        if note.get("group_id") is not None:
            by_group.setdefault(note["group_id"], []).append(note)
    group_area = {gid: area_of_group(members) for gid, members in by_group.items()}
    areas: dict[str, list[dict[str, Any]]] = {UITDAGING: [], KANS: []}
    for note in notes:
        if note.get("group_id") is not None:
            areas[group_area[note["group_id"]]].append(note)
        else:
            areas[KANS if note.get("category") == KANS else UITDAGING].append(note)
    return areas


class UitdagingenEnKansen(Workform):
    slug = "uitdagingen-en-kansen"
    title = {"nl": "Uitdagingen en kansen", "en": "Challenges and opportunities"}
    description = _l(
        "Welke problemen ervaren jullie en welke kansen zie je? Roze en blauwe post-its, groeperen en bespreken."
    )
    default_prompt = _l("Welke problemen ervaren jullie en jullie patiënten? En welke kansen zie je?")
    phases = (
        replace(
            SCHRIJVEN,
            # H:L2033-2041 (Individuele opdracht)
            instruction=_l(
                "Neem voor jezelf de tijd om na te denken over de door jullie genoemde uitdagingen voor "
                "toekomstbestendige huisartsenzorg. Welke problemen ervaren jullie en jullie patiënten hier nog meer "
                "bij? En welke kansen zie je? Schrijf deze ervaren problemen en kansen op roze en blauwe post-its en "
                "houd deze post-its even bij je (5 min)."
            ),
        ),
        Phase(
            "plakken",
            _l("Plakken en groeperen"),
            minutes=5,
            # H:L2045-2047 (Groepsopdracht)
            instruction=_l(
                "Gezamenlijk plakken we deze post-its op de bijbehorende flip-over. Post-its waar hetzelfde mee "
                "wordt bedoeld, kunnen gegroepeerd worden (5 min)."
            ),
        ),
        # app's own text: the handbook prioritises by discussing, the dots are an option.
        replace(
            STEMMEN,
            instruction=_l(
                "Geef met stippen aan welke problemen en kansen het zwaarst wegen; die bespreken jullie eerst."
            ),
        ),
        Phase(
            "bespreken",
            _l("Bespreken"),
            minutes=20,
            posting=False,
            # H:L2049
            instruction=_l("Bespreken van de problemen en kansen (20 min)."),
        ),
    )
    categories = (Category(UITDAGING, _l("Uitdaging"), "roze"), Category(KANS, _l("Kans"), "blauw"))
    max_notes_per_participant = 20

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        flow = kit.heading(activity)
        if not notes:
            return flow + kit.empty()
        areas = split_areas(notes)
        for slug, heading in ((UITDAGING, _("Uitdagingen (roze)")), (KANS, _("Kansen (blauw)"))):
            if areas[slug]:  # an empty colour is left out
                flow += kit.subheading(heading)
                flow += kit.grouped(activity, areas[slug], self)
        return flow

    def carry_out(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The named challenges and opportunities, for a later meeting to deepen (H:L2033-2037:
        # "…na te denken over de door jullie genoemde uitdagingen"): every group, under its
        # name or its top note, and the loose notes that got dots; most dots first.
        totals: dict[str, int] = activity.get("vote_totals") or {}
        groups = {g["id"]: g for g in activity.get("groups") or []}
        members: dict[int, list[dict[str, Any]]] = {}
        for note in notes:
            if note.get("group_id") is not None:
                members.setdefault(note["group_id"], []).append(note)
        items = []
        for group_id, group_notes in members.items():
            group = groups.get(group_id) or {}
            top = next((n for n in group_notes if n["id"] == group.get("top_note_id")), group_notes[0])
            items.append(
                {
                    "text": group.get("name") or top["text"],
                    "category": area_of_group(group_notes),
                    "votes": totals.get(f"g:{group_id}", 0),
                    "count": len(group_notes),
                }
            )
        for note in notes:
            votes = totals.get(f"n:{note['id']}", 0)
            if note.get("group_id") is None and votes:
                items.append({"text": note["text"], "category": note.get("category") or UITDAGING, "votes": votes})
        items.sort(key=lambda i: -i["votes"])
        return items[:CARRIED_ITEMS]

    def carry_in(self, activity: dict[str, Any], carried: dict[str, Any], ctx: SetupContext) -> None:
        # A later meeting deepens the challenges named before instead of asking again: its
        # first round of this format starts with them on the board, to stick new notes onto.
        handed = self.handed_on(carried)
        if not handed or not self.first_of_its_kind(activity, ctx):
            return
        origin = handed["from"]["title"]
        for number, item in enumerate(handed["items"]):
            category = item["category"] if item.get("category") in (UITDAGING, KANS) else UITDAGING
            data = {"carried": {"from": origin, "votes": item.get("votes", 0), "count": item.get("count", 1)}}
            ctx.add_note(item["text"], category=category, data=data, client_id=f"carried-{self.slug}-{number}")

    def casestudy_facts(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, list[str]]:
        # The top challenges and opportunities are why the practice wanted to change.
        areas = split_areas(notes)
        lines = [_("Uitdaging: %(text)s", text=i["text"]) for i in top_items(activity, areas[UITDAGING])]
        lines += [_("Kans: %(text)s", text=i["text"]) for i in top_items(activity, areas[KANS])]
        return {"aanleiding": lines} if lines else {}


workform = UitdagingenEnKansen
