"""The director's statistics as plain values, and their CSV rows (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bot.domain.classes import ClassName


@dataclass
class ClassStats:
    class_name: ClassName
    pupils: int = 0
    pupils_joined: int = 0
    parents: int = 0
    parents_joined: int = 0
    messages: int = 0
    incidents: Counter[str] = field(default_factory=Counter)
    alerts_handled: int = 0
    invites_issued: int = 0
    invites_claimed: int = 0
    announcements: int = 0  # asking for acknowledgement
    acknowledged: int = 0  # families (or pupils) who pressed «Ознакомлен(а)», over all of them
    to_acknowledge: int = 0
    questions_answered: int = 0  # by the bot, from the curator's answers


@dataclass
class SchoolStats:
    since: date
    until: date
    classes: list[ClassStats] = field(default_factory=list)
    chats: list[tuple[str, int]] = field(default_factory=list)  # (title, messages)
    incidents: Counter[str] = field(default_factory=Counter)
    alerts_handled: int = 0
    invites_issued: int = 0
    invites_claimed: int = 0

    @property
    def announcements(self) -> int:
        return sum(c.announcements for c in self.classes)

    @property
    def acknowledged(self) -> tuple[int, int]:
        return (
            sum(c.acknowledged for c in self.classes),
            sum(c.to_acknowledge for c in self.classes),
        )

    @property
    def questions_answered(self) -> int:
        return sum(c.questions_answered for c in self.classes)

    @property
    def incidents_open(self) -> int:
        return sum(self.incidents.values()) - self.alerts_handled

    def of_class(self, class_name: ClassName) -> ClassStats:
        for stats in self.classes:
            if stats.class_name == class_name:
                return stats
        stats = ClassStats(class_name)
        self.classes.append(stats)
        self.classes.sort(key=lambda s: s.class_name)
        return stats

    @property
    def messages(self) -> int:
        return sum(n for _, n in self.chats)

    @property
    def pupils(self) -> tuple[int, int]:
        return sum(c.pupils_joined for c in self.classes), sum(c.pupils for c in self.classes)

    @property
    def parents(self) -> tuple[int, int]:
        return sum(c.parents_joined for c in self.classes), sum(c.parents for c in self.classes)


def percent(part: int, whole: int) -> int:
    """A whole percentage; 0 of 0 is 0 %."""
    return round(100 * part / whole) if whole else 0


CSV_HEADER = (
    "class", "pupils", "pupils_joined", "pupils_joined_pct", "parents", "parents_joined",
    "parents_joined_pct", "messages", "incidents", "alerts_handled", "invites_issued",
    "invites_claimed", "announcements", "acknowledged", "to_acknowledge", "questions_answered",
)  # fmt: skip


def csv_rows(stats: SchoolStats) -> list[list[str]]:
    """One row per class and a last row «school» with the totals."""
    rows = [list(CSV_HEADER)]
    for c in stats.classes:
        rows.append([str(v) for v in (
            c.class_name, c.pupils, c.pupils_joined, percent(c.pupils_joined, c.pupils),
            c.parents, c.parents_joined, percent(c.parents_joined, c.parents), c.messages,
            sum(c.incidents.values()), c.alerts_handled, c.invites_issued, c.invites_claimed,
            c.announcements, c.acknowledged, c.to_acknowledge, c.questions_answered,
        )])  # fmt: skip
    (pj, p), (aj, a) = stats.pupils, stats.parents
    rows.append([str(v) for v in (
        "school", p, pj, percent(pj, p), a, aj, percent(aj, a), stats.messages,
        sum(stats.incidents.values()), stats.alerts_handled, stats.invites_issued,
        stats.invites_claimed, stats.announcements, *stats.acknowledged, stats.questions_answered,
    )])  # fmt: skip
    return rows


ATTENTION_SHARE = 50  # % of pupils or parents in the chats, or of families who read an announcement


def open_incidents(c: ClassStats) -> int:
    return max(0, sum(c.incidents.values()) - c.alerts_handled)


def needs_attention(stats: SchoolStats) -> list[ClassStats]:
    """Classes where something waits for a person: undecided incidents, chats most of the class
    has not joined, announcements most families have not read. Worst first."""
    found = [
        c
        for c in stats.classes
        if open_incidents(c)
        or (c.pupils and percent(c.pupils_joined, c.pupils) < ATTENTION_SHARE)
        or (c.parents and percent(c.parents_joined, c.parents) < ATTENTION_SHARE)
        or (c.to_acknowledge and percent(c.acknowledged, c.to_acknowledge) < ATTENTION_SHARE)
    ]

    def joined(c: ClassStats) -> int:
        return percent(c.pupils_joined + c.parents_joined, c.pupils + c.parents)

    return sorted(found, key=lambda c: (-open_incidents(c), joined(c), c.class_name))
