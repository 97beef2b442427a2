"""Handlers with their argument names worked out once pass exactly what vkbottle would."""

from __future__ import annotations

import pytest
from vkbottle.dispatch.rules import ABCRule
from vkbottle.tools.magic import magic_bundle

from bot.handlers.dispatch import ArgPlan, PlannedHandler


class TurnRule(ABCRule[dict]):
    async def check(self, event: dict, turn: str | None = None) -> bool:
        return turn == "ok"


class NeedsMore(ABCRule[dict]):
    async def check(self, event: dict, turn: str, channel: int = 7) -> dict:
        return {"channel": channel + 1, "seen": turn}


async def plain(message: dict, turn: str) -> str:
    return turn


async def with_defaults(message: dict, turn: str = "none", note: str | None = None) -> str:
    return f"{turn}/{note}"


async def wants_context(message: dict, ctx: dict) -> dict:
    return ctx


async def nothing(message: dict) -> None:
    return None


CONTEXTS = [{}, {"turn": "ok"}, {"turn": "ok", "note": "n", "other": 1}, {"channel": 3}]


@pytest.mark.parametrize("func", [plain, with_defaults, wants_context, nothing])
@pytest.mark.parametrize("context", CONTEXTS)
def test_the_same_arguments_as_magic_bundle(func, context):
    assert ArgPlan(func).bundle(context) == magic_bundle(func, context)


@pytest.mark.parametrize("rule", [TurnRule(), NeedsMore()])
@pytest.mark.parametrize("context", CONTEXTS)
def test_the_same_arguments_for_rules(rule, context):
    assert ArgPlan(rule.check).bundle(context) == magic_bundle(rule.check, context)


async def test_a_planned_handler_filters_and_handles_as_vkbottles():
    from vkbottle.dispatch.handlers import FromFuncHandler

    original = FromFuncHandler(with_defaults, TurnRule(), NeedsMore(), blocking=False)
    planned = PlannedHandler(original)
    for context in ({"turn": "ok"}, {"turn": "no"}):
        expected = await original.filter({}, context)
        assert await planned.filter({}, context) == expected
        if expected:
            assert await planned.handle({}, **expected) == await original.handle({}, **expected)
    assert planned.blocking is False


async def test_every_message_handler_of_the_bot_is_planned(world):
    handlers = world.app.bot.labeler.message_view.handlers
    assert handlers and all(isinstance(h, PlannedHandler) for h in handlers)
