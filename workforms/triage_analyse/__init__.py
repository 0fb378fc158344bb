"""Work format `triage-analyse`: the handbook's "Voorbeelduitwerking van analyse naar
optimalisatie triageproces" (H:L2715-2739) in six phases.

1. ``goed-niet-goed``: notes in two colours (``goed`` groen, ``niet-goed`` roze), each on a
   step of the triage process (``data.step_id``); the steps are those of the
   ``processen-en-ict`` triage preset (its desired process "Triage en plannen afspraak").
2. ``doelen``: each phone puts up to three dots on the six generic goals of triage tools
   (H:L2745-2756); one dot per goal (entry ``dot:<goal>``).
3. ``wensen``: notes ``wens`` (geel) per step.
4. ``eisen``: the facilitator builds the programma van eisen (``state.eisen``: ``{id, text,
   priority: must|should, step_id, source}``), typed or taken from a note.
5. ``leveranciers``: every phone scores each supplier on each criterion 1-5 (entry
   ``s:<supplier>:<criterion>``); the criteria carry a weight 1-5. Only aggregates
   (``state.tally``: sum and count per cell) leave the server, and while the round runs a
   cell's mean stays hidden until ``MIN_RATERS`` people scored it.
6. ``keuze``: demo and choice (handbook steps 5 and 6): the table and the programma van eisen.

Every change is an atomic read-modify-write of the state (``ctx.update_state``). A tap (a
dot or a score) changes only aggregates, which phones do not get (``participant_extra``):
one ``activity:updated`` to the board and the facilitator, nothing to the other phones.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from app.i18n import _, language
from app.i18n import lazy_gettext as _l
from app.workform import (
    BESPREKEN,
    MAX_NOTE_TEXT,
    PLAKKEN,
    Category,
    Context,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    participant_event,
)
from workforms.processen_en_ict.presets import PRESETS


def N_(text: str) -> str:
    """Marks a text for the catalogue; translated where it is shown."""
    return text


SLUG = "triage-analyse"

# The triage steps: the processen-en-ict triage preset's desired process (H:L2767-2810), reused.
TRIAGE_STEPS: tuple[tuple[str, str], ...] = tuple(
    (f"s{i}", step["name"]) for i, step in enumerate(PRESETS["triage"]["views"]["gewenst"]["steps"], start=1)
)
STEP_IDS = tuple(key for key, _name in TRIAGE_STEPS)

# H:L2745-2756 "Voorbeelden van generieke doelen triagetools", verbatim ("bespaard" sic).
GOALS: tuple[tuple[str, str, str], ...] = (
    (
        "efficientie",
        N_("Efficiëntie"),
        N_(
            "Tool helpt bij snel en efficiënt beoordelen van de ernst van symptomen. Dit bespaard tijd, die aan "
            "persoonlijke zorg kan worden besteed."
        ),
    ),
    (
        "nauwkeurig",
        N_("Nauwkeurige beoordeling"),
        N_(
            "door gebruik te maken van algoritmen en protocollen kan een nauwkeurige en consistente beoordeling "
            "plaatsvinden"
        ),
    ),
    (
        "prioritering",
        N_("Prioritering"),
        N_("er kan op basis van ernst getrieerd worden en de tool helpt deze snel te identificeren"),
    ),
    (
        "risico",
        N_("Risicovermindering"),
        N_("het kan helpen bij het identificeren van patiënten met een hoog risico op complicaties"),
    ),
    ("tevredenheid", N_("Patiënttevredenheid"), N_("patiënten kunnen snel advies krijgen over hun symptomen")),
    (
        "data",
        N_("Data-analyse"),
        N_("je krijgt ook inzicht in trends, patronen, en zorgbehoeften van de populatie"),
    ),
)
GOAL_IDS = tuple(g[0] for g in GOALS)
DOTS = 3

# H:L2729-2730: the suppliers the handbook names (step 4), as it spells them.
DEFAULT_SUPPLIERS = ("Arts en zorg", "Platform 24", "Huisartsen van Nederland", "Quint")
# Keuzecriteria: "kosten, kwaliteit, ondersteuning" (H:L993); the decision's "praktische
# haalbaarheid, kosten, en de impact op de praktijk" (H:L1039-1040), "Risicoanalyse" (H:L1046)
# and "Duurzaamheidsfactoren" (H:L1049). The capitals and the short forms are the app's.
DEFAULT_CRITERIA = (
    N_("Kosten"),
    N_("Kwaliteit"),
    N_("Ondersteuning"),
    N_("Praktische haalbaarheid"),
    N_("Impact op de praktijk"),
    N_("Risico"),
    N_("Duurzaamheid"),
)
PRIORITIES = ("must", "should")
MAX_NAME = 60
MAX_SUPPLIERS = 8
MAX_CRITERIA = 10
MAX_EISEN = 60
WEIGHTS = range(1, 6)
MIN_RATERS = 3

GOED_NIET_GOED = replace(
    PLAKKEN,
    slug="goed-niet-goed",
    title=_l("Goed en niet goed"),
    minutes=10,
    # H:L2717-2718
    instruction=_l(
        "Zoek uit wat er in het huidige proces goed gaat en wat je wil behouden op het gebied van triage. Zoek "
        "ook uit wat er nu juist niet goed gaat."
    ),
)
DOELEN = Phase(
    "doelen",
    _l("Doelen"),
    minutes=5,
    posting=False,
    # H:L2722-2723; then app's own text.
    instruction=_l(
        "Onderzoek het doel van de digitale ondersteuning, wat wil de organisatie ermee bereiken (overkoepelend) "
        "en hoe dit bijdraagt aan de ambitie van de organisatie.\n"
        "Iedereen zet op de telefoon drie stippen bij de generieke doelen van triagetools die voor jullie het "
        "zwaarst wegen."
    ),
)
WENSEN = Phase(
    "wensen",
    _l("Wensen per stap"),
    minutes=10,
    posting=True,
    # H:L2724-2725
    instruction=_l(
        "Onderzoek de gebruikerswens van het systeem per stap in het proces (detail). Gebruik daarvoor de slide "
        "met het triageproces en de ondersteuningsmogelijkheden per stap."
    ),
)
EISEN = Phase(
    "eisen",
    _l("Programma van eisen"),
    minutes=15,
    posting=False,
    # H:L2727; then app's own text.
    instruction=_l(
        "Stel een programma van eisen op.\nNeem per post-it een eis over en geef aan of het een must of een should is."
    ),
)
LEVERANCIERS = Phase(
    "leveranciers",
    _l("Leveranciers scoren"),
    minutes=10,
    posting=False,
    # H:L2729-2730; then app's own text.
    instruction=_l(
        "Check welke leverancier het paste past voor jouw organisatie: Arts en zorg, Platform 24, Huisartsen van "
        "Nederland, Quint\n"
        "Iedereen scoort op de telefoon elke leverancier per criterium van 1 tot 5; het bord toont alleen het "
        "gewogen gemiddelde."
    ),
)
KEUZE = replace(
    BESPREKEN,
    slug="keuze",
    title=_l("Demo en keuze"),
    minutes=10,
    # H:L2732 and H:L2734
    instruction=_l("Nodig de leverancier uit voor een demo\nMaak een keuze"),
)


def _dot_key(goal: str) -> str:
    return f"dot:{goal}"


def _score_key(supplier: str, criterion: str) -> str:
    return f"s:{supplier}:{criterion}"


def default_state() -> dict[str, Any]:
    return {
        "suppliers": [{"id": f"l{i}", "name": name} for i, name in enumerate(DEFAULT_SUPPLIERS, start=1)],
        "criteria": [
            {"id": f"c{i}", "name": name, "weight": 1, "preset": True}
            for i, name in enumerate(DEFAULT_CRITERIA, start=1)
        ],
        "eisen": [],
        "dots": {},
        "tally": {},
        "choice": None,
        "next_id": 1,
    }


def normalised(state: dict[str, Any] | None) -> dict[str, Any]:
    base = default_state()
    if not state:
        return base
    return {**base, **copy.deepcopy(state)}


def _clean_name(value: object, limit: int = MAX_NAME) -> str | None:
    if not isinstance(value, str):
        return None
    clean = " ".join(value.split())
    return clean if 0 < len(clean) <= limit else None


def step_name(step_id: str | None) -> str:
    """The step's number and name as the board shows it ("3. Uitvoeren triage"), or ""."""
    return next((f"{i}. {_(name)}" for i, (key, name) in enumerate(TRIAGE_STEPS, start=1) if key == step_id), "")


def criteria_view(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": c["id"], "name": _(c["name"]) if c.get("preset") else c["name"], "weight": c["weight"]}
        for c in state["criteria"]
    ]


def table(state: dict[str, Any], *, withhold: bool = False) -> dict[str, Any]:
    """Means per supplier and criterion, and each supplier's weighted mean over the criteria
    it has means on. ``withhold``: a cell with fewer than MIN_RATERS scores shows no mean."""
    tally = state.get("tally") or {}
    rows = []
    for supplier in state["suppliers"]:
        cells: dict[str, Any] = {}
        weighted, weights = 0.0, 0
        for criterion in state["criteria"]:
            cell = tally.get(f"{supplier['id']}:{criterion['id']}") or {"sum": 0, "n": 0}
            n = int(cell["n"])
            mean = round(cell["sum"] / n, 2) if n and not (withhold and n < MIN_RATERS) else None
            cells[criterion["id"]] = {"mean": mean, "n": n}
            if mean is not None:
                weighted += mean * criterion["weight"]
                weights += criterion["weight"]
        rows.append(
            {
                "id": supplier["id"],
                "name": supplier["name"],
                "cells": cells,
                "weighted": round(weighted / weights, 2) if weights else None,
            }
        )
    return {"rows": rows, "withheld": withhold, "min_raters": MIN_RATERS}


class TriageAnalyse(Workform):
    slug = SLUG
    title = {"nl": "Triage-analyse", "en": "Triage analysis"}
    description = _l(
        "Van analyse naar keuze van een triagetool: goed en niet goed per stap, doelen, wensen, een programma van "
        "eisen en leveranciers vergelijken."
    )
    # H:L2715 "Voorbeelduitwerking van analyse naar optimalisatie triageproces."
    default_prompt = _l("Van analyse naar optimalisatie triageproces")
    phases = (GOED_NIET_GOED, DOELEN, WENSEN, EISEN, LEVERANCIERS, KEUZE)
    categories = (
        Category("goed", _l("Gaat goed"), "groen"),
        Category("niet-goed", _l("Gaat niet goed"), "roze"),
        Category("wens", _l("Wens"), "geel"),
    )
    max_notes_per_participant = 30
    stacking = False

    # --- what everyone sees ---------------------------------------------------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = normalised(activity.get("state"))
        scoring = activity["phase"] == LEVERANCIERS.slug and not activity.get("locked")
        dots = state.get("dots") or {}
        # One view for the whole room (board and phones alike): in the session's language.
        with language(view.language()):
            return self._view(state, dots, scoring)

    def _view(self, state: dict[str, Any], dots: dict[str, Any], scoring: bool) -> dict[str, Any]:
        return {
            "steps": [{"id": key, "name": _(name)} for key, name in TRIAGE_STEPS],
            "goals": [
                {"id": key, "title": _(title), "text": _(text), "dots": int(dots.get(key, 0))}
                for key, title, text in GOALS
            ],
            "dots_per_participant": DOTS,
            "suppliers": state["suppliers"],
            "criteria": criteria_view(state),
            "eisen": state["eisen"],
            "table": table(state, withhold=scoring),
            "choice": state.get("choice"),
        }

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        # Phones show the steps, goals, suppliers and criteria to tap; the dot counts and the
        # table are for the board, so a tap elsewhere in the room sends this phone nothing.
        return {
            "steps": extra["steps"],
            "goals": [{k: g[k] for k in ("id", "title", "text")} for g in extra["goals"]],
            "dots_per_participant": extra["dots_per_participant"],
            "suppliers": extra["suppliers"],
            "criteria": extra["criteria"],
        }

    # --- notes --------------------------------------------------------------------------

    def validate(
        self, text: str, category: str | None, data: object, ctx: Context
    ) -> tuple[str | None, dict[str, Any]]:
        step_id = data.get("step_id") if isinstance(data, dict) else None
        if step_id not in STEP_IDS:
            return _("Kies eerst een stap van het triageproces."), {}
        # Each posting phase has its own colours: goed / niet goed first, the wishes later.
        if ctx.activity["phase"] == WENSEN.slug and category != "wens":
            return _("In deze stap schrijf je wensen."), {}
        if ctx.activity["phase"] == GOED_NIET_GOED.slug and category == "wens":
            return _("Wensen schrijf je in de stap Wensen per stap."), {}
        return None, {"step_id": step_id}

    # --- dots on the six goals ----------------------------------------------------------

    def _mine(self, ctx: Context) -> dict[str, Any]:
        dots: list[str] = []
        scores: dict[str, int] = {}
        for entry in ctx.entries(mine=True):
            key = entry["key"]
            if key.startswith("dot:"):
                dots.append(key[4:])
            elif key.startswith("s:"):
                scores[key[2:]] = entry["value"]
        return {"dots": sorted(dots, key=lambda g: GOAL_IDS.index(g) if g in GOAL_IDS else 99), "scores": scores}

    @participant_event("mine")
    def mine(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """A phone's own dots and scores (never anyone else's)."""
        return {"ok": True, **(self._mine(ctx) if not ctx.is_facilitator else {"dots": [], "scores": {}})}

    @participant_event("dot")
    def dot(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{goal, on}``: put (or take back) one's dot on a goal."""
        if ctx.is_facilitator:
            ctx.refuse(_("Alleen deelnemers zetten stippen."))
        if ctx.activity["phase"] != DOELEN.slug or ctx.activity.get("locked"):
            ctx.refuse(_("Stippen zetten kan alleen in de stap Doelen."))
        goal, on = payload.get("goal"), payload.get("on", True)
        if goal not in GOAL_IDS:
            ctx.refuse(_("Onbekend doel."))
        if not isinstance(on, bool):
            ctx.refuse(_("Geef aan of je een stip zet of weghaalt."))
        key = _dot_key(str(goal))

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            mine = self._mine(ctx)["dots"]
            if on == (goal in mine):
                return None  # nothing changes: a repeated tap
            if on and len(mine) >= DOTS:
                ctx.refuse(_("Je hebt al je %(n)s stippen gezet. Haal er eerst een weg.", n=DOTS))
            state = normalised(state)
            dots = dict(state["dots"])
            if on:
                ctx.put_entry(key, True)
                dots[goal] = int(dots.get(goal, 0)) + 1
            else:
                ctx.remove_entry(key)
                dots[goal] = max(0, int(dots.get(goal, 0)) - 1)
            return {**state, "dots": dots}

        ctx.update_state(change)
        return {"ok": True, **self._mine(ctx)}

    # --- the programma van eisen (the facilitator's) -------------------------------------

    def _priority(self, ctx: Context, value: object) -> str:
        if value not in PRIORITIES:
            ctx.refuse(_("Kies must of should."))
        return str(value)

    @facilitator_event("eis-add")
    def eis_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{text?, note_id?, priority, step_id?}``: a requirement typed or taken from a note."""
        priority = self._priority(ctx, payload.get("priority", "must"))
        source = None
        step_id = payload.get("step_id")
        text = payload.get("text")
        if payload.get("note_id") is not None:
            note = ctx.note(payload.get("note_id"))
            source = note["id"]
            step_id = note["data"].get("step_id")
            if text is None:
                text = note["text"]
        clean = _clean_name(text, MAX_NOTE_TEXT)
        if clean is None:
            ctx.refuse(_("Een eis is een tekst van 1 tot %(max)s tekens.", max=MAX_NOTE_TEXT))
        if step_id is not None and step_id not in STEP_IDS:
            ctx.refuse(_("Onbekende stap van het triageproces."))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            if len(state["eisen"]) >= MAX_EISEN:
                ctx.refuse(_("Het programma van eisen heeft maximaal %(max)s eisen.", max=MAX_EISEN))
            if source is not None and any(e.get("source") == source for e in state["eisen"]):
                ctx.refuse(_("Deze post-it staat al in het programma van eisen."))
            eis = {"id": f"e{state['next_id']}", "text": clean, "priority": priority, "step_id": step_id}
            if source is not None:
                eis["source"] = source
            return {**state, "eisen": [*state["eisen"], eis], "next_id": state["next_id"] + 1}

        stored = ctx.update_state(change)
        return {"ok": True, "eis": stored["eisen"][-1]}

    def _find(self, ctx: Context, items: list[dict[str, Any]], item_id: object, missing: str) -> int:
        for i, item in enumerate(items):
            if item["id"] == item_id:
                return i
        ctx.refuse(missing)

    @facilitator_event("eis-update")
    def eis_update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{eis_id, text?, priority?}``."""
        changes: dict[str, Any] = {}
        if "priority" in payload:
            changes["priority"] = self._priority(ctx, payload["priority"])
        if "text" in payload:
            clean = _clean_name(payload["text"], MAX_NOTE_TEXT)
            if clean is None:
                ctx.refuse(_("Een eis is een tekst van 1 tot %(max)s tekens.", max=MAX_NOTE_TEXT))
            changes["text"] = clean
        if not changes:
            ctx.refuse(_("Geef een nieuwe tekst of prioriteit."))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            eisen = list(state["eisen"])
            i = self._find(ctx, eisen, payload.get("eis_id"), _("Deze eis bestaat niet (meer)."))
            eisen[i] = {**eisen[i], **changes}
            return {**state, "eisen": eisen}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("eis-delete")
    def eis_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            eisen = list(state["eisen"])
            del eisen[self._find(ctx, eisen, payload.get("eis_id"), _("Deze eis bestaat niet (meer)."))]
            return {**state, "eisen": eisen}

        ctx.update_state(change)
        return {"ok": True}

    # --- suppliers and criteria (the facilitator's) ---------------------------------------

    def _weight(self, ctx: Context, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value not in WEIGHTS:
            ctx.refuse(_("Een weging is een heel getal van 1 tot 5."))
        return int(value)

    def _name(self, ctx: Context, value: object) -> str:
        clean = _clean_name(value)
        if clean is None:
            ctx.refuse(_("Een naam is een tekst van 1 tot %(max)s tekens.", max=MAX_NAME))
        return clean

    @facilitator_event("supplier-add")
    def supplier_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        name = self._name(ctx, payload.get("name"))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            if len(state["suppliers"]) >= MAX_SUPPLIERS:
                ctx.refuse(_("Vergelijk maximaal %(max)s leveranciers.", max=MAX_SUPPLIERS))
            if any(s["name"].casefold() == name.casefold() for s in state["suppliers"]):
                ctx.refuse(_("Deze leverancier staat er al."))
            item = {"id": f"l{state['next_id'] + 100}", "name": name}
            return {**state, "suppliers": [*state["suppliers"], item], "next_id": state["next_id"] + 1}

        stored = ctx.update_state(change)
        return {"ok": True, "supplier": stored["suppliers"][-1]}

    @facilitator_event("supplier-rename")
    def supplier_rename(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        name = self._name(ctx, payload.get("name"))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            suppliers = list(state["suppliers"])
            i = self._find(ctx, suppliers, payload.get("supplier_id"), _("Onbekende leverancier."))
            suppliers[i] = {**suppliers[i], "name": name}
            return {**state, "suppliers": suppliers}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("supplier-delete")
    def supplier_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            suppliers = list(state["suppliers"])
            gone = suppliers.pop(self._find(ctx, suppliers, payload.get("supplier_id"), _("Onbekende leverancier.")))
            for criterion in state["criteria"]:
                ctx.remove_entries(_score_key(gone["id"], criterion["id"]))
            tally = {k: v for k, v in state["tally"].items() if not k.startswith(f"{gone['id']}:")}
            choice = None if state.get("choice") == gone["id"] else state.get("choice")
            return {**state, "suppliers": suppliers, "tally": tally, "choice": choice}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("criterion-add")
    def criterion_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        name = self._name(ctx, payload.get("name"))
        weight = self._weight(ctx, payload.get("weight", 1))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            if len(state["criteria"]) >= MAX_CRITERIA:
                ctx.refuse(_("Gebruik maximaal %(max)s criteria.", max=MAX_CRITERIA))
            item = {"id": f"c{state['next_id'] + 100}", "name": name, "weight": weight, "preset": False}
            return {**state, "criteria": [*state["criteria"], item], "next_id": state["next_id"] + 1}

        stored = ctx.update_state(change)
        return {"ok": True, "criterion": stored["criteria"][-1]}

    @facilitator_event("criterion-update")
    def criterion_update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{criterion_id, name?, weight?}``."""
        changes: dict[str, Any] = {}
        if "weight" in payload:
            changes["weight"] = self._weight(ctx, payload["weight"])
        if "name" in payload:
            changes["name"] = self._name(ctx, payload["name"])
            changes["preset"] = False
        if not changes:
            ctx.refuse(_("Geef een nieuwe naam of weging."))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            criteria = list(state["criteria"])
            i = self._find(ctx, criteria, payload.get("criterion_id"), _("Onbekend criterium."))
            criteria[i] = {**criteria[i], **changes}
            return {**state, "criteria": criteria}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("criterion-delete")
    def criterion_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            criteria = list(state["criteria"])
            gone = criteria.pop(self._find(ctx, criteria, payload.get("criterion_id"), _("Onbekend criterium.")))
            for supplier in state["suppliers"]:
                ctx.remove_entries(_score_key(supplier["id"], gone["id"]))
            tally = {k: v for k, v in state["tally"].items() if not k.endswith(f":{gone['id']}")}
            return {**state, "criteria": criteria, "tally": tally}

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("choose")
    def choose(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{supplier_id | null}``: the choice the team made (handbook step 6), or none yet."""
        supplier_id = payload.get("supplier_id")

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = normalised(state)
            if supplier_id is not None and not any(s["id"] == supplier_id for s in state["suppliers"]):
                ctx.refuse(_("Onbekende leverancier."))
            return {**state, "choice": supplier_id}

        ctx.update_state(change)
        return {"ok": True}

    # --- scores (every phone) -------------------------------------------------------------

    @participant_event("score")
    def score(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """``{supplier_id, criterion_id, score}``: a whole number 1-5, or null to take it back;
        or ``{supplier_id, scores: {criterion_id: score | null}}``: one supplier's card at once."""
        if ctx.is_facilitator:
            ctx.refuse(_("Alleen deelnemers scoren de leveranciers."))
        if ctx.activity["phase"] != LEVERANCIERS.slug or ctx.activity.get("locked"):
            ctx.refuse(_("Scoren kan alleen in de stap Leveranciers scoren."))
        supplier_id = payload.get("supplier_id")
        if "scores" in payload:
            given = payload["scores"]
            if not isinstance(given, dict) or not 0 < len(given) <= MAX_CRITERIA:
                ctx.refuse(_("Geef per criterium een score."))
            wanted = dict(given)
        else:
            wanted = {payload.get("criterion_id"): payload.get("score")}
        for value in wanted.values():
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5):
                ctx.refuse(_("Een score is een heel getal van 1 tot 5."))

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            state = normalised(state)
            if not any(s["id"] == supplier_id for s in state["suppliers"]):
                ctx.refuse(_("Onbekende leverancier."))
            known = {c["id"] for c in state["criteria"]}
            if any(criterion_id not in known for criterion_id in wanted):
                ctx.refuse(_("Onbekend criterium."))
            mine = self._mine(ctx)["scores"]
            tally = dict(state["tally"])
            for criterion_id, value in wanted.items():
                cell_key = f"{supplier_id}:{criterion_id}"
                old = mine.get(cell_key)
                if old == value:
                    continue
                cell = dict(tally.get(cell_key) or {"sum": 0, "n": 0})
                if old is not None:
                    cell = {"sum": cell["sum"] - old, "n": cell["n"] - 1}
                entry = _score_key(str(supplier_id), str(criterion_id))
                if value is None:
                    ctx.remove_entry(entry)
                else:
                    ctx.put_entry(entry, value)
                    cell = {"sum": cell["sum"] + value, "n": cell["n"] + 1}
                tally[cell_key] = cell
            return None if tally == state["tally"] else {**state, "tally": tally}

        ctx.update_state(change)
        return {"ok": True}

    # --- the report -----------------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import section

        return section(self, activity, notes, kit)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        state = normalised(activity.get("state"))
        lines = []
        must = [e for e in state["eisen"] if e["priority"] == "must"]
        if state["eisen"]:
            lines.append(
                _("Programma van eisen: %(n)s eisen, waarvan %(must)s must", n=len(state["eisen"]), must=len(must))
            )
        chosen = next((s["name"] for s in state["suppliers"] if s["id"] == state.get("choice")), None)
        if chosen:
            lines.append(_("Gekozen leverancier: %(name)s", name=chosen))
        ranked = [r for r in table(state)["rows"] if r["weighted"] is not None]
        if ranked:
            best = max(ranked, key=lambda r: r["weighted"])
            lines.append(_("Hoogste gewogen score: %(name)s (%(score)s)", name=best["name"], score=best["weighted"]))
        if not lines and notes:
            lines.append(_("%(n)s post-its over het triageproces", n=len(notes)))
        return lines


workform = TriageAnalyse
