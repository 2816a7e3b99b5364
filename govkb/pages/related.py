"""Which cases and cities are related, best matches first."""

from __future__ import annotations

import numpy as np

from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case

# A shared area says more about a case than a shared SDG: most cases serve goals 11 and 16.
AREA_WEIGHT = 3
SDG_WEIGHT = 1
# Goals so common that sharing only them does not make two cases related.
COMMON_GOALS = frozenset({11, 16})


def related_cases(kb: KnowledgeBase, case: Entry[Case], limit: int = 5) -> list[Entry[Case]]:
    """Cases sharing an area or an SDG with ``case``, scored by what they share, ties broken by title."""
    ranking = _relations(kb).ranking(frozenset(case.meta.areas), frozenset(case.meta.sdgs), limit + 1)
    return [other for other in ranking if other.slug != case.slug][:limit]


def related_cities(kb: KnowledgeBase, city_id: str, limit: int = 8) -> list[str]:
    """Other cities with cases in the same areas, most shared areas first."""
    areas_of = _relations(kb).areas_of_city
    mine = areas_of.get(city_id, set())
    scores = {other: len(mine & theirs) for other, theirs in areas_of.items() if other != city_id}
    ranked = [other for other, shared in scores.items() if shared]
    return sorted(ranked, key=lambda c: (-scores[c], kb.cities[c].name))[:limit]


def _relations(kb: KnowledgeBase) -> _Relations:
    relations = kb.related_cache.get(_Relations)
    if relations is None:
        relations = kb.related_cache[_Relations] = _Relations(kb)
    return relations


class _Relations:
    """Every case's areas and goals as bit masks, in title order, so that one combination of tags is scored
    against all cases at once in NumPy rather than case by case in Python. Cases share combinations, and
    each is ranked once per build: related cases stay fast at thousands of cases."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.cases = kb.sorted_cases
        self.area_bit = {area: 1 << i for i, area in enumerate(kb.areas)}
        self.areas = np.array([self._areas_mask(c.meta.areas) for c in self.cases], dtype=np.uint32)
        self.goals = np.array([_goals_mask(c.meta.sdgs) for c in self.cases], dtype=np.uint32)
        # Among equal scores the earlier title wins: a larger tiebreak for earlier cases.
        self.tiebreak = np.arange(len(self.cases), 0, -1, dtype=np.int64)
        self.rankings: dict[tuple, list[Entry[Case]]] = {}
        self.areas_of_city = {city: {a for c in cases for a in c.meta.areas}
                              for city, cases in kb.cases_by_city.items()}

    def _areas_mask(self, areas) -> int:
        return sum(self.area_bit[a] for a in set(areas))

    def ranking(self, areas: frozenset[str], goals: frozenset[int], size: int) -> list[Entry[Case]]:
        key = (areas, goals, size)
        if key not in self.rankings:
            shared_areas = self.areas & np.uint32(self._areas_mask(areas))
            shared_goals = self.goals & np.uint32(_goals_mask(goals))
            candidate = (shared_areas != 0) | ((self.goals & np.uint32(_goals_mask(goals - COMMON_GOALS))) != 0)
            score = (AREA_WEIGHT * np.bitwise_count(shared_areas).astype(np.int64)
                     + SDG_WEIGHT * np.bitwise_count(shared_goals).astype(np.int64))
            rank = np.where(candidate, score * (len(self.cases) + 1) + self.tiebreak, 0)
            # Ranks are distinct (the tiebreak is): pick the best ``size``, then order just those.
            top = np.argpartition(-rank, size - 1)[:size] if len(rank) > size else np.arange(len(rank))
            top = top[np.argsort(-rank[top])]
            self.rankings[key] = [self.cases[i] for i in top if rank[i] > 0]
        return self.rankings[key]


def _goals_mask(goals) -> int:
    return sum(1 << n for n in set(goals))
