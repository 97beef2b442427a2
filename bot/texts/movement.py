"""Russian texts for the movement of people and the new school year."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.school_year import YearPlan

MOVE_HOWTO = (
    "Напишите, кого и куда перевести: «перевести Иванов Пётр 5А 6Б» "
    "(сначала ученик — как в списках или упоминанием, затем прежний и новый класс)."
)
LEFT_HOWTO = "Напишите, кто выбыл: «выбыл Иванов Пётр» или «выбыл [id123|Иван Петров]»."
NOT_FOUND = "Не нашёл такого человека в списках школы. Проверьте, как он записан: «класс 5А»."
SAME_CLASS = "Прежний и новый класс совпадают — переводить некуда."
NO_SUCH_CLASS = "Класса {name} нет. Список классов — команда «классы»."


def ambiguous(names: Sequence[str]) -> str:
    return (
        "Под это описание подходят несколько человек: "
        + "; ".join(names)
        + ". Уточните: полное имя или упоминание [id…|Имя]."
    )


def moved(
    name: str, old: str, new: str, removed: int, invited: Sequence[str], no_chat: Sequence[str]
) -> str:
    lines = [f"Готово: {name} переведён(а) из {old} в {new}."]
    if removed:
        lines.append(f"Удалены из чатов {old}: {removed}.")
    if invited:
        lines.append("Приглашения в чаты нового класса переданы куратору: " + ", ".join(invited))
    for what in no_chat:
        lines.append(f"У {new} ещё нет чата: {what}; пригласить можно, когда он появится.")
    return "\n".join(lines)


def left(name: str, removed: int, annulled_roles: int) -> str:
    return (
        f"Готово: {name} выбыл(а). Удалён(а) из чатов: {removed}; снято ролей: {annulled_roles}; "
        "открытые приглашения аннулированы. Запись о человеке сохранена."
    )


def invitations_for_curator(name: str, new: str) -> str:
    return (
        f"В ваш класс {new} переведён(а) {name}. Ниже — личные приглашения в чаты класса: "
        "перешлите каждое адресату."
    )


MOVED_NOTE = (
    "Вы перешли в другой класс, поэтому бот убрал вас из чата «{title}». "
    "Приглашение в чаты нового класса пришлёт куратор."
)
LEFT_NOTE = "Бот убрал вас из чата «{title}»: по данным школы вы больше не состоите в ней."

# --- the new school year -------------------------------------------------------------------
YEAR_RUN = "Выполнить"
YEAR_CANCEL = "Отмена"
YEAR_CANCELLED = "Переход на новый учебный год отменён."
YEAR_STALE = "Этот план устарел: классы изменились. Напишите «новый учебный год» ещё раз."
YEAR_REFUSED = "Переход на новый учебный год выполняет только администратор."
YEAR_DONE_NOTE = "Новый учебный год начат"
YEAR_NOTHING = "В школе пока нет классов — переводить некого."


def year_preview(plan: YearPlan, graduate_chats: str) -> str:
    lines = [f"Новый учебный год: план (завершается {plan.label}).", "", "Классы:"]
    lines += [f"• {old} → {new}" for old, new in plan.moves]
    lines += [f"• {name} — выпуск" for name in plan.graduating]
    if plan.retitles:
        lines += ["", "Новые названия чатов:"]
        lines += [f"• «{r.chat.title}» → «{r.new_title}»" for r in plan.retitles]
    if plan.archived:
        what = "бот выйдет из чата" if graduate_chats == "leave" else "чат станет только для чтения"
        lines += ["", f"В архив ({what}):"]
        lines += [f"• «{chat.title}»" for chat in plan.archived]
    lines += ["", "Все записи о прошлом годе сохранятся. Выполнить?"]
    return "\n".join(lines)


def year_done(plan: YearPlan, failed_titles: Sequence[str]) -> str:
    lines = [
        f"Готово: новый учебный год начат. Переведено классов: {len(plan.moves)}, "
        f"выпущено: {len(plan.graduating)}, чатов в архиве: {len(plan.archived)}, "
        f"переименовано чатов: {len(plan.retitles) - len(failed_titles)}."
    ]
    for title in failed_titles:
        lines.append(
            f"Не удалось переименовать «{title}» во ВКонтакте — нужны права администратора."
        )
    return "\n".join(lines)


GRADUATE_FAREWELL = (
    "Поздравляем выпускников! Класс окончил школу, этот чат переходит в архив: "
    "бот больше не ведёт его."
)
