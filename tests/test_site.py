"""The built site, read from its HTML as a reader's browser gets it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from bs4 import BeautifulSoup

from govkb.content.models import ChartKind

from .conftest import ROOT, folder_files, kb_subprocess, mkdocs_build, parsed


def soup(site: Path, page_dir: str) -> BeautifulSoup:
    return parsed(site / page_dir / "index.html")


def article(site: Path, page_dir: str) -> BeautifulSoup:
    return soup(site, page_dir).select_one("article")


def links_of(site: Path, page_dir: str) -> set[str]:
    """Hrefs of a page's article, resolved to site-relative directories like 'cases/x'."""
    resolved = set()
    for a in article(site, page_dir).select("a[href]"):
        href = a["href"].split("#")[0]
        if href and not href.startswith(("http", "mailto")):
            target = (site / page_dir / href).resolve()
            resolved.add(target.relative_to(site.resolve()).as_posix())
    return resolved


def test_every_city_case_and_indicator_has_its_page(site, kb):
    for city_id, city in kb.cities.items():
        assert article(site, f"cities/{city_id}").h1.get_text(strip=True).startswith(city.name)
    for slug, case in kb.cases.items():
        assert case.meta.title in article(site, f"cases/{slug}").h1.get_text()
    for slug, indicator in kb.indicators.items():
        assert indicator.meta.title in article(site, f"indicators/{slug}").h1.get_text()


def test_city_profiles_link_to_their_cases_and_back(site, kb):
    for city_id in kb.cities:
        cases = kb.cases_by_city.get(city_id, [])
        profile_links = links_of(site, f"cities/{city_id}")
        for case in cases:
            assert f"cases/{case.slug}" in profile_links, (city_id, case.slug)
            assert f"cities/{city_id}" in links_of(site, f"cases/{case.slug}")
        if not cases:
            assert "took part" in article(site, f"cities/{city_id}").get_text()


def test_case_pages_show_their_metadata_and_edit_link(site, kb):
    for slug, case in kb.cases.items():
        page = soup(site, f"cases/{slug}")
        facts = page.select_one(".kb-facts").get_text(" ")
        assert case.meta.source.section in facts
        for area in case.meta.areas:
            assert kb.areas[area].name in facts
        for number in case.meta.sdgs:
            assert f"SDG {number} · {kb.goals[number].short.en}" in facts
        edit = page.select_one("a[rel=edit]")
        assert edit["href"].endswith(f"/edit/main/cases/{slug}.md")


def test_case_pages_give_each_target_its_official_title_and_our_reason(site, kb):
    for slug, case in kb.cases.items():
        section = article(site, f"cases/{slug}").select_one("ul.kb-goal-list")
        items = section.select("ul.kb-target-list > li")
        assert [li.a.get_text() for li in items] == [f"Target {t.target}" for n in case.meta.sdgs
                                                     for t in case.meta.targets_of(n)]
        for li, tagged in zip(items, [t for n in case.meta.sdgs for t in case.meta.targets_of(n)], strict=True):
            assert li.select_one(".kb-target-title").get_text() == kb.targets[tagged.target].title.en
            assert tagged.reason in li.select_one(".kb-reason").get_text()


def test_goal_pages_list_cases_by_target(site, kb):
    for number in kb.cases_by_sdg:
        page = article(site, f"sdgs/{number}")
        for target in kb.goals[number].targets:
            heading = page.find(id=f"target-{target.id.replace('.', '-')}")
            tagged = kb.cases_by_target.get(target.id, [])
            assert (heading is not None) == bool(tagged), target.id
            if tagged:
                assert target.title.en in heading.get_text()
                listed = heading.find_next("ul").select("li > a")
                assert [a.get_text() for a in listed] == [c.meta.title for c in tagged]


def test_every_sdg_block_says_whose_classification_it_is(site, kb):
    pages = ["sdgs", "areas", *(f"sdgs/{n}" for n in kb.cases_by_sdg), *(f"cases/{slug}" for slug in kb.cases),
             *(f"cities/{c}" for c in kb.cases_by_city)]
    for page in pages:
        assert "sdg-method/" in links_of(site, page) or any(
            a["href"].endswith("sdg-method/") for a in article(site, page).select("a[href]")), page


def test_every_case_is_reachable_from_its_areas_and_goals(site, kb):
    for slug, case in kb.cases.items():
        for area in case.meta.areas:
            assert f"cases/{slug}" in links_of(site, f"areas/{area}")
        for number in case.meta.sdgs:
            assert f"cases/{slug}" in links_of(site, f"sdgs/{number}")


def test_area_sdg_matrix_counts_equal_the_data(site, kb):
    table = article(site, "areas").select("table")[-1]
    # Each goal's heading: its number, leading to its page, and its name.
    headings = table.select("thead th")[1:]
    goals = [th.a.get_text(strip=True) for th in headings]
    assert [th.select_one(".kb-matrix__name").get_text() for th in headings] == [
        kb.goals[int(goal.removeprefix("SDG "))].short.en for goal in goals]
    for row in table.select("tbody tr"):
        area_name = row.select_one("th").get_text(strip=True)
        area_id = next(a for a, area in kb.areas.items() if area.name == area_name)
        for goal, cell in zip(goals, row.select("td"), strict=True):
            number = int(goal.removeprefix("SDG "))
            expected = sum(1 for c in kb.cases_by_area.get(area_id, []) if number in c.meta.sdgs)
            assert int(cell.get_text(strip=True)) == expected, (area_id, number)


def test_indicator_pages_have_chart_table_and_downloads(site, kb):
    for slug, entry in kb.indicators.items():
        page = article(site, f"indicators/{slug}")
        if entry.meta.chart is ChartKind.none:
            assert page.select_one("figure") is None
            assert "no figures" in page.get_text()
            continue
        figure = page.select_one("figure.kb-chart")
        images = figure.select("picture > img")
        assert {img["src"].split("#")[1] for img in images} == {"only-light", "only-dark"}
        for img in images:
            assert entry.meta.finding in img["alt"]
            narrow = img.find_previous_sibling("source")["srcset"]
            assert narrow == img["src"].split("#")[0].replace("-light.svg", "-narrow-light.svg").replace(
                "-dark.svg", "-narrow-dark.svg")
            for src in (img["src"].split("#")[0], narrow):
                assert (site / f"indicators/{slug}" / src).resolve().read_text().lstrip().startswith("<svg")
        # The caption says what the figures measure; the title is the page's heading.
        assert entry.meta.title not in figure.figcaption.get_text()
        # The table and downloads follow the figure: a <figure> holds its images and caption only.
        details = figure.find_next_sibling("details")
        printed = [cell.get_text(strip=True) for cell in details.select("table td")]
        downloads = details.find_next_sibling("p")
        csv_link = downloads.select_one("a[href$='.csv']")
        rows = list(csv.DictReader(io.StringIO((site / f"indicators/{slug}" / csv_link["href"]).resolve()
                                              .read_text(encoding="utf-8-sig"))))
        expected = ([str(v.value) for v in entry.meta.values] if entry.meta.values else
                    [str(n) for r in entry.meta.table.rows for n in r.values])
        assert [r["value"] for r in rows] == expected
        for value in expected:
            assert any(cell.startswith(value) for cell in printed), (slug, value)
        assert downloads.select_one("a[href$='.vl.json']") and downloads.select_one("a[href$='.svg']")


def test_charts_fit_the_column_they_are_drawn_for(site):
    """A narrow drawing fits a phone's column and a wide one Material's widest, so neither is shrunk there."""
    from govkb.charts.files import svg_size
    from govkb.charts.spec import NARROW_WIDTH

    drawings = list(site.glob("**/assets/charts/*-light.svg"))
    assert drawings
    for path in drawings:
        width, _ = svg_size(path.read_text(encoding="utf-8"))
        assert width <= (NARROW_WIDTH if path.name.endswith("-narrow-light.svg") else 688), path.name


def test_every_published_csv_opens_with_a_byte_order_mark(site):
    """Excel on Windows reads a CSV as UTF-8, and keeps its accents, only after a byte-order mark."""
    published = sorted(site.rglob("*.csv"))
    assert len(published) > 20
    assert [path for path in published if not path.read_bytes().startswith(b"\xef\xbb\xbf")] == []


def test_one_tidy_csv_of_every_figure(site, kb):
    rows = list(csv.DictReader(io.StringIO(
        (site / "assets/data/smart-cities-study-2019-figures.csv").read_text(encoding="utf-8-sig"))))
    assert set(rows[0]) == {"indicator", "label", "row", "column", "value", "unit", "base", "source_section"}
    expected = sum(len(i.meta.values or []) + sum(len(r.values) for r in (i.meta.table.rows if i.meta.table else []))
                   for i in kb.indicators.values())
    assert len(rows) == expected


def test_hand_written_pages_are_in_the_navigation(site):
    nav = soup(site, ".").select_one("nav.md-nav--primary").get_text(" ")
    for label in ("About the study", "Open Government", "Advanced Strategic Management", "Conclusions",
                  "Cases", "Cities", "Governance areas", "SDGs", "Survey indicators"):
        assert label in nav


def test_case_pages_stay_out_of_the_sidebar(site, kb):
    nav = soup(site, ".").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert not any("cases/" in h and h.rstrip("/") != "cases" and h != "cases/" for h in hrefs
                   if h not in ("cases/",))


def test_sharing_and_finding_metadata(site, kb):
    for slug, case in kb.cases.items():
        head = soup(site, f"cases/{slug}").head
        canonical = head.find("link", rel="canonical")["href"]
        assert canonical == f"https://uclg-digital-cities.github.io/smart-governance-kb/cases/{slug}/"
        assert head.find("meta", attrs={"name": "description"})["content"] == case.meta.summary
        assert head.find("meta", property="og:title")["content"] == case.meta.title
        assert head.find("meta", property="og:description")["content"] == case.meta.summary
        assert head.find("meta", property="og:url")["content"] == canonical
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for slug in kb.cases:
        assert f"/smart-governance-kb/cases/{slug}/</loc>" in sitemap
    for city_id in kb.cities:
        assert f"/smart-governance-kb/cities/{city_id}/</loc>" in sitemap


def test_no_page_loads_anything_from_another_site(site):
    for path in site.rglob("*.html"):
        page = parsed(path)
        for element in page.select("script[src], link[href][rel~=stylesheet], img[src], iframe[src]"):
            url = element.get("src") or element.get("href")
            assert not url.startswith(("http:", "https:", "//")), (path, url)


def test_every_internal_link_and_anchor_resolves(site):
    """Generated HTML links are not checked by MkDocs' strict mode, so check every one in the built site."""
    from kbtools.statichost import published_path

    prefix = published_path(ROOT / "mkdocs.yml")
    broken = []
    for path in site.rglob("*.html"):
        page = parsed(path)
        for a in page.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")) or not href:
                continue
            target, _, anchor = href.split("?")[0].partition("#")
            # 404.html is served at any address, so MkDocs gives it links from the published root.
            base = site if target.startswith(prefix) else path.parent
            resolved = (base / target.removeprefix(prefix)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{path.relative_to(site)} -> {href}")
            elif anchor and resolved.suffix == ".html":
                linked = parsed(resolved)
                if not linked.find(id=anchor):
                    broken.append(f"{path.relative_to(site)} -> {href} (no #{anchor})")
    assert broken == []


BREAKAGES = [
    ("cases/decidim-barcelona.md", "areas: [citizen-participation]", "areas: [citizen-participaton]",
     "areas.0: unknown area 'citizen-participaton'; did you mean 'citizen-participation'?"),
    ("cases/decidim-barcelona.md", "cities: [barcelona]", "cities: [barcelna]",
     "cities.0: unknown city 'barcelna'; did you mean 'barcelona'?"),
    ("cases/decidim-barcelona.md", "summary:", "summary: [broken", "summary: the list opened here is not closed"),
    ("data/cities.yaml", 'name: "Barcelona"', 'name: "Barcelona', "YAML does not parse"),
]


def test_a_failed_build_names_the_problem_and_keeps_the_last_good_site(project, monkeypatch):
    """`kb build` swaps a good build into site/; after that, bad content stops `mkdocs build` and `kb build`
    alike before site/ is touched, with the file, line and field in the message."""
    monkeypatch.setenv("KB_LANGUAGES", "en")  # content is checked the same whichever editions are built
    first = kb_subprocess(project, "build")
    assert first.returncode == 0, first.stderr
    site = project / "site"
    assert (site / "cases/decidim-barcelona/index.html").is_file()
    before = folder_files(site)
    for path, old, new, message in BREAKAGES:
        source = project / path
        original = source.read_text(encoding="utf-8")
        assert old in original
        source.write_text(original.replace(old, new, 1), encoding="utf-8")
        direct = mkdocs_build(project, site, languages="en")
        assert direct.returncode != 0 and path in direct.stderr and message in direct.stderr, direct.stderr[-2000:]
        assert folder_files(site) == before, path
        source.write_text(original, encoding="utf-8")
    case = project / "cases/decidim-barcelona.md"
    case.write_text(re.sub(r"^sdgs: .*$", "sdgs: [16, 99]", case.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    second = kb_subprocess(project, "build")
    assert second.returncode != 0
    assert "cases/decidim-barcelona.md" in second.stderr and "unchanged" in second.stderr
    assert folder_files(site) == before
    assert not [p for p in project.iterdir() if p.name.startswith((".site-new-", ".site-old-"))]


def test_heading_anchors_are_plain_words(site):
    """An apostrophe or quote in a title must not leak into its anchor as an entity name ('x27', 'quot')."""
    for path in site.rglob("*.html"):
        for heading in parsed(path).select("[id]"):
            if heading.name in {"h1", "h2", "h3", "h4"}:
                assert not re.search(r"x27|(^|-)(quot|amp)(-|$)", heading["id"]), (path, heading["id"])


# A lower-case letter then a capital inside one word: in the search index's text, two words run together
# ("participationMedellín") where adjacent elements had no space between them.
RUN_TOGETHER = re.compile(r"\w*[a-zà-ÿ][A-ZÀ-Þ]\w*")


def test_the_search_index_keeps_words_apart(site):
    """Every word of the index that looks run together is written so somewhere in the sources (TorinoFacile)."""
    import gzip
    import json

    written = {word for folder in ("cases", "indicators", "content", "data", "govkb/locales")
               for path in (ROOT / folder).rglob("*") if path.suffix in (".md", ".yaml", ".po")
               for word in RUN_TOGETHER.findall(path.read_text(encoding="utf-8"))}
    joined = {}
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        for word in set(RUN_TOGETHER.findall(page["content"])) - written:
            joined.setdefault(word, page["url"])
    assert joined == {}


def test_generated_pages_say_where_they_are(site):
    """Outside the navigation, a generated page has a breadcrumb from its section's page, and that section's tab
    shows as active."""
    expected = {
        "cases/decidim-barcelona": (["Cases"], "Cases"),
        "cities/bilbao": (["Cities", "Europe"], "Cities"),
        "areas/open-data": (["Governance areas", "Open Government"], "Governance areas"),
        "sdgs/16": (["SDGs"], "SDGs"),
        "indicators/mandate-plan": (["Survey indicators"], "Survey indicators"),
        "es/cities/bilbao": (["Ciudades", "Europa"], "Ciudades"),
    }
    for path, (trail, tab) in expected.items():
        page = soup(site, path)
        crumbs = page.select_one("nav.kb-path[aria-label]")
        assert [a.get_text(strip=True) for a in crumbs.select("a")] == trail, path
        for a in crumbs.select("a"):
            assert (site / path / a["href"] / "index.html").resolve().is_file(), (path, a["href"])
        heading = page.select_one("article h1").get_text(strip=True).removesuffix("¶")
        assert crumbs.select_one("[aria-current=page]").get_text(strip=True) == heading
        assert page.select_one(".md-tabs__item--active").get_text(strip=True) == tab, path
    assert soup(site, "about").select_one("nav.kb-path") is None  # hand-written pages are in the navigation


REPOSITORY = "https://github.com/uclg-digital-cities/smart-governance-kb"


def test_every_invitation_to_contribute_leads_somewhere(site, kb):
    """The invitations link to the form for a new case and to the guide in the reader's language; the header links
    to the repository; a page that no single file shapes offers an issue about it, the others an edit link."""
    without_cases = next(city for city in kb.cities if city not in kb.cases_by_city)
    for language, edition in (("en", ""), ("es", "es/"), ("fr", "fr/")):
        guide = "CONTRIBUTING.md" if language == "en" else f"CONTRIBUTING.{language}.md"
        assert (ROOT / guide).is_file()
        form = "new-case.yml" if language == "en" else f"new-case.{language}.yml"
        assert (ROOT / ".github/ISSUE_TEMPLATE" / form).is_file()
        expected = {f"{REPOSITORY}/blob/main/{guide}", f"{REPOSITORY}/issues/new?template={form}"}
        for path in (edition, f"{edition}cases", f"{edition}cities/{without_cases}"):
            hrefs = {a["href"] for a in article(site, path).select("a[href*=CONTRIBUTING], a[href*=template]")}
            assert hrefs == expected, path
        assert soup(site, edition).select_one(".md-header a.md-source")["href"] == REPOSITORY
    for path in ("cases", "sdgs", "sdgs/16", "indicators", "explore"):
        suggest = soup(site, path).select_one("article a.md-content__button[href*='/issues/new?']")
        assert suggest and "title=" in suggest["href"], path
    for path, source in (("areas", "data/taxonomy.yaml"), ("areas/open-data", "data/taxonomy.yaml"),
                         ("cities", "data/cities.yaml"), ("cities/regions/europe", "data/cities.yaml")):
        assert soup(site, path).select_one("a[rel=edit]")["href"] == f"{REPOSITORY}/edit/main/{source}", path


def test_lists_of_indicators_mark_those_without_figures_and_translate_spanish_titles(site, kb):
    """The indicators index and the area pages mark every indicator the study prints no figures for, and give our
    title beside a title the study prints in Spanish."""
    areas = {entry.meta.area for entry in kb.indicators.values() if entry.meta.area}
    for path in ("indicators", *(f"areas/{area}" for area in areas)):
        listed = {}
        for li in article(site, path).select("li"):
            target = (site / path / li.a["href"]).resolve().relative_to(site.resolve()) if li.a else None
            if target and target.parent.name == "indicators":
                listed[target.name] = li
        assert set(listed) == set(kb.indicators) if path == "indicators" else listed, path
        for slug, li in listed.items():
            meta = kb.indicators[slug].meta
            tag = li.select_one(".kb-tag")
            assert (tag is not None and tag.get_text() == "No figures printed") == (meta.chart is ChartKind.none), slug
            beside = li.select_one(".kb-translation")
            assert (beside.get_text() if beside else None) == (f"({meta.title_translation})" if meta.title_translation
                                                                  else None), slug


def test_the_explorer_data_names_every_value_and_links_from_the_site_root(site, kb):
    """cases.json is open data: its addresses mean the same wherever it is read from, and every id comes with
    its name in the edition's language."""
    import json

    for prefix in ("", "es/", "fr/"):
        data = json.loads((site / prefix / "assets/data/cases.json").read_text(encoding="utf-8"))
        assert data["language"] == (prefix.rstrip("/") or "en")
        assert sorted(case["slug"] for case in data["cases"]) == sorted(kb.cases)
        for case in data["cases"]:
            assert case["url"] == f"{prefix}cases/{case['slug']}/" and (site / case["url"] / "index.html").is_file()
            for facet in ("area", "sdg", "region", "country", "city", "source", "status", "started"):
                assert all(data["labels"][facet].get(value) for value in case[facet]), (facet, case[facet])
    spanish = json.loads((site / "es/assets/data/cases.json").read_text(encoding="utf-8"))
    assert spanish["labels"]["city"]["turin"] == "Turín" and spanish["labels"]["country"]["ES"] == "España"
