"""``kb messages``: gather the interface's words from the code and templates into govkb/locales/messages.pot,
and bring each language's catalogue (govkb/locales/<lang>.po) up to date with it, for translators."""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from govkb.languages import DEFAULT, LANGUAGES

# The functions that mark words for translation: Edition.t and .n in the code, kb_t in the templates.
KEYWORDS = ["-k", "t", "-k", "n:1,2", "-k", "kb_t"]


def extract(root: Path, output: Path) -> None:
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), *KEYWORDS, "--no-location",
                                "--omit-header", "--sort-output", "--no-wrap", "-o", str(output), str(root)])


def update(catalogue_path: Path, template_path: Path, language: str) -> None:
    """New words added (untranslated), words no longer used removed, translations kept."""
    with template_path.open("rb") as file:
        template = read_po(file)
    with catalogue_path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    catalogue.update(template, no_fuzzy_matching=True)
    for message in catalogue:
        # Babel flags any message with a "%" as printf-style; ours are str.format, and the flag misleads checkers.
        message.flags.discard("python-format")
    with catalogue_path.open("wb") as file:
        write_po(file, catalogue, width=0, no_location=True, ignore_obsolete=True, sort_output=True)


def run(args: argparse.Namespace) -> int:
    template = args.root / "govkb/locales/messages.pot"
    extract(args.root, template)
    for language in LANGUAGES:
        if language != DEFAULT:
            catalogue = args.root / f"govkb/locales/{language}.po"
            update(catalogue, template, language)
            print(f"updated {catalogue.relative_to(args.root)}")
    return 0
