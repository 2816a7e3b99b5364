"""An indicator's chart files in one language: SVG per palette, its Vega-Lite spec and its data as CSV."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from .. import csvtext, urls
from ..content.knowledge import Entry
from ..content.models import Indicator
from ..content.problems import ContentError, Problem
from .data import ChartWords, tidy_csv
from .render import Chart, ChartError, ChartRenderer
from .theme import THEMES


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


@dataclass(frozen=True)
class ChartFiles:
    assets: list[Asset]
    csv: str


def chart_files(entries: list[tuple[Entry[Indicator], ChartWords]], renderer: ChartRenderer) -> list[ChartFiles]:
    """For each indicator: SVG in both palettes, the light spec as Vega-Lite JSON, and the data as CSV."""
    try:
        charts = renderer.charts([(entry.meta, words) for entry, words in entries])
    except ChartError as error:  # the build stops before site/ is touched, naming the file to fix
        raise ContentError([Problem(entries[error.index][0].path, None, "",
                                    f"the chart cannot be drawn: {error}")]) from None
    return [_files(entry, words, chart, renderer) for (entry, words), chart in zip(entries, charts, strict=True)]


def _files(entry: Entry[Indicator], words: ChartWords, chart: Chart, renderer: ChartRenderer) -> ChartFiles:
    slug = entry.slug
    # What pandas works out is kept with the charts, so that a warm build does not import it.
    key = f"csv|{slug}|{entry.meta.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"
    csv = renderer.cache.kept(key, lambda: tidy_csv(entry, words))
    assets = [
        *(Asset(urls.chart(slug, f"-{name}.svg"), chart.svgs[name]) for name in THEMES),
        # Sorted keys: the same file whether the spec came from the cache or not.
        Asset(urls.chart(slug, ".vl.json"), json.dumps(chart.spec, indent=2, ensure_ascii=False, sort_keys=True)),
        Asset(urls.chart(slug, ".csv"), csvtext.published(csv)),
    ]
    return ChartFiles(assets, csv)
