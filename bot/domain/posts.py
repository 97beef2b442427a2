"""Posts, broadcasts and events: what a command's words ask for (pure; no I/O).

- «опубликовать канал [когда] <текст>», «опубликовать сотрудники …», «опубликовать 5А родители …»
  → one chat (`ChatTarget`);
- «рассылка родителям [5-е] [5А 6Б] [когда] <текст>» → many chats (`Audience`): all parents'
  chats of the school, of the grades named, or of the classes named;
- «событие <куда> <когда> <название>[; напомнить за 1 день и за 1 час]» → an event announced
  now, with reminders before it.

The text keeps its line breaks; a «:» right after the target («5А 6Б: текст») only separates.
The word «срочно» right after the target or right after the time («родители срочно сегодня в
22:00 …») marks the post urgent: quiet hours do not hold it. It is a mark, not part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName, ClassNameError
from bot.domain.when import When, take_when

MAX_POST_TEXT = 4096  # what the command parser reads of one message, and VK's documented limit
_WORD = re.compile(r"\S+")
_GRADE = re.compile(r"(\d{1,2})-?(?:е|х|м|ые|ых|ым|ой|ий|ый)", re.ASCII | re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[:—–-]?\s*")
_REMIND = re.compile(r"[;.\n]\s*напомн(?:ить|ите|и)\b(.*)$", re.IGNORECASE | re.DOTALL)
_OFFSET = re.compile(
    r"за\s+(\d{1,3}\s+)?(день|дня|дней|сутки|суток|часов|часа|час|минуту|минуты|минут|неделю|недели)\b",
    re.IGNORECASE,
)
_UNITS = {
    "день": timedelta(days=1), "дня": timedelta(days=1), "дней": timedelta(days=1),
    "сутки": timedelta(days=1), "суток": timedelta(days=1),
    "час": timedelta(hours=1), "часа": timedelta(hours=1), "часов": timedelta(hours=1),
    "минуту": timedelta(minutes=1), "минуты": timedelta(minutes=1),
    "минут": timedelta(minutes=1),
    "неделю": timedelta(weeks=1), "недели": timedelta(weeks=1),
}  # fmt: skip
_CHANNEL_WORDS: dict[tuple[str, ...], ChatKind] = {
    ("канал",): ChatKind.CHANNEL_GENERAL,
    ("общий", "канал"): ChatKind.CHANNEL_GENERAL,
    ("канал", "школы"): ChatKind.CHANNEL_GENERAL,
    ("сотрудники",): ChatKind.CHANNEL_STAFF,
    ("сотрудникам",): ChatKind.CHANNEL_STAFF,
    ("канал", "сотрудников"): ChatKind.CHANNEL_STAFF,
}
_CLASS_CHAT_WORDS = {
    "родители": ChatKind.PARENTS, "родителям": ChatKind.PARENTS,
    "родителей": ChatKind.PARENTS, "родительский": ChatKind.PARENTS,
    "ученики": ChatKind.PUPILS, "ученикам": ChatKind.PUPILS, "учеников": ChatKind.PUPILS,
    "класс": ChatKind.PUPILS, "классу": ChatKind.PUPILS,
}  # fmt: skip
_AUDIENCE_WORDS = {
    "родителям": ChatKind.PARENTS, "родители": ChatKind.PARENTS,
    "ученикам": ChatKind.PUPILS, "ученики": ChatKind.PUPILS,
}  # fmt: skip
_FILLER = {"все", "всем", "всех", "и", "классы", "классам", "классов", "параллели", "параллель"}


class PostKind(StrEnum):
    POST = "post"  # one chat
    BROADCAST = "broadcast"  # many chats
    EVENT = "event"  # an announcement with reminders
    REMINDER = "reminder"  # a reminder of an event, sent on its own time


class WordsProblem(StrEnum):
    NO_TARGET = "no_target"  # «опубликовать привет»: where to?
    NO_CLASS_CHAT = "no_class_chat"  # «опубликовать 5А привет»: which of the class's chats?
    NO_AUDIENCE = "no_audience"  # «рассылка привет»: to whom?
    NO_TEXT = "no_text"
    TOO_LONG = "too_long"
    NO_WHEN = "no_when"  # an event needs its time
    BAD_REMINDER = "bad_reminder"
    BAD_CLASS = "bad_class"


class WordsError(ValueError):
    def __init__(self, problem: WordsProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value!r}")
        self.problem = problem
        self.value = value


@dataclass(frozen=True, slots=True)
class ChatTarget:
    kind: ChatKind
    class_name: ClassName | None = None


@dataclass(frozen=True, slots=True)
class Audience:
    """Many chats of one kind: all of the school's (no grades, no classes), or those named."""

    kind: ChatKind
    grades: tuple[int, ...] = ()
    classes: tuple[ClassName, ...] = ()

    @property
    def whole_school(self) -> bool:
        return not self.grades and not self.classes

    def takes(self, class_name: ClassName | None) -> bool:
        if class_name is None:
            return False
        if self.whole_school:
            return True
        return class_name.grade in self.grades or class_name in self.classes


Target = ChatTarget | Audience


@dataclass(frozen=True, slots=True)
class Wording:
    """What a post command asked for."""

    target: Target
    text: str
    at: datetime | None = None  # None: as soon as it is confirmed
    reminders: tuple[timedelta, ...] = field(default_factory=tuple)
    urgent: bool = False  # «срочно»: goes out even in the quiet hours


def _words(text: str) -> list[tuple[str, int, int]]:
    return [
        (m.group().casefold().replace("ё", "е"), m.start(), m.end()) for m in _WORD.finditer(text)
    ]


def _rest(text: str, words: list[tuple[str, int, int]], i: int) -> str:
    if i >= len(words):
        return ""
    rest = text[words[i][1] :]
    return rest[_SEPARATOR.match(rest).end() :].strip() if rest[:1] in ":—–-" else rest.strip()


def _clean(word: str) -> str:
    return word.strip(",:;!?.")


def _chat_target(class_name: ClassName | None, text: str) -> tuple[ChatTarget, int]:
    words = [_clean(w) for w, _, _ in _words(text)]
    if class_name is not None:
        kind = _CLASS_CHAT_WORDS.get(words[0]) if words else None
        if kind is None:
            raise WordsError(WordsProblem.NO_CLASS_CHAT, str(class_name))
        return ChatTarget(kind, class_name), 1
    for phrase, kind in sorted(_CHANNEL_WORDS.items(), key=lambda pk: -len(pk[0])):
        if tuple(words[: len(phrase)]) == phrase:
            return ChatTarget(kind), len(phrase)
    raise WordsError(WordsProblem.NO_TARGET, words[0] if words else "")


def _audience(text: str) -> tuple[Audience, int]:
    words = _words(text)
    kind = _AUDIENCE_WORDS.get(_clean(words[0][0])) if words else None
    if kind is None:
        raise WordsError(WordsProblem.NO_AUDIENCE, _clean(words[0][0]) if words else "")
    grades: list[int] = []
    classes: list[ClassName] = []
    i = 1
    ended = words[0][0].endswith(":")
    while i < len(words) and not ended:
        raw = text[words[i][1] : words[i][2]]
        ended = raw.endswith(":")
        pieces = [_clean(p).casefold() for p in raw.split(",") if _clean(p)]
        items = [_audience_item(p) for p in pieces]
        if len(pieces) == 1 and pieces[0].isdigit() and i + 1 < len(words):
            letter = _clean(text[words[i + 1][1] : words[i + 1][2]])
            if len(letter) == 1 and letter.isalpha():  # «5 А» written apart
                items = [_audience_item(pieces[0] + letter)]
                ended = words[i + 1][0].endswith(":")
                i += 1
        if any(item is None for item in items):
            break
        for item in items:
            if isinstance(item, ClassName):
                classes.append(item)
            elif item:
                grades.append(item)
        i += 1
    return Audience(kind, tuple(dict.fromkeys(grades)), tuple(dict.fromkeys(classes))), i


_CLASS_LIKE = re.compile(r"\d{1,2}\s*-?\s*[^\W\d_]")


def _audience_item(word: str) -> int | ClassName | None:
    """A grade («5-е»), a class («5А»), 0 for a filler word («все»), or None: the text begins."""
    if word in _FILLER:
        return 0
    if m := _GRADE.fullmatch(word):
        return int(m.group(1))
    if not _CLASS_LIKE.fullmatch(word):
        return None
    try:
        return ClassName.parse(word)
    except ClassNameError:
        raise WordsError(WordsProblem.BAD_CLASS, word) from None


_URGENT = frozenset({"срочно", "срочно:", "срочно,"})


def _urgent(words: list[tuple[str, int, int]], i: int) -> bool:
    return i < len(words) and words[i][0] in _URGENT


def _finish(
    text: str, words: list[tuple[str, int, int]], i: int, now: datetime, *, need_when: bool
) -> tuple[When | None, str, bool]:
    urgent = _urgent(words, i)
    i += urgent
    raw = [text[s:e] for _, s, e in words[i:]]
    when = take_when(raw, now)
    if when is None and need_when:
        raise WordsError(WordsProblem.NO_WHEN)
    i += when.words if when else 0
    if not urgent and when is not None and _urgent(words, i):
        urgent, i = True, i + 1
    body = _rest(text, words, i)
    if not body:
        raise WordsError(WordsProblem.NO_TEXT)
    if len(body) > MAX_POST_TEXT:
        raise WordsError(WordsProblem.TOO_LONG, str(len(body)))
    return when, body, urgent


def read_post(class_name: ClassName | None, what: str, now: datetime) -> Wording:
    """«канал завтра 9:00 Текст» / (5А) «родители Текст»."""
    target, used = _chat_target(class_name, what)
    words = _words(what)
    when, body, urgent = _finish(what, words, used, now, need_when=False)
    return Wording(target, body, when.at if when else None, urgent=urgent)


def read_broadcast(what: str, now: datetime) -> Wording:
    """«родителям 5-е 6Б завтра 9:00 Текст»."""
    audience, used = _audience(what)
    when, body, urgent = _finish(what, _words(what), used, now, need_when=False)
    return Wording(audience, body, when.at if when else None, urgent=urgent)


def read_event(class_name: ClassName | None, what: str, now: datetime) -> Wording:
    """«канал 25.12 18:00 Родительское собрание; напомнить за 1 день и за 1 час»."""
    reminders: tuple[timedelta, ...] = ()
    if m := _REMIND.search(what):
        reminders = read_reminders(m.group(1))
        what = what[: m.start()]
    words = _words(what)
    first = _clean(words[0][0]) if words else ""
    if class_name is None and first in _AUDIENCE_WORDS:
        target, used = _audience(what)
    else:
        target, used = _chat_target(class_name, what)  # type: ignore[assignment]
    when, body, urgent = _finish(what, words, used, now, need_when=True)
    assert when is not None
    return Wording(target, body, when.at, reminders, urgent)


def read_reminders(text: str) -> tuple[timedelta, ...]:
    """«за 1 день и за 1 час» → (1 day, 1 hour), longest first."""
    found = list(_OFFSET.finditer(text))
    leftover = _OFFSET.sub("", text)
    if not found or re.sub(r"[\s,и]+", "", leftover, flags=re.IGNORECASE):
        raise WordsError(WordsProblem.BAD_REMINDER, text.strip())
    offsets = set()
    for m in found:
        count = int(m.group(1)) if m.group(1) else 1
        offset = _UNITS[m.group(2).casefold()] * count
        if not timedelta(minutes=5) <= offset <= timedelta(days=30):
            raise WordsError(WordsProblem.BAD_REMINDER, m.group().strip())
        offsets.add(offset)
    return tuple(sorted(offsets, reverse=True))


def reminder_label(offset: timedelta) -> str:
    """A stable short name for a reminder's job id: 1d, 1h, 30m."""
    minutes = int(offset.total_seconds() // 60)
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
