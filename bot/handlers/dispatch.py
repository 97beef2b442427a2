"""vkbottle's handler, with each rule's and handler's argument names worked out once.

vkbottle's `FromFuncHandler` calls `magic_bundle` for every rule it checks and every handler it
runs: it unwraps the function and reads its argument names and defaults again each time (~10 µs
a check; a chat message meets several checks before plain talk ends). The functions never change
after start-up, so the same answer is worked out once here; what is passed is exactly what
`magic_bundle` would pass (tests/unit/test_dispatch.py holds them side by side).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vkbottle.dispatch.handlers import FromFuncHandler
from vkbottle.tools.magic import CONTEXT_NAMES, get_default_args, resolve_arg_names


class ArgPlan:
    """Which of the context's values a function takes, and its defaults."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.names = resolve_arg_names(func, start_idx=1)
        self.defaults = get_default_args(func)
        self.context_name = next((n for n in CONTEXT_NAMES if n in self.names), None)

    def bundle(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        found = dict(self.defaults)
        for name in self.names:
            if name in kwargs:
                found[name] = kwargs[name]
        if self.context_name is not None:
            found[self.context_name] = kwargs.copy()
        return found


class PlannedHandler(FromFuncHandler):
    def __init__(self, original: FromFuncHandler) -> None:
        super().__init__(original.handler, *original.rules, blocking=original.blocking)
        self._rules = [(rule, ArgPlan(rule.check)) for rule in self.rules]
        self._handler_plan = ArgPlan(self.handler)

    async def filter(self, event: Any, context: dict[str, Any] | None = None) -> dict | bool:
        rule_context = (context or {}).copy()
        for rule, plan in self._rules:
            result = await rule.check(event, **plan.bundle(rule_context))
            if result is False or result is None:
                return False
            if result is True:
                continue
            rule_context.update(result)
        return rule_context

    async def handle(self, event: Any, **context: Any) -> Any:
        return await self.handler(event, **self._handler_plan.bundle(context))


def plan_handlers(handlers: list[Any]) -> None:
    """Replaces vkbottle's own handlers in the list (in place, in order) by planned ones."""
    for i, handler in enumerate(handlers):
        if type(handler) is FromFuncHandler:
            handlers[i] = PlannedHandler(handler)
