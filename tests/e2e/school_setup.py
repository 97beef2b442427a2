"""A small school in the sandbox world: two classes, their people, and one person per role."""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass
from importlib import resources

from bot.demo.world import Person, World


@dataclass
class School:
    admin: Person
    director: Person
    deputy: Person
    curator: Person  # of 5А
    teacher: Person  # maths in 5А
    pupil: Person  # of 5А (Иванов Пётр, vk 1001)
    parent: Person  # of Иванов Пётр and Иванова Мария (vk 2001)
    stranger: Person
    newcomer: Person  # someone commands can name


def roster_doc(data: bytes | None = None, title: str = "roster.csv") -> dict:
    data = (
        data
        if data is not None
        else resources.files("bot.demo").joinpath("roster.csv").read_bytes()
    )
    return {"type": "doc", "title": title, "content_b64": base64.b64encode(data).decode()}


async def set_up_school(world: World) -> School:
    admin = world.people[world.config.school.admins[0]]
    await world.person("Артём", "Смирнов", user_id=1003, screen_name="artem_smirnov")
    pupil = await world.person("Пётр", "Иванов", user_id=1001)
    parent = await world.person("Елена", "Иванова", user_id=2001)
    director = await world.person("Ирина", "Директорова", user_id=3100)
    deputy = await world.person("Павел", "Завучев", user_id=3101)
    curator = await world.person("Ольга", "Николаевна", user_id=3001)
    teacher = await world.person("Сергей", "Математиков", user_id=3002)
    stranger = await world.person("Незнакомец", "Прохожий", user_id=9001)
    newcomer = await world.person("Новый", "Человек", user_id=9002, screen_name="new_person")
    setup = [
        f"назначить директора [id{director.id}|И]",
        f"назначить заместителя [id{deputy.id}|П]",
        f"назначить куратора 5А [id{curator.id}|О]",
        f"добавить учителя [id{teacher.id}|С] математика 5А",
    ]
    answer = await world.dm(admin, "", attachments=[roster_doc()])
    assert answer[0].startswith("Списки загружены"), answer
    for text in setup:
        answer = await world.dm(admin, text)
        assert answer[0].startswith("Готово"), (text, answer)
    return School(admin, director, deputy, curator, teacher, pupil, parent, stranger, newcomer)


def snapshot(world: World) -> dict[str, list]:
    """Every row of the school's tables, read from the database file itself."""
    conn = sqlite3.connect(world.config.storage.path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("classes", "people", "roles", "trail")
        }
    finally:
        conn.close()
