"""Matching chat questions against stored answers: what must match, and near misses that must not."""

import pytest

from bot.domain.classes import ClassName
from bot.domain.faq import FaqEntry, looks_like_question, match, normalize
from bot.domain.faq_text import FaqTextError, FaqTextProblem, parse_faq_text

C5A, C7B = ClassName(5, "А"), ClassName(7, "Б")
HOMEWORK = FaqEntry.of(1, C5A, ["что задали", "домашнее задание"], "В электронном дневнике")
MEETING = FaqEntry.of(2, C5A, ["когда собрание"], "закреп")
DIARY = FaqEntry.of(3, None, ["ссылка на электронный дневник"], "https://school.example/diary")
ENTRIES = [HOMEWORK, MEETING, DIARY]


def found(text: str, class_name: ClassName = C5A) -> int | None:
    entry = match(text, ENTRIES, class_name)
    return entry.id if entry else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("что задали", 1),
        ("Что задали по математике?", 1),
        ("ЧТО ЗАДАЛИ?!", 1),
        ("Подскажите, пожалуйста, что задали", 1),
        ("А какое домашнее задание на завтра?", 1),
        ("Когда собрание?", 2),
        ("во сколько собрание?", 2),
        ("Добрый день! Когда будет родительское собрание?", 2),
        ("когда сабрание?", 2),  # one slip of the finger
        ("собрание в 5А когда?", 2),  # its own class named
        ("скиньте ссылку на дневник", 3),
        ("Где ссылка на электронный дневник?", 3),
        # Other word forms of the stored words (the Snowball stem is the same)
        ("Что задавали по математике?", 1),
        ("Когда будут родительские собрания?", 2),
        ("Скиньте ссылки на электронные дневники", 3),
    ],
)
def test_questions_that_match(text, expected):
    assert looks_like_question(text)
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "что за шум?",
        "когда собрание в 7Б",  # another class's meeting, asked in 5А's chat
        "где собрание?",  # where, not when
        "кому задали доклад?",  # who, not what
        "когда каникулы?",
        "Ребята, что задали по русскому, литературе, истории, физике и музыке?",  # a long story
        "?",
        "что?",
    ],
)
def test_near_misses_do_not_match(text):
    assert found(text) is None


def test_another_class_answer_is_not_used():
    seventh = FaqEntry.of(5, C7B, ["когда экскурсия"], "В пятницу")
    assert match("Когда экскурсия?", [seventh], C7B) == seventh
    assert match("Когда экскурсия?", [seventh], C5A) is None


@pytest.mark.parametrize(
    "text",
    ["Всем привет", "Спасибо, поняла", "Завтра собрание", "ок", "", "x" * 400 + "?"],
)
def test_plain_talk_is_not_a_question(text):
    assert not looks_like_question(text)


@pytest.mark.parametrize(
    "text", ["Когда собрание", "во сколько завтра линейка", "Ссылку на дневник дайте", "где?)"]
)
def test_question_forms(text):
    assert looks_like_question(text)


def test_normalize_case_yo_and_punctuation():
    assert normalize("  Ещё раз: ЧТО задали?!! ") == "еще раз что задали"


def test_pinned_pointer():
    assert MEETING.points_to_pin and not HOMEWORK.points_to_pin
    assert FaqEntry.of(9, None, ["x y"], "В закреплённом сообщении").points_to_pin


def test_parse_faq_text():
    draft = parse_faq_text(" что задали? ; домашнее задание | дз = В дневнике = всегда ")
    assert draft.questions == ("что задали", "домашнее задание", "дз")
    assert draft.answer == "В дневнике = всегда"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("что задали", FaqTextProblem.NO_EQUALS),
        (" = В дневнике", FaqTextProblem.NO_QUESTION),
        ("что задали = ", FaqTextProblem.NO_ANSWER),
        ("когда? = завтра", FaqTextProblem.NO_WORDS),
        ("a;b;c;d;e;f = x", FaqTextProblem.TOO_MANY),
        ("вопрос " * 30 + "= x", FaqTextProblem.TOO_LONG_QUESTION),
        ("вопрос = " + "x" * 1001, FaqTextProblem.TOO_LONG_ANSWER),
    ],
)
def test_bad_faq_text(text, problem):
    with pytest.raises(FaqTextError) as caught:
        parse_faq_text(text)
    assert caught.value.problem is problem
