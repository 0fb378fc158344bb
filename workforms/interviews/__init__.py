"""Work format `interviews`: the handbook's interviews of Stap 1.3 (H:L638-674, the eleven
example questions of H:L2246-2264), the themes they bring up, and the step from those
themes into the impact/effort matrix of the meeting that tests the solution (H:L2281).

Two ways in: the facilitator records an interview per interviewee (function, date, an
answer per question) on the facilitator page, and staff who prefer it fill the questions in
anonymously on their phone. The facilitator marks answers with short theme labels. Board
and phones get the questions and, per question, the themes with their counts: never an
answer, a name, a function or a date ("Vertrouwen en anonimiteit", H:L661-662). The answers
reach the facilitator only, through the ack of ``interviews:list``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from app.i18n import _, ngettext
from app.i18n import lazy_gettext as _l
from app.workform import (
    PRACTICE_FUNCTIONS,
    Context,
    Phase,
    SetupContext,
    ViewContext,
    Workform,
    facilitator_event,
    function_label,
    participant_event,
)
from app.workform_questions import (
    MAX_QUESTION,
    checked,
    clean_question,
    find_question,
    flag,
    next_question_id,
    refuse_closed_questionnaire,
)

from . import model

INVULLEN = Phase(
    "invullen",
    _l("Interviews en vragenlijst"),
    minutes=15,
    posting=False,
    instruction=_l(
        # H:L661-662
        "Wees transparant over het doel van de interviews en waar de verzamelde informatie voor wordt gebruikt, "
        "zodat medewerkers zich vrij voelen om eerlijk en open te antwoorden.\n"
        # app's own text: how the interviews run in Flipover.
        "Leg elk interview vast op deze pagina: functie, datum en de antwoorden per vraag. Wie liever zelf invult, "
        "beantwoordt de vragen anoniem op de telefoon. Markeer daarna de antwoorden met korte thema's."
    ),
)
THEMAS = Phase(
    "themas",
    _l("Thema's bespreken"),
    minutes=20,
    posting=False,
    instruction=_l(
        # H:L2249-2250
        "Toetsen/aanvullen van aannames, doelstellingen en oplossingsrichtingen die in de workshop besproken zijn\n"
        # app's own text: the board and the step into the matrix.
        "Het bord toont per vraag de thema's uit de interviews met hoe vaak ze genoemd zijn, nooit wie wat zei. "
        "Zet met 'Naar de matrix' een thema als post-it in de matrix van impact en inspanning."
    ),
)
MATRIX = "impact-inspanning"
# What phones display (participant_extra): the questions; the room's themes are for the board.
PHONE_KEYS = ("questions", "max_answer")


def _in_matrix(state: dict[str, Any], view: ViewContext) -> dict[str, Any]:
    """The state with ``pushed`` cut to the themes whose post-it is still in a matrix of this
    session, so a theme deleted from the matrix no longer shows "in de matrix"."""
    pushed = state.get("pushed") or {}
    if not pushed:
        return state
    live = {n["id"] for a in view.activities() if a["workform"] == MATRIX for n in view.notes(a["id"])}
    return {**state, "pushed": {key: note_id for key, note_id in pushed.items() if note_id in live}}


class Interviews(Workform):
    slug = "interviews"
    title = {"nl": "Interviews", "en": "Interviews"}
    description = _l(
        "Interviews met medewerkers in verschillende functies, of anoniem op de telefoon; de thema's per vraag op het "
        "bord en met één klik in de matrix."
    )
    default_prompt = _l("Welke ideeën en ervaringen halen we op uit de interviews?")
    accepts_notes = False
    anonymous_default = True
    always_anonymous = True
    phases = (INVULLEN, THEMAS)

    # --- what everyone sees: the questions and the themes with counts -------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        state = _in_matrix(activity.get("state") or {}, view)
        questions = model.questions_of(state, view)
        public = [
            {
                "question_id": q["question_id"],
                "text": q["text"],
                # Labels and counts only: the quotes stay with the facilitator and the report.
                "themes": [{k: t[k] for k in ("key", "label", "count", "pushed")} for t in q["themes"]],
            }
            for q in model.themes(state, questions)
        ]
        return {
            "questions": [{"id": q["id"], "text": q["text"]} for q in questions],
            "themes": public,
            "interviews": len(state.get("interviews") or []),
            "respondents": _respondents(state),
            "carried_from": (state.get("carried") or {}).get("from"),
            "max_answer": model.MAX_ANSWER,
            "max_label": model.MAX_LABEL,
            "rev": int(state.get("rev") or 0),
        }

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        # A phone shows the questions to answer; leaving the themes and counts out means
        # another phone's answer or a facilitator's mark sends this one nothing.
        return {key: extra[key] for key in PHONE_KEYS}

    def _update(self, ctx: Context, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any]:
        """``ctx.update_state`` that bumps ``rev``, so the facilitator page fetches the answers again."""

        def bumped(state: dict[str, Any]) -> dict[str, Any] | None:
            new = change(state)
            if new is None:
                return None
            return {**new, "rev": int(state.get("rev") or 0) + 1}

        return ctx.update_state(bumped)

    def _questions(self, ctx: Context, state: dict[str, Any]) -> list[dict[str, Any]]:
        return model.questions_of(state, ctx)

    # --- the anonymous phone questionnaire --------------------------------------------

    @participant_event("answer")
    def answer(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The sender's answer to one question (answering again replaces; ``clear: true`` removes)."""
        if ctx.is_facilitator:
            ctx.refuse(_("Leg een interview vast op de pagina van de begeleider."))
        refuse_closed_questionnaire(ctx, INVULLEN.slug)
        clear = flag(ctx, payload, "clear")
        text = "" if clear else checked(ctx, model.clean_answer, payload.get("text"))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            mine = {e["key"]: e["value"] for e in ctx.entries(mine=True)}
            phone = dict(state.get("phone") or {})
            marks = dict(state.get("marks") or {})
            before = mine.get(question["id"])
            ref = before["ref"] if isinstance(before, dict) and before.get("ref") in phone else None
            if clear:
                ctx.remove_entry(question["id"])
                if ref:
                    phone.pop(ref, None)
                    marks.pop(ref, None)
            else:
                # A random token, so the state never links an answer to whoever gave it.
                ref = ref or f"p{secrets.token_hex(5)}"
                ctx.put_entry(question["id"], {"ref": ref, "text": text})
                phone[ref] = {"question_id": question["id"], "text": text}
            # How many filled something in: a number, for the board and the report.
            respondents = len({e["participant_id"] for e in ctx.entries()})
            return {**state, "phone": phone, "marks": marks, "respondents": respondents}

        self._update(ctx, change)
        return {"ok": True, "answers": self._mine(ctx)}

    @participant_event("mine")
    def mine(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """A phone's own answers (after a reload); never anyone else's."""
        return {"ok": True, "answers": {} if ctx.is_facilitator else self._mine(ctx)}

    def _mine(self, ctx: Context) -> dict[str, str]:
        return {e["key"]: e["value"]["text"] for e in ctx.entries(mine=True) if isinstance(e["value"], dict)}

    # --- the facilitator records interviews -------------------------------------------

    @facilitator_event("list")
    def list_answers(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Everything the facilitator works with: the interviews and every answer with its
        theme labels (phone answers by a random reference, never by who)."""
        state = _in_matrix(ctx.state(), ctx)
        marks = state.get("marks") or {}
        answers = [
            {"ref": ref, **{k: v for k, v in answer.items()}, "labels": list(marks.get(ref) or [])}
            for ref, answer in model.answers(state).items()
        ]
        questions = self._questions(ctx, state)
        return {
            "ok": True,
            "interviews": state.get("interviews") or [],
            "answers": answers,
            "themes": model.themes(state, questions),
            "functions": [{"key": key, "label": function_label(key)} for key in PRACTICE_FUNCTIONS],
            "rev": int(state.get("rev") or 0),
        }

    @facilitator_event("interview-save")
    def interview_save(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Record an interview (or with ``interview_id`` change one): ``{role, date, answers}``."""
        role = checked(ctx, model.clean_role, payload.get("role"))
        date = checked(ctx, model.clean_date, payload.get("date"))
        saved: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            answers = checked(ctx, model.clean_interview_answers, payload.get("answers"), questions)
            interviews = [dict(i) for i in state.get("interviews") or []]
            marks = dict(state.get("marks") or {})
            wanted = payload.get("interview_id")
            if wanted is None:
                if len(interviews) >= model.MAX_INTERVIEWS:
                    ctx.refuse(_("Er zijn al %(max)s interviews vastgelegd.", max=model.MAX_INTERVIEWS))
                number = int(state.get("next_interview") or len(interviews) + 1)
                interview = {"id": f"i{number}", "role": role, "date": date, "answers": answers}
                interviews.append(interview)
                state["next_interview"] = number + 1
            else:
                found = next((i for i in interviews if i["id"] == wanted), None)
                if found is None:
                    ctx.refuse(_("Dit interview bestaat niet (meer)."))
                for question_id, text in found["answers"].items():
                    # A changed or emptied answer loses its themes: they were given to other words.
                    if answers.get(question_id) != text:
                        marks.pop(f"{found['id']}:{question_id}", None)
                found.update({"role": role, "date": date, "answers": answers})
                interview = found
            saved.update(interview)
            return {**state, "interviews": interviews, "marks": marks}

        self._update(ctx, change)
        return {"ok": True, "interview": saved}

    @facilitator_event("interview-delete")
    def interview_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        def change(state: dict[str, Any]) -> dict[str, Any]:
            interviews = state.get("interviews") or []
            wanted = payload.get("interview_id")
            if not any(i["id"] == wanted for i in interviews):
                ctx.refuse(_("Dit interview bestaat niet (meer)."))
            marks = {ref: labels for ref, labels in (state.get("marks") or {}).items() if ref.split(":")[0] != wanted}
            return {**state, "interviews": [i for i in interviews if i["id"] != wanted], "marks": marks}

        self._update(ctx, change)
        return {"ok": True}

    # --- themes -------------------------------------------------------------------------

    @facilitator_event("mark")
    def mark(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Give one answer a theme label (``on: false`` takes it off again)."""
        label = checked(ctx, model.clean_label, payload.get("label"))
        on = payload.get("on", True)
        if not isinstance(on, bool):
            ctx.refuse(_("'%(field)s' moet waar of onwaar zijn.", field="on"))

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            ref = payload.get("ref")
            answer = model.answers(state).get(ref) if isinstance(ref, str) else None
            if answer is None:
                ctx.refuse(_("Dit antwoord bestaat niet (meer)."))
            marks = dict(state.get("marks") or {})
            labels = list(marks.get(ref) or [])
            folded = [x.casefold() for x in labels]
            if on:
                if label.casefold() in folded:
                    return None
                if len(labels) >= model.MAX_LABELS_PER_ANSWER:
                    ctx.refuse(_("Een antwoord heeft maximaal %(max)s thema's.", max=model.MAX_LABELS_PER_ANSWER))
                # The same theme keeps one spelling per question: the first one given.
                existing = next(
                    (
                        t["label"]
                        for q in model.themes(state, self._questions(ctx, state))
                        for t in q["themes"]
                        if t["key"] == model.theme_key(answer["question_id"], label)
                    ),
                    label,
                )
                labels.append(existing)
            else:
                labels = [x for x in labels if x.casefold() != label.casefold()]
            if labels:
                marks[str(ref)] = labels
            else:
                marks.pop(str(ref), None)
            return {**state, "marks": marks}

        self._update(ctx, change)
        return {"ok": True}

    @facilitator_event("push")
    def push(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Make a theme an item of the session's impact/effort matrix, once."""
        matrices = [a for a in ctx.activities() if a["workform"] == MATRIX]
        wanted = payload.get("target_activity_id")
        target = next((a for a in matrices if a["id"] == wanted), None) if wanted is not None else None
        if wanted is not None and target is None:
            ctx.refuse(_("Kies een matrix van impact en inspanning uit deze bijeenkomst."))
        if target is None:
            if not matrices:
                ctx.refuse(_("Deze bijeenkomst heeft geen matrix van impact en inspanning."))
            target = matrices[0]
        added: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            theme = checked(ctx, model.find_theme, state, questions, payload.get("question_id"), payload.get("label"))
            pushed = dict(state.get("pushed") or {})
            # A theme whose post-it was deleted from the matrix since may go in again.
            in_matrix = {n["id"] for m in matrices for n in ctx.notes(m["id"])}
            if theme["key"] in pushed and pushed[theme["key"]] in in_matrix:
                ctx.refuse(_("Het thema ‘%(label)s’ staat al in de matrix.", label=theme["label"]))
            client_id = f"interviews-{ctx.activity['id']}-{len(pushed) + 1}-{secrets.token_hex(4)}"
            note = ctx.add_note(
                theme["label"],
                data={"from_interviews": theme["key"]},
                client_id=client_id,
                activity_id=target["id"],
            )
            pushed[theme["key"]] = note["id"]
            added.update(note)
            return {**state, "pushed": pushed}

        self._update(ctx, change)
        return {"ok": True, "note": added, "target_activity_id": target["id"]}

    @facilitator_event("export")
    def export(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The themes per question with counts and anonymised quotes as CSV (``;``, for Dutch
        Excel) or JSON, in the ack: the page saves it as a file."""
        from .report import csv_text, rows

        kind = payload.get("format", "csv")
        if kind not in ("csv", "json"):
            ctx.refuse(_("Kies CSV of JSON."))
        activity = {**ctx.activity, "state": ctx.state()}
        if kind == "json":
            return {"ok": True, "filename": f"interviews-{ctx.code}.json", "rows": rows(activity)}
        return {"ok": True, "filename": f"interviews-{ctx.code}.csv", "content": csv_text(activity)}

    # --- the facilitator edits the questions --------------------------------------------

    @facilitator_event("question-add")
    def question_add(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        text = checked(ctx, clean_question, payload.get("text"))
        added: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            if len(questions) >= model.MAX_QUESTIONS:
                ctx.refuse(_("Er zijn al %(max)s vragen.", max=model.MAX_QUESTIONS))
            question = {"id": next_question_id(questions, state.get("next")), "text": text}
            questions.append(question)
            added.update(question)
            return {**state, "questions": questions, "next": int(question["id"][1:]) + 1}

        self._update(ctx, change)
        return {"ok": True, "question": added}

    @facilitator_event("question-update")
    def question_update(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        text = checked(ctx, clean_question, payload.get("text"))

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            checked(ctx, find_question, questions, payload.get("question_id"))["text"] = text
            return {**state, "questions": questions}

        self._update(ctx, change)
        return {"ok": True}

    @facilitator_event("question-move")
    def question_move(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        position = payload.get("position")

        def change(state: dict[str, Any]) -> dict[str, Any]:
            questions = self._questions(ctx, state)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            if type(position) is not int or not 0 <= position < len(questions):
                ctx.refuse(_("Kies een plek in de lijst."))
            questions.remove(question)
            questions.insert(position, question)
            return {**state, "questions": questions}

        self._update(ctx, change)
        return {"ok": True}

    @facilitator_event("question-delete")
    def question_delete(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Remove a question. Once answered, only with ``confirm: true``: its answers and themes go too."""
        confirm = flag(ctx, payload, "confirm")
        outcome: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> dict[str, Any] | None:
            questions = self._questions(ctx, state)
            question = checked(ctx, find_question, questions, payload.get("question_id"))
            qid = question["id"]
            refs = {ref for ref, a in model.answers(state).items() if a["question_id"] == qid}
            if refs and not confirm:
                outcome.update(
                    {
                        "ok": False,
                        "needs_confirm": True,
                        "error": ngettext(
                            "Op deze vraag is al %(num)s antwoord gegeven. Bevestig het verwijderen: het antwoord "
                            "en de thema's gaan dan verloren.",
                            "Op deze vraag zijn al %(num)s antwoorden gegeven. Bevestig het verwijderen: die "
                            "antwoorden en de thema's gaan dan verloren.",
                            len(refs),
                        ),
                    }
                )
                return None
            ctx.remove_entries(qid)
            interviews = [
                {**i, "answers": {k: v for k, v in i["answers"].items() if k != qid}}
                for i in state.get("interviews") or []
            ]
            phone = {ref: a for ref, a in (state.get("phone") or {}).items() if a["question_id"] != qid}
            marks = {ref: labels for ref, labels in (state.get("marks") or {}).items() if ref not in refs}
            outcome.update({"ok": True, "deleted": qid})
            return {
                **state,
                "questions": [q for q in questions if q["id"] != qid],
                "next": max(int(state.get("next") or 0), int(qid[1:]) + 1),
                "interviews": interviews,
                "phone": phone,
                "marks": marks,
            }

        self._update(ctx, change)
        return outcome

    # --- the trajectory: the themes go on to the meeting that tests the solution -------

    def carry_out(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        state = activity.get("state") or {}
        questions = model.questions_of(state)
        out = []
        for question in model.themes(state, questions):
            for theme in question["themes"]:
                out.append(
                    {
                        "text": theme["label"],
                        "question_id": question["question_id"],
                        "question": question["text"],
                        "label": theme["label"],
                        "count": theme["count"],
                        "quotes": theme["quotes"][: model.MAX_QUOTES * 3],
                    }
                )
        return out

    def carry_in(self, activity: dict[str, Any], carried: dict[str, Any], ctx: SetupContext) -> None:
        handed = self.handed_on(carried)
        if not handed or not self.first_of_its_kind(activity, ctx):
            return
        questions = model.questions_of(activity.get("state") or {}, ctx)
        ids = {q["id"]: q["text"] for q in questions}
        themes = []
        for item in handed["items"]:
            qid = item.get("question_id")
            # A question the earlier meeting added or worded otherwise comes along as it was.
            if qid not in ids or ids[qid] != item.get("question"):
                match = next((i for i, text in ids.items() if text == item.get("question")), None)
                if match is None:
                    qid = next_question_id(questions, None)
                    questions.append({"id": qid, "text": str(item.get("question") or "")[:MAX_QUESTION]})
                    ids[qid] = questions[-1]["text"]
                else:
                    qid = match
            themes.append(
                {
                    "question_id": qid,
                    "label": str(item.get("label") or item.get("text") or "")[: model.MAX_LABEL],
                    "count": int(item.get("count") or 0),
                    "quotes": [str(q) for q in item.get("quotes") or []],
                }
            )
        ctx.set_state(
            {
                "questions": questions,
                "next": len(questions) + 1,
                "carried": {"from": handed["from"].get("title"), "themes": themes},
            }
        )

    # --- the report -----------------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import section

        return section(activity, kit)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        state = activity.get("state") or {}
        found = [t for q in model.themes(state, model.questions_of(state)) for t in q["themes"]]
        if not found and not state.get("interviews") and not state.get("phone"):
            return []
        top = sorted(found, key=lambda t: -t["count"])[:5]
        lines = [
            ngettext("%(num)s interview", "%(num)s interviews", len(state.get("interviews") or []))
            + " · "
            + ngettext(
                "%(num)s ingevulde vragenlijst",
                "%(num)s ingevulde vragenlijsten",
                _respondents(state),
            )
        ]
        if top:
            lines.append(_("Thema's: %(themes)s", themes="; ".join(f"{t['label']} ({t['count']})" for t in top)))
        return lines


def _respondents(state: dict[str, Any]) -> int:
    return int(state.get("respondents") or 0)


workform = Interviews
