"""Styles derived from the data: each SDG badge's accent is its official colour."""

from __future__ import annotations

from ..content.models import Goal


def sdg_stylesheet(goals: list[Goal]) -> str:
    # The colour is an accent bar only: the badge text stays in the theme's text colour, so contrast
    # holds in both palettes and the number and name carry the meaning.
    rules = [f".kb-sdg-{goal.number} {{ --kb-sdg-colour: {goal.colour}; }}" for goal in goals]
    return "\n".join(rules) + "\n"
