"""Audits: which ones there are, the words that name them, and what one run found.

The findings are plain values: a run collects them, the texts turn them into a short report for
the administrators and, per class, for the class's curator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.classes import ClassName


class AuditKind(StrEnum):
    INVITES = "invites"
    MEMBERS = "members"
    RIGHTS = "rights"
    WARNINGS = "warnings"


AUDIT_ORDER: tuple[AuditKind, ...] = tuple(AuditKind)

_WORDS: dict[str, tuple[AuditKind, ...]] = {
    **dict.fromkeys(("приглашения", "приглашений", "ссылки"), (AuditKind.INVITES,)),
    **dict.fromkeys(("участники", "участников", "чаты", "состав"), (AuditKind.MEMBERS,)),
    **dict.fromkeys(("права", "прав"), (AuditKind.RIGHTS,)),
    **dict.fromkeys(("предупреждения", "предупреждений"), (AuditKind.WARNINGS,)),
    **dict.fromkeys(("все", "всё", "полный"), AUDIT_ORDER),
}


def parse_audit_kinds(text: str | None) -> tuple[AuditKind, ...] | None:
    """«участники» → (MEMBERS,); nothing or «все» → every audit; an unknown word → None."""
    words = (text or "все").strip().lower().replace("ё", "е").split()
    found: list[AuditKind] = []
    for word in words:
        kinds = _WORDS.get(word.strip(".,!?"))
        if kinds is None:
            return None
        found.extend(k for k in kinds if k not in found)
    return tuple(k for k in AUDIT_ORDER if k in found)


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of a report; `class_name` routes it to that class's curator too."""

    text: str
    class_name: ClassName | None = None


@dataclass
class AuditResult:
    kind: AuditKind
    findings: list[Finding] = field(default_factory=list)
    summary: str = ""  # one line: what was done

    def add(self, text: str, class_name: ClassName | None = None) -> None:
        self.findings.append(Finding(text, class_name))

    def for_class(self, class_name: ClassName) -> list[str]:
        return [f.text for f in self.findings if f.class_name == class_name]

    @property
    def classes(self) -> list[ClassName]:
        return sorted({f.class_name for f in self.findings if f.class_name is not None})


def missing_people(expected: dict[int, tuple[str, int | None]], present: set[int]) -> list[str]:
    """Names of the roster people (person id → (name, VK id)) who are not among `present`."""
    return sorted(
        name for name, vk_id in expected.values() if vk_id is None or vk_id not in present
    )


def who_left(recorded: set[int], present: set[int]) -> list[int]:
    """VK ids the bot saw join that are no longer in the chat."""
    return sorted(recorded - present)
