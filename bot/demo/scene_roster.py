"""The demo's scene for roster files as schools have them (issues 15 and 17)."""

from __future__ import annotations

import base64

from bot.demo.transcript import Transcript
from bot.demo.world import World
from bot.texts import demo as texts

# As a school's own programme exports it: Windows-1251, its own column names, a column the bot
# does not need, and two mothers of one name in one class.
SCHOOL_FILE = (
    "Список 7В класса на 01.09\r\n"
    "ФИО;Класс;Ссылка ВК;Дата рождения;ФИО ребёнка\r\n"
    "Кузнецов Илья Петрович;7В;;12.03.2012;\r\n"
    "Орлов Матвей Ильич;7В;vk.com/id1701;05.07.2012;\r\n"
    "Кузнецова Ольга Сергеевна;7В;;;Кузнецов Илья\r\n"
    "Кузнецова Ольга Сергеевна;7В;;;Орлов Матвей\r\n"
)


async def scene_roster_files(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_ROSTER_FILES)
    admin = world.people[world.config.school.admins[0]]
    data = SCHOOL_FILE.encode("cp1251")
    doc = {"type": "doc", "title": "7В.csv", "content_b64": base64.b64encode(data).decode()}
    out.note(texts.NOTE_ROSTER_CUT)
    # VK's file server drops the connection halfway, once.
    await world.control.serve_documents(chunk_bytes=64, cut_after=len(data) // 2, count=1)
    answer = await world.dm(admin, "", attachments=[doc])
    out.line(admin.name, texts.DM, texts.FILE.format(title="7В.csv"))
    out.line(texts.BOT, texts.DM, answer[0])
    out.note(texts.NOTE_ROSTER_AGAIN)
    answer = await world.dm(admin, "", attachments=[doc])
    out.line(admin.name, texts.DM, texts.FILE.format(title="7В.csv"))
    out.line(texts.BOT, texts.DM, answer[0])
