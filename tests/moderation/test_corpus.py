"""The school-chat corpus, line by line: a regression in any rule fails CI."""

from __future__ import annotations

import pytest

from bot.moderation import Moderator
from tests.moderation.corpus_io import load_corpus

MODERATOR = Moderator()
LINES = load_corpus()
# Known misses, documented in docs/moderation.md; each must stay a miss or be fixed and removed.
KNOWN_MISSES = {"Мама Петрова — неадекватная истеричка и дура."}


def test_corpus_is_large_enough() -> None:
    assert len(LINES) >= 500
    kinds = {line.chat_kind for line in LINES}
    assert kinds == {"parents", "class", "teachers"}


@pytest.mark.parametrize("line", LINES, ids=[f"L{line.lineno}" for line in LINES])
def test_corpus_line(line) -> None:
    got = {v.rule for v in MODERATOR.check(line.text, line.chat_kind)}
    if line.text in KNOWN_MISSES:
        assert got < line.expected
        return
    assert got == set(line.expected), line.text
