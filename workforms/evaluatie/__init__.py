"""Work format `evaluatie`: the process-evaluation questionnaire (handbook Fase 3,
Bijlage Stap 3.1 "Vragenlijst").

The questions live in the activity state (the handbook set until the facilitator
changes it). Each participant's answer to a question is an entry keyed by the
question id, so answering again replaces it. While ``invullen`` runs, answers are
private: the board and phones only get counts. In ``resultaten`` answering is
closed and ``extra_view`` carries the aggregates (``summary``). Anonymous by
default; names and participant ids never leave the server, not even when the
facilitator switches anonymity off (a questionnaire is anonymous by nature).
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from app.i18n import _, current_language, ngettext
from app.i18n import lazy_gettext as _l
from app.workform import Context, Phase, ViewContext, Workform, facilitator_event, participant_event
from app.workform_questions import (
    checked,
    clean_bool,
    clean_question,
    find_question,
    flag,
    next_question_id,
    refuse_closed_questionnaire,
)

from . import goals as gl
from . import questions as qs
from .questions import summary

INVULLEN = Phase(
    "invullen",
    _l("Invullen"),
    minutes=10,
    posting=False,
    # app's own text: the handbook's questionnaire (Bijlage Stap 3.1) gives no instruction.
    instruction=_l(
        "Iedereen vult de vragenlijst in op de telefoon. De antwoorden zijn anoniem: niemand ziet wie wat heeft "
        "ingevuld."
    ),
)
RESULTATEN = Phase(
    "resultaten",
    _l("Resultaten"),
    posting=False,
    # app's own text, after the questionnaire's "Wat ging er goed …?" and "Waar zie je verbeteringen …?".
    instruction=_l("Loop de uitkomsten samen door: wat ging er goed en waar zie je verbeteringen?"),
)

DOELEN = Phase(
    "doelen",
    _l("Verwacht en bereikt"),
    minutes=10,
    posting=False,
    instruction=_l(
        # H:L1793-1795 (Stap 3.1 c)
        "Vergelijking van het verwachte resultaat met het bereikte resultaat: Het vergelijken van de doelstellingen "
        "die vooraf zijn gesteld met de daadwerkelijke uitkomsten om te zien waar het proces goed heeft gewerkt en "
        "waar verbetering mogelijk is.\n"
        # app's own text: how the comparison runs in Flipover.
        "Iedereen geeft op de telefoon per doelstelling aan: bereikt, deels bereikt of niet bereikt, eventueel met "
        "een korte toelichting. Leg daarna per doelstelling de conclusie van het team vast."
    ),
)
# What phones display (participant_extra): the room's counts and comments are for the board.
PHONE_KEYS = ("questions", "sections", "scale", "max_answer", "ratings", "max_comment")


class Evaluatie(Workform):
    slug = "evaluatie"
    title = {"nl": "Evaluatie", "en": "Evaluation"}
    description = _l("Vragenlijst procesevaluatie: iedereen vult anoniem in op de telefoon, daarna de resultaten.")
    default_prompt = _l("Hoe hebben jullie het veranderproces ervaren? Vul de vragenlijst in op je telefoon.")
    accepts_notes = False
    anonymous_default = True
    phases = (INVULLEN, RESULTATEN, DOELEN)

    # --- what everyone sees (aggregates only) -------------------------------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = activity.get("state") or {}
        entries = view.entries()
        result = summary(activity, view, entries)
        public = [{k: q[k] for k in ("id", "section", "section_title", "text", "scale")} for q in result["questions"]]
        out: dict[str, Any] = {
            "questions": public,
            "sections": [{"slug": slug, "title": qs.section_title(slug)} for slug in qs.SECTION_SLUGS],
            "respondents": result["respondents"],
            "answered": {q["id"]: q["answered"] for q in result["questions"]},
            "scale": {"low": str(qs.SCALE_LOW), "high": str(qs.SCALE_HIGH)},
            "max_answer": qs.MAX_ANSWER,
            "board_section": state.get("board_section"),
            # The goals (Stap 3.1 c): counts and comments per goal id, never who.
            "ratings": gl.labels(),
            "max_comment": gl.MAX_COMMENT,
            "goal_results": gl.aggregate(entries),
            "goal_raters": len({e["participant_id"] for e in entries if e["key"].startswith(gl.KEY)}),
            "conclusions": state.get("conclusions") or {},
        }
        # While answering runs, what others answered stays out of sight (no anchoring).
        if activity["phase"] == RESULTATEN.slug:
            out["results"] = result["questions"]
        return out

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        # A phone shows the questions and the goals to rate (the goals come with the join
        # state); leaving out the counts means another phone's tap sends this one nothing.
        return {key: extra[key] for key in PHONE_KEYS if key in extra}

    # --- answering ----------------------------------------------------------------------

    @participant_event("answer")
    def answer(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Store (or with ``clear: true`` remove) the sender's answer to one question."""
        if ctx.is_facilitator:
            ctx.refuse(_("Alleen deelnemers vullen de vragenlijst in."))
        refuse_closed_questionnaire(ctx, INVULLEN.slug)
        clear = flag(ctx, payload, "clear")

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = qs.questions_of({**ctx.activity, "state": state}, ctx)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            if clear:
                ctx.remove_entry(question["id"])
            else:
                ctx.put_entry(question["id"], checked(ctx, qs.clean_answer, question, payload))
            return self._saved(ctx, state, questions)

        state = ctx.update_state(change)
        return {"ok": True, "answers": self._mine(ctx, state["questions"])}

    @participant_event("mine")
    def mine(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """A phone's own answers (after a reload or reconnect); never anyone else's."""
        if ctx.is_facilitator:
            return {"ok": True, "answers": {}}
        questions = qs.questions_of(ctx.activity, ctx)
        return {"ok": True, "answers": self._mine(ctx, questions), "goals": self._my_ratings(ctx)}

    def _mine(self, ctx: Context, questions: list[dict[str, Any]]) -> dict[str, Any]:
        ids = {q["id"] for q in questions}
        return {e["key"]: e["value"] for e in ctx.entries(mine=True) if e["key"] in ids}

    def _saved(self, ctx: Context, state: dict[str, Any], questions: list[dict[str, Any]]) -> dict[str, Any]:
        """The state to store: the questions and an anonymous copy of the aggregates (the PDF
        has no database access); storing it sends everyone the new counts."""
        return {**state, "questions": questions, "aggregate": qs.aggregate(ctx.entries())}

    # --- the goals: expected vs achieved (Stap 3.1 c) -------------------------------------

    @participant_event("goal-rate")
    def goal_rate(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The sender's rating of one goal (bereikt / deels / niet) with an optional comment;
        rating again replaces it, ``clear: true`` removes it."""
        if ctx.is_facilitator:
            ctx.refuse(_("Alleen deelnemers geven hun oordeel over de doelstellingen."))
        if ctx.activity["phase"] != DOELEN.slug:
            ctx.refuse(_("De doelstellingen komen pas aan de beurt in de stap 'Verwacht en bereikt'."))
        if ctx.activity["locked"]:
            ctx.refuse(_("De begeleider heeft dit onderdeel even op slot gezet."))
        clear = flag(ctx, payload, "clear")
        goal_id = checked(ctx, gl.goal_id_of, payload.get("goal_id"), ctx.goals())
        value = None
        if not clear:
            value = {
                "rating": checked(ctx, gl.clean_rating, payload.get("rating")),
                "text": checked(ctx, gl.clean_comment, payload.get("text")),
            }

        def change(state: dict[str, Any]) -> dict[str, Any]:
            if value is None:
                ctx.remove_entry(gl.entry_key(goal_id))
            else:
                ctx.put_entry(gl.entry_key(goal_id), value)
            # The PDF has no database access: an anonymous copy of the counts, as for answers.
            return {**state, "goal_aggregate": gl.aggregate(ctx.entries())}

        ctx.update_state(change)
        return {"ok": True, "goals": self._my_ratings(ctx)}

    def _my_ratings(self, ctx: Context) -> dict[str, Any]:
        if ctx.participant_id is None:
            return {}
        return {e["key"][len(gl.KEY) :]: e["value"] for e in ctx.entries(mine=True) if e["key"].startswith(gl.KEY)}

    @facilitator_event("goal-conclusion")
    def goal_conclusion(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The team's conclusion on one goal: a rating (or null to clear it) and a text."""
        goal_id = checked(ctx, gl.goal_id_of, payload.get("goal_id"), ctx.goals())
        rating = payload.get("rating")
        if rating is not None:
            rating = checked(ctx, gl.clean_rating, rating)
        text = checked(ctx, gl.clean_comment, payload.get("text"), gl.MAX_CONCLUSION)
        conclusion = {"rating": rating, "text": text}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            conclusions = dict(state.get("conclusions") or {})
            if rating is None and not text:
                conclusions.pop(str(goal_id), None)
            else:
                conclusions[str(goal_id)] = conclusion
            return {**state, "conclusions": conclusions}

        ctx.update_state(change)
        return {"ok": True, "conclusion": conclusion}

    # --- the facilitator edits the questionnaire ----------------------------------------

    @facilitator_event("question-add")
    def question_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        added: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = qs.questions_of({**ctx.activity, "state": state}, ctx)
            if len(questions) >= qs.MAX_QUESTIONS:
                ctx.refuse(_("De vragenlijst heeft al %(max)s vragen.", max=qs.MAX_QUESTIONS))
            text = checked(ctx, clean_question, payload.get("text"))
            section = checked(ctx, qs.clean_section, payload.get("section", qs.SECTION_SLUGS[0]))
            scale = checked(ctx, clean_bool, payload.get("scale", False), "scale")
            question = {
                "id": next_question_id(questions, state.get("next")),
                "section": section,
                "text": text,
                "scale": scale,
            }
            # Appended after the last question of its section, so sections stay together.
            at = max((i + 1 for i, q in enumerate(questions) if q["section"] == section), default=len(questions))
            questions.insert(at, question)
            state["next"] = int(question["id"][1:]) + 1
            added.update(question)
            return self._saved(ctx, state, questions)

        ctx.update_state(change)
        return {"ok": True, "question": added}

    @facilitator_event("question-update")
    def question_update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        changed: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = qs.questions_of({**ctx.activity, "state": state}, ctx)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            changes: dict[str, Any] = {}
            if "text" in payload:
                changes["text"] = checked(ctx, clean_question, payload["text"])
            if "section" in payload:
                changes["section"] = checked(ctx, qs.clean_section, payload["section"])
            if "scale" in payload:
                changes["scale"] = checked(ctx, clean_bool, payload["scale"], "scale")
                if changes["scale"] != question["scale"] and _answered(ctx, question["id"]):
                    ctx.refuse(_("Op deze vraag is al geantwoord: de schaal kan niet meer aan of uit."))
            if not changes:
                ctx.refuse(_("Er is niets om te wijzigen."))
            question.update(changes)
            changed.update(question)
            return self._saved(ctx, state, questions)

        ctx.update_state(change)
        return {"ok": True, "question": changed}

    @facilitator_event("question-delete")
    def question_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Remove a question. Once answered, only with ``confirm: true``: its answers go too."""
        confirm = flag(ctx, payload, "confirm")
        outcome: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            questions = qs.questions_of({**ctx.activity, "state": state}, ctx)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            answered = _answered(ctx, question["id"])
            if answered and not confirm:
                outcome.update(
                    {
                        "ok": False,
                        "needs_confirm": True,
                        "answered": answered,
                        "error": _(
                            "Op deze vraag zijn al %(n)s antwoorden gegeven. Bevestig het verwijderen: "
                            "die antwoorden gaan dan verloren.",
                            n=answered,
                        ),
                    }
                )
                return None
            ctx.remove_entries(question["id"])
            questions = [q for q in questions if q["id"] != question["id"]]
            state["next"] = max(int(state.get("next") or 0), int(question["id"][1:]) + 1)
            outcome.update({"ok": True, "deleted": question["id"]})
            return self._saved(ctx, state, questions)

        ctx.update_state(change)
        return outcome

    @facilitator_event("question-move")
    def question_move(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Move a question to ``position`` (0-based, in the whole list)."""
        position = payload.get("position")
        if type(position) is not int:
            ctx.refuse(_("Een positie is een heel getal."))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = qs.questions_of({**ctx.activity, "state": state}, ctx)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            questions.remove(question)
            questions.insert(max(0, min(position, len(questions))), question)
            return self._saved(ctx, state, questions)

        ctx.update_state(change)
        return {"ok": True}

    @facilitator_event("board-section")
    def board_section(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Which part of the results the board shows (``null``: all)."""
        section = payload.get("section")
        if section is not None:
            section = checked(ctx, qs.clean_section, section)
        ctx.update_state(lambda state: {**state, "board_section": section})
        return {"ok": True}

    # --- the trajectory's case study ----------------------------------------------------

    def casestudy_facts(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, list[str]]:
        """The answers as suggestions for the case study (docs/workforms.md lists the keys):
        aggregates only, like everything else that leaves this format."""
        facts: dict[str, list[str]] = {}
        for question in summary(activity)["questions"]:
            key = CASESTUDY_KEYS.get(question["id"])
            if key is None or not question["answered"]:
                continue
            lines = facts.setdefault(key, [])
            if question["scale"] and question["n"]:
                mean = format_decimal(question["mean"], format="0.0", locale=current_language())
                lines.append(
                    _(
                        "%(question)s gemiddeld %(mean)s (n = %(n)s)",
                        question=question["text"],
                        mean=mean,
                        n=question["n"],
                    )
                )
            for answer in question["texts"]:
                count = answer["count"]
                lines.append(f"{answer['text']} ({count}×)" if count > 1 else answer["text"])
        return {k: v for k, v in facts.items() if v}

    # --- the report ---------------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import section

        return section(activity, kit)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        count = summary(activity)["respondents"]
        lines = [ngettext("%(num)s deelnemer vulde in", "%(num)s deelnemers vulden in", count)] if count else []
        for goal in goal_rows(activity):
            if goal["conclusion"]:
                lines.append(_("%(goal)s: %(conclusion)s", goal=goal["title"], conclusion=goal["conclusion_label"]))
            elif goal["n"]:
                counts = goal["counts"]
                lines.append(
                    _(
                        "%(goal)s: %(yes)s× bereikt, %(partly)s× deels, %(no)s× niet",
                        goal=goal["title"],
                        yes=counts["bereikt"],
                        partly=counts["deels"],
                        no=counts["niet"],
                    )
                )
        return lines


def goal_rows(activity: dict[str, Any]) -> list[dict[str, Any]]:
    """Per session goal its ratings and conclusion, from the state's anonymous copy (the PDF)."""
    state = activity.get("state") or {}
    goals = (activity.get("shared") or {}).get("goals") or []
    return gl.per_goal(goals, state.get("goal_aggregate") or {}, state.get("conclusions") or {})


# The handbook's questions (default ids, see questions.DEFAULTS) → case-study fields.
CASESTUDY_KEYS = {
    "q1": "betrokkenen",
    "q6": "voorbereiding_goed",
    "q7": "lessen",
    "q9": "samenwerking",
    "q11": "implementatie_goed",
    "q12": "lessen",
}


def _answered(ctx: Context, question_id: str) -> int:
    return sum(1 for e in ctx.entries() if e["key"] == question_id)


workform = Evaluatie

__all__ = ["Evaluatie", "goal_rows", "summary", "workform"]
