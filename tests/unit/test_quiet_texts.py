"""The quiet-hours note says when the teacher will answer, in words a parent reads at a glance."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain.quiet import QuietRules, next_morning
from bot.texts.quiet import held_for_quiet, morning_words, quiet_note, rules_words

MSK = ZoneInfo("Europe/Moscow")


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=MSK)


def test_when_the_teacher_answers():
    assert morning_words(at(2, 8), at(2, 1)) == "сегодня с 08:00"
    assert morning_words(at(2, 8), at(1, 21)) == "завтра с 08:00"
    assert morning_words(at(7, 8), at(4, 21)) == "с 08:00 понедельника, 07.12"


def test_the_rules_in_words():
    assert rules_words(QuietRules(MSK)) == "с 20:00 до 08:00, а в выходные — весь день"
    holidays = QuietRules(MSK, holidays=frozenset({at(31, 0).date()}))
    assert rules_words(holidays) == "с 20:00 до 08:00, а в выходные и праздники — весь день"
    only_days = QuietRules(MSK, start=time(8), end=time(8), holidays=holidays.holidays)
    assert rules_words(only_days) == "в выходные и праздники — весь день"
    workdays = QuietRules(MSK, weekends=False)
    assert rules_words(workdays) == "с 20:00 до 08:00"
    assert rules_words(QuietRules(MSK, start=time(8), end=time(8), weekends=False)) == ""


def test_the_note_on_a_friday_night():
    rules = QuietRules(MSK)
    note = quiet_note(rules, next_morning(at(4, 21), rules), at(4, 21), parents=True)
    assert "Учитель ответит в рабочее время — с 08:00 понедельника, 07.12." in note
    assert "безопасности ребёнка, звоните в школу" in note
    to_pupils = quiet_note(rules, next_morning(at(4, 21), rules), at(4, 21), parents=False)
    assert to_pupils.endswith("— с 08:00 понедельника, 07.12.")


def test_the_preview_says_why_the_post_waits():
    preview = "Публикация — предпросмотр.\nКогда: …\n\nТекст\n\nВсё верно? Нажмите «Опубликовать»."
    held = held_for_quiet(preview, at(2, 8), at(1, 22))
    assert "Время публикации (01.12 в 22:00) приходится на тихие часы" in held
    assert held == (
        "Публикация — предпросмотр.\nКогда: …\n\nТекст\n\n"
        "Время публикации (01.12 в 22:00) приходится на тихие часы в этих чатах, поэтому "
        "публикация уйдёт утром: 02.12.2026 в 08:00. Если нужно отправить без ожидания, нажмите "
        "«Отмена» и напишите команду ещё раз со словом «срочно» перед текстом (например: "
        "опубликовать 5А родители срочно Текст…).\n\nВсё верно? Нажмите «Опубликовать»."
    )
