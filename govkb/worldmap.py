"""City maps as inline SVG, drawn at build time from vendored Natural Earth boundaries.

No tile server, CDN or script: the country shapes come from ``data/countries-110m.json`` (see
``data/README.md``), projected with the Equal Earth projection. Colours live in the site's stylesheet
(``content/assets/stylesheets/map.css``) as classes, so one SVG follows the light and dark palettes.

The world map and a locator map share one coordinate space: the whole world is ``width`` units wide, and a
locator map is a ``viewBox`` window onto it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from .diskcache import TextCache, code_digest

BOUNDARIES = Path(__file__).parent / "data" / "countries-110m.json"
# Cut coastlines depend on the boundaries and on this module's code: a change to either cuts afresh.
_CODE_DIGEST = code_digest(Path(__file__), BOUNDARIES)

LonLat = tuple[float, float]
XY = tuple[float, float]
Box = tuple[float, float, float, float]  # (min_x, min_y, max_x, max_y)

MARKER_RADIUS_PX = 6.0  # 12 px across: a target a finger or a shaky hand can hit
HIGHLIGHT_RADIUS_PX = 8.0
LABEL_SIZE_PX = 14.0
FRAME_PX = 4.0  # room round the world outline so its stroke and edge markers are not cut off
CROP_MARGIN = 0.08  # share of a locator map's box added on each side, so edge cities are not on the frame


@dataclass(frozen=True)
class MapPoint:
    """A city on the map; ``href`` is a ready (relative) URL to its profile."""

    id: str
    name: str
    lat: float
    lon: float
    href: str

    def __post_init__(self) -> None:
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"{self.name}: latitude must be within ±90 and longitude within ±180, "
                             f"got ({self.lat}, {self.lon})")


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
    for a, b in zip(walk, walk[1:] + walk[:1]):
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
    return [pieces[-1] + pieces[0]] + pieces[1:-1]


def _crossing_latitude(a: LonLat, b: LonLat) -> float:
    b_lon = b[0] + (360 if b[0] < a[0] else -360)  # b, unwrapped to a's side
    t = (math.copysign(180.0, a[0]) - a[0]) / (b_lon - a[0]) if b_lon != a[0] else 0.0
    return a[1] + t * (b[1] - a[1])


def _close_round_pole(run: list[LonLat]) -> list[LonLat]:
    pole = -90.0 if sum(lat for _, lat in run) < 0 else 90.0
    return run + [(run[-1][0], pole), (run[0][0], pole)]


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
            shapes.append(CountryShape(_bounds(p for ring in rings for p in ring), tuple(rings)))
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
        for a, b in zip(points[-1:] + points[:-1], points):
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


def _bounds(points: Iterable[XY]) -> Box:
    xs, ys = zip(*points)
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
        moves = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(q, q[1:])]
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


# --- The SVG --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    box: Box  # the viewBox, in the world map's user units
    width: int  # the world map's width in user units (the coordinate space)
    px_per_unit: float  # rendered CSS px per user unit at the intended size
    decimals: int
    cropped: bool

    @property
    def size(self) -> tuple[float, float]:
        return self.box[2] - self.box[0], self.box[3] - self.box[1]

    def px(self, pixels: float) -> float:
        """User units that render as ``pixels`` CSS px at the intended size."""
        return pixels / self.px_per_unit

    def contains(self, xy: XY, inset: float = 0.0) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 + inset <= xy[0] <= x1 - inset and y0 + inset <= xy[1] <= y1 - inset


def world_map_svg(points: list[MapPoint], *, title: str, description: str, highlight: str | None = None,
                  crop: tuple[float, float, float, float] | None = None, width: int = 960,
                  id_prefix: str | None = None, land_cache: TextCache | None = None) -> str:
    """Inline SVG of the world (or of ``crop``, a (min_lon, min_lat, max_lon, max_lat) window) with a
    linked marker per point.

    ``highlight`` is a point id drawn larger and labelled. ``width`` is the size in CSS px the map is meant
    to be shown at; markers and labels keep their pixel size at that width. With ``crop``, points outside
    the window are left out: a link there would be invisible yet still take keyboard focus. ``id_prefix``
    keeps element ids unique when one page holds two maps with the same title. ``land_cache`` keeps the
    coastlines cut to a window between builds.
    """
    view = _crop_view(crop, width) if crop else _world_view(width)
    prefix = _id_prefix(id_prefix, title)
    marked = _markers_in_view(points, view, highlight)
    vx, vy, vw, vh = view.box[0], view.box[1], *view.size
    classes = "kb-map kb-map--locator" if crop else "kb-map kb-map--world"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" '
        f'viewBox="{_fmt(vx, view.decimals)} {_fmt(vy, view.decimals)} {_fmt(vw, view.decimals)} '
        f'{_fmt(vh, view.decimals)}" width="{width}" '
        f'height="{round(vh * view.px_per_unit)}" role="group" aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        *_land(view, prefix, clip=crop is not None, cache=land_cache),
        '<g class="kb-map__cities">',
        *(_marker(point, xy, view, point.id == highlight) for point, xy in marked),
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts)


def _world_view(width: int) -> View:
    return View((0.0, 0.0, float(width), map_height(width)), width, 1.0, 1, cropped=False)


def _crop_view(crop: Box, width: int) -> View:
    """The viewBox round a projected lon/lat window, with a margin, kept inside the world map."""
    min_lon, min_lat, max_lon, max_lat = crop
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValueError(f"crop must be (min_lon, min_lat, max_lon, max_lat) in degrees, got {crop!r}")
    # Parallels curve under Equal Earth, so trace the window's edges rather than project its corners.
    edge = [(min_lon + (max_lon - min_lon) * k / 16, lat) for k in range(17) for lat in (min_lat, max_lat)]
    edge += [(lon, min_lat + (max_lat - min_lat) * k / 16) for k in range(17) for lon in (min_lon, max_lon)]
    x0, y0, x1, y1 = _bounds(project(lon, lat, width=width) for lon, lat in edge)
    mx, my = (x1 - x0) * CROP_MARGIN, (y1 - y0) * CROP_MARGIN
    box = (max(0.0, x0 - mx), max(0.0, y0 - my), min(float(width), x1 + mx), min(map_height(width), y1 + my))
    zoom = width / (box[2] - box[0])
    # Zoomed in, a tenth of a unit is several pixels: keep one more digit so coastlines stay smooth.
    return View(box, width, zoom, 1 if zoom < 5 else 2, cropped=True)


def _id_prefix(id_prefix: str | None, title: str) -> str:
    if id_prefix is not None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
            raise ValueError(f"id_prefix must be a letter then letters, digits, '-' or '_', got {id_prefix!r}")
        return id_prefix
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "kb-map-" + (re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:48].strip("-") or "map")


def _markers_in_view(points: list[MapPoint], view: View, highlight: str | None) -> list[tuple[MapPoint, XY]]:
    """Points to draw, in the caller's order (the keyboard's order), with the highlighted one last so no
    neighbour's marker covers it."""
    placed = [(p, project(p.lon, p.lat, width=view.width)) for p in points]
    # On a locator map, only markers wholly inside the window: one cut by the frame reads as a stray shape.
    inset = view.px(HIGHLIGHT_RADIUS_PX)
    if view.cropped:
        placed = [(p, xy) for p, xy in placed if view.contains(xy, inset) or p.id == highlight]
    if highlight is not None:
        chosen = [(p, xy) for p, xy in placed if p.id == highlight]
        if not chosen:
            raise ValueError(f"highlight {highlight!r} is not the id of any point")
        if view.cropped and not view.contains(chosen[0][1], inset):
            raise ValueError(f"highlight {highlight!r} lies outside the crop window")
        placed = [(p, xy) for p, xy in placed if p.id != highlight] + chosen
    return placed


def _land(view: View, prefix: str, *, clip: bool, cache: TextCache | None) -> Iterator[str]:
    """The decorative layer: sea, then every country in view as one path each."""
    clip_attr = f' clip-path="url(#{prefix}-clip)"' if clip else ""
    if clip:
        x, y, w, h = view.box[0], view.box[1], *view.size
        n = view.decimals
        yield (f'<defs><clipPath id="{prefix}-clip"><rect x="{_fmt(x, n)}" y="{_fmt(y, n)}" width="{_fmt(w, n)}" '
               f'height="{_fmt(h, n)}"/></clipPath></defs>')
    yield f'<g class="kb-map__land" aria-hidden="true" fill-rule="evenodd"{clip_attr}>'
    yield f'<path class="kb-map__sphere" d="{sphere_outline(view.width)}"/>'
    for d in world_country_paths(view.width) if not clip else _cropped_country_paths(view, cache):
        yield f'<path class="kb-map__country" d="{d}"/>'
    yield "</g>"


def _cropped_country_paths(view: View, cache: TextCache | None) -> tuple[str, ...]:
    # Cut a little outside the window, so the clipped shapes' edges fall beyond what is shown.
    pad = view.px(4)
    box = (view.box[0] - pad, view.box[1] - pad, view.box[2] + pad, view.box[3] + pad)
    # Cutting is most of a locator map's cost: with hundreds of cities, it is worth keeping between builds.
    kept = (cache or TextCache(None)).kept(f"{_CODE_DIGEST}|{view.width}|{view.decimals}|{box!r}",
                                           lambda: "\n".join(_clipped_paths(view.width, view.decimals, box)),
                                           ".paths")
    return tuple(kept.split("\n")) if kept else ()


@lru_cache(maxsize=1024)
def _clipped_paths(width: int, decimals: int, box: Box) -> tuple[str, ...]:
    """Country paths cut to a window; cached, since locator maps of nearby cities share windows."""
    paths = []
    for shape in country_shapes(width, decimals):
        if _overlaps(shape.box, box):
            rings = [ring for ring in (_clip_ring(r, box) for r in shape.rings) if len(ring) >= 3]
            if rings:
                paths.append(_path_data(rings, decimals))
    return tuple(paths)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _marker(point: MapPoint, xy: XY, view: View, highlighted: bool) -> str:
    x, y = (_fmt(v, view.decimals) for v in xy)
    radius = view.px(HIGHLIGHT_RADIUS_PX if highlighted else MARKER_RADIUS_PX)
    name = escape(point.name)
    classes = "kb-map__city kb-map__city--highlight" if highlighted else "kb-map__city"
    label = _label(point.name, xy, radius, view) if highlighted else ""
    return (f'<a href={quoteattr(_safe_href(point.href))} class="{classes}" aria-label={quoteattr(point.name)}>'
            f'<circle cx="{x}" cy="{y}" r="{_fmt(radius, view.decimals)}"/><title>{name}</title>{label}</a>')


def _label(name: str, xy: XY, radius: float, view: View) -> str:
    # Right of the marker, unless the name (its width guessed from its length) would run off the map there.
    font = view.px(LABEL_SIZE_PX)
    gap, guessed_width = radius * 1.5, 0.6 * font * len(name)
    room_right, room_left = view.box[2] - xy[0], xy[0] - view.box[0]
    on_right = room_right >= gap + guessed_width or room_right >= room_left
    x = xy[0] + gap if on_right else xy[0] - gap
    anchor = "start" if on_right else "end"
    n = view.decimals
    return (f'<text class="kb-map__label" x="{_fmt(x, n)}" y="{_fmt(xy[1] + font * 0.35, n)}" '
            f'font-size="{_fmt(font, n)}" text-anchor="{anchor}" aria-hidden="true">{escape(name)}</text>')


def _safe_href(href: str) -> str:
    # Hrefs are ours (relative profile links), but a scheme such as javascript: must never reach the page;
    # browsers drop control characters from URLs, so "\x01javascript:" would become one.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in href) or \
            urlsplit(href.strip()).scheme.lower() not in ("", "http", "https"):
        raise ValueError(f"marker href must be a relative or web URL, got {href!r}")
    return href


def _fmt(value: float, decimals: int = 1) -> str:
    return _number(round(value * 10 ** decimals), 10 ** decimals)
