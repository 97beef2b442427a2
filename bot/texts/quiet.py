"""Texts of quiet hours and away mode (parents, pupils and teachers read these)."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.quiet import QuietRules

_WEEKDAYS_OF = (
    "понедельника",
    "вторника",
    "среды",
    "четверга",
    "пятницы",
    "субботы",
    "воскресенья",
)


def _hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def morning_words(morning: datetime, now: datetime) -> str:
    """«сегодня с 08:00», «завтра с 08:00», «с 08:00 понедельника, 07.12»."""
    days = (morning.date() - now.astimezone(morning.tzinfo).date()).days
    if days == 0:
        return f"сегодня с {_hm(morning)}"
    if days == 1:
        return f"завтра с {_hm(morning)}"
    return f"с {_hm(morning)} {_WEEKDAYS_OF[morning.weekday()]}, {morning:%d.%m}"


def rules_words(rules: QuietRules) -> str:
    """«с 20:00 до 08:00, а в выходные и праздники — весь день»."""
    daily = f"с {rules.start:%H:%M} до {rules.end:%H:%M}" if rules.start != rules.end else ""
    days = (["выходные"] if rules.weekends else []) + (["праздники"] if rules.holidays else [])
    if not days:
        return daily
    whole = f"в {' и '.join(days)} — весь день"
    return f"{daily}, а {whole}" if daily else whole


def quiet_note(rules: QuietRules, morning: datetime, now: datetime, *, parents: bool) -> str:
    note = (
        f"Спасибо за сообщение! Сейчас в чате тихие часы ({rules_words(rules)}). "
        f"Учитель ответит в рабочее время — {morning_words(morning, now)}."
    )
    if parents:
        note += " Если дело срочное и касается здоровья или безопасности ребёнка, звоните в школу."
    return note


def held_for_quiet(preview: str, morning: datetime, wanted: datetime | None) -> str:
    if wanted is not None:
        when = (
            f"Время публикации ({wanted:%d.%m в %H:%M}) приходится на тихие часы в этих чатах, "
            f"поэтому публикация уйдёт утром: {morning:%d.%m.%Y в %H:%M}."
        )
    else:
        when = (
            "Сейчас в этих чатах тихие часы: если подтвердить публикацию до их конца, она уйдёт "
            f"утром — {morning:%d.%m.%Y в %H:%M}."
        )
    note = (
        f"{when} Если нужно отправить без ожидания, нажмите «Отмена» и напишите команду ещё раз "
        "со словом «срочно» перед текстом (например: опубликовать 5А родители срочно Текст…)."
    )
    head, sep, tail = preview.rpartition("\n\nВсё верно?")
    return f"{head}\n\n{note}{sep}{tail}" if sep else f"{preview}\n\n{note}"


HELD_AT_PRESS = "В этих чатах сейчас тихие часы, поэтому публикация подождёт утра."


# --- away mode --------------------------------------------------------------------------------
EXAMPLE_AWAY = "отсутствую с 01.12 по 05.12: Я на курсах, по срочным вопросам — к завучу."
DEFAULT_AWAY_MESSAGE = "Отвечу после возвращения."


def _day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _span(first: date, last: date) -> str:
    return f"{_day(first)}" if first == last else f"с {_day(first)} по {_day(last)}"


def away_reply(name: str, first: date, last: date, message: str) -> str:
    return f"{name} отсутствует {_span(first, last)}. {message}"


def away_set(name: str, first: date, last: date, message: str) -> str:
    return (
        f"Готово: отсутствие {_span(first, last)}. Тем, кто упомянет вас в чатах школы или "
        "ответит на ваше сообщение, бот ответит (одному человеку — раз в день):\n"
        f"«{away_reply(name, first, last, message)}»\n"
        "Отменить: отсутствие отменить"
    )


def away_shown(name: str, first: date, last: date, message: str) -> str:
    return (
        f"Вы отсутствуете {_span(first, last)}. Ответ в чатах:\n"
        f"«{away_reply(name, first, last, message)}»\nОтменить: отсутствие отменить"
    )


AWAY_NONE = (
    "Отсутствие не задано. Задать: отсутствую с 01.12 по 05.12: текст ответа "
    "(даты — по времени школы)."
)
AWAY_CANCELLED = "Готово: отсутствие отменено, бот больше не отвечает за вас."

AWAY_PROBLEMS = {
    "no_dates": "Не вижу дат отсутствия.",
    "bad_date": "Не понимаю дату «{value}».",
    "ends_before_start": "Дата окончания раньше даты начала.",
    "past": "Эти дни уже прошли.",
    "too_long": "Отсутствие можно задать не больше чем на 180 дней.",
    "too_far": "Начало отсутствия — больше чем через год.",
    "message_too_long": "Текст ответа длинноват: не больше {value} знаков.",
}


def away_error(problem: str, value: str) -> str:
    return (
        AWAY_PROBLEMS[problem].format(value=value)
        + f" Ничего не изменено. Напишите так:\n{EXAMPLE_AWAY}\nили: отсутствую по 05.12"
    )
