// UI texts in the page's language. Every text is written in Dutch inside t("…"),
// which is also how `pybabel extract -k t` finds it for translations/*/messages.po.
// The page's language is <html lang>, set by the server (the session's language,
// or the phone's own choice); its catalogue (Dutch → that language) comes from
// GET /i18n/<lang>.json before any module that imports this one runs (top-level
// await). A text missing from the catalogue stays Dutch.

export const COOKIE = "flipover_lang";
export const lang = document.documentElement.lang || "nl";

let catalogue = {};
if (lang !== "nl") {
  try {
    const res = await fetch(`/i18n/${encodeURIComponent(lang)}.json`);
    if (res.ok) catalogue = await res.json();
  } catch { /* offline: Dutch it is */ }
}

/** The translation of Dutch `text`, with `%(name)s` filled in from `vars`. */
export function t(text, vars) {
  const out = Object.prototype.hasOwnProperty.call(catalogue, text) ? catalogue[text] : text;
  if (!vars) return out;
  return out.replace(/%\((\w+)\)s/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** The phone's own UI language: remembered in a cookie (so the server renders the page in it) and localStorage. */
export function chooseLanguage(code) {
  const value = code === "nl" || code === "en" ? code : "";
  document.cookie = `${COOKIE}=${value}; path=/; max-age=${value ? 60 * 60 * 24 * 365 : 0}; samesite=lax`;
  try {
    if (value) localStorage.setItem(COOKIE, value); else localStorage.removeItem(COOKIE);
  } catch { /* private mode */ }
  location.reload();
}

/** True when this phone chose a language of its own (else it follows the session). */
export function hasOwnLanguage() {
  return document.cookie.split("; ").some((c) => c.startsWith(`${COOKIE}=`) && c.length > COOKIE.length + 1);
}
