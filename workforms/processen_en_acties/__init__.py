"""Werkvorm `processen-en-acties`: processes and actions per keyword, in rotation (WORKFORMS.md §6).

The handbook: "Neem voor jezelf de tijd om per doelstelling na te gaan welke
processen en acties – bestaand of nieuw – bij de individuele kernwoorden
horen. Schrijf deze op gele post-its en plak deze onder het betreffende
kernwoord. Iedereen begint bij een andere doelstelling. Na ongeveer drie
minuten wissel je naar de volgende doelstelling."

Each goal is a flip-over; its keywords are the ones kept in `kernwoorden`.
The facilitator starts the rotation: every participant gets a start slot
(an entry, so one per person), and the round follows from time (see
rotation.py), so no process ticks. A phone asks for its current goal with
``processen-en-acties:mine``; a note for another goal is refused, naming the
goal the participant stands at now. ``extra_view`` holds aggregates only.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.report import text as escape
from app.workform import (
    Category,
    Context,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    now_ms,
    participant_event,
)
from workforms.kernwoorden import is_id, kept_by_goal
from workforms.processen_en_acties import rotation

SLOT = "start"
DEFAULT_SECONDS = 180


def keywords_by_goal(view: ViewContext) -> dict[int, list[dict[str, Any]]]:
    """The kept keywords of every `kernwoorden` activity of the session, per goal id."""
    kern = [a["id"] for a in view.activities() if a["workform"] == "kernwoorden"]
    notes = [n for activity_id in kern for n in view.notes(activity_id)]
    return {gid: [{"id": n["id"], "text": n["text"]} for n in kept] for gid, kept in kept_by_goal(notes).items()}


def _rotation(state: dict[str, Any]) -> dict[str, Any] | None:
    rot = state.get("rotation")
    return rot if isinstance(rot, dict) and rot.get("goal_ids") else None


def _round(rot: dict[str, Any], now: int) -> int:
    return rotation.current_round(rot["base"], rot["base_at"], rot["seconds"], rot["auto"], len(rot["goal_ids"]), now)


def _slots(view: ViewContext) -> dict[int, int]:
    return {
        e["participant_id"]: e["value"]["slot"]
        for e in view.entries()
        if e["key"] == SLOT and isinstance(e["value"], dict)
    }


def rotation_view(rot: dict[str, Any] | None, slots: dict[int, int], now: int) -> dict[str, Any]:
    """The public rotation state: the round and per goal how many stand there (no ids)."""
    if rot is None:
        return {"started": False}
    planned = len(rot["goal_ids"])
    round_no = _round(rot, now)
    counts = rotation.occupancy(slots, round_no, planned)
    return {
        "started": True,
        "round": round_no,
        "planned": planned,
        "seconds": rot["seconds"],
        "auto": rot["auto"],
        "base": rot["base"],
        "base_at": rot["base_at"],
        "round_ends_at": rotation.round_ends_at(rot["base"], rot["base_at"], rot["seconds"], rot["auto"], planned, now),
        "server_now": now,
        "goal_ids": rot["goal_ids"],
        "here": {str(gid): counts[i] for i, gid in enumerate(rot["goal_ids"])},
        "starts": [list(slots.values()).count(i) for i in range(planned)],
    }


class ProcessenEnActies(Workform):
    slug = "processen-en-acties"
    title = {"nl": "Processen en acties per kernwoord", "en": "Processes and actions per keyword"}
    description = _l(
        "Iedereen begint bij een andere doelstelling en wisselt elke drie minuten: "
        "welke processen en acties horen bij elk kernwoord?"
    )
    default_prompt = _l(
        "Welke processen en acties – bestaand of nieuw – horen bij de kernwoorden van deze doelstelling?"
    )
    phases = (
        Phase(
            "plakken",
            _l("Rouleren en plakken"),
            minutes=3,
            # H:L2209-2211, H:L2213-2215 (Individuele opdracht) and H:L2219-2221 (Voor de uitvoering)
            instruction=_l(
                "Neem voor jezelf de tijd om per doelstelling na te gaan welke processen en acties – bestaand of "
                "nieuw – bij de individuele kernwoorden horen (groene blokken).\n"
                "Schrijf deze processen en acties op gele post-its en plak deze onder het betreffende kernwoord. "
                "Staat er al iets wat er op lijkt? Plak jouw post-it hierbij.\n"
                "Iedereen begint bij een andere doelstelling. Na ongeveer drie minuten wissel je naar de volgende "
                "doelstelling totdat je bij alle doelstellingen wat opgehangen hebt"
            ),
        ),
        Phase(
            "bespreken",
            _l("Bespreken per kernwoord"),
            minutes=15,
            posting=False,
            # H:L2223; then app's own text in place of H:L2225 ("Niet vergeten: per doelstelling een foto
            # maken van de flipover!"): the report keeps one page per goal.
            instruction=_l(
                "Bespreek vervolgens de processen en acties per kernwoord voor alle doelstellingen.\n"
                "Een foto van de flip-over is niet nodig: het verslag (PDF) bewaart per doelstelling wat er hangt."
            ),
        ),
    )
    categories = (Category("actie", _l("Proces of actie"), "geel"),)
    max_notes_per_participant = 60

    # --- the rotation ---------------------------------------------------------

    def _current_goal(self, ctx: Context, rot: dict[str, Any]) -> tuple[dict[str, Any] | None, int]:
        """The goal the sender stands at now; a late joiner gets a start slot first."""
        now = now_ms()
        round_no = _round(rot, now)
        goal_count = len(rot["goal_ids"])
        mine = [e for e in ctx.entries(mine=True) if e["key"] == SLOT and isinstance(e["value"], dict)]
        if mine:
            slot = mine[0]["value"]["slot"]
        else:
            slot = rotation.late_slot(_slots(ctx), round_no, goal_count)
            ctx.put_entry(SLOT, {"slot": slot, "joined_round": round_no})
            ctx.announce()  # the counts per goal changed
        goal_id = rot["goal_ids"][rotation.goal_index(slot, round_no, goal_count)]
        return next((g for g in ctx.goals() if g["id"] == goal_id), None), round_no

    @participant_event("mine")
    def mine(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Where the sender stands now, with that goal's keywords (their own answer: the ack)."""
        rot = _rotation(ctx.state())
        if rot is None or ctx.participant_id is None:
            return {"ok": True, "started": rot is not None, "goal": None, "keywords": []}
        goal, round_no = self._current_goal(ctx, rot)
        now = now_ms()
        keywords = keywords_by_goal(ctx).get(goal["id"], []) if goal else []
        return {
            "ok": True,
            "started": True,
            "goal": goal,
            "keywords": keywords,
            "round": round_no,
            "planned": len(rot["goal_ids"]),
            "round_ends_at": rotation.round_ends_at(
                rot["base"], rot["base_at"], rot["seconds"], rot["auto"], len(rot["goal_ids"]), now
            ),
            "server_now": now,
        }

    @facilitator_event("start")
    def start(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """(Re)start the rotation: everyone who joined gets a start goal, spread evenly."""
        goals = ctx.goals()
        if not goals:
            ctx.refuse(_("Er zijn nog geen doelstellingen om langs te gaan."))
        seconds = payload.get("seconds", DEFAULT_SECONDS)
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 30 <= seconds <= 1800:
            ctx.refuse(_("Een ronde duurt tussen 30 seconden en 30 minuten."))
        auto = payload.get("auto", True)
        if not isinstance(auto, bool):
            ctx.refuse(_("'auto' moet waar of onwaar zijn."))
        goal_ids = [g["id"] for g in goals]
        people = [p["id"] for p in ctx.participants()]
        slots = rotation.start_slots(people, len(goal_ids))
        ctx.replace_entries(SLOT, {pid: {"slot": slot, "joined_round": 0} for pid, slot in slots.items()})
        rot = {"goal_ids": goal_ids, "base": 0, "base_at": now_ms(), "seconds": seconds, "auto": auto}
        ctx.set_state({**ctx.state(), "rotation": rot})
        return {"ok": True, "rotation": rotation_view(rot, _slots(ctx), now_ms())}

    @facilitator_event("ronde")
    def next_round(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Everyone moves one goal on now (``step`` 1), or back (-1); the round clock restarts."""
        state = ctx.state()
        rot = _rotation(state)
        if rot is None:
            ctx.refuse(_("Start eerst de rotatie."))
        step = payload.get("step", 1)
        if step not in (1, -1):
            ctx.refuse(_("Kies de volgende (1) of vorige (-1) ronde."))
        now = now_ms()
        round_no = _round(rot, now) + step
        if round_no < 0:
            ctx.refuse(_("Dit is de eerste ronde."))
        rot = {**rot, "base": round_no, "base_at": now}
        ctx.set_state({**state, "rotation": rot})
        return {"ok": True, "rotation": rotation_view(rot, _slots(ctx), now)}

    @facilitator_event("auto")
    def set_auto(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Switch automatic advance on or off; the current round stays."""
        state = ctx.state()
        rot = _rotation(state)
        if rot is None:
            ctx.refuse(_("Start eerst de rotatie."))
        auto = payload.get("auto")
        if not isinstance(auto, bool):
            ctx.refuse(_("'auto' moet waar of onwaar zijn."))
        now = now_ms()
        rot = {**rot, "base": _round(rot, now), "base_at": now, "auto": auto}
        ctx.set_state({**state, "rotation": rot})
        return {"ok": True, "rotation": rotation_view(rot, _slots(ctx), now)}

    # --- notes ----------------------------------------------------------------

    def validate(self, text: str, category: str | None, data: object, ctx: Context) -> tuple[str | None, dict]:
        # An edit of the text (note:update, the default validate_edit) keeps goal and keyword.
        data = data if isinstance(data, dict) else {}
        goal_id = data.get("goal_id")
        rot = _rotation(ctx.state())
        if rot is not None and ctx.participant_id is not None and ctx.activity["phase"] == "plakken":
            here, _round_no = self._current_goal(ctx, rot)
            if here is None:
                return _("Jouw doelstelling bestaat niet meer. Vraag de begeleider de rotatie opnieuw te starten."), {}
            if goal_id is None:
                goal_id = here["id"]
            elif not is_id(goal_id) or goal_id != here["id"]:
                return _("Je staat nu bij ‘%(goal)s’. Plak je post-it daar.", goal=here["title"]), {}
        if goal_id is None:
            return _("Kies eerst bij welke doelstelling je post-it hoort."), {}
        if not is_id(goal_id) or not any(g["id"] == goal_id for g in ctx.goals()):
            return _("Deze doelstelling bestaat niet in deze bijeenkomst."), {}
        out: dict[str, Any] = {"goal_id": goal_id}
        keyword_id = data.get("keyword_id")
        if keyword_id is not None:
            ids = {k["id"] for k in keywords_by_goal(ctx).get(goal_id, [])}
            if not is_id(keyword_id) or keyword_id not in ids:
                return _("Dit kernwoord hoort niet bij deze doelstelling."), {}
            out["keyword_id"] = keyword_id
        return None, out

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        keywords = keywords_by_goal(view)
        goals = view.goals()
        rot = _rotation(activity.get("state") or {})
        return {
            "keywords": {str(g["id"]): keywords.get(g["id"], []) for g in goals},
            "rotation": rotation_view(rot, _slots(view) if rot else {}, now_ms()),
        }

    # What a phone needs to work out the round and its clock itself (static/shared.js
    # roundOf). The board's moving parts (server_now, the round's end, how many stand
    # where) change with every late joiner; sending them would reach every phone.
    PHONE_ROTATION = ("started", "base", "base_at", "auto", "seconds", "planned", "goal_ids")

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        rot = extra.get("rotation") or {}
        return {
            "keywords": extra.get("keywords", {}),
            "rotation": {key: rot[key] for key in self.PHONE_ROTATION if key in rot},
        }

    # --- report: one page per goal, the photo of its flip-over ----------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        shared = activity.get("shared") or {}
        goals = shared.get("goals", [])
        workforms = shared.get("workforms", {})
        kern_notes = [
            n for aid, ns in (shared.get("notes") or {}).items() if workforms.get(aid) == "kernwoorden" for n in ns
        ]
        keywords = kept_by_goal(kern_notes)
        # The section starts on a page of its own; inside the report's KeepTogether of the
        # first flowables a plain PageBreak would leave an empty page, this one does not.
        flow: list[Any] = [PageBreakIfNotEmpty(), *kit.heading(activity)]
        if not goals:
            return flow + kit.paragraphs(_("Geen doelstellingen."))
        for number, goal in enumerate(goals, start=1):
            if number > 1:
                flow.append(PageBreak())  # the handbook's one flip-over per goal
            flow += kit.subheading(_("Doelstelling %(number)s: %(goal)s", number=number, goal=goal["title"]))
            mine = [n for n in notes if n["data"].get("goal_id") == goal["id"]]
            words = keywords.get(goal["id"], [])
            known = {k["id"] for k in words}
            bare = []
            for word in words:
                under = [n for n in mine if n["data"].get("keyword_id") == word["id"]]
                if not under:
                    bare.append(word["text"])  # named once below, not a heading over nothing
                    continue
                flow += kit.subheading(_("Kernwoord: %(word)s", word=word["text"]))
                flow += kit.notes(under, self)
            rest = [n for n in mine if n["data"].get("keyword_id") not in known]
            if rest:
                flow += kit.subheading(_("Overig"))
                flow += kit.notes(rest, self)
            if bare or not (words or rest):
                line = (
                    _("Zonder processen of acties: %(words)s", words=", ".join(bare))
                    if bare
                    else _("Geen processen of acties.")
                )
                flow.append(Paragraph(escape(line), kit.small))
        return flow


workform = ProcessenEnActies
