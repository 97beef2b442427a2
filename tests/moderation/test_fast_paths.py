"""The speed-ups of the moderation engine change no verdict: each cheap gate or rewritten pattern
is held here against the plain form it replaced (docs/performance.md, «Moderation speed»)."""

from __future__ import annotations

import random
import re
import unicodedata

import phonenumbers
import pytest
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from bot.moderation import normalize as norm_module
from bot.moderation.detectors import account_sharing, insult, personal_data, profanity
from bot.moderation.detectors.external_link import _LABEL, _TLD, _URL
from bot.moderation.lexicon import PROFANITY_GATE, PROFANITY_RE, ROOTS
from bot.moderation.patterns import top_level_branches, words_after
from tests.moderation.corpus_io import load_corpus

BMP = "".join(map(chr, range(0x10000)))


def _texts(seed: int, pieces: list[str], count: int, longest: int = 14) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(pieces) for _ in range(rnd.randrange(longest + 1))) for _ in range(count)
    ]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# normalize.py


def test_spelled_out_whitespace_is_backslash_s() -> None:
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{norm_module._WHITESPACE}]", every) == re.findall(r"\s", every)


def test_invisible_characters_are_the_same_before_and_after_lower_casing() -> None:
    # normalize looks for them in the lower-cased text (one scan with the notable characters)
    for c in BMP:
        low = (c.lower() or c)[0]
        assert (c in norm_module._INVISIBLE_SET) == (low in norm_module._INVISIBLE_SET), hex(ord(c))


def test_plain_runs_come_out_of_the_slow_path_unchanged_but_lower_cased() -> None:
    for c in norm_module._PLAIN_RUN.findall(BMP):
        for ch in c:
            assert unicodedata.normalize("NFKC", ch) == ch
            assert len(ch.lower()) == 1
            assert unicodedata.category(ch.lower()) not in ("Cf", "Mn", "Me")
            assert ch not in norm_module._HANGUL_FILLERS


def test_look_alikes_fold_in_any_order() -> None:
    # _fold replaces the look-alikes one by one: no replacement may be another's key
    assert not set(norm_module._LOOKALIKES.values()) & set(norm_module._LOOKALIKES)
    text = "x6@$ёαі0 3 9 1 4 € nhe bl9t"
    keys = norm_module._FOLD_KEYS.intersection(text)
    assert norm_module._fold(text, keys) == text.translate(norm_module._FOLD)


def test_fast_letter_class_is_the_letter_class() -> None:
    assert re.findall(norm_module._LETTER_FAST, BMP) == re.findall(norm_module._LETTER, BMP)


# patterns.py


@pytest.mark.parametrize(
    ("words", "not_after"),
    [
        (("пароль", "пароля", "пасс", "pass", "password", "pwd"), (r"\w",)),
        (("дай", "дайте", "дашь", "скинь", "скиньте", "кинь"), (r"\w", "не ")),
    ],
)
def test_words_after_is_the_leading_look_behind(words, not_after) -> None:
    plain = re.compile("".join(f"(?<!{x})" for x in not_after) + f"(?:{'|'.join(words)})\\b")
    fast = re.compile(words_after(words, *not_after) + r"\b")
    pieces = [*words, "не ", " ", "a", "я", "-", "ne ", "_", "1", "\n"]
    for text in _texts(1, pieces, 4000):
        assert _spans(fast, text) == _spans(plain, text), text


def test_top_level_branches() -> None:
    assert top_level_branches(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


# profanity


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    starts, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        starts.append(m.start())
        pos = m.start() + 1
    return starts


def test_profanity_patterns_find_the_roots_where_they_did() -> None:
    plain = re.compile("|".join(r.pattern for r in ROOTS))
    letters = list("хуйлипздецебаляскчмонргвштдёзфжыюх -")
    for text in _texts(2, letters, 20000, 16):
        assert _starts(PROFANITY_RE, text) == _starts(plain, text), text
        if plain.search(text):
            assert PROFANITY_GATE.search(text), text  # the gate lets every root through


def test_joined_words_are_found_as_before() -> None:
    plain = re.compile(r"[а-яa-z]+(?:[.\-_'’][а-яa-z]+)+")
    for text in _texts(3, list("аббвxy.-_'’ ,!1ёZ"), 20000, 24):
        fast = [(m.start(1) - 1, m.end(1) - 1) for m in profanity._JOINED.finditer(" " + text)]
        assert fast == _spans(plain, text), text


def test_latin_tokens_and_hints_are_found_as_before() -> None:
    token = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z])")
    hint = re.compile(
        r"[hx][uy]|kh|p[iey]|pz|zd|[eyj]o?b|bl|su[kc]|mud|zal|mand|g[ao]nd|shl|dro|her"
    )
    for text in _texts(4, list("abhkxuypzdejoslmcgnr .,-1я"), 20000, 24):
        assert _spans(profanity._LATIN_TOKEN, text) == _spans(token, text), text
        assert bool(profanity._TRANSLIT_HINT.search(text)) == bool(hint.search(text)), text


def test_translit_of_latin_words_is_translit() -> None:
    for word in _texts(5, [*"abcdefghijklmnopqrstuvwxyz", "sh", "ch", "ya", "kh"], 5000):
        if len(word) >= 3:
            assert profanity._translit_latin(word) == profanity.translit(word)


# insult


def test_insult_gate_misses_no_word_of_the_lexicon() -> None:
    rnd = random.Random(6)
    forms = sorted(insult._ALL)
    for _ in range(20000):
        parts = []
        for _ in range(rnd.randrange(1, 4)):
            word = rnd.choice(forms)
            word = "".join(c * rnd.choice([1, 1, 1, 2, 3, 4]) for c in word)
            if rnd.random() < 0.2:
                i = rnd.randrange(len(word) + 1)
                word = word[:i] + rnd.choice("абвxz") + word[i:]
            parts += [word, rnd.choice([" ", ", ", "x", "1", "-", "", "«"])]
        text = "".join(parts)
        if any(insult._canon(w) in insult._ALL for w in insult._WORD.findall(text)):
            assert insult._GATE.search(" " + text), text


# account_sharing


def test_each_account_pattern_needs_its_words() -> None:
    checks = [
        (account_sharing._PASSWORD, account_sharing._PASSWORD_WORDS),
        (account_sharing._CODE, ("код",)),
        (account_sharing._REQUEST, account_sharing._REQUEST_OBJECTS),
        (account_sharing._ENTER_ELSEWHERE, ("код", "парол")),
        (account_sharing._ACCOUNT_USE, account_sharing._ACCOUNT_OBJECTS),
        (account_sharing._HAND_OVER, account_sharing._HAND_OVER_OBJECTS),
    ]
    vocabulary = set()
    for pattern, _ in checks:
        vocabulary.update(re.findall(r"[а-яёa-z]{2,}", pattern.pattern))
    vocabulary.update(["1234", "qwerty12", "не", "под", "моим", "из", "смс", "на", "сайте"])
    words = sorted(vocabulary)
    rnd = random.Random(7)
    seeds = [line.text.lower() for line in load_corpus() if "account_sharing" in line.expected]
    matched = [0] * len(checks)
    for _ in range(20000):
        tokens = rnd.choice(seeds).split()
        for _ in range(rnd.randrange(4)):  # drop, replace or insert words
            i = rnd.randrange(len(tokens) + 1)
            op = rnd.random()
            if op < 0.3 and i < len(tokens):
                del tokens[i]
            elif op < 0.6 and i < len(tokens):
                tokens[i] = rnd.choice(words)
            else:
                tokens.insert(i, rnd.choice(words))
        text = " ".join(tokens)
        for k, (pattern, needed) in enumerate(checks):
            if pattern.search(text):
                matched[k] += 1
                assert account_sharing._holds(text, needed), (pattern.pattern[:30], text)
    assert all(n > 20 for n in matched), matched


# personal_data


def test_number_patterns_match_their_look_behind_forms() -> None:
    plain = {
        "_LONG_NUMBER": re.compile(r"(?<![\d\-/])\d(?:[ \-]?\d){12,18}(?![\d])"),
        "_SNILS": re.compile(r"(?<![\d\-])\d{3}[\- ]?\d{3}[\- ]?\d{3}[\- ]{0,3}\d{2}(?![\d\-])"),
        "_INN": re.compile(r"(?<![\d\-])\d{12}(?![\d\-])"),
        "_PASSPORT": re.compile(
            r"(?<![\d\-])\d{2}\s?\d{2}\s*(?:№|n|no|номер|ном\.)?\s*\d{6}(?![\d\-])", re.IGNORECASE
        ),
        "_BIRTH_CERT": re.compile(
            r"(?<![\w])[IVXLCІХЛ1]{1,6}\s?[\-–—]?\s?[А-ЯЁ]{2}\s*(?:№|N|номер)?\s*\d{6}(?!\d)"
        ),
    }
    pieces = [*"0123456789", "12345", "987654", " ", "-", "/", "№", "N", "no", "II", "АБ", "X", "я"]
    for text in _texts(8, pieces, 20000, 16):
        for name, pattern in plain.items():
            assert _spans(getattr(personal_data, name), text) == _spans(pattern, text), (name, text)


def test_links_are_found_as_before() -> None:
    plain = re.compile(
        r"(?<![\w@.\-])(?:(?:https?|hxxps?|ftp)://[^\s<>\"«»]+|www\.[^\s<>\"«»]+"
        rf"|(?:{_LABEL}\.)+(?:{_TLD}|xn--[\w\-]+)(?![\w\-@])(?:[:/?#][^\s<>\"«»]*)?)"
    )
    pieces = ["http", "https", "://", "www", ".", "ru", "com", "vk", "sferum", "-", "@", "a", "я"]
    pieces += [" ", " ", "/", "?", "#", ":", "8080", "xn--p1ai", "«", "»", "_", "1", "edu", ".."]
    for text in _texts(9, pieces, 20000):
        fast = [(m.start(1) - 1, m.end(1) - 1) for m in _URL.finditer(" " + text)]
        assert fast == _spans(plain, text), text


def test_the_phone_parser_is_skipped_only_where_it_finds_nothing() -> None:
    rnd = random.Random(10)
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randrange(1, 7)):
            if rnd.random() < 0.5:
                parts.append("".join(rnd.choice("0123456789") for _ in range(rnd.randrange(1, 9))))
            else:
                parts.append(
                    rnd.choice([" ", "-", ".", "(", ")", "/", " от ", "x", "№ ", " доб. "])
                )
        text = "".join(parts)
        if not personal_data._phone_possible(text):
            assert not list(PhoneNumberMatcher(text, "RU", leniency=Leniency.VALID)), text


@pytest.mark.parametrize(
    "number",
    ["+7 912 345-67-89", "8 (812) 123-45-67", "8 800 100-12-34", "+7 727 123 4567", "88001001234"],
)
def test_the_toll_free_shortcut_agrees_with_number_type(number: str) -> None:
    assert personal_data._RU_TOLL_FREE_NEEDS_8
    parsed = phonenumbers.parse(number, "RU")
    if personal_data._surely_not_toll_free(parsed):
        assert phonenumbers.number_type(parsed) != PhoneNumberType.TOLL_FREE
