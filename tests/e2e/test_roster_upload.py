"""Roster files sent to the community's dialog, through the sandbox as VK serves them.

15.2: a file arrives whole or not at all (small pieces with pauses, a cut, a lying length, a file
over the cap). 15.3: an import in a DM does not stop the school. 17.3: each format a school has.
17.5: parents of one name stay two people.
"""

from __future__ import annotations

import base64
import re

import pytest

from bot.domain.roster import MAX_BYTES
from tests.e2e.moderation_setup import rows, set_up_chats
from tests.e2e.school_setup import set_up_school, snapshot
from tests.e2e.test_moderation import OBSCENE
from tests.rosters.files import HEADER, PEOPLE, csv_bytes, school_rows, unicode_text, xlsx

pytestmark = pytest.mark.e2e

IMPORT_TIMEOUT = 120.0  # a school-sized file on a loaded 2-core machine; nothing is timed


def doc(data: bytes, title: str) -> dict:
    return {"type": "doc", "title": title, "content_b64": base64.b64encode(data).decode()}


async def upload(world, who, data: bytes, title: str, text: str = "") -> str:
    """`who` sends the file; returns the bot's final answer about it (progress notes skipped)."""
    since = await world.mark()
    await world.control.write_dm(who.id, text, attachments=[doc(data, title)])
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=IMPORT_TIMEOUT, peer_ids=str(who.id)
        )
        since = action["seq"]
        text = action["params"].get("message", "")
        progress = text.startswith("Проверяю страницы") or (
            text.startswith("Файл «") and " получен, в нём " in text
        )
        if not progress:
            return text


def stored_vk_ids(world, first_id: int) -> dict[str, int]:
    found = rows(world, "SELECT full_name, vk_id FROM people WHERE vk_id >= ?", (first_id,))
    return dict(found)


def expected_vk_ids(table: list[list]) -> dict[str, int]:
    out = {}
    for row in table[1:]:
        name = " ".join(part for part in row[2:5] if part)
        out[name] = int(re.sub(r"\D", "", row[5]))
    return out


@pytest.mark.parametrize(
    ("title", "make"),
    [
        ("списки.xlsx", lambda t: xlsx({"Лист1": t})),
        ("списки.csv", lambda t: csv_bytes(t, encoding="cp1251")),
        ("списки.csv", lambda t: csv_bytes(t, encoding="koi8_r", delimiter=",")),
        ("списки.txt", unicode_text),
        ("списки.csv", lambda t: csv_bytes(t, encoding="utf-8-sig", delimiter="\t")),
    ],
    ids=["xlsx", "cp1251", "koi8-r", "utf-16-tabs", "utf-8-bom-tabs"],
)
async def test_each_format_a_school_has_is_loaded_from_the_dm(world, title, make):
    admin = world.people[world.config.school.admins[0]]
    answer = await upload(world, admin, make([HEADER, *PEOPLE]), title)
    assert answer.startswith("Списки загружены."), answer
    assert "Добавлено учеников: 3." in answer and "Добавлено родителей: 2." in answer
    assert rows(world, "SELECT vk_id FROM people WHERE full_name = 'Попов Никита Олегович'") == [
        (1005,)
    ]


async def test_the_sheet_named_with_the_file_is_read(world):
    admin = world.people[world.config.school.admins[0]]
    book = xlsx({"Учителя": [["ФИО", "Предмет"]], "Ученики": [HEADER, *PEOPLE]})
    answer = await upload(world, admin, book, "школа.xlsx", text="лист Ученики")
    assert answer.startswith("Списки загружены."), answer
    wrong = await upload(world, admin, book, "школа.xlsx", text="лист Родители")
    assert "нет листа «Родители»" in wrong and "«Учителя», «Ученики»" in wrong


@pytest.mark.parametrize(("pupils", "size"), [(1550, 300 * 1024), (5000, 2 * 1024 * 1024)])
async def test_a_big_roster_in_small_pieces_stores_everyone_with_their_own_vk_id(
    world, pupils, size
):
    admin = world.people[world.config.school.admins[0]]
    big = size > 1024 * 1024
    table = school_rows(50, pupils // 50, note=big)
    # The 2 MB one as Excel's «Юникод-текст» (UTF-16, tabs) with a column the bot skips.
    data = unicode_text(table) if big else csv_bytes(table)
    assert size <= len(data) <= MAX_BYTES, len(data)
    # What a real network does: one read of the socket sees one small piece.
    await world.control.serve_documents(chunk_bytes=1400, pause=0.0005)
    answer = await upload(world, admin, data, "school.csv")
    assert answer.startswith("Списки загружены."), answer
    assert f"Добавлено учеников: {pupils}." in answer
    assert stored_vk_ids(world, 50_000_000) == expected_vk_ids(table)


async def test_a_download_cut_short_is_refused_and_nothing_is_stored(world):
    school = await set_up_school(world)
    before = snapshot(world)
    data = csv_bytes(school_rows(10, 30))
    for how in ({"cut_after": len(data) // 2}, {"length_delta": -len(data) // 3},
                {"length_delta": 1000}):  # fmt: skip
        await world.control.serve_documents(chunk_bytes=2048, count=1, **how)
        answer = await upload(world, school.admin, data, "school.csv")
        assert "пришёл из ВКонтакте не целиком" in answer and "ничего не загружено" in answer
        assert snapshot(world) == before, how
    # Sent again, whole, it loads.
    answer = await upload(world, school.admin, data, "school.csv")
    assert answer.startswith("Списки загружены."), answer


async def test_a_file_over_the_cap_is_refused_with_the_limit_named(world):
    admin = world.people[world.config.school.admins[0]]
    before = snapshot(world)
    answer = await upload(world, admin, b"x" * (MAX_BYTES + 1), "огромный.csv")
    assert "больше 5 МБ" in answer and "ничего не загружено" in answer
    assert snapshot(world) == before
    # The file was never fetched: the size VK gave with it was enough.
    assert not [a for a in await world.control.actions() if "/_sandbox/files/" in str(a)]


async def test_parents_of_one_name_stay_two_people_and_the_merges_are_named(world):
    admin = world.people[world.config.school.admins[0]]
    table = [
        HEADER,
        ["5А", "ученик", "Иванов", "Пётр", "", "", ""],
        ["5А", "ученик", "Петров", "Иван", "", "", ""],
        ["6Б", "ученик", "Сидоров", "Лев", "", "", ""],
        ["", "родитель", "Иванова", "Елена", "", "", "Иванов Пётр"],
        ["", "родитель", "Иванова", "Елена", "", "", "Петров Иван"],
        ["", "родитель", "Иванова", "Елена", "", "vk.com/id777", "Сидоров Лев"],
        ["", "мама", "Иванова", "Елена", "", "id777", "Иванов Пётр"],
    ]
    answer = await upload(world, admin, xlsx({"Лист1": table}), "родители.xlsx")
    assert "Добавлено родителей: 3." in answer, answer
    assert "Иванова Елена — строки 7, 8 (одна страница ВКонтакте)" in answer
    assert "записаны как разные люди" in answer and "• Иванова Елена — строки 5, 6, 7, 8" in answer
    found = rows(
        world,
        "SELECT p.id, p.vk_id, c.full_name FROM people p "
        "JOIN roles r ON r.person_id = p.id AND r.role = 'parent' "
        "JOIN people c ON c.id = r.pupil_id WHERE p.full_name = 'Иванова Елена'",
    )
    parents: dict[int, tuple] = {}
    for pid, vk, child in found:
        parents[pid] = (vk, parents.get(pid, (vk, frozenset()))[1] | {child})
    assert sorted(parents.values(), key=str) == sorted(
        [(777, {"Сидоров Лев", "Иванов Пётр"}), (None, {"Иванов Пётр"}), (None, {"Петров Иван"})],
        key=str,
    )


async def test_an_import_does_not_stop_the_school(world):
    """15.3: while 5,000 people are imported in a DM, other chats are moderated and commands
    answered — the deletion and the answer come before the import's final report."""
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    table = school_rows(50, 50)
    since = await world.mark()
    await world.control.write_dm(school.admin.id, "", attachments=[doc(csv_bytes(table), "s.csv")])
    progress = await world.reply_starting(school.admin.id, since, "Файл «s.csv» получен")
    assert "в нём 5000 человек" in progress
    cmid = await world.control.write_chat(school.pupil.id, chats.pupils, OBSCENE)
    await world.control.write_dm(school.curator.id, "кто я")
    deleted = await world.control.wait_action(
        "messages.delete", since=since, timeout=IMPORT_TIMEOUT, cmids=str(cmid)
    )
    answered = await world.control.wait_action(
        "messages.send", since=since, timeout=IMPORT_TIMEOUT, peer_ids=str(school.curator.id)
    )
    final = since
    while True:
        action = await world.control.wait_action(
            "messages.send", since=final, timeout=IMPORT_TIMEOUT, peer_ids=str(school.admin.id)
        )
        final = action["seq"]
        if action["params"].get("message", "").startswith("Списки загружены."):
            break
    assert (
        "Всего в файле 5000 человек: 2500 учеников и 2500 родителей." in action["params"]["message"]
    )
    assert deleted["seq"] < final and answered["seq"] < final


async def test_curators_in_the_file_are_appointed_and_a_different_one_is_never_replaced(world):
    school = await set_up_school(world)  # 5А's curator is Ольга Николаевна (vk 3001)
    newcomer = await world.person("Анна", "Руководителева", user_id=3005)
    other = await world.person("Вера", "Классная", user_id=3006)
    table = [
        ["Роль", "Класс", "ФИО", "Ссылка ВК"],
        ["ученик", "7В", "Кузнецов Дмитрий Ильич", ""],
        ["классный руководитель", "6Б", "Классная Вера Петровна", f"vk.com/id{other.id}"],
        ["куратор", "5А", "Руководителева Анна Ивановна", f"vk.com/id{newcomer.id}"],
        ["Классный руководитель", "7В", "Классная Вера Петровна", f"vk.com/id{other.id}"],
        ["учитель", "", "Математиков Сергей", ""],
    ]
    answer = await upload(world, school.admin, xlsx({"Лист1": table}), "школа.xlsx")
    assert "Назначено классных руководителей: 2.\n• 6Б — Классная Вера Петровна\n• 7В — " in (
        answer
    )
    assert "Не заменил классного руководителя — у класса уже есть другой." in answer
    assert (
        f"• 5А: сейчас Ольга Николаевна, в файле Руководителева Анна Ивановна — "
        f"назначить куратора 5А vk.com/id{newcomer.id}" in answer
    )
    assert "Сотрудники (учитель, сотрудник): 1 строка — в списки не внесены" in answer
    # The curators now hold their classes; 5А keeps its own.
    assert (
        "Куратор класса (1):\n• Классная Вера Петровна\n"
        in (await world.dm(school.admin, "класс 6Б"))[0]
    )
    assert "Ольга Николаевна" in (await world.dm(school.admin, "класс 5А"))[0]
    mine = (await world.dm(other, "кто я"))[0]
    assert "6Б" in mine and "7В" in mine
    # The same file again: nobody appointed twice, the refusal repeated.
    again = await upload(world, school.admin, xlsx({"Лист1": table}), "школа.xlsx")
    assert "Классные руководители, которые уже были назначены так же, как в файле: 2." in again
    assert "Назначено классных руководителей" not in again
    assert "• 5А: сейчас Ольга Николаевна" in again
    # A curator's line without a VK page, or two curators for one class: the file is refused.
    bad = [
        *table[:3],
        ["куратор", "6Б", "Другая Мария", ""],
        ["куратор", "6Б", "Третья Ия", "id77"],
    ]
    refused = await upload(world, school.admin, csv_bytes(bad), "школа.csv")
    assert refused.startswith("Файл не загружен: найдено ошибок — 2.")
    assert "Строка 4: у классного руководителя нужна страница ВКонтакте" in refused
    assert "Строка 5: у класса 6Б уже есть классный руководитель в строке 3" in refused
