"""Russian texts for the confidential line: appeals to the psychologist and the administration."""

from __future__ import annotations

from bot.texts.grammar import counted

APPEALS = ("обращение", "обращения", "обращений")

ADMINISTRATION = "администрация школы"
HELPLINE = "Детский телефон доверия: 8-800-2000-122 (бесплатно, круглосуточно)."
EXAMPLE_PSYCHOLOGIST = "психологу: Мне тяжело на переменах, хочу поговорить"
EXAMPLE_ANSWER = "ответить обращению 7: Здравствуйте! Давайте встретимся завтра после уроков."

ONLY_IN_DM = (
    "Обращения к психологу и администрации я принимаю только в личных сообщениях сообщества — "
    "так их не увидит никто, кроме адресата. Напишите мне сюда, например:\n"
    f"{EXAMPLE_PSYCHOLOGIST}"
)
NO_PSYCHOLOGIST = (
    "В боте пока не указан школьный психолог, поэтому ваше обращение получит администрация "
    "школы. С психологом можно поговорить и лично — спросите, где его "
    "найти, в учительской или у администрации.\n"
)
ANSWER_ONLY_IN_DM = (
    "Отвечайте на обращения только в личных сообщениях сообщества, чтобы ответ не увидели другие."
)


def sent(number: int, to: str) -> str:
    return (
        f"Спасибо, что написали. Ваше обращение №{number} передано: {to}. Его не видят ни класс, "
        "ни куратор. Вам ответят здесь, через бота, или напишут лично."
    )


def undelivered(to: str) -> str:
    return (
        f"Извините, сейчас не получается передать ваше сообщение ({to} ещё не открыл(а) "
        "сообщения от сообщества). Пожалуйста, подойдите лично или попробуйте позже.\n"
        f"{HELPLINE}"
    )


def too_many(limit: int) -> str:
    return (
        f"Вы уже отправили {counted(limit, APPEALS)} за сутки — больше бот пока не принимает. "
        "Ваши сообщения получены, вам обязательно ответят. Если дело срочное, подойдите лично.\n"
        f"{HELPLINE}"
    )


def empty(example: str) -> str:
    return f"Напишите, пожалуйста, текст обращения после двоеточия.\nПример: {example}"


def to_recipient(number: int, to: str, who: str, text: str) -> str:
    return (
        f"Обращение №{number} ({to}), через доверительную линию бота.\n"
        f"От: {who}\n\n{text}\n\n"
        "Можно написать человеку лично или ответить через бота (он увидит ответ в диалоге с "
        f"сообществом):\nответить обращению {number}: ваш ответ"
    )


NOT_ON_ROSTER = "нет в списках школы (может быть ученик, которого ещё не внесли)"


def who(link: str, about: str) -> str:
    return f"{link}, {about}" if about else link


def pupil_of(classes: str) -> str:
    return f"ученик(ца) {classes}"


def parent_of(children: str) -> str:
    return f"родитель: {children}"


def answer_to_sender(number: int, by: str, text: str) -> str:
    return f"Ответ на ваше обращение №{number} ({by}):\n\n{text}"


def answer_sent(number: int) -> str:
    return f"Готово: ответ на обращение №{number} отправлен."


def answer_undelivered(number: int) -> str:
    return (
        f"Не получилось отправить ответ на обращение №{number}: человек закрыл сообщения от "
        "сообщества. Напишите ему лично."
    )


def not_yours(number: int) -> str:
    return f"Обращения №{number} нет среди адресованных вам. Проверьте номер в пересланном письме."


def empty_answer() -> str:
    return f"Напишите текст ответа после номера и двоеточия.\nПример: {EXAMPLE_ANSWER}"
