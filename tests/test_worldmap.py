"""The SVG city maps: projection, markup, accessibility, escaping, cropping and size."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from govkb.maps.geography import country_shapes, map_height, project
from govkb.maps.svg import MapPoint, world_map_svg

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


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def markers(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def view_box(root: ET.Element) -> tuple[float, ...]:
    return tuple(float(v) for v in root.get("viewBox").split())


def world(points: list[MapPoint] = CITIES, **kwargs) -> str:
    return world_map_svg(points, title="Participating cities", description="One marker per city.", **kwargs)


def test_one_link_per_point_with_its_href_and_name():
    found = [(a.get("href"), a.get("aria-label"), a.find(f"{SVG}title").text) for a in markers(parse(world()))]
    assert found == [(p.href, p.name, p.name) for p in CITIES]


def test_svg_is_named_and_described_and_land_is_hidden():
    root = parse(world(id_prefix="cities-map"))
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "cities-map-title cities-map-desc"
    assert root.find(f"{SVG}title").get("id") == "cities-map-title"
    assert root.find(f"{SVG}title").text == "Participating cities"
    assert root.find(f"{SVG}desc").get("id") == "cities-map-desc"
    land = root.find(f"{SVG}g[@class='kb-map__land']")
    assert land.get("aria-hidden") == "true"
    assert len(land.findall(f"{SVG}path[@class='kb-map__country']")) > 150


def test_ids_derive_from_the_title_when_no_prefix_is_given():
    root = parse(world_map_svg(CITIES, title="Ciudades de América", description="d"))
    assert root.get("aria-labelledby") == "kb-map-ciudades-de-america-title kb-map-ciudades-de-america-desc"


def test_styling_is_by_class_only():
    svg = world(highlight="bilbao")
    assert "fill=" not in svg.replace('fill-rule="evenodd"', "")
    assert "stroke=" not in svg and "style=" not in svg


def test_text_and_hrefs_are_escaped():
    hostile = MapPoint("x", "<script>alert(1)</script>", 0, 0, '../x/?a=1&b="2"')
    svg = world_map_svg([hostile], title="</title><script>", description="a & b", highlight="x")
    root = parse(svg)
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")
    assert "<script" not in svg
    (link,) = markers(root)
    assert link.get("aria-label") == "<script>alert(1)</script>"
    assert link.get("href") == '../x/?a=1&b="2"'
    assert root.find(f"{SVG}title").text == "</title><script>"


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JavaScript:alert(1)", "\x01javascript:alert(1)",
                                  "data:text/html,<b>"])
def test_a_script_href_is_refused(href):
    with pytest.raises(ValueError, match="href"):
        world_map_svg([MapPoint("x", "X", 0, 0, href)], title="t", description="d")


def test_the_world_map_keeps_points_at_its_very_edges():
    edges = [MapPoint("e", "East", 0, 180, "e/"), MapPoint("w", "West", -85, -180, "w/"),
             MapPoint("n", "North", 90, 0, "n/")]
    assert len(markers(parse(world(edges, highlight="e")))) == 3


def test_highlight_gets_its_class_and_a_visible_label():
    root = parse(world(highlight="amman"))
    highlighted = [a for a in markers(root) if "kb-map__city--highlight" in a.get("class")]
    assert [a.get("aria-label") for a in highlighted] == ["Amman"]
    assert highlighted[0].find(f"{SVG}text").text == "Amman"
    with pytest.raises(ValueError, match="not the id"):
        world(highlight="nowhere")


def test_markers_are_big_enough_to_hit():
    radii = [float(c.get("r")) for c in parse(world()).iter(f"{SVG}circle")]
    assert min(radii) >= 6


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
    root = parse(world(crop=EUROPE, highlight="bilbao", width=320))
    x, y, w, h = view_box(root)
    wx, wy, ww, wh = view_box(parse(world(width=320)))
    assert wx <= x and wy <= y and x + w <= wx + ww + 0.01 and y + h <= wy + wh + 0.01
    assert w < ww / 3 and h < wh / 2
    assert full[2] == 960
    assert "kb-map--locator" in root.get("class")
    assert root.find(f".//{SVG}clipPath") is not None


def test_crop_keeps_only_the_cities_inside_and_scales_markers():
    root = parse(world(crop=EUROPE, highlight="bilbao", width=320))
    assert sorted(a.get("aria-label") for a in markers(root)) == ["Bilbao", "Lappeenranta"]
    vw = view_box(root)[2]
    rendered_radius = min(float(c.get("r")) for c in root.iter(f"{SVG}circle")) * 320 / vw
    assert rendered_radius >= 5.9
    with pytest.raises(ValueError, match="outside"):
        world(crop=EUROPE, highlight="bogota")


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
    assert len(world(many, crop=EUROPE, width=320).encode()) < 30_000


def test_coordinates_are_checked():
    with pytest.raises(ValueError, match="latitude"):
        MapPoint("x", "X", 95, 0, "../x/")
