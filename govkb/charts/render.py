"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

A spec is cached by what it is built from (the indicator, its words and the theme; the cache's key covers the
code and library versions), so a warm build does not even import Altair; its SVG by the spec itself.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, cast

from ..cache import TextCache
from ..content.models import Indicator
from .data import ChartWords
from .theme import THEMES


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def chart(self, indicator: Indicator, words: ChartWords, theme_name: str) -> tuple[dict, str]:
        inputs = f"{theme_name}|{indicator.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"
        cached_spec = self.cache.get(inputs, ".vl.json")
        if cached_spec is not None:
            chart_spec = json.loads(cached_spec)
        else:
            from .spec import spec  # imported on a miss only: Altair takes half a second to import

            chart_spec = spec(indicator, words, THEMES[theme_name])
            self.cache.put(inputs, json.dumps(chart_spec, sort_keys=True), ".vl.json")
        return chart_spec, self.svg(chart_spec, words.number_format_locale)

    def svg(self, chart_spec: dict, number_format_locale: str) -> str:
        key = f"{number_format_locale}|{json.dumps(chart_spec, sort_keys=True)}"
        cached = self.cache.get(key, ".svg")
        if cached is not None:
            self.cached += 1
            return cached
        import vl_convert  # imported on first miss: a warm cache never pays for the renderer

        self.rendered += 1
        svg = vl_convert.vegalite_to_svg(chart_spec, format_locale=cast(Any, number_format_locale))
        return self.cache.put(key, svg, ".svg")
