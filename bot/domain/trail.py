"""The trail: every change an administrator makes — who, what, when. Storage is elsewhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

DetailValue = str | int | bool | None


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """`action` is a command key ("add_class", "import_roster", …) or another stable key.

    `details` hold plain values only (class names as «5А», VK ids as ints) so the entry can be
    stored as JSON and read back equal."""

    actor_person_id: int
    action: str
    at: datetime
    details: Mapping[str, DetailValue] = field(default_factory=dict, hash=False)
    id: int | None = None  # set by storage

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("TrailEntry.at must be timezone-aware")
        if not self.action:
            raise ValueError("TrailEntry.action is empty")
        for key, value in self.details.items():
            if not isinstance(key, str) or not isinstance(value, DetailValue):
                raise ValueError(f"TrailEntry.details[{key!r}] is not a plain value: {value!r}")
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))


def latest(entries: list[TrailEntry], count: int) -> list[TrailEntry]:
    """The last `count` entries, newest first."""
    return sorted(entries, key=lambda e: (e.at, e.id or 0), reverse=True)[: max(count, 0)]
