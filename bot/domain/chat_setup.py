"""«Чаты всем классам»: which chats a run makes, worked out from the roster and the chats there are.

Every class gets a pupils' chat and a parents' chat, titled by the school's templates. A chat the
class already has (created or bound) is left alone, so running again makes nothing, and a class
added later is simply one more class without chats. The plan's fingerprint names exactly what
would be made: a preview pressed after the school changed is refused, not run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.chats import ChatKind, SchoolChat, TitleTemplates
from bot.domain.classes import ClassName

SETUP_KINDS = (ChatKind.PUPILS, ChatKind.PARENTS)
PROGRESS_EVERY = 10  # chats made between two progress notes to the administrator
# VK says nothing about when its day ends; a day after the refusal is past it however VK counts.
RETRY_AFTER_LIMIT = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class SetupStep:
    class_name: ClassName
    kind: ChatKind
    title: str
    existing: SchoolChat | None = None  # the chat the class has already

    @property
    def to_make(self) -> bool:
        return self.existing is None


@dataclass(frozen=True, slots=True)
class SetupPlan:
    steps: tuple[SetupStep, ...]

    @property
    def to_make(self) -> tuple[SetupStep, ...]:
        return tuple(s for s in self.steps if s.to_make)

    @property
    def existing(self) -> tuple[SetupStep, ...]:
        return tuple(s for s in self.steps if not s.to_make)

    @property
    def classes(self) -> tuple[ClassName, ...]:
        return tuple(dict.fromkeys(s.class_name for s in self.steps))

    @property
    def fingerprint(self) -> str:
        made = ";".join(f"{s.class_name}:{s.kind.value}:{s.title}" for s in self.to_make)
        return hashlib.sha256(made.encode()).hexdigest()[:12]


def plan_chat_setup(
    classes: Iterable[ClassName],
    chats: Iterable[SchoolChat],
    *,
    templates: TitleTemplates,
    school: str,
) -> SetupPlan:
    have = {(c.class_name, c.kind): c for c in chats if c.kind in SETUP_KINDS}
    steps = [
        SetupStep(
            name,
            kind,
            templates.render(kind, name, school=school),
            have.get((name, kind)),
        )
        for name in sorted(set(classes))
        for kind in SETUP_KINDS
    ]
    return SetupPlan(tuple(steps))


class ItemState(StrEnum):
    PLANNED = "planned"
    CREATING = "creating"  # createChat was sent; its answer may have been lost
    CREATED = "created"
    SKIPPED = "skipped"  # the class got this chat some other way meanwhile
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (ItemState.CREATED, ItemState.SKIPPED, ItemState.FAILED)


class RunState(StrEnum):
    RUNNING = "running"
    WAITING = "waiting"  # VK's quota for the day is spent; resumes at `resume_at`
    DONE = "done"


@dataclass(frozen=True, slots=True)
class SetupItem:
    id: int
    class_name: ClassName
    kind: ChatKind
    title: str
    state: ItemState
    peer_id: int | None = None
    attempted_at: float | None = None  # wall-clock seconds when createChat was last sent
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SetupRun:
    id: int
    report_peer_id: int
    state: RunState
    started_at: datetime
    resume_at: datetime | None = None
    actor_person_id: int | None = None


def settle_wait(attempted_at: float | None, now: float, timeout: float) -> float:
    """Seconds to wait before looking for a chat whose creation's answer was lost: VK may
    still be making it while the request's own time has not run out."""
    if attempted_at is None:
        return 0.0
    return max(0.0, attempted_at + timeout - now)
