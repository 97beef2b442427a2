"""A whole school set up through the sandbox from one XLSX (issue 17), counted and timed.

`.venv/bin/python -m bench.onboarding [--families all|sample] [--pictures docs/onboarding]`

The real bot and the VK sandbox on loopback (VK's 20 requests a second). A 30-class school:
850 pupils, 1,100 parents (every pupil's mother, 250 fathers), 30 classroom teachers and 30 other
teachers, in one workbook as a school's secretary keeps it. Then, as people would:

1. the administrator sends the file to the community's DM;
2. writes `чаты всем классам` and presses «Создать» (the sandbox's daily cap on new chats is
   lifted; VK's real cap makes the bot finish on the next day by itself);
3. every curator opens the community's dialog and presses «Начать», as the administrator's summary
   asks (the bot hands over the links to her class's chats it kept for her), goes into both
   chats by those links, and writes `ссылка для класса <класс> родители` and `ссылка для класса
   <класс> ученики` (three messages in all, «Начать» counted as one);
4. families open the class links: a pupil or parent whose VK page is in the file goes straight
   in; one whose page is not (every father, and some mothers) says whose parent they are, and the
   curator lets them in with one tap.

Every count comes from what went through the sandbox: the administrator's and the curators'
messages and button presses in the community's event stream, the curators' presses matched to
the join requests the bot sent them, the chats' members at the end. `--families sample` takes
every family of two classes and one family (with a father to approve) in each other class, as
the end-to-end test does; `all` takes every family. Prints one JSON line; `--pictures DIR` also
draws the messages a school's administrator and curator see into PNG files (docs/onboarding.md).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from math import lcm
from pathlib import Path
from typing import Any

from bot.demo.world import Person, World, running_world
from bot.domain.classes import ClassName
from bot.sandbox_mode import SANDBOX_SCREEN_NAME
from vksandbox import simulate

GRADES, LETTERS = range(1, 11), "АБВ"  # 30 classes, 1А to 10В
PUPILS = 850
FATHER_EVERY = 17  # a father for pupils n with n % 17 < 5: 250 fathers
SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров "
    "Никитин Захаров Зайцев Борисов Яковлев Григорьев Романов Сергеев Кузьмин Фролов Дмитриев "
    "Гусев Ильин Максимов Поляков Сорокин Виноградов Белов Медведев Антонов Тарасов"
).split()
BOYS = (
    "Пётр Иван Артём Никита Максим Лев Марк Матвей Егор Даниил Кирилл Андрей Илья Роман Тимофей "
    "Фёдор Глеб Арсений Михаил Павел Семён Степан Ярослав Денис Олег"
).split()
MOTHERS = "Елена Ольга Анна Мария Ирина Наталья Светлана Татьяна Юлия Екатерина".split()
FATHERS = "Сергей Алексей Дмитрий Андрей Владимир Николай Игорь Олег".split()
TEACHERS = "Галина Людмила Вера Надежда Лариса Марина Оксана Евгения Нина Зоя".split()
MALE_MIDDLE = ("Петрович Иванович Сергеевич Андреевич Олегович Михайлович Алексеевич Павлович "
               "Николаевич Дмитриевич").split()  # fmt: skip
FEMALE_MIDDLE = [m.removesuffix("ич") + "на" for m in MALE_MIDDLE]
HEADER = ["№", "ФИО", "Класс", "Роль", "Ссылка ВК", "ФИО ребёнка"]

ADMIN_ACTIONS_BAR, CURATOR_COMMANDS_BAR, FAMILY_TAPS_BAR = 5, 3, 1


def class_names() -> list[ClassName]:
    return [ClassName(g, letter) for g in GRADES for letter in LETTERS]


@dataclass(frozen=True)
class Member:
    vk_id: int
    first: str
    last: str
    full_name: str
    page_in_file: bool


@dataclass
class Family:
    number: int
    class_name: ClassName
    pupil: Member
    parents: list[Member]

    @property
    def has_unlisted(self) -> bool:
        return any(not m.page_in_file for m in (self.pupil, *self.parents))


@dataclass
class School:
    families: list[Family]
    curators: dict[ClassName, Member]
    teachers: list[Member]

    def rows(self) -> list[list[Any]]:
        """The workbook: one line per person, in the order a secretary would type it."""
        rows: list[list[Any]] = [HEADER]

        def add(m: Member, cls: str, role: str, child: str = "") -> None:
            page = f"https://vk.com/id{m.vk_id}" if m.page_in_file else ""
            rows.append([len(rows), m.full_name, cls, role, page, child])

        for cls, curator in self.curators.items():
            add(curator, str(cls), "классный руководитель")
        for teacher in self.teachers:
            add(teacher, "", "учитель")
        for f in self.families:
            add(f.pupil, str(f.class_name), "ученик")
        for f in self.families:
            for p in f.parents:
                add(p, str(f.class_name), "мама" if p.first in MOTHERS else "папа",
                    f.pupil.full_name)  # fmt: skip
        return rows

    def by_class(self) -> dict[ClassName, list[Family]]:
        out: dict[ClassName, list[Family]] = {}
        for f in self.families:
            out.setdefault(f.class_name, []).append(f)
        return out


def make_school(pupils: int = PUPILS) -> School:
    names = class_names()
    families = []
    for n in range(pupils):
        cls = names[n * len(names) // pupils]
        last = SURNAMES[n % len(SURNAMES)]
        first = BOYS[(n // len(SURNAMES)) % len(BOYS)]
        middle = MALE_MIDDLE[(n // 7) % len(MALE_MIDDLE)]  # (surname, name) is unique already
        pupil = Member(30_000_000 + n, first, last, f"{last} {first} {middle}", True)
        mother_first = MOTHERS[n % len(MOTHERS)]
        # No two parents of one name: the patronymic changes each time (surname, name) repeats.
        mother_middle = FEMALE_MIDDLE[(n // lcm(len(SURNAMES), len(MOTHERS))) % 10]
        mother = Member(31_000_000 + n, mother_first, last + "а",
                        f"{last}а {mother_first} {mother_middle}",
                        n % FATHER_EVERY >= 5 and n % 11 != 0)  # fmt: skip
        parents = [mother]
        if n % FATHER_EVERY < 5:  # fathers: no VK page in the file
            father_first = FATHERS[n % len(FATHERS)]
            parents.append(Member(32_000_000 + n, father_first, last,
                                  f"{last} {father_first} {MALE_MIDDLE[(n // lcm(len(SURNAMES), len(FATHERS))) % 10]}",
                                  False))  # fmt: skip
            parents[0] = Member(mother.vk_id, mother.first, mother.last, mother.full_name, True)
        families.append(Family(n, cls, pupil, parents))
    curators = {}
    for i, cls in enumerate(names):
        last, first = SURNAMES[-1 - i] + "а", TEACHERS[i % len(TEACHERS)]
        middle = ("Петровна", "Ивановна", "Сергеевна")[i % 3]
        curators[cls] = Member(33_000_000 + i, first, last, f"{last} {first} {middle}", True)
    teachers = [
        Member(
            34_000_000 + i,
            TEACHERS[(i + 5) % 10],
            SURNAMES[i] + "а",
            f"{SURNAMES[i]}а {TEACHERS[(i + 5) % 10]} {FEMALE_MIDDLE[i % 10]}",
            True,
        )
        for i in range(30)
    ]
    return School(families, curators, teachers)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook  # a dev dependency: the bot itself only reads workbooks

    book = Workbook()
    sheet = book.active
    sheet.title = "Список школы"
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --- what went through the sandbox ------------------------------------------------------------
@dataclass
class Shot:
    """A message as the person saw it: text and button labels, for the pictures."""

    title: str
    text: str
    buttons: list[list[str]] = field(default_factory=list)


@dataclass
class Tally:
    admin_actions: list[str] = field(default_factory=list)
    curator_commands: dict[int, list[str]] = field(default_factory=dict)
    curator_presses: dict[int, list[dict]] = field(default_factory=dict)
    requests: dict[int, int] = field(default_factory=dict)  # request number → requester vk id
    members: dict[str, set[int]] = field(default_factory=dict)  # chat title → vk ids
    seconds: dict[str, float] = field(default_factory=dict)
    shots: dict[str, Shot] = field(default_factory=dict)


class Recorder:
    """Reads the community's event stream (the sandbox keeps the last 10,000 events) as it goes,
    and sorts what the administrator and the curators sent."""

    def __init__(self, world: World, admin: int, curators: set[int], tally: Tally) -> None:
        self.world, self.admin, self.curators, self.tally = world, admin, curators, tally
        self.cursor = 1

    async def read(self) -> None:
        events = await self.world.control.events(since=self.cursor)
        for event in events:
            self.cursor += 1
            obj = event["object"]
            if event["type"] == "message_new":
                msg = obj["message"]
                who, peer = msg["from_id"], msg["peer_id"]
                shown = msg.get("text") or ("[файл]" if msg.get("attachments") else "")
                if who == self.admin and peer == who:
                    self.tally.admin_actions.append(shown)
                elif who in self.curators and peer == who:
                    self.tally.curator_commands.setdefault(who, []).append(shown)
            elif event["type"] == "message_event":
                who, payload = obj["user_id"], obj["payload"]
                if who == self.admin:
                    self.tally.admin_actions.append(f"[кнопка] {json.dumps(payload)}")
                elif who in self.curators:
                    self.tally.curator_presses.setdefault(who, []).append(payload)

    async def loop(self) -> None:
        while True:
            await self.read()
            await asyncio.sleep(0.2)


class Cursor:
    """The last action number seen: `World.mark` reads the whole action log every time."""

    def __init__(self, world: World) -> None:
        self.world, self.seq = world, 0

    async def mark(self) -> int:
        actions = await self.world.control.actions(since=self.seq)  # seq > since
        if actions:  # never back: a mark older than an answer already read would find it again
            self.seq = max(self.seq, actions[-1]["seq"])
        return self.seq


def _buttons(params: dict) -> list[list[str]]:
    if not params.get("keyboard"):
        return []
    rows = json.loads(params["keyboard"])["buttons"]
    return [[b["action"].get("label", "") for b in row] for row in rows]


async def _next(world: World, peer: int, since: int, starts: tuple[str, ...] | str,
                timeout: float = 120.0) -> dict:  # fmt: skip  # noqa: ASYNC109
    while True:
        action = await world.control.wait_action(
            "messages.send", since=since, timeout=timeout, peer_ids=str(peer)
        )
        since = action["seq"]
        if "error" not in action and action["params"].get("message", "").startswith(starts):
            return action


def _join_link(action: dict) -> str:
    keyboard = json.loads(action["params"]["keyboard"])
    return next(b["action"]["link"] for row in keyboard["buttons"] for b in row
                if b["action"]["type"] == "open_link")  # fmt: skip


def _shoot(tally: Tally, key: str, title: str, action: dict) -> None:
    if key not in tally.shots:
        params = action["params"]
        tally.shots[key] = Shot(title, params.get("message", ""), _buttons(params))


# --- the run -----------------------------------------------------------------------------------
def people_in_sandbox(world: World, school: School) -> dict[int, Person]:
    sandbox = world.sandbox.world
    people = {}
    members = [m for f in school.families for m in (f.pupil, *f.parents)]
    for m in [*members, *school.curators.values(), *school.teachers]:
        simulate.create_user(sandbox, m.first, m.last, user_id=m.vk_id)
        people[m.vk_id] = Person(m.vk_id, f"{m.first} {m.last}")
    return people


async def admin_sets_up(world: World, cursor: Cursor, tally: Tally, data: bytes) -> None:
    admin = world.people[world.config.school.admins[0]]
    started = time.perf_counter()
    since = await cursor.mark()
    doc = {"type": "doc", "title": "Список школы.xlsx",
           "content_b64": base64.b64encode(data).decode()}  # fmt: skip
    await world.control.write_dm(admin.id, "", attachments=[doc])
    received = await _next(world, admin.id, since, "Файл «")
    _shoot(tally, "1-file-received", "Администратор прислал файл", received)
    report = await _next(world, admin.id, since, ("Списки загружены", "Файл не загружен"))
    _shoot(tally, "2-import-report", "Итог загрузки", report)
    if not report["params"]["message"].startswith("Списки загружены"):
        raise RuntimeError(report["params"]["message"])
    tally.seconds["import"] = time.perf_counter() - started

    started = time.perf_counter()
    since = await cursor.mark()
    await world.control.write_dm(admin.id, "чаты всем классам")
    preview = await _next(world, admin.id, since, "Чаты для всех классов")
    _shoot(tally, "3-chats-preview", "«чаты всем классам»: план", preview)
    keyboard = json.loads(preview["params"]["keyboard"])
    go = json.loads(keyboard["buttons"][0][0]["action"]["payload"])
    cmid = int(preview["response"][0]["conversation_message_id"])
    since = await cursor.mark()
    await world.control.press_button(admin.id, admin.id, cmid, go)
    summary = await _next(world, admin.id, since, "Готово: чаты для всех классов", timeout=300)
    _shoot(tally, "4-chats-summary", "Чаты созданы", summary)
    tally.seconds["chats"] = time.perf_counter() - started


async def curator_sets_up(world: World, cursor: Cursor, tally: Tally, cls: ClassName,
                          curator: Person) -> dict[str, str]:  # fmt: skip
    """«Начать» as the administrator's summary asks, then two commands; returns the class
    links: {"родители": link, "ученики": link}."""
    since = await cursor.mark()
    await world.control.open_ref_link(curator.id, f"https://vk.me/{SANDBOX_SCREEN_NAME}")
    held = await _next(world, curator.id, since, "Здравствуйте! Для ваших классов")
    _shoot(tally, "5-curator-chats", "Куратору после «Начать»: ссылки на чаты класса", held)
    for chat_link in re.findall(r"https://vk\.me/join/\S+", held["params"]["message"]):
        await world.control.join_by_link(curator.id, chat_link)
    links = {}
    for what in ("родители", "ученики"):
        since = await cursor.mark()
        await world.control.write_dm(curator.id, f"ссылка для класса {cls} {what}")
        answer = await _next(world, curator.id, since, "Общая ссылка в чат")
        found = re.search(r"https://vk\.me/\S+\?ref=[A-Z0-9]+", answer["params"]["message"])
        links[what] = found[0]  # type: ignore[index]
        if what == "родители":
            _shoot(tally, "6-class-link", "Куратор: «ссылка для класса … родители»", answer)
    return links


async def member_joins(world: World, cursor: Cursor, tally: Tally, who: Member, family: Family,
                       link: str, curator: Person) -> None:  # fmt: skip
    """One person opens the class link and goes in; the curator taps once if the file lacked
    the person's VK page."""
    since = await cursor.mark()
    await world.control.open_ref_link(who.vk_id, link)
    first = await _next(world, who.vk_id, since, ("Вы есть в списках", "Здравствуйте! Это вход"))
    if first["params"]["message"].startswith("Вы есть в списках"):
        _shoot(tally, "7-known-parent", "Родитель из списков открыл ссылку", first)
        await world.control.join_by_link(who.vk_id, _join_link(first))
        return
    _shoot(tally, "8-parent-question", "Родитель без страницы в списках", first)
    since = await cursor.mark()
    await world.control.write_dm(who.vk_id, f"{family.pupil.last} {family.pupil.first}")
    request = await _next(world, curator.id, since, "🙋 Запрос №")
    number = int(re.search(r"Запрос №(\d+)", request["params"]["message"])[1])
    asked_by = int(re.search(r"Кто: .*?vk\.com/id(\d+)", request["params"]["message"])[1])
    tally.requests[number] = asked_by
    _shoot(tally, "9-curator-request", "Куратору: запрос на вход", request)
    keyboard = json.loads(request["params"]["keyboard"])
    admit = next(b["action"]["payload"] for row in keyboard["buttons"] for b in row
                 if b["action"].get("label", "").startswith("Впустить"))  # fmt: skip
    cmid = int(request["response"][0]["conversation_message_id"])
    since = await cursor.mark()
    await world.control.press_button(curator.id, curator.id, cmid, json.loads(admit))
    approved = await _next(world, who.vk_id, since, "Куратор подтвердил")
    _shoot(tally, "10-parent-approved", "Родителю: вход подтверждён", approved)
    await world.control.join_by_link(who.vk_id, _join_link(approved))


def chosen_families(school: School, mode: str) -> list[Family]:
    if mode == "all":
        return school.families
    chosen = []
    for i, (_, families) in enumerate(school.by_class().items()):
        if i in (0, 29):  # 1А and 10В whole
            chosen += families
        else:  # one family with a father to approve
            chosen.append(next(f for f in families if len(f.parents) > 1))
    return chosen


async def families_join(world: World, cursor: Cursor, tally: Tally, school: School,
                        families: list[Family], links: dict[ClassName, dict[str, str]],
                        curators: dict[ClassName, Person], parallel: int = 6) -> None:  # fmt: skip
    started = time.perf_counter()
    gate = asyncio.Semaphore(parallel)
    by_class: dict[ClassName, list[Family]] = {}
    for f in families:
        by_class.setdefault(f.class_name, []).append(f)

    async def one_class(cls: ClassName, mine: list[Family]) -> None:
        async with gate:  # a class's requests reach one curator: one family at a time
            for f in mine:
                await member_joins(world, cursor, tally, f.pupil, f, links[cls]["ученики"],
                                   curators[cls])  # fmt: skip
                for parent in f.parents:
                    await member_joins(world, cursor, tally, parent, f, links[cls]["родители"],
                                       curators[cls])  # fmt: skip

    await asyncio.gather(*(one_class(c, m) for c, m in by_class.items()))
    tally.seconds["families"] = time.perf_counter() - started


async def run(world: World, mode: str = "sample", parallel: int = 6) -> tuple[School, Tally]:
    """The whole onboarding in `world`; returns the school and what was counted."""
    school = make_school()
    tally = Tally()
    cursor = Cursor(world)
    people = people_in_sandbox(world, school)
    curators = {cls: people[m.vk_id] for cls, m in school.curators.items()}
    admin = world.config.school.admins[0]
    recorder = Recorder(world, admin, {p.id for p in curators.values()}, tally)
    reading = asyncio.create_task(recorder.loop())
    started = time.perf_counter()
    try:
        await world.control.set_chats_per_day(None)
        await admin_sets_up(world, cursor, tally, xlsx_bytes(school.rows()))
        begun = time.perf_counter()
        gate = asyncio.Semaphore(parallel)

        async def curator(cls: ClassName) -> tuple[ClassName, dict[str, str]]:
            async with gate:
                return cls, await curator_sets_up(world, cursor, tally, cls, curators[cls])

        links = dict(await asyncio.gather(*(curator(c) for c in curators)))
        tally.seconds["curators"] = time.perf_counter() - begun
        families = chosen_families(school, mode)
        await families_join(world, cursor, tally, school, families, links, curators, parallel)
        tally.seconds["total"] = time.perf_counter() - started
        await asyncio.sleep(0.5)  # the last presses reach the event stream
        await recorder.read()
    finally:
        reading.cancel()
    for chat in world.sandbox.world.chats.values():
        tally.members[chat.title] = set(chat.members)
    tally.seconds = {k: round(v, 1) for k, v in tally.seconds.items()}
    return school, tally


def taps_per_family(school: School, tally: Tally) -> dict[int, int]:
    """The curators' presses on join requests, by the family of whoever asked."""
    family_of = {m.vk_id: f.number for f in school.families for m in (f.pupil, *f.parents)}
    taps: dict[int, int] = {}
    for presses in tally.curator_presses.values():
        for payload in presses:
            if "jr" in payload:
                family = family_of[tally.requests[int(payload["r"])]]
                taps[family] = taps.get(family, 0) + 1
    return taps


def summary(school: School, tally: Tally, families: list[Family]) -> dict:
    taps = taps_per_family(school, tally)
    went = [m for f in families for m in (f.pupil, *f.parents)]
    return {
        "classes": len(school.curators),
        "pupils_in_file": len(school.families),
        "parents_in_file": sum(len(f.parents) for f in school.families),
        "families_joined": len(families),
        "people_joined": len(went),
        "admin_actions": len(tally.admin_actions),
        "admin_what": tally.admin_actions,
        "curator_commands_max": max(len(c) for c in tally.curator_commands.values()),
        "curator_commands_total": sum(len(c) for c in tally.curator_commands.values()),
        "curator_taps_total": sum(taps.values()),
        "taps_per_family_max": max(taps.values(), default=0),
        "families_with_a_tap": len(taps),
        "seconds": tally.seconds,
    }


async def bench(mode: str, pictures: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        async with running_world(Path(tmp)) as world:
            school, tally = await run(world, mode)
            result = summary(school, tally, chosen_families(school, mode))
            stats = await world.control.stats()
            result["vk_calls"] = stats["calls"]
            result["rate_limited"] = stats["rate_limited"]
    if pictures is not None:
        from bench.onboarding_pictures import draw_all

        result["pictures"] = [str(p) for p in draw_all(tally.shots, pictures)]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--families", choices=("sample", "all"), default="all")
    parser.add_argument("--pictures", type=Path, default=None)
    args = parser.parse_args(argv)
    result = asyncio.run(bench(args.families, args.pictures))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
