"""Related cases and cities: the ranking a reader sees under "Related cases" and on city profiles."""

from __future__ import annotations

import dataclasses
import random

from govkb.content.knowledge import Entry, KnowledgeBase
from govkb.content.models import Case, TargetReason
from govkb.pages.related import related_cases, related_cities


def with_cases(kb: KnowledgeBase, tags: dict[str, tuple[list[str], list[str], str]]) -> KnowledgeBase:
    """The real taxonomy and cities with synthetic cases: slug -> (areas, SDG targets, city)."""
    cases = {}
    for slug, (areas, targets, city) in tags.items():
        meta = Case.model_construct(title=f"Case {slug}", cities=[city], areas=areas,
                                    sdg_targets=[TargetReason.model_construct(target=t, reason="") for t in targets])
        cases[slug] = Entry(slug, f"cases/{slug}.md", meta, "")
    return dataclasses.replace(kb, cases=cases, related_cache={})


def slugs(entries) -> list[str]:
    return [e.slug for e in entries]


def test_shared_areas_count_more_than_shared_targets_and_ties_go_by_title(kb):
    a, b, c = list(kb.areas)[:3]
    small = with_cases(kb, {
        "me": ([a, b], ["3.1", "11.3", "16.7"], "bilbao"),
        "d-one-area": ([a], ["4.1"], "bilbao"),
        "c-two-areas": ([a, b], ["4.1"], "bilbao"),
        "b-one-area": ([b], ["5.5"], "bilbao"),
        "a-target-only": ([c], ["3.1"], "bilbao"),
        "z-same-goal-other-target": ([c], ["16.10", "11.a"], "bilbao"),
    })
    ranked = slugs(related_cases(small, small.cases["me"]))
    assert ranked == ["c-two-areas", "b-one-area", "d-one-area", "a-target-only"]
    # A goal in common is not enough: the targets must be the same.
    assert "z-same-goal-other-target" not in ranked
    assert "me" not in ranked


def test_ranking_matches_its_definition_on_many_cases(kb):
    """The vectorised ranking against the plain definition: score by shared tags, then title, top five."""
    rng = random.Random(7)
    areas = list(kb.areas)
    targets = list(kb.targets)
    tags = {f"c{i:03d}": (rng.sample(areas, rng.randint(1, 2)), rng.sample(targets[:90], rng.randint(1, 3)),
                          "bilbao") for i in range(300)}
    big = with_cases(kb, tags)

    def expected(case: Entry[Case]) -> list[str]:
        def targets(entry: Entry[Case]) -> set[str]:
            return {t.target for t in entry.meta.sdg_targets}

        def shared(other: Entry[Case]) -> int:
            return 3 * len(set(case.meta.areas) & set(other.meta.areas)) + len(targets(case) & targets(other))

        candidates = [o for o in big.cases.values() if o.slug != case.slug and shared(o)]
        return slugs(sorted(candidates, key=lambda o: (-shared(o), o.meta.title.casefold()))[:5])

    for case in big.cases.values():
        assert slugs(related_cases(big, case)) == expected(case), case.slug


def test_related_cities_share_areas_most_first(kb):
    a, b, c = list(kb.areas)[:3]
    small = with_cases(kb, {
        "x1": ([a, b], ["11.3"], "bilbao"),
        "x2": ([a, b], ["11.3"], "malmo"),
        "x3": ([a], ["11.3"], "talca"),
        "x4": ([c], ["11.3"], "cartago"),
    })
    assert related_cities(small, "bilbao") == ["malmo", "talca"]
