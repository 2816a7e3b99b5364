"""``kb bench``: the generator at scale, against bare Material in the same run.

`kb bench` builds synthetic knowledge bases of 100, 1,000 and 5,000 cases (`--quick`: 100 and
1,000; `--sizes 200 2000` for others) and, for each size, the same number of plain Markdown pages with the bare
Material theme (no hooks, pages outside the nav). It prints one table, then the targets with PASS or FAIL, then
a warm `mkdocs serve` rebuild after editing one case of the real content. Medians of `--repeat` runs; these
machines are shared and noisy, so compare ratios rather than absolute times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from govkb.content.slugs import slugify
from govkb.languages import LANGUAGES, config_file

CONFIG_FILES = [config_file(language) for language in LANGUAGES]

REGIONS = ["Africa", "Asia-Pacific", "Eurasia", "Europe", "Latin America", "Middle East and West Asia",
           "North America"]
# Place-name parts with the accents readers meet in the real content.
NAME_PARTS = ["São", "Bogotá", "Medellín", "Córdoba", "Mérida", "Malmö", "Peñalolén", "Jyväskylä", "Göteborg",
              "Łódź", "Cuenca", "Tequila", "Talca", "Viborg", "Amman", "Pilar", "Santa", "Nueva", "Villa", "Puerto"]
WORDS = ("la participación ciudadana transparência governança dados abertos open data city council residents "
         "budget planning assessment foresight analytics collaboration neighbourhood district accountability "
         "portal platform citizens stakeholders evaluation strategy indicators services digital público gestão "
         "innovation laboratory pilot programme results impact policy región municipality evidence").split()
# The scale targets of issue 7, checked at the end of a run.
TARGETS = {
    "linear": "build time at 5,000 cases at most 6 times the time at 1,000",
    "baseline": "at most 1.5 times the bare-Material baseline at 1,000 and 5,000",
    "largest": "no generated page over 100 KB at 5,000 cases",
    "median": "median case page under 40 KB",
    "search": "search payload before the first result under 1 MB at 5,000 cases",
    "memory": "peak memory at 5,000 cases under 1.5 GB",
    "rebuild": "warm mkdocs serve rebuild after one case edit under 2 s",
}
MEASURE = """
import resource, runpy, sys, time
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
start = time.perf_counter()
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    if exit.code:
        raise
wall = time.perf_counter() - start
peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print("BENCH", wall, peak_kb)
"""


@dataclass
class Result:
    wall: float
    peak_mb: float
    site_mb: float
    largest_kb: float
    largest_page: str
    median_case_kb: float
    search_kb: float
    index_s: float  # Pagefind's indexing of the finished site alone (part of ``wall``); 0 for the baseline


def body(rng: random.Random, words: int) -> str:
    paragraphs = []
    while words > 0:
        size = min(words, rng.randint(50, 90))
        sentence = " ".join(rng.choice(WORDS) for _ in range(size))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
        words -= size
    return "\n\n".join(paragraphs) + "\n"


def synthetic_project(root: Path, target: Path, cases: int, seed: int = 2019) -> None:
    """The real project's code, pages and taxonomy, with ``cases`` synthetic cases over cases/20 cities."""
    rng = random.Random(seed)
    for part in [*CONFIG_FILES, "hooks", "overrides", "content", "indicators", "data"]:
        source = root / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    taxonomy = yaml.safe_load((root / "data/taxonomy.yaml").read_text(encoding="utf-8"))
    areas = [area["id"] for axis in taxonomy["axes"] for area in axis["areas"]]
    sdgs = yaml.safe_load((root / "data/sdgs.yaml").read_text(encoding="utf-8"))
    targets = {goal["number"]: [target["id"] for target in goal["targets"]] for goal in sdgs["goals"]}
    city_count = max(24, cases // 20)
    cities = []
    for i in range(city_count):
        name = f"{rng.choice(NAME_PARTS)} {rng.choice(NAME_PARTS)} {i}"
        cities.append({"id": slugify(name), "name": name, "other_names": [], "country": "ES",
                       "country_name": "España", "region": REGIONS[i % len(REGIONS)],
                       "coordinates": {"lat": round(rng.uniform(-50, 65), 4), "lon": round(rng.uniform(-120, 150), 4)},
                       "coordinates_source": "synthetic"})
    (target / "data/cities.yaml").write_text(yaml.safe_dump(cities, allow_unicode=True), encoding="utf-8")
    # The study's edition names its participants by id: here, the first 24 synthetic cities.
    editions = yaml.safe_load((root / "data/editions.yaml").read_text(encoding="utf-8"))
    editions[0]["participants"] = [city["id"] for city in cities[:24]]
    (target / "data/editions.yaml").write_text(yaml.safe_dump(editions, allow_unicode=True), encoding="utf-8")
    for names in (target / "data").glob("cities.*.yaml"):
        names.unlink()  # the real cities' names in other languages: the synthetic cities have none
    cases_dir = target / "cases"
    cases_dir.mkdir()
    for i in range(cases):
        city = rng.choice(cities)
        goals = sorted({16, rng.choice([11, 16]), *rng.sample(range(1, 18), rng.randint(0, 2))})
        meta = {"title": f"Iniciativa {i}: participación y datos en {city['name']}", "cities": [city["id"]],
                "edition": 2019, "areas": rng.sample(areas, rng.randint(1, 2)), "sdgs": goals,
                "sdg_targets": [{"target": rng.choice(targets[goal]),
                                 "reason": f"Initiative {i} serves it through gestão pública and participación."}
                                for goal in goals],
                "summary": f"{city['name']} runs initiative {i}, with gestão pública and open data for residents.",
                "source": {"study": "Smart Cities Study 2019", "section": "Open Government › Open data"},
                "links": []}
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body(rng, 300)
        (cases_dir / f"case-{i:05d}.md").write_text(text, encoding="utf-8")


def baseline_project(root: Path, target: Path, pages: int, seed: int = 2019) -> None:
    """Bare Material: the same number of plain pages, outside the nav, with Material's default search."""
    rng = random.Random(seed)
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for i in range(pages):
        (docs / "pages" / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n" + body(rng, 300), encoding="utf-8")
    config = {"site_name": "Baseline", "site_url": "https://example.org/", "theme": {"name": "material"},
              "nav": ["index.md"], "not_in_nav": "/pages/*.md"}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def build(project: Path) -> tuple[float, float, Path]:
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", MEASURE, str(site)], cwd=project, env=env, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH"))
    _, wall, peak_kb = line.split()
    return float(wall), float(peak_kb) / 1024, site


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def search_payload_kb(site: Path, ours: bool) -> float:
    """Bytes (gzip, as served) a reader downloads before the first search result."""
    if not ours:
        files = [site / "search/search_index.json",
                 *(site / "assets/javascripts/workers").glob("search.*.min.js"),
                 *(site / "assets/javascripts/lunr").glob("*.js")]
        return sum(gz_size(f) for f in files if f.is_file()) / 1024
    return browser_search_payload(site) / 1024


def browser_search_payload(site: Path) -> int:
    """Open the search page in Chromium, search, wait for the first result, and add up what was transferred."""
    from playwright.sync_api import sync_playwright

    from .statichost import published_path, serve_site

    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
    with serve_site(site, published_path(site.parent / "mkdocs.yml")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_page()
        transferred: list[tuple[str, int]] = []

        def record(request) -> None:
            sizes = request.sizes()
            transferred.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

        page.on("requestfinished", record)
        page.goto(base + "/search/?q=participacion", wait_until="load")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
        page.wait_for_load_state("networkidle")
        browser.close()
    # The page itself and the site's own CSS and JS are not search payload: a reader has them already.
    return sum(size for url, size in transferred if "/pagefind/" in url)


def search_index_seconds(site: Path) -> float:
    """Pagefind's share of our build: the same indexing, run again alone over the finished site."""
    from govkb.search import build_index

    start = time.perf_counter()
    build_index(site)
    return time.perf_counter() - start


def measure(root: Path, kind: str, n: int, repeat: int) -> Result:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-{n}-") as tmp:
            project = Path(tmp)
            (synthetic_project if kind == "ours" else baseline_project)(root, project, n)
            build(project)  # warm-up: fills the chart cache and the OS file cache, as a maintainer's builds do
            wall, peak, site = build(project)
            pages = {p: p.stat().st_size for p in site.rglob("*.html")}
            largest = max(pages, key=pages.get)
            case_sizes = [size for p, size in pages.items() if "/cases/" in p.as_posix() or "/pages/" in p.as_posix()]
            runs.append(Result(wall, peak, sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20,
                               pages[largest] / 1024, largest.relative_to(site).as_posix(),
                               statistics.median(case_sizes) / 1024, search_payload_kb(site, kind == "ours"),
                               search_index_seconds(site) if kind == "ours" else 0.0))
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def warm_rebuild_seconds(root: Path) -> tuple[float, str]:
    """Edit one case of the real content under `mkdocs serve` and time the rebuild it triggers."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp)
        for part in [*CONFIG_FILES, "hooks", "overrides", "content", "indicators", "data", "cases", ".cache"]:
            source = root / part
            if source.exists():
                (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        log_path = project / "serve.log"
        with open(log_path, "w") as log:
            command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"]
            server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                wait_for(log_path, r"Serving on", 120)
                time.sleep(1.0)
                case = project / "cases/decidim-barcelona.md"
                start = time.perf_counter()
                case.write_text(case.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
                # Not a second "Documentation built in": MkDocs drops a log line identical to an earlier one, so
                # a rebuild as fast as the first build (to the hundredth of a second) would never be seen.
                wait_for(log_path, r"Reloading browsers", 60)
                elapsed = time.perf_counter() - start
            finally:
                server.terminate()
                server.wait(timeout=30)
        charts = re.findall(r"charts: .*", log_path.read_text())
        return elapsed, (charts[-1] if charts else "")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(path: Path, pattern: str, timeout: float, occurrence: int = 1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(re.findall(pattern, path.read_text(errors="replace"))) >= occurrence:
            return
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {pattern!r}:\n{path.read_text()[-2000:]}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 cases only")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the median is reported")
    parser.add_argument("--json", type=Path, help="also write the results here")


def run(args: argparse.Namespace) -> int:
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 5000])
    print(f"Benchmark on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; median of {args.repeat} run(s)")
    # "of which search" is Pagefind's indexing alone; the ratio beside it leaves that out, to show what the
    # rest of the generator costs.
    header = ("| N | build s | baseline s | ratio | of which search s | ratio without search | peak MB | site MB "
              "| largest page KB | median case KB | search KB | ms per case |")
    print(header)
    print("|" + " --: |" * (header.count("|") - 1))
    results = {}
    for n in sizes:
        ours, base = measure(args.root, "ours", n, args.repeat), measure(args.root, "baseline", n, args.repeat)
        results[n] = {"ours": ours.__dict__, "baseline": base.__dict__}
        print(f"| {n:,} | {ours.wall:.1f} | {base.wall:.1f} | {ours.wall / base.wall:.2f} | {ours.index_s:.1f} | "
              f"{(ours.wall - ours.index_s) / base.wall:.2f} | {ours.peak_mb:.0f} | "
              f"{ours.site_mb:.1f} | {ours.largest_kb:.0f} ({ours.largest_page}) | {ours.median_case_kb:.1f} | "
              f"{ours.search_kb:.0f} | {1000 * ours.wall / n:.1f} |", flush=True)
    rebuild, charts = warm_rebuild_seconds(args.root)
    print(f"\nWarm `mkdocs serve` rebuild after editing one case of the real content: {rebuild:.2f} s ({charts})")

    print("\nTargets:")
    checks = {"rebuild": rebuild < 2.0}
    big = max(sizes)
    if 1000 in results and big >= 5000:
        checks["linear"] = results[big]["ours"]["wall"] <= 6 * results[1000]["ours"]["wall"]
    checks["baseline"] = all(results[n]["ours"]["wall"] <= 1.5 * results[n]["baseline"]["wall"]
                             for n in sizes if n >= 1000)
    checks["largest"] = results[big]["ours"]["largest_kb"] <= 100
    checks["median"] = all(results[n]["ours"]["median_case_kb"] < 40 for n in sizes)
    checks["search"] = results[big]["ours"]["search_kb"] < 1024
    checks["memory"] = results[big]["ours"]["peak_mb"] < 1536
    for key, passed in checks.items():
        print(f"- {'PASS' if passed else 'FAIL'}: {TARGETS[key]}" + ("" if big >= 5000 or key not in
              ("linear", "largest", "search", "memory") else f" (measured at {big:,})"))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "rebuild_s": rebuild, "checks": checks}, indent=2))
    return 0
