"""Regex building blocks written so that Python's regex engine can skip ahead.

`re` scans a text fast only to the characters a pattern can start with — when its first item is a
literal, a character class or a choice of literals. A pattern that opens with a look-behind
(«(?<!\\w)(?:пароль|…)») gets no such scan: the engine enters the whole pattern at every position.
`words_after` writes the same pattern with each first letter consumed before the look-behinds,
which then check the character in front of it — the same matches, found by the fast scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words_after(words: Iterable[str], *not_after: str) -> str:
    """A pattern equal to «(?<!X)(?<!Y)…(?:w1|w2|…)» for `not_after` = (X, Y, …), fixed-width.

    The words are grouped by their first letter (keeping their order within a group: at any
    position only one group can match, so the choice between words stays the same), the letter
    is matched first, and each look-behind is extended by that letter: «(?<!Xп)» after «п» says
    exactly what «(?<!X)» said before it.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word or word[0] in "\\[(.^$*+?{|":
            raise ValueError(f"a word must start with a plain letter: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        letter = re.escape(first)
        behind = "".join(f"(?<!{x}{letter})" for x in not_after)
        rest = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        branches.append(f"{letter}{behind}{rest}")
    return "(?:" + "|".join(branches) + ")"


def top_level_branches(pattern: str) -> list[str]:
    """`pattern` split at the «|» that stand outside groups and classes."""
    branches, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:]]
