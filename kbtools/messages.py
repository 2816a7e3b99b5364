"""``kb messages``: gather the interface's words from the code and templates into govkb/locales/messages.pot,
and bring each language's catalogue (govkb/locales/<lang>.po) up to date with it, for translators."""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from govkb.languages import DEFAULT, LANGUAGES

# The functions that mark words for translation: Edition.t and .n in the code, kb_t in the templates.
KEYWORDS = ["-k", "t", "-k", "n:1,2", "-k", "kb_t"]


def template_path(root: Path) -> Path:
    return root / "govkb/locales/messages.pot"


def extract(root: Path, output: Path) -> None:
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), *KEYWORDS, "--no-location",
                                "--omit-header", "--sort-output", "--no-wrap", "-o", str(output), str(root)])


def run(args: argparse.Namespace) -> int:
    pot = template_path(args.root)
    extract(args.root, pot)
    for language in LANGUAGES:
        if language != DEFAULT:
            catalogue = args.root / f"govkb/locales/{language}.po"
            CommandLineInterface().run(["pybabel", "-q", "update", "-i", str(pot), "-o", str(catalogue), "-l",
                                        language, "--no-wrap", "--ignore-obsolete"])
            print(f"updated {catalogue.relative_to(args.root)}")
    return 0
