"""Vega-Lite specs rendered to SVG at build time by vl-convert, both cached on disk.

Each chart is drawn in two layouts: wide, for a laptop's column, and narrow, for a phone's (see ``spec``). A spec
is cached by what it is built from (the indicator, its words and the layout; the cache's key covers the code and
library versions), so a warm build does not even import Altair; its SVG by the spec itself. Each layout is
drawn once, in the light palette: the dark SVG is the same drawing with each colour of the light palette
swapped for its dark counterpart (see ``theme.recoloured``). A chart that misses the cache is made, its specs,
its drawings and its tidy CSV, in one of a few forked processes (see ``_drawing_pool``).

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
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..cache import TextCache
from ..content.characters import described
from ..content.knowledge import Entry
from ..content.models import Indicator
from ..sidebyside import can_fork
from .data import ChartWords, tidy_csv
from .theme import LAYOUTS, THEMES, recoloured

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
        self._pool: Executor | None = None  # while ``drawing`` lasts

    @contextlib.contextmanager
    def drawing(self) -> Iterator[None]:
        """The charts asked for meanwhile share one pool of drawing processes, which start the renderer once."""
        with _drawing_pool(os.cpu_count() or 1) as self._pool:
            try:
                yield
            finally:
                self._pool = None

    def charts(self, requests: list[tuple[Entry[Indicator], ChartWords]]) -> list[Chart]:
        """Every requested chart, in order: its spec, its SVG in each layout and palette, and its CSV. Raises
        ChartError."""
        made: list[Made | None] = [_cached(self.cache, *request) for request in requests]
        missing = [i for i, found in enumerate(made) if found is None]
        if missing:
            with contextlib.ExitStack() as own:
                pool = self._pool or own.enter_context(_drawing_pool(len(missing)))
                futures = [pool.submit(_make, i, *requests[i], self.cache) for i in missing]
                for i, future in zip(missing, futures, strict=True):
                    try:
                        made[i] = future.result()
                    except BrokenProcessPool:  # the renderer aborted its process, beyond any exception handler
                        raise ChartError(i, "the chart renderer stopped while drawing this chart or one drawn at "
                                            "the same time") from None
        done = cast(list[Made], made)
        drawn = sum(found.drawn for found in done)
        self.rendered += drawn
        self.cached += len(done) * len(LAYOUTS) - drawn
        return [Chart(next(iter(found.specs.values())),
                      {f"{prefix}{name}": svg if name == "light" else recoloured(svg, THEMES["light"], theme)
                       for prefix, svg in zip(LAYOUTS, found.light, strict=True) for name, theme in THEMES.items()},
                      found.csv)
                for found in done]


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


def _make(index: int, entry: Entry[Indicator], words: ChartWords, cache: TextCache) -> Made:
    """In a drawing process: a chart's specs, built by Altair unless cached, its drawings, drawn unless cached,
    and its CSV, which pandas works out unless cached. ``index``: the request's, named by a ChartError."""
    indicator = entry.meta
    key = _spec_key(indicator, words)
    cached = cache.get(key, ".vl.json")
    if cached is None:
        from .spec import specs  # imported on a miss only: Altair takes half a second to import

        by_layout = specs(indicator, words, THEMES["light"])
        cache.put(key, json.dumps(by_layout, sort_keys=True), ".vl.json")
    else:
        by_layout = json.loads(cached)
    light, drawn = [], 0
    for spec in by_layout.values():
        svg = cache.get(_svg_key(spec, words), ".svg")
        if svg is None:
            _check_drawable(index, spec)
            svg = cache.put(_svg_key(spec, words), _draw(index, spec, words.number_format_locale), ".svg")
            drawn += 1
        light.append(svg)
    return Made(by_layout, light, cache.kept(_csv_key(entry, words), lambda: tidy_csv(entry, words)), drawn)


def _drawing_pool(drawings: int) -> Executor:
    """Processes forked to make the charts (none until the first), one per core: two draw the real content's 102
    charts in 2.5 s where two threads took 3.8 s, as vl-convert draws little in parallel within one process, and
    they build the specs too, which took the build's process about 2 s alone. Altair, pandas' work for it and the
    renderer's engine (about 130 MB) end with them rather than stay in the build's process and in the editions'
    processes forked from it. Where forking is unsafe or pointless (``_forks``), threads."""
    workers = min(drawings, os.cpu_count() or 1)
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
