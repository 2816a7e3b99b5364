"""An indicator's chart as an accessible figure, with its downloads and one tidy CSV of every figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import mdtext as md
from .charts import THEMES, ChartRenderer, frame
from .diskcache import TextCache, code_digest
from .knowledge import Entry
from .models import Indicator

if TYPE_CHECKING:
    import pandas as pd

CHART_DIR = "assets/charts"
ALL_FIGURES_CSV = "assets/data/smart-cities-study-2019-figures.csv"
TIDY_COLUMNS = ["indicator", "label", "row", "column", "value", "unit", "base", "source_section"]
# What pandas works out for an indicator (its CSV, its text alternative) is kept on disk with the charts,
# keyed by the indicator and this code, so a warm build does not even import pandas.
_CODE_DIGEST = code_digest(Path(__file__), Path(__file__).with_name("charts.py"))


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


def chart_assets(entry: Entry[Indicator], renderer: ChartRenderer) -> list[Asset]:
    """SVG in both palettes, the light spec as Vega-Lite JSON, and the data as CSV."""
    slug = entry.slug
    charts = {name: renderer.chart(entry.meta, name) for name in THEMES}
    csv = _kept(renderer.cache, f"csv|{slug}", entry.meta,
                lambda: tidy(entry).to_csv(index=False, lineterminator="\n"))
    return [
        *(Asset(f"{CHART_DIR}/{slug}-{name}.svg", svg) for name, (_, svg) in charts.items()),
        Asset(f"{CHART_DIR}/{slug}.vl.json",
              json.dumps(charts["light"][0], indent=2, ensure_ascii=False, sort_keys=True)),  # same, cached or not
        Asset(f"{CHART_DIR}/{slug}.csv", csv),
    ]


def _kept(cache: TextCache, what: str, meta: Indicator, make: Callable[[], str]) -> str:
    return cache.kept(f"{_CODE_DIGEST}|{what}|{meta.model_dump_json()}", make)


def tidy(entry: Entry[Indicator]) -> pd.DataFrame:
    """One indicator's figures in the columns of the all-figures CSV."""
    import pandas as pd

    meta = entry.meta
    data = frame(meta)
    tidied = pd.DataFrame({
        "indicator": entry.slug,
        "label": data["label"],
        "row": data["row"] if meta.table else "",
        "column": data["column"],
        "value": data["printed"],
        "unit": meta.unit.label if meta.unit else "",
        "base": meta.base,
        "source_section": meta.source.section,
    })
    return tidied[TIDY_COLUMNS]


def all_figures_csv(indicator_csvs: list[str]) -> str:
    """One CSV of every figure: the indicators' own CSVs, which share its columns, under one header."""
    return ",".join(TIDY_COLUMNS) + "\n" + "".join(csv.split("\n", 1)[1] for csv in indicator_csvs)


def text_alternative(meta: Indicator) -> str:
    """What the chart shows, in words: the finding, then every figure."""
    data = frame(meta)
    if meta.table:
        parts = [f"{row}: " + ", ".join(f"{c} {v}" for c, v in zip(group["column"], group["shown"]))
                 for row, group in data.groupby("row", sort=False)]
    else:
        parts = [f"{label} {shown}" for label, shown in zip(data["label"], data["shown"])]
    return f"{meta.finding} Figures: " + "; ".join(parts) + "."


def figure_markdown(entry: Entry[Indicator], page_uri: str, table: str, cache: TextCache) -> str:
    """The chart in a <figure>: light and dark SVG, caption, text alternative, data table and downloads."""
    meta = entry.meta
    base = f"{CHART_DIR}/{entry.slug}"
    alt_text = md.text(_kept(cache, "text alternative", meta, lambda: text_alternative(meta)))
    images = "\n".join(
        f"![{alt_text}]({md.relative(page_uri, f'{base}-{name}.svg')}#only-{name}){{ .kb-chart-svg }}"
        for name in THEMES)
    downloads = " · ".join([
        f"[Data (CSV)]({md.relative(page_uri, base + '.csv')}){{ download }}",
        f"[Vega-Lite specification (JSON)]({md.relative(page_uri, base + '.vl.json')}){{ download }}",
        f"[Chart (SVG)]({md.relative(page_uri, base + '-light.svg')}){{ download }}",
    ])
    caption = f"{md.text(meta.title)} — {md.text(meta.unit.label)}; base: {md.text(meta.base)}."
    return (f'<figure class="kb-chart" markdown>\n\n{images}\n\n'
            f"<figcaption markdown>{caption}</figcaption>\n\n"
            f'<details class="kb-data" markdown>\n<summary>Data table</summary>\n\n{table}\n\n</details>\n\n'
            f"Download: {downloads}\n{{ .kb-downloads }}\n\n</figure>")
