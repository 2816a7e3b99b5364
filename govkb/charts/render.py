"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

A spec is cached by what it is built from (the indicator and its words; the cache's key covers the code and
library versions), so a warm build does not even import Altair; its SVG by the spec itself. Each chart is
drawn once, in the light palette: the dark SVG is the same drawing with each colour of the light palette
swapped for its dark counterpart (see ``theme.recoloured``). The SVGs that miss the cache are drawn in
parallel, as vl-convert releases Python's lock while it draws.
"""

from __future__ import annotations

import dataclasses
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from ..cache import TextCache
from ..content.models import Indicator
from .data import ChartWords
from .theme import THEMES, recoloured


@dataclass(frozen=True)
class Chart:
    spec: dict  # the light palette's Vega-Lite spec
    svgs: dict[str, str]  # palette name -> SVG


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def charts(self, requests: list[tuple[Indicator, ChartWords]]) -> list[Chart]:
        """Every requested chart, in order: its spec and its SVG in each palette."""
        specs = [self._spec(indicator, words) for indicator, words in requests]
        keys = [f"{words.number_format_locale}|{json.dumps(spec, sort_keys=True)}"
                for spec, (_, words) in zip(specs, requests, strict=True)]
        light = [self.cache.get(key, ".svg") for key in keys]
        missing = [i for i, svg in enumerate(light) if svg is None]
        self.cached += len(light) - len(missing)
        self.rendered += len(missing)
        if missing:
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                drawn = pool.map(lambda i: _draw(specs[i], requests[i][1].number_format_locale), missing)
                for i, svg in zip(missing, drawn, strict=True):
                    light[i] = self.cache.put(keys[i], svg, ".svg")
        return [Chart(spec, {name: svg if name == "light" else recoloured(svg, THEMES["light"], theme)
                             for name, theme in THEMES.items()})
                for spec, svg in zip(specs, cast(list[str], light), strict=True)]

    def _spec(self, indicator: Indicator, words: ChartWords) -> dict:
        inputs = f"{indicator.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"
        cached = self.cache.get(inputs, ".vl.json")
        if cached is not None:
            return json.loads(cached)
        from .spec import spec  # imported on a miss only: Altair takes half a second to import

        built = spec(indicator, words, THEMES["light"])
        self.cache.put(inputs, json.dumps(built, sort_keys=True), ".vl.json")
        return built


def _draw(spec: dict, number_format_locale: str) -> str:
    import vl_convert  # imported on a miss only: a warm build never pays for the renderer

    return vl_convert.vegalite_to_svg(spec, format_locale=cast(Any, number_format_locale))
