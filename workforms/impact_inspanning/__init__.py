"""Work format `impact-inspanning`: classify solution directions by impact and effort.

Items are notes of this activity (posted by phones, added by the facilitator, or
pulled from notes of earlier activities). Each participant rates every item on
impact and effort (1-5) as an entry ``r:<note_id>``; the board plots each item at
the means, or where the facilitator dragged it (an override in the state; the
means are kept). Only aggregates leave the server (``extra_view``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.i18n import _, ngettext
from app.i18n import lazy_gettext as _l
from app.workform import (
    BESPREKEN,
    Context,
    NoteCommand,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    participant_event,
)

from . import matrix

VERZAMELEN = Phase(
    "verzamelen",
    _l("Post-its verzamelen"),
    minutes=5,
    posting=True,
    # app's own text (the meeting's item is "Toetsen oplossingsrichting op basis van interviews", H:L2281).
    instruction=_l(
        "Verzamel de oplossingsrichtingen en acties die jullie willen wegen, bijvoorbeeld uit de interviews of "
        "uit eerdere onderdelen. Iedereen kan er op de telefoon een toevoegen."
    ),
)
# The app's extra (issue 19): on paper the team places the post-its together, which is the
# default here too (DISCUSS); individual scores are an option the facilitator chooses.
SCOREN = Phase(
    "scoren",
    _l("Scoren"),
    minutes=5,
    posting=False,
    optional=True,
    # H:L2321-2322; then app's own text.
    instruction=_l(
        "Classificeren van oplossingsrichtingen en acties helpt bij kiezen\n"
        "Iedereen geeft op de telefoon per post-it aan hoeveel impact het heeft en hoeveel inspanning het kost."
    ),
)
DISCUSS = replace(
    BESPREKEN,
    # H:L2321-2322; then app's own text.
    instruction=_l(
        "Classificeren van oplossingsrichtingen en acties helpt bij kiezen\n"
        "Plaats samen elke post-it in de matrix: de begeleider sleept het nummer naar de plek waarover het team het "
        "eens is. Kies daarna welke oplossingsrichtingen en acties jullie oppakken."
    ),
)
MAX_LABEL = 40
MAX_PULL = 60
# While the scoring round runs, an item's means and spread stay with the server until at
# least this many people scored it on that axis; before that board, phones and facilitator
# see only how many did. With live means of one or two raters, anyone watching the board
# (the join code opens it) reads each new score off two consecutive updates, and with it
# the score of whoever was seen tapping. When the round ends (another phase, or the
# activity locked) every aggregate is shown, whatever its count.
MIN_RATERS = 3


def _key(note_id: int) -> str:
    return f"r:{note_id}"


class ImpactInspanning(Workform):
    slug = "impact-inspanning"
    title = {"nl": "Impact en inspanning", "en": "Impact and effort"}
    description = _l(
        "Oplossingsrichtingen in een matrix van impact en inspanning: samen plaatsen, of eerst iedereen laten scoren."
    )
    default_prompt = _l("Welke oplossingsrichtingen hebben veel impact en kosten weinig inspanning?")
    phases = (VERZAMELEN, SCOREN, DISCUSS)
    max_notes_per_participant = 10
    # "One click per note": every note of another activity gets this button on the facilitator page.
    note_commands = (NoteCommand("pull", _l("→ Impact/inspanning")),)

    # --- what everyone sees -----------------------------------------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = activity.get("state") or {}
        overrides = state.get("overrides") or {}
        items = [n for n in view.notes() if not n["hidden"]]
        by_item: dict[str, list[dict[str, Any]]] = {}
        raters: set[int] = set()
        for entry in view.entries():
            by_item.setdefault(entry["key"], []).append(entry["value"])
            raters.add(entry["participant_id"])
        scoring = activity["phase"] == SCOREN.slug and not activity["locked"]
        placement = matrix.clean_placement(state.get("placement"))
        out = []
        for number, note in enumerate(items, start=1):
            summary = matrix.summarise(by_item.get(_key(note["id"]), []), overrides.get(str(note["id"])), placement)
            if scoring and min(summary[axis]["n"] for axis in matrix.AXES) < MIN_RATERS:
                summary = matrix.withhold(summary)
            else:
                summary["withheld"] = False
            out.append({"id": note["id"], "number": number, "text": note["text"], **summary})
        # Aggregates only: who rated what never leaves the server.
        carried = view.carried()
        return {
            "items": out,
            "labels": matrix.clean_labels(state.get("labels")),
            # Where each quadrant sits: {key: [impact high?, effort high?]}.
            "placement": {key: list(where) for key, where in placement.items()},
            "raters": len(raters),
            "min_raters": MIN_RATERS,
            # How many open actions this meeting took over from its trajectory (for "pull-carried").
            "carried_actions": len(carried.get("actions", [])),
        }

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        # A phone lists the items to rate (static/phone.js): the room's means and counts
        # are for the board, and leaving them out means another person's rating sends
        # this phone nothing.
        return {"items": [{"id": i["id"], "number": i["number"], "text": i["text"]} for i in extra["items"]]}

    # --- items --------------------------------------------------------------------

    @facilitator_event("add")
    def add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The facilitator types an item on the facilitator page."""
        note = ctx.add_note(payload.get("text"), client_id=payload.get("client_id"))
        ctx.announce()
        return {"ok": True, "note": note}

    def _pull_one(self, ctx: Context, source: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        # One copy per source note and activity, however often it is pulled.
        client_id = f"pull-{ctx.activity['id']}-{source['id']}"
        existing = ctx.note_by_client_id(client_id)
        if existing is not None and (
            existing["activity_id"] != ctx.activity["id"] or existing["data"].get("from") != source["id"]
        ):
            # Someone posted a note under this very client id: never pass it off as the copy.
            ctx.refuse(_("Deze post-it kan niet worden overgenomen (de verzendcode is al gebruikt)."))
        note = ctx.add_note(source["text"], data={"from": source["id"]}, client_id=client_id)
        return note, existing is None

    @facilitator_event("pull")
    def pull(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        source = ctx.session_note(payload.get("note_id"))
        if source["activity_id"] == ctx.activity["id"]:
            ctx.refuse(_("Deze post-it staat al in deze matrix."))
        if source["hidden"]:
            ctx.refuse(_("Deze post-it is verborgen en wordt niet overgenomen."))
        note, _created = self._pull_one(ctx, source)
        ctx.announce()
        return {"ok": True, "note": note}

    @facilitator_event("pull-all")
    def pull_all(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        source_activity = ctx.session_activity(payload.get("source_activity_id"))
        if source_activity is None:
            ctx.refuse(_("Dit agendapunt bestaat niet in deze bijeenkomst."))
        if source_activity["id"] == ctx.activity["id"]:
            ctx.refuse(_("Kies een ander agendapunt om post-its uit over te nemen."))
        sources = [n for n in ctx.notes(source_activity["id"]) if not n["hidden"]]
        if not sources:
            ctx.refuse(_("Dat agendapunt heeft geen post-its om over te nemen."))
        if len(sources) > MAX_PULL:
            ctx.refuse(_("Dat zijn meer dan %(max)s post-its: neem ze één voor één over.", max=MAX_PULL))
        added = sum(1 for source in sources if self._pull_one(ctx, source)[1])
        ctx.announce()
        return {"ok": True, "added": added}

    @facilitator_event("pull-carried")
    def pull_carried(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Make items of the open actions this meeting took over from its trajectory (each once)."""
        actions = ctx.carried().get("actions", [])
        if not actions:
            ctx.refuse(_("Deze bijeenkomst heeft geen open acties uit eerdere bijeenkomsten."))
        added = 0
        for action in actions[:MAX_PULL]:
            client_id = f"carried-{ctx.activity['id']}-{action['thread']}"[:64]
            if ctx.note_by_client_id(client_id) is None:
                ctx.add_note(action["what"], data={"action": action["thread"]}, client_id=client_id)
                added += 1
        ctx.announce()
        return {"ok": True, "added": added}

    # --- ratings --------------------------------------------------------------------

    def _mine(self, ctx: Context) -> dict[str, Any]:
        return {e["key"][2:]: e["value"] for e in ctx.entries(mine=True) if e["key"].startswith("r:")}

    @participant_event("rate")
    def rate(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Set one or both scores of one item; ``null`` clears that score (skip)."""
        if ctx.is_facilitator:
            ctx.refuse(_("Alleen deelnemers scoren; sleep een post-it om de plek te bepalen."))
        note = ctx.note(payload.get("note_id"))
        if note["hidden"]:
            ctx.refuse(_("Deze post-it staat niet meer op het bord."))
        if ctx.activity["phase"] != SCOREN.slug or ctx.activity["locked"]:
            ctx.refuse(_("Scoren kan alleen als de begeleider de scoronde heeft geopend."))
        axes = [axis for axis in matrix.AXES if axis in payload]
        if not axes:
            ctx.refuse(_("Geef een score voor impact of inspanning."))
        for axis in axes:
            value = payload[axis]
            if value is not None and not matrix.valid_score(value):
                ctx.refuse(_("Een score is een heel getal van 1 tot 5."))
        key = _key(note["id"])

        def change(state: dict[str, Any]) -> dict[str, Any]:
            current = self._mine(ctx).get(str(note["id"])) or {"impact": None, "effort": None}
            updated = {**current, **{axis: payload[axis] for axis in axes}}
            if updated["impact"] is None and updated["effort"] is None:
                ctx.remove_entry(key)
            else:
                ctx.put_entry(key, updated)
            # The report has no database access: keep an anonymous copy of the scores in the state
            # (storing it also sends everyone the new aggregates).
            return {**state, "scores": self._scores(ctx)}

        ctx.update_state(change)
        return {"ok": True, "ratings": self._mine(ctx)}

    def _scores(self, ctx: Context) -> dict[str, list[dict[str, Any]]]:
        scores: dict[str, list[dict[str, Any]]] = {}
        for entry in ctx.entries():
            if entry["key"].startswith("r:"):
                scores.setdefault(entry["key"][2:], []).append(entry["value"])
        return scores

    @participant_event("mine")
    def mine(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """A phone's own ratings (never anyone else's)."""
        return {"ok": True, "ratings": self._mine(ctx) if not ctx.is_facilitator else {}}

    # --- the facilitator settles places and labels -------------------------------------

    @facilitator_event("override")
    def override(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        note = ctx.note(payload.get("note_id"))
        x, y = payload.get("x"), payload.get("y")
        if not (matrix.valid_position(x) and matrix.valid_position(y)):
            ctx.refuse(_("Een plek in de matrix ligt tussen 1 en 5 op beide assen."))
        place = {"x": round(float(x), 2), "y": round(float(y), 2)}
        ctx.update_state(
            lambda state: {**state, "overrides": {**(state.get("overrides") or {}), str(note["id"]): place}}
        )
        return {"ok": True}

    @facilitator_event("clear-override")
    def clear_override(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        note = ctx.note(payload.get("note_id"))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            overrides = dict(state.get("overrides") or {})
            overrides.pop(str(note["id"]), None)
            return {**state, "overrides": overrides}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("labels")
    def labels(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        given = payload.get("labels")
        if not isinstance(given, dict) or not given:
            ctx.refuse(_("Geef de namen van de kwadranten."))
        clean: dict[str, str] = {}
        for key, value in given.items():
            if key not in matrix.QUADRANTS:
                ctx.refuse(_("Onbekend kwadrant."))
            if not isinstance(value, str) or not value.strip():
                ctx.refuse(_("Een kwadrant heeft een naam nodig."))
            if len(value.strip()) > MAX_LABEL:
                ctx.refuse(_("De naam van een kwadrant is maximaal %(max)s tekens.", max=MAX_LABEL))
            clean[key] = " ".join(value.split())
        ctx.update_state(lambda state: {**state, "labels": {**matrix.clean_labels(state.get("labels")), **clean}})
        return {"ok": True}

    @facilitator_event("placement")
    def placement(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Where the quadrants sit: ``{"placement": "handboek" | "quick-wins-hoog"}``, or a
        mapping of every quadrant to its own corner ``{key: [impact high?, effort high?]}``."""
        given = payload.get("placement")
        if matrix.clean_placement(given) is matrix.POSITION and given != "handboek":
            ctx.refuse(
                _("Onbekende indeling: kies ‘handboek’ of ‘quick-wins-hoog’, of geef elk kwadrant een eigen hoek.")
            )
        ctx.update_state(lambda state: {**state, "placement": given})
        return {"ok": True}

    # --- the report ------------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import section

        return section(activity, notes, kit)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # What to do first: the items in the quadrant of high impact and low effort.
        from .report import items_of

        state = activity.get("state") or {}
        key = matrix.first_quadrant(matrix.clean_placement(state.get("placement")))
        label = _(matrix.clean_labels(state.get("labels"))[key])
        first = [item["text"] for item in items_of(activity, notes) if item["quadrant"] == key]
        lines = [f"{label}: {'; '.join(first)}"] if first else []
        scored = sum(1 for item in items_of(activity, notes) if item["quadrant"])
        if notes and not first:
            lines.append(ngettext("%(num)s post-it geplaatst", "%(num)s post-its geplaatst", scored))
        return lines


workform = ImpactInspanning
