// Start page: create a session through the public API, then go to its
// facilitator page (the secret link moves into a cookie there).

import { t } from "./i18n.js";

const form = document.getElementById("create-form");
const template = document.getElementById("template");
const custom = document.getElementById("custom-agenda");
const error = document.getElementById("create-error");

template.addEventListener("change", () => { custom.hidden = template.value !== ""; });

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  error.textContent = "";
  const body = { title: form.title.value, practice: form.practice.value, language: form.language.value };
  if (template.value) body.template = template.value;
  else {
    body.agenda = [...custom.querySelectorAll("input:checked")].map((i) => i.value);
    if (!body.agenda.length) { error.textContent = t("Kies minstens één onderdeel voor de agenda."); return; }
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const res = await fetch("/api/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) { error.textContent = data.error || t("Aanmaken lukte niet."); return; }
    location.assign(data.facilitator_url);
  } catch {
    error.textContent = t("Geen verbinding met Flipover. Draait de server nog?");
  } finally {
    button.disabled = false;
  }
});
