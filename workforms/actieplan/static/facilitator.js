// Facilitator module for `actieplan`: add actions live, edit them inline.
// The form is built once per activity and keeps what is typed; the table is
// redrawn after every change unless the facilitator is typing in it.
import { STATUSES, actionOf, dutchDate, el, ensureStyle } from "./common.js";
import { t } from "/static/js/i18n.js";

function newId() {
  const b = crypto.getRandomValues(new Uint8Array(12));
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

function input(type, label, attrs = {}) {
  const box = el("label", "ap-field");
  box.append(el("span", "", label));
  const field = el(type === "select" ? "select" : "input");
  if (type === "select") for (const [slug, text] of STATUSES) field.append(new Option(text, slug));
  else field.type = type;
  for (const [k, v] of Object.entries(attrs)) field.setAttribute(k, v);
  box.append(field);
  return [box, field];
}

function buildForm(root) {
  const form = el("form", "ap-form");
  form.setAttribute("aria-label", t("Nieuwe actie"));
  const [whatBox, what] = input("text", t("Wat"), { maxlength: "280", name: "what", required: "" });
  const [whoBox, who] = input("text", t("Wie"), { maxlength: "80", name: "who", required: "" });
  const [dueBox, due] = input("date", t("Wanneer"), { name: "due" });
  const [statusBox, status] = input("select", t("Status"), { name: "status" });
  const add = el("button", "primary", t("Actie toevoegen"));
  add.type = "submit";
  const error = el("p", "error ap-error");
  error.setAttribute("role", "alert");
  form.append(whatBox, whoBox, dueBox, statusBox, add, error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const view = root._view;
    const ack = await view.send("actieplan:add", {
      activity_id: view.activity.id, client_id: form.dataset.clientId, what: what.value, who: who.value,
      due: due.value, status: status.value,
    });
    error.textContent = ack.ok ? "" : ack.error;
    if (!ack.ok) return;
    form.reset();
    form.dataset.clientId = newId();
    what.focus();
  });
  form.dataset.clientId = newId();
  return form;
}

function drawTable(wrap, view) {
  const actions = view.notes.filter((n) => !n.hidden).map(actionOf);
  if (!actions.length) {
    wrap.replaceChildren(el("p", "hint", t("Nog geen acties. Vul ze hierboven in, of gebruik “→ Actieplan” bij een post-it.")));
    return;
  }
  const table = el("table", "ap-table ap-table--edit");
  const head = el("tr");
  for (const h of [t("Wat"), t("Wie"), t("Wanneer"), t("Status"), ""]) head.append(el("th", "", h));
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  const update = (id, fields) => view.send("actieplan:update", { activity_id: view.activity.id, note_id: id, ...fields });
  for (const a of actions) {
    const tr = el("tr");
    tr.dataset.actionId = a.id;
    const cells = [
      ["what", "text", a.what, { maxlength: "280", "aria-label": t("Wat") }],
      ["who", "text", a.who, { maxlength: "80", "aria-label": t("Wie"), placeholder: t("Wie?") }],
      ["due", "date", a.due, { "aria-label": t("Wanneer (nu: %(due)s)", { due: dutchDate(a.due) }) }],
    ];
    for (const [key, type, value, attrs] of cells) {
      const td = el("td", `ap-${key}`);
      const field = el("input");
      field.type = type;
      field.name = key;
      field.value = value;
      for (const [k, v] of Object.entries(attrs)) field.setAttribute(k, v);
      field.addEventListener("change", () => update(a.id, { [key]: field.value }));
      td.append(field);
      if (key === "what" && a.source) td.append(el("span", "ap-source", t("uit: %(source)s", { source: a.source })));
      tr.append(td);
    }
    const statusTd = el("td", "ap-status");
    const select = el("select");
    select.name = "status";
    select.setAttribute("aria-label", t("Status"));
    for (const [slug, text] of STATUSES) select.append(new Option(text, slug, false, slug === a.status));
    select.addEventListener("change", () => update(a.id, { status: select.value }));
    statusTd.append(select);
    const delTd = el("td");
    const del = el("button", "small", t("Verwijderen"));
    del.type = "button";
    del.addEventListener("click", async () => {
      if (!confirm(t("Deze actie verwijderen?"))) return;
      // The server resends the phones' list (activity.extra) itself (note_changed).
      await view.send("note:delete", { note_id: a.id });
    });
    delTd.append(del);
    tr.append(statusTd, delTd);
    body.append(tr);
  }
  table.append(thead, body);
  wrap.replaceChildren(table);
}

export function render(container, view) {
  ensureStyle();
  let root = container.querySelector(".ap-fac");
  if (!root) {
    root = el("div", "ap-fac");
    root.append(el("h3", "", t("Actieplan")));
    root._view = view;
    root.append(buildForm(root), el("div", "ap-table-wrap"));
    container.replaceChildren(root);
  }
  root._view = view;
  const wrap = root.querySelector(".ap-table-wrap");
  if (!wrap.contains(document.activeElement)) drawTable(wrap, view);
}
