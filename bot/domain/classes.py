"""School classes: «5А» as a value.

People write a class many ways: «5А», «5 а», «5-А», «5«А»», «5a» with a Latin letter typed on the
wrong keyboard layout. `ClassName.parse` turns all of them into one canonical value, or raises
`ClassNameError` with a reason the reply can explain.

Latin letters. A Latin letter that *looks like* a Cyrillic one (a, c, e, k, m, o, p, t, x, y, in either
case) means that Cyrillic letter: the writer saw «5а» on screen. A Latin letter with no look-alike
is read by transliteration (b is not among them, see below): d→Д, f→Ф, g→Г, i→И, l→Л, n→Н, r→Р,
s→С, u→У, v→В, z→З. Two letters are ambiguous and are refused with both candidates named, because a
pupil put into the wrong class is worse than one more question: B (looks like В, sounds like Б)
and H (looks like Н, sounds like Х). Other Latin letters (j, q, w) are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MIN_GRADE = 1
MAX_GRADE = 11

# Й, Ъ, Ы, Ь are never class letters; Ё is read as Е.
CLASS_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"

LATIN_LOOKALIKES = {
    "a": "А", "c": "С", "e": "Е", "k": "К", "m": "М", "o": "О",
    "p": "Р", "t": "Т", "x": "Х", "y": "У",
}  # fmt: skip
LATIN_TRANSLIT = {
    "d": "Д", "f": "Ф", "g": "Г", "i": "И", "l": "Л", "n": "Н",
    "r": "Р", "s": "С", "u": "У", "v": "В", "z": "З",
}  # fmt: skip
LATIN_AMBIGUOUS = {"b": ("В", "Б"), "h": ("Н", "Х")}

_QUOTES = "«»\"'„“”`"
_SHAPE = re.compile(r"([0-9]*)\s*[-–—.]?\s*(.*)", re.ASCII | re.DOTALL)
_GRADE = re.compile(r"\s*([0-9]{1,2})\s*(?:-?\s*(?:е|х|ые|ых|й|ый|ой|ая|го|ом))?\s*", re.ASCII)


class ClassNameProblem(StrEnum):
    EMPTY = "empty"
    NO_GRADE = "no_grade"
    GRADE_OUT_OF_RANGE = "grade_out_of_range"
    NO_LETTER = "no_letter"
    TOO_MANY_LETTERS = "too_many_letters"
    BAD_LETTER = "bad_letter"
    AMBIGUOUS_LETTER = "ambiguous_letter"


class ClassNameError(ValueError):
    """A class name that cannot be read. `problem` says why, `text` is what was written."""

    def __init__(
        self, problem: ClassNameProblem, text: str, candidates: tuple[str, ...] = ()
    ) -> None:
        super().__init__(f"{problem.value}: {text!r}")
        self.problem = problem
        self.text = text
        # For AMBIGUOUS_LETTER: the Cyrillic letters the writer may have meant.
        self.candidates = candidates


def _letter(ch: str, text: str) -> str:
    if ch in ("ё", "Ё"):
        return "Е"
    up = ch.upper()
    if up in CLASS_LETTERS and len(up) == 1:
        return up
    low = ch.lower()
    if low in LATIN_LOOKALIKES:
        return LATIN_LOOKALIKES[low]
    if low in LATIN_TRANSLIT:
        return LATIN_TRANSLIT[low]
    if low in LATIN_AMBIGUOUS:
        raise ClassNameError(ClassNameProblem.AMBIGUOUS_LETTER, text, LATIN_AMBIGUOUS[low])
    raise ClassNameError(ClassNameProblem.BAD_LETTER, text)


@dataclass(frozen=True, order=True, slots=True)
class ClassName:
    grade: int
    letter: str

    def __post_init__(self) -> None:
        if not MIN_GRADE <= self.grade <= MAX_GRADE:
            raise ClassNameError(ClassNameProblem.GRADE_OUT_OF_RANGE, f"{self.grade}{self.letter}")
        if len(self.letter) != 1 or self.letter not in CLASS_LETTERS:
            raise ClassNameError(ClassNameProblem.BAD_LETTER, f"{self.grade}{self.letter}")

    def __str__(self) -> str:
        return f"{self.grade}{self.letter}"

    @classmethod
    def parse(cls, text: str) -> ClassName:
        """«5А», «5 а», «5-А», «5a» → ClassName(5, "А"). Raises ClassNameError only."""
        raw = text if isinstance(text, str) else str(text)
        s = raw.strip().strip(_QUOTES + ".,;:").strip()
        for q in _QUOTES:
            s = s.replace(q, "")
        if not s:
            raise ClassNameError(ClassNameProblem.EMPTY, raw)
        m = _SHAPE.fullmatch(s)
        digits, rest = (m.group(1), m.group(2).strip()) if m else ("", s)
        if not digits:
            raise ClassNameError(ClassNameProblem.NO_GRADE, raw)
        grade = int(digits) if len(digits) <= 4 else 10_000
        if not MIN_GRADE <= grade <= MAX_GRADE:
            raise ClassNameError(ClassNameProblem.GRADE_OUT_OF_RANGE, raw)
        rest = rest.replace(" ", "")
        if not rest:
            raise ClassNameError(ClassNameProblem.NO_LETTER, raw)
        if len(rest) > 1:
            if all(ch.isalpha() for ch in rest):
                raise ClassNameError(ClassNameProblem.TOO_MANY_LETTERS, raw)
            raise ClassNameError(ClassNameProblem.BAD_LETTER, raw)
        return cls(grade, _letter(rest, raw))

    @classmethod
    def try_parse(cls, text: str) -> ClassName | None:
        try:
            return cls.parse(text)
        except ClassNameError:
            return None


def parse_grade(text: str) -> int | None:
    """A whole grade: «5», «5-е», «5-х», «5 ые» → 5; anything else → None."""
    m = _GRADE.fullmatch(text.lower().replace("ё", "е"))
    if not m:
        return None
    grade = int(m.group(1))
    return grade if MIN_GRADE <= grade <= MAX_GRADE else None
