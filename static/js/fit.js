// Fit the projected board to the screen: every note of the current view on the
// wall at once, as large as it can be, like paper post-its on a wall.
//
// A work format marks the boxes that hold notes as walls (class `wall`, made by
// `wallElement()`): a box whose size comes from the page layout (flex/grid, never
// from its content). The fitter packs each wall's children into columns and
// tries the note text sizes of DESIGN.md from large to the 22 px floor; past the
// floor it clamps long notes to a few lines (the spotlight shows them whole), and
// only then pages the walls ("pagina 1 van 3"). Nothing is ever silently hidden:
// an item off the current page is on another page.
//
// A box that is not a wall but can page by itself (processen-en-ict's grid of step
// columns: "Stap 1–4 van 8") registers a pager (`pagedElement()`). The fitter first
// fits it whole, down to the floor and the clamps like the walls; only then it asks
// the pager to split into 2, 3, … pages and fits each split again from the largest
// text size, until every page of it fits.
//
// Two packings: "wall" puts each item in the shortest column (a wall of
// post-its, where a long note does not make its whole row tall); "flow" fills
// columns top to bottom in order (a flip-over with sub-headers, where order matters).

import { t } from "./i18n.js";

/** Note text sizes in rem (1 rem = 16 px on a 1080p board), large to the floor. */
export const STEPS = [2, 1.875, 1.75, 1.625, 1.5, 1.375];
/** Lines a note shows once the floor is reached; 0 = whole note. */
export const CLAMPS = [0, 5, 3];

export function wallElement(className = "", opts = {}) {
  const wall = document.createElement("div");
  wall.className = `wall ${className}`.trim();
  if (opts.flow) wall.dataset.flow = "columns";
  if (opts.column) wall.dataset.column = String(opts.column);
  return wall;
}

const pagers = new WeakMap();

/**
 * Let `element` page by itself past the floor. `pager.split(k)` lays it out for (about) k
 * pages and returns how many pages it made (1 = whole); `pager.show(page)` shows one of
 * them; `pager.most` is the most pages it can make.
 */
export function pagedElement(element, pager) {
  element.dataset.pager = "";
  pagers.set(element, pager);
  return element;
}

/**
 * Pack one wall's children at the current text size.
 * Returns {pages, tooTall}: the pages needed, and whether an item alone is taller
 * than the wall (it then gets a page of its own, and the fitter keeps shrinking).
 *
 * In a flow wall an item marked `data-head` (a keyword, a goal, a question) heads
 * the items after it: it never ends a column on its own, and a column or page that
 * continues its items starts with a copy of it (class `wall__cont`, hidden from
 * screen readers), so every column says what it holds. A head with a `.wall__title`
 * child repeats only that child (a question's title, not its bars).
 */
function pack(wall) {
  for (const copy of wall.querySelectorAll(":scope > .wall__cont")) copy.remove();
  const items = [...wall.children];
  if (!items.length) return { pages: 1, tooTall: false };
  const style = getComputedStyle(wall);
  const gap = parseFloat(style.rowGap) || 0;
  const em = parseFloat(style.fontSize);
  const width = wall.clientWidth;
  const height = wall.clientHeight;
  const minColumn = Number(wall.dataset.column || 10) * em;
  const columns = Math.max(1, Math.floor((width + gap) / (minColumn + gap)));
  const columnWidth = (width - gap * (columns - 1)) / columns;
  for (const item of items) {
    item.hidden = false;
    item.style.width = `${columnWidth}px`;
  }
  const heights = items.map((item) => item.offsetHeight); // one layout for all items
  const flow = wall.dataset.flow === "columns";
  const tops = new Array(columns).fill(0);
  let page = 0;
  let column = 0;
  let tooTall = false;
  let head = null; // the head whose items are being placed (flow walls)
  const copyHeights = new Map(); // head → height of its copy: one layout per head, not per copy
  const place = (item, h) => {
    item.dataset.page = String(page);
    item.style.left = `${column * (columnWidth + gap)}px`;
    item.style.top = `${tops[column]}px`;
    tops[column] += h + gap;
  };
  items.forEach((item, i) => {
    const h = heights[i];
    const isHead = flow && "head" in item.dataset;
    // A head keeps the heads under it and their first item with it: it does not end a column alone.
    let next = 0;
    for (let j = i + 1; isHead && j < items.length; j += 1) {
      next += heights[j] + gap;
      if (!("head" in items[j].dataset)) break;
    }
    if (!flow) column = tops.indexOf(Math.min(...tops));
    let moved = false;
    if (tops[column] > 0 && tops[column] + h + next > height) {
      moved = true;
      if (flow && column + 1 < columns) column += 1;
      else {
        page += 1;
        tops.fill(0);
        column = 0;
      }
    }
    if (isHead) head = item;
    else if (moved && head) {
      // The new column continues the head's items: it starts with a copy of the head.
      const copy = continuation(head);
      copy.style.width = `${columnWidth}px`;
      wall.insertBefore(copy, item);
      if (!copyHeights.has(head)) copyHeights.set(head, head.dataset.head === "plain" ? heights[items.indexOf(head)] : copy.offsetHeight);
      place(copy, copyHeights.get(head));
      if (tops[column] + h > height) tooTall = true;
    }
    if (h > height) tooTall = true;
    place(item, h);
  });
  return { pages: page + 1, tooTall };
}

function continuation(head) {
  const title = head.querySelector(":scope > .wall__title");
  const copy = title ? head.cloneNode(false) : head.cloneNode(true);
  if (title) copy.append(title.cloneNode(true));
  copy.classList.add("wall__cont");
  // "(vervolg)" after the repeated words; a table's column headers repeat as they are.
  if (head.dataset.head !== "plain") {
    const more = document.createElement("span");
    more.className = "wall__more";
    more.textContent = " " + t("(vervolg)");
    (title ? copy.firstElementChild : copy).append(more);
  }
  copy.setAttribute("aria-hidden", "true");
  // Copies are for the eye: no ids or note ids twice in the page.
  for (const e of [copy, ...copy.querySelectorAll("*")]) {
    e.removeAttribute("id");
    delete e.dataset.noteId;
    delete e.dataset.groupId;
  }
  delete copy.dataset.head;
  return copy;
}

function showPage(wall, page) {
  for (const item of wall.children) item.hidden = Number(item.dataset.page || 0) !== page;
}

/** The fitter of one board: remembers the last size, so a growing board starts where it was. */
export class BoardFit {
  /** @param {HTMLElement} work  the work area, with a size given by the page layout */
  constructor(work) {
    this.work = work;
    this.step = 0;
    this.page = 0;
    this.pages = 1;
  }

  /** Pack every wall and pager; returns {pages, page, step, clamp}. */
  fit() {
    const walls = [...this.work.querySelectorAll(".wall")];
    const paged = [...this.work.querySelectorAll("[data-pager]")].map((e) => pagers.get(e)).filter(Boolean);
    this.walls = walls;
    this.paged = paged;
    const overflows = () => this.work.scrollHeight > this.work.clientHeight + 1 || this.work.scrollWidth > this.work.clientWidth + 1;
    let split = 1; // the pages the pagers are split into
    const tryAt = (step, clamp) => {
      this.work.style.setProperty("--note-fs", `${STEPS[step]}rem`);
      this.work.dataset.clamp = String(clamp);
      let pages = 1;
      let tooTall = false;
      for (const wall of walls) {
        const packed = pack(wall);
        pages = Math.max(pages, packed.pages);
        tooTall ||= packed.tooTall;
      }
      this.last = pages;
      // Content outside the walls (a grid, a table) must fit too; a pager's, on each of its pages.
      let over = false;
      if (paged.length) {
        for (let page = 0; page < split && !over; page += 1) {
          for (const pager of paged) pager.show(page);
          over = overflows();
        }
      } else over = overflows();
      this.over = over;
      return (over || tooTall) && pages === 1 ? 2 : pages;
    };
    // The largest size (then the fewest clamped lines) at which everything fits, from `step` on.
    const search = (from) => {
      let step = Math.min(from, STEPS.length - 1);
      let pages = tryAt(step, 0);
      if (pages === 1) {
        while (step > 0 && tryAt(step - 1, 0) === 1) step -= 1;
      } else {
        while (step < STEPS.length - 1 && pages > 1) pages = tryAt(++step, 0);
      }
      let clamp = 0;
      for (const lines of CLAMPS.slice(1)) {
        if (pages === 1) break;
        clamp = lines;
        pages = tryAt(step, clamp);
      }
      return { step, clamp, pages };
    };
    for (const pager of paged) pager.split(1);
    let best = search(this.step);
    // Past the floor and the clamps: the pagers split, into as few pages as fit.
    const most = paged.length ? Math.max(...paged.map((p) => p.most)) : 1;
    for (let k = 2; best.pages > 1 && !walls.length && k <= most; k += 1) {
      const made = Math.max(...paged.map((p) => p.split(k)));
      if (made < k) continue; // the same split as a smaller k
      split = made;
      best = search(0);
    }
    const { step, clamp } = best;
    // Re-run the winning size when the search above ended on a larger failed try.
    tryAt(step, clamp);
    this.step = step;
    // Only walls and pagers page; other content that still overflows at the floor is reported, not paged.
    this.work.dataset.overflow = String(this.over);
    this.pages = walls.length ? this.last : split;
    this.page = Math.min(this.page, this.pages - 1);
    this.showAll();
    return { pages: this.pages, page: this.page, step, clamp };
  }

  showAll() {
    for (const wall of this.walls || []) showPage(wall, this.page);
    for (const pager of this.paged || []) pager.show(this.page);
  }

  turn(delta) {
    if (this.pages < 2) return false;
    this.page = (this.page + delta + this.pages) % this.pages;
    this.showAll();
    return true;
  }

  goTo(page) {
    this.page = Math.max(0, Math.min(this.pages - 1, page));
    this.showAll();
  }
}

/** Largest font size (px) in [min, max] at which `el` fits inside `box` (binary search). */
export function fitText(el, box, { min = 16, max = 120 } = {}) {
  let lo = min;
  let hi = max;
  for (let i = 0; i < 12 && hi - lo > 0.5; i += 1) {
    const mid = (lo + hi) / 2;
    el.style.fontSize = `${mid}px`;
    // offsetHeight counts the borders too: what has to fit inside the box.
    if (el.offsetHeight <= box.height && el.scrollWidth <= el.clientWidth + 1 && el.offsetWidth <= box.width) lo = mid;
    else hi = mid;
  }
  el.style.fontSize = `${lo}px`;
  return lo;
}
