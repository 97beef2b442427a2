"""The demo's scene for answers to recurring questions and the confidential line."""

from __future__ import annotations

from bot.demo.transcript import Transcript
from bot.demo.world import World
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from bot.texts import demo as texts


async def scene_faq_and_confidential(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_FAQ)
    admin = world.people[world.config.school.admins[0]]
    curator, parent, pupil = world.people[3001], world.people[2001], world.people[1001]
    out.note(texts.NOTE_FAQ_ADD)
    for command in (texts.FAQ_HOMEWORK, texts.FAQ_MEETING):
        since = await world.mark()
        await world.control.write_dm(curator.id, command)
        out.line(curator.name, texts.DM, command)
        out.line(texts.BOT, texts.DM, await world.reply_starting(curator.id, since, "Готово"))
    chat = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    assert chat is not None
    where = texts.CHAT.format(title=chat.title)
    for question in (texts.ASK_HOMEWORK, texts.ASK_MEETING):
        answer = await world.say(parent, chat.peer_id, question)
        out.line(parent.name, where, question)
        out.line(texts.BOT, where, f"{texts.IN_REPLY} {answer[0]}")
    since = await world.mark()
    await world.control.write_chat(parent.id, chat.peer_id, texts.ASK_OTHER)
    out.line(parent.name, where, texts.ASK_OTHER)
    await world.quiet(since, 0.4)
    out.note(texts.NOTE_FAQ_SILENT)

    out.note(texts.NOTE_CONFIDENTIAL)
    since = await world.mark()
    await world.control.write_dm(pupil.id, texts.APPEAL)
    out.line(pupil.name, texts.DM, texts.APPEAL)
    out.line(texts.BOT, texts.DM, await world.reply_starting(pupil.id, since, "В боте"))
    delivered = await world.reply_starting(admin.id, since, "Обращение №")
    out.line(texts.BOT, texts.DM_TO.format(name=admin.name), delivered)
    out.note(texts.NOTE_NOBODY_ELSE)
    number = delivered.removeprefix("Обращение №").split(" ", 1)[0]
    reply = texts.APPEAL_REPLY.format(number=number)
    since = await world.mark()
    await world.control.write_dm(admin.id, reply)
    out.line(admin.name, texts.DM, reply)
    answer = await world.reply_starting(pupil.id, since, "Ответ на ваше обращение")
    out.line(texts.BOT, texts.DM_TO.format(name=pupil.name), answer)
