"""Russian grammar for texts: one plural rule and the cases the bot's messages need.

`plural` picks the form a number takes («1 минута», «2 минуты», «5 минут»); `counted` writes the
number with it. Forms are given as the triple (one, few, many) in the case the sentence wants:
«через 1 минуту» is the accusative triple ("минуту", "минуты", "минут").
"""

from __future__ import annotations

from bot.domain.chats import ChatKind

Forms = tuple[str, str, str]

# Triples the bot's texts use more than once; accusative where a sentence says «на …»/«через …».
MINUTES: Forms = ("минута", "минуты", "минут")
MINUTES_ACC: Forms = ("минуту", "минуты", "минут")
HOURS: Forms = ("час", "часа", "часов")
DAYS: Forms = ("день", "дня", "дней")
TIMES: Forms = ("раз", "раза", "раз")
PEOPLE: Forms = ("человек", "человека", "человек")
# After «у», «нет», «из»: «у 1 человека», «нет 3 человек».
PEOPLE_GEN: Forms = ("человека", "человек", "человек")
INVITATIONS: Forms = ("приглашение", "приглашения", "приглашений")
CLASSES: Forms = ("класс", "класса", "классов")
MESSAGES: Forms = ("сообщение", "сообщения", "сообщений")


def plural(n: int, one: str, few: str, many: str) -> str:
    """plural(1, "код", "кода", "кодов") → «код»; 3 → «кода»; 5, 11, 12 → «кодов»."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def counted(n: int, forms: Forms) -> str:
    """counted(21, DAYS) → «21 день»; counted(5, MINUTES_ACC) → «5 минут»."""
    return f"{n} {plural(n, *forms)}"


# Chat kinds as a sentence needs them: «нет чата учеников», «в чат родителей».
CHAT_KIND_GENITIVE: dict[ChatKind, str] = {
    ChatKind.PUPILS: "учеников",
    ChatKind.PARENTS: "родителей",
    ChatKind.SUBJECT: "по предмету",
    ChatKind.TEACHERS_ROOM: "учительской",
    ChatKind.DIRECTOR_DEPUTIES: "администрации",
    ChatKind.DIRECTOR_TEACHERS: "директора и педагогов",
    ChatKind.CHANNEL_GENERAL: "общего канала",
    ChatKind.CHANNEL_STAFF: "сотрудников",
}


def chat_of(kind: ChatKind) -> str:
    """«чат учеников», «чат родителей»: a class chat named by whom it is for."""
    return f"чат {CHAT_KIND_GENITIVE[kind]}"


def no_chat_of(kind: ChatKind) -> str:
    """«нет чата учеников» (the genitive after «нет»)."""
    return f"нет чата {CHAT_KIND_GENITIVE[kind]}"


def join_and(items: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} и {items[-1]}"
