"""What a person's own words in the community's dialog are, when they are not a command.

«Добрый день», «Подскажите, когда собрание?» or «Сын заболел, в школу не придёт» are not
mistyped commands: the bot answers them with a short menu of what this person can do here
instead of «Извините, я не знаю команды». For school staff, who use commands every day, only a
greeting or a question gets the menu; any other unknown words still get the parse error with its
suggestions, which is what a mistyped command needs.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.domain.faq import looks_like_question
from bot.domain.people import Role, Roles

MAX_MENU_TEXT = 2000  # longer texts are letters; they still get the menu, the button quotes them

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_GREETING_WORDS = frozenset(
    "здравствуйте здравствуй здрасте здрасьте добрый доброе доброго добрая день дня утро утра "
    "вечер вечера привет приветствую салют хай hello hi hey всем вам".split()
)
_GREETING_LEADS = frozenset(
    "здравствуйте здравствуй здрасте здрасьте добрый доброе доброго привет приветствую hello hi "
    "hey салют хай".split()
)
_STAFF = (Role.ADMIN, Role.DIRECTOR, Role.DEPUTY, Role.CURATOR, Role.TEACHER)


class DmText(StrEnum):
    GREETING = "greeting"  # only a greeting (and perhaps a name)
    QUESTION = "question"  # asks something
    OTHER = "other"  # says something else


def kind_of(text: str) -> DmText:
    words = [w.casefold().replace("ё", "е") for w in _WORD.findall(text or "")]
    if not words:
        return DmText.OTHER
    if words[0] in _GREETING_LEADS and len(words) <= 4:
        rest = [w for w in words if w not in _GREETING_WORDS]
        if len(rest) <= 2 and not text.rstrip().endswith("?"):
            return DmText.GREETING  # «Добрый день, Ольга Николаевна»
    if looks_like_question(text[:300]) or text.rstrip().endswith("?"):
        return DmText.QUESTION
    return DmText.OTHER


def is_staff(roles: Roles) -> bool:
    return any(roles.has(role) for role in _STAFF)


def wants_menu(text: str, roles: Roles, *, near_a_command: bool = False) -> bool:
    """Should a dialog message that is no command get the menu rather than the parse error?
    `text` as written (a «/» or «!» in front means a command was meant); `near_a_command`: the
    parser has a likely command for it («помошь» → «помощь»), which helps more than a menu
    unless the words are a greeting or a question («Привет» is not «привязать»)."""
    stripped = (text or "").lstrip()
    if not stripped or stripped[0] in "/!":
        return False
    if is_staff(roles) or near_a_command:
        return kind_of(stripped) is not DmText.OTHER
    return True
