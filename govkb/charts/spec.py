"""The Altair (Vega-Lite) specification of each kind of indicator chart."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..content.models import ChartKind, Indicator
from .data import ChartWords, frame
from .theme import FONT, Theme


def spec(indicator: Indicator, words: ChartWords, theme: Theme) -> dict:
    """The Vega-Lite specification of an indicator's chart in one theme and one language."""
    data = frame(indicator, words)
    build = {
        ChartKind.ranked_bars: _bars,
        ChartKind.ordered_bars: _bars,
        ChartKind.stacked_bars: _stacked,
        ChartKind.dots: _dots,
        ChartKind.single_figure: _single,
    }[indicator.chart]
    chart = build(indicator, words, data, theme)
    chart = chart.properties(title=alt.TitleParams(words.title, subtitle=_lines(words.subtitle, 90), anchor="start"))
    # Not validated against Vega-Lite's JSON Schema here (it triples the time): a test validates every kind.
    return _themed(chart, theme).to_dict(validate=False)


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _scale(indicator: Indicator) -> alt.Scale:
    return alt.Scale(domain=list(indicator.chart_scale), nice=False)


def _bars(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    ranked = indicator.chart is ChartKind.ranked_bars
    order = "-x" if ranked else alt.EncodingSortField("order")
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=360))
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=theme.mark, height={"band": 0.7}).encode(
        x=alt.X("value:Q", scale=_scale(indicator), title=words.unit))
    labels = base.mark_text(align="left", dx=4, color=theme.text, fontWeight="bold").encode(
        x="value:Q", text="shown:N")
    return (bars + labels).properties(width=460, height=alt.Step(30))


def _stacked(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    columns = words.columns
    colours = list(theme.categories[: len(columns)]) if len(columns) <= len(theme.categories) else None
    colour = alt.Color("column:N", sort=columns, title=None,
                       scale=alt.Scale(domain=columns, range=colours) if colours else alt.Undefined,
                       legend=alt.Legend(orient="bottom", labelLimit=520,
                                         columns=1 if max(map(len, columns)) > 30 else min(len(columns), 3)))
    rows = words.labels
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=440)),
        x=alt.X("sum(value):Q", stack="normalize", title=words.unit, axis=alt.Axis(format="%")),
        order=alt.Order("order:Q"))
    bars = base.mark_bar(stroke=theme.background, strokeWidth=1.5, height={"band": 0.7}).encode(color=colour)
    # Values printed on the segments, so no reading depends on telling colours apart.
    labels = base.mark_text(color=theme.inside_text, fontWeight="bold").encode(
        x=alt.X("sum(value):Q", stack="normalize", bandPosition=0.5), text="shown:N", detail="column:N",
        opacity=alt.condition("datum.sum_value >= 6", alt.value(1), alt.value(0)))
    return (bars + labels).properties(width=460, height=alt.Step(38))


def _dots(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=alt.EncodingSortField("order"), title=None,
                                          axis=alt.Axis(labelLimit=320)))
    track = base.mark_rule(color=theme.track, strokeWidth=8).encode(
        x=alt.X("lo:Q", scale=_scale(indicator), title=words.unit), x2="hi:Q").transform_calculate(
        lo=str(indicator.chart_scale[0]), hi=str(indicator.chart_scale[1]))
    dots = base.mark_point(filled=True, size=220, color=theme.mark, shape="circle").encode(x="value:Q")
    labels = base.mark_text(dy=-16, color=theme.text, fontWeight="bold").encode(x="value:Q", text="shown:N")
    return (track + dots + labels).properties(width=460, height=alt.Step(56))


def _single(indicator: Indicator, words: ChartWords, data: pd.DataFrame, theme: Theme) -> alt.LayerChart:
    figure = alt.Chart(data).mark_text(align="left", baseline="bottom", fontSize=56, fontWeight="bold",
                                       color=theme.mark).encode(text="shown:N", x=alt.value(0), y=alt.value(70))
    if indicator.chart_unit.scale is None:  # a count: the number alone, with no scale to show it on
        return alt.LayerChart(layer=[figure]).properties(width=460, height=80)
    low, high = indicator.chart_scale
    base = alt.Chart(data.assign(lo=low, hi=high))
    track = base.mark_bar(color=theme.track, height=14).encode(
        x=alt.X("lo:Q", scale=alt.Scale(domain=[low, high]), axis=alt.Axis(title=words.unit,
                                                                               values=[low, high / 2, high])),
        x2="hi:Q", y=alt.value(100))
    fill = base.mark_bar(color=theme.mark, height=14).encode(x="lo:Q", x2="value:Q", y=alt.value(100))
    # The label is the chart's title, so it is not repeated beside the figure.
    return (figure + track + fill).properties(width=460, height=110)


def _themed(chart: alt.LayerChart, theme: Theme) -> alt.LayerChart:
    configured = chart.configure(background=theme.background, font=FONT, padding=12).configure_view(stroke=None)
    return configured.configure_axis(
        labelColor=theme.text, titleColor=theme.muted, gridColor=theme.grid, domainColor=theme.muted,
        tickColor=theme.muted, labelFontSize=12, titleFontSize=12).configure_legend(
        labelColor=theme.text, titleColor=theme.text, labelFontSize=12).configure_title(
        color=theme.text, subtitleColor=theme.muted, fontSize=15, subtitleFontSize=12)
