// Facilitator for `doelstellingen`: the ambition, the goals (prefill several lines,
// rename, reorder, delete) through the core goal events, and the proposals to accept.
import { submitText } from "/static/js/forms.js";
import { t } from "/static/js/i18n.js";
import { button as btn, el, useStylesheet } from "/static/js/plugins.js";
const CSS = "/wf/doelstellingen/static/style.css";
const ensureCss = () => useStylesheet(CSS);

export function render(container, view) {
  ensureCss();
  // The shell keeps focus and typed text across this redraw: every field and button has a
  // data-key (or id) to be found by again.
  container.replaceChildren();
  const box = el("div", "vs-tools");

  box.append(el("h3", null, t("Ambitie")));
  const ambition = el("textarea");
  ambition.id = "vs-ambition"; ambition.rows = 2; ambition.maxLength = 600; ambition.value = view.ambition || "";
  ambition.setAttribute("aria-label", t("Ambitie van de praktijk"));
  const saveAmbition = btn(t("Ambitie opslaan"), () => view.send("ambition:set", { text: ambition.value }), "small primary");
  saveAmbition.dataset.key = "vs-ambition-save";
  box.append(ambition, saveAmbition);

  box.append(el("h3", null, t("Doelstellingen (%(n)s)", { n: view.goals.length })));
  const list = el("ol", "vs-list");
  list.id = "vs-goal-list";
  view.goals.forEach((goal, i) => {
    const li = el("li", "vs-row");
    const input = el("input");
    input.value = goal.title; input.maxLength = 200; input.dataset.key = `vs-goal-${goal.id}`;
    input.setAttribute("aria-label", t("Doelstelling %(n)s", { n: i + 1 }));
    input.addEventListener("change", () => view.send("goal:update", { goal_id: goal.id, title: input.value }));
    const up = btn("↑", () => view.send("goal:update", { goal_id: goal.id, position: i - 1 }));
    up.disabled = i === 0; up.setAttribute("aria-label", t("Omhoog"));
    const down = btn("↓", () => view.send("goal:update", { goal_id: goal.id, position: i + 1 }));
    down.disabled = i === view.goals.length - 1; down.setAttribute("aria-label", t("Omlaag"));
    const del = btn(t("Verwijderen"), () => { if (confirm(t("‘%(title)s’ verwijderen?", { title: goal.title }))) view.send("goal:delete", { goal_id: goal.id }); });
    up.dataset.key = `vs-goal-${goal.id}-up`; down.dataset.key = `vs-goal-${goal.id}-down`; del.dataset.key = `vs-goal-${goal.id}-delete`;
    li.append(input, up, down, del);
    list.append(li);
  });
  box.append(list);

  const prefill = el("textarea");
  prefill.id = "vs-prefill"; prefill.rows = 3;
  prefill.placeholder = t("Uit het jaarplan of de visie: één doelstelling per regel");
  prefill.setAttribute("aria-label", t("Doelstellingen toevoegen, één per regel"));
  const addGoals = btn(t("Doelstellingen toevoegen"), () =>
    submitText(prefill, (lines) => view.send("doelstellingen:vooraf", { activity_id: view.activity.id, lines })), "small primary");
  addGoals.dataset.key = "vs-prefill-add";
  box.append(prefill, addGoals);

  const support = (view.activity.extra && view.activity.extra.support) || {};
  const goalIds = new Set(view.goals.map((g) => g.id));
  const open = view.notes.filter((n) => !n.hidden && !goalIds.has(n.data && n.data.goal_id));
  box.append(el("h3", null, t("Voorstellen (%(n)s)", { n: open.length })));
  if (!open.length) box.append(el("p", "hint", t("Nog geen open voorstellen. Voeg voorstellen samen met ‘Plak bij’ hieronder.")));
  const proposals = el("ul", "vs-list");
  proposals.id = "vs-proposals";
  for (const note of [...open].sort((a, b) => (support[b.id] || 0) - (support[a.id] || 0))) {
    const li = el("li", "vs-row");
    li.append(el("span", null, note.text), el("span", "vs-support", `+${support[note.id] || 0}`));
    const accept = btn(t("Accepteren"), () => view.send("doelstellingen:accepteer", { activity_id: view.activity.id, note_id: note.id }), "small primary");
    const acceptAs = btn(t("Accepteren als…"), () => {
      const title = prompt(t("Naam van de doelstelling"), note.text);
      if (title) view.send("doelstellingen:accepteer", { activity_id: view.activity.id, note_id: note.id, title });
    });
    accept.dataset.key = `vs-accept-${note.id}`; acceptAs.dataset.key = `vs-accept-as-${note.id}`;
    li.append(accept, acceptAs);
    proposals.append(li);
  }
  box.append(proposals);
  container.append(box);
}
