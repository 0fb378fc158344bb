// Facilitator module for `impact-inspanning`: add items, pull notes of earlier
// activities, rename the quadrants, drag a dot to settle an item's place (an
// override; the means stay), and send items to the action plan.
import { QUADRANTS, ensureStyle, fromPx, fromPy, itemRow, itemsOf, labelsOf, matrixSvg, placementOf } from "./matrix-svg.js";
import { onSubmitText } from "/static/js/forms.js";
import { lang, t } from "/static/js/i18n.js";

function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button"; b.className = "small"; b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function build(container, view) {
  const root = document.createElement("div");
  root.className = "ii-fac";
  root.dataset.activity = String(view.activity.id);
  const add = document.createElement("form");
  add.className = "ii-tools";
  const input = document.createElement("input");
  input.name = "item";
  input.placeholder = t("Nieuwe post-it (oplossingsrichting of actie)");
  input.setAttribute("aria-label", t("Nieuwe post-it"));
  input.maxLength = 280;
  const addBtn = document.createElement("button");
  addBtn.type = "submit"; addBtn.className = "small primary"; addBtn.textContent = t("Post-it toevoegen");
  add.append(input, addBtn);
  input.dataset.key = "ii-new-item";
  onSubmitText(add, input, (text) => root.view.send("impact-inspanning:add", { activity_id: root.view.activity.id, text, client_id: uuid() }));
  const pull = document.createElement("div");
  pull.className = "ii-tools";
  const select = document.createElement("select");
  select.className = "ii-source";
  select.setAttribute("aria-label", t("Agendapunt om post-its uit over te nemen"));
  const pullBtn = button(t("Alle post-its overnemen"), () => {
    if (select.value) root.view.send("impact-inspanning:pull-all", { activity_id: root.view.activity.id, source_activity_id: Number(select.value) });
  });
  pullBtn.classList.add("ii-pull-all");
  const pullHint = document.createElement("span");
  pullHint.className = "hint";
  pullHint.textContent = t("Eén post-it overnemen: gebruik de knop bij die post-it op zijn eigen agendapunt.");
  // Open actions carried from the trajectory's earlier meetings become items in one click.
  const carriedBtn = button(t("Open acties uit het traject overnemen"), () => {
    root.view.send("impact-inspanning:pull-carried", { activity_id: root.view.activity.id });
  });
  carriedBtn.classList.add("ii-pull-carried");
  carriedBtn.hidden = true;
  pull.append(select, pullBtn, carriedBtn, pullHint);
  const labels = document.createElement("div");
  labels.className = "ii-labels";
  for (const key of QUADRANTS) {
    const field = document.createElement("input");
    field.dataset.quadrant = key;
    field.maxLength = 40;
    field.setAttribute("aria-label", t("Naam van kwadrant %(key)s", { key }));
    field.addEventListener("change", () => root.view.send("impact-inspanning:labels", { activity_id: root.view.activity.id, labels: { [key]: field.value } }));
    labels.append(field);
  }
  // Where the quadrants sit: the handbook's figure, or "quick wins" as high impact for
  // little effort, the way many people know it (app's own option).
  const placement = document.createElement("select");
  placement.className = "ii-placement";
  placement.setAttribute("aria-label", t("Indeling van de kwadranten"));
  placement.append(
    new Option(t("Indeling zoals in het handboek"), "handboek"),
    new Option(t("Indeling met quick wins bij veel impact, weinig inspanning"), "quick-wins-hoog"),
  );
  placement.addEventListener("change", () => root.view.send("impact-inspanning:placement", { activity_id: root.view.activity.id, placement: placement.value }));
  labels.append(placement);
  const matrix = document.createElement("div");
  matrix.className = "ii-matrix-box";
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = t("Sleep een nummer naar zijn definitieve plek; het gemiddelde blijft bewaard.");
  const list = document.createElement("ol");
  list.className = "ii-list";
  root.append(add, pull, labels, hint, matrix, list);
  container.replaceChildren(root);
  return root;
}

export function render(container, view) {
  ensureStyle();
  let root = container.querySelector(".ii-fac");
  if (!root || root.dataset.activity !== String(view.activity.id)) root = build(container, view);
  root.view = view;
  const extra = view.activity.extra || {};
  root.querySelector(".ii-pull-carried").hidden = !extra.carried_actions;
  const items = itemsOf(view.notes, extra);
  const labels = labelsOf(extra);
  // Source activities for "pull all".
  const select = root.querySelector(".ii-source");
  if (document.activeElement !== select) {
    const chosen = select.value;
    select.replaceChildren(new Option(t("Post-its overnemen uit…"), ""));
    for (const a of view.activities) if (a.id !== view.activity.id) select.append(new Option(a.title, String(a.id)));
    select.value = chosen;
  }
  for (const field of root.querySelectorAll(".ii-labels input")) {
    if (document.activeElement !== field) field.value = labels[field.dataset.quadrant];
  }
  const placementSelect = root.querySelector(".ii-placement");
  const placed = placementOf(extra);
  if (document.activeElement !== placementSelect) placementSelect.value = placed["quick-wins"][0] ? "quick-wins-hoog" : "handboek";
  drawMatrix(root.querySelector(".ii-matrix-box"), items, labels, view);
  // Other formats' note commands (e.g. actieplan's "→ Actieplan"), as the shell offers them
  // on every note: this module names no other format.
  const commands = [];
  for (const a of view.activities) {
    if (a.id === view.activity.id) continue;
    for (const cmd of (view.forms[a.workform] && view.forms[a.workform].note_commands) || []) commands.push([a, cmd]);
  }
  const list = root.querySelector(".ii-list");
  list.replaceChildren();
  const mean = (s) => (s && s.mean != null ? (lang === "nl" ? s.mean.toFixed(1).replace(".", ",") : s.mean.toFixed(1)) : "–");
  for (const item of items) {
    // Placed together (no scores) the line names the quadrant only; scored, the means too.
    const where = item.quadrant ? labels[item.quadrant] : t("nog niet geplaatst");
    const li = itemRow(item, item.n
      ? t("impact %(impact)s · inspanning %(effort)s · %(n)s scores", { impact: mean(item.impact), effort: mean(item.effort), n: item.n }) + ` · ${where}`
      : where);
    if (item.override) {
      const undo = item.n ? t("Terug naar gemiddelde") : t("Uit de matrix halen");
      li.append(button(undo, () => view.send("impact-inspanning:clear-override", { activity_id: view.activity.id, note_id: item.id })));
    }
    for (const [a, cmd] of commands) li.append(button(cmd.label, () => view.send(`${a.workform}:${cmd.event}`, { activity_id: a.id, note_id: item.id })));
    list.append(li);
  }
}

// Arrow keys on a focused dot move it a quarter point: the keyboard way to drag.
const KEY_STEP = { ArrowUp: [0, 0.25], ArrowDown: [0, -0.25], ArrowLeft: [-0.25, 0], ArrowRight: [0.25, 0] };

/** A dot as a control: a slider over two axes whose value text names both. */
function describeDot(dot, item) {
  const num = (v) => String(v).replace(".", ",");
  dot.setAttribute("tabindex", "0");
  dot.setAttribute("role", "slider");
  dot.setAttribute("aria-label", t("Post-it %(n)s: verplaats met de pijltjestoetsen", { n: item.number }));
  dot.setAttribute("aria-valuemin", "1");
  dot.setAttribute("aria-valuemax", "5");
  dot.setAttribute("aria-valuenow", String((item.place || { y: 3 }).y));
  dot.setAttribute("aria-valuetext", item.place
    ? t("impact %(impact)s, inspanning %(effort)s", { impact: num(item.place.y), effort: num(item.place.x) })
    : t("nog niet geplaatst"));
}

/** Make `old` look like `fresh` while keeping `old` and its children where it can: a
 * pointer or a focus on a dot survives a redraw that only moved or renumbered it. */
function morph(old, fresh) {
  for (const { name } of [...old.attributes]) if (!fresh.hasAttribute(name)) old.removeAttribute(name);
  for (const { name, value } of fresh.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  const a = old.children;
  const b = fresh.children;
  if (!b.length) {
    if (a.length || old.textContent !== fresh.textContent) old.textContent = fresh.textContent;
    return;
  }
  if (a.length === b.length && [...a].every((child, i) => child.tagName === b[i].tagName)) {
    [...a].forEach((child, i) => morph(child, b[i]));
  } else {
    old.replaceChildren(...b);
  }
}

/** Put `nodes` in `parent` in this order without moving the nodes already there. */
function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}

// The matrix is redrawn in place with its dots kept by item (issue 17's review): a redraw
// that replaced the <svg> swapped the dot out from under a pointer about to drag it, and
// the server's updates now arrive once per frame, so that was a matter of milliseconds.
function drawMatrix(box, items, labels, view) {
  box.latest = { items, labels, view };
  if (box.dragging) return; // drawn when the drag ends
  const fresh = matrixSvg(items, labels, { spread: true, tray: true, placement: placementOf(view.activity.extra) });
  // Its dots are controls here, so the picture is a group rather than one image.
  fresh.setAttribute("role", "group");
  const byId = new Map(items.map((item) => [String(item.id), item]));
  for (const dot of fresh.querySelectorAll(".ii-dot")) describeDot(dot, byId.get(dot.dataset.item));
  let svg = box.querySelector("svg.ii-matrix");
  if (!svg) {
    svg = fresh;
    box.replaceChildren(svg);
    wire(box, svg);
    return;
  }
  for (const { name } of [...svg.attributes]) if (!fresh.hasAttribute(name)) svg.removeAttribute(name);
  for (const { name, value } of fresh.attributes) if (svg.getAttribute(name) !== value) svg.setAttribute(name, value);
  const kept = new Map([...svg.querySelectorAll(":scope > .ii-dot")].map((dot) => [dot.dataset.item, dot]));
  reconcile(svg, [...fresh.childNodes].map((node) => {
    const old = node.classList && node.classList.contains("ii-dot") ? kept.get(node.dataset.item) : null;
    if (!old) return node;
    morph(old, node);
    return old;
  }));
}

/** The dots' keyboard and pointer handling, once per matrix: it reads the newest items. */
function wire(box, svg) {
  const itemOf = (dot) => box.latest.items.find((i) => i.id === Number(dot.dataset.item));
  const send = (id, x, y) => box.latest.view.send("impact-inspanning:override", { activity_id: box.latest.view.activity.id, note_id: id, x, y });
  svg.addEventListener("keydown", (e) => {
    const dot = e.target.closest && e.target.closest(".ii-dot");
    const step = KEY_STEP[e.key];
    const item = dot && itemOf(dot);
    if (!step || !item) return;
    e.preventDefault();
    // A post-it waiting in the tray enters the matrix at its centre with the first arrow key.
    const at = item.place || { x: 3, y: 3 };
    const x = Math.round(Math.min(5, Math.max(1, at.x + (item.place ? step[0] : 0))) * 100) / 100;
    const y = Math.round(Math.min(5, Math.max(1, at.y + (item.place ? step[1] : 0))) * 100) / 100;
    item.place = { x, y }; // the next key press builds on this one before the redraw arrives
    send(item.id, x, y);
  });
  svg.addEventListener("pointerdown", (e) => {
    const dot = e.target.closest && e.target.closest(".ii-dot");
    if (!dot || box.dragging) return;
    e.preventDefault();
    box.dragging = true;
    dot.setPointerCapture(e.pointerId);
    // In matrix units, unclamped: a post-it from the tray starts below the scale.
    const point = (ev) => {
      const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(svg.getScreenCTM().inverse());
      return { x: fromPx(p.x), y: fromPy(p.y) };
    };
    const start = point(e);
    let last = start;
    // Where the dot was drawn when the drag began: the drop is that plus the pointer's way,
    // also when its mean moved meanwhile (a phone scored during the drag).
    const held = itemOf(dot);
    const origin = held && held.place ? { ...held.place } : null;
    const move = (ev) => {
      last = point(ev);
      dot.setAttribute("transform", `translate(${(last.x - start.x) * 225} ${-(last.y - start.y) * 225})`);
    };
    const up = async (ev) => {
      dot.removeEventListener("pointermove", move);
      dot.removeEventListener("pointerup", up);
      dot.removeEventListener("pointercancel", up);
      const item = itemOf(dot);
      const from = origin || start;
      const x = Math.round(Math.min(5, Math.max(1, from.x + (last.x - start.x))) * 100) / 100;
      const y = Math.round(Math.min(5, Math.max(1, from.y + (last.y - start.y))) * 100) / 100;
      // A cancelled pointer (the browser took the gesture over) is no drop.
      const moved = ev.type !== "pointercancel" && Math.hypot(last.x - start.x, last.y - start.y) >= 0.05;
      // Let go outside the matrix: a post-it from the tray stays there.
      const outside = !origin && (last.y < 1 || last.y > 5 || last.x < 1 || last.x > 5);
      box.dragging = false;
      dot.removeAttribute("transform");
      // Drawn where it was let go at once (and with whatever came in during the drag); the
      // server's update follows with the same place.
      const placing = item && moved && !outside;
      const before = item && item.place;
      if (placing) item.place = { x, y };
      const { items, labels, view } = box.latest;
      drawMatrix(box, items, labels, view);
      if (!placing) return;
      const ack = await send(item.id, x, y);
      if (!ack.ok) {
        item.place = before;
        const l = box.latest;
        drawMatrix(box, l.items, l.labels, l.view);
      }
    };
    dot.addEventListener("pointermove", move);
    dot.addEventListener("pointerup", up);
    dot.addEventListener("pointercancel", up);
  });
}
