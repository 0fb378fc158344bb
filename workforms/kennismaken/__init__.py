"""Werkvorm `kennismaken`: introductions at the kick-off (handbook appendix, WORKFORMS.md §1).

"Wat is jullie droom voor de toekomst? Pak een kaart die past bij het antwoord
op de vraag. Stel jezelf voor en geef een toelichting op de gekozen kaart."

Each participant picks an association card on the phone and writes a short
explanation (the note's text); ``data`` holds the card id and an optional role.
The name is the participant's own (from joining): an introduction needs one.
The deck is the default deck in ``static/cards/`` plus the session's uploaded
cards (``cards.py``, uploaded through this format's own HTTP routes below); the
facilitator may switch the default deck off.
"""

from __future__ import annotations

import json
import secrets
from functools import cache
from typing import Any

from flask import jsonify, send_file

from app.i18n import _, current_language, ngettext
from app.i18n import lazy_gettext as _l
from app.workform import (
    SHARED_STATIC_DIR,
    Context,
    HttpContext,
    Phase,
    ViewContext,
    Workform,
    facilitator_event,
    fingerprinted,
    http_route,
    session_files_dir,
    uploaded_images,
)

from . import cards

CARDS_DIR = SHARED_STATIC_DIR / "cards"
MAX_ROLE = 40

# The labels of the shipped deck (static/cards/deck.json), marked here for extraction so
# that an English session shows English labels; tests check the two lists stay in step.
CARD_LABELS = (
    _l("Vuurtoren"),
    _l("Brug"),
    _l("Boom"),
    _l("Zonsopkomst"),
    _l("Kompas"),
    _l("Bergpad"),
    _l("Puzzelstukjes"),
    _l("Zaailing"),
    _l("Samen"),
    _l("Fiets"),
    _l("Zeilboot"),
    _l("Sleutel"),
    _l("Lantaarn"),
    _l("Wegwijzer"),
    _l("Bloementuin"),
    _l("Klok"),
    _l("Luchtballon"),
    _l("Telescoop"),
    _l("Haven"),
    _l("Regenboog"),
    _l("Vlieger"),
    _l("Trap"),
    _l("Bergtop"),
    _l("Huis met hart"),
    _l("Roeiteam"),
    _l("Sterrenhemel"),
    _l("Estafette"),
)


@cache
def default_deck() -> tuple[dict[str, str], ...]:
    """The shipped deck, ``({id, label, url, png}, ...)``; read once per process."""
    rows = json.loads((CARDS_DIR / "deck.json").read_text(encoding="utf-8"))
    return tuple(
        {"id": r["id"], "label": r["label"], "url": fingerprinted(f"/static/cards/{r['file']}"), "png": r["png"]}
        for r in rows
    )


def _clean(value: str) -> str:
    return " ".join("".join(ch for ch in value if ch.isprintable()).split())


class Kennismaken(Workform):
    slug = "kennismaken"
    title = {"nl": "Kennismaken", "en": "Introductions"}
    description = _l("Iedereen kiest een plaatje bij de droom voor de praktijk en stelt zich daarmee voor.")
    default_prompt = _l("Wat is jullie droom voor de toekomst? Kies een kaart die past bij jouw antwoord.")
    # An introduction round: the names belong on the board (the facilitator can still hide them).
    anonymous_default = False
    stacking = False
    note_nouns = (_l("kaart"), _l("kaarten"))
    phases = (
        Phase(
            "kiezen",
            _l("Kaart kiezen"),
            minutes=5,
            # H:L1996-1998
            instruction=_l(
                "Pak een kaart die past bij het antwoord op de vraag: wat is jullie droom toekomst voor de praktijk?"
            ),
        ),
        Phase(
            "voorstelrondje",
            _l("Voorstelrondje"),
            minutes=15,
            posting=False,
            # H:L2000
            instruction=_l("Stel jezelf voor en geef een toelichting op de gekozen kaart"),
        ),
    )
    max_notes_per_participant = 3
    composer_hint = _l("Vertel kort waarom je deze kaart kiest. Noem geen namen of gegevens van patiënten.")

    # --- the deck ----------------------------------------------------------------

    @staticmethod
    def deck(activity: dict[str, Any]) -> list[dict[str, str]]:
        """The cards participants may choose from in this activity, as ``[{id, label, url}]``."""
        use_default = (activity.get("state") or {}).get("use_default", True)
        # The shipped labels in the session's language (CARD_LABELS marks them for the catalogue).
        shipped = [{"id": c["id"], "label": _(c["label"]), "url": c["url"]} for c in default_deck()]
        if not use_default:
            shipped = []
        code = activity["session_code"]
        return shipped + cards.list_cards(code, session_files_dir(code))

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        # The deck only: the same for everyone, no names.
        return {"deck": self.deck(activity), "use_default": (activity.get("state") or {}).get("use_default", True)}

    @facilitator_event("deck")
    def set_deck(self, ctx: Context, payload: dict[str, Any]) -> dict[str, Any]:
        """Switch the default deck on or off for this activity (e.g. only the practice's own photos)."""
        if not isinstance(payload.get("use_default"), bool):
            ctx.refuse(_("'use_default' moet waar of onwaar zijn."))
        ctx.set_state({**ctx.state(), "use_default": payload["use_default"]})
        return {"ok": True}

    # --- the practice's own cards (HTTP, docs/protocol.md §2) ---------------------------

    @http_route("cards")
    def list_uploaded(self, ctx: HttpContext) -> Any:
        """The session's uploaded cards (only the code is needed: the board shows them anyway)."""
        return jsonify({"cards": cards.list_cards(ctx.code, ctx.files_dir()), "max_cards": ctx.max_cards})

    @http_route("cards", methods=("POST",), facilitator=True)
    def upload(self, ctx: HttpContext) -> Any:
        """One or more JPEG/PNG files in the multipart field ``files``: all stored, or none."""
        ctx.admit_upload()  # this address's upload rate and the server's free disk
        n = cards.MAX_FILES_PER_REQUEST
        folder = ctx.files_dir()
        too_many = _("Maximaal %(n)s eigen kaarten per bijeenkomst. Verwijder eerst kaarten.", n=ctx.max_cards)
        room = ctx.max_cards - len(cards.read_index(folder))
        try:
            files = uploaded_images.read_uploads(
                ctx.request, room, lambda number: _("Eigen kaart %(number)s", number=number)
            )
        except uploaded_images.UploadRefused as refused:
            message, status = {
                "request": (_("Te groot: maximaal %(n)s bestanden van 5 MB per keer.", n=n), 413),
                "none": (_("Kies een of meer afbeeldingen (JPEG of PNG)."), 400),
                "count": (_("Stuur maximaal %(n)s afbeeldingen per keer.", n=n), 400),
                "full": (too_many, 400),
                "file": (_("'%(name)s' is te groot: maximaal 5 MB per afbeelding.", name=refused.name), 400),
            }[refused.reason]
            ctx.refuse(message, status)
        # All files in one child process (decoding is the heavy part: memory and CPU).
        ready: list[tuple[str, bytes]] = []
        results = ctx.run_blocking(cards.reencode_all, current_language(), [raw for _name, raw in files])
        for (name, _raw), result in zip(files, results, strict=True):
            if isinstance(result, str):
                ctx.refuse(_("'%(name)s': %(problem)s Er is niets opgeslagen.", name=name, problem=result))
            ready.append((name, result))
        added = []
        with cards.index_lock:
            folder.mkdir(parents=True, exist_ok=True)
            rows = cards.read_index(folder)
            if len(rows) + len(ready) > ctx.max_cards:
                ctx.refuse(too_many)
            ctx.check_upload_bytes(sum(len(data) for _label, data in ready))
            for label, data in ready:
                card_id = "u" + secrets.token_hex(8)
                (folder / f"{card_id}.jpg").write_bytes(data)
                rows.append({"id": card_id, "label": label})
                added.append({"id": card_id, "label": label, "url": cards.card_url(ctx.code, card_id)})
            cards.write_index(folder, rows)
        # The deck is in every kennismaken activity's view: resend the agenda's views.
        ctx.announce_agenda()
        return jsonify({"ok": True, "added": added, "cards": cards.list_cards(ctx.code, folder)}), 201

    @http_route("cards/<card_id>.jpg")
    def card_image(self, ctx: HttpContext, card_id: str) -> Any:
        """One uploaded card as a JPEG."""
        path = cards.card_path(ctx.files_dir(), card_id)
        if path is None:
            ctx.refuse(_("Deze kaart bestaat niet (meer)."), 404)
        response = send_file(path, mimetype="image/jpeg", max_age=300)
        response.headers["Content-Disposition"] = "inline"
        return response

    @http_route("cards/<card_id>", methods=("DELETE",), facilitator=True)
    def delete_card(self, ctx: HttpContext, card_id: str) -> Any:
        """Remove one uploaded card."""
        folder = ctx.files_dir()
        if cards.card_path(folder, card_id) is None:
            ctx.refuse(_("Deze kaart bestaat niet (meer)."), 404)
        with cards.index_lock:
            cards.write_index(folder, [r for r in cards.read_index(folder) if r["id"] != card_id])
            (folder / f"{card_id}.jpg").unlink(missing_ok=True)
        ctx.announce_agenda()
        return jsonify({"ok": True, "cards": cards.list_cards(ctx.code, folder)})

    # --- notes ---------------------------------------------------------------------

    def validate(
        self, text: str, category: str | None, data: object, ctx: Context
    ) -> tuple[str | None, dict[str, Any]]:
        # An edit of the explanation (note:update, the default validate_edit) is not checked
        # again: the card was checked when the note was made.
        if not isinstance(data, dict) or not isinstance(data.get("card"), str) or not data["card"]:
            return _("Kies eerst een kaart."), {}
        if data["card"] not in {c["id"] for c in self.deck(ctx.activity)}:
            return _("Deze kaart zit niet in de stapel van deze bijeenkomst. Kies een andere kaart."), {}
        role = data.get("role", "")
        if role is None:
            role = ""
        if not isinstance(role, str):
            return _("Je rol moet tekst zijn."), {}
        role = _clean(role)
        if len(role) > MAX_ROLE:
            return _("Je rol mag maximaal %(max)s tekens lang zijn.", max=MAX_ROLE), {}
        if ctx.participant_id is not None:
            me = next((p for p in ctx.participants() if p["id"] == ctx.participant_id), None)
            if not me or not me["name"]:
                return _("Vul eerst je naam in: bij kennismaken hoort je naam bij je kaart."), {}
        return None, {"card": data["card"], "role": role}

    # --- report --------------------------------------------------------------------

    def casestudy_facts(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, list[str]]:
        # The roles people gave when introducing themselves: "Doktersassistent (2×)".
        roles: dict[str, int] = {}
        for note in notes:
            role = (note.get("data") or {}).get("role") or ""
            if role:
                roles[role] = roles.get(role, 0) + 1
        lines = [f"{role} ({count}×)" if count > 1 else role for role, count in roles.items()]
        return {"betrokkenen": lines} if lines else {}

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: Any) -> list[Any]:
        from .report import card_table  # reportlab only when a report is made

        flow = kit.heading(activity)
        if not notes:
            return flow + kit.empty()
        return flow + card_table(activity, notes, kit)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        # Introductions are not outcomes: how many took part is enough on page 1.
        return (
            [ngettext("%(num)s deelnemer koos een kaart", "%(num)s deelnemers kozen een kaart", len(notes))]
            if notes
            else []
        )


workform = Kennismaken
