"""The dry-run scene: a new school watches what moderation would do before letting it act."""

from __future__ import annotations

from bot.demo.transcript import Transcript
from bot.demo.world import World
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from bot.texts import demo as texts


async def scene_report_only(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_REPORT_ONLY)
    admin = world.people[world.config.school.admins[0]]
    parent = world.people[2001]
    parents = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    where = texts.CHAT.format(title=parents.title)
    for command in ("пробный режим родители вкл",):
        answer = await world.dm(admin, command)
        out.line(admin.name, texts.DM, command)
        out.line(texts.BOT, texts.DM, answer[0])
    since = await world.mark()
    cmid = await world.control.write_chat(parent.id, parents.peer_id, texts.RUDE_IN_DRY_RUN)
    out.line(parent.name, where, texts.RUDE_IN_DRY_RUN)
    await world.quiet(since, 0.5)
    kept = next(m for m in await world.control.messages(parents.peer_id)
                if m["conversation_message_id"] == cmid)  # fmt: skip
    out.note(texts.NOTE_DRY_KEPT if not kept["deleted"] else texts.NOTE_DRY_DELETED)
    for command in ("отчёт пробного режима", "пробный режим родители выкл"):
        answer = await world.dm(admin, command)
        out.line(admin.name, texts.DM, command)
        out.line(texts.BOT, texts.DM, answer[0])
