"""The build's date: today, or the date SOURCE_DATE_EPOCH gives, so that a build can be reproduced exactly."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_date() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()
