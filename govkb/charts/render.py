"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

Each chart is drawn in two layouts: wide, for a laptop's column, and narrow, for a phone's (see ``spec``). A spec
is cached by what it is built from (the indicator, its words and the layout; the cache's key covers the code and
library versions), so a warm build does not even import Altair; its SVG by the spec itself. Each layout is
drawn once, in the light palette: the dark SVG is the same drawing with each colour of the light palette
swapped for its dark counterpart (see ``theme.recoloured``). The SVGs that miss the cache are drawn in
parallel, as vl-convert releases Python's lock while it draws.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from ..cache import TextCache
from ..content.characters import described
from ..content.models import Indicator
from .data import ChartWords
from .theme import LAYOUTS, THEMES, recoloured

# What XML 1.0 allows in a document. vl-convert aborts the whole process, beyond any exception handler, on a
# character outside it (a control character in a label), so such a spec never reaches it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ChartError(Exception):
    """A chart that cannot be drawn, and why; ``index`` is its place in the request."""

    def __init__(self, index: int, reason: str):
        super().__init__(reason)
        self.index = index


@dataclass(frozen=True)
class Chart:
    spec: dict  # the wide layout's Vega-Lite spec in the light palette
    svgs: dict[str, str]  # layout prefix and palette name ('narrow-dark') -> SVG


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def charts(self, requests: list[tuple[Indicator, ChartWords]]) -> list[Chart]:
        """Every requested chart, in order: its spec and its SVG in each layout and palette. Raises ChartError."""
        # One drawing per request and layout: request i's layouts are drawings i * len(LAYOUTS) onwards.
        drawings = [(i, words, layout_spec) for i, (indicator, words) in enumerate(requests)
                    for layout_spec in self._specs(indicator, words).values()]
        keys = [f"{words.number_format_locale}|{json.dumps(spec, sort_keys=True)}" for _, words, spec in drawings]
        light = [self.cache.get(key, ".svg") for key in keys]
        missing = [d for d, svg in enumerate(light) if svg is None]
        for d in missing:
            _check_drawable(drawings[d][0], drawings[d][2])
        self.cached += len(light) - len(missing)
        self.rendered += len(missing)
        if missing:
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                drawn = pool.map(lambda d: _draw(drawings[d][0], drawings[d][2], drawings[d][1].number_format_locale),
                                 missing)
                for d, svg in zip(missing, drawn, strict=True):
                    light[d] = self.cache.put(keys[d], svg, ".svg")
        svgs = cast(list[str], light)
        per_request = len(LAYOUTS)
        return [Chart(drawings[i * per_request][2],
                      {f"{prefix}{name}": svg if name == "light" else recoloured(svg, THEMES["light"], theme)
                       for prefix, svg in zip(LAYOUTS, svgs[i * per_request:(i + 1) * per_request], strict=True)
                       for name, theme in THEMES.items()})
                for i in range(len(requests))]

    def _specs(self, indicator: Indicator, words: ChartWords) -> dict[str, dict]:
        """The light palette's spec in each layout, by prefix."""
        inputs = f"{indicator.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"
        cached = self.cache.get(inputs, ".vl.json")
        if cached is not None:
            return json.loads(cached)
        from .spec import specs  # imported on a miss only: Altair takes half a second to import

        built = specs(indicator, words, THEMES["light"])
        self.cache.put(inputs, json.dumps(built, sort_keys=True), ".vl.json")
        return built


def _check_drawable(index: int, spec: dict) -> None:
    for text in _strings(spec):
        found = _NOT_XML.search(text)
        if found:
            raise ChartError(index, f"'{text[:40]}' holds {described(found.group())}, which an SVG cannot hold")


def _draw(index: int, spec: dict, number_format_locale: str) -> str:
    import vl_convert  # imported on a miss only: a warm build never pays for the renderer

    try:
        return vl_convert.vegalite_to_svg(spec, format_locale=cast(Any, number_format_locale))
    except BaseException as error:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        raise ChartError(index, f"the chart renderer failed: {str(error)[:200]}") from None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a spec, keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
