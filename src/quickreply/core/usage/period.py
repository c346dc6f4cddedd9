"""The periods the 统计 window offers: today, the last 7 or 30 days (today included), or everything."""

from __future__ import annotations

from datetime import datetime, timedelta

from quickreply.core.messages import Message, msg

PERIODS = ("today", "7d", "30d", "all")
_DAYS = {"today": 1, "7d": 7, "30d": 30}


def period_start(period: str, now: datetime) -> float | None:
    """The first moment of `period` as a timestamp: local midnight `days - 1` days before `now`'s date;
    None for "all" (every pick)."""
    days = _DAYS.get(period)
    if days is None:
        return None
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - timedelta(days=days - 1)).timestamp()


def period_label(period: str) -> Message:
    return msg(f"usage.period_{period}")
