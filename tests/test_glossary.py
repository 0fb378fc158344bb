"""One vocabulary (issue 19, part 6; docs/glossary.md): every Dutch text the app shows
(UI, messages, PDF, Word) uses the glossary's words, and the English catalogue mirrors
it. A text the handbook has verbatim keeps the handbook's words (e.g. "geeltje" in the
trots instruction, "sessie" in the preparation checklists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import agenda_templates
from app.i18n import language
from app.registry import discover

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = " ".join((ROOT / "docs" / "handbook" / "implementatiehandboek.txt").read_text(encoding="utf-8").split())

# (pattern, the glossary's word): a Dutch msgid matching the pattern is wrong.
DUTCH_BANNED = [
    (r"\btoken\b", "begeleiderslink / trajectlink"),
    (r"client_id", "verzendcode"),
    (r"\btrue\b|\bfalse\b", "waar of onwaar"),
    (r"[Ss]potlight", "uitlichten (één op het bord) / rondje (de reeks)"),
    (r"[Ff]acilitator", "begeleider"),
    (r"\b[Ss]essie", "bijeenkomst"),
    (r"\b[Nn]otitie", "post-it"),
    (r"\bgeeltje", "post-it"),
    (r"(?<!%\()\b[Ii]tems?\b(?!\)s)", "post-it (of agendapunt)"),
    (r"\bhoogstens\b|\bhooguit\b|\bmax\.", "maximaal"),
    (r"\bbv\.|\bb\.v\.", "bijv."),
    (r"\"", "‘…’ (enkele aanhalingstekens)"),
    (r"\bn=", "… scores / … deelnemers"),
    # Buttons say what they do in the infinitive ("Verwijderen", "Plakken bij…"); headings
    # and sentences ("Kies een kaart", "Kies eerst een kaart.") may address the reader.
    (
        r"^(Verwijder|Accepteer|Annuleer|Bewerk|Kies|Toon|Verberg|Zoek|Hervat|Plak|Sla|Voeg)(\s+\S+)?(…|: .*)?$",
        "infinitief",
    ),
]
ENGLISH_BANNED = [
    (r"\btoken\b", "facilitator link / trajectory link"),
    (r"client_id", "sending code"),
    (r"[Ss]potlight", "highlight / round"),
    (r"\bn=", "… scores"),
]


def catalogue(path: str):
    with open(ROOT / path, "rb") as f:
        return read_po(f)


def texts(ids: object) -> list[str]:
    return [t for t in (ids if isinstance(ids, tuple) else (ids,)) if isinstance(t, str) and t]


def from_the_handbook(text: str) -> bool:
    """Every paragraph of ``text`` stands in the handbook as it is."""
    return all(" ".join(p.split()) in HANDBOOK for p in text.split("\n") if p.strip())


DUTCH = [t for m in catalogue("translations/messages.pot") for t in texts(m.id)]


@pytest.mark.parametrize(("pattern", "word"), DUTCH_BANNED, ids=[w for _p, w in DUTCH_BANNED])
def test_no_dutch_text_uses_a_word_the_glossary_replaces(pattern: str, word: str) -> None:
    wrong = [t for t in DUTCH if re.search(pattern, t) and not from_the_handbook(t)]
    assert wrong == [], f"use '{word}' instead in: {wrong}"


@pytest.mark.parametrize(("pattern", "word"), ENGLISH_BANNED, ids=[w for _p, w in ENGLISH_BANNED])
def test_no_english_text_uses_a_word_the_glossary_replaces(pattern: str, word: str) -> None:
    english = [t for m in catalogue("translations/en/LC_MESSAGES/messages.po") for t in texts(m.string)]
    assert [t for t in english if re.search(pattern, t)] == [], word


def test_the_handbook_exception_is_real() -> None:
    # "geeltje" and "sessie" pass only where the handbook has the very sentence.
    assert from_the_handbook("Iedereen schrijft een situatie op zijn/haar geeltje")
    assert not from_the_handbook("Schrijf je situatie op een geeltje")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_template_name_repeats_its_duration(lang: str) -> None:
    with language(lang):
        found = agenda_templates.available(discover())
        names = [str(t["title"]) for t in found]
    assert names
    assert [n for n in names if re.search(r"\(\s*\d+\s*(uur|min|hour|hours|minutes)\s*\)", n)] == []
