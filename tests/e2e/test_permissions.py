"""Every command, typed by every kind of person: allowed ones work, refused ones change nothing."""

from __future__ import annotations

import re

import pytest

from bot.domain.commands import REGISTRY
from bot.domain.permissions import PERMISSIONS, Scope
from tests.e2e.school_setup import School, set_up_school, snapshot

pytestmark = pytest.mark.e2e

# One sample of every command, aimed at 5А (the curator's and the teacher's own class).
SAMPLES = {
    "help": "помощь",
    "whoami": "кто я",
    "add_admin": "добавить админа [id9002|Новый]",
    "remove_admin": "удалить админа [id9002|Новый]",
    "set_director": "назначить директора [id9002|Новый]",
    "add_deputy": "назначить заместителя [id9002|Новый]",
    "remove_deputy": "удалить заместителя [id3101|Павел]",
    "import_roster": "импорт",
    "export_roster": "экспорт",
    "list_classes": "классы",
    "class_people": "класс 5А",
    "add_class": "добавить класс 7В",
    "rename_class": "переименовать класс 6Б 6В",
    "remove_class": "удалить класс 11Я",
    "set_curator": "назначить куратора 6Б [id9002|Новый]",
    "add_teacher": "добавить учителя [id9002|Новый] история 6Б",
    "remove_teacher": "удалить учителя [id3002|Сергей]",
    "log": "журнал 5",
    "create_chat": "создать чат 5А родители",
    "bind_chat": "привязать 5А ученики",
    "invite": "пригласить 5А родители",
    "list_invites": "приглашения 5А",
    "revoke_invite": "отозвать приглашение 1",
    "revoke_invites": "отозвать приглашения 5А родители",
    "reset_link": "сбросить ссылку 5А родители",
    "admit": "впустить [id9002|Новый] 5А родители",
    "class_status": "статус 5А",
    "invite_sheet": "листовки 5А",
    "setup_all_chats": "чаты всем классам",
    "class_link": "ссылка для класса 5А родители",
    "revoke_class_link": "отозвать общую ссылку 5А родители",
    "report": "жалоба",
    "incidents": "нарушения 5А",
    "audit": "аудит права",
    "report_only": "пробный режим родители вкл",
    "report_only_digest": "отчёт пробного режима",
    "stats": "статистика 5А",
    "move_pupil": "перевести Кузнецова Алиса 5А 6Б",
    "person_left": "выбыл [id9002|Новый]",
    "new_year": "новый учебный год",
    "publish": "опубликовать 5А родители Собрание в пятницу",
    "broadcast": "рассылка родителям Собрание в пятницу",
    "announce_event": "событие 5А родители завтра 18:00 Собрание",
    "list_posts": "запланировано",
    "reschedule_post": "перенести 1 завтра 10:00",
    "cancel_post": "отменить публикацию 1",
    "ack_announce": "объявление с подтверждением 5А: Завтра субботник",
    "ack_consent": "согласие 5А: Экскурсия в пятницу",
    "ack_poll": "опрос 5А: Когда собрание?; Пн; Вт",
    "ack_results": "итоги 1",
    "faq_add": "ответ 5А: что задали = В электронном дневнике",
    "faq_list": "ответы 5А",
    "faq_remove": "удалить ответ 1",
    "appeal_psychologist": "психологу: Хочу поговорить",
    "appeal_administration": "администрации: Прошу разобраться",
    "appeal_answer": "ответить обращению 1: Здравствуйте",
    "away_set": "отсутствую по 28.12: На курсах",
    "away_show": "отсутствие",
    "away_cancel": "отсутствие отменить",
    "official": "официально",
}
ROLES = ("admin", "director", "deputy", "curator", "teacher", "pupil", "parent", "stranger")
HOLDS = {  # which roles of the permission table each person holds
    "admin": {"admin"},
    "director": {"director"},
    "deputy": {"deputy"},
    "curator": {"curator"},
    "teacher": {"teacher"},
    "pupil": {"pupil"},
    "parent": {"parent"},
    "stranger": set(),
}
REFUSALS = ("Извините, у вас нет прав", "Извините, эту команду вы можете выполнять только")


def test_every_command_has_a_sample():
    assert set(SAMPLES) == {command.key for command in REGISTRY}


def may(role: str, key: str) -> bool:
    rules = PERMISSIONS[key]
    if not rules:
        return True
    # Samples aim at 5А, the curator's and the teacher's own class, so scoped rules hold.
    return any(rule.role.value in HOLDS[role] for rule in rules if rule.scope in Scope)


@pytest.mark.parametrize("role", ROLES)
async def test_commands_as(world, role):
    school: School = await set_up_school(world)
    who = getattr(school, role)
    for key, text in SAMPLES.items():
        before = snapshot(world)
        since = await world.mark()
        answer = (await world.dm(who, text))[0]
        if (issued := re.match(r"Готово: (\d+) приглаш", answer)) and int(issued.group(1)):
            # The sheet of the same invitations follows the list: let it arrive first.
            await world.replies(who.id, since, count=2)
        refused = answer.startswith(REFUSALS)
        if may(role, key):
            assert not refused, (role, key, answer)
        else:
            assert refused, (role, key, answer)
            assert "Её могут выполнять:" in answer
            assert snapshot(world) == before, (role, key)


async def test_a_curator_may_not_look_into_another_class(world):
    school = await set_up_school(world)
    answer = (await world.dm(school.curator, "класс 6Б"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только для своего класса")
    answer = (await world.dm(school.curator, "класс 5А"))[0]
    assert "Класс 5А:" in answer and "Иванов Пётр Сергеевич" in answer
