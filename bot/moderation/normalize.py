"""Text normalisation for the lexicon detectors, with a map back to the original offsets.

`normalize(text)` gives three aligned views of a message:

- `original`: the text as sent;
- `lower`: lower-cased, same length as the original (offsets are shared) — for the detectors that
  read words (account sharing, links);
- `text`: the folded view for the lexicons — NFKC, invisible characters dropped, look-alike Latin,
  Greek, digits and symbols turned into the Cyrillic letters they imitate (x→х, 6→б, @→а …), ё→е,
  and the separators of spelled-out words removed («б.л.я», «х у й» → «бля», «хуй»). Repeated
  letters are left alone: the lexicon patterns allow them («бляяя»). `*` and `#` stay: they are
  masks, read as wildcards by the profanity detector.

The common case (NFKC text, no invisible characters, nothing spelled out) takes only C-level
string operations and keeps `offsets` as None (identity).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Look-alikes, one character each so that folding keeps offsets. Keys are lower case.
_LOOKALIKES = {
    # Latin
    "a": "а",
    "b": "б",
    "c": "с",
    "e": "е",
    "h": "н",
    "i": "и",
    "k": "к",
    "m": "м",
    "n": "п",
    "o": "о",
    "p": "р",
    "r": "г",
    "t": "т",
    "u": "и",
    "x": "х",
    "y": "у",
    # Latin letters used for their sound inside Cyrillic words («пиzдец», «sука»)
    "z": "з",
    "s": "с",
    "d": "д",
    "l": "л",
    # Greek
    "α": "а",
    "β": "в",
    "γ": "у",
    "δ": "д",
    "ε": "е",
    "η": "п",
    "ι": "и",
    "κ": "к",
    "λ": "л",
    "μ": "м",
    "ν": "v",
    "ο": "о",
    "π": "п",
    "ρ": "р",
    "τ": "т",
    "υ": "у",
    "χ": "х",
    "ω": "ш",
    # Ukrainian / Belarusian letters used as disguise
    "і": "и",
    "ї": "и",
    "є": "е",
    "ў": "у",
    "ґ": "г",
    "ѕ": "с",
    # digits and symbols
    "0": "о",
    "1": "и",
    "3": "з",
    "4": "ч",
    "6": "б",
    "9": "я",
    "@": "а",
    "$": "с",
    "€": "е",
    # Cyrillic variants
    "ё": "е",
}
_FOLD = str.maketrans(_LOOKALIKES)
_EMPTY: frozenset[str] = frozenset()


def _byte_table() -> bytes:
    # Russian text fits in cp1251, one byte a character: bytes.translate is a C table lookup,
    # several times faster than str.translate's dictionary lookups.
    table = bytearray(range(256))
    for src, dst in _LOOKALIKES.items():
        try:
            table[src.encode("cp1251")[0]] = dst.encode("cp1251")[0]
        except UnicodeEncodeError:
            continue  # Greek and the like: only the str.translate path folds them
    return bytes(table)


_FOLD_BYTES = _byte_table()


def _fold(base: str, keys: set[str] | frozenset[str] = _EMPTY) -> str:
    """`base` with the look-alikes replaced; `keys`, when given, are all the ones present."""
    if keys and len(keys) <= _REPLACE_MAX:
        for key in keys:
            base = base.replace(key, _LOOKALIKES[key])
        return base
    try:
        return base.encode("cp1251").translate(_FOLD_BYTES).decode("cp1251")
    except UnicodeEncodeError:
        return base.translate(_FOLD)


_INVISIBLE_CHARS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\u0300-\u036f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_INVISIBLE_SET = frozenset(_INVISIBLE.findall("".join(map(chr, range(0x10000)))))
_FOLD_KEYS = frozenset(_LOOKALIKES)
# Folding the few look-alikes present one `str.replace` each is cheaper than a whole-string
# translation (no value of the table is itself a key, so the order does not matter) — up to
# about this many distinct ones; beyond it (Latin-heavy text) the cp1251 table wins.
_REPLACE_MAX = 12
# The characters the detectors gate on; `chars` holds those present in a message. (Building a
# set of every character of a Cyrillic message costs more than this one scan.)
_NOTABLE_CLASS = re.escape("".join(_LOOKALIKES)) + r"a-z0-9@*#.\-_'’:/"
_NOTABLE = re.compile(f"[{_NOTABLE_CLASS}]")
# One pass over the lower-cased text finds both the notable and the invisible characters (no
# character changes between the two classes when lower-cased; the tests check every one).
_SCAN = re.compile(f"[{_NOTABLE_CLASS}{_INVISIBLE_CHARS}]")
_HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
# Characters that are their own NFKC form, lower-case to one character and are never dropped:
# `_slow_base` copies runs of them in one slice instead of character by character.
_PLAIN_RUN = re.compile(r"[\x00-\x9f\u0400-\u045f]+")
# Three or more single letters with separators between them: «б.л.я», «х у й», «с-у-к-а».
_LETTER = r"[^\W\d_]"
# The same letter class, a Cyrillic letter tried first (a table lookup; the Unicode category test
# only for other characters); atomic, as both branches take the one same character.
_LETTER_FAST = r"(?>[а-я]|[^\W\d_])"
# «\s» spelled out — the same 29 characters (tests/moderation checks every code point): a class of
# plain characters is a table lookup a character, where «\s» is a Unicode category test.
_WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SEP = rf"[{_WHITESPACE}.,\-_·•|/\\~+'\"`:;!?()\[\]]"
_SPACED = re.compile(rf"(?<!{_LETTER}){_LETTER}(?:{_SEP}{{1,3}}{_LETTER}(?!{_LETTER})){{2,}}")
_SEP_RE = re.compile(_SEP)
# Cheap gate for _SPACED (which starts with a look-behind, so the regex engine can't skip ahead):
# any run of three spelled-out letters holds «separator, letter, separator, letter, non-letter».
_SPACED_GATE = re.compile(rf"{_SEP}{_LETTER_FAST}{_SEP}{{1,3}}{_LETTER}(?!{_LETTER})")


class Normalized(NamedTuple):
    original: str
    lower: str  # lower-cased original, offsets shared with `original`
    text: str  # folded view for the lexicons
    base: str  # `text` before look-alike folding (same length): Latin stays Latin, for translit
    offsets: tuple[int, ...] | None = None  # index in `text` -> index in `original`
    # The notable characters (_NOTABLE: Latin, digits, masks, separators) of `lower` and `base`,
    # and the invisible ones of `lower`, for the detectors' cheap gates («any digit?», «any «@»?»).
    chars: frozenset[str] = frozenset()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of `text` (or `base`) back to the original text."""
        if self.offsets is None:
            return start, end
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


_new_tuple = tuple.__new__


def _lower_aligned(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters (e.g. «İ») grow when lower-cased: keep the first character of each.
    return "".join((ch.lower() or ch)[0] for ch in text)


def _slow_base(text: str) -> tuple[str, list[int]]:
    """NFKC character by character, lower case, invisible characters dropped; with the index of
    each output character in `text`. Runs of plain characters (ASCII, basic Cyrillic) are copied
    whole: they would come out unchanged but lower-cased."""
    chars: list[str] = []
    index: list[int] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _PLAIN_RUN.match(text, pos)
        if m is not None:
            end = m.end()
            chars.append(text[pos:end].lower())
            index.extend(range(pos, end))
            pos = end
            continue
        for c in unicodedata.normalize("NFKC", text[pos]).lower():
            if c in _HANGUL_FILLERS or unicodedata.category(c) in ("Cf", "Mn", "Me"):
                continue
            chars.append(c)
            index.append(pos)
        pos += 1
    return "".join(chars), index


def normalize(text: str) -> Normalized:
    lower = text.lower()
    if len(lower) != len(text):
        lower = _lower_aligned(text)
    found = _SCAN.findall(lower)
    chars = set(found) if found else None  # most messages: nothing notable at all
    index: list[int] | None = None
    if (chars is None or _INVISIBLE_SET.isdisjoint(chars)) and (
        text.isascii() or unicodedata.is_normalized("NFKC", text)
    ):
        base = lower
    else:
        if chars is None:
            chars = set()
        base, index = _slow_base(text)
        chars.update(_NOTABLE.findall(base))
    folded = base
    if chars:
        keys = _FOLD_KEYS.intersection(chars)
        if keys:
            folded = _fold(base, keys)
    if _SPACED_GATE.search(folded):
        drop: set[int] = set()
        for m in _SPACED.finditer(folded):
            drop.update(m.start() + s.start() for s in _SEP_RE.finditer(m.group()))
        if drop:
            if index is None:
                index = list(range(len(folded)))
            folded = "".join(c for i, c in enumerate(folded) if i not in drop)
            base = "".join(c for i, c in enumerate(base) if i not in drop)
            index = [p for i, p in enumerate(index) if i not in drop]
    # (tuple.__new__ directly: the NamedTuple's own __new__ is a Python-level call on every message)
    return _new_tuple(
        Normalized,
        (
            text,
            lower,
            folded,
            base,
            tuple(index) if index is not None else None,
            frozenset(chars) if chars else _EMPTY,
        ),
    )
