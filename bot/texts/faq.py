"""Russian texts for answers to recurring questions."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.classes import ClassName
from bot.domain.faq import FaqEntry
from bot.domain.faq_text import (
    MAX_ALTERNATIVES,
    MAX_ANSWER_CHARS,
    MAX_KEY_CHARS,
    FaqTextError,
    FaqTextProblem,
)

EXAMPLE = "ответ 5А: что задали; домашнее задание = Домашние задания — в электронном дневнике"
EXAMPLE_PIN = "ответ 5А: когда собрание = закреп"

PINNED_POINTER = "📌 Ответ на этот вопрос — в закреплённом сообщении вверху чата."

_PROBLEMS = {
    FaqTextProblem.NO_EQUALS: "между вопросом и ответом нужен знак «=»",
    FaqTextProblem.NO_QUESTION: "перед знаком «=» нужен вопрос",
    FaqTextProblem.NO_ANSWER: "после знака «=» нужен ответ",
    FaqTextProblem.TOO_MANY: f"вариантов вопроса может быть не больше {MAX_ALTERNATIVES}",
    FaqTextProblem.TOO_LONG_QUESTION: f"вопрос длиннее {MAX_KEY_CHARS} знаков: «{{value}}…»",
    FaqTextProblem.TOO_LONG_ANSWER: f"ответ длиннее {MAX_ANSWER_CHARS} знаков",
    FaqTextProblem.NO_WORDS: (
        "в вопросе «{value}» нет ни одного значимого слова (одни «что», «когда», «где» не "
        "годятся: нужно, о чём спрашивают)"
    ),
}


def answer(text: str) -> str:
    return f"💡 {text}"


def where(class_name: ClassName | None) -> str:
    return f"класса {class_name}" if class_name else "для всей школы"


def bad_text(error: FaqTextError) -> str:
    why = _PROBLEMS[error.problem].format(value=error.value)
    return (
        f"Не получилось сохранить ответ: {why}.\n"
        "Как писать: ответ <класс>: <вопрос>[; другой вариант вопроса] = <ответ>\n"
        f"Пример: {EXAMPLE}\n"
        f"Если ответ уже есть в закреплённом сообщении: {EXAMPLE_PIN}"
    )


def no_class(class_name: ClassName) -> str:
    return f"Класса {class_name} нет в списках школы. Список классов: классы"


def added(number: int, entry: FaqEntry) -> str:
    asked = "; ".join(f"«{q}»" for q in entry.questions)
    shown = "отсылка к закреплённому сообщению" if entry.points_to_pin else f"«{entry.answer}»"
    return (
        f"Готово: ответ №{number} {where(entry.class_name)}.\n"
        f"Вопрос: {asked}\nОтвет: {shown}\n"
        "Когда в чате класса спросят об этом, я отвечу на вопрос. Удалить: "
        f"удалить ответ {number}"
    )


def listing(entries: Sequence[FaqEntry], class_name: ClassName | None) -> str:
    if not entries:
        return f"Ответов на частые вопросы {where(class_name)} пока нет.\nДобавить: {EXAMPLE}"
    lines = [f"Ответы на частые вопросы {where(class_name)}:"]
    for e in entries:
        scope = "" if e.class_name == class_name else f" ({where(e.class_name)})"
        shown = "см. закреплённое сообщение" if e.points_to_pin else e.answer
        lines.append(f"№{e.id}{scope}: {'; '.join(e.questions)} = {shown}")
    lines.append("Удалить: удалить ответ <номер>")
    return "\n".join(lines)


def not_found(number: int) -> str:
    return f"Ответа №{number} нет. Номера ответов покажет команда «ответы» с классом: ответы 5А"


def not_yours(number: int) -> str:
    return (
        f"Ответ №{number} относится к другому классу или ко всей школе; удалить его может "
        "куратор того класса или администратор."
    )


def removed(number: int) -> str:
    return f"Готово: ответ №{number} удалён."
