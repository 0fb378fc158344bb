// Photos of paper flip-overs on the facilitator's page (issue 20 part 5): per current
// agenda item add photos (the phone's camera or a file), see thumbnails, remove one, and
// show one large on the board ("Op het bord tonen", the spotlight) or take it off again.
// The server re-encodes every photo; changes arrive as `photos:changed` (that item only).
import { t } from "./i18n.js";

export function photosUrl(code, activityId) {
  return `/api/sessions/${encodeURIComponent(code)}/activities/${activityId}/photos`;
}

async function errorOf(response) {
  try { return (await response.json()).error || t("Er ging iets mis. Probeer het opnieuw."); }
  catch { return t("Er ging iets mis. Probeer het opnieuw."); }
}

// els: {section, input, add, list, status}; hooks: {code, current() → activity, photos(id) → [],
// spotlight() → spot, send(event, payload) → ack, error(text)}.
export function setUpPhotos(els, hooks) {
  els.add.addEventListener("click", () => els.input.click());
  els.input.addEventListener("change", async () => {
    const activity = hooks.current();
    const files = [...els.input.files];
    els.input.value = "";
    if (!activity || !files.length) return;
    const form = new FormData();
    for (const file of files) form.append("files", file);
    els.status.textContent = t("Foto wordt verwerkt…");
    hooks.error("");
    try {
      const response = await fetch(photosUrl(hooks.code, activity.id), { method: "POST", body: form, credentials: "same-origin" });
      els.status.textContent = "";
      if (!response.ok) hooks.error(await errorOf(response));
      else els.status.textContent = t("Foto toegevoegd.");
    } catch {
      els.status.textContent = "";
      hooks.error(t("Geen verbinding: de foto is niet opgeslagen."));
    }
  });

  let drawn = "";
  return function renderPhotos() {
    const activity = hooks.current();
    els.section.hidden = !activity;
    if (!activity) return;
    const spot = hooks.spotlight();
    // Redrawn only when something of its own changed (a note does not reload the thumbnails).
    const key = JSON.stringify([activity.id, hooks.photos(activity.id).map((p) => p.id), spot && spot.photo_id]);
    if (key === drawn) return;
    drawn = key;
    const items = hooks.photos(activity.id).map((photo) => {
      const li = document.createElement("li");
      li.className = "photo-item";
      li.dataset.photoId = photo.id;
      const img = document.createElement("img");
      img.src = photo.url;
      img.alt = t("Foto van de flip-over %(number)s", { number: photo.number });
      img.loading = "lazy";
      const shown = Boolean(spot && spot.photo_id === photo.id);
      const show = document.createElement("button");
      show.type = "button";
      show.className = "small" + (shown ? " primary" : "");
      show.dataset.key = `photo-show-${photo.id}`;
      show.setAttribute("aria-pressed", String(shown));
      show.textContent = t("Op het bord tonen");
      show.setAttribute("aria-label", t("Op het bord tonen (foto %(number)s)", { number: photo.number }));
      show.addEventListener("click", () => hooks.send("spotlight:set",
        shown ? { note_id: null } : { activity_id: activity.id, photo_id: photo.id }));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small danger";
      remove.dataset.key = `photo-remove-${photo.id}`;
      remove.textContent = t("Verwijderen");
      remove.setAttribute("aria-label", t("Verwijderen (foto %(number)s)", { number: photo.number }));
      remove.addEventListener("click", async () => {
        if (!confirm(t("Deze foto verwijderen?"))) return;
        const response = await fetch(`${photosUrl(hooks.code, activity.id)}/${encodeURIComponent(photo.id)}`,
          { method: "DELETE", credentials: "same-origin" });
        if (!response.ok) hooks.error(await errorOf(response));
      });
      const bar = document.createElement("div");
      bar.className = "toolbar";
      bar.append(show, remove);
      li.append(img, bar);
      return li;
    });
    els.list.replaceChildren(...items);
  };
}
