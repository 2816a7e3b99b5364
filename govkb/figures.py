"""An indicator's chart as an accessible figure, with its downloads and one tidy CSV of every figure."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from . import mdtext as md
from .charts import THEMES, ChartRenderer, frame
from .knowledge import Entry, KnowledgeBase
from .models import ChartKind, Indicator

CHART_DIR = "assets/charts"
ALL_FIGURES_CSV = "assets/data/smart-cities-study-2019-figures.csv"


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


def chart_assets(entry: Entry[Indicator], renderer: ChartRenderer) -> list[Asset]:
    """SVG in both palettes, the light spec as Vega-Lite JSON, and the data as CSV."""
    slug = entry.slug
    charts = {name: renderer.chart(entry.meta, name) for name in THEMES}
    csv = tidy(entry).to_csv(index=False, lineterminator="\n")
    return [
        *(Asset(f"{CHART_DIR}/{slug}-{name}.svg", svg) for name, (_, svg) in charts.items()),
        Asset(f"{CHART_DIR}/{slug}.vl.json", json.dumps(charts["light"][0], indent=2, ensure_ascii=False)),
        Asset(f"{CHART_DIR}/{slug}.csv", csv),
    ]


def tidy(entry: Entry[Indicator]) -> pd.DataFrame:
    """One indicator's figures in the columns of the all-figures CSV."""
    meta = entry.meta
    data = frame(meta)
    return pd.DataFrame({
        "indicator": entry.slug,
        "label": data["label"],
        "row": data["row"] if meta.table else "",
        "column": data["column"],
        "value": data["printed"],
        "unit": meta.unit.label if meta.unit else "",
        "base": meta.base,
        "source_section": meta.source.section,
    })


def all_figures_csv(kb: KnowledgeBase) -> str:
    frames = [tidy(entry) for entry in kb.indicators.values() if entry.meta.chart is not ChartKind.none]
    return pd.concat(frames, ignore_index=True).to_csv(index=False, lineterminator="\n")


def text_alternative(meta: Indicator) -> str:
    """What the chart shows, in words: the finding, then every figure."""
    data = frame(meta)
    if meta.table:
        parts = [f"{row}: " + ", ".join(f"{c} {v}" for c, v in zip(group["column"], group["shown"]))
                 for row, group in data.groupby("row", sort=False)]
    else:
        parts = [f"{label} {shown}" for label, shown in zip(data["label"], data["shown"])]
    return f"{meta.finding} Figures: " + "; ".join(parts) + "."


def figure_markdown(entry: Entry[Indicator], page_uri: str, table: str) -> str:
    """The chart in a <figure>: light and dark SVG, caption, text alternative, data table and downloads."""
    meta = entry.meta
    base = f"{CHART_DIR}/{entry.slug}"
    alt_text = md.text(text_alternative(meta))
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
