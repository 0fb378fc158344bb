// One "choose where this goes" dialog for the whole page, built the first time it
// is needed, instead of a <select> with every other note on every note (150 notes
// made 22,500 options). A modal <dialog>: focus moves to its filter field, Tab
// and the arrow keys walk the choices, Enter picks, Escape cancels, and closing
// returns the focus to the button that opened it.

import { fold } from "./forms.js";
import { t } from "./i18n.js";

let dialog = null;
let parts = null;
let choices = [];
let settle = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function build() {
  dialog = el("dialog", "picker");
  dialog.id = "picker";
  dialog.setAttribute("aria-labelledby", "picker-title");
  const title = el("h2", "picker__title");
  title.id = "picker-title";
  const subject = el("p", "picker__subject");
  const label = el("label", null, t("Zoeken"));
  label.htmlFor = "picker-filter";
  const filter = el("input");
  filter.id = "picker-filter";
  filter.type = "search";
  filter.autocomplete = "off";
  filter.setAttribute("aria-controls", "picker-list");
  const count = el("p", "hint");
  count.setAttribute("role", "status");
  const list = el("ul", "picker__list");
  list.id = "picker-list";
  list.setAttribute("aria-labelledby", "picker-title");
  const cancel = el("button", null, t("Annuleren"));
  cancel.type = "button";
  cancel.addEventListener("click", () => dialog.close());
  const foot = el("div", "toolbar");
  foot.append(cancel);
  dialog.append(title, subject, label, filter, count, list, foot);
  parts = { title, subject, filter, count, list };
  filter.addEventListener("input", draw);
  filter.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); move(list.querySelector("button"), null); }
    if (e.key === "Enter") {
      e.preventDefault();
      const only = list.querySelectorAll("button");
      if (only.length === 1) only[0].click();
    }
  });
  list.addEventListener("keydown", (e) => {
    const buttons = [...list.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(buttons[to], filter);
  });
  dialog.addEventListener("close", () => {
    const done = settle;
    settle = null;
    if (done) done(null);
  });
  document.body.append(dialog);
}

function move(target, fallback) {
  const to = target || fallback;
  if (to) { to.focus(); to.scrollIntoView({ block: "nearest" }); }
}

function draw() {
  const query = fold(parts.filter.value.trim());
  const shown = query ? choices.filter((c) => fold(c.label).includes(query)) : choices;
  parts.list.replaceChildren(...shown.map((choice) => {
    const li = el("li");
    const b = el("button", "picker__choice", choice.label);
    b.type = "button";
    b.addEventListener("click", () => {
      const done = settle;
      settle = null;
      dialog.close();
      if (done) done(choice);
    });
    li.append(b);
    return li;
  }));
  parts.count.textContent = shown.length === choices.length
    ? t("%(n)s mogelijkheden", { n: choices.length })
    : t("%(shown)s van %(n)s", { shown: shown.length, n: choices.length });
}

/**
 * Ask the user for one of `options` ({label, ...}); resolves to the chosen option, or null
 * when cancelled. `title` heads the dialog, `subject` (optional) says what is being moved.
 */
export function pick({ title, subject, options }) {
  if (!dialog) build();
  if (settle) settle(null);
  choices = options;
  parts.title.textContent = title;
  parts.subject.textContent = subject || "";
  parts.subject.hidden = !subject;
  parts.filter.value = "";
  draw();
  return new Promise((resolve) => {
    settle = resolve;
    dialog.showModal();
    parts.filter.focus();
  });
}
