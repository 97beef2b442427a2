"""Administrators shape the school: administrators, classes, curators, teachers, the trail."""

from __future__ import annotations

from collections.abc import Callable
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
    # Commands that change the school: key → (the use case, given the actor and the command's
    # arguments; the answer, given the arguments and what changed).
    changes: dict[str, tuple[Callable, Callable]] = {
        "add_admin": (
            lambda actor, a: school.add_admin(actor, a["person"]),
            lambda a, c: texts.admin_added(c),
        ),
        "remove_admin": (
            lambda actor, a: school.remove_admin(actor, a["person"]),
            lambda a, c: texts.admin_removed(c),
        ),
        "set_director": (
            lambda actor, a: school.set_director(actor, a["person"]),
            lambda a, c: texts.director_set(c),
        ),
        "add_deputy": (
            lambda actor, a: school.add_deputy(actor, a["person"]),
            lambda a, c: texts.deputy_added(c),
        ),
        "remove_deputy": (
            lambda actor, a: school.remove_deputy(actor, a["person"]),
            lambda a, c: texts.deputy_removed(c),
        ),
        "add_class": (
            lambda actor, a: school.add_class(actor, a["class_name"]),
            lambda a, c: texts.class_added(str(a["class_name"]), c),
        ),
        "rename_class": (
            lambda actor, a: school.rename_class(actor, a["class_name"], a["new_name"]),
            lambda a, c: texts.class_renamed(str(a["class_name"]), str(a["new_name"]), c),
        ),
        "remove_class": (
            lambda actor, a: school.remove_class(actor, a["class_name"]),
            lambda a, c: texts.class_removed(str(a["class_name"])),
        ),
        "set_curator": (
            lambda actor, a: school.set_curator(actor, a["class_name"], a["person"]),
            lambda a, c: texts.curator_set(str(a["class_name"]), c),
        ),
        "add_teacher": (
            lambda actor, a: school.add_teacher(actor, a["person"], a["subject"], a["classes"]),
            lambda a, c: texts.teacher_added(
                a["subject"], ", ".join(str(x) for x in a["classes"]), c
            ),
        ),
        "remove_teacher": (
            lambda actor, a: school.remove_teacher(actor, a["person"]),
            lambda a, c: texts.teacher_removed(c),
        ),
    }
    for key, (act, render) in changes.items():
        lab.message(IsCommand(key))(_change_handler(services, key, act, render))

    @lab.message(IsCommand("list_classes"))
    async def cmd_list_classes(message: Message, turn: Turn) -> None:
        await services.replies.reply(turn.incoming, texts.class_list(await school.list_classes()))

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


def _change_handler(services: Services, key: str, act: Callable, render: Callable) -> Callable:
    async def handler(message: Message, turn: Turn) -> None:
        try:
            text = render(turn.args, await act(turn.speaker.person, turn.args))
        except SchoolError as error:
            text = texts.school_error(error)
        await services.replies.reply(turn.incoming, text)

    handler.__name__ = f"cmd_{key}"
    return handler
