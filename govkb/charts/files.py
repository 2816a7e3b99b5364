"""An indicator's chart files in one language: SVG per layout and palette, its Vega-Lite spec and its data as CSV."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .. import csvtext, urls
from ..content.knowledge import Entry
from ..content.models import Indicator
from ..content.problems import ContentError, Problem
from .data import ChartWords
from .render import Chart, ChartError, ChartRenderer
from .theme import LAYOUTS


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


@dataclass(frozen=True)
class ChartFiles:
    assets: list[Asset]
    csv: str
    sizes: dict[str, tuple[int, int]]  # each layout's width and height in CSS px, by prefix ('', 'narrow-')


_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height an SVG declares on its root element."""
    found = _SVG_SIZE.search(svg)
    if not found:
        raise ValueError("the chart's SVG declares no width and height")
    return round(float(found.group(1))), round(float(found.group(2)))


def chart_files(entries: list[tuple[Entry[Indicator], ChartWords]], renderer: ChartRenderer) -> list[ChartFiles]:
    """For each indicator: SVG in both layouts and palettes, the wide light spec as Vega-Lite JSON, and the data as
    CSV."""
    try:
        charts = renderer.charts(entries)
    except ChartError as error:  # the build stops before site/ is touched, naming the file to fix
        raise ContentError([Problem(entries[error.index][0].path, None, "",
                                    f"the chart cannot be drawn: {error}")]) from None
    return [_files(entry, chart) for (entry, _), chart in zip(entries, charts, strict=True)]


def _files(entry: Entry[Indicator], chart: Chart) -> ChartFiles:
    slug, csv = entry.slug, chart.csv
    assets = [
        *(Asset(urls.chart(slug, f"-{name}.svg"), svg) for name, svg in chart.svgs.items()),
        # Sorted keys: the same file whether the spec came from the cache or not.
        Asset(urls.chart(slug, ".vl.json"), json.dumps(chart.spec, indent=2, ensure_ascii=False, sort_keys=True)),
        Asset(urls.chart(slug, ".csv"), csvtext.published(csv)),
    ]
    return ChartFiles(assets, csv, {prefix: svg_size(chart.svgs[f"{prefix}light"]) for prefix in LAYOUTS})
