import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.classes import ClassName, ClassNameError, ClassNameProblem, parse_grade

P = ClassNameProblem


@pytest.mark.parametrize(
    "text",
    ["5А", "5 а", "5-А", "5 - а", "5а", "5a", "5A", "«5А»", '"5а"', " 5А ", "05А", "5–А"],
)
def test_all_forms_of_5a(text):
    assert ClassName.parse(text) == ClassName(5, "А")
    assert str(ClassName.parse(text)) == "5А"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11c", "11С"), ("7e", "7Е"), ("7E", "7Е"), ("8k", "8К"), ("9m", "9М"), ("1o", "1О"),
        ("2p", "2Р"), ("3t", "3Т"), ("4x", "4Х"), ("6y", "6У"), ("6Y", "6У"),
        ("5d", "5Д"), ("5g", "5Г"), ("5v", "5В"), ("5V", "5В"), ("5z", "5З"), ("5i", "5И"),
        ("5l", "5Л"), ("5n", "5Н"), ("5f", "5Ф"), ("5ё", "5Е"), ("10я", "10Я"), ("11Б", "11Б"),
    ],
)  # fmt: skip
def test_latin_letters_and_yo(text, expected):
    assert str(ClassName.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "candidates"), [("5b", ("В", "Б")), ("5B", ("В", "Б")), ("5h", ("Н", "Х"))]
)
def test_ambiguous_latin_letters_are_refused_with_candidates(text, candidates):
    with pytest.raises(ClassNameError) as e:
        ClassName.parse(text)
    assert e.value.problem is P.AMBIGUOUS_LETTER
    assert e.value.candidates == candidates


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("12Я", P.GRADE_OUT_OF_RANGE), ("0А", P.GRADE_OUT_OF_RANGE), ("99999999А", P.GRADE_OUT_OF_RANGE),
        ("5", P.NO_LETTER), ("5-", P.NO_LETTER), ("5АБ", P.TOO_MANY_LETTERS),
        ("А5", P.NO_GRADE), ("пятый", P.NO_GRADE), ("", P.EMPTY), ("  ", P.EMPTY),
        ("5Й", P.BAD_LETTER), ("5Ь", P.BAD_LETTER), ("5q", P.BAD_LETTER), ("5!", P.BAD_LETTER),
        ("5²а", P.BAD_LETTER), ("5А1", P.BAD_LETTER),
    ],
)  # fmt: skip
def test_rejects(text, problem):
    with pytest.raises(ClassNameError) as e:
        ClassName.parse(text)
    assert e.value.problem is problem
    assert ClassName.try_parse(text) is None


def test_ordering_and_direct_construction():
    assert sorted([ClassName(10, "А"), ClassName(5, "Б"), ClassName(5, "А")]) == [
        ClassName(5, "А"), ClassName(5, "Б"), ClassName(10, "А"),
    ]  # fmt: skip
    with pytest.raises(ClassNameError):
        ClassName(12, "А")
    with pytest.raises(ClassNameError):
        ClassName(5, "a")


@pytest.mark.parametrize(
    ("text", "grade"), [("5", 5), ("5-е", 5), ("5-х", 5), ("11 ые", 11), ("12", None), ("5А", None)]
)
def test_parse_grade(text, grade):
    assert parse_grade(text) == grade


@given(st.text())
def test_parse_raises_only_its_own_error(text):
    try:
        result = ClassName.parse(text)
    except ClassNameError:
        return
    assert ClassName.parse(str(result)) == result
