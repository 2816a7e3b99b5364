"""Charts for survey indicators, rendered to static SVG at build time.

One theme (``THEMES``) serves every chart, in a light and a dark variant that follow the site's palette
switch. The Altair specs are built in ``chartspec``; rendering is cached on disk, so a rebuild that
changes no indicator builds and renders nothing again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diskcache import TextCache, code_digest
from .models import Indicator

if TYPE_CHECKING:
    import pandas as pd

FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"  # metric twins: labels measured at build fit in the browser


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    mark: str
    track: str
    # Ordinal categories, each at least 3:1 against the background, with text colour for labels inside.
    categories: tuple[str, ...]
    inside_text: str


# Colours from the site's stylesheet (content/assets/stylesheets/kb.css): indigo on white, light indigo on slate.
THEMES = {
    "light": Theme("light", "#ffffff", "#1f2329", "#4a5160", "#d9dce3", "#303f9f", "#e3e6f3",
                   ("#8c2d04", "#b84a00", "#5e4b9c", "#1f5fa8", "#0b3d73"), "#ffffff"),
    "dark": Theme("dark", "#1e2129", "#e6e8ee", "#b7bcc8", "#3a3f4b", "#9fa8ff", "#2f3442",
                  ("#fdae6b", "#f7c59f", "#c6c1ee", "#9ecae1", "#7fb8ff"), "#111111"),
}


def frame(indicator: Indicator) -> pd.DataFrame:
    """Tidy rows (label, row, column, value) in printed order: the one source for chart, table and CSV."""
    import pandas as pd  # on a cache miss only: pandas takes a quarter of a second to import

    if indicator.table:
        records = [{"label": row.label, "row": row.label, "column": column, "value": float(value),
                    "printed": str(value), "order": c}
                   for row in indicator.table.rows
                   for c, (column, value) in enumerate(zip(indicator.table.columns, row.values))]
    else:
        records = [{"label": item.label, "row": item.label, "column": "", "value": float(item.value),
                    "printed": str(item.value), "order": i}
                   for i, item in enumerate(indicator.values or [])]
    data = pd.DataFrame.from_records(records, columns=["label", "row", "column", "value", "printed", "order"])
    suffix = "%" if indicator.unit and indicator.unit.value == "percent" else ""
    data["shown"] = data["printed"] + suffix
    return data


# Specs depend on this module's themes and on chartspec's code: a change to either renders afresh.
_CODE_DIGEST = code_digest(Path(__file__), Path(__file__).parent / "chartspec.py")


class ChartRenderer:
    """Builds specs and renders SVG, caching both on disk.

    A spec is cached by a hash of what it is built from (the indicator, the theme and this module's code),
    so a warm build does not even import Altair; its SVG is cached by a hash of the spec itself.
    """

    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def chart(self, indicator: Indicator, theme_name: str) -> tuple[dict, str]:
        inputs = f"{_CODE_DIGEST}|{theme_name}|{indicator.model_dump_json()}"
        cached_spec = self.cache.get(inputs, ".vl.json")
        if cached_spec is not None:
            chart_spec = json.loads(cached_spec)
        else:
            from .chartspec import spec  # imported on a miss only: Altair takes half a second to import

            chart_spec = spec(indicator, THEMES[theme_name])
            self.cache.put(inputs, json.dumps(chart_spec, sort_keys=True), ".vl.json")
        return chart_spec, self.svg(chart_spec)

    def svg(self, chart_spec: dict) -> str:
        key = json.dumps(chart_spec, sort_keys=True)
        cached = self.cache.get(key, ".svg")
        if cached is not None:
            self.cached += 1
            return cached
        import vl_convert  # imported on first miss: a warm cache never pays for the renderer

        self.rendered += 1
        return self.cache.put(key, vl_convert.vegalite_to_svg(chart_spec), ".svg")
