"""Only a message that is a code and nothing else reaches the code path (issue 15.4)."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.invites import InviteCode, Ownership, code_alone, extract_code, ownership

CODE = InviteCode("K7QF9XWM2PR")


@pytest.mark.parametrize(
    "text",
    [
        "K7QF-9XWM-2PR",
        "K7QF9XWM2PR",
        "k7qf 9xwm 2pr",
        "K7QF9XWM 2PR",
        "K7QF 9XWM2PR",
        "  K7QF–9XWM–2PR.  ",
        "«K7QF-9XWM-2PR»",
        "(K7QF-9XWM-2PR)",
        "Код: k7qf-9xwm-2pr.",
        "мой код k7qf 9xwm 2pr",
        "к7qf 9хwм 2рr",  # Cyrillic к, х, м, р typed on the wrong layout
        "https://vk.me/school?ref=K7QF9XWM2PR",
        "vk.me/school?ref=K7QF9XWM2PR",
    ],
)
def test_a_code_alone_is_read(text):
    assert code_alone(text) == CODE


@pytest.mark.parametrize(
    "text",
    [
        "2 марта; 3 марта",
        "2 марта 3 марта",
        "марта 3 марта",
        "МАМА 2 МАРТА 3",
        "мама 3 сестра",
        "Тема: ВЕСНА 2 МАРТА",
        "опрос 5А: Когда собрание?; 2 марта; 3 марта",
        "+7 912 345-67-89",
        "8 (912) 345 67 89",
        "89123456789",
        "5А",
        "5А, 6Б, 7В",
        "Иванов Петя",
        "здравствуйте!\nK7QF-9XWM-2PR спасибо",  # a code with talk around it is talk
        "K7QF-9XWM-2PR K7QF-9XWM-2PR",
        "K 7 Q F 9 X W M 2 P R",  # split where no printed group ends
        "K7Q F9XW M2PR",
        # Russian words typed in Latin look-alikes: each makes 11 symbols of the alphabet.
        "KAPTA 2 MAPTA",
        "CEKPET 2 ABTOP",
        "2 MAPTA 3 MAPT",
        "",
        None,
        "K" * 5000,
    ],
)
def test_ordinary_text_is_not_a_code(text):
    assert code_alone(text) is None


def test_these_looked_like_codes_before():
    # The old reading found a code in any run of words; the messages of issue 15.4 prove it.
    for text in ("2 марта; 3 марта", "опрос 5А: Когда собрание?; 2 марта; 3 марта"):
        assert extract_code(text) is not None and code_alone(text) is None


@given(st.text(max_size=300))
def test_never_raises_and_finds_only_codes(text):
    found = code_alone(text)
    assert found is None or isinstance(found, InviteCode)


@given(st.integers())
def test_every_generated_code_alone_is_read(seed):
    code = InviteCode.generate(random.Random(seed))
    assert code_alone(code.display) == code
    assert code_alone(code.display.lower().replace("-", " ")) == code
    assert code_alone(code.value) == code


def test_ownership():
    assert ownership(None, 5) is Ownership.FIRST
    assert ownership(5, 5) is Ownership.OWNER
    assert ownership(5, 6) is Ownership.FOREIGN
