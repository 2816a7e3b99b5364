"""The city maps of the cities index and of each city profile, drawn by ``maps.svg``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from .. import urls
from ..cache import TextCache
from ..content.models import City
from ..languages import folded
from ..maps.svg import Layout, MapPoint, city_map
from .edition import Edition

# Half the width and height, in degrees, of the window a locator map shows around its city.
LOCATOR_SPAN = (28.0, 17.0)
# Windows are centred on a grid, not on each city, so nearby cities share (cached) map windows.
LOCATOR_GRID = 4.0

# The narrowest each map is shown at, in CSS px, by range of screen widths (see map.css): the world map fills the
# column, from a 320 px phone's to Material's below 45em, and at least 640 px above; a locator map at most 26rem.
WORLD_LAYOUTS = (Layout("narrow", 288), Layout("wide", 640))
LOCATOR_LAYOUTS = (Layout("all", 288),)


def _points(ed: Edition, cities: Iterable[City], from_uri: str) -> list[MapPoint]:
    return [MapPoint(c.id, ed.city_name(c.id), c.coordinates.lat, c.coordinates.lon,
                     urls.served_url(from_uri, urls.city(c.id))) for c in cities]


def _group_label(ed: Edition) -> Callable[[list[str]], str]:
    """What a group's marker is called: "3 cities: A, B, C"."""
    return lambda names: ed.n("{count} city: {names}", "{count} cities: {names}", len(names), names=", ".join(names))


def world_map_block(ed: Edition, from_uri: str) -> Markup:
    """The world map with every city linked, and the same cities as a list below it."""
    kb = ed.kb
    cities = sorted(kb.cities.values(), key=lambda c: folded(ed.city_name(c.id)))
    html = city_map(_points(ed, cities, from_uri), title=ed.t("Map of the participating cities"),
                    description=ed.t("{count} cities; each marker links to the city's profile, and a number opens "
                                     "the cities it stands for. The list below the map has the same links.",
                                     count=len(kb.cities)),
                    group_label=_group_label(ed), layouts=WORLD_LAYOUTS, id_prefix="kb-world")
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> ({})</li>').format(urls.served_url(from_uri, urls.city(c.id)),
                                                          ed.city_name(c.id), c.country) for c in cities)
    return Markup('<figure class="kb-map-figure">{}</figure>\n'
                  '<nav class="kb-map-list" aria-label="{}"><ul>{}</ul></nav>').format(
        Markup(html), ed.t("Participating cities"), items)


def locator_map_block(ed: Edition, city_id: str, from_uri: str, land_cache: TextCache | None = None) -> Markup:
    kb = ed.kb
    city = kb.cities[city_id]
    lat = round(city.coordinates.lat / LOCATOR_GRID) * LOCATOR_GRID
    lon = round(city.coordinates.lon / LOCATOR_GRID) * LOCATOR_GRID
    span_lon, span_lat = LOCATOR_SPAN
    crop = (max(lon - span_lon, -180.0), max(lat - span_lat, -89.0),
            min(lon + span_lon, 180.0), min(lat + span_lat, 89.0))
    # Only cities in the window's band of latitude can show on it (the map then places each marker exactly):
    # with hundreds of cities, this keeps the work per map small. Not longitude: Equal Earth's meridians
    # lean, so a window's corners reach further east and west than its edges' longitudes.
    nearby = [c for c in kb.cities.values() if abs(c.coordinates.lat - lat) <= 2 * span_lat]
    name = ed.city_name(city_id)
    html = city_map(_points(ed, nearby, from_uri), title=ed.t("Where {city} is", city=name),
                    description=ed.t("{city}, {country}, with other participating cities nearby.", city=name,
                                     country=ed.country_name(city)),
                    group_label=_group_label(ed), layouts=LOCATOR_LAYOUTS, highlight=city_id, crop=crop,
                    id_prefix=f"kb-locator-{city_id}", land_cache=land_cache)
    return Markup('<figure class="kb-map-figure kb-map-figure--locator">{}</figure>').format(Markup(html))
