"""Moderation settings: plain values passed in by the service layer (no config files here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.moderation.rules import ALL_RULES


@dataclass(frozen=True, slots=True)
class ModerationSettings:
    enabled_rules: frozenset[str] = frozenset(ALL_RULES)
    # Rules switched off in chats of a given kind, e.g. {"teachers": frozenset({"external_link"})}.
    disabled_by_chat_kind: Mapping[str, frozenset[str]] = field(default_factory=dict)
    extra_allowed_domains: tuple[str, ...] = ()
    flood_max_messages: int = 8
    flood_per_seconds: float = 10.0
    raid_max_joins: int = 10
    raid_per_seconds: float = 60.0

    def __post_init__(self) -> None:
        unknown = set(self.enabled_rules) - set(ALL_RULES)
        for rules in self.disabled_by_chat_kind.values():
            unknown |= set(rules) - set(ALL_RULES)
        if unknown:
            raise ValueError(f"unknown moderation rules: {sorted(unknown)}")
        if self.flood_max_messages < 1 or self.raid_max_joins < 1:
            raise ValueError("flood and raid thresholds must be at least 1")
        if self.flood_per_seconds <= 0 or self.raid_per_seconds <= 0:
            raise ValueError("flood and raid windows must be positive")
