// Facilitator for `kennismaken`: the deck. Upload the practice's own pictures
// (JPEG/PNG, one request per file so one bad file does not stop the rest),
// delete them, and switch the default deck on or off. Built once per activity,
// then only the list and the checkbox are brought up to date.

import { el, ensureStyle } from "./common.js";
import { t } from "/static/js/i18n.js";

const code = document.body.dataset.code;
const base = `/api/sessions/${code}/cards`;

async function answer(response) {
  try { return await response.json(); } catch { return { error: t("Er ging iets mis (%(status)s).", { status: response.status }) }; }
}

function build(container, view) {
  const box = el("section", "kn-fac");
  box.append(el("h3", "", t("Kaarten")));
  const toggle = el("label", "inline");
  const useDefault = el("input");
  useDefault.type = "checkbox";
  useDefault.id = "kn-use-default";
  toggle.append(useDefault, " " + t("Standaardkaarten van Flipover gebruiken"));
  const upload = el("div", "kn-field");
  const label = el("label", "", t("Eigen kaarten toevoegen (JPEG of PNG, maximaal 5 MB per foto)"));
  label.htmlFor = "kn-files";
  const files = el("input");
  files.type = "file";
  files.id = "kn-files";
  files.multiple = true;
  files.accept = "image/jpeg,image/png";
  const status = el("p", "hint");
  status.id = "kn-status";
  status.setAttribute("aria-live", "polite");
  const errors = el("ul", "error");
  errors.id = "kn-errors";
  errors.setAttribute("role", "alert");
  upload.append(label, files, status, errors);
  const list = el("ul", "kn-fac__cards");
  list.id = "kn-uploaded";
  box.append(toggle, upload, el("h4", "", t("Eigen kaarten van deze bijeenkomst")), list);
  container.append(box);

  useDefault.addEventListener("change", async () => {
    const ack = await view.current().send("kennismaken:deck", { activity_id: view.current().activity.id, use_default: useDefault.checked });
    if (ack && ack.ok === false) errors.replaceChildren(el("li", "", ack.error));
  });
  files.addEventListener("change", async () => {
    const chosen = [...files.files];
    errors.replaceChildren();
    let done = 0;
    for (const file of chosen) {
      status.textContent = t("Bezig met uploaden: %(n)s van %(total)s…", { n: done + 1, total: chosen.length });
      const form = new FormData();
      form.append("files", file, file.name);
      const response = await fetch(base, { method: "POST", body: form, credentials: "same-origin" });
      if (response.ok) done += 1;
      else errors.append(el("li", "", `${file.name}: ${(await answer(response)).error}`));
    }
    status.textContent = (chosen.length === 1
      ? t("%(done)s van %(total)s kaart toegevoegd.", { done, total: chosen.length })
      : t("%(done)s van %(total)s kaarten toegevoegd.", { done, total: chosen.length }));
    files.value = "";
  });
  return box;
}

function fill(box, view) {
  const extra = view.activity.extra || {};
  box.querySelector("#kn-use-default").checked = extra.use_default !== false;
  const list = box.querySelector("#kn-uploaded");
  const own = (extra.deck || []).filter((c) => c.url.startsWith("/api/"));
  list.replaceChildren();
  if (!own.length) list.append(el("li", "hint", t("Nog geen eigen kaarten.")));
  for (const card of own) {
    const item = el("li");
    const img = el("img");
    img.src = card.url;
    img.alt = card.label;
    const remove = el("button", "danger", t("Verwijderen"));
    remove.type = "button";
    remove.setAttribute("aria-label", t("Verwijderen: kaart %(label)s", { label: card.label }));
    remove.addEventListener("click", async () => {
      remove.disabled = true;
      const response = await fetch(`${base}/${encodeURIComponent(card.id)}`, { method: "DELETE", credentials: "same-origin" });
      if (!response.ok) {
        remove.disabled = false;
        box.querySelector("#kn-errors").replaceChildren(el("li", "", (await answer(response)).error));
      }
    });
    item.append(img, el("span", "", card.label), remove);
    list.append(item);
  }
}

let latest = null;

export function render(container, view) {
  ensureStyle();
  latest = view;
  let box = container.querySelector(".kn-fac");
  if (!box) box = build(container, { current: () => latest });
  fill(box, view);
}
