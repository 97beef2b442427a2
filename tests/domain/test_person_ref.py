import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.person_ref import (
    ById,
    ByScreenName,
    PersonRefError,
    PersonRefProblem,
    parse_person_ref,
)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("[id123|Иван Петров]", ById(123)),
        ("@id123", ById(123)),
        ("*id123", ById(123)),
        ("id123", ById(123)),
        ("123", ById(123)),
        ("vk.com/id123", ById(123)),
        ("https://vk.com/id123", ById(123)),
        ("http://www.vk.com/id123/", ById(123)),
        ("https://m.vk.com/id123?from=search", ById(123)),
        ("https://vk.ru/id123", ById(123)),
        ("vk.com/Ivan.Petrov_1", ByScreenName("ivan.petrov_1")),
        ("https://m.vk.com/durov", ByScreenName("durov")),
        ("@durov", ByScreenName("durov")),
        ("durov,", ByScreenName("durov")),
    ],
)
def test_forms(text, ref):
    assert parse_person_ref(text) == ref


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", PersonRefProblem.EMPTY),
        ("[club1|Школа]", PersonRefProblem.COMMUNITY),
        ("vk.com/club5", PersonRefProblem.COMMUNITY),
        ("@public5", PersonRefProblem.COMMUNITY),
        ("0", PersonRefProblem.BAD_ID),
        ("id0", PersonRefProblem.BAD_ID),
        ("99999999999999999999", PersonRefProblem.BAD_ID),
        ("Иван", PersonRefProblem.NOT_A_PERSON),
        ("vk.com/", PersonRefProblem.NOT_A_PERSON),
        ("google.com/id5", PersonRefProblem.NOT_A_PERSON),
    ],
)
def test_rejects(text, problem):
    with pytest.raises(PersonRefError) as e:
        parse_person_ref(text)
    assert e.value.problem is problem


def test_str_round_trips():
    for ref in (ById(5), ByScreenName("durov")):
        assert parse_person_ref(str(ref)) == ref


@given(st.text())
def test_never_raises_anything_else(text):
    try:
        parse_person_ref(text)
    except PersonRefError:
        pass
