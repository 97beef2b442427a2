import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.throttle import AttemptLimiter, FailureOutcome


def test_lockout_starts_at_the_limit_and_is_reported_once():
    lim = AttemptLimiter(max_failures=3, window_seconds=600, lockout_seconds=900)
    assert lim.allow(1, 0)
    assert lim.fail(1, 0) == FailureOutcome(False, 1, False)
    assert lim.fail(1, 10) == FailureOutcome(False, 2, False)
    third = lim.fail(1, 20)
    assert third.locked and third.report and third.failures == 3 and third.retry_after == 900
    assert not lim.allow(1, 21)
    assert lim.retry_after(1, 120) == 800
    again = lim.fail(1, 30)  # tried while locked: no second report
    assert again.locked and not again.report
    assert lim.allow(2, 30)  # other keys are not affected
    assert lim.allow(1, 920)  # lockout over
    assert lim.fail(1, 921) == FailureOutcome(False, 1, False)  # a served lockout wipes the slate


def test_failures_outside_the_window_are_forgotten():
    lim = AttemptLimiter(max_failures=3, window_seconds=60, lockout_seconds=900)
    lim.fail("k", 0)
    lim.fail("k", 30)
    assert lim.fail("k", 61).failures == 2  # the one at 0 left the window
    assert lim.fail("k", 200).failures == 1


def test_success_resets():
    lim = AttemptLimiter(max_failures=2, window_seconds=600, lockout_seconds=900)
    lim.fail(1, 0)
    lim.succeed(1)
    assert lim.fail(1, 1).failures == 1
    lim.succeed(99)  # unknown key: nothing happens


def test_report_again_after_a_new_lockout():
    lim = AttemptLimiter(max_failures=2, window_seconds=600, lockout_seconds=100)
    lim.fail(1, 0)
    assert lim.fail(1, 1).report
    lim.fail(1, 200)
    assert lim.fail(1, 201).report


def test_memory_is_bounded_and_locked_keys_outlive_idle_ones():
    lim = AttemptLimiter(max_failures=2, window_seconds=10, lockout_seconds=1000, max_keys=100)
    lim.fail("locked", 0)
    lim.fail("locked", 0)
    for i in range(900):  # all before the lockout ends at 1000
        lim.fail(i, 20 + i)
        assert len(lim) <= 100
    assert not lim.allow("locked", 500)


def test_least_recent_go_first_when_all_are_busy():
    lim = AttemptLimiter(max_failures=5, window_seconds=10_000, lockout_seconds=10, max_keys=3)
    for key in "abcd":
        lim.fail(key, 0)
    assert len(lim) == 3
    assert lim.fail("a", 1).failures == 1  # "a" was evicted, starts over


@pytest.mark.parametrize("args", [(0, 1, 1), (1, 0, 1), (1, 1, 0)])
def test_bad_limits(args):
    with pytest.raises(ValueError):
        AttemptLimiter(*args)


@given(st.lists(st.tuples(st.integers(0, 5), st.floats(0, 1e6), st.booleans()), max_size=200))
def test_never_more_keys_than_allowed(events):
    lim = AttemptLimiter(max_failures=3, window_seconds=50, lockout_seconds=100, max_keys=4)
    for key, now, ok in sorted(events, key=lambda e: e[1]):
        if ok:
            lim.succeed(key)
        else:
            out = lim.fail(key, now)
            assert out.failures <= 3
        assert len(lim) <= 4
