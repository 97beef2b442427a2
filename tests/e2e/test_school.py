"""Administrators shape the school through the bot; wrong input is explained."""

from __future__ import annotations

import pytest

from tests.e2e.school_setup import roster_doc, set_up_school, snapshot

pytestmark = pytest.mark.e2e


async def test_roster_import_reports_and_a_second_import_changes_nothing(world):
    school = await set_up_school(world)
    before = snapshot(world)
    answer = (await world.dm(school.admin, "", attachments=[roster_doc()]))[0]
    assert answer.startswith("Списки уже такие, как в файле: ничего не изменилось")
    assert snapshot(world)["roles"] == before["roles"]
    assert snapshot(world)["people"] == before["people"]


async def test_a_bad_roster_is_rejected_whole_with_every_line_named(world):
    school = await set_up_school(world)
    before = snapshot(world)
    bad = (
        "класс;роль;фамилия;имя;отчество;vk;ребёнок\n"
        "7В;ученик;Новиков;Илья;;;\n"
        "12Я;ученик;Орлова;Анна;;;\n"
        "7В;учитль;Орлов;Пётр;;;\n"
        ";родитель;Новикова;Ольга;;;Сидоров Вася\n"
    ).encode()
    answer = (await world.dm(school.admin, "", attachments=[roster_doc(bad)]))[0]
    assert answer.startswith("Файл не загружен: найдено ошибок — 3")
    assert "Строка 3:" in answer and "Строка 4:" in answer and "Строка 5:" in answer
    assert "учитль" in answer
    assert snapshot(world) == before  # not even the good line was taken


async def test_a_roster_with_an_unknown_link_is_rejected(world):
    school = await set_up_school(world)
    text = (
        "класс;роль;фамилия;имя;отчество;vk;ребёнок\n7В;ученик;Новиков;Илья;;vk.com/nobody_here;\n"
    )
    answer = (await world.dm(school.admin, "", attachments=[roster_doc(text.encode())]))[0]
    assert "ВКонтакте не знает таких страниц" in answer and "vk.com/nobody_here" in answer


async def test_a_file_that_is_not_csv_gets_advice(world):
    school = await set_up_school(world)
    answer = (await world.dm(school.admin, "", attachments=[roster_doc(b"x", "photo.jpg")]))[0]
    assert "не похож на таблицу" in answer and "Excel (XLSX) или CSV" in answer


async def test_a_parent_cannot_send_a_roster(world):
    school = await set_up_school(world)
    before = snapshot(world)
    answer = (await world.dm(school.parent, "", attachments=[roster_doc()]))[0]
    assert answer.startswith("Извините, у вас нет прав")
    assert snapshot(world) == before


async def test_class_lifecycle_and_curator_replacement(world):
    school = await set_up_school(world)
    admin = school.admin
    assert (await world.dm(admin, "добавить класс 7в"))[0].startswith("Класс 7В добавлен")
    assert "уже есть" in (await world.dm(admin, "добавить класс 7-В"))[0]
    answer = (await world.dm(admin, "назначить куратора 5А vk.com/new_person"))[0]
    assert answer == (
        "Готово: Новый Человек — куратор 5А. Прежний куратор (Ольга Николаевна) снят с класса."
    )
    answer = (await world.dm(admin, "переименовать класс 7В 7Г"))[0]
    assert answer.startswith("Класс 7В переименован в 7Г")
    assert "5А — Новый Человек" in (await world.dm(admin, "классы"))[0]
    assert "есть ученики (4)" in (await world.dm(admin, "удалить класс 5А"))[0]
    assert (await world.dm(admin, "удалить класс 7Г"))[0] == "Класс 7Г удалён."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("добавить класс", "Пожалуйста, укажите класс"),
        ("добавить класс 12Я", "Не понимаю класс «12Я»"),
        ("добавить класс 5А 6Б", "Лишнее в конце команды: «6Б»"),
        ("класс 9Д", "Класса 9Д нет. Есть классы: 5А, 6Б"),
        ("добавить админа vk.com/nobody_here", "Не нашёл такого человека ВКонтакте"),
        ("добавить админа петя", "Не понимаю, кто это: «петя»"),
        ("журнал много", "Здесь нужно целое число"),
        ("сделай что-нибудь", "Извините, я не знаю команды"),
    ],
)
async def test_wrong_input_is_explained_with_an_example(world, text, expected):
    school = await set_up_school(world)
    before = snapshot(world)
    answer = (await world.dm(school.admin, text))[0]
    assert expected in answer
    if "не знаю команды" not in answer and "Класса" not in answer and "Не нашёл" not in answer:
        assert "Пример:" in answer
    assert snapshot(world) == before


async def test_the_trail_lists_who_changed_what(world):
    school = await set_up_school(world)
    await world.dm(school.admin, "добавить класс 8Б")
    answer = (await world.dm(school.director, "журнал 3"))[0]
    assert answer.startswith("Последние действия (3):")
    assert "Администратор 1" in answer and "8Б" in answer
    assert "Ирина Директорова" not in answer.splitlines()[1]  # the director did not act


async def test_people_lists_asked_in_a_chat_go_to_the_dialog(world):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "5А · ученики", [school.curator.id], owner_id=school.curator.id
    )
    answer = (await world.say(school.curator, peer, "/класс 5А"))[0]
    assert "написать вам лично я не могу" in answer  # she never wrote to the community
    await world.dm(school.curator, "кто я")
    since = await world.mark()
    await world.control.write_chat(school.curator.id, peer, "/класс 5А")
    in_dm = await world.replies(school.curator.id, since)
    in_chat = await world.replies(peer, since)
    assert "Иванов Пётр Сергеевич" in in_dm[0]
    assert "отправил его вам в личные сообщения" in in_chat[0]
    assert "Иванов" not in in_chat[0]


async def test_whoami_for_staff_and_strangers(world):
    school = await set_up_school(world)
    answer = (await world.dm(school.teacher, "кто я"))[0]
    assert "учитель: математика — 5А" in answer
    answer = (await world.dm(school.stranger, "кто я"))[0]
    assert "пока нет в списках школы" in answer


async def test_class_counts_each_parent_once_like_the_class_list(world):
    # Елена Иванова is the mother of two pupils of 5А: one parent, both children named.
    school = await set_up_school(world)
    answer = (await world.dm(school.admin, "класс 5А"))[0]
    assert "Ученики (4):" in answer and "Родители (3):" in answer
    assert (
        "• Иванова Елена Викторовна — родитель: Иванов Пётр Сергеевич, Иванова Мария Сергеевна"
        in answer
    )
    assert answer.count("Иванова Елена Викторовна") == 1
    assert "Учителя (1):\n• Сергей Математиков — математика" in answer
    assert (
        "5А — Ольга Николаевна; учеников: 4, родителей: 3"
        in (await world.dm(school.admin, "классы"))[0]
    )
    # A second subject does not make a second teacher; a parent of a 6Б pupil stays out of 5А.
    await world.dm(school.admin, f"добавить учителя [id{school.teacher.id}|С] физика 5А")
    answer = (await world.dm(school.admin, "класс 5А"))[0]
    assert "Учителя (1):\n• Сергей Математиков — математика, физика" in answer
    assert "Иванов Андрей" not in answer
    answer = (await world.dm(school.admin, "класс 6Б"))[0]
    assert "Родители (2):" in answer and "Иванова Елена" not in answer
