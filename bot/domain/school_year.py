"""The new school year, planned before it is done: every class moves up a grade, the leaving
grade's chats are archived, class chats get titles with the new class name.

Renames never collide when done from the top grade down: 11А leaves first, then 10А becomes
11А, and so on — at each step the target name is free.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from bot.domain.chats import SchoolChat, TitleTemplates
from bot.domain.classes import MAX_GRADE, ClassName


@dataclass(frozen=True, slots=True)
class Retitle:
    chat: SchoolChat
    new_title: str


@dataclass
class YearPlan:
    label: str  # the year that ends, «2024/25»
    moves: list[tuple[ClassName, ClassName]] = field(default_factory=list)  # top grade first
    graduating: list[ClassName] = field(default_factory=list)
    retitles: list[Retitle] = field(default_factory=list)
    archived: list[SchoolChat] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """Names what the plan was made from: a stale preview's button is refused."""
        text = (
            "|".join(f"{a}>{b}" for a, b in self.moves) + "|" + ",".join(map(str, self.graduating))
        )
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def year_label(today: date) -> str:
    """The school year that ends around `today`: in June 2025 (and up to August) «2024/25»."""
    start = today.year - 1 if today.month < 9 else today.year
    return f"{start}/{(start + 1) % 100:02d}"


def new_title(chat: SchoolChat, new: ClassName, templates: TitleTemplates, school: str) -> str:
    old = chat.class_name
    if old is None:
        return chat.title
    ours = templates.render(chat.kind, old, chat.subject, school)
    if chat.title == ours:
        return templates.render(chat.kind, new, chat.subject, school)
    return chat.title.replace(str(old), str(new))


def plan_new_year(
    classes: list[ClassName],
    chats: list[SchoolChat],
    *,
    templates: TitleTemplates,
    school: str,
    today: date,
) -> YearPlan:
    plan = YearPlan(year_label(today))
    for name in sorted(classes, key=lambda c: (-c.grade, c.letter)):
        if name.grade >= MAX_GRADE:
            plan.graduating.append(name)
        else:
            plan.moves.append((name, ClassName(name.grade + 1, name.letter)))
    targets = dict(plan.moves)
    for chat in chats:
        if chat.class_name in plan.graduating:
            plan.archived.append(chat)
        elif chat.class_name in targets:
            title = new_title(chat, targets[chat.class_name], templates, school)
            if title != chat.title:
                plan.retitles.append(Retitle(chat, title))
    return plan
