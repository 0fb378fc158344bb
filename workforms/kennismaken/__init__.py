"""Werkvorm `kennismaken`: introductions at the kick-off (handbook appendix, WORKFORMS.md §1).

"Wat is jullie droom voor de toekomst? Pak een kaart die past bij het antwoord
op de vraag. Stel jezelf voor en geef een toelichting op de gekozen kaart."

Each participant picks an association card on the phone and writes a short
explanation (the note's text); ``data`` holds the card id and an optional role.
The name is the participant's own (from joining): an introduction needs one.
The deck is the default deck in ``static/cards/`` plus the session's uploaded
cards (``app/uploads.py``); the facilitator may switch the default deck off.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from app import uploads
from app.assets import fingerprinted  # cached for good by phones (issue 17)
from app.config import ROOT
from app.i18n import _
from app.i18n import lazy_gettext as _l
from app.workform import Phase, Workform, facilitator_event

CARDS_DIR = ROOT / "static" / "cards"
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
        Phase("kiezen", _l("Kaart kiezen"), minutes=5),
        Phase("voorstelrondje", _l("Voorstelrondje"), minutes=15, posting=False),
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
        return shipped + uploads.list_cards(activity["session_code"])

    def extra_view(self, activity: dict[str, Any], store: Any) -> dict[str, Any]:
        # The deck only: the same for everyone, no names.
        return {"deck": self.deck(activity), "use_default": (activity.get("state") or {}).get("use_default", True)}

    @facilitator_event("deck")
    def set_deck(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        """Switch the default deck on or off for this activity (e.g. only the practice's own photos)."""
        if not isinstance(payload.get("use_default"), bool):
            ctx.refuse(_("'use_default' moet waar of onwaar zijn."))
        ctx.set_state({**ctx.state(), "use_default": payload["use_default"]})
        return {"ok": True}

    # --- notes ---------------------------------------------------------------------

    def validate(
        self, text: str, category: str | None, data: object, ctx: Any = None
    ) -> tuple[str | None, dict[str, Any]]:
        if ctx is None:
            # An edit of the explanation (note:update): the card was checked when the note was made.
            return None, dict(data) if isinstance(data, dict) else {}
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


workform = Kennismaken
