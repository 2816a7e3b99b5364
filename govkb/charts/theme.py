"""The one chart theme, in a light and a dark variant that follow the site's palette switch."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each chart is drawn in two layouts (see spec), named by these prefixes: '-light.svg', '-narrow-light.svg'.
LAYOUTS = ("", "narrow-")

FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"  # metric twins: labels measured at build fit in the browser


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    mark: str
    track: str
    # Ordinal categories, each at least 3:1 against the background, with text colour for labels inside.
    categories: tuple[str, ...]
    inside_text: str


# Colours from the site's stylesheet (overrides/assets/stylesheets/kb.css): indigo on white, light indigo on slate.
THEMES = {
    # Text on the segments is #fefefe, not #ffffff like the background: every colour of a palette is distinct, so
    # that a light drawing can be recoloured into a dark one colour by colour.
    "light": Theme("light", "#ffffff", "#1f2329", "#4a5160", "#d9dce3", "#303f9f", "#e3e6f3",
                   ("#8c2d04", "#b84a00", "#5e4b9c", "#1f5fa8", "#0b3d73"), "#fefefe"),
    "dark": Theme("dark", "#1e2129", "#e6e8ee", "#b7bcc8", "#3a3f4b", "#9fa8ff", "#2f3442",
                  ("#fdae6b", "#f7c59f", "#c6c1ee", "#9ecae1", "#7fb8ff"), "#111111"),
}


def _colours(theme: Theme) -> list[str]:
    return [theme.background, theme.text, theme.muted, theme.grid, theme.mark, theme.track, *theme.categories,
            theme.inside_text]


def recoloured(svg: str, source: Theme, target: Theme) -> str:
    """An SVG drawn in ``source``'s colours, in ``target``'s: each colour swapped for the one in the same role."""
    swaps = dict(zip((c.lower() for c in _colours(source)), _colours(target), strict=True))
    pattern = re.compile("|".join(re.escape(colour) for colour in swaps), re.IGNORECASE)
    return pattern.sub(lambda match: swaps[match.group(0).lower()], svg)
