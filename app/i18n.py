"""Languages: Dutch (the source language, the default) and English.

Every user-facing string is written in Dutch and marked for translation; the Dutch
text is the msgid and ``translations/en/LC_MESSAGES/messages.po`` holds the English.
Flask-Babel translates the Jinja templates of a request (its locale selector is
:func:`select_locale`); everything else (Socket.IO acks, the PDF rendered in a
worker thread, plugin metadata) goes through :func:`gettext` here, which reads the
same compiled catalogue and works without a Flask context, in the language set with
:func:`language` (per thread/greenlet), else the request's locale, else Dutch.

JavaScript gets the same catalogue as JSON (``GET /i18n/<lang>.json``, see
``static/js/i18n.js``); Dutch needs none, a missing translation falls back to the msgid.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.support import NullTranslations, Translations
from flask import Blueprint, Flask, current_app, g, has_app_context, has_request_context, jsonify, request
from flask_babel import Babel, LazyString
from flask_babel import get_locale as babel_locale

from app.config import ROOT

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT = "nl"
TRANSLATIONS_DIR = ROOT / "translations"
# The phone's own choice of UI language (set by static/js/i18n.js); pages and API errors follow it.
COOKIE = "flipover_lang"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

_local = threading.local()  # green under eventlet: one value per greenlet
bp = Blueprint("i18n", __name__)


def clean(value: object) -> str | None:
    """A supported language code, or None (anything else a client sends is ignored)."""
    return value if isinstance(value, str) and value in LANGUAGES else None


@cache
def _translations(lang: str) -> NullTranslations:
    if lang == DEFAULT:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


def current_language() -> str:
    forced = getattr(_local, "lang", None)
    if forced:
        return forced
    if has_app_context() and "babel" in current_app.extensions:
        locale = babel_locale()
        if locale is not None and locale.language in LANGUAGES:
            return locale.language
    return DEFAULT


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use ``lang`` (default Dutch) for every gettext call inside, in this thread/greenlet."""
    chosen = clean(lang) or DEFAULT
    before = getattr(_local, "lang", None)
    _local.lang = chosen
    try:
        yield chosen
    finally:
        _local.lang = before


def gettext(msgid: str, **variables: Any) -> str:
    """The translation of ``msgid`` (Dutch) in the current language; ``%(name)s`` filled in."""
    text = _translations(current_language()).gettext(msgid)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    variables.setdefault("num", n)
    text = _translations(current_language()).ngettext(singular, plural, n)
    return text % variables


_ = gettext


def lazy_gettext(msgid: str, **variables: Any) -> LazyString:
    """Translated when used (str(), %, JSON), in the language in force then: for
    module-level texts such as phase titles, category labels and default prompts."""
    return LazyString(gettext, msgid, **variables)


def translate(value: Any) -> Any:
    """A lazy string as plain text in the current language; anything else as is."""
    return str(value) if isinstance(value, LazyString) else value


def format_date(iso: str, lang: str | None = None) -> str:
    """'2026-11-27T…' → '27 november 2026' / 'November 27, 2026'."""
    day = date.fromisoformat(iso[:10])
    return babel_format_date(day, format="long", locale=clean(lang) or current_language())


def catalogue(lang: str) -> dict[str, str]:
    """msgid → translation for the JavaScript helper (only translated entries)."""
    translations = _translations(lang)
    catalog = getattr(translations, "_catalog", {})
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k and v}


# --- Flask wiring --------------------------------------------------------------------------


def select_locale() -> str:
    """A page handler may decide (``g.flipover_lang``: the session's or the phone's
    language); else ``?lang=``, else the phone's cookie, else Dutch."""
    chosen = getattr(g, "flipover_lang", None) if has_app_context() else None
    if chosen:
        return chosen
    if has_request_context():
        return clean(request.args.get("lang")) or clean(request.cookies.get(COOKIE)) or DEFAULT
    return DEFAULT


def use_page_language(lang: str | None) -> str:
    """Render this request's templates in ``lang``."""
    g.flipover_lang = clean(lang) or DEFAULT
    return g.flipover_lang


def phone_language(session_language: str | None) -> str:
    """A phone's own choice (its cookie) wins over the session language."""
    return clean(request.cookies.get(COOKIE)) or clean(session_language) or DEFAULT


@bp.get("/i18n/<lang>.json")
def js_catalogue(lang: str):
    """The catalogue for static/js/i18n.js: {dutch: translation}."""
    if clean(lang) is None:
        return jsonify({"error": gettext("Onbekende taal.")}), 404
    response = jsonify(catalogue(lang))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_locale=DEFAULT,
        default_translation_directories=str(TRANSLATIONS_DIR),
    )
    # Templates use the same gettext as the rest, so language() applies to them too.
    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.register_blueprint(bp)

    @app.context_processor
    def language_context() -> dict[str, Any]:
        return {
            "page_lang": current_language(),
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "format_date": format_date,
        }
