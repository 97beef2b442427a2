from __future__ import annotations

import pytest

from bot.moderation import FloodTracker, RaidTracker


def test_flood_triggers_past_the_threshold_and_recovers() -> None:
    tracker = FloodTracker(max_messages=3, per_seconds=10)
    assert [tracker.hit(1, 7, t) for t in (0, 1, 2)] == [False, False, False]
    assert tracker.hit(1, 7, 3) is True
    assert tracker.hit(1, 8, 3) is False  # another person
    assert tracker.hit(2, 7, 3) is False  # another chat
    assert tracker.hit(1, 7, 30) is False  # the window has passed


def test_flood_memory_is_bounded() -> None:
    tracker = FloodTracker(max_messages=2, per_seconds=5)
    for i in range(10_000):
        tracker.hit(1, i, float(i))
    assert tracker.tracked <= 10
    for _ in range(1000):
        tracker.hit(1, 1, 20_000.0)
    assert len(tracker._counter._events[(1, 1)]) <= 3


def test_raid() -> None:
    tracker = RaidTracker(max_joins=5, per_seconds=60)
    results = [tracker.join(1, user, 10.0 + user) for user in range(6)]
    assert results == [False] * 5 + [True]
    assert tracker.join(2, 99, 16.0) is False
    assert tracker.join(1, 100, 200.0) is False


@pytest.mark.parametrize(("limit", "window"), [(0, 10), (5, 0)])
def test_bad_thresholds(limit: int, window: float) -> None:
    with pytest.raises(ValueError):
        FloodTracker(limit, window)
