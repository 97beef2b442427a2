"""Injected failures: API errors, latency, dropped connections, long-poll `failed` answers.

`method` names match API methods; the long poll itself is addressed as "longpoll" and the
upload server's POST as "upload" (neither is hit by rules for "every method").
"""

from __future__ import annotations

from dataclasses import dataclass, field

LONGPOLL = "longpoll"
UPLOAD = "upload"


@dataclass
class _Rule:
    method: str | None
    remaining: int | None
    value: float | int = 0

    def matches(self, method: str) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method is None:
            return method not in (LONGPOLL, UPLOAD)
        return self.method == method

    def consume(self) -> None:
        if self.remaining is not None:
            self.remaining -= 1


@dataclass
class Faults:
    errors: list[_Rule] = field(default_factory=list)
    latency: list[_Rule] = field(default_factory=list)
    drops: list[_Rule] = field(default_factory=list)
    longpoll_failed: list[int] = field(default_factory=list)
    http_statuses: list[_Rule] = field(default_factory=list)

    def add_error(self, method: str, code: int, count: int | None) -> None:
        self.errors.append(_Rule(method, count, code))

    def add_latency(self, seconds: float, method: str | None, count: int | None) -> None:
        self.latency.append(_Rule(method, count, seconds))

    def add_drop(self, method: str, count: int | None, executed: bool = False) -> None:
        self.drops.append(_Rule(method, count, 1 if executed else 0))

    def add_longpoll_failed(self, code: int, count: int) -> None:
        self.longpoll_failed.extend([code] * count)

    def reset(self) -> None:
        self.errors.clear()
        self.latency.clear()
        self.drops.clear()
        self.longpoll_failed.clear()
        self.http_statuses.clear()

    def add_http_status(self, status: int, method: str | None, count: int | None) -> None:
        self.http_statuses.append(_Rule(method, count, status))

    def take_http_status(self, method: str) -> int | None:
        """A proxy in front of VK answers with this HTTP status; VK never sees the request."""
        rule = self._take(self.http_statuses, method)
        return int(rule.value) if rule else None

    @staticmethod
    def _take(rules: list[_Rule], method: str) -> _Rule | None:
        for rule in rules:
            if rule.matches(method):
                rule.consume()
                return rule
        return None

    def take_error(self, method: str) -> int | None:
        rule = self._take(self.errors, method)
        return int(rule.value) if rule else None

    def take_latency(self, method: str) -> float:
        rule = self._take(self.latency, method)
        return float(rule.value) if rule else 0.0

    def take_drop(self, method: str) -> str | None:
        """None, "before" (the call never ran) or "after" (it ran, the answer is lost)."""
        rule = self._take(self.drops, method)
        if rule is None:
            return None
        return "after" if rule.value else "before"

    def take_longpoll_failed(self) -> int | None:
        return self.longpoll_failed.pop(0) if self.longpoll_failed else None
