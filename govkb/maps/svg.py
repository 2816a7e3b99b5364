"""City maps: the land as inline SVG, and the cities as links placed over it.

No tile server, CDN or script. The land is a ``viewBox`` onto the world map's coordinate space (a locator map is a
window of it) that scales with the page; its colours live in the site's stylesheet (``map.css``) as classes, so
one SVG follows the light and dark palettes. The cities are HTML links laid over the land at their place (in
percent of the map), so that each keeps a target of ``MARKER_PX`` CSS px and a legible label however small the
map is shown. Cities whose targets would overlap at the narrowest width the map is shown are grouped into one
marker with their count, which opens the list of their links (a ``<details>``: no script needed).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape

from ..cache import TextCache
from ..content.slugs import slugify
from .geography import XY, Box, bounds, clipped_paths, fmt, map_height, project, sphere_outline, world_country_paths

MARKER_PX = 24  # a city's target, in CSS px at any size of the map: WCAG 2.2's minimum target size
GROUP_PX = 28  # a group's marker, which shows its count
CROP_MARGIN = 0.08  # share of a locator map's box added on each side, so edge cities are not on the frame
LOCATOR_INSET = 0.04  # share of a locator map's size kept clear at its edges: a marker there would be cut


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


@dataclass(frozen=True)
class Layout:
    """The markers of one range of screen widths: shown by the stylesheet as ``kb-map__places--<name>``, and
    grouped so that none overlaps at ``narrowest``, the least width in CSS px the map is shown at in that range."""

    name: str
    narrowest: float


# --- The map ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    box: Box  # the viewBox, in the world map's user units
    width: int  # the world map's width in user units (the coordinate space)
    decimals: int
    cropped: bool

    @property
    def size(self) -> tuple[float, float]:
        return self.box[2] - self.box[0], self.box[3] - self.box[1]

    def contains(self, xy: XY, inset: float = 0.0) -> bool:
        """Whether ``xy`` is inside the view, ``inset`` (a share of its size) away from its edges."""
        x0, y0, x1, y1 = self.box
        dx, dy = (side * inset for side in self.size)
        return x0 + dx <= xy[0] <= x1 - dx and y0 + dy <= xy[1] <= y1 - dy

    def percent(self, xy: XY) -> tuple[float, float]:
        """Where ``xy`` is on the shown map, in percent of its width and height from its top left corner."""
        return ((xy[0] - self.box[0]) / self.size[0] * 100, (xy[1] - self.box[1]) / self.size[1] * 100)


def city_map(points: list[MapPoint], *, title: str, description: str, group_label: Callable[[list[str]], str],
             layouts: tuple[Layout, ...], highlight: str | None = None,
             crop: tuple[float, float, float, float] | None = None, width: int = 960, id_prefix: str | None = None,
             land_cache: TextCache | None = None) -> str:
    """The world (or ``crop``, a (min_lon, min_lat, max_lon, max_lat) window) with a link per point over it.

    ``highlight`` is a point id drawn larger and labelled; other points whose markers would cover it are left
    out. ``group_label`` names a group's marker from its cities' names ("3 cities: A, B, C"). Each of ``layouts``
    gets its own markers, grouped for its narrowest width. ``width`` is the world map's coordinate space in user
    units. With ``crop``, points outside the window are left out: a link there would be invisible yet still take
    keyboard focus. ``id_prefix`` keeps element ids unique when one page holds two maps with the same title.
    ``land_cache`` keeps the coastlines cut to a window between builds.
    """
    view = _crop_view(crop, width) if crop else _world_view(width)
    prefix = _id_prefix(id_prefix, title)
    marked = _markers_in_view(points, view, highlight)
    kind = "kb-map--locator" if crop else "kb-map--world"
    return "\n".join([
        # Out of the search index: the same names are in the page's lists.
        f'<div class="kb-map {kind}" role="group" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        'data-pagefind-ignore="index">',
        f'<span class="kb-visually-hidden" id="{prefix}-title">{escape(title)}</span>',
        f'<span class="kb-visually-hidden" id="{prefix}-desc">{escape(description)}</span>',
        _land_svg(view, prefix, clip=crop is not None, cache=land_cache),
        *(_places(marked, view, layout, highlight, group_label) for layout in layouts),
        "</div>",
    ])


def _world_view(width: int) -> View:
    return View((0.0, 0.0, float(width), map_height(width)), width, 1, cropped=False)


def _crop_view(crop: Box, width: int) -> View:
    """The viewBox round a projected lon/lat window, with a margin, kept inside the world map."""
    min_lon, min_lat, max_lon, max_lat = crop
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValueError(f"crop must be (min_lon, min_lat, max_lon, max_lat) in degrees, got {crop!r}")
    # Parallels curve under Equal Earth, so trace the window's edges rather than project its corners.
    edge = [(min_lon + (max_lon - min_lon) * k / 16, lat) for k in range(17) for lat in (min_lat, max_lat)]
    edge += [(lon, min_lat + (max_lat - min_lat) * k / 16) for k in range(17) for lon in (min_lon, max_lon)]
    x0, y0, x1, y1 = bounds(project(lon, lat, width=width) for lon, lat in edge)
    mx, my = (x1 - x0) * CROP_MARGIN, (y1 - y0) * CROP_MARGIN
    box = (max(0.0, x0 - mx), max(0.0, y0 - my), min(float(width), x1 + mx), min(map_height(width), y1 + my))
    # Zoomed in, a tenth of a unit is several pixels: keep one more digit so coastlines stay smooth.
    return View(box, width, 1 if width / (box[2] - box[0]) < 5 else 2, cropped=True)


def _id_prefix(id_prefix: str | None, title: str) -> str:
    if id_prefix is not None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
            raise ValueError(f"id_prefix must be a letter then letters, digits, '-' or '_', got {id_prefix!r}")
        return id_prefix
    return "kb-map-" + (slugify(title, limit=48) or "map")


def _markers_in_view(points: list[MapPoint], view: View, highlight: str | None) -> list[tuple[MapPoint, XY]]:
    """Points to draw, in the caller's order (the keyboard's order), with the highlighted one last so no
    neighbour's marker covers it."""
    placed = [(p, project(p.lon, p.lat, width=view.width)) for p in points]
    # On a locator map, only markers wholly inside the window: one cut by the frame reads as a stray shape.
    if view.cropped:
        placed = [(p, xy) for p, xy in placed if view.contains(xy, LOCATOR_INSET) or p.id == highlight]
    if highlight is not None:
        chosen = [(p, xy) for p, xy in placed if p.id == highlight]
        if not chosen:
            raise ValueError(f"highlight {highlight!r} is not the id of any point")
        if view.cropped and not view.contains(chosen[0][1], LOCATOR_INSET):
            raise ValueError(f"highlight {highlight!r} lies outside the crop window")
        placed = [(p, xy) for p, xy in placed if p.id != highlight] + chosen
    return placed


# --- Markers and groups ---------------------------------------------------------------------------------------


@dataclass
class Group:
    """Points shown as one marker, at their centre."""

    members: list[tuple[MapPoint, XY]]

    @property
    def centre(self) -> XY:
        return (sum(xy[0] for _, xy in self.members) / len(self.members),
                sum(xy[1] for _, xy in self.members) / len(self.members))


def grouped(placed: list[tuple[MapPoint, XY]], px_per_unit: float, spacing: float = GROUP_PX) -> list[Group]:
    """The points as markers no two of which are closer than ``spacing`` CSS px, at ``px_per_unit`` CSS px a user
    unit: each point joins the first marker it would overlap, and markers that come to overlap are merged until
    none does. In the points' order; linear in the number of points for a given number of markers."""
    reach = spacing / px_per_unit
    groups: list[Group] = []
    for point in placed:
        near = next((g for g in groups if math.dist(g.centre, point[1]) < reach), None)
        if near:
            near.members.append(point)
        else:
            groups.append(Group([point]))
    while True:
        pair = next(((a, b) for a in range(len(groups)) for b in range(a + 1, len(groups))
                     if math.dist(groups[a].centre, groups[b].centre) < reach), None)
        if pair is None:
            return groups
        groups[pair[0]].members += groups.pop(pair[1]).members


def _places(marked: list[tuple[MapPoint, XY]], view: View, layout: Layout, highlight: str | None,
            group_label: Callable[[list[str]], str]) -> str:
    """One layout's markers: a list of links and groups, each placed over the map."""
    px_per_unit = layout.narrowest / view.size[0]
    others = [(p, xy) for p, xy in marked if p.id != highlight]
    shown = [(p, xy) for p, xy in marked if p.id == highlight]
    if shown:  # neighbours that would cover the highlighted city are left out: it is the map's subject
        reach = (MARKER_PX + GROUP_PX) / 2 / px_per_unit
        others = [(p, xy) for p, xy in others if math.dist(xy, shown[0][1]) >= reach]
    items = [_marker(g.members[0][0], g.centre, view, highlighted=False) if len(g.members) == 1
             else _group(g, view, group_label) for g in grouped(others, px_per_unit)]
    items += [_marker(point, xy, view, highlighted=True) for point, xy in shown]
    return f'<ul class="kb-map__places kb-map__places--{layout.name}">' + "".join(items) + "</ul>"


def _position(xy: XY, view: View) -> str:
    """A marker's place, and the classes that open its label or list towards the middle of the map (a list opens
    under or over its marker, centred, or to one side near the map's left or right edge)."""
    left, top = view.percent(xy)
    side = " kb-map__place--east" if left > 70 else " kb-map__place--west" if left < 30 else ""
    return (f'class="kb-map__place{side}{" kb-map__place--south" if top > 55 else ""}" '
            f'style="left:{left:.2f}%;top:{top:.2f}%"')


def _marker(point: MapPoint, xy: XY, view: View, highlighted: bool) -> str:
    name = escape(point.name)
    label = f'<span class="kb-map__label" aria-hidden="true">{name}</span>' if highlighted else ""
    classes = "kb-map__city kb-map__city--highlight" if highlighted else "kb-map__city"
    return (f'<li {_position(xy, view)}><a href="{escape(_safe_href(point.href))}" class="{classes}" '
            f'aria-label="{name}" title="{name}"><span class="kb-map__dot"></span>{label}</a></li>')


def _group(group: Group, view: View, group_label: Callable[[list[str]], str]) -> str:
    names = [point.name for point, _ in group.members]
    links = "".join(f'<li><a href="{escape(_safe_href(point.href))}">{escape(point.name)}</a></li>'
                    for point, _ in group.members)
    label = escape(group_label(names))
    return (f'<li {_position(group.centre, view)}><details class="kb-map__group">'
            f'<summary aria-label="{label}" title="{label}">{len(names)}</summary><ul>{links}</ul></details></li>')


# --- The land -------------------------------------------------------------------------------------------------


def _land_svg(view: View, prefix: str, *, clip: bool, cache: TextCache | None) -> str:
    vx, vy, vw, vh = view.box[0], view.box[1], *view.size
    n = view.decimals
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-map__land" viewBox="{fmt(vx, n)} {fmt(vy, n)} '
        f'{fmt(vw, n)} {fmt(vh, n)}" width="{view.width}" height="{round(view.width * vh / vw)}" aria-hidden="true" '
        'focusable="false">',
        *_land(view, prefix, clip=clip, cache=cache),
        "</svg>",
    ])


def _land(view: View, prefix: str, *, clip: bool, cache: TextCache | None) -> Iterator[str]:
    """The decorative layer: sea, then every country in view as one path each."""
    clip_attr = f' clip-path="url(#{prefix}-clip)"' if clip else ""
    if clip:
        x, y, w, h = view.box[0], view.box[1], *view.size
        n = view.decimals
        yield (f'<defs><clipPath id="{prefix}-clip"><rect x="{fmt(x, n)}" y="{fmt(y, n)}" width="{fmt(w, n)}" '
               f'height="{fmt(h, n)}"/></clipPath></defs>')
    yield f'<g fill-rule="evenodd"{clip_attr}>'
    yield f'<path class="kb-map__sphere" d="{sphere_outline(view.width)}"/>'
    for d in world_country_paths(view.width) if not clip else _cropped_country_paths(view, cache):
        yield f'<path class="kb-map__country" d="{d}"/>'
    yield "</g>"


def _cropped_country_paths(view: View, cache: TextCache | None) -> tuple[str, ...]:
    # Cut a little outside the window, so the clipped shapes' edges fall beyond what is shown.
    pad = view.size[0] * 0.01
    box = (view.box[0] - pad, view.box[1] - pad, view.box[2] + pad, view.box[3] + pad)
    # Cutting is most of a locator map's cost: with hundreds of cities, it is worth keeping between builds.
    kept = (cache or TextCache(None)).kept(f"{view.width}|{view.decimals}|{box!r}",
                                           lambda: "\n".join(clipped_paths(view.width, view.decimals, box)),
                                           ".paths")
    return tuple(kept.split("\n")) if kept else ()


def _safe_href(href: str) -> str:
    # Hrefs are ours (relative profile links), but a scheme such as javascript: must never reach the page;
    # browsers drop control characters from URLs, so "\x01javascript:" would become one.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in href) or \
            urlsplit(href.strip()).scheme.lower() not in ("", "http", "https"):
        raise ValueError(f"marker href must be a relative or web URL, got {href!r}")
    return href
