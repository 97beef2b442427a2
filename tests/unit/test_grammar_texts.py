"""One plural rule and the cases real messages need: what a person reads is grammatical for
every number."""

from datetime import date, timedelta

import pytest

from bot.domain.chats import ChatKind
from bot.texts import audits, commands, invites, moderation, posts
from bot.texts.grammar import (
    DAYS,
    MINUTES,
    MINUTES_ACC,
    PEOPLE,
    PEOPLE_GEN,
    chat_of,
    counted,
    join_and,
    no_chat_of,
    plural,
)

# n → the form of «минута» it takes
EXPECTED = {
    0: "минут",
    1: "минута",
    2: "минуты",
    5: "минут",
    11: "минут",
    12: "минут",
    14: "минут",
    21: "минута",
    22: "минуты",
    25: "минут",
    101: "минута",
    111: "минут",
    1000: "минут",
}


@pytest.mark.parametrize(("n", "form"), EXPECTED.items())
def test_plural_takes_the_russian_form_for_every_number(n, form):
    assert plural(n, *MINUTES) == form
    assert counted(n, MINUTES) == f"{n} {form}"
    assert plural(-n, *MINUTES) == form  # «на −5 минут» never happens, but the sign is no case


def test_forms_in_the_case_the_sentence_wants():
    assert counted(1, MINUTES_ACC) == "1 минуту"
    assert counted(21, DAYS) == "21 день"
    assert counted(3, PEOPLE) == "3 человека"
    assert counted(11, PEOPLE) == "11 человек"
    assert counted(1, PEOPLE_GEN) == "1 человека"  # «у 1 человека»
    assert counted(3, PEOPLE_GEN) == "3 человек"  # «нет 3 человек»


def test_the_old_import_still_works_and_is_the_same_rule():
    assert invites.plural is plural


def test_chat_kinds_in_the_genitive():
    assert no_chat_of(ChatKind.PUPILS) == "нет чата учеников"
    assert no_chat_of(ChatKind.PARENTS) == "нет чата родителей"
    assert chat_of(ChatKind.PARENTS) == "чат родителей"
    assert join_and(["5А"]) == "5А"
    assert join_and(["5А", "6Б", "7В"]) == "5А, 6Б и 7В"


def test_the_audit_names_the_missing_chat_in_the_genitive():
    line = audits.no_chat_line("5А", audits.CHAT_WHAT_PUPILS)
    assert line == "5А: нет чата учеников («создать чат 5А ученики»)"
    assert "нет чата родителей" in audits.no_chat_line("5А", audits.CHAT_WHAT_PARENTS)
    assert audits.warnings_summary(1, 2) == "снято истёкших предупреждений: 2 (у 1 человека)"


@pytest.mark.parametrize(("minutes", "words"), [(60, "60 минут"), (1, "1 минуту"), (3, "3 минуты")])
def test_restriction_minutes_are_words_and_the_sentence_ends_once(minutes, words):
    alert = moderation.alert(
        chat="5А · родители",
        author="Иван",
        rule="profanity",
        clause="4.5",
        masked="***",
        steps=["deleted", "restricted"],
        warnings=2,
        days=30,
        restrict_minutes=minutes,
    )
    assert f"запрет писать на {words}." in alert
    assert ".." not in alert
    assert "за 30 дней: 2." in alert
    warning = moderation.warning(
        "Иван", "profanity", "4.5", None, deleted=True, restrict_minutes=minutes, removed=False
    )
    assert warning.endswith(f"Писать в чат вы сможете через {words}.")


def test_no_new_invitations_is_not_done_zero():
    text = invites.render_issued(
        chat_title="5А · родители", count=0, expires_on=date(2026, 12, 1), skipped=("Иванова Е.",)
    )
    assert "Готово" not in text and "0 приглашений" not in text
    assert text.startswith("Новых приглашений в чат «5А · родители» нет")
    assert "Иванова Е." in text
    many = invites.render_issued(chat_title="5А · родители", count=21, expires_on=date(2026, 12, 1))
    assert many.startswith("Готово: 21 приглашение в чат")


def test_reminder_offsets_in_words():
    assert posts.offset_words(timedelta(days=1)) == "1 день"
    assert posts.offset_words(timedelta(hours=2)) == "2 часа"
    assert posts.offset_words(timedelta(minutes=21)) == "21 минуту"


def test_roster_import_counts_absent_people_in_words():
    from bot.domain.classes import ClassName
    from bot.domain.roster_diff import RosterDiff

    stray = object()
    diff = RosterDiff(classes_added=(ClassName.parse("5А"),), absent_pupils=(stray,) * 3)
    text = commands.render_roster_diff(diff)
    assert "В файле нет 3 человек из тех, кто уже есть в списках" in text
    assert "чел." not in text
