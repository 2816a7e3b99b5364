"""The city maps: projection, markup, accessibility, escaping, cropping, grouping and size."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from govkb.maps.geography import country_shapes, map_height, project
from govkb.maps.svg import GROUP_PX, Layout, MapPoint, city_map, grouped

SVG = "{http://www.w3.org/2000/svg}"

CITIES = [
    MapPoint("bilbao", "Bilbao", 43.26, -2.93, "../bilbao/"),
    MapPoint("bogota", "Bogotá", 4.61, -74.08, "../bogota/"),
    MapPoint("amman", "Amman", 31.95, 35.93, "../amman/"),
    MapPoint("sao-paulo", "São Paulo", -23.55, -46.63, "../sao-paulo/"),
    MapPoint("lappeenranta", "Lappeenranta", 61.06, 28.19, "../lappeenranta/"),
    MapPoint("mahikeng", "Mahikeng", -25.86, 25.64, "../mahikeng/"),
    MapPoint("merida", "Mérida", 20.97, -89.62, "../merida/"),
]
EUROPE = (-12.0, 34.0, 45.0, 72.0)
# A map shown no narrower than 900 px: these cities are far enough apart not to be grouped.
WIDE = (Layout("wide", 900),)


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)


def markers(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//a[@class]")


def land(root: ET.Element) -> ET.Element:
    return root.find(f"{SVG}svg")


def view_box(root: ET.Element) -> tuple[float, ...]:
    return tuple(float(v) for v in land(root).get("viewBox").split())


def places(root: ET.Element) -> list[tuple[float, float]]:
    """Where each marker is, in percent of the map's width and height."""
    return [tuple(float(v) for v in re.findall(r"[\d.]+(?=%)", li.get("style")))
            for li in root.iter("li") if "kb-map__place" in (li.get("class") or "")]


def world(points: list[MapPoint] = CITIES, layouts: tuple[Layout, ...] = WIDE, **kwargs) -> str:
    return city_map(points, title="Participating cities", description="One marker per city.", layouts=layouts,
                    group_label=lambda names: f"{len(names)} cities: {', '.join(names)}", **kwargs)


def test_one_link_per_point_with_its_href_and_name():
    found = [(a.get("href"), a.get("aria-label"), a.get("title")) for a in markers(parse(world()))]
    assert found == [(p.href, p.name, p.name) for p in CITIES]


def test_map_is_named_and_described_and_land_is_hidden():
    root = parse(world(id_prefix="cities-map"))
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "cities-map-title"
    assert root.get("aria-describedby") == "cities-map-desc"
    assert root.find(".//span[@id='cities-map-title']").text == "Participating cities"
    assert root.find(".//span[@id='cities-map-desc']").text == "One marker per city."
    assert land(root).get("aria-hidden") == "true"
    assert len(land(root).findall(f".//{SVG}path[@class='kb-map__country']")) > 150


def test_ids_derive_from_the_title_when_no_prefix_is_given():
    root = parse(city_map(CITIES, title="Ciudades de América", description="d", layouts=WIDE,
                          group_label=", ".join))
    assert root.get("aria-labelledby") == "kb-map-ciudades-de-america-title"


def test_styling_is_by_class_and_places_only():
    html = world(highlight="bilbao")
    assert "fill=" not in html.replace('fill-rule="evenodd"', "")
    assert "stroke=" not in html
    assert set(re.findall(r'style="([^"]*)"', html)) <= {f"left:{x:.2f}%;top:{y:.2f}%" for x, y in
                                                           places(parse(html))}


def test_markers_sit_where_their_cities_are_on_the_land():
    root = parse(world())
    x0, y0, w, h = view_box(root)
    for point, (left, top) in zip(CITIES, places(root), strict=True):
        x, y = project(point.lon, point.lat)
        assert (left, top) == (pytest.approx((x - x0) / w * 100, abs=0.01), pytest.approx((y - y0) / h * 100, abs=0.01))


def test_text_and_hrefs_are_escaped():
    hostile = MapPoint("x", "<script>alert(1)</script>", 0, 0, '../x/?a=1&b="2"')
    html = city_map([hostile], title="</span><script>", description="a & b", highlight="x", layouts=WIDE,
                    group_label=", ".join)
    root = parse(html)
    assert not root.findall(".//script") and "<script" not in html
    (link,) = markers(root)
    assert link.get("aria-label") == "<script>alert(1)</script>"
    assert link.get("href") == '../x/?a=1&b="2"'
    assert root.find(".//span[@class='kb-visually-hidden']").text == "</span><script>"


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JavaScript:alert(1)", "\x01javascript:alert(1)",
                                  "data:text/html,<b>"])
def test_a_script_href_is_refused(href):
    with pytest.raises(ValueError, match="href"):
        world([MapPoint("x", "X", 0, 0, href)])


def test_the_world_map_keeps_points_at_its_very_edges():
    edges = [MapPoint("e", "East", 0, 180, "e/"), MapPoint("w", "West", -85, -180, "w/"),
             MapPoint("n", "North", 90, 0, "n/")]
    assert len(markers(parse(world(edges, highlight="e")))) == 3


def test_highlight_gets_its_class_and_a_visible_label():
    root = parse(world(highlight="amman"))
    highlighted = [a for a in markers(root) if "kb-map__city--highlight" in a.get("class")]
    assert [a.get("aria-label") for a in highlighted] == ["Amman"]
    assert highlighted[0].find("span[@class='kb-map__label']").text == "Amman"
    with pytest.raises(ValueError, match="not the id"):
        world(highlight="nowhere")


def test_cities_that_would_overlap_are_one_marker_that_lists_them():
    """At 288 px the Spanish cities' markers would overlap: one marker counts them and opens their links."""
    spain = [MapPoint("bilbao", "Bilbao", 43.26, -2.93, "b/"), MapPoint("cuenca", "Cuenca", 40.07, -2.13, "c/"),
             MapPoint("cordoba", "Córdoba", 37.88, -4.78, "co/"), MapPoint("amman", "Amman", 31.95, 35.93, "a/")]
    root = parse(world(spain, layouts=(Layout("narrow", 288), Layout("wide", 8000))))
    narrow, wide = root.findall("ul")
    assert "kb-map__places--narrow" in narrow.get("class") and "kb-map__places--wide" in wide.get("class")
    (group,) = narrow.findall(".//details")
    assert group.find("summary").text == "3"
    assert group.find("summary").get("aria-label") == "3 cities: Bilbao, Cuenca, Córdoba"
    assert [a.get("href") for a in group.findall(".//a")] == ["b/", "c/", "co/"]
    assert [a.get("aria-label") for a in narrow.findall("li/a")] == ["Amman"]
    assert not wide.findall(".//details") and len(wide.findall("li/a")) == 4


def test_no_two_markers_overlap_at_the_narrowest_width():
    rng = [MapPoint(f"c{k}", f"C{k}", 40 + (k * 7) % 11, -5 + (k * 13) % 17, f"c{k}/") for k in range(40)]
    placed = [(p, project(p.lon, p.lat)) for p in rng]  # the whole world, 960 units wide
    for narrowest in (288, 640):
        groups = grouped(placed, narrowest / 960)
        assert sum(len(g.members) for g in groups) == len(rng)
        for a, b in itertools.combinations(groups, 2):
            assert math.dist(a.centre, b.centre) * narrowest / 960 >= GROUP_PX


def test_origin_projects_to_the_centre():
    x, y = project(0, 0, width=960)
    assert x == pytest.approx(480)
    assert y == pytest.approx(map_height(960) / 2)
    vx, vy, vw, vh = view_box(parse(world()))
    assert (vx + vw / 2, vy + vh / 2) == (pytest.approx(x, abs=0.1), pytest.approx(y, abs=0.1))


def test_known_places_keep_their_relative_positions():
    bilbao, bogota, sao_paulo, lappeenranta = (project(p.lon, p.lat) for p in
                                               (CITIES[0], CITIES[1], CITIES[3], CITIES[4]))
    assert bilbao[1] < bogota[1] and bilbao[0] > bogota[0]  # north (up) and east (right) of Bogotá
    assert sao_paulo[1] > bogota[1]  # south of the equator
    assert lappeenranta[1] < bilbao[1] and lappeenranta[0] > bilbao[0]


def test_the_map_spans_the_width_and_the_date_line_is_not_crossed():
    """Rings crossing ±180° (Fiji, Chukotka, Antarctica) are cut, so no edge streaks across the map."""
    south_pole_y = project(0, -90)[1]
    for shape in country_shapes(960, 1):
        for ring in shape.rings:
            long_edges = [(a, b) for a, b in itertools.pairwise(ring) if abs(b[0] - a[0]) > 200]
            # The one long edge allowed is Antarctica's, along the flat pole line at the map's foot.
            assert all(a[1] == b[1] == pytest.approx(south_pole_y, abs=0.1) for a, b in long_edges), shape.box
    xs = [x for shape in country_shapes(960, 1) for x, _ in (shape.box[:2], shape.box[2:])]
    assert min(xs) < 30 and max(xs) > 930


def test_crop_yields_a_viewbox_inside_the_world_map():
    full = view_box(parse(world()))
    root = parse(world(crop=EUROPE, highlight="bilbao"))
    x, y, w, h = view_box(root)
    wx, wy, ww, wh = full
    assert wx <= x and wy <= y and x + w <= wx + ww + 0.01 and y + h <= wy + wh + 0.01
    assert w < ww / 3 and h < wh / 2
    assert full[2] == 960
    assert "kb-map--locator" in root.get("class")
    assert land(root).find(f".//{SVG}clipPath") is not None


def test_crop_keeps_only_the_cities_inside():
    root = parse(world(crop=EUROPE, highlight="bilbao"))
    assert sorted(a.get("aria-label") for a in markers(root)) == ["Bilbao", "Lappeenranta"]
    with pytest.raises(ValueError, match="outside"):
        world(crop=EUROPE, highlight="bogota")


def test_a_neighbour_that_would_cover_the_highlighted_city_is_left_out():
    near = [MapPoint("bilbao", "Bilbao", 43.26, -2.93, "b/"), MapPoint("santander", "Santander", 43.46, -3.81, "s/")]
    root = parse(world(near, layouts=(Layout("all", 288),), crop=EUROPE, highlight="bilbao"))
    assert [a.get("aria-label") for a in markers(root)] == ["Bilbao"]


def test_two_maps_on_a_page_have_distinct_ids():
    a = parse(world(crop=EUROPE, id_prefix="map-a"))
    b = parse(world(crop=EUROPE, id_prefix="map-b"))
    ids = lambda root: {e.get("id") for e in root.iter() if e.get("id")}  # noqa: E731
    assert ids(a) and not ids(a) & ids(b)
    with pytest.raises(ValueError, match="id_prefix"):
        world(id_prefix="1 bad")


def test_output_stays_small():
    many = [MapPoint(f"c{k}", f"City {k}", -60 + 5 * k, -170 + 14 * k, f"../c{k}/") for k in range(24)]
    assert len(world(many).encode()) < 90_000
    assert len(world(many, crop=EUROPE).encode()) < 30_000


def test_coordinates_are_checked():
    with pytest.raises(ValueError, match="latitude"):
        MapPoint("x", "X", 95, 0, "../x/")
