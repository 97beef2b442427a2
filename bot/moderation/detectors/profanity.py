"""`profanity` (п. 4.5): obscene vocabulary in all its forms and disguises."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.moderation.lexicon import PROFANITY_GATE, contains_obscene, iter_obscene
from bot.moderation.lexicon_words import (
    EXCEPTIONS,
    LATIN_EXCEPTIONS,
    MASKABLE_FORMS,
)
from bot.moderation.normalize import Normalized
from bot.moderation.rules import CLAUSES, PROFANITY
from bot.moderation.types import Span

RULE_ID = PROFANITY
CLAUSE = CLAUSES[PROFANITY]

_WORD_CHARS = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz*#")
_ASCII_WORD = re.compile(r"[a-z]+")
_MASKED = re.compile(r"[а-яa-z*#]*[*#][а-яa-z*#]*")
_MASK_RUN = re.compile(r"[*#]+")
_MASK_VOCAB = "\n".join(MASKABLE_FORMS)
_INNER_SEP = re.compile(r"[.\-_'’](?<=[а-яa-z].)(?=[а-яa-z])")
# Words joined by separators («пи-з-д-е-ц», «кого-то»): «[а-яa-z]+(?:[.\-_'’][а-яa-z]+)+».
# Its matches start words, so it is searched in the text with a space in front, from the
# non-letter before a word (the only places the engine has to try; the match is group 1), and
# its letter runs are possessive (no backtracking inside every word). The same matches.
_JOINED = re.compile(r"[^а-яa-z]([а-яa-z]++(?:[.\-_'’][а-яa-z]++)+)")
_SEPARATORS = re.compile(r"[.\-_'’]")
_MASK_CHARS = frozenset("*#@")
_SEP_CHARS = frozenset(".-_'’")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
# Latin spellings that can transliterate into an obscene root; others are not transliterated.
# (Every branch starts with a literal letter so that the engine can skip ahead: «[hx][uy]» is
# written «h[uy]|x[uy]».)
_TRANSLIT_HINT = re.compile(
    r"h[uy]|x[uy]|kh|p[iey]|pz|zd|eo?b|yo?b|jo?b|bl|su[kc]|mud|zal|mand|g[ao]nd|shl|dro|her"
)
_HAS_LATIN = re.compile(r"[a-z][a-z][a-z]")
# Runs of 3+ Latin letters: «(?<![a-z])[a-z]{3,}(?![a-z])» with the look-behind after the first
# letter (the same matches; the engine skips ahead to the Latin letters).
_LATIN_TOKEN = re.compile(r"[a-z](?<![a-z][a-z])[a-z]{2,}+(?![a-z])")
_TRANSLIT = {
    "shch": "щ",
    "sch": "щ",
    "zh": "ж",
    "kh": "х",
    "ch": "ч",
    "sh": "ш",
    "ts": "ц",
    "ya": "я",
    "ja": "я",
    "yu": "ю",
    "ju": "ю",
    "yo": "е",
    "jo": "е",
    "ye": "е",
    "je": "е",
    "a": "а",
    "b": "б",
    "c": "ц",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "й",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "х",
    "y": "й",
    "z": "з",
}
_TRANSLIT_RE = re.compile("|".join(sorted(_TRANSLIT, key=len, reverse=True)))
_TRANSLIT_GET = _TRANSLIT.__getitem__


def translit(word: str) -> str:
    """Latin transliteration of Russian back to Cyrillic: «blyat» → «блят», «khuy» → «хуй»."""
    return _TRANSLIT_RE.sub(lambda m: _TRANSLIT[m.group()], word)


def _translit_latin(word: str) -> str:
    """`translit` of a word of Latin letters only: every letter is a key, so the matches cover the
    word and their translations joined are the result — without a Python callback a match."""
    return "".join(map(_TRANSLIT_GET, _TRANSLIT_RE.findall(word)))


@lru_cache(maxsize=1024)
def _mask_pattern(token: str) -> re.Pattern[str] | None:
    letters = sum(1 for c in token if c not in "*#")
    if letters < 2:
        return None
    parts = _MASK_RUN.split(token)
    body = "[а-я]{1,5}".join(re.escape(p) for p in parts)
    return re.compile(f"^{body}$", re.MULTILINE)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    while end < len(text) and text[end] in _WORD_CHARS:
        end += 1
    return start, end


def find(norm: Normalized) -> list[Span]:
    text = norm.text
    chars = norm.chars
    found: dict[tuple[int, int], Span] = {}
    if PROFANITY_GATE.search(text) is not None:
        for root_start, root_end in iter_obscene(text):
            s, e = _word_bounds(text, root_start, root_end)
            if text[s:e] in EXCEPTIONS:
                continue
            os, oe = norm.to_original(s, e)
            original_word = norm.lower[os:oe]
            if _ASCII_WORD.fullmatch(original_word) and original_word in LATIN_EXCEPTIONS:
                continue
            found.setdefault((os, oe), Span(os, oe, "obscene"))
    if not chars:  # no mask, separator or Latin letter: nothing more to look for
        return _merge(found.values()) if found else []
    if not _MASK_CHARS.isdisjoint(chars):
        _masked(norm, found)
    if not _SEP_CHARS.isdisjoint(chars) and _INNER_SEP.search(text):
        # «пи-з-д-е-ц», «бл.ять»: separators inside a word
        for m in _JOINED.finditer(" " + text):
            joined = _SEPARATORS.sub("", m.group(1))
            if joined not in EXCEPTIONS and contains_obscene(joined):
                os, oe = norm.to_original(m.start(1) - 1, m.end(1) - 1)
                found.setdefault((os, oe), Span(os, oe, "obscene"))
    if (
        not _LATIN.isdisjoint(chars)
        and _HAS_LATIN.search(norm.base)
        and _TRANSLIT_HINT.search(norm.base)  # no word can hold a hint the text does not
    ):
        for m in _LATIN_TOKEN.finditer(norm.base):
            word = m.group()
            if word in LATIN_EXCEPTIONS or not _TRANSLIT_HINT.search(word):
                continue
            if contains_obscene(_translit_latin(word)):  # `word` is [a-z]{3,}
                os, oe = norm.to_original(m.start(), m.end())
                found.setdefault((os, oe), Span(os, oe, "translit"))
    return _merge(found.values()) if found else []


def _masked(norm: Normalized, found: dict[tuple[int, int], Span]) -> None:
    text = norm.text
    if "@" in norm.chars:  # «бл@ть»: an «@» inside a word hides a letter, not only «а»
        text = "".join("*" if b == "@" else t for t, b in zip(text, norm.base, strict=True))
    if "*" not in text and "#" not in text:
        return
    for m in _MASKED.finditer(text):
        pattern = _mask_pattern(m.group())
        if pattern is not None and pattern.search(_MASK_VOCAB):
            os, oe = norm.to_original(m.start(), m.end())
            found.setdefault((os, oe), Span(os, oe, "masked"))


def _merge(spans) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out
