"""An indicator's figures as tidy rows: the one source of its chart, its CSV and its text alternative.

pandas is imported on first use only: a warm build takes all of these from the cache and never needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.knowledge import Entry
from ..content.models import Indicator
from ..csvtext import LINE_END, csv_text

if TYPE_CHECKING:
    import pandas as pd

TIDY_COLUMNS = ["indicator", "label", "row", "column", "value", "unit", "base", "source_section"]


@dataclass(frozen=True)
class ChartWords:
    """Everything a chart and its CSV say, in one language: the pages' edition fills it in."""

    language: str
    title: str
    unit: str  # the unit's label, e.g. "% of cities"
    base: str
    subtitle: str  # the unit and the base, as the chart's subtitle
    section: str
    labels: list[str]  # the values' labels, or a table's row labels
    columns: list[str]  # a table's column headings
    shown: list[str]  # every figure as the chart prints it ("48%", "48 %"), in the order of frame()
    number_format_locale: str  # Vega's d3-format locale for axes, e.g. "fr-FR"


def frame(indicator: Indicator, words: ChartWords) -> pd.DataFrame:
    """Tidy rows (label, row, column, value) in printed order."""
    import pandas as pd  # a quarter of a second to import: only on a cache miss

    if indicator.table:
        records = [{"label": label, "row": label, "column": column, "value": float(value), "printed": str(value),
                    "order": c}
                   for label, row in zip(words.labels, indicator.table.rows, strict=True)
                   for c, (column, value) in enumerate(zip(words.columns, row.values, strict=True))]
    else:
        records = [{"label": label, "row": label, "column": "", "value": float(item.value), "printed": str(item.value),
                    "order": i}
                   for i, (label, item) in enumerate(zip(words.labels, indicator.values or [], strict=True))]
    data = pd.DataFrame.from_records(records, columns=["label", "row", "column", "value", "printed", "order"])
    data["shown"] = words.shown
    return data


def tidy_csv(entry: Entry[Indicator], words: ChartWords) -> str:
    """One indicator's figures in the columns of the all-figures CSV."""
    import pandas as pd

    meta = entry.meta
    data = frame(meta, words)
    tidied = pd.DataFrame({
        "indicator": entry.slug,
        "label": data["label"],
        "row": data["row"] if meta.table else "",
        "column": data["column"],
        "value": data["printed"],
        "unit": words.unit,
        "base": words.base,
        "source_section": words.section,
    })
    return csv_text([TIDY_COLUMNS, *tidied[TIDY_COLUMNS].itertuples(index=False)])


def all_figures_csv(indicator_csvs: list[str]) -> str:
    """One CSV of every figure: the indicators' own CSVs, which share its columns, under one header."""
    return csv_text([TIDY_COLUMNS]) + "".join(csv.split(LINE_END, 1)[1] for csv in indicator_csvs)
