// Soft hyphens (U+00AD) in long words, on every page, for every work format.
//
// Why not CSS alone: Debian's Chromium ships no hyphenation dictionaries. Checked
// with Chromium 156.0.8078.114 headless: <html lang="nl">, `hyphens: auto`, a 120 px
// box holding "Ketenzorgprogrammacoördinatieoverleg" — no hyphen, the word overflows
// (and with `overflow-wrap: anywhere` it breaks mid-syllable: "Terugbelverzo|ek").
// Chrome elsewhere fetches its dictionaries on demand, which a laptop on the practice
// Wi-Fi cannot. A word with soft hyphens breaks only at them, with a visible hyphen,
// in every browser, whatever `hyphens` says (except `none`).
//
// The patterns are LibreOffice's (OpenTaal's Dutch, or English) from the pyphen
// package, served by the app (app/hyphenation.py, GET /hyphenation/<lang>.json in the
// session's language, preloaded by <link data-hyphenation> in templates/layout.html, or
// on the phone fetched once a long word shows (see load()), cached for a year, 37 KB gzip
// for Dutch), parsed once per page. Liang's algorithm here gives the same points as pyphen with the same
// minimums (tests/test_browser_hyphenation.py compares them word by word); the PDF
// uses pyphen itself through reportlab.
//
// One MutationObserver on <body> covers everything any module renders (notes, group
// names, keywords, matrix items, process steps …) without the modules knowing. It
// only changes the text of Text nodes, never markup: user text stays text. Skipped:
// form fields, script/style, SVG (no line breaking there), [contenteditable] and
// anything inside [data-nohyphen]. The copy handler takes the soft hyphens out again.
//
// A module that measures text right after rendering (to fit the board) can call
// hyphenateElement(el) first: it is synchronous once `ready` has resolved. Text that
// got hyphens later (the observer runs as a microtask, after the renderer's own code)
// is announced with a "flipover:hyphenated" event on document, to measure again: a
// word that breaks only at its hyphens can need one line more than one cut anywhere.

const SHY = "\u00ad";
const SKIP = "input, textarea, select, option, script, style, noscript, svg, [contenteditable]:not([contenteditable=false]), [data-nohyphen], [aria-label]";
// A word: letters and marks; soft hyphens count as part of it, so a word already
// hyphenated (by this module, or typed so) is left as it is.
const WORD = /[\p{L}\p{M}\u00ad]+/gu;

let dict = null; // { map: Map<letters, number[]>, maxLen, left, right, minWord }
const words = new Map(); // word → hyphenated word (per page; a meeting repeats its words)
let longRun = /[\p{L}\p{M}]{10}/u;

/** Parse the served pattern file: front-coded TeX patterns ("0.1b4 2c2u …"). */
export function parsePatterns(data) {
  const map = new Map();
  let maxLen = 0;
  let prev = "";
  for (const item of data.patterns.split(" ")) {
    const pattern = prev.slice(0, item.charCodeAt(0) - 48) + item.slice(1);
    prev = pattern;
    let letters = "";
    const values = [];
    let digit = 0;
    for (const ch of pattern) {
      if (ch >= "0" && ch <= "9") {
        digit = ch.charCodeAt(0) - 48;
      } else {
        values.push(digit);
        digit = 0;
        letters += ch;
      }
    }
    values.push(digit); // the value after the last letter
    map.set(letters, values);
    if (letters.length > maxLen) maxLen = letters.length;
  }
  return { map, maxLen, left: data.left, right: data.right, minWord: data.minWord };
}

/** Break positions in `word` (index of the letter a hyphen goes before), Liang's algorithm. */
export function positions(word, d = dict) {
  if (!d) return [];
  const lower = word.toLowerCase();
  if (lower.length !== word.length) return []; // a letter whose lower case is longer: leave it be
  const dotted = `.${lower}.`;
  const n = dotted.length;
  const values = new Uint8Array(n + 1);
  for (let i = 0; i < n - 1; i++) {
    const stop = Math.min(i + d.maxLen, n);
    for (let j = i + 1; j <= stop; j++) {
      const found = d.map.get(dotted.slice(i, j));
      if (!found) continue;
      for (let k = 0; k < found.length; k++) if (found[k] > values[i + k]) values[i + k] = found[k];
    }
  }
  // values[p + 1] is the value between word[p - 1] and word[p] (the leading dot shifts by one).
  const out = [];
  for (let p = d.left; p <= word.length - d.right; p++) if (values[p + 1] % 2) out.push(p);
  return out;
}

/** `word` with soft hyphens at its break points (cached). */
export function hyphenateWord(word) {
  let done = words.get(word);
  if (done === undefined) {
    done = word;
    const points = positions(word);
    for (let i = points.length - 1; i >= 0; i--) done = done.slice(0, points[i]) + SHY + done.slice(points[i]);
    words.set(word, done);
  }
  return done;
}

/** Plain `text` with soft hyphens in its long words (unchanged until the patterns are in). */
export function hyphenate(text) {
  if (!dict || !longRun.test(text)) return text;
  return text.replace(WORD, (word) => (word.length < dict.minWord || word.includes(SHY) ? word : hyphenateWord(word)));
}

/** Text without the soft hyphens this module put in. */
export function plain(text) {
  return text.replaceAll(SHY, "");
}

function skipped(node) {
  const parent = node.parentElement;
  return !parent || parent.closest(SKIP) !== null;
}

let changed = 0;

function hyphenateText(node) {
  const before = node.data;
  if (!longRun.test(before) || skipped(node)) return;
  const after = hyphenate(before);
  if (after === before) return;
  node.data = after; // only real changes: our own mutation then finds nothing to do
  changed += 1;
}

/** Hyphenate every text node under `root` now (synchronously, once `ready` resolved). */
export function hyphenateElement(root) {
  if (!dict || !root) return;
  if (root.nodeType === Node.TEXT_NODE) {
    hyphenateText(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
  if (root.nodeType === Node.ELEMENT_NODE && root.closest(SKIP)) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) hyphenateText(node);
}

let observer = null;

function watch() {
  observer = new MutationObserver((records) => {
    const touched = new Set();
    for (const record of records) {
      if (record.type === "characterData") touched.add(record.target);
      else for (const node of record.addedNodes) touched.add(node);
    }
    changed = 0;
    for (const node of touched) if (node.isConnected) hyphenateElement(node);
    observer.takeRecords(); // our own changes: already hyphenated
    if (changed) document.dispatchEvent(new CustomEvent("flipover:hyphenated", { detail: { nodes: changed } }));
  });
  observer.observe(document.body, { childList: true, characterData: true, subtree: true });
}

// Copying a note (to a mail, the action plan …) gives the words as typed.
document.addEventListener("copy", (event) => {
  const selection = document.getSelection();
  const text = selection ? selection.toString() : "";
  if (!text.includes(SHY) || !event.clipboardData) return;
  event.clipboardData.setData("text/plain", plain(text));
  event.preventDefault();
});

/** Resolves once the page shows a word of at least `letters` letters (outside skipped parts). */
function longWordShown(letters) {
  const long = new RegExp(`[\\p{L}\\p{M}]{${letters}}`, "u");
  const shown = () => {
    if (!long.test(document.body.textContent)) return false; // the cheap test first
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (long.test(node.data) && !skipped(node)) return true;
    }
    return false;
  };
  return new Promise((resolve) => {
    if (shown()) return resolve();
    const waiting = new MutationObserver(() => {
      if (!shown()) return;
      waiting.disconnect();
      resolve();
    });
    waiting.observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

async function load() {
  // <link rel=preload data-hyphenation> (board, facilitator): the patterns load with the
  // page. <meta data-hyphenation data-hyphenation-from=N> (the phone, templates/phone.html):
  // only once a word of N letters is on screen. On a 360 px phone shorter words fit a line
  // whole, and a phone should not pay 37 KB of patterns up front for them (issue 17).
  const link = document.querySelector("[data-hyphenation]");
  if (!link) return false;
  const url = link.href || link.content;
  const from = Number(link.dataset.hyphenationFrom) || 0;
  if (from) await longWordShown(from);
  try {
    const res = await fetch(url);
    if (!res.ok) return false;
    dict = parsePatterns(await res.json());
  } catch {
    return false; // offline or a broken file: the pages work, only without hyphens
  }
  longRun = new RegExp(`[\\p{L}\\p{M}]{${dict.minWord}}`, "u");
  changed = 0;
  hyphenateElement(document.body);
  watch();
  if (changed) document.dispatchEvent(new CustomEvent("flipover:hyphenated", { detail: { nodes: changed } }));
  return true;
}

/** Resolves (true) once the patterns are in and the page is hyphenated; false without them. */
export const ready = load();
