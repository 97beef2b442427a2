"""Does a display name pose as the school's staff? Pure matching, no I/O.

Scammers rename a fresh or hacked account «Директор Школы», «Завуч», «Ольга Николаевна (кл.
рук.)» and ask parents for money. A name poses as staff when it holds a staff title as a word of
its own, or two words of a staff member's name (first name and patronymic, or first and last).
Look-alike letters («Дирeктор» with a Latin «e», «Ольгa» with a Latin «a»), invisible characters
and case are folded away first, with the same normalisation moderation uses. Surnames that merely
start like a title («Директорова», «Учителев») are not titles: whole words only.

The caller decides who is verified (a roster person with a staff role at that VK id): this module
only says what the name claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.moderation.normalize import normalize

_TITLES = re.compile(
    r"\b(?:директор|директора|директору|завуч|завуча|замдиректора|заместитель директора"
    r"|учитель|учительница|педагог|классный руководитель|классная руководительница|кл рук"
    r"|классрук|классный рук|администрация|администратор|школа|школы|бухгалтерия)\b"
)
_NOT_LETTER = re.compile(r"[^а-я]+")
_MIN_NAME_WORDS = 2


@dataclass(frozen=True, slots=True)
class StaffMember:
    vk_id: int | None
    full_name: str


@dataclass(frozen=True, slots=True)
class Pose:
    """What the name claims: a title («директор») or to be a staff member (or both)."""

    title: str | None = None
    member: StaffMember | None = None


def fold_name(name: str) -> str:
    """Lower case Cyrillic words separated by single spaces, look-alikes folded."""
    return _NOT_LETTER.sub(" ", normalize(name).text).strip()


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in fold_name(name).split() if len(w) > 1)


def poses_as_staff(display_name: str, staff: Iterable[StaffMember]) -> Pose | None:
    folded = fold_name(display_name)
    if not folded:
        return None
    title = _TITLES.search(folded)
    words = frozenset(w for w in folded.split() if len(w) > 1)
    member = None
    for candidate in staff:
        if len(words & _words(candidate.full_name)) >= _MIN_NAME_WORDS:
            member = candidate
            break
    if title is None and member is None:
        return None
    return Pose(title.group() if title else None, member)
