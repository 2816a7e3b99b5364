"""``kb bench`` (also ``scripts/bench.py``): the build at scale against what a team would otherwise ship, the real
content cold and warm, and the preview under ``mkdocs serve``, in one report with the targets of issue 18.

- **Scale.** The real cases (with their translations), then clones of them in turn up to N cases (new slugs and
  titles; the same cities, areas, SDG targets and bodies). Sizes 1,000 and 5,000 (``--quick``: 100 and 1,000;
  ``--sizes``). Each size is built cold (no cache, as CI builds), then warm (the same cache, as a maintainer's
  next build), for one language and for all three.
- **Baseline**, built in the same run: bare Material with one plain page per case (its title and body) outside
  the navigation, no search plugin, then Pagefind (the project's own, with its options) over the finished site.
  For three languages: three bare builds (``/``, ``/es/``, ``/fr/``) in one process, then Pagefind once over the
  whole site, as our build does it and as a team with three Material sites would. Bare Material keeps no cache,
  so its one build is compared with both our cold and our warm build.
- **One language**: ``KB_LANGUAGES=en``, the English edition alone (with its search index), against an English
  baseline. Three languages: all editions, as CI builds them (the other two forked beside the English one).
- **Memory**: the peak of the proportional set size (shared pages split between the processes sharing them)
  summed over the build's processes, sampled four times a second: the forked editions and Pagefind included,
  which Linux's ``ru_maxrss`` of children overcounts (a fork) or leaves apart (the build waiting for Pagefind).
- **Preview**: ``mkdocs serve`` on the real content, three languages (``./scripts/serve``) and English alone; after
  saving a case (then a city's name), the time until the page served over HTTP shows the edit, and whether search
  finds the edited word.

Figures are medians of ``--repeat`` runs; ratios are taken within each run, then their median. These machines
are shared and noisy: compare ratios, not seconds across runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Literal

import yaml

from govkb import urls
from govkb.content.frontmatter import split_front_matter
from govkb.languages import DEFAULT, LANGUAGES, Language, config_file

SCOPES: dict[str, tuple[Language, ...]] = {"one language": (DEFAULT,), "three languages": LANGUAGES}
PROJECT_PARTS = [*(config_file(language) for language in LANGUAGES), "hooks", "overrides", "content", "indicators",
                 "data", "cases"]
# A word of each language that many cases and pages hold, typed without accents as readers do.
QUERIES: dict[str, str] = {"en": "participation", "es": "participacion", "fr": "participation"}
# The targets of issue 18. Linear: the time at the largest size at most 1.1 times what proportion gives (5.5 times
# the time at 1,000 for 5,000), on warm builds, whose fixed costs are smallest.
BASELINE_RATIO, LINEAR_SLACK, MEMORY_MB, PAGE_KB, SEARCH_KB = 1.3, 1.1, 1536, 100, 1024
REAL_COLD_S, REAL_WARM_S, PREVIEW_CASE_S, PREVIEW_DATA_S = 5.0, 2.0, 1.0, 2.0
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# One measured build, in a fresh interpreter: MkDocs builds of each (config, site folder), then Pagefind over the
# site when the build does not index it itself: ours (govkb.search), or the bare CLI, one run over the whole site, as
# a team would run it after bare Material. CPU time includes children (the other editions, Pagefind).
MEASURE = """
import json, logging, resource, sys, time
start = time.perf_counter()
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
builds, index_site, bare = json.loads(sys.argv[1])
for config, site in builds:
    build(load_config(config_file=config, site_dir=site))
built = time.perf_counter()
if index_site and bare:
    import subprocess
    subprocess.run([sys.executable, "-m", "pagefind", "--site", index_site, "--silent"], check=True)
elif index_site:
    from govkb.search import build_index
    build_index(Path(index_site))
end = time.perf_counter()
own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print("BENCH " + json.dumps({"wall": end - start, "index_s": end - built,
      "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, "build_mb": own.ru_maxrss / 1024}))
"""


@dataclass
class Timing:
    wall: float
    cpu: float  # user + system, with children
    build_mb: float  # peak resident memory of the first process (MkDocs), alone
    index_s: float  # Pagefind's share of ``wall`` when the benchmark runs it after the build
    peak_mb: float = 0.0  # peak memory of all its processes together (see the module's docstring)


@dataclass
class ScaleRun:
    cold: Timing
    warm: Timing
    baseline: Timing
    pagefind: Timing  # Pagefind alone over our warm site, as our build runs it
    pages: int
    baseline_pages: int

    def ratio(self, build: str, measure: str = "wall") -> float:
        return getattr(getattr(self, build), measure) / getattr(self.baseline, measure)


@dataclass
class SiteFacts:
    """The largest site: its heaviest pages and each language's search payload."""
    cases: int
    scope: str
    largest_pages: list[tuple[str, float]]  # (path, KB)
    search_kb: dict[str, float | None]  # None: the search found nothing


@dataclass
class Preview:
    case_s: list[float]
    data_s: list[float]
    search_found: bool


@dataclass
class Report:
    real_cases: int
    scopes: dict[str, tuple[Language, ...]]  # those measured, the widest last
    scale: dict[int, dict[str, list[ScaleRun]]] = field(default_factory=dict)  # cases -> scope -> runs
    facts: SiteFacts | None = None
    previews: dict[str, Preview] = field(default_factory=dict)  # by scope

    @property
    def widest(self) -> str:
        return list(self.scopes)[-1]

    def real(self, build: str) -> float:
        """The real content's median build time, widest scope (``build``: 'cold' or 'warm')."""
        return median([getattr(run, build).wall for run in self.scale[self.real_cases][self.widest]])


# --- The projects ---------------------------------------------------------------------------------------------

def case_file(slug: str, language: Language) -> str:
    return f"cases/{slug}.md" if language == DEFAULT else f"cases/{slug}.{language}.md"


def case_texts(root: Path, n: int) -> Iterator[tuple[str, dict[Language, str]]]:
    """``n`` cases, at least the real ones (hand-written pages link to them): the real cases, then clones of them in
    turn, each with a slug and a title of its own in every language. Yields (slug, file text by language)."""
    real = [(path.stem, {language: (root / case_file(path.stem, language)).read_text(encoding="utf-8")
                         for language in LANGUAGES if (root / case_file(path.stem, language)).is_file()})
            for path in sorted(root.glob("cases/*.md")) if "." not in path.stem]
    for i in range(max(n, len(real))):
        slug, texts = real[i % len(real)]
        copy = i // len(real)
        if copy:
            slug, texts = f"{slug}-{copy + 1}", {language: cloned(text, copy + 1) for language, text in texts.items()}
        yield slug, texts


def cloned(text: str, number: int) -> str:
    """A case file's text for its ``number``th clone: its title numbered, and its links, since two cases may not
    link to one initiative."""
    def title(match: re.Match[str]) -> str:
        return "title: " + json.dumps(f"{yaml.safe_load(match.group(1))} ({number})", ensure_ascii=False)

    def link(match: re.Match[str]) -> str:
        return f"{match.group(1)}{'&' if '?' in match.group(1) else '?'}copy={number}"

    front, body = split_front_matter(text)
    front = re.sub(r"^title: (.*)$", title, front, count=1, flags=re.MULTILINE)
    return re.sub(r'(\burl: "?[^"\s,}]+)', link, front) + body


def front_matter(text: str) -> dict:
    return yaml.safe_load(split_front_matter(text)[0].strip().strip("-"))


def write_project(root: Path, target: Path, n: int) -> None:
    """The project's code, pages, indicators and data, with ``n`` cases (0: the real content only)."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = root / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    for slug, texts in case_texts(root, n):
        for language, text in texts.items():
            (target / case_file(slug, language)).write_text(text, encoding="utf-8")


def write_baseline(root: Path, target: Path, n: int) -> None:
    """Bare Material in each language: one plain page per case, outside the nav, no search plugin."""
    for language in LANGUAGES:
        docs = target / "docs" / language
        (docs / "pages").mkdir(parents=True)
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        for slug, texts in case_texts(root, n):
            text = texts.get(language, texts[DEFAULT])
            page = f"# {front_matter(text)['title']}\n\n{split_front_matter(text)[1]}"
            (docs / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")
        config = {"site_name": "Baseline", "site_url": "https://example.org/" + urls.edition_root(language),
                  "docs_dir": f"docs/{language}", "theme": {"name": "material", "language": language},
                  "plugins": [], "nav": ["index.md"], "not_in_nav": "/pages/"}
        (target / f"mkdocs.{language}.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


# --- Builds at scale ------------------------------------------------------------------------------------------

def baseline_configs(scope: tuple[Language, ...]) -> list[tuple[str, str]]:
    """The bare Material builds of a scope: (config file, site subfolder), the first at the site's root."""
    return [(f"mkdocs.{language}.yml", "" if language == scope[0] else language) for language in scope]


def build(root: Path, project: Path, cache: Path, configs: list[tuple[str, str]], index: Literal["ours", "bare"] | None,
          languages: tuple[Language, ...] = LANGUAGES) -> Timing:
    """Build ``project`` into its site/ in a fresh interpreter, with the code of ``root``, its cache in ``cache`` and
    our editions of ``languages``; ``index``: run Pagefind over the site afterwards, our way or the bare CLI's (no
    ``configs``: Pagefind alone)."""
    site = project / "site"
    argument = [[[str(project / config), str(site / folder)] for config, folder in configs],
                str(site) if index else None, index == "bare"]
    process = subprocess.Popen([sys.executable, "-c", MEASURE, json.dumps(argument)], cwd=project,
                               env=environment(root, cache, languages), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    peak_mb = 0.0
    while True:
        try:
            output, errors = process.communicate(timeout=0.25)
            break
        except subprocess.TimeoutExpired:
            peak_mb = max(peak_mb, group_memory_mb(process.pid))
    if process.returncode != 0:
        raise SystemExit(f"build failed in {project} (exit code {process.returncode}):\n{errors[-3000:]}")
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return Timing(**json.loads(line.removeprefix("BENCH ")), peak_mb=peak_mb)


def group_memory_mb(group: int) -> float:
    """The proportional set size of a process group's processes, together (Linux)."""
    total_kb = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == group:  # after the name: state, parent, group
                rollup = (stat.parent / "smaps_rollup").read_text()
                total_kb += int(re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE).group(1))  # type: ignore[union-attr]
        except (OSError, IndexError, ValueError, AttributeError):
            continue  # a process that ended meanwhile
    return total_kb / 1024


def environment(root: Path, cache: Path, languages: tuple[Language, ...] = LANGUAGES) -> dict[str, str]:
    # PYTHONPATH: the hooks of the copied project import govkb from the project measured, not an installed copy.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_CACHE_DIR": str(cache), "PYTHONPATH": str(root),
            "KB_LANGUAGES": ",".join(languages)}


def measure_size(root: Path, n: int, scopes: dict[str, tuple[Language, ...]], inspect: bool,
                 edits: int) -> tuple[dict[str, ScaleRun], SiteFacts | None, dict[str, Preview]]:
    """One run at ``n`` cases: for each scope, our build cold, the baseline, our build warm, then Pagefind alone over
    our site. ``inspect``: weigh the pages and search of the widest scope's site; ``edits``: then, for each scope,
    time previews of that many saves, on the scope's warm cache."""
    runs, facts = {}, None
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        project, bare = Path(tmp) / "ours", Path(tmp) / "baseline"
        write_project(root, project, n)
        write_baseline(root, bare, n)
        for name, scope in scopes.items():
            cache = Path(tmp) / f"cache-{len(scope)}"  # empty: the first build is cold
            # The baseline between our cold and warm builds: the three as close in time as they can be.
            ours = [(config_file(DEFAULT), "")]
            cold = build(root, project, cache, ours, index=None, languages=scope)
            base = build(root, bare, cache, baseline_configs(scope), index="bare")
            warm = build(root, project, cache, ours, index=None, languages=scope)
            pagefind = build(root, project, cache, [], index="ours")
            if inspect and name == list(scopes)[-1]:
                facts = site_facts(project / "site", n, name, scope)
            runs[name] = ScaleRun(cold, warm, base, pagefind, count_pages(project / "site"), count_pages(bare / "site"))
        previews = {name: measure_preview(root, project, Path(tmp) / f"cache-{len(scope)}", edits, scope)
                    for name, scope in scopes.items() if edits}
    return runs, facts, previews


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def site_facts(site: Path, cases: int, name: str, languages: tuple[Language, ...]) -> SiteFacts:
    from .statichost import published_path, serve_site

    sizes = sorted(((page.relative_to(site).as_posix(), page.stat().st_size / 1024) for page in site.rglob("*.html")),
                   key=lambda item: -item[1])
    with serve_site(site, published_path(site.parent / "mkdocs.yml")) as base:
        payloads = browser_searches([f"{base}/{urls.edition_root(language)}{urls.served_path(urls.SEARCH)}"
                                     f"?q={QUERIES[language]}" for language in languages], settle=True)
    return SiteFacts(cases, name, sizes[:5], {language: None if size is None else size / 1024
                                              for language, size in zip(languages, payloads, strict=True)})


def browser_searches(addresses: list[str], settle: bool, timeout_s: float = 60) -> list[int | None]:
    """Open each search address in Chromium and wait for the first result. For each, the bytes (as transferred,
    gzip) fetched from /pagefind/ until the first result shows, or until the page settles (``settle``: the rest
    of the first results), or None when no result came. Pages of `mkdocs serve` never settle: their live-reload
    request stays open."""
    from playwright.sync_api import Request, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    found: list[int | None] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for address in addresses:
            page = browser.new_page()
            transferred: list[int] = []

            def record(request: Request, transferred: list[int] = transferred) -> None:
                if "/pagefind/" in request.url:
                    sizes = request.sizes()
                    transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

            page.on("requestfinished", record)
            page.goto(address, wait_until="load")
            try:
                page.locator(".pagefind-ui__result-link").first.wait_for(timeout=timeout_s * 1000)
                if settle:
                    page.wait_for_load_state("networkidle")
                found.append(sum(transferred))
            except PlaywrightTimeout:
                found.append(None)
            page.close()
        browser.close()
    return found


# --- The preview ----------------------------------------------------------------------------------------------

def measure_preview(root: Path, project: Path, cache: Path, edits: int, languages: tuple[Language, ...]) -> Preview:
    """Under `mkdocs serve` of ``languages``, save a case (a new word at the end of its body), then a city (a new
    word in its name), and time each save until the English page served over HTTP shows it; then search for the
    case's last word. The two files are put back afterwards."""
    case = project / case_file(next(case_texts(project, 0))[0], DEFAULT)
    cities_file = project / "data/cities.yaml"
    originals = {path: path.read_text(encoding="utf-8") for path in (case, cities_file)}
    city_id = front_matter(originals[case])["cities"][0]
    cities = yaml.safe_load(originals[cities_file])
    city = next(entry for entry in cities if entry["id"] == city_id)
    name = city["name"]
    case_s, data_s, word = [], [], ""
    try:
        with mkdocs_serve(root, project, cache, languages) as base:
            for _ in range(edits):
                word = unique_word()
                case_s.append(time_until_served(case, case.read_text(encoding="utf-8") + f"\n{word}\n",
                                                base + urls.served_path(urls.case(case.stem)), word))
            for _ in range(edits):
                city["name"] = f"{name} {unique_word().capitalize()}"
                data_s.append(time_until_served(cities_file, yaml.safe_dump(cities, allow_unicode=True,
                                                                            sort_keys=False),
                                                base + urls.served_path(urls.city(city_id)), city["name"]))
            search = f"{base}{urls.served_path(urls.SEARCH)}?q={word}"
            search_found = browser_searches([search], settle=False, timeout_s=30)[0] is not None
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    return Preview(case_s, data_s, search_found)


def unique_word() -> str:
    """A made-up word that no page holds and that Pagefind's stemmers keep whole (after 'kbbench', no vowel and no
    's', 'l' or 'y' to strip)."""
    return "kbbench" + "".join(random.choice("bcdfghjkmnpqrtvwxz") for _ in range(8))


@contextlib.contextmanager
def mkdocs_serve(root: Path, project: Path, cache: Path, languages: tuple[Language, ...]) -> Iterator[str]:
    """`mkdocs serve` on ``project``; yields the served site's address (ending in '/') once it is up."""
    log = project / "serve.log"
    with socket.socket() as probe:  # MkDocs does not report the port it was given with port 0: find a free one
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    with open(log, "w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
                                  cwd=project, env=environment(root, cache, languages), stdout=output,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        while not (served := re.search(r"Serving on (\S+)", log.read_text(errors="replace"))):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        time.sleep(1)  # let the watcher settle after the first build
        yield served.group(1)
    finally:
        # SIGTERM, which the hooks take as Ctrl-C: MkDocs and the hooks then remove their folders from /tmp. Not
        # SIGINT: a process started in the background by a shell (CI's, often) ignores it, and so do its children.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def time_until_served(path: Path, content: str, address: str, text: str, timeout_s: float = 120) -> float:
    """Seconds from saving ``content`` into ``path`` until the page at ``address`` holds ``text``, asked for every
    20 ms (`mkdocs serve` answers only when its rebuild is complete)."""
    start = time.perf_counter()
    path.write_text(content, encoding="utf-8")
    while time.perf_counter() - start < timeout_s:
        with urllib.request.urlopen(address, timeout=timeout_s) as response:
            if text in response.read().decode("utf-8"):
                elapsed = time.perf_counter() - start
                time.sleep(1)  # so that the watcher takes the next save as a change of its own
                return elapsed
        time.sleep(0.02)
    raise SystemExit(f"{address} did not show {text!r} within {timeout_s:.0f} s of the save")


# --- The report -----------------------------------------------------------------------------------------------

def header(root: Path, repeat: int, started: float, load_at_start: tuple[float, ...]) -> list[str]:
    def output(*command: str) -> str:
        return subprocess.run(command, cwd=root, capture_output=True, text=True).stdout.strip()

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    versions = ", ".join(f"{package} {importlib.metadata.version(package)}"
                         for package in ("mkdocs", "mkdocs-material", "pagefind"))
    changes = " with uncommitted changes" if output("git", "status", "--porcelain") else ""
    def loads(averages: tuple[float, ...]) -> str:
        return ", ".join(f"{load:.1f}" for load in averages)

    return [f"# `kb bench`, {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}", "",
            f"- Machine: {platform.node()}, {cpu.group(1) if cpu else platform.machine()}, {os.cpu_count()} cores, "
            f"{int(memory.group(1)) / 2**20 if memory else 0:.0f} GiB; load average {loads(load_at_start)} at the "
            f"start, {loads(os.getloadavg())} at the end, {(time.time() - started) / 60:.0f} minutes later",
            f"- Code: commit {output('git', 'rev-parse', '--short', 'HEAD')}{changes}; Python "
            f"{platform.python_version()}, {versions}",
            f"- Median of {repeat} run(s). Seconds are wall-clock; a ratio is ours / baseline within a run (median "
            "over runs); CPU time is user + system, with the other editions' and Pagefind's.", ""]


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_mb(run: ScaleRun) -> float:
    return max(run.cold.peak_mb, run.warm.peak_mb)


def ratio(runs: list[ScaleRun], build: str, measure: str = "wall") -> float:
    """The median over runs of ours / baseline, ``build`` 'cold' or 'warm', in wall-clock or 'cpu' time."""
    return median([run.ratio(build, measure) for run in runs])


def scale_table(report: Report) -> list[str]:
    lines = ["## Scale: our build against bare Material + Pagefind", "",
             "Real: the shipped content; larger sizes add clones of its cases. One language: English. Cold: no cache, "
             "as CI builds. Warm: the next build, with the cache. Pagefind: its indexing alone (ours run again over "
             "our warm site). Peak MB: all the build's processes together.", "",
             "| cases | languages | pages ours / baseline | ours cold s | ours warm s | baseline s | ratio cold "
             "| ratio warm | CPU ratio cold / warm | Pagefind s ours / baseline | peak MB ours / baseline "
             "| Pagefind peak MB |",
             "| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |"]
    for n, scopes in report.scale.items():
        for name, runs in scopes.items():
            def of(value: Callable[[ScaleRun], float], runs: list[ScaleRun] = runs) -> float:
                return median([value(run) for run in runs])

            cells = [f"{n:,}" + " (real)" * (n == report.real_cases), name,
                     f"{runs[0].pages:,} / {runs[0].baseline_pages:,}",
                     *(f"{of(attrgetter(f'{build}.wall')):.1f}" for build in ("cold", "warm", "baseline")),
                     f"{ratio(runs, 'cold'):.2f}", f"{ratio(runs, 'warm'):.2f}",
                     f"{ratio(runs, 'cold', 'cpu'):.2f} / {ratio(runs, 'warm', 'cpu'):.2f}",
                     f"{of(lambda r: r.pagefind.wall):.1f} / {of(lambda r: r.baseline.index_s):.1f}",
                     f"{max(peak_mb(r) for r in runs):.0f} / {max(r.baseline.peak_mb for r in runs):.0f}",
                     f"{max(r.pagefind.peak_mb for r in runs):.0f}"]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def facts_lines(facts: SiteFacts) -> list[str]:
    return [f"## Pages and search at {facts.cases:,} cases, {facts.scope}", "",
            "Largest pages: " + ", ".join(f"{path} {size:.0f} KB" for path, size in facts.largest_pages) + ".", "",
            "Search payload (gzip, from /pagefind/, until the first results): " + ", ".join(
                f"{language} {'no result' if size is None else f'{size:.0f} KB'} ('{QUERIES[language]}')"
                for language, size in facts.search_kb.items()) + "."]


def preview_lines(previews: dict[str, Preview]) -> list[str]:
    def row(what: str, name: str, seconds: list[float], target: float) -> str:
        return (f"| {what} | {name} | {median(seconds):.2f} | {', '.join(f'{s:.2f}' for s in seconds)} "
                f"| under {target:.0f} s |")

    return ["## Preview: `mkdocs serve` on the real content, from the save to the page served over HTTP", "",
            "Three languages: `./scripts/serve`. One language: `KB_LANGUAGES=en mkdocs serve`. The preview "
            "notices a save within a twentieth of a second (it polls), then answers no request until its rebuild is "
            "done; an edition the save did not change keeps its folder, and one built again gets it back and writes "
            "over it; the search index is rebuilt after the page is served, and searched once the edits are timed.",
            "",
            "| edit | languages | s (median) | each edit | target |", "| --- | --- | --: | --- | --- |",
            *(row("a word added to a case's body", name, preview.case_s, PREVIEW_CASE_S)
              for name, preview in previews.items()),
            *(row("a word added to a city's name in data/cities.yaml", name, preview.data_s, PREVIEW_DATA_S)
              for name, preview in previews.items()), "",
            *(f"Search over the served /pagefind/ index ({name}) {'finds' if preview.search_found else 'does NOT find'}"
              " the case's new word." for name, preview in previews.items())]


def targets(report: Report) -> list[tuple[bool, str]]:
    """Each target of issue 18 that this run measured: (passed, what it is, with the figures)."""
    checks: list[tuple[bool, str]] = []
    sizes = list(report.scale)
    judged = [n for n in sizes if n >= 1000] or sizes[-1:]
    for name in report.scopes:
        ratios = {n: [ratio(report.scale[n][name], build, measure) for measure in ("wall", "cpu")
                      for build in ("cold", "warm")] for n in judged}
        checks.append((all(max(cold, warm) <= BASELINE_RATIO for cold, warm, *_ in ratios.values()),
                       f"ours at most {BASELINE_RATIO} × the baseline, {name}, cold and warm: " + "; ".join(
                           f"{n:,} cases {cold:.2f} and {warm:.2f} (CPU time {cold_cpu:.2f} and {warm_cpu:.2f})"
                           for n, (cold, warm, cold_cpu, warm_cpu) in ratios.items())))
    clone_sizes = [n for n in sizes if n > report.real_cases]
    if len(clone_sizes) > 1:
        small, big = min(clone_sizes), max(clone_sizes)
        bound = LINEAR_SLACK * big / small

        def growth(measure: str) -> float:
            big_time, small_time = (median([getattr(r.warm, measure) for r in report.scale[n][report.widest]])
                                    for n in (big, small))
            return big_time / small_time

        checks.append((growth("wall") <= bound, f"linear: {report.widest}, warm, {big:,} cases at most {bound:.1f} × "
                                                f"{small:,}: {growth('wall'):.2f} × (CPU time: {growth('cpu'):.2f} ×)"))
    if sizes:
        n, name, top = max(((n, name, r) for n, scopes in report.scale.items() for name, runs in scopes.items()
                            for r in runs), key=lambda found: peak_mb(found[2]))
        first_mb = max(top.cold.build_mb, top.warm.build_mb)
        checks.append((peak_mb(top) < MEMORY_MB,
                       f"peak memory under {MEMORY_MB} MB: {peak_mb(top):.0f} MB for all the processes of our build "
                       f"({name}, {n:,} cases); its first process alone reached {first_mb:.0f} MB, Pagefind alone "
                       f"{top.pagefind.peak_mb:.0f} MB"))
    if report.facts:
        path, size = report.facts.largest_pages[0]
        checks.append((size <= PAGE_KB, f"no page over {PAGE_KB} KB at {report.facts.cases:,} cases: the largest, "
                                        f"{path}, is {size:.0f} KB"))
        payloads = report.facts.search_kb
        checks.append((all(kb is not None and kb < SEARCH_KB for kb in payloads.values()),
                       f"search payload before the first result under {SEARCH_KB} KB in every language: " + ", ".join(
                           f"{language} {'no result' if kb is None else f'{kb:.0f} KB'}"
                           for language, kb in payloads.items())))
    if report.real_cases in report.scale:
        cold, warm = report.real("cold"), report.real("warm")
        scope = report.widest
        checks.append((cold < REAL_COLD_S, f"real content cold under {REAL_COLD_S:.0f} s ({scope}): {cold:.1f} s"))
        checks.append((warm < REAL_WARM_S, f"real content warm under {REAL_WARM_S:.0f} s ({scope}): {warm:.1f} s"))
    if preview := report.previews.get(report.widest):  # three languages, as ./scripts/serve; English alone beside
        alone = report.previews.get("one language") if report.widest != "one language" else None

        def seconds(edit: str) -> str:
            english = f" (English alone: {median(getattr(alone, edit)):.2f} s)" if alone else ""
            return f"{median(getattr(preview, edit)):.2f} s ({report.widest}){english}"

        checks.append((median(preview.case_s) < PREVIEW_CASE_S,
                       f"preview of a case edit under {PREVIEW_CASE_S:.0f} s: {seconds('case_s')}"))
        checks.append((preview.search_found, "search in the preview finds the edited text"))
        checks.append((median(preview.data_s) < PREVIEW_DATA_S,
                       f"preview of a city edit under {PREVIEW_DATA_S:.0f} s: {seconds('data_s')}"))
    return checks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 cases rather than 1,000 and 5,000")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of cases to build (at least the real ones)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; medians are reported")
    parser.add_argument("--edits", type=int, default=3, help="saves of a case and of a city timed under `mkdocs "
                                                             "serve` (0: no preview)")
    parser.add_argument("--english-only", action="store_true", help="one language only (English): quicker")
    parser.add_argument("--json", type=Path, help="also write the measurements here")


def run(args: argparse.Namespace) -> int:
    scopes = {name: SCOPES[name] for name in (["one language"] if args.english_only else SCOPES)}
    report = Report(len(list(case_texts(args.root, 0))), scopes)
    # The real content first (its preview too), then clones up to each size.
    requested = args.sizes or ([100, 1000] if args.quick else [1000, 5000])
    sizes = sorted({report.real_cases, *(max(n, report.real_cases) for n in requested)})
    started, load_at_start = time.time(), os.getloadavg()
    for n in sizes:
        report.scale[n] = {name: [] for name in scopes}
        for repeat in range(args.repeat):
            progress(f"{n:,} cases, run {repeat + 1} of {args.repeat}")
            first = repeat == 0
            runs, facts, previews = measure_size(args.root, n, scopes, inspect=first and n == sizes[-1],
                                                 edits=args.edits if first and n == report.real_cases else 0)
            report.facts, report.previews = facts or report.facts, previews or report.previews
            for name, scale_run in runs.items():
                report.scale[n][name].append(scale_run)
    lines = [*header(args.root, args.repeat, started, load_at_start), *scale_table(report), "",
             *(facts_lines(report.facts) if report.facts else []), ""]
    if report.previews:
        lines += [*preview_lines(report.previews), ""]
    lines += ["## Targets", "", *(f"- {'PASS' if passed else 'FAIL'}: {text}" for passed, text in targets(report))]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    return 0


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
