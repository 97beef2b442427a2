"""`insult` (п. 4.5): demeaning names aimed at people, without obscenity.

Decisions (docs/moderation.md): a STRONG form is an insult anywhere except right after «я»/«мы»
(«какой же я идиот» is self-talk) and after a title noun («роман «Идиот»»). A WEAK form is an
insult only when a word pointing at a person stands within four words before it («ты что,
дурак?», «он тупой») or right after it («дурак ты»), not negated («он не тупой»), not describing a
thing («тупой угол»), and not advice: «не будь дураком» is NOT flagged (a warning, not a label).
"""

from __future__ import annotations

import re

from bot.moderation.insult_lexicon import (
    NEUTRAL_NOUNS,
    SOFTENERS,
    STRONG,
    TARGETS,
    WEAK,
    WORK_NOUNS,
)
from bot.moderation.normalize import Normalized
from bot.moderation.rules import CLAUSES, INSULT
from bot.moderation.types import Span

RULE_ID = INSULT
CLAUSE = CLAUSES[INSULT]

_WORD = re.compile(r"[а-яa-z]+")
_TRIPLE = re.compile(r"([а-я])\1{2,}")
_TRIPLE_GATE = re.compile(r"(.)\1\1")  # cheaper than _TRIPLE over a whole message
_ALL = STRONG | WEAK
_SELF = frozenset({"я", "мы"})
# «роман «Идиот»», «вы не идиоты»: a title, a negation.
_STOP_BEFORE = WORK_NOUNS | {"не"}
_QUOTES_OPEN = frozenset("«\"„“'")
_QUOTES_CLOSE = frozenset("»\"“”'")


def _canon(word: str) -> str:
    return _TRIPLE.sub(r"\1", word) if _TRIPLE.search(word) else word


def find(norm: Normalized) -> list[Span]:
    text = norm.text
    words = _WORD.findall(text)
    if _ALL.isdisjoint(words) and not _TRIPLE_GATE.search(text):
        return []
    tokens = [(_canon(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: list[Span] = []
    for i, (word, start, end) in enumerate(tokens):
        if word not in _ALL:
            continue
        before = [t[0] for t in tokens[max(0, i - 4) : i]]
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if before and before[-1] in _STOP_BEFORE:
            continue
        if start and text[start - 1] in _QUOTES_OPEN and text[end : end + 1] in _QUOTES_CLOSE:
            continue  # «Идиот», «тупыми»: a title or a quoted word, not a label
        if word in STRONG:
            if _SELF.intersection(before[-2:]) and TARGETS.isdisjoint(before):
                continue
        else:
            if not (TARGETS.intersection(before) or after in TARGETS):
                continue
            if after in NEUTRAL_NOUNS or (before and before[-1] in NEUTRAL_NOUNS):
                continue
            if any(tuple(before[-len(s) :]) == s for s in SOFTENERS):
                continue
        os, oe = norm.to_original(start, end)
        spans.append(Span(os, oe, "strong" if word in STRONG else "targeted"))
    return spans
