"""An indicator's chart files (SVG per palette, Vega-Lite JSON, CSV) and the words that stand for the chart."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Indicator
from ..content.problems import ContentError, Problem
from .data import text_alternative, tidy_csv
from .render import ChartError, ChartRenderer
from .theme import THEMES


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


@dataclass(frozen=True)
class ChartFiles:
    assets: list[Asset]
    csv: str
    text_alternative: str


def chart_files(entry: Entry[Indicator], renderer: ChartRenderer) -> ChartFiles:
    """SVG in both palettes, the light spec as Vega-Lite JSON, the data as CSV, and the chart in words."""
    slug = entry.slug
    try:
        charts = {name: renderer.chart(entry.meta, name) for name in THEMES}
    except ChartError as error:  # the build stops before site/ is touched, naming the file to fix
        raise ContentError([Problem(entry.path, None, "", f"the chart cannot be drawn: {error}")]) from None

    def kept(what: str, make: Callable[[], str]) -> str:
        # What pandas works out is kept with the charts, so that a warm build does not import it.
        return renderer.cache.kept(f"{what}|{slug}|{entry.meta.model_dump_json()}", make)

    csv = kept("csv", lambda: tidy_csv(entry))
    assets = [
        *(Asset(urls.chart(slug, f"-{name}.svg"), svg) for name, (_, svg) in charts.items()),
        # Sorted keys: the same file whether the spec came from the cache or not.
        Asset(urls.chart(slug, ".vl.json"),
              json.dumps(charts["light"][0], indent=2, ensure_ascii=False, sort_keys=True)),
        Asset(urls.chart(slug, ".csv"), csv),
    ]
    return ChartFiles(assets, csv, kept("text alternative", lambda: text_alternative(entry.meta)))
