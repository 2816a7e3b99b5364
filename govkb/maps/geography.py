"""The world's geography on a flat map: the Equal Earth projection and country outlines as SVG path data.

The outlines come from vendored Natural Earth boundaries (``data/countries-110m.json``, see
``data/README.md``). The whole world is ``width`` units wide; a locator map cuts a window out of it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

BOUNDARIES = Path(__file__).parent / "data" / "countries-110m.json"

LonLat = tuple[float, float]
XY = tuple[float, float]
Box = tuple[float, float, float, float]  # (min_x, min_y, max_x, max_y)

FRAME_PX = 4.0  # room round the world outline so its stroke and edge markers are not cut off


# --- Equal Earth projection (Šavrič, Patterson & Jenny, 2018) -------------------------------------------

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> XY:
    """Project degrees onto the unit Equal Earth plane: x east, y north, (0, 0) at (0°, 0°)."""
    lam, theta = math.radians(lon), math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = equal_earth(180, 0)[0]
_Y_MAX = equal_earth(0, 90)[1]


def _scale(width: int) -> float:
    return (width - 2 * FRAME_PX) / (2 * _X_MAX)


def map_height(width: int) -> float:
    """Height of the whole-world map drawn ``width`` units wide."""
    return 2 * _Y_MAX * _scale(width) + 2 * FRAME_PX


def project(lon: float, lat: float, *, width: int = 960) -> XY:
    """SVG user coordinates (y down) of a point on the whole-world map ``width`` units wide."""
    x, y = equal_earth(lon, lat)
    s = _scale(width)
    return width / 2 + x * s, map_height(width) / 2 - y * s


# --- TopoJSON -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]  # polygons → rings → arc indices (TopoJSON's ~i = reversed)


@dataclass(frozen=True)
class Topology:
    arcs: tuple[tuple[LonLat, ...], ...]
    countries: tuple[Country, ...]


@lru_cache(maxsize=1)
def topology() -> Topology:
    """The vendored boundaries, decoded once per process."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arcs = tuple(_decode_arc(arc, sx, sy, tx, ty) for arc in data["arcs"])
    countries = tuple(_country(g) for g in data["objects"]["countries"]["geometries"] if g.get("arcs"))
    return Topology(arcs, countries)


def _decode_arc(arc: list[list[int]], sx: float, sy: float, tx: float, ty: float) -> tuple[LonLat, ...]:
    # Quantised arcs store each position as a delta from the one before.
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return tuple(points)


def _country(geometry: dict[str, Any]) -> Country:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return Country(id=str(geometry.get("id", "")), name=geometry.get("properties", {}).get("name", ""),
                   polygons=tuple(tuple(tuple(ring) for ring in polygon) for polygon in polygons))


def _ring(arcs: tuple[tuple[LonLat, ...], ...], indices: Iterable[int]) -> list[LonLat]:
    """Join a ring's arcs; each arc starts where the last one ended, so that point is dropped."""
    points: list[LonLat] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


# --- Rings on a flat map --------------------------------------------------------------------------------


def _cut_at_antimeridian(ring: list[LonLat]) -> list[list[LonLat]]:
    """Split a ring that crosses ±180° into rings that stay on one side of the flat map.

    The data is spherical: Fiji and Chukotka cross the antimeridian, and Antarctica goes round the pole.
    Drawn flat as they are, they would streak across the whole map.
    """
    crossings = [k for k in range(len(ring) - 1) if abs(ring[k + 1][0] - ring[k][0]) > 180]
    if not crossings:
        return [ring]
    # Start just after a crossing, so each run between crossings stays on one side.
    start = crossings[0] + 1
    walk = ring[start:-1] + ring[:start]
    pieces: list[list[LonLat]] = [[walk[0]]]
    for a, b in zip(walk, walk[1:] + walk[:1], strict=True):
        if abs(b[0] - a[0]) > 180:
            edge_lat = _crossing_latitude(a, b)
            side = math.copysign(180.0, a[0])
            pieces[-1].append((side, edge_lat))
            pieces.append([(-side, edge_lat)])
        pieces[-1].append(b)
    pieces[-1].pop()  # the walk's first point, already opening the first piece
    if len(crossings) % 2:
        # One crossing: the ring encloses a pole. Close it along the map's pole line instead of across it.
        return [_close_round_pole(pieces[-1] + pieces[0])]
    # Two crossings (all this data has): the last run and the first are one piece of the same side.
    return [pieces[-1] + pieces[0], *pieces[1:-1]]


def _crossing_latitude(a: LonLat, b: LonLat) -> float:
    b_lon = b[0] + (360 if b[0] < a[0] else -360)  # b, unwrapped to a's side
    t = (math.copysign(180.0, a[0]) - a[0]) / (b_lon - a[0]) if b_lon != a[0] else 0.0
    return a[1] + t * (b[1] - a[1])


def _close_round_pole(run: list[LonLat]) -> list[LonLat]:
    pole = -90.0 if sum(lat for _, lat in run) < 0 else 90.0
    return [*run, (run[-1][0], pole), (run[0][0], pole)]


# --- Projected, compact country paths -------------------------------------------------------------------


@dataclass(frozen=True)
class CountryShape:
    box: Box
    rings: tuple[tuple[XY, ...], ...]  # projected and rounded, open (the path's "z" closes them)


@lru_cache(maxsize=8)
def country_shapes(width: int, decimals: int) -> tuple[CountryShape, ...]:
    """Every country projected for ``width`` and rounded to ``decimals``; cached, as every map of a build
    asks for the same few sizes."""
    topo = topology()
    tolerance = 5 * 10 ** -decimals  # finer than half a rounding step is invisible
    arcs = tuple(_simplify(arc, width, tolerance) for arc in topo.arcs)
    shapes = []
    for country in topo.countries:
        rings = [tuple(projected) for polygon in country.polygons for indices in polygon
                 for flat in _cut_at_antimeridian(_ring(arcs, indices))
                 if len(projected := _dedupe([project(lon, lat, width=width) for lon, lat in flat], decimals)) >= 3]
        if rings:
            shapes.append(CountryShape(bounds(p for ring in rings for p in ring), tuple(rings)))
    return tuple(shapes)


@lru_cache(maxsize=8)
def world_country_paths(width: int) -> tuple[str, ...]:
    """The path data of every country on the whole-world map, one string per country."""
    return tuple(_path_data(shape.rings, 0) for shape in country_shapes(width, 0))


def _clip_ring(ring: tuple[XY, ...], box: Box) -> list[XY]:
    """Sutherland–Hodgman: the part of a ring inside ``box``.

    A locator map shows a small window; cutting Russia or Africa down to it keeps the page light. Where
    a concave shape leaves and re-enters, the result runs along the box edge: that edge is kept outside
    the visible window, so nothing shows.
    """
    points = list(ring)
    for axis, limit, keep_below in ((0, box[0], False), (0, box[2], True), (1, box[1], False), (1, box[3], True)):
        if not points:
            break
        clipped: list[XY] = []
        for a, b in zip(points[-1:] + points[:-1], points, strict=True):
            a_in, b_in = _inside(a, axis, limit, keep_below), _inside(b, axis, limit, keep_below)
            if a_in != b_in:
                clipped.append(_edge_point(a, b, axis, limit))
            if b_in:
                clipped.append(b)
        points = clipped
    return points


def _inside(point: XY, axis: int, limit: float, keep_below: bool) -> bool:
    return point[axis] <= limit if keep_below else point[axis] >= limit


def _edge_point(a: XY, b: XY, axis: int, limit: float) -> XY:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    crossing = [0.0, 0.0]
    crossing[axis], crossing[other] = limit, a[other] + t * (b[other] - a[other])
    return crossing[0], crossing[1]


def _simplify(arc: tuple[LonLat, ...], width: int, tolerance: float) -> tuple[LonLat, ...]:
    """Drop points closer than ``tolerance`` on the map to the last kept one.

    Done per arc, before rings are built, so a border two countries share is simplified the same way for
    both and no slivers open between them.
    """
    kept = [arc[0]]
    last = project(*arc[0], width=width)
    for lon, lat in arc[1:-1]:
        here = project(lon, lat, width=width)
        if math.dist(here, last) >= tolerance:
            kept.append((lon, lat))
            last = here
    kept.append(arc[-1])
    return tuple(kept)


def _dedupe(points: list[XY], decimals: int) -> list[XY]:
    rounded = [(round(x, decimals), round(y, decimals)) for x, y in points]
    out = [p for k, p in enumerate(rounded) if k == 0 or p != rounded[k - 1]]
    while len(out) > 1 and out[-1] == out[0]:
        out.pop()  # the closing point: "z" draws that edge
    return out


def bounds(points: Iterable[XY]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _path_data(rings: Iterable[Iterable[XY]], decimals: int) -> str:
    """Absolute move to each ring's start, then relative steps: the shortest path text."""
    step = 10 ** decimals
    parts = []
    for ring in rings:
        q = [(round(x * step), round(y * step)) for x, y in ring]  # integers: deltas carry no rounding drift
        q = [p for k, p in enumerate(q) if k == 0 or p != q[k - 1]]
        if len(q) < 3:
            continue
        moves = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(q)]
        parts.append("M" + _numbers(q[0], step) + "l" + _numbers((v for m in moves for v in m), step) + "z")
    return "".join(parts)


def _numbers(values: Iterable[int], step: int) -> str:
    # SVG's path grammar ends a number at a sign or at a second ".", so those need no space before them.
    text, previous = "", ""
    for v in values:
        number = _number(v, step)
        joined = not previous or number[0] == "-" or (number[0] == "." and "." in previous)
        text += number if joined else " " + number
        previous = number
    return text


def _number(value: int, step: int) -> str:
    text = f"{value / step:.{len(str(step)) - 1}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return "0" if text in ("-0", "") else text


def sphere_outline(width: int) -> str:
    """The Equal Earth outline: the ±180° meridians joined by the flat pole lines."""
    east = [project(180, lat, width=width) for lat in range(-90, 91, 5)]
    west = [project(-180, lat, width=width) for lat in range(90, -91, -5)]
    return _path_data([east + west], 1)


@lru_cache(maxsize=1024)
def clipped_paths(width: int, decimals: int, box: Box) -> tuple[str, ...]:
    """Country paths cut to a window; cached, since locator maps of nearby cities share windows."""
    paths = []
    for shape in country_shapes(width, decimals):
        if overlaps(shape.box, box):
            rings = [ring for ring in (_clip_ring(r, box) for r in shape.rings) if len(ring) >= 3]
            if rings:
                paths.append(_path_data(rings, decimals))
    return tuple(paths)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def fmt(value: float, decimals: int = 1) -> str:
    return _number(round(value * 10 ** decimals), 10 ** decimals)
