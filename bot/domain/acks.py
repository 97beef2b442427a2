"""Announcements answered by button: what the command asked for, families, tallies (pure).

- «объявление с подтверждением 5А: текст» — one button, «Ознакомлен(а)»;
- «согласие 5А: текст» — «Согласен» / «Не согласен»;
- «опрос 5А: вопрос; вариант 1; вариант 2» — 2 to 6 choices.

«5А ученики: текст» sends to the pupils' chat; the parents' chat is the default. In a parents'
chat the unit that answers is a family: the pupils of the class who share a parent, with all
their parents; any one of those parents answers for the family, the latest answer counts.
In a pupils' chat every pupil answers for themself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.chats import ChatKind

MAX_ACK_TEXT = 3500  # room for the note under it within one message
MIN_OPTIONS, MAX_OPTIONS = 2, 6  # an inline keyboard carries six rows
MAX_LABEL = 40  # VK's limit on a button's label
_KIND_WORD = re.compile(
    r"^\s*(родители|родителям|ученики|ученикам)\s*:\s*", re.IGNORECASE | re.UNICODE
)
_KINDS = {
    "родители": ChatKind.PARENTS, "родителям": ChatKind.PARENTS,
    "ученики": ChatKind.PUPILS, "ученикам": ChatKind.PUPILS,
}  # fmt: skip
_SPLIT = re.compile(r"\s*(?:;|\n)\s*")


class AckKind(StrEnum):
    ACK = "ack"
    CONSENT = "consent"
    POLL = "poll"


class AckProblem(StrEnum):
    NO_TEXT = "no_text"
    TOO_LONG = "too_long"
    FEW_OPTIONS = "few_options"
    MANY_OPTIONS = "many_options"
    LONG_OPTION = "long_option"
    SAME_OPTION = "same_option"


class AckWordsError(ValueError):
    def __init__(self, problem: AckProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value!r}")
        self.problem = problem
        self.value = value


@dataclass(frozen=True, slots=True)
class AckWording:
    chat_kind: ChatKind
    text: str
    options: tuple[str, ...] = ()  # a poll's own choices; fixed buttons come from the texts


def read_ack(kind: AckKind, what: str) -> AckWording:
    """The words after the class: «[родители|ученики:] текст», for a poll «вопрос; а; б»."""
    chat_kind = ChatKind.PARENTS
    what = what.strip().lstrip(":—–-").strip()
    if m := _KIND_WORD.match(what):
        chat_kind = _KINDS[m.group(1).casefold()]
        what = what[m.end() :].strip()
    if kind is not AckKind.POLL:
        return AckWording(chat_kind, _body(what))
    parts = _SPLIT.split(what)
    question, options = _body(parts[0]), [p for p in parts[1:] if p]
    if len(options) < MIN_OPTIONS:
        raise AckWordsError(AckProblem.FEW_OPTIONS, str(len(options)))
    if len(options) > MAX_OPTIONS:
        raise AckWordsError(AckProblem.MANY_OPTIONS, str(len(options)))
    seen: set[str] = set()
    for option in options:
        if len(option) > MAX_LABEL:
            raise AckWordsError(AckProblem.LONG_OPTION, option)
        folded = option.casefold().replace("ё", "е")
        if folded in seen:
            raise AckWordsError(AckProblem.SAME_OPTION, option)
        seen.add(folded)
    return AckWording(chat_kind, question, tuple(options))


def _body(text: str) -> str:
    text = text.strip()
    if not text:
        raise AckWordsError(AckProblem.NO_TEXT)
    if len(text) > MAX_ACK_TEXT:
        raise AckWordsError(AckProblem.TOO_LONG, str(len(text)))
    return text


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
