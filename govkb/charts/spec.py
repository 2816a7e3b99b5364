"""The Altair (Vega-Lite) specification of each kind of indicator chart, in two layouts.

The wide layout is drawn for a laptop's column. The narrow one is drawn for a phone's (``NARROW_WIDTH``), where it
is shown at its own size so that its 12 px text stays 12 px: each label sits on its own lines above its bar, and
a stacked chart's legend below the bars. Rows are placed in pixels (a y scale of ``None``), as their labels take
one line or several.

Every encoding is given as a channel object (``alt.X("value:Q")``, ``alt.XValue(0)``), never as a string or a
dict: Altair turns those into channel objects with ``from_dict``, which hashes the schema of every one of its
classes on each call (vega/altair#3547). That was a third of the time these specs took.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode

from ..content.models import ChartKind, Indicator
from .data import ChartWords, frame
from .theme import FONT, LAYOUTS, Theme

# The wide layout's plot: with its wrapped labels, the drawing fits Material's widest column (688 px).
_WIDE_PLOT = 340
# The width of a phone's column (a 390 px screen less Material's margins): a narrow drawing is at most this wide.
NARROW_WIDTH = 358
_NARROW_PLOT = 290  # the plot's width in it; the padding and a value printed past the longest bar take the rest
_LINE = 15  # the height of a line of 12 px text
# Characters per line in the narrow layout, for 12 px labels and the 15 px title (Arial averages under 6.3 px a
# character at 12 px): the test of every narrow drawing checks that none grows wider than NARROW_WIDTH.
_LABEL_CHARS = 46
_TITLE_CHARS = 34


def specs(indicator: Indicator, words: ChartWords, theme: Theme) -> dict[str, dict]:
    """The Vega-Lite specification of an indicator's chart in one theme and one language, in each layout."""
    # Nor is each of Altair's objects validated as it is made (its debug mode): that was half the time left. The
    # mode is a global: charts made in threads (see render._drawing_pool) may leave it off, which changes no spec.
    with debug_mode(False):
        return _specs(indicator, words, theme)


def _specs(indicator: Indicator, words: ChartWords, theme: Theme) -> dict[str, dict]:
    data = frame(indicator, words)
    wide = _finished(_WIDE[indicator.chart](indicator, words, data, theme), words, theme, narrow=False)
    if indicator.chart is ChartKind.single_figure:  # the same drawing, narrower (Altair's work is the costly part)
        narrow = {**wide, "width": _NARROW_PLOT, "title": _title(words, narrow=True)}
    else:
        narrow = _finished(_NARROW[indicator.chart](indicator, words, data, theme), words, theme, narrow=True)
    return dict(zip(LAYOUTS, (wide, narrow), strict=True))


def _finished(chart: alt.LayerChart, words: ChartWords, theme: Theme, narrow: bool) -> dict:
    # Not validated against Vega-Lite's JSON Schema here (it triples the time): a test validates every kind. The
    # title and theme are set on the finished dict, as each of Altair's configure methods copies the whole chart.
    return {**chart.to_dict(validate=False), "title": _title(words, narrow), **_themed(theme)}


def _title(words: ChartWords, narrow: bool) -> dict:
    return {"text": _lines(words.title, _TITLE_CHARS if narrow else 2 * _TITLE_CHARS),
            "subtitle": _lines(words.subtitle, _LABEL_CHARS if narrow else 2 * _LABEL_CHARS),
            "anchor": "start", "offset": 10}


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


# The wide layout's labels, wrapped: at most this many characters a line, drawn as lines by the axis or legend.
_WIDE_LABEL_CHARS = 40
_SPLIT_LINES = "split(datum.label, '\\n')"


def _wrapped(text: str, width: int = _WIDE_LABEL_CHARS) -> str:
    return "\n".join(_lines(text, width) or [text])


def _step(labels: list[str], least: int) -> alt.Step:
    """A row's height: ``least``, or room for its longest label's lines."""
    return alt.Step(max(least, max(_wrapped(label).count("\n") + 1 for label in labels) * _LINE + 8))


def _records(data: pd.DataFrame) -> alt.InlineData:
    """These rows, handed to Altair as the records its data transformer would make of them: pandas already gives
    Python's own types, and the transformer's checks of every column took a third of this module's time."""
    return alt.InlineData(values=data.to_dict("records"))


def _chart(data: pd.DataFrame) -> alt.Chart:
    """A layer with rows of its own (the layers that share their chart's rows are ``alt.Chart()``)."""
    return alt.Chart(_records(data))


def _layered(layers: list[alt.Chart], width: int, height: int, data: pd.DataFrame | None = None) -> alt.LayerChart:
    """The layers as one chart, made in one step, with the rows they share given to it rather than to each layer.
    Altair deep-copies every layer, rows included, each time a layer is added (``+``) or a property set, and
    making them in one step took the real content's 51 specs from 1.84 s to 1.15 s."""
    return alt.LayerChart(layer=layers, width=width, height=height,
                          data=alt.Undefined if data is None else _records(data))


def _scale(indicator: Indicator) -> alt.Scale:
    return alt.Scale(domain=list(indicator.chart_scale), nice=False)


def _bars(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    ranked = indicator.chart is ChartKind.ranked_bars
    order = "-x" if ranked else alt.EncodingSortField("order")
    y = alt.Y("wrapped:N", sort=order, title=None, axis=alt.Axis(labelExpr=_SPLIT_LINES, labelLimit=0))
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(color=theme.mark, height={"band": 0.7}).encode(
        x=alt.X("value:Q", scale=_scale(indicator), title=words.unit))
    labels = base.mark_text(align="left", dx=4, color=theme.text, fontWeight="bold").encode(
        x=alt.X("value:Q"), text=alt.Text("shown:N"))
    return _layered([bars, labels], _WIDE_PLOT, _step(list(data["label"]), 30),
                    data.assign(wrapped=data["label"].map(_wrapped)))


def _stacked(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    columns = [_wrapped(column, 2 * _WIDE_LABEL_CHARS) for column in words.columns]
    colours = list(theme.categories[: len(columns)]) if len(columns) <= len(theme.categories) else None
    colour = alt.Color("column:N", sort=columns, title=None,
                       scale=alt.Scale(domain=columns, range=colours) if colours else alt.Undefined,
                       legend=alt.Legend(orient="bottom", labelLimit=0, labelExpr=_SPLIT_LINES,
                                         columns=1 if max(map(len, columns)) > 30 else min(len(columns), 3)))
    rows = [_wrapped(row) for row in words.labels]
    data = data.assign(row=data["row"].map(_wrapped), column=data["column"].map(
        lambda column: _wrapped(column, 2 * _WIDE_LABEL_CHARS)))
    base = alt.Chart().encode(
        y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelExpr=_SPLIT_LINES, labelLimit=0)),
        x=alt.X("sum(value):Q", stack="normalize", title=words.unit, axis=alt.Axis(format="%")),
        order=alt.Order("order:Q"))
    bars = base.mark_bar(stroke=theme.background, strokeWidth=1.5, height={"band": 0.7}).encode(color=colour)
    # Values printed on the segments, so no reading depends on telling colours apart.
    labels = base.mark_text(color=theme.inside_text, fontWeight="bold").encode(
        x=alt.X("sum(value):Q", stack="normalize", bandPosition=0.5), text=alt.Text("shown:N"),
        detail=alt.Detail("column:N"),
        opacity=alt.OpacityValue(0, condition={"test": "datum.sum_value >= 6", "value": 1}))
    return _layered([bars, labels], _WIDE_PLOT, _step(words.labels, 38), data)


def _dots(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    base = alt.Chart().encode(
        y=alt.Y("wrapped:N", sort=alt.EncodingSortField("order"), title=None,
                axis=alt.Axis(labelExpr=_SPLIT_LINES, labelLimit=0)))
    track = base.mark_rule(color=theme.track, strokeWidth=8).encode(
        x=alt.X("lo:Q", scale=_scale(indicator), title=words.unit), x2=alt.X2("hi")).transform_calculate(
        lo=str(indicator.chart_scale[0]), hi=str(indicator.chart_scale[1]))
    dots = base.mark_point(filled=True, size=220, color=theme.mark, shape="circle").encode(x=alt.X("value:Q"))
    labels = base.mark_text(dy=-16, color=theme.text, fontWeight="bold").encode(x=alt.X("value:Q"),
                                                                               text=alt.Text("shown:N"))
    return _layered([track, dots, labels], _WIDE_PLOT, _step(list(data["label"]), 56),
                    data.assign(wrapped=data["label"].map(_wrapped)))


def _single(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    figure = _chart(data).mark_text(align="left", baseline="bottom", fontSize=56, fontWeight="bold",
                                    color=theme.mark).encode(text=alt.Text("shown:N"), x=alt.XValue(0),
                                                             y=alt.YValue(70))
    if indicator.chart_unit.scale is None:  # a count: the number alone, with no scale to show it on
        return _layered([figure], _WIDE_PLOT, 80)
    low, high = indicator.chart_scale
    base = _chart(data.assign(lo=low, hi=high))
    track = base.mark_bar(color=theme.track, height=14).encode(
        x=alt.X("lo:Q", scale=alt.Scale(domain=[low, high]), axis=alt.Axis(title=words.unit,
                                                                               values=[low, high / 2, high])),
        x2=alt.X2("hi"), y=alt.YValue(100))
    fill = base.mark_bar(color=theme.mark, height=14).encode(x=alt.X("lo:Q"), x2=alt.X2("value"), y=alt.YValue(100))
    # The label is the chart's title, so it is not repeated beside the figure.
    return _layered([figure, track, fill], _WIDE_PLOT, 110)


# --- The narrow layout --------------------------------------------------------------------------------------


def _placed(labels: list[str], band: int, gap: int = 14) -> tuple[pd.DataFrame, int]:
    """Where each row goes, in pixels from the top: its label's lines, then a band for its mark. Returns one
    record per label (its wrapped text, top, and its band's top, middle and bottom) and the height of them all."""
    records, top = [], 0
    for label in labels:
        lines = _lines(label, _LABEL_CHARS) or [""]
        band_top = top + len(lines) * _LINE + 3
        records.append({"label": label, "wrapped": "\n".join(lines), "top": top, "band_top": band_top,
                        "band_mid": band_top + band / 2, "band_bottom": band_top + band})
        top = band_top + band + gap
    return pd.DataFrame.from_records(records), top - gap


def _pixels(field: str) -> alt.Y:
    return alt.Y(f"{field}:Q", scale=None)


def _row_labels(rows: pd.DataFrame, theme: Theme, x: int = 0) -> alt.Chart:
    return _chart(rows).mark_text(align="left", baseline="top", lineBreak="\n", lineHeight=_LINE,
                                  color=theme.text).encode(x=alt.XValue(x), y=_pixels("top"),
                                                           text=alt.Text("wrapped:N"))


def _narrow_bars(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    ranked = indicator.chart is ChartKind.ranked_bars
    data = data.sort_values("value", ascending=False, kind="stable") if ranked else data.sort_values("order")
    rows, height = _placed(list(data["label"]), band=16)
    placed = data.merge(rows, on="label").assign(low=indicator.chart_scale[0])
    base = alt.Chart()
    bars = base.mark_rect(color=theme.mark).encode(
        x=alt.X("low:Q", scale=_scale(indicator), title=words.unit, axis=alt.Axis(tickCount=5)), x2=alt.X2("value"),
        y=_pixels("band_top"), y2=alt.Y2("band_bottom"))
    values = base.mark_text(align="left", baseline="middle", dx=4, color=theme.text, fontWeight="bold").encode(
        x=alt.X("value:Q"), y=_pixels("band_mid"), text=alt.Text("shown:N"))
    return _layered([bars, values, _row_labels(rows, theme)], _NARROW_PLOT, height, placed)


def _narrow_stacked(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    columns = words.columns
    colours = list(theme.categories[: len(columns)]) if len(columns) <= len(theme.categories) else None
    colour = alt.Color("column:N", legend=None,
                       scale=alt.Scale(domain=columns, range=colours) if colours else alt.Undefined)
    rows, height = _placed(words.labels, band=26)
    shares = data.assign(share=data["value"] / data.groupby("row")["value"].transform("sum"))
    shares["end"] = shares.groupby("row")["share"].cumsum()
    shares["start"] = shares["end"] - shares["share"]
    placed = shares.merge(rows, left_on="row", right_on="label", suffixes=("", "_row"))
    share = alt.Scale(domain=[0, 1], nice=False)
    bars = _chart(placed).mark_rect(stroke=theme.background, strokeWidth=1.5).encode(
        x=alt.X("start:Q", scale=share, axis=None), x2=alt.X2("end"), y=_pixels("band_top"), y2=alt.Y2("band_bottom"),
        color=colour)
    # A value is printed on its segment where it fits (about 7 px a character); the data table has them all.
    fits = placed[placed["share"] * _NARROW_PLOT >= placed["shown"].str.len() * 7 + 6]
    values = _chart(fits).mark_text(baseline="middle", color=theme.inside_text, fontWeight="bold").encode(
        x=alt.X("middle:Q", scale=share), y=_pixels("band_mid"), text=alt.Text("shown:N")).transform_calculate(
        middle="(datum.start + datum.end) / 2")
    # The legend, below the bars: a swatch and the column's name, wrapped like the labels.
    keys, key_height = _placed(columns, band=0, gap=6)
    keys = keys.assign(top=keys["top"] + height + 20, column=columns)
    swatches = _chart(keys).mark_rect().encode(x=alt.XValue(0), x2=alt.X2Value(12), y=alt.Y("top:Q", scale=None),
                                               y2=alt.Y2("swatch_bottom"), color=colour).transform_calculate(
        swatch_bottom="datum.top + 12")
    names = _row_labels(keys, theme, x=18)
    return _layered([bars, values, swatches, names, _row_labels(rows, theme)], _NARROW_PLOT,
                    height + 20 + key_height)


def _narrow_dots(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    data = data.sort_values("order")
    rows, height = _placed(list(data["label"]), band=22)
    low, high = indicator.chart_scale
    placed = data.merge(rows, on="label").assign(lo=low, hi=high)
    base = alt.Chart()
    track = base.mark_rule(color=theme.track, strokeWidth=8).encode(
        x=alt.X("lo:Q", scale=_scale(indicator), title=words.unit, axis=alt.Axis(tickCount=5)), x2=alt.X2("hi"),
        y=_pixels("band_mid"))
    dots = base.mark_point(filled=True, size=160, color=theme.mark, shape="circle", opacity=1).encode(
        x=alt.X("value:Q"), y=_pixels("band_mid"))
    # The value beside its dot, on the side with room.
    right = f"datum.value <= {low + (high - low) * 0.7}"
    on_right = base.transform_filter(right).mark_text(align="left", dx=12, baseline="middle", color=theme.text,
                                                      fontWeight="bold")
    on_left = base.transform_filter(f"!({right})").mark_text(align="right", dx=-12, baseline="middle",
                                                             color=theme.text, fontWeight="bold")
    values = [mark.encode(x=alt.X("value:Q"), y=_pixels("band_mid"), text=alt.Text("shown:N"))
              for mark in (on_right, on_left)]
    return _layered([track, dots, *values, _row_labels(rows, theme)], _NARROW_PLOT, height, placed)


_WIDE = {ChartKind.ranked_bars: _bars, ChartKind.ordered_bars: _bars, ChartKind.stacked_bars: _stacked,
         ChartKind.dots: _dots, ChartKind.single_figure: _single}
_NARROW = {ChartKind.ranked_bars: _narrow_bars, ChartKind.ordered_bars: _narrow_bars,
           ChartKind.stacked_bars: _narrow_stacked, ChartKind.dots: _narrow_dots}


def _themed(theme: Theme) -> dict:
    """The top-level properties and configuration that give a chart the theme's colours and the site's type."""
    return {"background": theme.background, "padding": 12, "config": {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelColor": theme.text, "titleColor": theme.muted, "gridColor": theme.grid,
                 "domainColor": theme.muted, "tickColor": theme.muted, "labelFontSize": 12, "titleFontSize": 12},
        "text": {"fontSize": 12},
        "legend": {"labelColor": theme.text, "titleColor": theme.text, "labelFontSize": 12},
        "title": {"color": theme.text, "subtitleColor": theme.muted, "fontSize": 15, "subtitleFontSize": 12}}}
