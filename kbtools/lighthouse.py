"""``kb lighthouse``: a Lighthouse audit of the built site (a maintainers' check, not a CI gate).

`kb lighthouse` serves a folder on 127.0.0.1, builds the site into it for that address, runs npm's Lighthouse
(installed in tools/lighthouse, pinned) with Debian's Chromium on one page of every kind, and prints the four
category scores (the median of ``--repeat`` runs: a loaded machine scores lower now and then). Targets:
performance >= 95; accessibility, best practices and SEO 100.

The site is built for the address it is served at because its pages name their full address (canonical and
hreflang links) and Material's script asks those addresses for sitemaps: on the published site they are its
own origin, and so they must be here, or every page would be charged for requests to a host it cannot reach.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .statichost import published_path, serve_site

# One page of every kind the site has.
PAGES = {
    "home": "/",
    "chapter": "/open-government/",
    "cases index": "/cases/",
    "case": "/cases/decidim-barcelona/",
    "cities index": "/cities/",
    "city": "/cities/bilbao/",
    "region": "/cities/regions/europe/",
    "areas index": "/areas/",
    "area": "/areas/citizen-participation/",
    "SDG index": "/sdgs/",
    "SDG": "/sdgs/16/",
    "indicator index": "/indicators/",
    "indicator": "/indicators/assessment-timing/",
    "indicator without figures": "/indicators/open-government-key-tools/",
    "explorer": "/explore/",
    "search": "/search/?q=Medellin",
    "open data": "/data/",
    "method": "/sdg-method/",
    "accessibility": "/accessibility/",
    "404": "/404.html",  # as served for a missing page (Lighthouse stops at a 404 status)
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")


def lighthouse_binary(root: Path) -> Path:
    tools = root / "tools/lighthouse"
    binary = tools / "node_modules/.bin/lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=tools, check=True)
    return binary


def audit(binary: Path, url: str, preset: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, capture_output=True)
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def build_for(root: Path, site: Path, site_url: str) -> None:
    """Build the site into ``site`` as it would be published at ``site_url``."""
    code = ("import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build; "
            "build(load_config(config_file='mkdocs.yml', site_dir=sys.argv[1], site_url=sys.argv[2], strict=True))")
    subprocess.run([sys.executable, "-c", code, str(site), site_url], cwd=root, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this kind of page (repeatable)")


def run(args: argparse.Namespace) -> int:
    binary = lighthouse_binary(args.root)
    with tempfile.TemporaryDirectory() as folder, serve_site(site := Path(folder),
                                                              published_path(args.root / "mkdocs.yml")) as base:
        build_for(args.root, site, base + "/")
        print(f"Lighthouse ({args.preset}) on {base}")
        print(f"| page | {' | '.join(CATEGORIES)} |")
        print("| --- |" + " --: |" * len(CATEGORIES))
        for name in args.page or PAGES:
            runs = [audit(binary, base + PAGES[name], args.preset) for _ in range(args.repeat)]
            scores = {c: round(statistics.median(run[c] for run in runs)) for c in CATEGORIES}
            print(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |", flush=True)
    return 0
