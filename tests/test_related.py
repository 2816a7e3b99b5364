"""Related cases and cities: the ranking a reader sees under "Related cases" and on city profiles."""

from __future__ import annotations

import dataclasses
import random

from govkb.content.knowledge import Entry, KnowledgeBase
from govkb.content.models import Case
from govkb.pages.related import related_cases, related_cities


def with_cases(kb: KnowledgeBase, tags: dict[str, tuple[list[str], list[int], str]]) -> KnowledgeBase:
    """The real taxonomy and cities with synthetic cases: slug -> (areas, sdgs, city)."""
    cases = {}
    for slug, (areas, sdgs, city) in tags.items():
        meta = Case.model_construct(title=f"Case {slug}", cities=[city], areas=areas, sdgs=sdgs)
        cases[slug] = Entry(slug, f"cases/{slug}.md", meta, "")
    return dataclasses.replace(kb, cases=cases, related_cache={})


def slugs(entries) -> list[str]:
    return [e.slug for e in entries]


def test_shared_areas_count_more_than_shared_goals_and_ties_go_by_title(kb):
    a, b, c = list(kb.areas)[:3]
    small = with_cases(kb, {
        "me": ([a, b], [3, 11, 16], "bilbao"),
        "d-one-area": ([a], [4], "bilbao"),
        "c-two-areas": ([a, b], [4], "bilbao"),
        "b-one-area": ([b], [5], "bilbao"),
        "a-goal-only": ([c], [3], "bilbao"),
        "z-common-goals-only": ([c], [11, 16], "bilbao"),
    })
    ranked = slugs(related_cases(small, small.cases["me"]))
    assert ranked == ["c-two-areas", "b-one-area", "d-one-area", "a-goal-only"]
    # Sharing only the goals nearly every case serves does not make a case related.
    assert "z-common-goals-only" not in ranked
    assert "me" not in ranked


def test_ranking_matches_its_definition_on_many_cases(kb):
    """The vectorised ranking against the plain definition: score by shared tags, then title, top five."""
    rng = random.Random(7)
    areas = list(kb.areas)
    tags = {f"c{i:03d}": (rng.sample(areas, rng.randint(1, 2)), sorted({16, *rng.sample(range(1, 18), 2)}),
                          "bilbao") for i in range(300)}
    big = with_cases(kb, tags)

    def expected(case: Entry[Case]) -> list[str]:
        def shared(other: Entry[Case]) -> int:
            return (3 * len(set(case.meta.areas) & set(other.meta.areas))
                    + len(set(case.meta.sdgs) & set(other.meta.sdgs)))

        candidates = [o for o in big.cases.values() if o.slug != case.slug
                      and (set(case.meta.areas) & set(o.meta.areas)
                           or (set(case.meta.sdgs) - {11, 16}) & set(o.meta.sdgs))]
        return slugs(sorted(candidates, key=lambda o: (-shared(o), o.meta.title.casefold()))[:5])

    for case in big.cases.values():
        assert slugs(related_cases(big, case)) == expected(case), case.slug


def test_related_cities_share_areas_most_first(kb):
    a, b, c = list(kb.areas)[:3]
    small = with_cases(kb, {
        "x1": ([a, b], [11], "bilbao"),
        "x2": ([a, b], [11], "malmo"),
        "x3": ([a], [11], "talca"),
        "x4": ([c], [11], "cartago"),
    })
    assert related_cities(small, "bilbao") == ["malmo", "talca"]
