"""An indicator's chart files in one language: SVG per palette, its Vega-Lite spec and its data as CSV."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Indicator
from .data import ChartWords, tidy_csv
from .render import ChartRenderer
from .theme import THEMES


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


@dataclass(frozen=True)
class ChartFiles:
    assets: list[Asset]
    csv: str


def chart_files(entry: Entry[Indicator], words: ChartWords, renderer: ChartRenderer) -> ChartFiles:
    """SVG in both palettes, the light spec as Vega-Lite JSON, and the data as CSV."""
    slug = entry.slug
    charts = {name: renderer.chart(entry.meta, words, name) for name in THEMES}
    # What pandas works out is kept with the charts, so that a warm build does not import it.
    key = f"csv|{slug}|{entry.meta.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"
    csv = renderer.cache.kept(key, lambda: tidy_csv(entry, words))
    assets = [
        *(Asset(urls.chart(slug, f"-{name}.svg"), svg) for name, (_, svg) in charts.items()),
        # Sorted keys: the same file whether the spec came from the cache or not.
        Asset(urls.chart(slug, ".vl.json"),
              json.dumps(charts["light"][0], indent=2, ensure_ascii=False, sort_keys=True)),
        Asset(urls.chart(slug, ".csv"), csv),
    ]
    return ChartFiles(assets, csv)
