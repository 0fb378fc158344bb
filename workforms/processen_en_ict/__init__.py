"""Work format `processen-en-ict`: work out one process step by step with the
role of ICT in each step, the current and the desired process, tied back to the
session goals.

The process lives in the activity state (see this package's README.md):
``views.huidig`` and ``views.gewenst`` (``None`` until the facilitator copies the
current one or loads a preset that has one), each ``{name, start, end, steps: [{id,
name, roles, systems, digital, alternatives, uncertain_systems}]}`` with server-made
step ids (``digital`` None: not stated); ``active`` (the view the board and phones
show); ``linkage`` per goal. Notes are post-its with a category (the row: current and
desired actions, wish, improvement, possibility) and ``data = {view, step_id}``; a
preset's wishes, improvements and possibilities are the facilitator's notes of their
rows, edited and removed like any note. A state stored before that kept them as text
in ``possibilities``: :meth:`ProcessenEnIct.upgrade` turns it into notes.

Steps: the handbook says 5-8. A 9th step (up to 12) is added only when the
facilitator confirms it (``confirm: true``); without it the ack says why and
asks (``needs_confirm``). Every change is an atomic read-modify-write of the
state (``ctx.update_state``), so two facilitator tabs reordering at once end in
one consistent order.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.i18n import _, ngettext
from app.i18n import lazy_gettext as _l
from app.workform import (
    BESPREKEN,
    MAX_NOTE_TEXT,
    PLAKKEN,
    Category,
    Context,
    ViewContext,
    Workform,
    facilitator_event,
)

from .presets import N_, PRESETS, QUESTIONS

VIEWS = {"huidig": "Huidig proces", "gewenst": "Gewenst proces"}
ROWS = (
    Category("huidig", _l("Huidige acties in het systeem"), "blauw"),
    Category("gewenst", _l("Gewenste acties in het systeem"), "groen"),
    Category("wens", _l("Wens"), "geel"),
    Category("verbeteren", _l("Verbeteren"), "roze"),
    # The triage example's "mogelijkheden:" per step (H:L2836-2923). Green like the desired
    # actions (they are options for the desired process); the label always tells them apart.
    Category("mogelijkheden", _l("Mogelijkheden"), "groen"),
)
ROW_SLUGS = tuple(c.slug for c in ROWS)
ADVISED_MAX = 8
HARD_MAX = 12
MAX_NAME = 120
MAX_TAG = 40
MAX_TAGS = 6
EFFECTS = ("draagt bij", "geen invloed")
MAX_EXPLANATION = 300
# A branch point: the handbook's examples stack up to three alternatives in one column.
MAX_ALTERNATIVES = 4
MAX_ALTERNATIVE = 120
DELETED_STEP = N_("Deze stap is net verwijderd. Kies een andere stap.")


def _text(value: object, limit: int, what: str, *, required: bool = False) -> str:
    """``what``: the field's name, an N_-marked Dutch text translated here."""
    if not isinstance(value, str):
        raise _Bad(_("%(what)s moet tekst zijn.", what=_(what)))
    clean = " ".join(value.split())
    if required and not clean:
        raise _Bad(_("%(what)s mag niet leeg zijn.", what=_(what)))
    if len(clean) > limit:
        raise _Bad(_("%(what)s is maximaal %(max)s tekens.", what=_(what), max=limit))
    return clean


def _tags(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise _Bad(_("%(what)s: geef een lijst van maximaal %(max)s.", what=_(what), max=MAX_TAGS))
    out: list[str] = []
    for item in value:
        clean = _text(item, MAX_TAG, what, required=True)
        if clean not in out:
            out.append(clean)
    return out


def _alternatives(value: object) -> list[str]:
    """Numbered alternatives of one step; order is meaning (1., 2., ...), so duplicates are refused, not merged."""
    if not isinstance(value, list):
        raise _Bad(_("Alternatieven: geef een lijst met teksten."))
    if len(value) > MAX_ALTERNATIVES:
        raise _Bad(_("Een stap heeft maximaal %(max)s alternatieven.", max=MAX_ALTERNATIVES))
    out: list[str] = []
    for item in value:
        clean = _text(item, MAX_ALTERNATIVE, N_("Een alternatief"), required=True)
        if clean.casefold() in (o.casefold() for o in out):
            raise _Bad(_("Het alternatief '%(text)s' staat er dubbel in.", text=clean))
        out.append(clean)
    return out


def _uncertain(value: object, systems: list[str]) -> list[str]:
    """Names from ``systems`` the practice is not sure of (shown as "Mijn MGM?")."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(_("Onzekere systemen: geef een lijst met namen van systemen van deze stap."))
    out: list[str] = []
    for name in value:
        if name not in systems:
            raise _Bad(_("'%(name)s' is geen systeem van deze stap.", name=name[:MAX_TAG]))
        if name not in out:
            out.append(name)
    return out


def _with_defaults(step: dict[str, Any]) -> dict[str, Any]:
    """A step stored before alternatives/uncertainty existed gets them empty."""
    step.setdefault("alternatives", [])
    step.setdefault("uncertain_systems", [])
    return step


def _step_in_language(step: dict[str, Any]) -> dict[str, Any]:
    """A preset's step with its N_-marked texts translated (names of systems stay as they
    are), without its notes (they become notes of the step, :meth:`ProcessenEnIct.preset`)."""
    out = _with_defaults({k: copy.deepcopy(v) for k, v in step.items() if k != "notes"})
    out["name"] = _(step["name"])
    for key in ("roles", "alternatives"):
        out[key] = [_(item) for item in out[key]]
    return out


# Where a state stored before the rows were notes kept a step's wishes and improvements:
# ``possibilities``, each text with its row as a prefix ("Wens: …", "Verbeteren: …", in the
# language the preset was loaded in); the triage example's possibilities had none.
LEGACY_PREFIXES = (("Wens:", "wens"), ("Wish:", "wens"), ("Verbeteren:", "verbeteren"), ("Improve:", "verbeteren"))


def legacy_note(text: str) -> tuple[str, str]:
    """(row, text) of one old ``possibilities`` entry."""
    for prefix, row in LEGACY_PREFIXES:
        if text.startswith(prefix) and text[len(prefix) :].strip():
            return row, text[len(prefix) :].strip()
    return "mogelijkheden", text


class _Bad(Exception):
    """A payload field that is not acceptable; turned into ctx.refuse."""


def empty_view() -> dict[str, Any]:
    return {"name": "", "start": "", "end": "", "steps": []}


def default_state() -> dict[str, Any]:
    return {"views": {"huidig": empty_view(), "gewenst": None}, "active": "huidig", "linkage": {}, "next_id": 1}


def normalised(state: dict[str, Any]) -> dict[str, Any]:
    """The stored state with every key present (a new activity has an empty state)."""
    base = default_state()
    if not state:
        return base
    out = {**base, **copy.deepcopy(state)}
    out["views"] = {**base["views"], **(out.get("views") or {})}
    for view in out["views"].values():
        for step in (view or {}).get("steps", []):
            _with_defaults(step)
    return out


def _step_of_note(data: object, ctx: Context) -> tuple[str | None, dict[str, Any]]:
    """A note's ``data`` checked against the current state: (error, {view, step_id})."""
    if not isinstance(data, dict):
        return _("Kies eerst een stap van het proces."), {}
    view, step_id = data.get("view"), data.get("step_id")
    if not isinstance(view, str) or view not in VIEWS:
        return _("Kies het huidige of het gewenste proces."), {}
    state = normalised(ctx.state())
    process = state["views"].get(view)
    if process is None:
        return _("Het gewenste proces bestaat nog niet."), {}
    if not isinstance(step_id, str) or not step_id:
        return _("Kies eerst een stap van het proces."), {}
    if not any(s["id"] == step_id for s in process["steps"]):
        return _(DELETED_STEP), {}
    return None, {"view": view, "step_id": step_id}


class ProcessenEnIct(Workform):
    slug = "processen-en-ict"
    title = {"nl": "Processen en ICT", "en": "Processes and ICT"}
    description = _l(
        "Een werkproces in 5-8 stappen uitwerken, met de rol van ICT per stap en de koppeling aan de doelen."
    )
    default_prompt = _l("Analyseer een werkproces en bepaal de rol van ICT.")
    phases = (
        replace(
            PLAKKEN,
            # H:L2348 and H:L2329-2330 (the first of the "Vragen bij uitwerken van een proces")
            instruction=_l(
                "Analyseer een werkproces en bepaal de rol van ICT\n"
                "Hoe loopt het huidige proces globaal? probeer het in 5-8 stappen te beschrijven, teveel detail is "
                "niet nodig."
            ),
        ),
        replace(
            BESPREKEN,
            # H:L2339-2341 and H:L2343-2344 (questions 6 and 7)
            instruction=_l(
                "Wat is de gebruikerswens: hoe wil je het systeem beter/optimaler gebruiken?\n"
                "Wat kan het huidige systeem bieden als het gaat om de gebruikerswens? Of is hier een nieuw systeem "
                "voor nodig?"
            ),
        ),
    )
    categories = ROWS
    max_notes_per_participant = 40

    # --- public view ---------------------------------------------------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = normalised(activity.get("state") or {})
        return {
            "views": state["views"],
            "active": state["active"],
            "linkage": state["linkage"],
            "questions": list(QUESTIONS),
            "presets": [{"slug": k, "title": v["title"]} for k, v in PRESETS.items()],
            "advised_max": ADVISED_MAX,
            # Steps still holding the old text rows: the facilitator page asks the server to
            # turn them into notes (``upgrade``); until then everyone sees them as they were.
            "legacy": sum(
                1 for view in state["views"].values() for s in (view or {}).get("steps", []) if s.get("possibilities")
            ),
        }

    # --- notes -------------------------------------------------------------------

    def validate(
        self, text: str, category: str | None, data: object, ctx: Context
    ) -> tuple[str | None, dict[str, Any]]:
        # A text edit (note:update) is not checked (the default validate_edit): its data was
        # checked when the note was posted, and its step may since have been deleted on purpose.
        return _step_of_note(data, ctx)

    # --- editing, always on the latest state under the lock ---------------------------

    def _change(self, ctx: Context, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any]:
        """Run ``change`` on the latest state (it edits it in place and may return the ack) and
        store the result, atomically (``ctx.update_state``); an ``ok: false`` answer stores nothing."""
        answer: dict[str, Any] | None = None

        def apply(stored: dict[str, Any]) -> dict[str, Any] | None:
            nonlocal answer
            state = normalised(stored)
            try:
                answer = change(state)
            except _Bad as exc:
                ctx.refuse(str(exc))
            if answer is not None and answer.get("ok") is False:
                return None
            return state

        ctx.update_state(apply)
        return answer or {"ok": True}

    @staticmethod
    def _view(state: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
        name = payload.get("view", "huidig")
        if not isinstance(name, str) or name not in VIEWS:
            raise _Bad(_("Kies het huidige of het gewenste proces."))
        view = state["views"].get(name)
        if view is None:
            raise _Bad(_("Het gewenste proces bestaat nog niet: maak het eerst als kopie van het huidige."))
        return view

    @staticmethod
    def _step(view: dict[str, Any], step_id: object) -> dict[str, Any]:
        step = next((s for s in view["steps"] if s["id"] == step_id), None)
        if step is None:
            raise _Bad(_("Deze stap bestaat niet (meer). Misschien is hij net verwijderd."))
        return step

    @staticmethod
    def _new_id(state: dict[str, Any]) -> str:
        state["next_id"] = int(state.get("next_id") or 1) + 1
        return f"s{state['next_id'] - 1}"

    @facilitator_event("process")
    def process(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> None:
            view = self._view(state, payload)
            fields = [k for k in ("name", "start", "end") if k in payload]
            if not fields:
                raise _Bad(_("Er is niets om te wijzigen."))
            labels = {"name": N_("De naam van het proces"), "start": N_("De start"), "end": N_("Het einde")}
            for key in fields:
                view[key] = _text(payload[key], MAX_NAME, labels[key])

        return self._change(ctx, change)

    @facilitator_event("step-add")
    def step_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            view = self._view(state, payload)
            name = _text(payload.get("name"), MAX_NAME, N_("De naam van de stap"), required=True)
            count = len(view["steps"])
            if count >= HARD_MAX:
                raise _Bad(_("Een proces heeft maximaal %(max)s stappen. Voeg stappen samen.", max=HARD_MAX))
            if count >= ADVISED_MAX and payload.get("confirm") is not True:
                return {
                    "ok": False,
                    "needs_confirm": True,
                    "error": _(
                        "Het handboek adviseert 5 tot 8 stappen. Weet je zeker dat je een %(n)se stap "
                        "wilt toevoegen? Bevestig dan.",
                        n=count + 1,
                    ),
                }
            step = {
                "id": self._new_id(state),
                "name": name,
                "roles": [],
                "systems": [],
                "digital": False,
                "alternatives": [],
                "uncertain_systems": [],
            }
            view["steps"].append(step)
            return {"ok": True, "step": step}

        return self._change(ctx, change)

    @facilitator_event("step-update")
    def step_update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> None:
            step = self._step(self._view(state, payload), payload.get("step_id"))
            keys = ("name", "roles", "systems", "digital", "alternatives", "uncertain_systems")
            fields = [k for k in keys if k in payload]
            if not fields:
                raise _Bad(_("Er is niets om te wijzigen."))
            if "name" in payload:
                step["name"] = _text(payload["name"], MAX_NAME, N_("De naam van de stap"), required=True)
            if "roles" in payload:
                step["roles"] = _tags(payload["roles"], N_("Rollen"))
            if "systems" in payload:
                step["systems"] = _tags(payload["systems"], N_("Systemen"))
                # A system that is gone is no longer uncertain either.
                step["uncertain_systems"] = [n for n in step["uncertain_systems"] if n in step["systems"]]
            if "uncertain_systems" in payload:
                step["uncertain_systems"] = _uncertain(payload["uncertain_systems"], step["systems"])
            if "alternatives" in payload:
                step["alternatives"] = _alternatives(payload["alternatives"])
            if "digital" in payload:
                if not isinstance(payload["digital"], bool):
                    raise _Bad(_("'digitaal' moet waar of onwaar zijn."))
                step["digital"] = payload["digital"]

        return self._change(ctx, change)

    @facilitator_event("step-move")
    def step_move(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any]:
            view = self._view(state, payload)
            step = self._step(view, payload.get("step_id"))
            to = payload.get("to")
            if not isinstance(to, int) or isinstance(to, bool) or not 0 <= to < len(view["steps"]):
                raise _Bad(_("Ongeldige nieuwe plek voor deze stap."))
            view["steps"].remove(step)
            view["steps"].insert(to, step)
            return {"ok": True, "order": [s["id"] for s in view["steps"]]}

        return self._change(ctx, change)

    @facilitator_event("step-delete")
    def step_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> None:
            view = self._view(state, payload)
            view["steps"].remove(self._step(view, payload.get("step_id")))

        # The step's notes stay stored: the report lists them under "bij verwijderde stappen".
        return self._change(ctx, change)

    @facilitator_event("preset")
    def preset(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Replace the process by one of the handbook's examples (presets.py): its views as
        steps, its wishes, improvements and possibilities as the facilitator's notes of their
        rows (so they are edited and removed like any note). One ``activity:updated`` for the
        steps and one small ``note:added`` per note."""
        name = payload.get("preset")
        chosen = PRESETS.get(name) if isinstance(name, str) else None
        if chosen is None:
            ctx.refuse(_("Onbekend voorbeeldproces."))
        has_notes = any(not n["hidden"] for n in ctx.notes())
        to_post: list[tuple[str, str, str, str]] = []  # (view, step id, row, text)

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            has_steps = any(v and v["steps"] for v in state["views"].values())
            if (has_notes or has_steps) and payload.get("confirm") is not True:
                return {
                    "ok": False,
                    "needs_confirm": True,
                    "error": _("Dit vervangt het huidige proces. Bevestig als je dat wilt."),
                }
            to_post.clear()
            views: dict[str, Any] = {}
            for key, example in chosen["views"].items():
                if example is None:
                    views[key] = None
                    continue
                # The example's texts in the facilitator's language; from here on they are the practice's own.
                view: dict[str, Any] = {k: _(example[k]) if example[k] else "" for k in ("name", "start", "end")}
                view["steps"] = []
                for step in example["steps"]:
                    made = {**_step_in_language(step), "id": self._new_id(state)}
                    view["steps"].append(made)
                    to_post.extend((key, made["id"], n["row"], _(n["text"])) for n in step["notes"])
                views[key] = view
            state["views"] = views
            state["active"] = chosen["active"]
            return None

        answer = self._change(ctx, change)
        # After the state is stored: a note is checked against its step (and a refusal
        # inside the state's transaction would leave announced notes that were never stored).
        for number, (view_name, step_id, row, text) in enumerate(to_post, start=1):
            client_id = f"pi-preset-{ctx.activity['id']}-{step_id}-{number}"
            ctx.add_note(text, category=row, data={"view": view_name, "step_id": step_id}, client_id=client_id)
        return answer

    @facilitator_event("note-add")
    def note_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The facilitator adds a note to a step's row (a wish, an improvement, a possibility,
        an action), in any phase. Editing and removing are the core's ``note:update`` and
        ``note:delete``. Idempotent on ``client_id``; one ``note:added``."""
        row = payload.get("category")
        if not isinstance(row, str) or row not in ROW_SLUGS:
            ctx.refuse(_("Onbekende soort post-it."))
        client_id = payload.get("client_id")
        if not isinstance(client_id, str) or not 0 < len(client_id) <= 48:
            ctx.refuse(_("Ongeldige post-it (de verzendcode ontbreekt)."))
        error, data = _step_of_note({"view": payload.get("view"), "step_id": payload.get("step_id")}, ctx)
        if error:
            ctx.refuse(error)
        note = ctx.add_note(payload.get("text"), category=row, data=data, client_id=f"pi-fac-{client_id}")
        return {"ok": True, "note": note}

    @facilitator_event("upgrade")
    def upgrade(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Turn a step's old ``possibilities`` (text stored before the rows were notes) into
        notes of their rows, then drop them from the state: nothing of an existing session is
        lost. The notes first, on client ids made from the step, so a second tab or a retry
        after a failure posts none twice; the facilitator page sends this by itself."""
        found = [
            (name, step["id"], number, text)
            for name, view in normalised(ctx.state())["views"].items()
            for step in (view or {}).get("steps", [])
            for number, text in enumerate(step.get("possibilities") or [], start=1)
            if isinstance(text, str) and text.strip()
        ]
        for name, step_id, number, text in found:
            row, clean = legacy_note(" ".join(text.split()))
            if len(clean) > MAX_NOTE_TEXT:
                clean = clean[: MAX_NOTE_TEXT - 1] + "…"
            client_id = f"pi-legacy-{ctx.activity['id']}-{name}-{step_id}-{number}"
            ctx.add_note(clean, category=row, data={"view": name, "step_id": step_id}, client_id=client_id)

        def strip(stored: dict[str, Any]) -> dict[str, Any] | None:
            state = normalised(stored)
            steps = [s for v in state["views"].values() for s in (v or {}).get("steps", []) if "possibilities" in s]
            for step in steps:
                del step["possibilities"]
            return state if steps else None  # nothing left to do: nothing stored, nothing announced

        ctx.update_state(strip)
        return {"ok": True, "notes": len(found)}

    @facilitator_event("desired")
    def desired(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Start the desired process as a copy of the current one (new step ids: edited separately)."""

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            if state["views"]["gewenst"] is not None and payload.get("confirm") is not True:
                return {
                    "ok": False,
                    "needs_confirm": True,
                    "error": _("Er is al een gewenst proces. Bevestig om het opnieuw te kopiëren."),
                }
            current = copy.deepcopy(state["views"]["huidig"])
            for step in current["steps"]:
                step["copied_from"] = step["id"]
                step["id"] = self._new_id(state)
            state["views"]["gewenst"] = current
            state["active"] = "gewenst"
            return None

        return self._change(ctx, change)

    @facilitator_event("show")
    def show(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> None:
            self._view(state, payload)
            state["active"] = payload.get("view", "huidig")

        return self._change(ctx, change)

    @facilitator_event("link")
    def link(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        goal = next((g for g in ctx.goals() if g["id"] == payload.get("goal_id")), None)
        if goal is None or isinstance(payload.get("goal_id"), bool):
            ctx.refuse(_("Deze doelstelling bestaat niet (meer) in deze bijeenkomst."))

        def change(state: dict[str, Any]) -> None:
            effect = payload.get("effect")
            if effect is None:
                state["linkage"].pop(str(goal["id"]), None)
                return
            if effect not in EFFECTS:
                raise _Bad(_("Kies 'draagt bij' of 'geen invloed'."))
            why = _text(payload.get("toelichting", ""), MAX_EXPLANATION, N_("De toelichting"))
            # The goal's title is kept with it: the report is built without the database.
            state["linkage"][str(goal["id"])] = {"effect": effect, "toelichting": why, "goal": goal["title"]}

        return self._change(ctx, change)

    # --- report ------------------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import section

        return section(activity, notes, kit, normalised(activity.get("state") or {}))

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # The process (most of this format lives in its state, not in notes): its steps per view.
        state = normalised(activity.get("state") or {})
        lines = []
        for name, view in state["views"].items():
            if view and view["steps"]:
                # "›", not "→": the report's font (Atkinson Hyperlegible) has no arrow.
                steps = " › ".join(step["name"] for step in view["steps"])
                title = view["name"] or _(VIEWS[name])
                lines.append(f"{title}: {steps}")
        if state.get("linkage"):
            lines.append(
                ngettext(
                    "%(num)s koppeling aan de doelstellingen",
                    "%(num)s koppelingen aan de doelstellingen",
                    len(state["linkage"]),
                )
            )
        return lines


workform = ProcessenEnIct
