"""Announcements answered by button: who answers, the tally, presses (pure; no I/O).

What a command's words ask for is `bot.domain.ack_words`. In a parents' chat the unit that answers is a family: the pupils of the class who share a parent, with all
their parents; any one of those parents answers for the family, the latest answer counts.
In a pupils' chat every pupil answers for themself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AckKind(StrEnum):
    ACK = "ack"
    CONSENT = "consent"
    POLL = "poll"


# --- who answers ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    vk_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class Unit:
    """Who answers as one: a family (its pupils and their parents) or one pupil."""

    pupils: tuple[Member, ...]
    voters: tuple[Member, ...]

    @property
    def label(self) -> str:
        return ", ".join(p.name for p in self.pupils)


def pupil_units(pupils: Iterable[Member]) -> list[Unit]:
    return [Unit((p,), (p,)) for p in sorted(pupils, key=lambda m: m.name)]


def family_units(pupils: Iterable[Member], links: Iterable[tuple[Member, int]]) -> list[Unit]:
    """Families of the class: pupils who share a parent belong together (siblings), whatever
    the chain. `links` are (parent, pupil's person id); links to other classes' pupils are
    ignored. A pupil with no parent on the roster is a family of their own with no voters."""
    by_id = {p.person_id: p for p in pupils}
    root = {pid: pid for pid in by_id}

    def find(pid: int) -> int:
        while root[pid] != pid:
            root[pid] = root[root[pid]]
            pid = root[pid]
        return pid

    parents_of: dict[int, list[Member]] = {}
    children: dict[int, list[int]] = {}
    for parent, pupil_id in links:
        if pupil_id not in by_id:
            continue
        children.setdefault(parent.person_id, []).append(pupil_id)
        parents_of.setdefault(pupil_id, []).append(parent)
    for kids in children.values():
        for kid in kids[1:]:
            root[find(kid)] = find(kids[0])
    groups: dict[int, list[int]] = {}
    for pid in by_id:
        groups.setdefault(find(pid), []).append(pid)
    units = []
    for members in groups.values():
        pupils_here = tuple(sorted((by_id[m] for m in members), key=lambda m: m.name))
        voters = {v.person_id: v for m in members for v in parents_of.get(m, [])}
        units.append(Unit(pupils_here, tuple(sorted(voters.values(), key=lambda v: v.name))))
    return sorted(units, key=lambda u: u.label)


def unit_of(units: Iterable[Unit], person_id: int) -> Unit | None:
    return next((u for u in units if any(v.person_id == person_id for v in u.voters)), None)


# --- counting ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Answer:
    person_id: int
    choice: int
    at: datetime
    seq: int = 0  # the order of answers given at the same moment

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.at, self.seq)


@dataclass(frozen=True, slots=True)
class UnitAnswer:
    unit: Unit
    answer: Answer | None  # the latest of its voters' answers

    @property
    def by(self) -> Member | None:
        if self.answer is None:
            return None
        return next(v for v in self.unit.voters if v.person_id == self.answer.person_id)


@dataclass(frozen=True, slots=True)
class Tally:
    rows: tuple[UnitAnswer, ...]
    counts: tuple[int, ...]  # per choice

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def answered(self) -> int:
        return sum(1 for r in self.rows if r.answer is not None)

    @property
    def missing(self) -> list[Unit]:
        return [r.unit for r in self.rows if r.answer is None]

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def tally(units: Iterable[Unit], answers: Mapping[int, Answer], options: int) -> Tally:
    """Each unit's latest answer; answers of people no longer in any unit are not counted."""
    rows = []
    counts = [0] * options
    for unit in units:
        mine = [answers[v.person_id] for v in unit.voters if v.person_id in answers]
        latest = max(mine, key=lambda a: a.order) if mine else None
        rows.append(UnitAnswer(unit, latest))
        if latest is not None and 0 <= latest.choice < options:
            counts[latest.choice] += 1
    return Tally(tuple(rows), tuple(counts))


class PressOutcome(StrEnum):
    STRANGER = "stranger"  # not one who answers this announcement
    RECORDED = "recorded"  # a first answer for the unit
    CHANGED = "changed"  # the unit's answer changed
    ALREADY = "already"  # the same answer as the unit's already


def judge_press(
    units: Iterable[Unit], answers: Mapping[int, Answer], person_id: int | None, choice: int
) -> PressOutcome:
    unit = unit_of(units, person_id) if person_id is not None else None
    if unit is None:
        return PressOutcome.STRANGER
    mine = [answers[v.person_id] for v in unit.voters if v.person_id in answers]
    if not mine:
        return PressOutcome.RECORDED
    latest = max(mine, key=lambda a: a.order)
    return PressOutcome.ALREADY if latest.choice == choice else PressOutcome.CHANGED
