"""Neutral paraphrases of the RuParaDetox dev set must almost never be flagged (≤ 1%)."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from bot.moderation.rules import INSULT, PROFANITY
from tests.moderation.corpus_io import PARADETOX_PATH, load_paradetox

pytestmark = pytest.mark.skipif(
    not PARADETOX_PATH.exists(),
    reason=f"evaluation data {PARADETOX_PATH} is not beside the repo (../shared/eval)",
)


def test_neutral_paraphrases_false_positive_rate() -> None:
    moderator = Moderator()
    rows = load_paradetox()
    assert len(rows) == 800
    neutral = [n for r in rows for n in r.neutral]
    flagged = [n for n in neutral if {v.rule for v in moderator.check(n)} & {PROFANITY, INSULT}]
    assert len(flagged) / len(neutral) <= 0.01, flagged[:20]
    first = [r.neutral[0] for r in rows]
    flagged_first = [n for n in first if {v.rule for v in moderator.check(n)} & {PROFANITY, INSULT}]
    assert len(flagged_first) <= 8, flagged_first


def test_toxic_side_is_mostly_flagged() -> None:
    # Plain rudeness is allowed by the school's rules, so not all of it should be flagged; the
    # figure is reported by bench/moderation_quality.py. This guards against a collapse.
    moderator = Moderator()
    rows = load_paradetox()
    flagged = sum(
        1 for r in rows if {v.rule for v in moderator.check(r.toxic)} & {PROFANITY, INSULT}
    )
    assert flagged / len(rows) >= 0.6
