"""``kb lighthouse``: a Lighthouse audit of the built site (a maintainers' check, not a CI gate).

`kb lighthouse` builds the site, serves it on 127.0.0.1, runs npm's Lighthouse (installed in
tools/lighthouse, pinned) with Debian's Chromium on one page of every kind, and prints the four category scores
(the median of ``--repeat`` runs: a loaded machine scores lower now and then). Targets: performance >= 95;
accessibility, best practices and SEO 100.
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this kind of page (repeatable)")


def run(args: argparse.Namespace) -> int:
    binary = lighthouse_binary(args.root)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site_dir
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=args.root,
                           check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        with serve_site(site, published_path(args.root / "mkdocs.yml")) as base:
            print(f"Lighthouse ({args.preset}) on {base}")
            print(f"| page | {' | '.join(CATEGORIES)} |")
            print("| --- |" + " --: |" * len(CATEGORIES))
            for name in args.page or PAGES:
                runs = [audit(binary, base + PAGES[name], args.preset) for _ in range(args.repeat)]
                scores = {c: round(statistics.median(run[c] for run in runs)) for c in CATEGORIES}
                print(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |", flush=True)
    return 0
