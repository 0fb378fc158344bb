// The case-study page: the server renders the questions, saved answers and suggestions;
// this module takes a suggestion over into its answer, saves every answer with one PUT
// and shows whether what is on screen is saved. Texts only through value/textContent.

import { plain } from "./hyphenate.js";
import { t } from "./i18n.js";

const page = document.querySelector("main[data-trajectory]");
const form = document.getElementById("casestudy-form");
const state = document.getElementById("save-state");
const error = document.getElementById("casestudy-error");
const api = `/api/trajectories/${encodeURIComponent(page.dataset.trajectory)}/casestudy`;

function show(name, text) {
  state.dataset.state = name;
  state.textContent = text;
}

function dirty() {
  if (state.dataset.state !== "dirty") show("dirty", t("Niet opgeslagen wijzigingen"));
}

form.addEventListener("input", dirty);

form.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-take]");
  if (!button) return;
  const key = button.dataset.take;
  const field = document.getElementById(`field-${key}`);
  // As shown it has soft hyphens in its long words (hyphenate.js); the answer gets the words as written.
  const suggestion = plain(document.getElementById(`suggestion-${key}`).textContent);
  // Keep what the leader already wrote: the suggestion goes after it, once.
  if (!field.value.trim()) field.value = suggestion;
  else if (!field.value.includes(suggestion)) field.value = `${field.value.trimEnd()}\n${suggestion}`;
  field.focus();
  dirty();
});

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  error.textContent = "";
  const values = {};
  for (const field of form.querySelectorAll("textarea[name]")) values[field.name] = field.value;
  show("saving", t("Bezig met opslaan…"));
  try {
    const res = await fetch(api, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ values }),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      show("error", t("Niet opgeslagen"));
      error.textContent = data.error || t("Dat lukte niet.");
      return;
    }
    const time = new Date().toLocaleTimeString(document.documentElement.lang || "nl", { hour: "2-digit", minute: "2-digit" });
    show("saved", t("Opgeslagen om %(time)s", { time }));
  } catch {
    show("error", t("Niet opgeslagen"));
    error.textContent = t("Geen verbinding met Flipover. Draait de server nog?");
  }
});

window.addEventListener("beforeunload", (e) => {
  if (state.dataset.state === "dirty") e.preventDefault();
});
