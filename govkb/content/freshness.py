"""How fresh a case is: when it was last checked against its sources, and whether that was too long ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import Case

# A case not reviewed for longer than this is marked "may be out of date".
REVIEW_EVERY_YEARS = 3


@dataclass(frozen=True)
class Reviewed:
    year: int
    month: int | None  # None when only the year is known: a study case is as of its edition's year

    def may_be_out_of_date(self, today: date) -> bool:
        # A year alone counts from its last month, so that a case is not marked a year too early.
        months = (today.year - self.year) * 12 + today.month - (self.month or 12)
        return months > REVIEW_EVERY_YEARS * 12


def last_reviewed(case: Case) -> Reviewed:
    """``reviewed`` when the case gives it; otherwise when it was contributed, or its study edition's year."""
    month = case.reviewed or case.contributed_on
    if month:
        year, number = month.split("-")
        return Reviewed(int(year), int(number))
    if case.edition is None:
        raise ValueError("a case without a review date, a contribution date or an edition")  # load refuses these
    return Reviewed(case.edition, None)
