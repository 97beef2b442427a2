"""Russian texts for the class join link: what the curator gets, the short talk with whoever opens
the link, the curator's request with its buttons, and the answers to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.texts.invites import day, mention, plural

BUTTON_ADMIT = "Впустить"
BUTTON_REFUSE = "Отклонить"
MAX_LABEL = 40  # VK cuts a button's label at 40 characters


def admit_as(name: str) -> str:
    label = f"{BUTTON_ADMIT}: {name}"
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


WRONG_CHAT_KIND = (
    "Общая ссылка бывает только для чата родителей или чата учеников класса. "
    "Пример: ссылка для класса 5А родители"
)


def render_link_issued(
    *, chat_title: str, link: str, expires_on: date, replaced: int, for_parents: bool, command: str
) -> str:
    who = "родители" if for_parents else "ученики"
    asks = "чей он родитель" if for_parents else "как его зовут"
    lines = [
        f"Общая ссылка в чат «{chat_title}»: {link}",
        f"Действует до {day(expires_on)}.",
        "",
        f"Опубликуйте её один раз там, где {who} уже общаются (в другом мессенджере, в письме, "
        "на собрании). Кто откроет ссылку, напишет мне, "
        f"{asks}; я сверю ответ со списками класса и пришлю вам запрос с кнопками "
        f"«{BUTTON_ADMIT}» и «{BUTTON_REFUSE}». Посторонним, кого нет в списках, я откажу сам.",
    ]
    if replaced:
        lines.append("Прежняя общая ссылка в этот чат отменена.")
    lines.append(f"Отменить ссылку: {command}")
    return "\n".join(lines)


def render_links_revoked(chat_title: str, count: int) -> str:
    if count == 0:
        return f"У чата «{chat_title}» нет действующей общей ссылки."
    return f"Общая ссылка в чат «{chat_title}» отменена: по ней больше никто не войдёт."


# ---------------------------------------------------------------- talk with whoever opens it

LINK_EXPIRED = (
    "Срок действия этой ссылки истёк. Пожалуйста, попросите у куратора класса новую ссылку."
)
LINK_REVOKED = "Эта ссылка больше не действует. Пожалуйста, обратитесь к куратору класса."


def render_question(chat_title: str, for_parents: bool) -> str:
    if for_parents:
        return (
            f"Здравствуйте! Это вход в чат «{chat_title}». Напишите, пожалуйста, фамилию и имя "
            "вашего ребёнка, как в школьных списках, например: Иванов Пётр.\n"
            "Я сверю их со списком класса и передам куратору — он подтвердит ваш вход."
        )
    return (
        f"Привет! Это вход в чат «{chat_title}». Напиши, пожалуйста, свои фамилию и имя, "
        "как в школьном журнале, например: Иванов Пётр.\n"
        "Я сверю их со списком класса и передам куратору — он подтвердит твой вход."
    )


def render_not_found(class_name: str, tries_left: int, for_parents: bool) -> str:
    whom = "ученика" if for_parents else "такого ученика"
    again = "Напишите" if for_parents else "Напиши"
    word = plural(tries_left, "попытка", "попытки", "попыток")
    return (
        f"Не нашёл {whom} в списке {class_name}. {again} фамилию и имя полностью, как в школьных "
        f"списках, например: Иванов Пётр. Осталось: {tries_left} {word}."
    )


def render_several(class_name: str, tries_left: int) -> str:
    word = plural(tries_left, "попытка", "попытки", "попыток")
    return (
        f"В {class_name} несколько учеников с таким именем. Добавьте, пожалуйста, отчество, "
        f"например: Иванов Пётр Сергеевич. Осталось: {tries_left} {word}."
    )


def render_gave_up(curator_name: str | None, curator_vk_id: int | None) -> str:
    ask = (
        f"к куратору класса — {mention(curator_name, curator_vk_id)}"
        if curator_name
        else "к куратору класса или в администрацию школы"
    )
    return (
        "Не получилось найти такого ученика в списках класса, поэтому впустить вас в чат я не "
        f"могу. Если это ошибка, пожалуйста, обратитесь лично {ask}."
    )


def render_sent(curator_name: str | None) -> str:
    who = f"куратору класса — {curator_name}" if curator_name else "куратору класса"
    return (
        f"Спасибо! Я передал запрос {who}. Как только он подтвердит, я пришлю кнопку для входа "
        "в чат."
    )


ALREADY_WAITING = (
    "Ваш запрос уже у куратора класса. Как только он подтвердит, я пришлю кнопку для входа в чат."
)
COOLING = (
    "Недавно по вашему запросу уже было решение. Если это ошибка, пожалуйста, обратитесь к "
    "куратору класса лично."
)
TOO_MANY = (
    "У вас уже несколько запросов ждут решения кураторов. Пожалуйста, дождитесь ответа на них."
)
PUPIL_BUSY = (
    "По этому ученику уже есть запросы у куратора. Пожалуйста, дождитесь решения или обратитесь "
    "к куратору лично."
)
CANCELLED = "Хорошо, запрос отменён. Открыть ссылку можно снова в любой момент."


def render_known(chat_title: str) -> str:
    return (
        f"Вы есть в списках класса — добро пожаловать! Нажмите кнопку «Вступить в чат», чтобы "
        f"войти в чат «{chat_title}».\nПожалуйста, не пересылайте эту ссылку: она только для вас."
    )


# ---------------------------------------------------------------- the curator's request


@dataclass(frozen=True, slots=True)
class RosterPage:
    """A person of the roster the request is about, with what their VK page tells."""

    name: str
    vk_id: int | None  # the page on the roster, if any
    name_matches: bool  # the requester's VK name is this person's


def _page_note(entry: RosterPage, requester_vk_id: int) -> str:
    if entry.vk_id is None:
        note = "страница ВКонтакте в списках не указана"
        return note + (", имя совпадает ✅" if entry.name_matches else "")
    if entry.vk_id == requester_vk_id:
        return f"vk.com/id{entry.vk_id} — та же страница ✅"
    return f"vk.com/id{entry.vk_id} — другая страница ⚠"


def render_request(
    *,
    number: int,
    chat_title: str,
    requester: str,
    requester_vk_id: int,
    pupil_name: str,
    class_name: str,
    for_parents: bool,
    roster: Sequence[RosterPage],
) -> str:
    """To the curator: one request, already matched against the roster."""
    lines = [
        f"🙋 Запрос №{number} на вход в чат «{chat_title}» по общей ссылке.",
        f"Кто: {requester}, vk.com/id{requester_vk_id}",
    ]
    if for_parents:
        lines.append(f"Пишет, что родитель ученика {class_name}: {pupil_name} — есть в списках ✅")
        if roster:
            lines.append("Родители в списках:")
            lines += [f"• {e.name} — {_page_note(e, requester_vk_id)}" for e in roster]
        else:
            lines.append("Родителей этого ученика в списках нет.")
    else:
        entry = roster[0] if roster else RosterPage(pupil_name, None, False)
        lines.append(f"Пишет, что это ученик {class_name}: {pupil_name} — есть в списках ✅")
        lines.append(f"В списках: {_page_note(entry, requester_vk_id)}")
    if any(e.name_matches and e.vk_id is None for e in roster):
        lines.append("Имя во ВКонтакте совпадает со списком: при входе страница будет записана.")
    lines.append(
        f"Впустить? «{BUTTON_ADMIT}» — пришлю кнопку для входа, «{BUTTON_REFUSE}» — откажу."
    )
    return "\n".join(lines)


PRESS_UNKNOWN = "Этого запроса я не знаю."
PRESS_REFUSED = "Решать это могут только куратор класса и администраторы."
PRESS_ALREADY = "Этот запрос уже решён."
PRESS_ADMITTED = "Готово: я прислал кнопку для входа в чат."
PRESS_ADMITTED_BOUND = "Готово: впустил и записал страницу ВКонтакте."
PRESS_DECLINED = "Хорошо, отклонил. Я вежливо ответил."


def render_approved(chat_title: str) -> str:
    return (
        f"Куратор подтвердил ваш вход в чат «{chat_title}». Нажмите кнопку «Вступить в чат».\n"
        "Пожалуйста, не пересылайте эту ссылку: она только для вас."
    )


def render_declined(chat_title: str) -> str:
    return (
        f"Куратор не подтвердил ваш вход в чат «{chat_title}». Если это ошибка, пожалуйста, "
        "обратитесь к куратору класса лично."
    )
