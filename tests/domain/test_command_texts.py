from datetime import UTC, datetime

import pytest

from bot.domain.classes import ClassName
from bot.domain.commands import BY_KEY, REGISTRY, HelpGroup
from bot.domain.grammar import Parsed, ParseError, parse_command
from bot.domain.people import Role, RoleGrant, Roles
from bot.domain.permissions import commands_for
from bot.domain.trail import TrailEntry, latest
from bot.texts import commands as t

C5A = ClassName(5, "А")


def parse(text):
    return parse_command(text, community_id=1)


def test_every_command_has_texts_and_a_working_example():
    assert set(t.COMMAND_TEXTS) == set(BY_KEY)
    for cmd in REGISTRY:
        r = parse(t.example(cmd.key))
        assert isinstance(r, Parsed) and r.key == cmd.key, (cmd.key, r)
        for arg in cmd.args:
            assert arg.name in t.ARG_NAMES and arg.name in t.ARG_ACCUSATIVE
    assert set(t.HELP_GROUP_TITLES) == set(HelpGroup)
    assert set(t.ROLE_NAMES) == set(Role) == set(t.ROLE_NAMES_PLURAL)


def test_help_shows_only_allowed_commands_grouped_with_examples():
    pupil = t.render_help(commands_for(Roles.of(RoleGrant(Role.PUPIL, C5A))))
    assert "помощь" in pupil and "кто я" in pupil
    assert "добавить класс" not in pupil and "Классы:" not in pupil
    admin = t.render_help(commands_for(Roles.of(RoleGrant(Role.ADMIN))))
    for title in t.HELP_GROUP_TITLES.values():
        assert f"\n{title}:" in admin
    assert "• добавить учителя [id123|Иван Петров] русский язык 5А 6Б — " in admin
    assert admin.index("Общее:") < admin.index("Школа:") < admin.index("Журнал:")


ERRORS = [
    ("добавить класс 12Я", "номер класса должен быть от 1 до 11", "Пример: добавить класс 5А"),
    ("добавить класс", "Пожалуйста, укажите класс.", "Как писать: добавить класс <класс>"),
    ("назначить куратора 5А", "укажите человека", "Пример: назначить куратора 5А"),
    ("добавить класс 5А 6Б", "Лишнее в конце команды: «6Б».", "Пример: добавить класс 5А"),
    ("класс 5b", "5В или 5Б", "Пример: класс 5А"),
    ("добавить админа Иван", "vk.com/id123", "Пример: добавить админа"),
    ("журнал ноль", "целое число", "Пример: журнал 10"),
    ("добавить учителя id5 5А", "укажите предмет", "<предмет> <класс> [<класс> …]"),
    ("добавить клас 5А", "Возможно, вы имели в виду: добавить класс 5А", "помощь"),
    ("что это", "не знаю команды «что это»", "Список команд: помощь"),
]


@pytest.mark.parametrize(("text", "what", "how"), ERRORS)
def test_error_replies_say_what_and_show_an_example(text, what, how):
    err = parse(text)
    assert isinstance(err, ParseError)
    reply = t.render_parse_error(err)
    assert what in reply and how in reply


def test_whoami():
    roles = Roles.of(
        RoleGrant(Role.DEPUTY),
        RoleGrant(Role.CURATOR, C5A),
        RoleGrant(Role.TEACHER, C5A, "Математика"),
        RoleGrant(Role.TEACHER, ClassName(6, "Б"), "математика"),
        RoleGrant(Role.PARENT, pupil_id=3),
    )
    text = t.render_whoami(roles, full_name="Анна Петрова", pupil_names={3: "Петров Иван"})
    assert text.splitlines() == [
        "Анна Петрова, ваши роли:",
        "• заместитель директора",
        "• куратор: 5А",
        "• учитель: математика — 5А, 6Б",
        "• родитель: Петров Иван",
    ]
    assert "нет в списках" in t.render_whoami(Roles())


def test_trail_model_and_rendering():
    at = datetime(2025, 9, 1, 8, 30, tzinfo=UTC)
    e1 = TrailEntry(1, "add_class", at, {"class": "5А"}, id=1)
    e2 = TrailEntry(2, "custom_action", at.replace(hour=9), {}, id=2)
    assert latest([e1, e2], 1) == [e2]
    text = t.render_trail(latest([e1, e2], 10), {1: "Анна"})
    assert text.splitlines()[1] == "• 01.09.2025 09:30 — №2: custom_action"
    assert "• 01.09.2025 08:30 — Анна: добавить класс (class: 5А)" in text
    assert t.render_trail([], {}) == "Журнал пока пуст."
    with pytest.raises(ValueError):
        TrailEntry(1, "x", datetime(2025, 1, 1))  # naive time
    with pytest.raises(ValueError):
        TrailEntry(1, "x", at, {"bad": [1]})  # type: ignore[dict-item]


def test_role_grants_validate_their_fields():
    with pytest.raises(ValueError):
        RoleGrant(Role.CURATOR)
    with pytest.raises(ValueError):
        RoleGrant(Role.TEACHER, C5A)
    with pytest.raises(ValueError):
        RoleGrant(Role.ADMIN, C5A)
    with pytest.raises(ValueError):
        RoleGrant(Role.PARENT)
    assert RoleGrant(Role.TEACHER, C5A, " Русский  Язык ").subject == "русский язык"
    roles = Roles.of(RoleGrant(Role.TEACHER, C5A, "физика"), [RoleGrant(Role.PUPIL, C5A)])
    assert roles.teaches("Физика", C5A) and not roles.teaches("химия")
    assert roles.subjects_in(C5A) == {"физика"} and roles.pupil_classes == {C5A}
    assert not roles.is_staff and Roles.of(RoleGrant(Role.DIRECTOR)).is_staff
