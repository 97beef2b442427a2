"""Injected failures addressed by the schema's operationId ("sendMessage", "getUpdates"...).

"upload" is the upload server's POST (not an API method; rules for every method skip it).
- errors: the call answers a MAX error `{code, message}` with an HTTP status (429 bursts,
  503 service.unavailable, 500 internal.error...) and does not run;
- http statuses: a proxy page (HTML) in front of MAX answers instead, as on a bad day;
- latency: the answer is late by so many seconds;
- drops: the connection closes without an answer, before the call runs or after it ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UPLOAD = "upload"


@dataclass
class _Rule:
    operation: str | None
    remaining: int | None
    value: Any = None

    def matches(self, operation: str) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.operation is None:
            return operation != UPLOAD
        return self.operation == operation


@dataclass
class Faults:
    errors: list[_Rule] = field(default_factory=list)
    http_statuses: list[_Rule] = field(default_factory=list)
    latency: list[_Rule] = field(default_factory=list)
    drops: list[_Rule] = field(default_factory=list)

    @staticmethod
    def _take(rules: list[_Rule], operation: str) -> _Rule | None:
        for rule in rules:
            if rule.matches(operation):
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule
        return None

    def add_error(
        self, operation: str | None, status: int, code: str, message: str, count: int | None
    ) -> None:
        self.errors.append(_Rule(operation, count, (status, code, message)))

    def add_http_status(self, status: int, operation: str | None, count: int | None) -> None:
        self.http_statuses.append(_Rule(operation, count, status))

    def add_latency(self, seconds: float, operation: str | None, count: int | None) -> None:
        self.latency.append(_Rule(operation, count, seconds))

    def add_drop(self, operation: str | None, count: int | None, executed: bool) -> None:
        self.drops.append(_Rule(operation, count, executed))

    def take_error(self, operation: str) -> tuple[int, str, str] | None:
        rule = self._take(self.errors, operation)
        return rule.value if rule else None

    def take_http_status(self, operation: str) -> int | None:
        rule = self._take(self.http_statuses, operation)
        return rule.value if rule else None

    def take_latency(self, operation: str) -> float:
        rule = self._take(self.latency, operation)
        return float(rule.value) if rule else 0.0

    def take_drop(self, operation: str) -> str | None:
        """None, "before" (the call never ran) or "after" (it ran, the answer is lost)."""
        rule = self._take(self.drops, operation)
        if rule is None:
            return None
        return "after" if rule.value else "before"

    def reset(self) -> None:
        for rules in (self.errors, self.http_statuses, self.latency, self.drops):
            rules.clear()
