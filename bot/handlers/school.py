"""Administrators shape the school: administrators, classes, curators, teachers, the trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.commands import DEFAULT_LOG_COUNT
from bot.domain.people import Role
from bot.rules.command import IsCommand
from bot.services.school import SchoolError
from bot.texts import school as texts
from bot.texts.commands import render_trail

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    school = services.school

    async def answer(turn: Turn, make_text) -> None:
        try:
            text = await make_text()
        except SchoolError as error:
            text = texts.school_error(error)
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("add_admin"))
    async def cmd_add_admin(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.add_admin(actor, args["person"]), texts.admin_added)
        )

    @lab.message(IsCommand("remove_admin"))
    async def cmd_remove_admin(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.remove_admin(actor, args["person"]), texts.admin_removed)
        )

    @lab.message(IsCommand("set_director"))
    async def cmd_set_director(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.set_director(actor, args["person"]), texts.director_set)
        )

    @lab.message(IsCommand("add_deputy"))
    async def cmd_add_deputy(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.add_deputy(actor, args["person"]), texts.deputy_added)
        )

    @lab.message(IsCommand("remove_deputy"))
    async def cmd_remove_deputy(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.remove_deputy(actor, args["person"]), texts.deputy_removed)
        )

    @lab.message(IsCommand("add_class"))
    async def cmd_add_class(message: Message, turn: Turn) -> None:
        actor, name = turn.speaker.person, turn.args["class_name"]
        await answer(
            turn,
            lambda: _then(school.add_class(actor, name), lambda c: texts.class_added(str(name), c)),
        )

    @lab.message(IsCommand("rename_class"))
    async def cmd_rename_class(message: Message, turn: Turn) -> None:
        actor, old, new = turn.speaker.person, turn.args["class_name"], turn.args["new_name"]
        await answer(
            turn,
            lambda: _then(
                school.rename_class(actor, old, new),
                lambda c: texts.class_renamed(str(old), str(new), c),
            ),
        )

    @lab.message(IsCommand("remove_class"))
    async def cmd_remove_class(message: Message, turn: Turn) -> None:
        actor, name = turn.speaker.person, turn.args["class_name"]
        await answer(
            turn,
            lambda: _then(
                school.remove_class(actor, name), lambda _: texts.class_removed(str(name))
            ),
        )

    @lab.message(IsCommand("set_curator"))
    async def cmd_set_curator(message: Message, turn: Turn) -> None:
        actor, name, who = turn.speaker.person, turn.args["class_name"], turn.args["person"]
        await answer(
            turn,
            lambda: _then(
                school.set_curator(actor, name, who), lambda c: texts.curator_set(str(name), c)
            ),
        )

    @lab.message(IsCommand("add_teacher"))
    async def cmd_add_teacher(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        classes = ", ".join(str(c) for c in args["classes"])
        await answer(
            turn,
            lambda: _then(
                school.add_teacher(actor, args["person"], args["subject"], args["classes"]),
                lambda c: texts.teacher_added(args["subject"], classes, c),
            ),
        )

    @lab.message(IsCommand("remove_teacher"))
    async def cmd_remove_teacher(message: Message, turn: Turn) -> None:
        actor, args = turn.speaker.person, turn.args
        await answer(
            turn, lambda: _then(school.remove_teacher(actor, args["person"]), texts.teacher_removed)
        )

    @lab.message(IsCommand("list_classes"))
    async def cmd_list_classes(message: Message, turn: Turn) -> None:
        await answer(turn, lambda: _then(school.list_classes(), texts.class_list))

    @lab.message(IsCommand("class_people"))
    async def cmd_class_people(message: Message, turn: Turn) -> None:
        name = turn.args["class_name"]
        try:
            members = await school.class_people(name)
        except SchoolError as error:
            await services.replies.reply(turn.incoming, texts.school_error(error))
            return
        pupils = {p.id: p.full_name for p, g in members if g.role is Role.PUPIL}
        text = texts.class_people(str(name), members, pupils)
        await services.replies.reply_private(turn.incoming, text)

    @lab.message(IsCommand("log"))
    async def cmd_log(message: Message, turn: Turn) -> None:
        entries, names = await school.latest_trail(turn.args.get("count") or DEFAULT_LOG_COUNT)
        local = [
            e.__class__(
                actor_person_id=e.actor_person_id,
                action=e.action,
                at=e.at.astimezone(services.config.school.tz),
                details=e.details,
                id=e.id,
            )
            for e in entries
        ]
        await services.replies.reply_private(turn.incoming, render_trail(local, names))

    return lab


async def _then(awaitable, render):
    return render(await awaitable)
