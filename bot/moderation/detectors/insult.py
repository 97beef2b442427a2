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

_WORD = re.compile(r"[а-яa-z][а-яa-z]*")  # «[а-яa-z]+», a class first: the engine skips ahead
_TRIPLE = re.compile(r"([а-я])\1{2,}")
_TRIPLE_ANY = re.compile(r"([а-я])\1\1")  # whether _TRIPLE matches at all, at half the cost
_ALL = STRONG | WEAK
_BOUNDARY = "(?![а-яa-z])"


def _gate_pattern(forms: frozenset[str]) -> re.Pattern[str]:
    """One regex that finds every word of the text whose canonical form (`_canon`: runs of three
    or more same letters collapsed) is one of `forms` — the detector's question for a clean
    message, asked without cutting the text into words (and a few more words: it is only a gate).

    Each form is reduced to its sequence of letter runs, every run standing for one or more of its
    letter («дебил» → «дд*ее*бб*ии*лл*»: a literal first, so the engine checks the branches of the
    trie by their first letter), and the forms go into a trie. It is searched in the text with a
    space in front: every match starts at the non-letter before a word, the only places the engine
    has to try.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for m in re.finditer(r"(.)\1*", form):
            node = node.setdefault(m.group(1), {})
        node[None] = {}

    def emit(node: dict) -> str:
        alternatives = []
        for letter, child in sorted(node.items(), key=lambda item: item[0] or ""):
            if letter is None:
                alternatives.append(_BOUNDARY)
            else:
                c = re.escape(letter)
                alternatives.append(f"{c}{c}*" + emit(child))
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return re.compile("[^а-яa-z]" + emit(trie))


_GATE = _gate_pattern(_ALL)
_SELF = frozenset({"я", "мы"})
# «роман «Идиот»», «вы не идиоты»: a title, a negation.
_STOP_BEFORE = WORK_NOUNS | {"не"}
_QUOTES_OPEN = frozenset("«\"„“'")
_QUOTES_CLOSE = frozenset("»\"“”'")


def _canon(word: str) -> str:
    return _TRIPLE.sub(r"\1", word) if _TRIPLE.search(word) else word


def find(norm: Normalized) -> list[Span]:
    text = norm.text
    if _GATE.search(" " + text) is None:
        return []
    words = _WORD.findall(text)
    if _TRIPLE_ANY.search(text) is not None:
        words = [_canon(w) for w in words]
    matches: list[re.Match[str]] | None = None  # the words' spans, found when first needed
    spans: list[Span] = []
    for i, word in enumerate(words):
        if word not in _ALL:
            continue
        before = words[max(0, i - 4) : i]
        after = words[i + 1] if i + 1 < len(words) else ""
        if before and before[-1] in _STOP_BEFORE:
            continue
        if matches is None:
            matches = list(_WORD.finditer(text))
        start, end = matches[i].span()
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
