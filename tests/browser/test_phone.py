"""On a phone (390 × 844), measured in the browser rather than looked at: every kind of page fits the screen or
scrolls visibly where it cannot, chart text renders at 12 px or more, and every city on a map is a target of
24 × 24 px or more."""

from __future__ import annotations

import pytest

from govkb.pages.indicators import NARROW_MEDIA

from ..test_charts import one_of_each_kind
from .test_accessibility import PAGES, settled, violations

# Elements wider than the screen, except inside a region that scrolls sideways and shows it: ours (.kb-scroll,
# shaded at its edges) or one whose scroll bar takes room. Material's closed navigation drawer waits off-screen,
# and an SVG's drawing is clipped by the SVG itself.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const scroller = el => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
            if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth) return p;
        return null;
    };
    const shows = region => region.classList.contains('kb-scroll')
        || region.offsetHeight - region.clientHeight - region.clientTop * 2 > 0;
    const problems = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.ownerSVGElement || el.closest('.md-sidebar--primary') || !el.getClientRects().length) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || (box.left > -1 && box.right < width + 1)) continue;
        const region = scroller(el);
        const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} (${box.left}–${box.right})`;
        if (!region) problems.push(name);
        else if (!shows(region) || region.getBoundingClientRect().right > width + 1)
            problems.push(`${name} in a region that does not show it scrolls`);
    }
    return {page: document.documentElement.scrollWidth, width, problems: problems.slice(0, 5)};
}"""

# The smallest text of each chart on the page, as drawn: its SVG's smallest font size times the scale the
# image is shown at (the drawing the <picture> chose for this width).
CHART_TEXT = """async () => Promise.all(Array.from(document.querySelectorAll('img.kb-chart-svg'))
    .filter(img => img.getClientRects().length)
    .map(async img => {
        await img.decode();  // the drawing chosen for this width, once it has loaded
        const svg = await (await fetch(img.currentSrc)).text();
        const width = parseFloat(svg.match(/<svg[^>]* width="([\\d.]+)"/)[1]);
        const sizes = Array.from(svg.matchAll(/font-size="([\\d.]+)px"/g), match => parseFloat(match[1]));
        return {src: img.currentSrc, smallest: Math.min(...sizes) * img.getBoundingClientRect().width / width};
    }))"""

# After a resize the browser picks each chart's drawing again, a moment later: wait until every shown chart's
# drawing is the one its <picture> names for this width.
DRAWING_CHOSEN = f"""() => Array.from(document.querySelectorAll('img.kb-chart-svg'))
    .filter(img => img.getClientRects().length)
    .every(img => img.currentSrc.includes('-narrow-') === matchMedia('{NARROW_MEDIA}').matches)"""

# Every city's target on the map shown at this width: a city's link, or the marker of a group of cities.
TARGETS = """() => Array.from(document.querySelectorAll('.kb-map a.kb-map__city, .kb-map summary'))
    .filter(el => el.getClientRects().length)
    .map(el => { const b = el.getBoundingClientRect();
                 return {name: el.getAttribute('aria-label') || el.textContent.trim(),
                         left: b.left, top: b.top, right: b.right, bottom: b.bottom}; })"""


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_fits_a_phone(phone, base_url, kind):
    """In French, whose words are the longest: nothing wider than the screen but in a region that visibly scrolls;
    and axe's rules (target size among them) hold at this size too. The width is measured with every <details>
    open: a chart's data table, a group of cities on a map."""
    phone.goto(base_url + "/fr" + PAGES[kind])
    settled(phone)
    assert violations(phone) == []
    phone.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    measured = phone.evaluate(OVERFLOWING)
    assert measured["page"] == measured["width"] and measured["problems"] == [], measured


def test_chart_text_is_12px_or_more_on_a_phone_and_a_laptop(phone, base_url, kb):
    for entry in one_of_each_kind(kb):
        phone.goto(f"{base_url}/indicators/{entry.slug}/")
        for width, height in ((390, 844), (1366, 768)):
            phone.set_viewport_size({"width": width, "height": height})
            phone.wait_for_function(DRAWING_CHOSEN)
            charts = phone.evaluate(CHART_TEXT)
            assert charts and all(chart["smallest"] >= 12 for chart in charts), (width, charts)


def overlapping(targets: list[dict]) -> list[tuple[str, str]]:
    return [(a["name"], b["name"]) for i, a in enumerate(targets) for b in targets[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


@pytest.mark.parametrize("path", ["/cities/", "/cities/bilbao/"])
def test_every_city_on_a_map_is_a_24px_target_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    targets = phone.evaluate(TARGETS)
    assert targets
    smallest = min(min(t["right"] - t["left"], t["bottom"] - t["top"]) for t in targets)
    assert smallest >= 24, targets
    assert overlapping(targets) == []
    label = phone.locator(".kb-map__label:visible")
    if label.count():  # the highlighted city's name, legible
        assert float(label.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 12
