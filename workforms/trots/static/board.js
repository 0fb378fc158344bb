// Board for `trots`: yellow post-its, the ones marked "behouden" first.

import { t } from "/static/js/i18n.js";
export function render(container, view) {
  container.replaceChildren();
  if (!view.notes.length) {
    const empty = document.createElement("p");
    empty.className = "board__empty";
    empty.textContent = t("Nog geen post-its. Scan de QR-code en deel waar je trots op bent!");
    container.append(empty);
    return;
  }
  // Kept notes first, on the same wall, with their dots like every other note.
  const kept = view.notes.filter((n) => n.data && n.data.behouden);
  view.layout(container, view.notes, { lead: kept });
}
