// Facilitator module for `processen-en-ict`: choose a preset, name the process,
// add/rename/reorder/delete steps with roles, systems and "digitaal", make the
// desired process (a copy), switch what board and phones show, link to goals; under
// each step its notes per row (wishes, improvements, possibilities, actions): add, edit, remove.
// Every change goes to the server, which applies it to the latest state.
import { EFFECTS, ROWS, VIEW_TITLES, activeView, ensureStyle, h, notesOf, questionsList, systemsLine } from "./common.js";
import { onSubmitText, submitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";

const ROLES = [t("HA"), t("DA"), t("POH"), t("Patiënt")];
const list = (value) => value.split(",").map((s) => s.trim()).filter(Boolean);

// The shell calls render only when the view changed, and puts the focus, typed text and
// selection back into the field with the same data-key afterwards.
export function render(container, view) {
  ensureStyle();
  upgradeOnce(view);
  container.replaceChildren(build(view));
}

// A session stored before the rows were notes still has them as text: the server turns
// them into notes of their rows once (idempotent, so two tabs asking at once is harmless).
const upgrading = new Set();
function upgradeOnce(view) {
  const extra = view.activity.extra || {};
  if (!extra.legacy || upgrading.has(view.activity.id)) return;
  upgrading.add(view.activity.id);
  view.send("processen-en-ict:upgrade", { activity_id: view.activity.id }).finally(() => upgrading.delete(view.activity.id));
}

function clientId() {
  return crypto.randomUUID ? crypto.randomUUID().replaceAll("-", "") : `${Date.now()}${Math.random().toString(16).slice(2)}`;
}

async function send(view, event, payload) {
  const full = { activity_id: view.activity.id, ...payload };
  let ack = await view.send(`processen-en-ict:${event}`, full);
  if (!ack.ok && ack.needs_confirm && confirm(ack.error)) ack = await view.send(`processen-en-ict:${event}`, { ...full, confirm: true });
  return ack;
}

function build(view) {
  const extra = view.activity.extra || {};
  const { name, view: process } = activeView(extra);
  const root = h("div", { class: "pi-fac" });

  const preset = h("select", { "data-key": "preset", "aria-label": t("Voorbeeldproces") });
  for (const p of extra.presets || []) preset.append(new Option(t(p.title), p.slug));
  root.append(h("fieldset", {}, h("legend", { text: t("Proces") }),
    h("div", { class: "pi-tools" }, preset,
      h("button", { type: "button", class: "small", text: t("Voorbeeld laden"), onclick: () => send(view, "preset", { preset: preset.value }) })),
    h("div", { class: "pi-tools" },
      ...Object.entries(VIEW_TITLES).map(([key, title]) => h("button", {
        type: "button", class: `small${key === name ? " primary" : ""}`, text: title, "aria-pressed": String(key === name),
        disabled: !extra.views || !extra.views[key],
        onclick: () => send(view, "show", { view: key }),
      })),
      h("button", { type: "button", class: "small", text: extra.views && extra.views.gewenst ? t("Gewenst proces opnieuw kopiëren") : t("Gewenst proces maken (kopie van huidig)"), onclick: () => send(view, "desired", {}) }),
    ),
    ...[["name", t("Naam van het proces")], ["start", t("Start")], ["end", t("Einde")]].map(([key, label]) => {
      const input = h("input", { "data-key": `process-${name}-${key}`, "aria-label": `${label} (${VIEW_TITLES[name]})`, placeholder: label, maxlength: 120 });
      input.value = process[key] || "";
      input.addEventListener("change", () => send(view, "process", { view: name, [key]: input.value }));
      return input;
    }),
  ));

  const steps = h("ol", { class: "pi-steps" });
  (process.steps || []).forEach((step, i) => steps.append(stepItem(view, name, step, i, process.steps.length)));
  const newName = h("input", { "data-key": `new-step-${name}`, placeholder: t("Nieuwe stap"), "aria-label": t("Naam van de nieuwe stap"), maxlength: 120 });
  const add = h("form", { class: "pi-tools", onsubmit: (e) => {
    e.preventDefault();
    submitText(newName, (text) => send(view, "step-add", { view: name, name: text }));
  } }, newName, h("button", { type: "submit", class: "small primary", text: t("Stap toevoegen") }));
  root.append(h("fieldset", {}, h("legend", { text: t("Stappen — %(view)s (%(n)s; advies 5 tot 8)", { view: VIEW_TITLES[name], n: (process.steps || []).length }) }), steps, add));

  const goals = h("div", {});
  for (const goal of view.goals || []) goals.append(linkRow(view, extra, goal));
  if (!(view.goals || []).length) goals.append(h("p", { class: "hint", text: t("Deze bijeenkomst heeft nog geen doelstellingen.") }));
  root.append(h("fieldset", {}, h("legend", { text: t("Koppeling aan de doelstellingen") }), goals));
  root.append(h("details", {}, h("summary", { text: t("Vragen bij uitwerken van een proces (staan ook op bord en telefoons)") }), questionsList(extra, "pi-questions")));
  return root;
}

function stepItem(view, viewName, step, index, count) {
  const key = (k) => `step-${viewName}-${step.id}-${k}`;
  const nameInput = h("input", { "data-key": key("name"), "aria-label": t("Naam van stap %(n)s", { n: index + 1 }), maxlength: 120 });
  nameInput.value = step.name;
  nameInput.addEventListener("change", () => send(view, "step-update", { view: viewName, step_id: step.id, name: nameInput.value }));
  const roleBoxes = ROLES.map((role) => {
    const box = h("input", { type: "checkbox", "data-key": key(`role-${role}`) });
    box.checked = step.roles.includes(role);
    box.addEventListener("change", () => {
      const roles = box.checked ? [...step.roles, role] : step.roles.filter((r) => r !== role);
      send(view, "step-update", { view: viewName, step_id: step.id, roles });
    });
    return h("label", { class: "pi-check" }, box, document.createTextNode(role));
  });
  const other = h("input", { "data-key": key("roles"), placeholder: t("Andere rollen (komma's)"), "aria-label": t("Andere rollen bij stap %(n)s", { n: index + 1 }) });
  other.value = step.roles.filter((r) => !ROLES.includes(r)).join(", ");
  other.addEventListener("change", () => send(view, "step-update", {
    view: viewName, step_id: step.id, roles: [...step.roles.filter((r) => ROLES.includes(r)), ...list(other.value)],
  }));
  const systems = h("input", { "data-key": key("systems"), placeholder: t("Systemen (komma's), bijv. HIS, portaal"), "aria-label": t("Systemen bij stap %(n)s", { n: index + 1 }) });
  systems.value = step.systems.join(", ");
  systems.addEventListener("change", () => send(view, "step-update", { view: viewName, step_id: step.id, systems: list(systems.value) }));
  const unsure = step.uncertain_systems || [];
  const unsureBoxes = step.systems.map((system) => {
    const box = h("input", { type: "checkbox", "data-key": key(`unsure-${system}`) });
    box.checked = unsure.includes(system);
    box.addEventListener("change", () => send(view, "step-update", {
      view: viewName, step_id: step.id,
      uncertain_systems: box.checked ? [...unsure, system] : unsure.filter((s) => s !== system),
    }));
    return h("label", { class: "pi-check" }, box, document.createTextNode(t("%(system)s onzeker", { system })));
  });
  const alts = h("textarea", {
    class: "pi-alts", "data-key": key("alternatives"), rows: 3,
    placeholder: t("Alternatieven, één per regel (maximaal 4)"),
    "aria-label": t("Alternatieven bij stap %(n)s, één per regel (maximaal 4)", { n: index + 1 }),
  });
  alts.value = (step.alternatives || []).join("\n");
  alts.addEventListener("change", () => send(view, "step-update", {
    view: viewName, step_id: step.id, alternatives: alts.value.split("\n").map((s) => s.trim()).filter(Boolean),
  }));
  const digital = h("input", { type: "checkbox", "data-key": key("digital") });
  digital.checked = Boolean(step.digital);
  digital.indeterminate = step.digital === null || step.digital === undefined; // not stated (a preset)
  digital.addEventListener("change", () => send(view, "step-update", { view: viewName, step_id: step.id, digital: digital.checked }));
  return h("li", { "data-step": step.id },
    h("div", { class: "pi-tools" }, h("strong", { text: `${index + 1}.` }), nameInput,
      h("button", { type: "button", class: "small", text: "↑", "aria-label": t("Stap naar voren"), disabled: index === 0, onclick: () => send(view, "step-move", { view: viewName, step_id: step.id, to: index - 1 }) }),
      h("button", { type: "button", class: "small", text: "↓", "aria-label": t("Stap naar achteren"), disabled: index === count - 1, onclick: () => send(view, "step-move", { view: viewName, step_id: step.id, to: index + 1 }) }),
      h("button", { type: "button", class: "small danger", text: t("Verwijderen"), onclick: () => { if (confirm(t("Stap ‘%(name)s’ verwijderen? De post-its blijven in het verslag.", { name: step.name }))) send(view, "step-delete", { view: viewName, step_id: step.id }); } }),
    ),
    h("div", {}, ...roleBoxes, other),
    h("div", { class: "pi-tools" }, systems, h("label", { class: "pi-check" }, digital, document.createTextNode(t("Nu digitaal")))),
    unsureBoxes.length ? h("div", { class: "pi-tools" }, systemsLine(step, "hint"), ...unsureBoxes) : null,
    h("div", { class: "pi-tools" }, h("span", { class: "hint", "aria-hidden": "true", text: t("Alternatieven") }), alts),
    stepNotes(view, viewName, step, index),
  );
}

const chosenRow = new Map(); // the row picked for a step's next note survives redraws

// The step's notes per row: each editable in place (the core's note:update) and removable
// (note:delete); a new one in a chosen row (processen-en-ict:note-add, in any phase).
function stepNotes(view, viewName, step, index) {
  const box = h("div", { class: "pi-notes", "data-step-notes": step.id });
  for (const [row, label] of ROWS) {
    const notes = notesOf(view.notes, viewName, step.id, row);
    if (!notes.length) continue;
    const list = h("ul", { "aria-label": t("%(row)s bij stap %(n)s", { row: label, n: index + 1 }) });
    for (const note of notes) {
      const key = `pi-note-${note.id}`;
      const field = h("input", { "data-key": `${key}-text`, maxlength: 280, "aria-label": t("%(row)s: tekst", { row: label }) });
      field.value = note.text;
      field.addEventListener("change", () => {
        if (field.value.trim() && field.value !== note.text) view.send("note:update", { note_id: note.id, text: field.value });
      });
      list.append(h("li", { "data-note": note.id }, field,
        h("button", { type: "button", class: "small danger", "data-key": `${key}-delete`, text: t("Verwijderen"),
          "aria-label": t("Verwijderen: %(text)s", { text: note.text }),
          onclick: () => { if (confirm(t("Post-it verwijderen?"))) view.send("note:delete", { note_id: note.id }); } })));
    }
    box.append(h("h4", { text: label }), list);
  }
  if (!box.children.length) box.append(h("p", { class: "hint", text: t("Nog geen post-its.") }));
  const rowKey = `pi-new-${viewName}-${step.id}`;
  const row = h("select", { "data-key": `${rowKey}-row`, "aria-label": t("Soort post-it bij stap %(n)s", { n: index + 1 }) });
  for (const [slug, label] of ROWS) row.append(new Option(label, slug));
  row.value = chosenRow.get(rowKey) || "wens";
  row.addEventListener("change", () => chosenRow.set(rowKey, row.value));
  const text = h("input", { "data-key": `${rowKey}-text`, maxlength: 280, placeholder: t("Nieuwe post-it"),
    "aria-label": t("Nieuwe post-it bij stap %(n)s", { n: index + 1 }) });
  const form = h("form", { class: "pi-tools" }, row, text, h("button", { type: "submit", class: "small", text: t("Post-it toevoegen") }));
  onSubmitText(form, text, (value) => view.send("processen-en-ict:note-add", {
    activity_id: view.activity.id, view: viewName, step_id: step.id, category: row.value, text: value, client_id: clientId(),
  }));
  box.append(form);
  return box;
}

function linkRow(view, extra, goal) {
  const link = (extra.linkage || {})[String(goal.id)] || {};
  const effect = h("select", { "data-key": `link-${goal.id}-effect`, "aria-label": t("Effect op %(goal)s", { goal: goal.title }) });
  effect.append(new Option(t("— nog niet gekozen —"), ""));
  for (const [value, label] of Object.entries(EFFECTS)) effect.append(new Option(label, value));
  effect.value = link.effect || "";
  const why = h("input", { "data-key": `link-${goal.id}-why`, placeholder: t("Korte toelichting"), "aria-label": t("Toelichting bij %(goal)s", { goal: goal.title }), maxlength: 300 });
  why.value = link.toelichting || "";
  const save = () => send(view, "link", { goal_id: goal.id, effect: effect.value || null, toelichting: why.value });
  effect.addEventListener("change", save);
  why.addEventListener("change", () => { if (effect.value) save(); });
  return h("div", { class: "pi-tools" }, h("strong", { text: goal.title }), effect, why);
}
