"""Keep the translation catalogues in step with the code.

    python translations/build.py          # extract, update every <lang>/LC_MESSAGES/messages.po, compile .mo
    python translations/build.py compile  # only compile the .po files into .mo

Dutch is the source language: the msgids are the Dutch texts. Python and Jinja use
the usual gettext keywords plus ``_l`` (lazy); JavaScript only ``t("…")`` (with
``pybabel extract -k t`` the Python extractor would also take ``t["slug"]`` for a message).
The file mapping is babel.cfg. New texts arrive with an empty msgstr: tests/test_i18n.py
fails until each has its English translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "translations"
PY_KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
JS_KEYWORDS = {"t": None}


def extract() -> Catalog:
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    template = Catalog(project="Flipover", charset="utf-8")
    for methods, keywords in (
        ([m for m in method_map if m[1] != "javascript"], PY_KEYWORDS),
        ([m for m in method_map if m[1] == "javascript"], JS_KEYWORDS),
    ):
        for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), methods, options_map, keywords=keywords
        ):
            if filename.startswith((".venv", "translations")):
                continue
            template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def languages() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


def update(template: Catalog) -> None:
    with open(HERE / "messages.pot", "wb") as out:
        write_po(out, template, omit_header=False, no_location=True, sort_output=True, width=120)
    for folder in languages():
        po = folder / "LC_MESSAGES" / "messages.po"
        with open(po, "rb") as f:
            catalog = read_po(f, locale=folder.name)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header: a fuzzy one would be left out of the .mo
        with open(po, "wb") as out:
            write_po(out, catalog, no_location=True, sort_output=True, width=120, ignore_obsolete=True)


def compile_all() -> None:
    for folder in languages():
        with open(folder / "LC_MESSAGES" / "messages.po", "rb") as f:
            catalog = read_po(f, locale=folder.name)
        with open(folder / "LC_MESSAGES" / "messages.mo", "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        update(extract())
    compile_all()
