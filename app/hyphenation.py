"""Hyphenation patterns for static/js/hyphenate.js, served from the installed pyphen.

Why the browser needs them: Debian's Chromium (checked with 156.0.8078.114, headless,
``<html lang="nl">``, ``hyphens: auto``, a 120 px box) ships no hyphenation
dictionaries, so "Ketenzorgprogrammacoördinatieoverleg" does not hyphenate at all
(it overflows, or with ``overflow-wrap`` breaks mid-syllable). Chrome elsewhere
downloads its dictionaries on demand, which an offline practice laptop cannot. So
the pages insert soft hyphens (U+00AD) themselves, at the points of LibreOffice's
Dutch (OpenTaal) or English pattern file that pyphen ships, with Liang's algorithm.

The patterns are taken from pyphen's own parse (``pyphen.HyphDict``), so the
browser and pyphen (``Pyphen.inserted``, also what reportlab uses for the PDF)
agree on every word. LibreOffice's non-standard patterns (``…/ff=f,1,2``) are left
out: soft hyphens cannot change letters. They are written back as one string of
TeX-style patterns ("a4 aan5 …", no header, no comments), front-coded (see
:func:`front_coded`), built once per process, gzipped once, and served with a
year-long cache under a URL that carries a hash
of the content.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import cache

import pyphen
from flask import Blueprint, abort, request, url_for

from app import assets
from app.i18n import DEFAULT, clean

bp = Blueprint("hyphenation", __name__)

# The session languages and their pattern files in pyphen.
DICTIONARIES = {"nl": "nl_NL", "en": "en_US"}
# Letters kept together at the start and end of a word. The Dutch file sets no
# minimum (hyphen's default is 2/2); 3 at the end keeps "verzo-ek"-like stubs
# off the next line; a dictionary asking for more (English: 2/3) gets more.
LEFT_MIN = 2
RIGHT_MIN = 3
# Words shorter than this fit any note or header; leaving them alone keeps the text
# the browser lays out (and reads aloud) as written.
MIN_WORD = 10
# The phone fetches the patterns only once a word this long shows (templates/phone.html):
# at 360 px the prompt (the largest text, 1.35rem bold, 328 px) holds about 30 letters
# a line, and still 15 at 200 % text size: a shorter word fits a line whole.
PHONE_FROM = 16


@dataclass(frozen=True)
class Patterns:
    lang: str
    body: bytes  # the JSON the browser gets
    gzipped: bytes
    version: str  # content hash, part of the URL


def _header_minimum(path, key: str) -> int:
    with path.open("rb") as fd:
        for raw in fd:
            line = raw.decode("latin-1").strip()
            if line.startswith(key + " "):
                try:
                    return int(line.split()[1])
                except (IndexError, ValueError):
                    return 0
    return 0


def minimums(lang: str) -> tuple[int, int]:
    """(left, right) letters kept together: ours, or the dictionary's when larger."""
    path = pyphen.LANGUAGES[DICTIONARIES[lang]]
    return (
        max(LEFT_MIN, _header_minimum(path, "LEFTHYPHENMIN")),
        max(RIGHT_MIN, _header_minimum(path, "RIGHTHYPHENMIN")),
    )


@cache
def pyphen_for(lang: str) -> pyphen.Pyphen:
    """pyphen with the same minimums as the browser (the PDF and the tests use it)."""
    chosen = clean(lang) or DEFAULT
    left, right = minimums(chosen)
    return pyphen.Pyphen(lang=DICTIONARIES[chosen], left=left, right=right)


def _pattern_strings(hyph: pyphen.HyphDict) -> list[str]:
    """pyphen's parsed patterns back as 'a4b' strings (digit before the letter it precedes)."""
    out = []
    for letters, (start, values) in hyph.patterns.items():
        if any(getattr(v, "data", None) for v in values):
            continue  # a non-standard (letter-changing) break: soft hyphens cannot do it
        full = [0] * (len(letters) + 1)
        for i, value in enumerate(values):
            full[start + i] = int(value)
        text = "".join((str(d) if d else "") + ch for d, ch in zip(full, letters, strict=False))
        out.append(text + (str(full[-1]) if full[-1] else ""))
    out.sort()
    return out


def front_coded(strings: list[str]) -> str:
    """Sorted strings, each as one character giving how many leading characters it
    shares with the one before ('0'–'9') and then the rest: 'a4b a4c' → '0a4b 3c'.
    16,256 Dutch patterns: 117 KB as plain text (51 KB gzip), 83 KB (37 KB gzip) so."""
    out = []
    prev = ""
    for text in strings:
        n = 0
        while n < 9 and n < len(text) and n < len(prev) and text[n] == prev[n]:
            n += 1
        out.append(f"{n}{text[n:]}")
        prev = text
    return " ".join(out)


@cache
def patterns(lang: str) -> Patterns:
    hyph = pyphen_for(lang).hd
    left, right = minimums(lang)
    data = {
        "lang": lang,
        "left": left,
        "right": right,
        "minWord": MIN_WORD,
        "source": f"pyphen {pyphen.__version__}, hyph_{DICTIONARIES[lang]}.dic (LibreOffice)",
        "patterns": front_coded(_pattern_strings(hyph)),
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Patterns(lang, body, gzip.compress(body, 9, mtime=0), hashlib.sha256(body).hexdigest()[:12])


def patterns_url(lang: str | None) -> str:
    """Versioned URL of a language's patterns, for <link data-hyphenation> in layout.html."""
    chosen = clean(lang) or DEFAULT
    return url_for("hyphenation.serve", lang=chosen, v=patterns(chosen).version)


@bp.get("/hyphenation/<lang>.json")
def serve(lang: str):
    if clean(lang) is None:
        abort(404)
    found = patterns(lang)
    # Same rules as the static files (app/assets.py): the URL the pages use names the
    # content's hash and is cached for good; any other (an old page, a typed URL) is
    # revalidated, since it changes with the next pyphen upgrade.
    return assets.send(
        found.body,
        version=found.version,
        mimetype="application/json",
        gzipped=found.gzipped,
        requested=request.args.get("v"),
    )
