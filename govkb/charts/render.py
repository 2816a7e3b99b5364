"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

A spec is cached by what it is built from (the indicator and the theme; the cache's key covers the code
and library versions), so a warm build does not even import Altair; its SVG by the spec itself.
"""

from __future__ import annotations

import json

from ..cache import TextCache
from ..content.models import Indicator
from .theme import THEMES


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def chart(self, indicator: Indicator, theme_name: str) -> tuple[dict, str]:
        inputs = f"{theme_name}|{indicator.model_dump_json()}"
        cached_spec = self.cache.get(inputs, ".vl.json")
        if cached_spec is not None:
            chart_spec = json.loads(cached_spec)
        else:
            from .spec import spec  # imported on a miss only: Altair takes half a second to import

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
