"""A school (or a district of them) for the end-to-end benchmark, made through the bot's own
repositories and the sandbox's own user and chat model.

A school: `classes` classes of `pupils` pupils, each pupil with one parent (60 × 25 × 2 = 3,000
people), loaded by the real roster import; a pupils' chat and a parents' chat per class
(120 chats) registered through ChatRepo. The district adds more schools' people, roles and
chats to the same database (see `add_district`: the schema keeps one school per database, so the
extra schools' chats are stored as subject chats of the same classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Config
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.people import Role, RoleGrant
from bot.offline import COMMAND_LINE, OfflineServices
from bot.services.roster import Imported
from bot.storage.chat_repo import ChatRepo
from bot.storage.db import Database
from bot.storage.school_repo import ensure_person_tx, grant_tx
from vksandbox import simulate
from vksandbox.state import World

LETTERS = "АБВГДЕ"
SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров "
    "Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин "
    "Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов "
    "Ковалёв Белов Медведев Антонов Тарасов"
).split()
FIRST = (
    "Пётр Иван Артём Никита Максим Лев Марк Матвей Егор Даниил Кирилл Андрей Илья Роман Тимофей "
    "Фёдор Глеб Арсений Михаил Павел Семён Степан Ярослав Денис Олег Борис Виктор Юрий Григорий "
    "Тимур Савелий Платон Захар Елисей Вадим Руслан Антон Игорь Филипп Леонид"
).split()
MIDDLE = [name + "ович" for name in FIRST]
MOTHERS = "Елена Ольга Анна Мария Ирина Наталья Светлана Татьяна Юлия Екатерина".split()


@dataclass
class SchoolChats:
    peers: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)  # peer → vk ids


def class_names(count: int) -> list[ClassName]:
    names = [ClassName(grade, letter) for grade in range(1, 12) for letter in LETTERS]
    return names[:count]


def pupil_name(n: int) -> tuple[str, str, str]:
    # Distinct for n < 50 × 40 × 40 = 80,000 (the roster links parents to children by name).
    return (
        SURNAMES[n % len(SURNAMES)],
        FIRST[(n // len(SURNAMES)) % len(FIRST)],
        MIDDLE[(n // (len(SURNAMES) * len(FIRST))) % len(MIDDLE)],
    )


def pupil_vk(school: int, n: int) -> int:
    return 10_000_000 + school * 100_000 + n


def parent_vk(school: int, n: int) -> int:
    return 20_000_000 + school * 100_000 + n


def roster_csv(classes: list[ClassName], pupils: int) -> bytes:
    rows = ["класс;роль;фамилия;имя;отчество;vk;ребёнок"]
    for c, name in enumerate(classes):
        for p in range(pupils):
            n = c * pupils + p
            last, first, middle = pupil_name(n)
            rows.append(f"{name};ученик;{last};{first};{middle};{pupil_vk(0, n)};")
            mother = MOTHERS[n % len(MOTHERS)]
            child = f"{last} {first} {middle}"
            surname = last + "а"
            rows.append(f";родитель;{surname};{mother};Ивановна;{parent_vk(0, n)};{child}")
    return ("\n".join(rows) + "\n").encode("utf-8")


async def load_school(config: Config, world: World, *, classes: int, pupils: int) -> SchoolChats:
    """The roster and chats in the database; the same people and chats in the sandbox."""
    names = class_names(classes)
    db = await Database.open(config.storage.path)
    try:
        result = await OfflineServices(config, db).roster.import_file(
            COMMAND_LINE, roster_csv(names, pupils)
        )
        if not isinstance(result, Imported):
            raise RuntimeError(f"roster import failed: {result!r}")
        chats = ChatRepo(db)
        made = SchoolChats()
        for c, name in enumerate(names):
            ids = range(c * pupils, (c + 1) * pupils)
            for kind, vk_ids in (
                (ChatKind.PUPILS, [pupil_vk(0, n) for n in ids]),
                (ChatKind.PARENTS, [parent_vk(0, n) for n in ids]),
            ):
                peer = sandbox_chat(world, f"{name} · {kind.value}", vk_ids)
                await chats.add(
                    chat=SchoolChat(peer, kind, name, None, f"{name} · {kind.value}"),
                    created_by_bot=False,
                )
                made.peers.append(peer)
                made.members[peer] = vk_ids
        return made
    finally:
        await db.close()


def sandbox_chat(world: World, title: str, vk_ids: list[int]) -> int:
    for uid in vk_ids:
        if uid not in world.users:
            simulate.create_user(world, "Ученик", str(uid), user_id=uid)
    return simulate.create_chat(world, title, vk_ids[1:], owner_id=vk_ids[0], bot_admin=True)


async def add_district(path: Path, *, schools: int, classes: int, pupils: int) -> None:
    """Schools 1..schools-1 besides school 0: their people, roles and chats, via the repos."""
    names = class_names(classes)
    db = await Database.open(path)
    try:
        chats = ChatRepo(db)
        peer = 2_100_000_000
        for school in range(1, schools):
            async with db.transaction() as tx:
                for c, name in enumerate(names):
                    for p in range(pupils):
                        n = c * pupils + p
                        last, first, middle = pupil_name(n)
                        pupil = await ensure_person_tx(
                            tx, vk_id=pupil_vk(school, n), full_name=f"{last} {first} {middle}"
                        )
                        await grant_tx(tx, person_id=pupil.id, grant=RoleGrant(Role.PUPIL, name))
                        parent = await ensure_person_tx(
                            tx, vk_id=parent_vk(school, n), full_name=f"{last}а Мать {school}"
                        )
                        await grant_tx(
                            tx,
                            person_id=parent.id,
                            grant=RoleGrant(Role.PARENT, pupil_id=pupil.id),
                        )
            for name in names:
                for what in ("ученики", "родители"):
                    peer += 1
                    subject = f"школа {school} {what}"
                    await chats.add(
                        chat=SchoolChat(peer, ChatKind.SUBJECT, name, subject, subject),
                        created_by_bot=False,
                    )
        await db.optimize()
    finally:
        await db.close()
