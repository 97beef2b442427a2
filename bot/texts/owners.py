"""Russian texts for whose invitation it is: the curator's notices about another account trying
someone's invitation, or the first claimer taking a VK page the roster did not know, and what the
buttons under them say."""

from __future__ import annotations

BUTTON_ADMIT = "Впустить"
BUTTON_DENY = "Не впускать"
BUTTON_UNDO = "Отменить и удалить"


def page(vk_id: int) -> str:
    return f"vk.com/id{vk_id}"


def whose(person_name: str, child_name: str | None) -> str:
    """«Иванова Елена Викторовна (родитель: Иванов Пётр Сергеевич)»."""
    return f"«{person_name}»" + (f" (родитель: {child_name})" if child_name else "")


def render_foreign_notice(
    *,
    claimer: str,
    claimer_vk_id: int,
    person_name: str,
    child_name: str | None,
    chat_title: str,
    owner_vk_id: int | None,
    spent: bool,
) -> str:
    """To the curator: someone tried an invitation made out to another person."""
    lines = [
        f"⚠ Чужое приглашение. {claimer} ({page(claimer_vk_id)}) пытается войти в чат "
        f"«{chat_title}» по приглашению для {whose(person_name, child_name)}."
    ]
    if spent:
        lines.append("Этим приглашением уже воспользовались, я отказал.")
    elif owner_vk_id is not None:
        lines.append(
            f"В списках у этого человека другая страница ВКонтакте: {page(owner_vk_id)}. "
            "Я отказал; приглашение по-прежнему действует для своего владельца."
        )
    lines.append(
        f"Если вы знаете этого человека (второй родитель, новая страница того же человека), "
        f"нажмите «{BUTTON_ADMIT}» — "
        f"я пришлю ему кнопку для входа в чат. «{BUTTON_DENY}» — я вежливо откажу."
    )
    return "\n".join(lines)


def render_bound_notice(
    *,
    claimer: str,
    claimer_vk_id: int,
    person_name: str,
    child_name: str | None,
    chat_title: str,
    bound: bool,
    name_matches: bool,
) -> str:
    """To the curator at once: the roster had no VK page, and the first claimer took the
    invitation (and, when nobody else holds it, the page is now the person's)."""
    lines = [
        f"🔑 {claimer} ({page(claimer_vk_id)}) вошёл по приглашению для "
        f"{whose(person_name, child_name)} в чат «{chat_title}»."
    ]
    if bound:
        lines.append("Страницы ВКонтакте этого человека в списках не было — теперь записана эта.")
    else:
        lines.append(
            "Страницы ВКонтакте этого человека в списках не было; эта страница уже записана "
            "в списках за другим человеком, поэтому я её не привязал."
        )
    if name_matches:
        lines.append("Имя во ВКонтакте совпадает со списком.")
    else:
        lines.append("⚠ Имя во ВКонтакте не совпадает со списком — проверьте, пожалуйста.")
    lines.append(
        f"Если это не тот человек, нажмите «{BUTTON_UNDO}»: приглашение отменится, а эта "
        "страница будет удалена из чата."
    )
    return "\n".join(lines)


# ---------------------------------------------------------------- answers to the buttons

PRESS_UNKNOWN = "Этого запроса я не знаю."
PRESS_REFUSED = "Решать это могут только куратор класса и администраторы."
PRESS_ALREADY = "Это уже решено."
PRESS_ADMITTED = "Готово: я прислал кнопку для входа в чат."
PRESS_DENIED = "Хорошо, не впускаю. Я вежливо ответил."
PRESS_UNDONE = "Отменено: приглашение аннулировано, страница удалена из чата."
PRESS_NO_CHAT = "Чата этого приглашения больше нет."


def render_admitted_by_curator(chat_title: str) -> str:
    return (
        f"Куратор разрешил вам войти в чат «{chat_title}». Нажмите кнопку «Вступить в чат».\n"
        "Пожалуйста, не пересылайте эту ссылку: она только для вас."
    )


def render_denied_by_curator(chat_title: str) -> str:
    return (
        f"Куратор не подтвердил ваш вход в чат «{chat_title}». Если это ошибка, пожалуйста, "
        "обратитесь к куратору класса лично."
    )


def render_undone(chat_title: str) -> str:
    return (
        f"Куратор класса отменил ваш вход в чат «{chat_title}» по чужому приглашению. Если это "
        "ошибка, пожалуйста, обратитесь к куратору лично."
    )


def render_undone_for_curator(person_name: str, class_name: str | None) -> str:
    example = f"пригласить {class_name} {person_name}" if class_name else "пригласить …"
    return (
        f"Вход по приглашению для «{person_name}» отменён: приглашение аннулировано, страница "
        f"удалена из чата и из списков. Новое приглашение: {example}"
    )
