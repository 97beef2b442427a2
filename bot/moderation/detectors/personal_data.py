"""`personal_data` (п. 4.6): other people's personal data posted in a chat.

Kinds: phone, email, card, oms, snils, inn, passport, birth_certificate, address.
Numbers with check digits are validated (Luhn for cards and OMS policies, SNILS and INN checks);
numbers without one need a context word (passport, birth certificate). Phones are whatever the
`phonenumbers` library accepts as a valid number for Russia, except toll-free 8-800 lines (those
belong to organisations: hotlines, the school's partners). Home addresses need an apartment number
or a residence word («живём», «адрес») — a street and house alone is a meeting place, not a home.

Cheap checks first: nothing here runs on a message without enough digits (or an «@»).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneMetadata, PhoneNumberMatcher, PhoneNumberType
from phonenumbers.phonenumberutil import region_codes_for_country_code

from bot.moderation.checksums import inn_person_ok, luhn_ok, snils_ok
from bot.moderation.normalize import Normalized, normalize
from bot.moderation.patterns import top_level_branches
from bot.moderation.rules import CLAUSES, PERSONAL_DATA
from bot.moderation.types import Span

RULE_ID = PERSONAL_DATA
CLAUSE = CLAUSES[PERSONAL_DATA]

_DIGIT_RUN = re.compile(r"\d+")
_DIGITS = frozenset("0123456789")
_DIGITS_ONLY = re.compile(r"\D")

_EMAIL = re.compile(r"(?<![\w.+\-/:])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}", re.UNICODE)
# The number patterns open with a digit and only then look behind it («\d(?<![\d\-]\d)» is
# «(?<![\d\-])\d»): the regex engine skips ahead to the digits instead of trying every position.
_LONG_NUMBER = re.compile(r"\d(?<![\d\-/]\d)(?:[ \-]?\d){12,18}(?![\d])")
_SNILS = re.compile(r"\d(?<![\d\-]\d)\d{2}[\- ]?\d{3}[\- ]?\d{3}[\- ]{0,3}\d{2}(?![\d\-])")
_INN = re.compile(r"\d(?<![\d\-]\d)\d{11}(?![\d\-])")
_PASSPORT = re.compile(
    r"\d(?<![\d\-]\d)\d\s?\d{2}\s*(?:№|n|no|номер|ном\.)?\s*\d{6}(?![\d\-])", re.IGNORECASE
)
_PASSPORT_CONTEXT = re.compile(r"паспорт|серия|серии|пасп\.", re.IGNORECASE)
_SNILS_CONTEXT = re.compile(r"снилс", re.IGNORECASE)
_OMS_CONTEXT = re.compile(r"полис|омс|медицинск\w* страхов", re.IGNORECASE)
_BIRTH_CERT = re.compile(
    r"[IVXLCІХЛ1](?<!\w[IVXLCІХЛ1])[IVXLCІХЛ1]{0,5}\s?[\-–—]?\s?[А-ЯЁ]{2}\s*(?:№|N|номер)?\s*\d{6}(?!\d)"
)
_PHONE_HINT = re.compile(r"\d[\d\s\-().]{8,}\d")
# `phonenumbers` reads a number only out of digits, its punctuation (which has the one letter
# «x», and «ー»), «+» and brackets: letters split the text into pieces no number crosses. Without
# a «+» a valid number has at least 9 digits (the shortest: 810 + country code 43 + 4 digits; a
# Russian one 10), and «x» may stand for a digit (a letter of an alpha number). So the parser only
# runs when some piece holds 9 digits or «x» — this drops dates and order numbers
# («Приказ № 245 от 01.09.2024»), where it took ~100 µs to find nothing.
_PHONE_PIECE_BREAK = re.compile(r"[^\W\d_xXー]+")
_PHONE_DIGITISH = re.compile(r"[\dxX]")
_PLUS_CHARS = ("+", "\uff0b")
_PHONE_MIN_DIGITS = 9

_STREET = (
    r"(?:ул(?:ица|ице|ицу|\.|\s)|пр(?:оспект\w*|-т|-кт|\.)|просп\.?|пер(?:еул\w*|\.)|бульвар\w*|"
    r"б-р|шоссе|наб(?:ережн\w*|\.)|пл(?:ощад\w*|\.)|мкр(?:\.|н\.?)?|микрорайон\w*|проезд\w*|"
    r"пр-д|тупик\w*|аллея|аллее)"
)
_NAME = r"\s*[^\W\d_][\w\-]*\.?(?:\s+[^\W\d_][\w\-]*\.?){0,2}?"
_HOUSE = r"[,\s]+(?:д(?:ом|\.)?\s*)?\d{1,4}[а-яa-z]?(?:\s*(?:/|к\.?|корп\.?|стр\.?)\s*\d{1,3})?"
_APT = r"(?:\s*[,\s]\s*(?:кв(?:артира|\.)?|к\.)\s*\d{1,4}|\s*[\-/]\s*\d{1,4}(?![\d.]))"
_ADDRESS_STREET = re.compile(rf"(?<![\w])({_STREET}{_NAME}{_HOUSE})({_APT})?", re.IGNORECASE)
_ADDRESS_FLAT = re.compile(
    r"(?<![\w])(?:д(?:ом|\.)\s*\d{1,4}[а-яa-z]?)\s*[,\s]\s*(?:кв(?:артира|\.)?)\s*\d{1,4}",
    re.IGNORECASE,
)
_ADDRESS_WORDS = ("кв", "жив", "адрес", "прожива", "прописк")
_HOUSE_FLAT = re.compile(r"\d\s*[\-/]\s*\d")
_RESIDENCE = re.compile(
    r"жив[уеё]|живём|живем|прожива|адрес|прописк|домой к|к нам домой|ко мне домой", re.IGNORECASE
)


def _digits(s: str) -> str:
    return _DIGITS_ONLY.sub("", s)


def _context(pattern: re.Pattern[str], text: str, start: int, width: int = 40) -> bool:
    return pattern.search(text, max(0, start - width), start) is not None


class _Collector:
    def __init__(self) -> None:
        self.spans: list[Span] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s.start or start >= s.end for s in self.spans)

    def add(self, start: int, end: int, kind: str) -> None:
        if self.free(start, end):
            self.spans.append(Span(start, end, kind))


# Zero-width and direction marks hide a number from the patterns without changing what people
# see: «2200\u200b7001…» reads as a card number all the same.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_INVISIBLE_SET = frozenset(_INVISIBLE.findall("".join(map(chr, range(0x10000)))))


def find(norm: Normalized) -> list[Span]:
    # `chars` holds the invisible characters of the message: a set test first, the scan only then
    if not _INVISIBLE_SET.isdisjoint(norm.chars) and _INVISIBLE.search(norm.original):
        return _find_through_invisible(norm.original)
    return _find(norm)


def _find_through_invisible(text: str) -> list[Span]:
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    visible = "".join(text[i] for i in kept)
    spans = []
    for span in _find(normalize(visible)):
        start = kept[span.start] if span.start < len(kept) else len(text)
        end = kept[span.end - 1] + 1 if span.end > span.start else start
        spans.append(Span(start, end, span.kind))
    return spans


def _find(norm: Normalized) -> list[Span]:
    chars = norm.chars
    has_at = "@" in chars
    if not has_at and _DIGITS.isdisjoint(chars):
        return []  # most messages: no digit, no «@»
    text = norm.original
    runs = [] if _DIGITS.isdisjoint(chars) else _DIGIT_RUN.findall(text)
    n_digits = sum(map(len, runs))
    if n_digits == 0 and not has_at:
        return []
    out = _Collector()
    if has_at:
        for m in _EMAIL.finditer(text):
            out.add(m.start(), m.end(), "email")
    if n_digits >= 6:
        _numbers(text, norm.lower, runs, n_digits, out)
        if n_digits >= 10 and _PHONE_HINT.search(text) and _phone_possible(text):
            _phones(text, out)
    if n_digits:
        low = norm.lower
        for word in _ADDRESS_WORDS:
            if word in low:
                _addresses(text, out)
                break
        else:
            if _HOUSE_FLAT.search(text):
                _addresses(text, out)
    return sorted(out.spans, key=lambda s: s.start)


def _numbers(text: str, low: str, runs: list[str], n_digits: int, out: _Collector) -> None:
    # Run each pattern only when the digits present could make its number at all.
    longest = max(map(len, runs))
    if longest >= 6:
        for m in _BIRTH_CERT.finditer(text):
            out.add(m.start(), m.end(), "birth_certificate")
    if n_digits >= 10 and ("паспорт" in low or "сери" in low or "пасп" in low):
        for m in _PASSPORT.finditer(text):
            if _context(_PASSPORT_CONTEXT, text, m.start()):
                out.add(m.start(), m.end(), "passport")
    if n_digits >= 11:
        _checked_numbers(text, longest, n_digits, out)


def _checked_numbers(text: str, longest: int, n_digits: int, out: _Collector) -> None:
    for m in _LONG_NUMBER.finditer(text) if n_digits >= 13 else ():
        digits = _digits(m.group())
        if len(digits) == 16 and luhn_ok(digits) and _context(_OMS_CONTEXT, text, m.start(), 60):
            out.add(m.start(), m.end(), "oms")
        elif 13 <= len(digits) <= 19 and luhn_ok(digits):
            out.add(m.start(), m.end(), "card")
    for m in _SNILS.finditer(text):
        raw = m.group()
        digits = _digits(raw)
        formatted = not raw.isdigit()
        if snils_ok(digits) and (formatted or _context(_SNILS_CONTEXT, text, m.start())):
            out.add(m.start(), m.end(), "snils")
    for m in _INN.finditer(text) if longest >= 12 else ():
        if inn_person_ok(m.group()):
            out.add(m.start(), m.end(), "inn")


def _phone_possible(text: str) -> bool:
    if any(plus in text for plus in _PLUS_CHARS):
        return True
    for piece in _PHONE_PIECE_BREAK.split(text):
        if (
            len(piece) >= _PHONE_MIN_DIGITS
            and len(_PHONE_DIGITISH.findall(piece)) >= _PHONE_MIN_DIGITS
        ):
            return True
    return False


def _toll_free_needs_8(country_code: int) -> bool:
    """Whether every toll-free number under `country_code` has a national number starting with 8
    (Russia's and Kazakhstan's do: 800…, 8108…), read from the library's own metadata."""
    for region in region_codes_for_country_code(country_code):
        metadata = PhoneMetadata.metadata_for_region(region)
        desc = metadata.toll_free if metadata is not None else None
        pattern = desc.national_number_pattern if desc is not None else None
        if pattern and (not pattern.startswith("8") or len(top_level_branches(pattern)) > 1):
            return False
    return True


_RU_TOLL_FREE_NEEDS_8 = _toll_free_needs_8(7)


def _phones(text: str, out: _Collector) -> None:
    for match in PhoneNumberMatcher(text, "RU", leniency=Leniency.VALID):
        if not _surely_not_toll_free(match.number) and _toll_free(match.number):
            continue
        out.add(match.start, match.end, "phone")


def _surely_not_toll_free(number: phonenumbers.PhoneNumber) -> bool:
    """A +7 number not starting with 8 can't be toll-free: no need for `number_type`, which tries
    the number against every type of line in turn."""
    return (
        _RU_TOLL_FREE_NEEDS_8
        and number.country_code == 7
        and not str(number.national_number).startswith("8")
    )


def _toll_free(number: phonenumbers.PhoneNumber) -> bool:
    return phonenumbers.number_type(number) == PhoneNumberType.TOLL_FREE


def _addresses(text: str, out: _Collector) -> None:
    residence: bool | None = None  # asked only for a street and house without a flat
    for m in _ADDRESS_STREET.finditer(text):
        if not m.group(2) and residence is None:
            residence = _RESIDENCE.search(text) is not None
        if m.group(2) or residence:
            out.add(m.start(), m.end(), "address")
    for m in _ADDRESS_FLAT.finditer(text):
        out.add(m.start(), m.end(), "address")
