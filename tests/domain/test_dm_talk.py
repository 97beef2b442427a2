"""Which dialog words get the menu instead of «Извините, я не знаю команды»."""

import pytest

from bot.domain.classes import ClassName
from bot.domain.dm_talk import DmText, kind_of, wants_menu
from bot.domain.people import Role, RoleGrant, Roles

PARENT = Roles.of(RoleGrant(Role.PARENT, pupil_id=1))
PUPIL = Roles.of(RoleGrant(Role.PUPIL, ClassName(5, "А")))
CURATOR = Roles.of(RoleGrant(Role.CURATOR, ClassName(5, "А")))
STRANGER = Roles()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Добрый день", DmText.GREETING),
        ("Здравствуйте!", DmText.GREETING),
        ("добрый вечер, Ольга Николаевна", DmText.GREETING),
        ("Привет всем", DmText.GREETING),
        ("Здравствуйте, подскажите, когда собрание?", DmText.QUESTION),
        ("Когда родительское собрание", DmText.QUESTION),
        ("А где взять расписание?", DmText.QUESTION),
        ("Сын заболел, завтра в школу не придёт", DmText.OTHER),
        ("2 марта; 3 марта", DmText.OTHER),
        ("", DmText.OTHER),
        ("👍", DmText.OTHER),
    ],
)
def test_what_the_words_are(text, kind):
    assert kind_of(text) is kind


def test_a_parent_pupil_or_stranger_gets_the_menu_for_any_words():
    for roles in (PARENT, PUPIL, STRANGER):
        assert wants_menu("Сын заболел, завтра в школу не придёт", roles)
        assert wants_menu("Добрый день", roles)


def test_staff_get_it_for_a_greeting_or_a_question_only():
    assert wants_menu("Добрый день", CURATOR)
    assert wants_menu("Как пригласить родителей?", CURATOR)
    # A mistyped command gets the parse error with its suggestions instead.
    assert not wants_menu("пригласит 5А родители", CURATOR)
    assert not wants_menu("сделай что-нибудь", CURATOR)


def test_a_prefix_means_a_command_was_meant():
    assert not wants_menu("/добрый день", PARENT)
    assert not wants_menu("!что-то", STRANGER)
    assert not wants_menu("   ", PARENT)


def test_a_near_miss_of_a_command_keeps_the_suggestion_unless_it_greets():
    assert not wants_menu("помошь", STRANGER, near_a_command=True)
    assert wants_menu("Привет", PARENT, near_a_command=True)
    assert wants_menu("Подскажите, где расписание?", PUPIL, near_a_command=True)
