// The facilitator's home: trajectories and sessions of this browser (its home key).
// The list itself is rendered by the server; this module sends the actions through
// the public API and reloads. The server checks every action (token or home key).

import { t } from "./i18n.js";

const error = document.getElementById("home-error");

async function call(method, url, body) {
  error.textContent = "";
  try {
    const res = await fetch(url, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) { error.textContent = data.error || t("Dat lukte niet."); return null; }
    return data;
  } catch {
    error.textContent = t("Geen verbinding met Flipover. Draait de server nog?");
    return null;
  }
}

async function sessionAction(code, action, title) {
  const api = `/api/sessions/${encodeURIComponent(code)}`;
  if (action === "duplicate") {
    const made = await call("POST", `${api}/duplicate`, {});
    if (made) location.reload();
  } else if (action === "archive" || action === "restore") {
    if (await call("PATCH", api, { archived: action === "archive" })) location.reload();
  } else if (action === "delete") {
    if (!confirm(t("Bijeenkomst “%(title)s” verwijderen, met alle post-its, deelnemers en verslagen? Dit kan niet ongedaan worden.", { title }))) return;
    if (await call("DELETE", api)) location.reload();
  }
}

async function trajectoryAction(id, action, title) {
  const api = `/api/trajectories/${encodeURIComponent(id)}`;
  if (action === "archive-trajectory" || action === "restore-trajectory") {
    if (await call("PATCH", api, { archived: action === "archive-trajectory" })) location.reload();
  } else if (action === "delete-trajectory") {
    if (!confirm(t("Traject “%(title)s” verwijderen, met al zijn bijeenkomsten en hun gegevens? Dit kan niet ongedaan worden.", { title }))) return;
    if (await call("DELETE", api)) location.reload();
  }
}

document.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  const session = button.closest("[data-code]");
  const trajectory = button.closest("[data-trajectory]");
  if (session && button.closest(".home-session")) sessionAction(session.dataset.code, button.dataset.action, button.dataset.title);
  else if (trajectory) trajectoryAction(trajectory.dataset.trajectory, button.dataset.action, button.dataset.title);
});

document.addEventListener("change", async (e) => {
  const select = e.target.closest("select[data-action=phase]");
  if (!select) return;
  const id = select.closest("[data-trajectory]").dataset.trajectory;
  if (await call("PATCH", `/api/trajectories/${encodeURIComponent(id)}`, { phase: select.value })) location.reload();
});

document.addEventListener("submit", async (e) => {
  const form = e.target;
  if (form.id === "trajectory-form") {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    if (await call("POST", "/api/trajectories", body)) location.reload();
  } else if (form.classList.contains("home-new-session")) {
    e.preventDefault();
    const id = form.closest("[data-trajectory]").dataset.trajectory;
    const body = { title: form.title.value, template: form.template.value, trajectory: id, language: document.documentElement.lang };
    const made = await call("POST", "/api/sessions", body);
    if (made) location.assign(made.facilitator_url);
  }
});
