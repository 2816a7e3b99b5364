"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

Each chart is drawn in two layouts: wide, for a laptop's column, and narrow, for a phone's (see ``spec``). A spec
is cached by what it is built from (the indicator, its words and the layout; the cache's key covers the code and
library versions), so a warm build does not even import Altair; its SVG by the spec itself. Each layout is
drawn once, in the light palette: the dark SVG is the same drawing with each colour of the light palette
swapped for its dark counterpart (see ``theme.recoloured``). A chart that misses the cache is made, its specs,
its drawings and its tidy CSV, in forked processes: Altair's and the renderer's (see ``_Pools``).

vl-convert measures every label with its own copy of Liberation Sans alone, never with the machine's fonts (see
``svg``): so a chart is drawn the same on every Linux machine, whatever fonts it has, and three times as fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from ..cache import TextCache
from ..content.characters import described
from ..content.knowledge import Entry
from ..content.models import Indicator
from ..sidebyside import can_fork
from .data import ChartWords, tidy_csv
from .theme import LAYOUTS, THEMES, recoloured

T = TypeVar("T")
# What XML 1.0 allows in a document. vl-convert aborts the whole process, beyond any exception handler, on a
# character outside it (a control character in a label), so such a spec never reaches it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ChartError(Exception):
    """A chart that cannot be drawn, and why; ``index`` is its place in the request."""

    def __init__(self, index: int, reason: str):
        super().__init__(reason)
        self.index = index

    def __reduce__(self):  # raised in a drawing process, it reaches the build through a pickle
        return ChartError, (self.index, str(self))


@dataclass(frozen=True)
class Chart:
    spec: dict  # the wide layout's Vega-Lite spec in the light palette
    svgs: dict[str, str]  # layout prefix and palette name ('narrow-dark') -> SVG
    csv: str  # its figures as tidy rows (``data.tidy_csv``)


class ChartRenderer:
    def __init__(self, cache: TextCache):
        self.cache = cache
        self.rendered = 0  # SVGs that missed the cache in this build (reported by the build log)
        self.cached = 0
        self._sharing: contextlib.ExitStack | None = None  # while ``drawing`` lasts
        self._pools: _Pools | None = None

    @contextlib.contextmanager
    def drawing(self) -> Iterator[None]:
        """The charts asked for meanwhile share one set of processes (see ``_Pools``), started at the first chart
        missing from the cache."""
        with contextlib.ExitStack() as self._sharing:
            try:
                yield
            finally:
                self._sharing = self._pools = None

    def charts(self, requests: list[tuple[Entry[Indicator], ChartWords]]) -> list[Chart]:
        """Every requested chart, in order: its spec, its SVG in each layout and palette, and its CSV. Raises
        ChartError."""
        made: list[Made | None] = [_cached(self.cache, *request) for request in requests]
        missing = [i for i, found in enumerate(made) if found is None]
        if missing:
            with contextlib.ExitStack() as own:
                pools = self._started(own)
                specs = [pools.specs.submit(_specs_and_csv, *requests[i], self.cache) for i in missing]
                # Each chart's drawings as soon as its specs are made, while the next chart's are.
                drawings = []
                for i, job in zip(missing, specs, strict=True):
                    by_layout, csv = _result(i, job)
                    drawings.append((by_layout, csv, [pools.drawings.submit(_drawn, i, spec, requests[i][1], self.cache)
                                                      for spec in by_layout.values()]))
                for i, (by_layout, csv, jobs) in zip(missing, drawings, strict=True):
                    light = [_result(i, job) for job in jobs]
                    made[i] = Made(by_layout, [svg for svg, _ in light], csv, sum(new for _, new in light))
        done = cast(list[Made], made)
        drawn = sum(found.drawn for found in done)
        self.rendered += drawn
        self.cached += len(done) * len(LAYOUTS) - drawn
        return [Chart(next(iter(found.specs.values())),
                      {f"{prefix}{name}": svg if name == "light" else recoloured(svg, THEMES["light"], theme)
                       for prefix, svg in zip(LAYOUTS, found.light, strict=True) for name, theme in THEMES.items()},
                      found.csv)
                for found in done]

    def _started(self, own: contextlib.ExitStack) -> _Pools:
        """The shared processes while ``drawing`` lasts, else processes for this request alone."""
        if self._pools is None:
            pools = (self._sharing or own).enter_context(_started_pools())
            if self._sharing is None:
                return pools
            self._pools = pools
        return self._pools


def _result(index: int, job: Future[T]) -> T:
    try:
        return job.result()
    except BrokenProcessPool:  # the renderer aborted its process, beyond any exception handler
        raise ChartError(index, "the chart renderer stopped while drawing this chart or one drawn at the same "
                                "time") from None


@dataclass(frozen=True)
class Made:
    specs: dict[str, dict]  # the light palette's spec in each layout, by prefix
    light: list[str]  # the light SVG in each layout, in the order of LAYOUTS
    csv: str
    drawn: int  # SVGs drawn rather than found in the cache


def _spec_key(indicator: Indicator, words: ChartWords) -> str:
    return f"{indicator.model_dump_json()}|{json.dumps(dataclasses.asdict(words), sort_keys=True)}"


def _svg_key(spec: dict, words: ChartWords) -> str:
    return f"{words.number_format_locale}|{json.dumps(spec, sort_keys=True)}"


def _csv_key(entry: Entry[Indicator], words: ChartWords) -> str:
    return f"csv|{entry.slug}|{_spec_key(entry.meta, words)}"


def _cached(cache: TextCache, entry: Entry[Indicator], words: ChartWords) -> Made | None:
    """A chart, if the cache holds its specs, all its drawings and its CSV: a warm build imports neither Altair
    nor pandas, and does not start the renderer."""
    specs = cache.get(_spec_key(entry.meta, words), ".vl.json")
    csv = cache.get(_csv_key(entry, words))
    if specs is None or csv is None:
        return None
    by_layout = json.loads(specs)
    light = [cache.get(_svg_key(spec, words), ".svg") for spec in by_layout.values()]
    return None if None in light else Made(by_layout, cast(list[str], light), csv, 0)


def _specs_and_csv(entry: Entry[Indicator], words: ChartWords, cache: TextCache) -> tuple[dict[str, dict], str]:
    """In an Altair process: a chart's specs, built unless cached, and its CSV, which pandas works out unless
    cached."""
    indicator = entry.meta
    key = _spec_key(indicator, words)
    cached = cache.get(key, ".vl.json")
    if cached is None:
        from .spec import specs  # imported on a miss only: Altair takes half a second to import

        by_layout = specs(indicator, words, THEMES["light"])
        cache.put(key, json.dumps(by_layout, sort_keys=True), ".vl.json")
    else:
        by_layout = json.loads(cached)
    return by_layout, cache.kept(_csv_key(entry, words), lambda: tidy_csv(entry, words))


def _drawn(index: int, spec: dict, words: ChartWords, cache: TextCache) -> tuple[str, bool]:
    """In a renderer's process: a spec's SVG, and whether it was drawn rather than found in the cache.
    ``index``: the request's, named by a ChartError."""
    svg = cache.get(_svg_key(spec, words), ".svg")
    if svg is not None:
        return svg, False
    _check_drawable(index, spec)
    return cache.put(_svg_key(spec, words), _draw(index, spec, words.number_format_locale), ".svg"), True


@dataclass(frozen=True)
class _Pools:
    """The processes that make charts: Altair's build the specs (and pandas the CSV), the renderer's draw them.
    Each process imports Altair and pandas or starts the renderer once (0.45 and 0.4 s), and the two kinds work at
    once, a chart's drawings right after its specs. On two cores, one of each made the real content's 51 charts
    (102 drawings) in 2.2 s with 3.4 s of CPU, where two processes that did both took 2.4 s and 4.5 s (medians of
    three)."""
    specs: Executor
    drawings: Executor


@contextlib.contextmanager
def _started_pools() -> Iterator[_Pools]:
    cores = os.cpu_count() or 1
    renderers = max(1, cores // 2)
    with _drawing_pool(max(1, cores - renderers)) as specs, _drawing_pool(renderers) as drawings:
        drawings.submit(_start_renderer)  # while Altair is imported for the first specs
        yield _Pools(specs, drawings)


def _start_renderer() -> None:
    import vl_convert

    _choose_fonts(vl_convert)


def _drawing_pool(workers: int) -> Executor:
    """Processes forked to make the charts (none until the first): processes rather than threads, as vl-convert
    draws little in parallel within one process, and so that Altair, pandas' work for it and the renderer's engine
    (about 130 MB) end with them rather than stay in the build's process and in the editions' processes forked from
    it. Where forking is unsafe or pointless (``_forks``), threads."""
    if _forks():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ThreadPoolExecutor(workers)


def _forks() -> bool:
    """Forking is safe unless this process has loaded vl-convert itself (the build's never does: see ``svg``).
    Once it has drawn, its renderer's threads would be missing from a forked process, which would wait for them
    forever."""
    return can_fork() and "vl_convert" not in sys.modules


def _check_drawable(index: int, spec: dict) -> None:
    for text in _strings(spec):
        found = _NOT_XML.search(text)
        if found:
            raise ChartError(index, f"'{text[:40]}' holds {described(found.group())}, which an SVG cannot hold")


def _draw(index: int, spec: dict, number_format_locale: str) -> str:
    try:
        return svg(spec, number_format_locale)
    except BaseException as error:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        raise ChartError(index, f"the chart renderer failed: {str(error)[:200]}") from None


def svg(spec: dict, number_format_locale: str) -> str:
    """A Vega-Lite spec drawn by vl-convert, its text measured with vl-convert's own fonts (see ``_OWN_FONTS``)."""
    import vl_convert  # in a drawing process (see _forks), on a miss only: a warm build never starts the renderer

    _choose_fonts(vl_convert)
    return vl_convert.vegalite_to_svg(spec, format_locale=cast(Any, number_format_locale))


# vl-convert measures each label with the fonts of its font database: its own copy of Liberation Sans, in memory,
# and the machine's, which it finds through fontconfig's configuration and maps from its file again for every
# measurement (about 300 a drawing, and half of a drawing's time, mostly the kernel's). The machine's Liberation
# Sans comes first: Debian's, an older version, drew 6 of the real content's 102 drawings a pixel narrower. This
# configuration names no folder holding fonts, so vl-convert measures with its own fonts only: the same drawings on
# every Linux machine, three times as fast (the real content's 102 drawings: 3.3 s before, 1.15 s after, 0.07 s of
# it the kernel's).
_OWN_FONTS = Path(__file__).with_name("fonts.conf")
_MEASURES_TEXT = {"data": {"values": [{}]}, "mark": {"type": "text", "text": "0"}}
_fonts_lock = threading.Lock()
_fonts_chosen = False


def _choose_fonts(vl_convert: Any) -> None:
    """vl-convert reads its fonts' configuration when it first measures text in the process: a first drawing with
    text does that under ours. The environment is set for that drawing only, as the build's process may start other
    programs (a browser) that need the machine's fonts, and with no other drawing under way, as setting the
    environment while another thread reads it is unsafe."""
    global _fonts_chosen
    with _fonts_lock:
        if _fonts_chosen:
            return
        previous = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(_OWN_FONTS)
        try:
            vl_convert.vegalite_to_svg(_MEASURES_TEXT)
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous
        _fonts_chosen = True


def _strings(value: Any) -> Iterator[str]:
    """Every string in a spec, keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
