"""An indicator's figures as tidy rows: the one source of its chart, its CSV and its text alternative.

pandas is imported on first use only: a warm build takes all of these from the cache and never needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.knowledge import Entry
from ..content.models import Indicator
from ..csvtext import LINE_END, csv_text

if TYPE_CHECKING:
    import pandas as pd

TIDY_COLUMNS = ["indicator", "label", "row", "column", "value", "unit", "base", "source_section"]


def frame(indicator: Indicator) -> pd.DataFrame:
    """Tidy rows (label, row, column, value) in printed order."""
    import pandas as pd  # a quarter of a second to import: only on a cache miss

    if indicator.table:
        records = [{"label": row.label, "row": row.label, "column": column, "value": float(value),
                    "printed": str(value), "order": c}
                   for row in indicator.table.rows
                   for c, (column, value) in enumerate(zip(indicator.table.columns, row.values, strict=True))]
    else:
        records = [{"label": item.label, "row": item.label, "column": "", "value": float(item.value),
                    "printed": str(item.value), "order": i}
                   for i, item in enumerate(indicator.values or [])]
    data = pd.DataFrame.from_records(records, columns=["label", "row", "column", "value", "printed", "order"])
    suffix = "%" if indicator.unit and indicator.unit.value == "percent" else ""
    data["shown"] = data["printed"] + suffix
    return data


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


def tidy_csv(entry: Entry[Indicator]) -> str:
    return csv_text([TIDY_COLUMNS, *tidy(entry).itertuples(index=False)])


def all_figures_csv(indicator_csvs: list[str]) -> str:
    """One CSV of every figure: the indicators' own CSVs, which share its columns, under one header."""
    return csv_text([TIDY_COLUMNS]) + "".join(csv.split(LINE_END, 1)[1] for csv in indicator_csvs)


def text_alternative(meta: Indicator) -> str:
    """What the chart shows, in words: the finding, then every figure."""
    data = frame(meta)
    if meta.table:
        parts = [f"{row}: " + ", ".join(f"{c} {v}" for c, v in zip(group["column"], group["shown"], strict=True))
                 for row, group in data.groupby("row", sort=False)]
    else:
        parts = [f"{label} {shown}" for label, shown in zip(data["label"], data["shown"], strict=True)]
    return f"{meta.finding} Figures: " + "; ".join(parts) + "."
