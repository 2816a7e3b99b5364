"""WCAG 2.0/2.1/2.2 A and AA (target size included) with axe-core on every kind of page, in both palettes, and
keyboard use."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGES = {
    "home": "/",
    "chapter": "/open-government/",
    "case": "/cases/decidim-barcelona/",
    "city": "/cities/bilbao/",
    "cities-map": "/cities/",
    "area": "/areas/citizen-participation/",
    "areas-matrix": "/areas/",
    "sdg": "/sdgs/16/",
    "sdg-overview": "/sdgs/",
    "indicator-chart": "/indicators/assessment-timing/",
    "indicator-index": "/indicators/",
    "explorer": "/explore/?area=open-data",
    "open-data": "/data/",
    "search-open": "/search/?q=Medellin",
    "accessibility-statement": "/accessibility/",
    "not-found": "/no-such-page/",
}

_axe = Axe()


def settled(page) -> None:
    """Wait for what scripts add after the load event: the explorer's list once its data has arrived, search
    results."""
    if page.locator("[data-explorer]").count():
        page.locator("[data-explorer][data-ready]").wait_for(state="attached")
    if "/search/?q=" in page.url:
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)


def violations(page) -> list[str]:
    # resultTypes: axe still checks every rule, but details (a unique selector for each node) only the violations,
    # which roughly halves its time on these pages.
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]]


EDITIONS = {"en": "", "es": "/es", "fr": "/fr"}
# Every edition in the light palette, and English in the dark one too: the palettes differ in colours alone, and
# the editions share them (checking the dark palette in Spanish and French too took a third of this file's time).
EDITION_PALETTES = [("en", "light"), ("en", "dark"), ("es", "light"), ("fr", "light")]


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize(("language", "scheme"), EDITION_PALETTES)
def test_no_axe_violations(themed_page, base_url, kind, scheme, language):
    page = themed_page
    page.goto(base_url + EDITIONS[language] + PAGES[kind])
    settled(page)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert page.locator("html").get_attribute("lang") == language
    assert violations(page) == []


FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
             "[tabindex]:not([tabindex='-1'])")

# Tags every control a keyboard user should reach (one per radio group, as Tab moves between groups).
TAG_CONTROLS = f"""() => {{
    const groups = new Set();
    return Array.from(document.querySelectorAll("{FOCUSABLE}")).filter(el => {{
        // Not drawn: in a closed <details>, hidden by a style, or without a box.
        if (!el.checkVisibility({{visibilityProperty: true}})) return false;
        if (el.closest('[hidden], [inert]')) return false;
        if (el.type === 'radio') {{
            if (!el.checked || groups.has(el.name)) return false;
            groups.add(el.name);
        }}
        return true;
    }}).map((el, i) => {{ el.dataset.kbControl = i; return el.outerHTML.slice(0, 100); }});
}}"""

# Whether focus shows: on the element itself; for a visually hidden input, on the label that follows it
# (Material's palette switch); for a map marker, as a ring drawn round its circle.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const shows = node => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || (style.boxShadow && style.boxShadow !== 'none');
    };
    const next = el.nextElementSibling;
    const label = next && next.tagName === 'LABEL' ? next : null;
    const ring = Array.from(el.querySelectorAll('circle'))
        .some(circle => parseFloat(getComputedStyle(circle).strokeWidth) >= 3);
    const box = el.getBoundingClientRect();
    return {id: el.dataset.kbControl ?? null, html: el.outerHTML.slice(0, 100),
            indicated: shows(el) || (label !== null && shows(label)) || ring,
            visible: box.width > 1 && box.height > 1};
}"""


@pytest.mark.parametrize("kind", ["home", "case", "explorer", "cities-map"])
def test_every_control_is_reachable_and_visibly_focused(page, base_url, kind):
    page.goto(base_url + PAGES[kind])
    settled(page)  # the explorer re-renders its list once its data arrives
    controls = page.evaluate(TAG_CONTROLS)
    reached, unmarked = set(), []
    for _ in range(len(controls) + 20):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if state["id"] is not None:
            reached.add(int(state["id"]))
        if not state["indicated"]:
            unmarked.append(state["html"])
    missing = [html for i, html in enumerate(controls) if i not in reached]
    assert not missing, f"not reachable by Tab: {missing[:5]}"
    assert not unmarked, f"focused without a visible indicator: {unmarked[:5]}"
