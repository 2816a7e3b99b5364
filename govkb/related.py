"""Which cases and cities are related, best matches first."""

from __future__ import annotations

import heapq

from .knowledge import Entry, KnowledgeBase
from .models import Case

# A shared area says more about a case than a shared SDG: most cases serve goals 11 and 16.
AREA_WEIGHT = 3
SDG_WEIGHT = 1


def related_cases(kb: KnowledgeBase, case: Entry[Case], limit: int = 5) -> list[Entry[Case]]:
    """Cases sharing an area or an SDG with ``case``, scored by what they share, ties broken by title."""
    ranking = _ranking(kb, frozenset(case.meta.areas), frozenset(case.meta.sdgs), limit + 1)
    return [other for other in ranking if other.slug != case.slug][:limit]


def _ranking(kb: KnowledgeBase, areas: frozenset[str], goals: frozenset[int], size: int) -> list[Entry[Case]]:
    """The best ``size`` matches for one combination of tags. Cases share combinations, so each is ranked
    once per build rather than once per case: this keeps related cases linear in the number of cases."""
    key = (areas, goals, size)
    if key not in kb.related_cache:
        candidates = {c.slug: c for a in areas for c in kb.cases_by_area.get(a, [])}
        candidates.update({c.slug: c for n in goals - {11, 16} for c in kb.cases_by_sdg.get(n, [])})

        def score(other: Entry[Case]) -> tuple[int, str]:
            shared = (AREA_WEIGHT * len(areas.intersection(other.meta.areas))
                      + SDG_WEIGHT * len(goals.intersection(other.meta.sdgs)))
            return -shared, other.meta.title.casefold()

        kb.related_cache[key] = heapq.nsmallest(size, candidates.values(), key=score)
    return kb.related_cache[key]


def related_cities(kb: KnowledgeBase, city_id: str, limit: int = 8) -> list[str]:
    """Other cities with cases in the same areas, most shared areas first."""
    mine = {a for c in kb.cases_by_city.get(city_id, []) for a in c.meta.areas}
    scores = {}
    for other, cases in kb.cases_by_city.items():
        if other != city_id:
            shared = len(mine.intersection(a for c in cases for a in c.meta.areas))
            if shared:
                scores[other] = shared
    return sorted(scores, key=lambda c: (-scores[c], kb.cities[c].name))[:limit]
