"""Accessibility and in-room ergonomics checks for the browser tests.

axe-core (tests/vendor, test-only) is evaluated through the DevTools protocol:
``page.evaluate`` is not governed by the page's Content-Security-Policy, so the
app's ``script-src 'self'`` stays as strict as users get it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
MIN_TAP = 44  # px, DESIGN.md (phone) and WCAG 2.5.5
MIN_NOTE_TEXT = 22  # px, board at 1920×1080: the floor a full board shrinks to (DESIGN.md); a sparse one shows 32
MIN_PROMPT = 40  # px, board at 1920×1080


@cache
def axe_source() -> str:
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, *, include: str | None = None) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    # Animations end before contrast is measured (a fading note is not a contrast problem).
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
    result = page.evaluate(
        """async ([include, tags]) => {
            const r = await axe.run(include ? { include: [include] } : document,
                                    { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
            return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
            }));
        }""",
        [include, WCAG_TAGS],
    )
    return [v for v in result if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {where} ({page.url}):\n{describe(violations)}"


def horizontal_overflow(page) -> int:
    """How many px the page is wider than its viewport (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def small_tap_targets(page, minimum: int = MIN_TAP) -> list[str]:
    """Visible controls smaller than minimum × minimum px. A checkbox or radio counts
    by its label (the whole label is the target); a link inside running text is exempt
    (WCAG 2.5.5 inline exception)."""
    found = page.evaluate(
        """(minimum) => {
            const out = [];
            const seen = new Set();
            const visible = (el) => {
                const r = el.getBoundingClientRect();
                const s = getComputedStyle(el);
                return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && !el.closest("[hidden]");
            };
            const controls = document.querySelectorAll(
                "button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex='0']");
            for (let el of controls) {
                if (el.closest(".sr-only")) continue;
                if ((el.type === "checkbox" || el.type === "radio") && el.closest("label")) el = el.closest("label");
                const inText = el.tagName === "A" && el.closest("p, li");
                if (inText && inText.textContent.trim() !== el.textContent.trim()) continue;
                if (seen.has(el) || !visible(el)) continue;
                seen.add(el);
                const r = el.getBoundingClientRect();
                if (r.width + 0.5 < minimum || r.height + 0.5 < minimum) {
                    const name = (el.getAttribute("aria-label") || el.textContent || el.tagName).trim().slice(0, 40);
                    const size = `${Math.round(r.width)}×${Math.round(r.height)}`;
                    out.push(`${el.tagName.toLowerCase()}#${el.id} "${name}" ${size}`);
                }
            }
            return out;
        }""",
        minimum,
    )
    return found


def clipped_text(page, selector: str) -> list[str]:
    """Elements matching selector whose text is cut off: more content than box, with
    overflow hidden (scrollable boxes are a way to read it, so they do not count)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].filter((el) => {
            if (el.closest(".sr-only")) return false; // hidden on purpose, for screen readers
            const s = getComputedStyle(el);
            const hides = (v) => v === "hidden" || v === "clip";
            const cut = (el.scrollWidth > el.clientWidth + 1 && hides(s.overflowX))
                     || (el.scrollHeight > el.clientHeight + 1 && hides(s.overflowY))
                     || s.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1
                     || (s.webkitLineClamp && s.webkitLineClamp !== "none");
            return cut;
        }).map((el) => el.textContent.trim().slice(0, 60))""",
        selector,
    )


def font_sizes(page, selector: str) -> list[float]:
    """Computed font size (px) of the text of every visible element matching selector."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.getBoundingClientRect().height > 0)
            .map((el) => parseFloat(getComputedStyle(el).fontSize))""",
        selector,
    )


def scale_text(page, percent: int = 200) -> None:
    """Text at percent % as a browser's text-size setting does it: the root font size
    grows and everything sized in rem/em follows."""
    page.evaluate(
        "(p) => { document.documentElement.style.fontSize = p + '%'; }",
        percent,
    )


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


__all__ = [
    "MIN_NOTE_TEXT",
    "MIN_PROMPT",
    "MIN_TAP",
    "assert_accessible",
    "axe_source",
    "axe_violations",
    "clipped_text",
    "describe",
    "font_sizes",
    "horizontal_overflow",
    "scale_text",
    "small_tap_targets",
]
