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


async def scene_content_rules(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_CONTENT_RULES)
    pupils = await ChatRepo(world.app.db).find(kind=ChatKind.PUPILS, class_name=ClassName(5, "А"))
    pupil = world.people[1001]
    where = texts.CHAT.format(title=pupils.title)
    for text, attachments, shown, removed in (
        ("", [{"type": "audio_message", "duration": 240}], texts.VOICE_4_MINUTES, True),
        ("@all кто сделал алгебру???", [], "@all кто сделал алгебру???", True),
        ("", [{"type": "audio_message", "duration": 15}], texts.VOICE_15_SECONDS, False),
    ):
        since = await world.mark()
        await world.control.write_chat(pupil.id, pupils.peer_id, text, attachments=attachments)
        out.line(pupil.name, where, shown)
        if removed:
            note = await world.control.wait_action(
                "messages.send", since=since, timeout=10, peer_ids=str(pupils.peer_id)
            )
            out.line(texts.BOT, where, note["params"]["message"])
        else:
            done = await world.quiet(since, 0.5)
            kept = not any(a["method"] == "messages.delete" for a in done)
            out.note(texts.NOTE_CONTENT_KEPT if kept else texts.NOTE_CONTENT_DELETED)
