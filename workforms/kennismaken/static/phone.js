// Phone for `kennismaken`: your name, an optional role, and a card from the deck
// (a grid of pictures, three across). The shell's composer sends the
// explanation; noteData() adds {card, role}. Choices survive a reload.

import { cardPicture, deckOf, el, ensureStyle } from "./common.js";
import { t } from "/static/js/i18n.js";

const code = document.body.dataset.code;
const key = (name) => `flipover:${code}:${name}`;
const load = (name, fallback) => {
  try { const v = localStorage.getItem(key(name)); return v === null ? fallback : JSON.parse(v); } catch { return fallback; }
};
const save = (name, value) => { try { localStorage.setItem(key(name), JSON.stringify(value)); } catch { /* private mode */ } };

const MAX_ROLE = 40;
const browsing = new Set(); // activities whose grid is open again after a choice
let nameDraft = ""; // kept across redraws (the shell redraws on every change)

function chosen(activity) { return load(`kn-card:${activity.id}`, null); }

function nameBox(view) {
  const box = el("div", "kn-field");
  const label = el("label", "", t("Je naam"));
  label.htmlFor = "kn-name";
  const row = el("div", "kn-row");
  const input = el("input");
  input.id = "kn-name";
  input.maxLength = 40;
  input.autocomplete = "given-name";
  input.placeholder = t("Bijvoorbeeld: Anna");
  input.value = nameDraft;
  input.addEventListener("input", () => { nameDraft = input.value; });
  const button = el("button", "", t("Opslaan"));
  button.type = "button";
  const error = el("p", "error");
  error.setAttribute("role", "alert");
  const hint = el("p", "hint", t("Bij kennismaken hoort je naam bij je kaart op het scherm."));
  const submit = async () => {
    const name = input.value.trim();
    if (!name) { error.textContent = t("Vul je naam in."); input.focus(); return; }
    button.disabled = true;
    // Joining again with the same token and a name renames this participant (protocol: join).
    const ack = await view.request("join", { code, role: "participant", token: load("token", null), name });
    button.disabled = false;
    if (!ack.ok) { error.textContent = ack.error || t("Opslaan lukte niet. Probeer het opnieuw."); return; }
    save("name", name);
    if (view.me) view.me.name = ack.me.name;
    view.refresh();
  };
  button.addEventListener("click", submit);
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); submit(); } });
  row.append(input, button);
  box.append(label, row, hint, error);
  return box;
}

function roleBox(activity) {
  const box = el("div", "kn-field");
  const label = el("label", "", t("Je rol of functie (mag leeg blijven)"));
  label.htmlFor = "kn-role";
  const input = el("input");
  input.id = "kn-role";
  input.maxLength = MAX_ROLE;
  input.placeholder = t("Bijvoorbeeld: doktersassistent");
  input.value = load(`kn-role:${activity.id}`, "");
  input.addEventListener("input", () => save(`kn-role:${activity.id}`, input.value));
  box.append(label, input);
  return box;
}

function grid(view, deck, picked) {
  const group = el("div", "kn-grid");
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", t("Kies een kaart"));
  for (const card of deck) {
    const button = el("button", "kn-pick");
    button.type = "button";
    button.setAttribute("role", "radio");
    button.setAttribute("aria-checked", String(card.id === picked));
    button.dataset.card = card.id;
    button.append(cardPicture(card), el("span", "", card.label));
    button.addEventListener("click", () => {
      save(`kn-card:${view.activity.id}`, card.id);
      browsing.delete(view.activity.id);
      view.showError("");
      view.refresh();
      if (view.text) view.text.focus();
    });
    group.append(button);
  }
  return group;
}

function chosenBox(view, card) {
  const box = el("div", "kn-chosen");
  const side = el("div");
  side.append(el("strong", "", t("Jouw kaart: %(label)s", { label: card.label })));
  const again = el("button", "", t("Andere kaart kiezen"));
  again.type = "button";
  again.id = "kn-change";
  again.addEventListener("click", () => { browsing.add(view.activity.id); view.refresh(); });
  side.append(el("br"), again);
  box.append(cardPicture(card), side);
  return box;
}

export function render(area, view) {
  ensureStyle();
  // A redraw must not take the cursor out of a field the participant is typing in.
  const active = document.activeElement;
  const typing = active && ["kn-name", "kn-role"].includes(active.id) ? active.id : null;
  draw(area, view);
  const again = typing && document.getElementById(typing);
  if (again) { again.focus(); again.setSelectionRange(again.value.length, again.value.length); }
}

function draw(area, view) {
  area.replaceChildren();
  const { activity } = view;
  const deck = deckOf(activity);
  const phase = (view.meta.phases || []).find((p) => p.slug === activity.phase);
  const open = !activity.locked && (!phase || phase.posting);
  if (!open) {
    // The round: show what this person chose, as a reminder while they speak.
    const mine = view.mine.filter((n) => n.data && n.data.card);
    if (mine.length) {
      area.append(el("p", "hint", t("Jouw kaart voor het voorstelrondje:")));
      for (const n of mine) {
        const card = deck.find((c) => c.id === n.data.card);
        const box = el("div", "kn-chosen");
        box.append(cardPicture(card), el("span", "", card ? card.label : ""));
        area.append(box);
      }
    }
    return;
  }
  if (!view.me || !view.me.name) area.append(nameBox(view));
  else area.append(el("p", "hint", t("Je stelt je voor als %(name)s.", { name: view.me.name })));
  area.append(roleBox(activity));
  if (!deck.length) {
    area.append(el("p", "card", t("Er zijn nog geen kaarten. De begeleider voegt ze zo toe.")));
    return;
  }
  const picked = chosen(activity);
  const card = deck.find((c) => c.id === picked);
  if (card && !browsing.has(activity.id)) area.append(chosenBox(view, card));
  else {
    area.append(el("p", "", t("Kies een kaart die past bij jouw antwoord, en vertel hieronder waarom.")));
    area.append(grid(view, deck, picked));
  }
}

export function noteData(view) {
  const picked = chosen(view.activity);
  if (!picked) return { error: t("Kies eerst een kaart.") };
  if (!deckOf(view.activity).some((c) => c.id === picked)) return { error: t("Deze kaart is er niet meer. Kies een andere kaart.") };
  if (!view.me || !view.me.name) return { error: t("Vul eerst je naam in en tik op Opslaan.") };
  const role = (load(`kn-role:${view.activity.id}`, "") || "").trim().slice(0, MAX_ROLE);
  return { data: { card: picked, role } };
}
