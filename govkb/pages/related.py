"""Which cases and cities are related, best matches first."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case

# A shared governance area says more about a case than a shared SDG target.
AREA_WEIGHT = 3
TARGET_WEIGHT = 1


def related_cases(kb: KnowledgeBase, case: Entry[Case], limit: int = 5) -> list[Entry[Case]]:
    """Cases sharing an area or an SDG target with ``case``, scored by what they share, ties broken by title."""
    targets = frozenset(t.target for t in case.meta.sdg_targets)
    ranking = _relations(kb).ranking(frozenset(case.meta.areas), targets, limit + 1)
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


class _Bits:
    """Sets of tags as rows of 64-bit words, so that one set is compared with every case's at once in NumPy."""

    def __init__(self, tags: Iterable[str]):
        self.index = {tag: i for i, tag in enumerate(dict.fromkeys(tags))}
        self.words = max(1, -(-len(self.index) // 64))

    def mask(self, tags: Iterable[str]) -> np.ndarray:
        row = np.zeros(self.words, dtype=np.uint64)
        for tag in set(tags):
            if tag in self.index:
                i = self.index[tag]
                row[i // 64] |= np.uint64(1 << (i % 64))
        return row

    def shared(self, rows: np.ndarray, tags: Iterable[str]) -> np.ndarray:
        """How many of ``tags`` each row holds."""
        return np.bitwise_count(rows & self.mask(tags)).sum(axis=1, dtype=np.int64)


class _Relations:
    """Every case's areas and targets as bit masks, in title order. Cases share combinations of tags, and each
    combination is ranked once per build: related cases stay fast at thousands of cases."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.cases = kb.sorted_cases
        self.area_bits = _Bits(kb.areas)
        self.target_bits = _Bits(t.target for c in self.cases for t in c.meta.sdg_targets)
        self.areas = np.array([self.area_bits.mask(c.meta.areas) for c in self.cases]).reshape(len(self.cases), -1)
        self.targets = np.array([self.target_bits.mask(t.target for t in c.meta.sdg_targets)
                                 for c in self.cases]).reshape(len(self.cases), -1)
        # Among equal scores the earlier title wins: a larger tiebreak for earlier cases.
        self.tiebreak = np.arange(len(self.cases), 0, -1, dtype=np.int64)
        self.rankings: dict[tuple, list[Entry[Case]]] = {}
        self.areas_of_city = {city: {a for c in cases for a in c.meta.areas}
                              for city, cases in kb.cases_by_city.items()}

    def ranking(self, areas: frozenset[str], targets: frozenset[str], size: int) -> list[Entry[Case]]:
        key = (areas, targets, size)
        if key not in self.rankings:
            shared_areas = self.area_bits.shared(self.areas, areas)
            shared_targets = self.target_bits.shared(self.targets, targets)
            score = AREA_WEIGHT * shared_areas + TARGET_WEIGHT * shared_targets
            rank = np.where(score > 0, score * (len(self.cases) + 1) + self.tiebreak, 0)
            # Ranks are distinct (the tiebreak is): pick the best ``size``, then order just those.
            top = np.argpartition(-rank, size - 1)[:size] if len(rank) > size else np.arange(len(rank))
            top = top[np.argsort(-rank[top])]
            self.rankings[key] = [self.cases[i] for i in top if rank[i] > 0]
        return self.rankings[key]
