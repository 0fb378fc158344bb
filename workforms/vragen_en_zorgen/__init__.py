"""Werkvorm `vragen-en-zorgen`: anonymous questions, concerns and expectations with +1
support; the facilitator marks what was answered, with a short answer for the report.

The handbook asks room for it twice: the kick-off, where staff "vragen kunnen stellen,
zorgen kunnen uiten en feedback kunnen geven" (H:L773-775), and the practice meeting of
step 1.6, for "ophalen van verwachtingen en zorgen, en het beantwoorden van vragen"
(H:L1097-1099, H:L1121-1123). Always anonymous (``always_anonymous``): nobody, the
facilitator included, sees who asked what, so a worry can be said out loud.

Where things live:

- each item is a note (category ``vraag``, ``zorg`` or ``verwachting``);
- who supports what is an entry per participant (``steun:<note id>``), so a repeated tap
  never counts twice; the count is kept on the note (``data.steun``), so a +1 sends one
  ``note:updated`` to the board and the facilitator and nothing to the other phones;
- "beantwoord" and the answer are ``data.beantwoord`` / ``data.antwoord``, set by the
  facilitator only;
- phones receive nobody else's notes: ``extra_view`` carries how many items are open and
  a digest of them; a phone that shows the list fetches it (``vragen-en-zorgen:lijst``:
  text and kind, no author, no counts), so a new question costs the other phones little.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reportlab.platypus import Paragraph

from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.report import text as escape_text
from app.workform import (
    MAX_NOTE_TEXT,
    Category,
    Context,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    participant_event,
)
from app.workform_support import MySupport, support_key, supported_note_ids, wanted

MAX_ANSWER = 280


def support_of(note: dict[str, Any]) -> int:
    count = (note.get("data") or {}).get("steun", 0)
    return count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 0


def answered(note: dict[str, Any]) -> bool:
    return bool((note.get("data") or {}).get("beantwoord"))


def by_support(notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most support first; equal support in the order they were asked."""
    return sorted(notes, key=lambda n: (-support_of(n), n["id"]))


def split(notes: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(open items by support, answered items by support) of the visible notes."""
    shown = [n for n in notes if not n.get("hidden")]
    return by_support([n for n in shown if not answered(n)]), by_support([n for n in shown if answered(n)])


def _items(notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The visible items as phones may see them: id, kind and text (and the answer), in the
    order they were asked; no author, no support."""
    items = []
    for note in notes:
        if note.get("hidden"):
            continue
        item: dict[str, Any] = {"id": note["id"], "category": note["category"], "text": note["text"]}
        if answered(note):
            item["beantwoord"] = True
            item["antwoord"] = note["data"].get("antwoord") or ""
        items.append(item)
    return items


class VragenEnZorgen(MySupport, Workform):
    slug = "vragen-en-zorgen"
    title = {"nl": "Vragen en zorgen", "en": "Questions and concerns"}
    description = _l(
        "Anonieme vragen, zorgen en verwachtingen; steun elkaars vragen met +1 en de begeleider markeert wat "
        "beantwoord is."
    )
    default_prompt = _l("Welke vragen, zorgen of verwachtingen heb je over de verandering?")
    phases = (
        Phase(
            "plakken",
            _l("Vragen en zorgen ophalen"),
            minutes=10,
            # H:L1097-1099 and H:L1121-1123
            instruction=_l(
                "Dit biedt ruimte voor het delen van informatie, ophalen van verwachtingen en zorgen, en het "
                "beantwoorden van vragen.\n"
                "Geef medewerkers de ruimte om vragen te stellen, zodat ze zich gehoord voelen en eventuele zorgen "
                "kunnen worden weggenomen."
            ),
        ),
        Phase(
            "bespreken",
            _l("Beantwoorden"),
            minutes=20,
            # Questions that come up while answering still find their way to the board.
            posting=True,
            # app's own text: the handbook says what the meeting is for, not how to run the answers.
            instruction=_l(
                "Begin bij de vragen en zorgen met de meeste steun. Markeer wat beantwoord is, met een kort "
                "antwoord voor het verslag."
            ),
        ),
    )
    # Anonymous for everyone, the facilitator too (H:L773-775: room to voice concerns).
    anonymous_default = True
    always_anonymous = True
    # The +1 replaces "stick onto a similar note": supporting a question says "me too".
    stacking = False
    max_notes_per_participant = 10
    categories = (
        Category("vraag", _l("Vraag"), "blauw"),
        Category("zorg", _l("Zorg"), "roze"),
        Category("verwachting", _l("Verwachting"), "groen"),
    )

    # --- what everyone sees ---------------------------------------------------

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # What phones need, sized to the change: how many open items there are and a short
        # digest of them, not the items. A new question then costs every other phone a few
        # hundred bytes instead of the whole room's list; a phone that has the list open
        # fetches it again (`vragen-en-zorgen:lijst`) when the digest moves. The few answered
        # items travel whole (they change only when the facilitator answers). Never an author,
        # never the support (a +1 would otherwise reach every phone). The board and the
        # facilitator read the items from their notes.
        open_items: list[dict[str, Any]] = []
        done: list[dict[str, Any]] = []
        for item in _items(view.notes()):
            (done if item.get("beantwoord") else open_items).append(item)
        digest = hashlib.sha1(
            json.dumps(open_items, sort_keys=True, ensure_ascii=False).encode(), usedforsecurity=False
        ).hexdigest()[:12]
        return {"open": len(open_items), "version": digest, "answered": done}

    def note_added(self, note: dict[str, Any], ctx: Context) -> None:
        ctx.announce()

    def note_changed(self, note: dict[str, Any], change: str, ctx: Context) -> None:
        ctx.announce()

    # --- participants ---------------------------------------------------------

    @participant_event("steun")
    def support(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """+1 on someone else's open item (``on``: true, the default) or take it back (false)."""
        if ctx.participant_id is None:
            ctx.refuse(_("Alleen deelnemers kunnen een vraag steunen."))
        on = wanted(ctx, payload)
        if ctx.activity["locked"]:
            ctx.refuse(_("De begeleider heeft dit onderdeel op slot gezet."))
        result: dict[str, Any] = {}

        def change(state: dict[str, Any]) -> None:
            # Inside the core's transaction: the count on the note and the entries agree,
            # however many phones tap at once.
            note = ctx.note(payload.get("note_id"))
            if note["hidden"]:
                ctx.refuse(_("Deze vraag staat niet op het bord."))
            if note["author_id"] == ctx.participant_id:
                ctx.refuse(_("Je kunt je eigen vraag niet steunen."))
            if on and answered(note):
                ctx.refuse(_("Deze vraag is al beantwoord."))
            key = support_key(note["id"])
            mine = set(supported_note_ids(ctx))
            count = support_of(note)
            if on and note["id"] not in mine:
                ctx.put_entry(key, True)
                mine.add(note["id"])
                count += 1
            elif not on and note["id"] in mine:
                ctx.remove_entry(key)
                mine.discard(note["id"])
                count = max(0, count - 1)
            if count != support_of(note):
                ctx.update_note_data(note, {**note["data"], "steun": count})
            result.update(steun=count, mine=sorted(mine))
            return None

        ctx.update_state(change)
        return {"ok": True, "steun": result["steun"], "mine": result["mine"]}

    @participant_event("lijst")
    def open_list(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """The open items (text and kind, no author, no counts), for a phone that shows them."""
        return {"ok": True, "items": [i for i in _items(ctx.notes()) if not i.get("beantwoord")]}

    # --- facilitator ----------------------------------------------------------

    @facilitator_event("beantwoord")
    def mark_answered(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Mark an item answered, with an optional short answer (``beantwoord``: false reopens it)."""
        note = ctx.note(payload.get("note_id"))
        done = payload.get("beantwoord", True)
        if not isinstance(done, bool):
            ctx.refuse(_("'beantwoord' moet waar of onwaar zijn."))
        answer = payload.get("antwoord", "")
        if answer is None:
            answer = ""
        if not isinstance(answer, str):
            ctx.refuse(_("Het antwoord moet tekst zijn."))
        answer = " ".join(answer.split())
        if len(answer) > MAX_ANSWER:
            ctx.refuse(_("Een antwoord is maximaal %(max)s tekens; nu %(n)s.", max=MAX_ANSWER, n=len(answer)))
        data = {k: v for k, v in note["data"].items() if k not in ("beantwoord", "antwoord")}
        if done:
            data.update({"beantwoord": True, "antwoord": answer})
        updated = ctx.update_note_data(note, data)
        ctx.announce()
        return {"ok": True, "note": updated}

    # --- report ---------------------------------------------------------------

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        open_items, done = split(notes)
        flow = kit.heading(activity)
        if not notes:
            return flow + kit.empty()
        if open_items:
            flow += kit.subheading(_("Open (%(n)s), meeste steun eerst", n=len(open_items)))
            flow += [Paragraph(self._line(note), kit.body) for note in open_items]
        if done:
            flow += kit.subheading(_("Beantwoord (%(n)s)", n=len(done)))
            for note in done:
                line = self._line(note)
                if note["data"].get("antwoord"):
                    line += "<br/>" + _("Antwoord: %(text)s", text=escape_text(note["data"]["antwoord"]))
                flow.append(Paragraph(line, kit.body))
        return flow

    def _line(self, note: dict[str, Any]) -> str:
        category = self.category(note["category"])
        label = str(category.label) if category else ""
        votes = support_of(note)
        count = f" <b>(+{votes})</b>" if votes else ""
        return f"• <b>{escape_text(label)}</b>: {escape_text(note['text'][:MAX_NOTE_TEXT])}{count}"

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        open_items, done = split(notes)
        lines = [f"{n['text']} (+{support_of(n)})" for n in open_items[:3] if support_of(n)]
        if done:
            lines.append(_("%(n)s beantwoord", n=len(done)))
        if open_items and not lines:
            lines.append(_("%(n)s open", n=len(open_items)))
        return lines


workform = VragenEnZorgen
