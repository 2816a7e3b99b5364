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
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from ..cache import TextCache
from ..content.characters import described
from ..content.models import Indicator
from .data import ChartWords
from .theme import THEMES, recoloured

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
    spec: dict  # the light palette's Vega-Lite spec
    svgs: dict[str, str]  # palette name -> SVG


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0

    def charts(self, requests: list[tuple[Indicator, ChartWords]]) -> list[Chart]:
        """Every requested chart, in order: its spec and its SVG in each palette. Raises ChartError."""
        specs = [self._spec(indicator, words) for indicator, words in requests]
        keys = [f"{words.number_format_locale}|{json.dumps(spec, sort_keys=True)}"
                for spec, (_, words) in zip(specs, requests, strict=True)]
        light = [self.cache.get(key, ".svg") for key in keys]
        missing = [i for i, svg in enumerate(light) if svg is None]
        for i in missing:
            _check_drawable(i, specs[i])
        self.cached += len(light) - len(missing)
        self.rendered += len(missing)
        if missing:
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                drawn = pool.map(lambda i: _draw(i, specs[i], requests[i][1].number_format_locale), missing)
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
