"""How people are named in commands and in the roster: a VK mention, a profile link or an id.

`ById` is final; `ByScreenName` still has to be resolved through the VK API (utils.resolveScreenName)
by the service layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_VK_ID = 10**12  # VK user ids are past 2**31 already; anything longer is a typo

_MENTION = re.compile(r"\[(id|club|public|event)(\d+)\|[^\]]*\]", re.ASCII)
_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?vk\.(?:com|ru)/([^/?#\s]*)/?(?:[?#]\S*)?", re.ASCII | re.I
)
_ID = re.compile(r"id(\d+)", re.ASCII)
_GROUP = re.compile(r"(?:club|public|event)\d+", re.ASCII)
_SCREEN_NAME = re.compile(r"[a-z0-9_.]{2,32}", re.ASCII)


class PersonRefProblem(StrEnum):
    EMPTY = "empty"
    NOT_A_PERSON = "not_a_person"  # no mention, link or id
    COMMUNITY = "community"  # a community, not a person
    BAD_ID = "bad_id"  # 0, or absurdly long


class PersonRefError(ValueError):
    def __init__(self, problem: PersonRefProblem, text: str) -> None:
        super().__init__(f"{problem.value}: {text!r}")
        self.problem = problem
        self.text = text


@dataclass(frozen=True, slots=True)
class ById:
    vk_id: int

    def __str__(self) -> str:
        return f"vk.com/id{self.vk_id}"


@dataclass(frozen=True, slots=True)
class ByScreenName:
    screen_name: str  # lower-case; VK screen names are case-insensitive

    def __str__(self) -> str:
        return f"vk.com/{self.screen_name}"


PersonRef = ById | ByScreenName


def _by_id(digits: str, text: str) -> ById:
    if len(digits) > 13 or not 0 < int(digits) < MAX_VK_ID:
        raise PersonRefError(PersonRefProblem.BAD_ID, text)
    return ById(int(digits))


def _by_name(name: str, text: str) -> PersonRef:
    name = name.lower()
    if m := _ID.fullmatch(name):
        return _by_id(m.group(1), text)
    if _GROUP.fullmatch(name):
        raise PersonRefError(PersonRefProblem.COMMUNITY, text)
    if not _SCREEN_NAME.fullmatch(name) or name.isdigit():
        raise PersonRefError(PersonRefProblem.NOT_A_PERSON, text)
    return ByScreenName(name)


def parse_person_ref(text: str) -> PersonRef:
    """`[id123|Имя]`, `@id123`, `*id123`, `vk.com/id123`, `https://m.vk.com/name`, `@name`,
    `id123`, `123`, `name`. Raises PersonRefError only."""
    s = text.strip().rstrip(",.;:")
    if not s:
        raise PersonRefError(PersonRefProblem.EMPTY, text)
    if m := _MENTION.fullmatch(s):
        if m.group(1) != "id":
            raise PersonRefError(PersonRefProblem.COMMUNITY, text)
        return _by_id(m.group(2), text)
    if m := _LINK.fullmatch(s):
        return _by_name(m.group(1), text)
    if s[0] in "@*":
        # VK's typed mention may carry the shown name: «@id5 (Иван)» — a token holds only «@id5».
        return _by_name(s[1:], text)
    if s.isascii() and s.isdigit():
        return _by_id(s, text)
    return _by_name(s, text)
