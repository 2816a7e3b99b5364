"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

A spec is cached by what it is built from (the indicator and the theme; the cache's key covers the code
and library versions), so a warm build does not even import Altair; its SVG by the spec itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..cache import TextCache
from ..content.characters import described
from ..content.models import Indicator
from .theme import THEMES

# What XML 1.0 allows in a document. vl-convert aborts the whole process, beyond any exception handler, on a
# character outside it (a control character in a label), so such a spec never reaches it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ChartError(Exception):
    """A chart that cannot be drawn, and why."""


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
        for text in _strings(chart_spec):
            found = _NOT_XML.search(text)
            if found:
                raise ChartError(f"'{text[:40]}' holds {described(found.group())}, which an SVG cannot hold")
        import vl_convert  # imported on first miss: a warm cache never pays for the renderer

        try:
            svg = vl_convert.vegalite_to_svg(chart_spec)
        except BaseException as error:  # a Rust panic arrives as pyo3's PanicException, a BaseException
            if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
                raise
            raise ChartError(f"the chart renderer failed: {str(error)[:200]}") from None
        self.rendered += 1
        return self.cache.put(key, svg, ".svg")


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
