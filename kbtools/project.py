"""Finding the project a command works on."""

from __future__ import annotations

from pathlib import Path

import yaml


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the working directory) that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit(f"no mkdocs.yml in {here} or above it: run kb inside the knowledge base's folder")


def published_addresses(root: Path) -> tuple[str, str]:
    """Where the site is published (site_url) and where the repository's files are read on the web (from
    edit_uri, '…/edit/main/' -> '…/blob/main/'), from mkdocs.yml."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"], config["edit_uri"].replace("/edit/", "/blob/", 1)
