"""City maps as inline SVG: the world map with every city, and a locator map round one city.

No tile server, CDN or script. Colours live in the site's stylesheet (``overrides/assets/stylesheets/map.css``)
as classes, so one SVG follows the light and dark palettes. A locator map is a ``viewBox`` window onto the
world map's coordinate space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape

from ..cache import TextCache
from ..content.slugs import slugify
from .geography import XY, Box, bounds, clipped_paths, fmt, map_height, project, sphere_outline, world_country_paths

MARKER_RADIUS_PX = 6.0  # 12 px across: a target a finger or a shaky hand can hit
HIGHLIGHT_RADIUS_PX = 8.0
LABEL_SIZE_PX = 14.0
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
        f'viewBox="{fmt(vx, view.decimals)} {fmt(vy, view.decimals)} {fmt(vw, view.decimals)} '
        f'{fmt(vh, view.decimals)}" width="{width}" '
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
    x0, y0, x1, y1 = bounds(project(lon, lat, width=width) for lon, lat in edge)
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
    return "kb-map-" + (slugify(title, limit=48) or "map")


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
        yield (f'<defs><clipPath id="{prefix}-clip"><rect x="{fmt(x, n)}" y="{fmt(y, n)}" width="{fmt(w, n)}" '
               f'height="{fmt(h, n)}"/></clipPath></defs>')
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
    kept = (cache or TextCache(None)).kept(f"{view.width}|{view.decimals}|{box!r}",
                                           lambda: "\n".join(clipped_paths(view.width, view.decimals, box)),
                                           ".paths")
    return tuple(kept.split("\n")) if kept else ()


def _marker(point: MapPoint, xy: XY, view: View, highlighted: bool) -> str:
    x, y = (fmt(v, view.decimals) for v in xy)
    radius = view.px(HIGHLIGHT_RADIUS_PX if highlighted else MARKER_RADIUS_PX)
    name = escape(point.name)
    classes = "kb-map__city kb-map__city--highlight" if highlighted else "kb-map__city"
    label = _label(point.name, xy, radius, view) if highlighted else ""
    return (f'<a href="{escape(_safe_href(point.href))}" class="{classes}" aria-label="{name}">'
            f'<circle cx="{x}" cy="{y}" r="{fmt(radius, view.decimals)}"/><title>{name}</title>{label}</a>')


def _label(name: str, xy: XY, radius: float, view: View) -> str:
    # Right of the marker, unless the name (its width guessed from its length) would run off the map there.
    font = view.px(LABEL_SIZE_PX)
    gap, guessed_width = radius * 1.5, 0.6 * font * len(name)
    room_right, room_left = view.box[2] - xy[0], xy[0] - view.box[0]
    on_right = room_right >= gap + guessed_width or room_right >= room_left
    x = xy[0] + gap if on_right else xy[0] - gap
    anchor = "start" if on_right else "end"
    n = view.decimals
    return (f'<text class="kb-map__label" x="{fmt(x, n)}" y="{fmt(xy[1] + font * 0.35, n)}" '
            f'font-size="{fmt(font, n)}" text-anchor="{anchor}" aria-hidden="true">{escape(name)}</text>')


def _safe_href(href: str) -> str:
    # Hrefs are ours (relative profile links), but a scheme such as javascript: must never reach the page;
    # browsers drop control characters from URLs, so "\x01javascript:" would become one.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in href) or \
            urlsplit(href.strip()).scheme.lower() not in ("", "http", "https"):
        raise ValueError(f"marker href must be a relative or web URL, got {href!r}")
    return href


