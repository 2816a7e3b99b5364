"""Styles derived from the data: each SDG badge's accent is its official colour."""

from __future__ import annotations

from ..content.models import Sdg


def sdg_stylesheet(sdgs: list[Sdg]) -> str:
    # The colour is an accent bar only: the badge text stays in the theme's text colour, so contrast
    # holds in both palettes and the number and name carry the meaning.
    rules = [f".kb-sdg-{sdg.number} {{ --kb-sdg-colour: {sdg.colour}; }}" for sdg in sdgs]
    return "\n".join(rules) + "\n"
