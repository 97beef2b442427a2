"""Reading a message as a command: `parse_command(text, ...) -> Parsed | NotACommand | ParseError`.

What counts as a command. A message is *addressed* to the bot when it is a direct message, starts
with `/` or `!`, or starts with a mention of the community (`[club1|Школа], помощь`, `@school …`).
An addressed message that is not a valid command gets a ParseError, so the bot can say what was
wrong. In a chat, a message that is not addressed is a command only if it parses completely:
«Класс!» or «Помощь нужна?» in a class chat are talk, not commands with bad arguments, and the
bot stays silent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rapidfuzz.distance import Indel

from bot.domain.classes import ClassName, ClassNameError, ClassNameProblem
from bot.domain.commands import BY_KEY, MAX_LOG_COUNT, MAX_NUMBER, REGISTRY, Arg, ArgKind, Command
from bot.domain.incidents import MAX_INCIDENTS, FilterWordError, parse_filter_words
from bot.domain.people import normalize_subject
from bot.domain.person_ref import PersonRefError, PersonRefProblem, parse_person_ref

MAX_TEXT = 4096  # VK's own limit on a message
_TOKEN = re.compile(r"\[[^\]\n]*\]\S*|\S+")
_TRAIL = ",.!?:;"
_GROUP_MENTION = re.compile(r"\s*\[(?:club|public)(\d+)\|[^\]\n]*\]", re.ASCII)
_OTHER_MENTION = re.compile(r"\s*\[id\d+\|[^\]\n]*\]", re.ASCII)
_AT_MENTION = re.compile(r"\s*[@*]([A-Za-z0-9_.]+)(?:\s*\([^)\n]*\))?", re.ASCII)
_AFTER_MENTION = re.compile(r"\s*[,:]?")
_PREFIX = re.compile(r"\s*[/!]")
_SUBJECT_WORD = re.compile(r"[^\W\d_][\w\-]*")


class ParseErrorKind(StrEnum):
    UNKNOWN_COMMAND = "unknown_command"
    MISSING_ARGUMENT = "missing_argument"
    EXTRA_ARGUMENT = "extra_argument"
    BAD_CLASS_NAME = "bad_class_name"
    BAD_PERSON_REF = "bad_person_ref"
    BAD_SUBJECT = "bad_subject"
    BAD_NUMBER = "bad_number"
    BAD_FILTER = "bad_filter"


@dataclass(frozen=True, slots=True)
class Parsed:
    command: Command
    args: Mapping[str, Any] = field(default_factory=dict)
    addressed: bool = True

    @property
    def key(self) -> str:
        return self.command.key


@dataclass(frozen=True, slots=True)
class NotACommand:
    pass


@dataclass(frozen=True, slots=True)
class ParseError:
    kind: ParseErrorKind
    command: Command | None = None
    arg: Arg | None = None
    value: str = ""
    class_problem: ClassNameProblem | None = None
    class_candidates: tuple[str, ...] = ()
    person_problem: PersonRefProblem | None = None
    suggestions: tuple[Command, ...] = ()


ParseResult = Parsed | NotACommand | ParseError


@dataclass(frozen=True, slots=True)
class _Tok:
    norm: str
    raw: str
    start: int


def _norm(word: str) -> str:
    return word.casefold().replace("ё", "е").strip(_TRAIL)


# Longest phrases first, so «добавить класс» is not read as «добавить» + arguments.
_PHRASES: tuple[tuple[tuple[str, ...], Command], ...] = tuple(
    sorted(
        ((tuple(p.split()), c) for c in REGISTRY for p in c.all_phrases),
        key=lambda pc: -len(pc[0]),
    )
)
# The same, by first word: most chat messages are talk, and their first word starts no phrase.
_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], Command], ...]] = {}
for _words, _cmd in _PHRASES:
    _BY_FIRST[_words[0]] = (*_BY_FIRST.get(_words[0], ()), (_words, _cmd))


def _strip_address(s: str, community_id: int, screen_name: str | None) -> tuple[str, bool, bool]:
    """→ (rest, addressed to us, addressed to someone else)."""
    if m := _GROUP_MENTION.match(s):
        if int(m.group(1)) != community_id:
            return s, False, True
        return s[_AFTER_MENTION.match(s, m.end()).end() :], True, False
    if _OTHER_MENTION.match(s):
        return s, False, True
    if m := _AT_MENTION.match(s):
        ours = {f"club{community_id}", f"public{community_id}"}
        if screen_name:
            ours.add(screen_name.lower())
        if m.group(1).lower() in ours:
            return s[_AFTER_MENTION.match(s, m.end()).end() :], True, False
        return s, False, True
    return s, False, False


def parse_command(
    text: str,
    *,
    community_id: int,
    community_screen_name: str | None = None,
    in_chat: bool = False,
) -> ParseResult:
    """Never raises. See the module docstring for what counts as a command."""
    if not isinstance(text, str):
        return NotACommand()
    s = text[:MAX_TEXT]
    s, mentioned, to_other = _strip_address(s, community_id, community_screen_name)
    if to_other and in_chat:
        return NotACommand()
    prefixed = False
    if m := _PREFIX.match(s):
        s, prefixed = s[m.end() :], True
    addressed = mentioned or prefixed or not in_chat
    if not addressed and _first_word(s) not in _BY_FIRST:
        return NotACommand()
    toks = [_Tok(_norm(m.group()), m.group(), m.start()) for m in _TOKEN.finditer(s)]
    while toks and not toks[0].norm:  # a lone «,» or «!» after a mention
        toks.pop(0)
    if not toks:
        if mentioned and not prefixed:
            return Parsed(BY_KEY["help"], {}, True)
        if prefixed:
            return ParseError(ParseErrorKind.UNKNOWN_COMMAND, value=s.strip())
        return NotACommand()
    for words, cmd in _BY_FIRST.get(toks[0].norm, ()):
        if tuple(t.norm for t in toks[: len(words)]) == words:
            result = _parse_args(cmd, toks[len(words) :], s)
            if isinstance(result, ParseError):
                return result if addressed else NotACommand()
            return Parsed(cmd, result, addressed)
    if not addressed:
        return NotACommand()
    return ParseError(
        ParseErrorKind.UNKNOWN_COMMAND,
        value=" ".join(t.raw for t in toks[:4])[:100],
        suggestions=suggest([t.norm for t in toks[:4]]),
    )


def _first_word(s: str) -> str:
    for m in _TOKEN.finditer(s):
        if word := _norm(m.group()):
            return word
    return ""


def suggest(words: list[str], limit: int = 3) -> tuple[Command, ...]:
    """The commands closest to what was written, best first."""
    scored: dict[str, float] = {}
    for phrase_words, cmd in _PHRASES:
        said = " ".join(words[: len(phrase_words)])
        score = Indel.normalized_similarity(said, " ".join(phrase_words))
        if words and words[0] == phrase_words[0] and len(phrase_words) > 1:
            score = max(score, 0.7)
        if score >= 0.6 and score > scored.get(cmd.key, 0.0):
            scored[cmd.key] = score
    best = sorted(scored, key=lambda k: -scored[k])[:limit]
    return tuple(BY_KEY[k] for k in best)


def _take_class(pieces: list[str], i: int) -> tuple[str, int]:
    """One class name from pieces[i:], joining «5» «А» and «5» «-А» written apart."""
    first = pieces[i].rstrip(_TRAIL)
    if first.isascii() and first.isdigit() and i + 1 < len(pieces):
        nxt = pieces[i + 1].rstrip(_TRAIL).lstrip("-–—")
        if len(nxt) == 1 and nxt.isalpha():
            return first + nxt, i + 2
    return first, i + 1


def _parse_class(text: str, cmd: Command, arg: Arg) -> ClassName | ParseError:
    try:
        return ClassName.parse(text)
    except ClassNameError as e:
        return ParseError(
            ParseErrorKind.BAD_CLASS_NAME, cmd, arg, text, e.problem, class_candidates=e.candidates
        )


def _parse_args(cmd: Command, toks: list[_Tok], s: str) -> dict[str, Any] | ParseError:
    values: dict[str, Any] = {}
    i = 0
    for arg in cmd.args:
        if arg.kind is ArgKind.TEXT:
            rest = s[toks[i].start :].strip() if i < len(toks) else ""
            if not rest and not arg.optional:
                return ParseError(ParseErrorKind.MISSING_ARGUMENT, cmd, arg)
            values[arg.name], i = rest or None, len(toks)
            continue
        if arg.kind is ArgKind.FILTERS:
            found = _parse_filters(cmd, arg, [t.raw for t in toks[i:]])
            if isinstance(found, ParseError):
                return found
            values.update(found)
            i = len(toks)
            continue
        if i >= len(toks):
            if arg.optional:
                values[arg.name] = None
                continue
            return ParseError(ParseErrorKind.MISSING_ARGUMENT, cmd, arg)
        raw = [t.raw for t in toks]
        if arg.kind is ArgKind.CLASS and arg.optional and not raw[i][:1].isdigit():
            values[arg.name] = None  # «создать чат учительская»: no class, the words follow
            continue
        if arg.kind is ArgKind.CLASS:
            text, i = _take_class(raw, i)
            value = _parse_class(text, cmd, arg)
        elif arg.kind is ArgKind.PERSON:
            text, i = raw[i], i + 1
            if i < len(raw) and raw[i].startswith("("):  # «@id5 (Иван Петров)»
                while i < len(raw) and not raw[i].rstrip(_TRAIL).endswith(")"):
                    i += 1
                i += 1
            try:
                value = parse_person_ref(text)
            except PersonRefError as e:
                value = ParseError(
                    ParseErrorKind.BAD_PERSON_REF, cmd, arg, text, person_problem=e.problem
                )
        elif arg.kind is ArgKind.SUBJECT:
            words = []
            while i < len(raw) and not raw[i][:1].isdigit():
                words.append(raw[i].strip(_TRAIL))
                i += 1
            words = [w for w in words if w]
            if not words:
                return ParseError(ParseErrorKind.MISSING_ARGUMENT, cmd, arg)
            bad = [w for w in words if not _SUBJECT_WORD.fullmatch(w)]
            joined = " ".join(words)
            value = (
                ParseError(ParseErrorKind.BAD_SUBJECT, cmd, arg, bad[0])
                if bad or len(joined) > 60
                else normalize_subject(joined)
            )
        elif arg.kind is ArgKind.CLASSES:
            pieces = [p for t in raw[i:] for p in t.split(",") if p and p.casefold() != "и"]
            i, j, found = len(raw), 0, []
            while j < len(pieces):
                text, j = _take_class(pieces, j)
                one = _parse_class(text, cmd, arg)
                if isinstance(one, ParseError):
                    return one
                if one not in found:
                    found.append(one)
            if not found:
                return ParseError(ParseErrorKind.MISSING_ARGUMENT, cmd, arg)
            value = tuple(found)
        elif arg.kind is ArgKind.NUMBER:
            text, i = raw[i].strip(_TRAIL).lstrip("№#"), i + 1
            ok = text.isascii() and text.isdigit() and len(text) <= 10
            value = (
                int(text)
                if ok and 0 < int(text) <= MAX_NUMBER
                else ParseError(ParseErrorKind.BAD_NUMBER, cmd, arg, text)
            )
        else:  # COUNT
            text, i = raw[i].strip(_TRAIL), i + 1
            ok = text.isascii() and text.isdigit() and len(text) <= 6
            value = (
                int(text)
                if ok and 0 < int(text) <= MAX_LOG_COUNT
                else ParseError(ParseErrorKind.BAD_NUMBER, cmd, arg, text)
            )
        if isinstance(value, ParseError):
            return value
        values[arg.name] = value
    if i < len(toks):
        return ParseError(
            ParseErrorKind.EXTRA_ARGUMENT, cmd, value=s[toks[i].start :].strip()[:100]
        )
    return values


def _parse_filters(cmd: Command, arg: Arg, raw: list[str]) -> dict[str, Any] | ParseError:
    """Filter words in any order; a typed mention's shown name «(Иван Петров)» is skipped."""
    words, in_name = [], False
    for word in raw:
        if word.startswith("(") or in_name:
            in_name = not word.rstrip(_TRAIL).endswith(")")
            continue
        words.append(word)
    try:
        found = parse_filter_words(words)
    except FilterWordError as e:
        return ParseError(ParseErrorKind.BAD_FILTER, cmd, arg, e.word)
    count = found.get("count")
    if isinstance(count, int) and not 0 < count <= MAX_INCIDENTS:
        return ParseError(ParseErrorKind.BAD_NUMBER, cmd, arg, str(count))
    return found


def is_start_payload(payload: str | Mapping[str, Any] | None) -> bool:
    """VK's «Начать» button sends the payload `{"command":"start"}`."""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except (ValueError, RecursionError):
            return False
    return isinstance(payload, Mapping) and payload.get("command") == "start"
