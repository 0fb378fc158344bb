// Board for `vragen-en-zorgen`: the open questions, concerns and expectations, most
// supported first (the +1 count leads the text), and the answered ones in a column of
// their own with their short answer. Both columns are walls (static/js/fit.js) in `flow`
// packing, so the order by support reads top to bottom; a full room shrinks to the floor,
// clamps, then pages like every other board. Never a name: the format is anonymous for
// everyone (Workform.always_anonymous).
import { wallElement } from "/static/js/fit.js";
import { t } from "/static/js/i18n.js";
import { el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/vragen-en-zorgen/static/style.css";

export const supportOf = (note) => {
  const n = note.data && note.data.steun;
  return Number.isInteger(n) && n > 0 ? n : 0;
};
export const isAnswered = (note) => Boolean(note.data && note.data.beantwoord);
/** Most support first; equal support in the order they were asked (as the report). */
export const bySupport = (notes) => [...notes].sort((a, b) => supportOf(b) - supportOf(a) || a.id - b.id);

function item(note, view) {
  const box = view.noteElement(note, view.meta, { fresh: view.fresh && view.fresh.has(note.id), showAuthor: false });
  const votes = supportOf(note);
  // The support leads the text's first line: a line of its own would cost a line per note.
  if (votes) box.querySelector(".note__text").prepend(el("span", "note__badge vz-support", `+${votes}`), " ");
  if (isAnswered(note) && note.data.antwoord) box.append(el("span", "vz-answer clamp", t("Antwoord: %(text)s", { text: note.data.antwoord })));
  return box;
}

export function render(container, view) {
  useStylesheet(CSS);
  container.replaceChildren();
  if (!view.notes.length) {
    container.append(el("p", "board__empty", t("Nog geen vragen. Scan de QR-code en stel anoniem je vraag, zorg of verwachting.")));
    return;
  }
  const open = bySupport(view.notes.filter((n) => !isAnswered(n)));
  const done = bySupport(view.notes.filter(isAnswered));
  // A few answers take one narrow column; the open items keep the rest of the wall.
  const wrap = el("div", done.length ? (done.length <= 4 ? "vz-areas vz-areas--few" : "vz-areas") : "vz-areas vz-areas--one");
  const area = (slug, title, notes, empty) => {
    const section = el("section", `vz-area vz-area--${slug}`);
    section.dataset.area = slug;
    section.append(el("h2", "vz-area__title", title));
    if (notes.length) {
      const wall = wallElement("board__grid", { flow: true });
      for (const note of notes) wall.append(item(note, view));
      section.append(wall);
    } else section.append(el("p", "vz-area__empty", empty));
    wrap.append(section);
  };
  area("open", t("Open (%(n)s): meeste steun bovenaan", { n: open.length }), open, t("Alles is beantwoord."));
  if (done.length) area("beantwoord", t("Beantwoord (%(n)s)", { n: done.length }), done, "");
  container.append(wrap);
}
