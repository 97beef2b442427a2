"""Answers to recurring questions: matching a chat question against the stored ones.

Pure. A chat message is first checked for a question's form (cheap: it runs on every plain chat
message); only then is it compared with the stored questions. Matching is deliberately strict:
every content word of a stored question (its Snowball stem) must appear in the message, the kind
of question must agree («когда» is not «где»), the message may not name another class and may
not be a long story that merely contains the words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import Stemmer
from rapidfuzz.distance import Indel

from bot.domain.classes import ClassName

MAX_QUESTION_TEXT = 300  # longer chat messages are stories, not quick questions
MAX_EXTRA_WORDS = 4  # content words a question may carry beyond the stored one

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CLASS_MENTION = re.compile(r"(?<![\w-])(1[01]|[1-9])\s?-?([а-я])(?![\w])")
_TRAILING = " \t\n)»\"'.!…😊🙂🙏"

# Words at the start that only greet or soften; the question proper comes after them.
_FILLERS = frozenset(
    "а и ну так это добрый доброе день утро вечер здравствуйте привет всем уважаемые коллеги "
    "родители ребята извините простите пожалуйста".split()
)
_KINDS: dict[str, str] = {
    **dict.fromkeys(("когда",), "when"),
    **dict.fromkeys(("что", "чего", "чем"), "what"),
    **dict.fromkeys(("где", "куда", "откуда"), "where"),
    **dict.fromkeys(
        "какой какая какое какие каком какую каких какого какому какой-то".split(), "which"
    ),
    **dict.fromkeys(("кто", "кого", "кому"), "who"),
    **dict.fromkeys(("как",), "how"),
    **dict.fromkeys(("сколько",), "how_much"),
    **dict.fromkeys(("почему", "зачем"), "why"),
}
# A message that starts with one of these is a question even without «?».
_REQUESTS = frozenset(
    "подскажите скажите напомните скиньте киньте пришлите дайте ссылка ссылку ссылки ссылочку "
    "ссылочка есть".split()
)
_STOP = (
    _FILLERS
    | _REQUESTS - {"ссылка", "ссылку", "ссылки", "ссылочку", "ссылочка"}
    | frozenset(
        "в во на по у с со к ко о об от до за из под над при про для же ли ль бы вот то там тут "
        "нам мне нас вас вам вы мы я он она они их его ее её уже еще ещё не ни да нет будет будут "
        "был была было были кто-нибудь кто-то знает знаете можно нужно надо мой моя мои наш наша "
        "наши ваш ваша этот эта эти этой это сегодня завтра".split()
    )
)
_PER_THREAD = threading.local()
_PINNED = frozenset(
    {
        "закреп", "в закрепе", "см закреп", "смотрите закреп", "смотрите в закрепе",
        "закрепленное сообщение", "в закрепленном сообщении", "см закрепленное сообщение",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Analysed:
    stems: tuple[str, ...]
    kinds: frozenset[str]
    classes: frozenset[str]  # «7Б» as written, normalised: «7б»


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: int
    class_name: ClassName | None  # None: school-wide
    questions: tuple[str, ...]
    answer: str
    keys: tuple[Analysed, ...] = ()

    @classmethod
    def of(
        cls, id: int, class_name: ClassName | None, questions: Iterable[str], answer: str
    ) -> FaqEntry:
        qs = tuple(questions)
        return cls(id, class_name, qs, answer, tuple(analyse(q) for q in qs))

    @property
    def points_to_pin(self) -> bool:
        return normalize(self.answer) in _PINNED


def normalize(text: str) -> str:
    """Case, ё/е and punctuation do not matter: «Что задали?!» → «что задали»."""
    return " ".join(_WORD.findall(text.casefold().replace("ё", "е")))


def _stemmer() -> Stemmer.Stemmer:
    # A PyStemmer object must not be shared between threads; one per thread, made on first use.
    found = getattr(_PER_THREAD, "stemmer", None)
    if found is None:
        found = _PER_THREAD.stemmer = Stemmer.Stemmer("russian")
    return found


def stem(word: str) -> str:
    """The Snowball Russian stem (PyStemmer, C): «задания», «задание» → «задан»."""
    return _stemmer().stemWord(word)


def same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short):
        return True
    # One slip of the finger in a longer word («сабрание»).
    return len(short) >= 5 and Indel.normalized_similarity(a, b) >= 0.8


def looks_like_question(text: str) -> bool:
    """A question's form: ends with «?» or starts (after a greeting) with a question word."""
    if not text or len(text) > MAX_QUESTION_TEXT:
        return False
    if text.rstrip(_TRAILING).endswith("?"):
        return True
    for found in _WORD.finditer(text, 0, 80):
        word = found.group().casefold().replace("ё", "е")
        if word in _FILLERS:
            continue
        return word in _KINDS or word in _REQUESTS or word == "во"
    return False


def analyse(text: str) -> Analysed:
    norm = normalize(text)
    words = norm.split()
    kinds = {_KINDS[w] for w in words if w in _KINDS}
    if "во сколько" in norm or "в какое время" in norm or "со скольки" in norm:
        kinds = (kinds - {"how_much", "which"}) | {"when"}
    classes = frozenset(m.group(1) + m.group(2) for m in _CLASS_MENTION.finditer(text.casefold()))
    content = [
        w
        for w in words
        if w not in _STOP and w not in _KINDS and w != "сколько" and not w.isdigit()
    ]
    stems = tuple(dict.fromkeys(_stemmer().stemWords(content)))
    stems = tuple(s for s in stems if not _CLASS_MENTION.fullmatch(s))
    return Analysed(stems, frozenset(kinds), classes)


def _fits(key: Analysed, asked: Analysed) -> int | None:
    """How many of the stored words matched (None: no match)."""
    if not key.stems:
        return None
    if key.kinds and asked.kinds and not key.kinds & asked.kinds:
        return None
    matched = sum(1 for k in key.stems if any(same_stem(k, t) for t in asked.stems))
    if len(key.stems) - matched > (len(key.stems) - 1) // 2:
        return None
    if len(asked.stems) - matched > MAX_EXTRA_WORDS:
        return None
    return matched


def match(
    question: str, entries: Sequence[FaqEntry], class_name: ClassName | None
) -> FaqEntry | None:
    """The stored answer this chat question asks for, if one clearly does."""
    asked = analyse(question)
    if not asked.stems:
        return None
    own = normalize(str(class_name)) if class_name else None
    if any(c != own for c in asked.classes):
        return None  # «когда собрание в 7Б» in 5А's chat is about another class
    best: tuple[tuple[int, int, int], FaqEntry] | None = None
    for entry in entries:
        if entry.class_name is not None and entry.class_name != class_name:
            continue  # another class's answer
        for key in entry.keys:
            found = _fits(key, asked)
            if found is None:
                continue
            rank = (found, -(len(asked.stems) - found), entry.class_name is not None)
            if best is None or rank > best[0]:
                best = (rank, entry)
    return best[1] if best else None
