// The board's items on the phone, pulled on demand (notes:list) rather than
// pushed to every phone: to pick a note to stick yours onto, or to vote on.

import { request } from "./connection.js";
import { itemsOf } from "./groups.js";
import { noteElement, plural } from "./notes.js";
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

export class BoardList {
  /** @param {() => object} socket  @param {(msg: string) => void} showError */
  constructor(socket, showError) {
    this.socket = socket;
    this.showError = showError;
    this.section = $("board-list");
    this.heading = $("board-list-h");
    this.left = $("votes-left");
    this.list = $("board-items");
    this.close = $("board-list-close");
    this.close.addEventListener("click", () => this.hide());
  }

  hide() { this.section.hidden = true; this.mode = null; }

  async fetch(activity) {
    const ack = await request(this.socket(), "notes:list", { activity_id: activity.id });
    if (!ack.ok) { this.showError(ack.error); return null; }
    return ack;
  }

  /** Show the board's notes with t("Hierbij plakken"); resolves onPick(note) with the chosen one. */
  async showForStacking(activity, meta, onPick) {
    const ack = await this.fetch(activity);
    if (!ack) return;
    this.mode = "stack";
    this.heading.textContent = t("Kies de post-it waar de jouwe bij hoort");
    this.left.textContent = "";
    this.close.hidden = false;
    this.render(ack, meta, (item, bar) => {
      const pick = button(t("Hierbij plakken"), () => { this.hide(); onPick(item.notes[0], item); });
      pick.classList.add("primary");
      bar.append(pick);
    }, false);
    if (!ack.notes.length) this.heading.textContent = t("Er staat nog niets op het bord.");
    this.section.hidden = false;
  }

  /** Show the board's items with + and − to place dots. */
  async showForVoting(activity, meta) {
    const ack = await this.fetch(activity);
    if (!ack) return;
    this.mode = "vote";
    this.close.hidden = true;
    this.heading.textContent = t("Verdeel je stemmen");
    let mine = ack.my_votes || {};
    const total = activity.voting.per_person;
    const perItem = activity.voting.per_item;
    const updateLeft = () => {
      const used = Object.values(mine).reduce((a, b) => a + b, 0);
      this.left.textContent = t("Nog %(votes)s over", { votes: plural(total - used, t("stem"), t("stemmen")) });
    };
    const vote = async (event, item, count) => {
      const target = item.group ? { group_id: item.group.id } : { note_id: item.note.id };
      const res = await request(this.socket(), event, target);
      if (!res.ok) { this.showError(res.error); return; }
      this.showError("");
      mine = res.my_votes;
      count.textContent = plural(mine[item.key] || 0, t("stem"), t("stemmen"));
      updateLeft();
    };
    this.render(ack, meta, (item, bar) => {
      const count = document.createElement("span");
      count.className = "board-item__mine";
      count.textContent = plural(mine[item.key] || 0, t("stem"), t("stemmen"));
      const plus = button(t("+ Stem"), () => vote("vote:add", item, count));
      plus.classList.add("primary");
      plus.setAttribute("aria-label", t("Stem op %(item)s (maximaal %(max)s)", { item: label(item), max: perItem }));
      const minus = button(t("− Stem"), () => vote("vote:remove", item, count));
      minus.setAttribute("title", t("Haal een stem weg bij %(item)s", { item: label(item) }));
      bar.append(plus, minus, count);
    }, true);
    updateLeft();
    this.section.hidden = false;
  }

  render(ack, meta, actions, includeOwn) {
    this.list.replaceChildren();
    for (const item of itemsOf(ack.notes, ack.groups, null)) {
      if (!includeOwn && item.note && item.note.mine) continue;
      const li = document.createElement("li");
      li.className = "board-item";
      if (item.group) {
        const name = document.createElement("strong");
        name.textContent = `${item.group.name || t("Stapel")} (${plural(item.notes.length, t("post-it"), t("post-its"))})`;
        li.append(name);
      }
      for (const note of item.notes) li.append(noteElement(note, meta, { showAuthor: false }));
      const bar = document.createElement("div");
      bar.className = "board-item__actions";
      actions(item, bar);
      li.append(bar);
      this.list.append(li);
    }
  }
}

function label(item) {
  return item.group ? t("groep %(name)s", { name: item.group.name || t("stapel") }) : `“${item.note.text.slice(0, 40)}”`;
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button"; b.textContent = text; // full size: thumbs, not a mouse
  b.addEventListener("click", onClick);
  return b;
}
