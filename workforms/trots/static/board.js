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
  const kept = view.notes.filter((n) => n.data && n.data.behouden);
  const rest = view.notes.filter((n) => !(n.data && n.data.behouden));
  if (kept.length) {
    const grid = document.createElement("div");
    grid.className = "board__grid board__kept";
    for (const n of kept) grid.append(view.noteElement(n, view.meta, { fresh: view.fresh.has(n.id) }));
    container.append(grid);
  }
  view.layout(container, rest);
}
