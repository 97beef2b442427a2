"""Russian texts of the dialog menu: what a known person (or anyone) can do here, a parent's
question passed to the curator, and what waits for a curator the bot cannot write to yet."""

from __future__ import annotations

from collections.abc import Sequence

from bot.texts.invites import mention


def menu_head(school: str) -> str:
    return f"Здравствуйте! Я помощник школы «{school}». Вот что можно сделать здесь:"


def stranger_head(school: str) -> str:
    return f"Здравствуйте! Я помощник школы «{school}»."


MENU_TAIL = "Все команды, доступные вам: помощь"

PSYCHOLOGIST = (
    "• «психологу: ваш текст» — написать школьному психологу: никто в классе и куратор этого "
    "не увидят;"
)
# Without a psychologist in the config, appeals go to the administration (appeals.py).
PSYCHOLOGIST_VIA_ADMINISTRATION = (
    "• «психологу: ваш текст» — доверительная линия: сообщение получит администрация школы "
    "(психолога в боте пока нет), класс и куратор его не увидят;"
)
ADMINISTRATION = "• «администрации: ваш текст» — написать директору и заместителям;"
WHOAMI = "• «кто я» — как меня знает бот."


def ask_curator_line(class_name: str, curator: str | None, *, asked: bool) -> str:
    who = f" ({curator})" if curator else ""
    if asked:
        return (
            f"• вопрос куратору {class_name}{who} — нажмите кнопку «Передать куратору» под этим "
            "сообщением, и я перешлю ему ваше сообщение;"
        )
    return (
        f"• вопрос куратору {class_name}{who} — напишите его сюда одним сообщением, и я "
        "предложу передать его куратору;"
    )


def no_curator_line(class_name: str) -> str:
    return f"• у класса {class_name} пока нет куратора в боте — вопрос можно задать администрации;"


STAFF_LINES: dict[str, tuple[str, ...]] = {
    "admin": (
        "• «чаты всем классам» — создать чаты учеников и родителей для всех классов сразу;",
        "• «импорт» — как загрузить списки классов; «классы» — все классы;",
        "• «аудит все» — проверить чаты, приглашения и права бота;",
    ),
    "leader": (
        "• «статистика» — картина школы за неделю; «журнал» — последние действия;",
        "• «опубликовать канал Текст» — объявление в общий канал школы;",
    ),
    "teacher": (
        "• «отсутствую с 01.12 по 05.12: текст» — режим отсутствия;",
        "• «официально» — ответом на своё сообщение в чате: бот подтвердит, что оно от школы;",
    ),
}


def curator_lines(class_name: str) -> tuple[str, ...]:
    return (
        f"• «статус {class_name}» — кто уже вступил в чаты класса, а кто нет;",
        f"• «пригласить {class_name} родители» — личные приглашения для родителей;",
        f"• «объявление с подтверждением {class_name}: текст» — объявление с кнопкой "
        "«Ознакомлен(а)»;",
    )


STRANGER_LINES = (
    "Вас пока нет в списках школы, поэтому открыть вам чаты класса я не могу.",
    "• Если вы ученик или родитель — попросите у классного руководителя личное приглашение.",
)
STRANGER_PSYCHOLOGIST = (
    "• Если вам тяжело или нужна помощь — напишите «психологу: ваш текст». Это "
    "конфиденциально: сообщение получит только школьный психолог."
)
STRANGER_VIA_ADMINISTRATION = (
    "• Если вам тяжело или нужна помощь — напишите «психологу: ваш текст». Это "
    "конфиденциально: класс его не увидит, сообщение получит администрация школы."
)

ASK_BUTTON = "Передать куратору"


def ask_button(class_name: str, several: bool) -> str:
    return f"{ASK_BUTTON} {class_name}" if several else ASK_BUTTON


# ---------------------------------------------------------------- the question to the curator


def question_to_curator(who: str, class_name: str, text: str | None, *, held_since: bool) -> str:
    lines = []
    if held_since:
        lines.append("Этот вопрос ждал, пока вы напишете сообществу.")
    lines.append(f"Вопрос родителя ({class_name}) через бота.")
    lines.append(f"От: {who}")
    lines.append("")
    lines.append(text if text else "(родитель уже удалил своё сообщение)")
    lines.append("")
    lines.append("Ответьте родителю лично (ссылка на страницу — выше) или в чате родителей класса.")
    return "\n".join(lines)


def parent_who(name: str, vk_id: int, children: Sequence[str]) -> str:
    about = f", родитель: {', '.join(children)}" if children else ""
    return f"{mention(name, vk_id)}{about}"


ASK_SENT_NOTE = "Передал куратору"
ASK_HELD_NOTE = "Передам, как только куратор напишет сообществу"
ASK_NOT_YOURS = "Эта кнопка — для родителей учеников класса"
ASK_GONE = "Не нашёл вашего сообщения — напишите вопрос ещё раз"


def ask_sent(class_name: str, curator: str) -> str:
    return (
        f"Передал ваш вопрос куратору {class_name} — {curator}. Ответ придёт от куратора лично "
        "или в чате родителей."
    )


def ask_held(class_name: str, curator: str, curator_vk_id: int | None) -> str:
    return (
        f"Куратор {class_name} — {mention(curator, curator_vk_id)} — пока не получает сообщений "
        "от сообщества. Я передам ваш вопрос, как только куратор напишет нам; можно написать "
        "куратору и самостоятельно."
    )


# ---------------------------------------------------------------- a curator who cannot be reached


def unreachable_curator(
    class_names: Sequence[str], name: str, vk_id: int | None, what: str, fix_link: str
) -> str:
    """To the administrators: who cannot get the bot's messages, and the link that fixes it."""
    classes = ", ".join(class_names)
    return (
        f"Куратор {classes} — {mention(name, vk_id)} — ещё не писал сообществу, поэтому "
        f"передать {what} я не могу. Попросите куратора открыть {fix_link} и нажать «Начать» "
        "(или написать что-нибудь): всё, что ждёт, придёт сразу."
    )


WHAT_QUESTION = "вопрос родителя"
WHAT_LINKS = "ссылки на чаты класса"
