"""FAQ matching: the Snowball stemmer in C (PyStemmer) and rapidfuzz against what they replaced.

Before: the hand-written «light» stemmer (the longest of ~90 endings cut, at least three letters
kept; copied here as it was) and difflib for one slip of the finger. After: `bot.domain.faq` as it
is. Three figures, one core:

- stemming, µs per word, over every word of the moderation corpus (3 699 words of school chat);
  also pure-Python Snowball (`snowballstemmer`) when importable without PyStemmer;
- `faq.match`, µs per chat question, 20 stored answers, the corpus's question-like lines;
- agreement: which questions get another answer than before (listed, so a change is explained);
- command suggestions for typos (`bot.domain.grammar.suggest`, rapidfuzz instead of difflib):
  µs per typo and how often the first suggestion differs from difflib's.

    .venv/bin/python -m bench.faq_stemming [--rounds 5]
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import faq
from bot.domain.classes import ClassName
from bot.domain.faq import FaqEntry, looks_like_question, match, normalize
from tests.moderation.corpus_io import load_corpus

_ENDINGS = tuple(
    sorted(
        (
            "иями ями ами ого ему ому ыми ими его ать ять ить еть ешь ете ите ает яет ует ают яют "
            "уют ала яла ила ело али яли или ели ая яя ое ее ие ые ой ей ий ый ую юю ом ем ам ям ах "
            "ях ов ев ию ья ье ьи ью ия ть ти ет ут ют ит ат ят ли ло ла но ны а я о е и ы у ю ь й"
        ).split(),
        key=len,
        reverse=True,
    )
)


def light_stem(word: str) -> str:
    """The stemmer the FAQ used before PyStemmer, unchanged."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


class LightStemmer:
    def stemWord(self, word: str) -> str:
        return light_stem(word)

    def stemWords(self, words: Sequence[str]) -> list[str]:
        return [light_stem(w) for w in words]


def _difflib_same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short):
        return True
    return len(short) >= 5 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


@contextmanager
def before(*, stemmer: bool = True) -> Iterator[None]:
    """The FAQ matcher as it was: the light stemmer (unless `stemmer=False`) and difflib."""
    saved = faq._stemmer, faq.same_stem
    if stemmer:
        faq._stemmer = LightStemmer  # type: ignore[assignment]
    faq.same_stem = _difflib_same_stem
    try:
        yield
    finally:
        faq._stemmer, faq.same_stem = saved


C5A = ClassName(5, "А")
STORED = [
    ("что задали", "домашнее задание", "домашка", "дз"),
    ("когда собрание", "родительское собрание"),
    ("ссылка на электронный дневник", "как зайти в дневник"),
    ("расписание уроков", "расписание на неделю"),
    ("когда каникулы",),
    ("номер кабинета логопеда",),
    ("оплата питания", "горячее питание"),
    ("когда контрольная по алгебре",),
    ("пароль от сферума", "забыла пароль"),
    ("во сколько экскурсия",),
    ("где взять справку",),
    ("какая форма на физкультуру",),
    ("когда родительское собрание в четверти",),
    ("сколько стоит фотоальбом",),
    ("учебник по биологии",),
    ("где проходит линейка",),
    ("когда сдавать проект",),
    ("что по физике",),
    ("кто забрал шапку",),
    ("как восстановить пароль госуслуг",),
]
ENTRIES = [FaqEntry.of(i + 1, C5A, qs, "ответ") for i, qs in enumerate(STORED)]


def corpus_words() -> list[str]:
    return [w for line in load_corpus() for w in normalize(line.text).split()]


def corpus_questions() -> list[str]:
    return [line.text for line in load_corpus() if looks_like_question(line.text)]


def per_item(run: Callable[[], object], n: int, rounds: int) -> float:
    """The best of `rounds` runs, µs per item."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best / n * 1e6


def _pure_python_snowball() -> Callable[[str], str] | None:
    saved = sys.modules.get("Stemmer")
    sys.modules["Stemmer"] = None  # type: ignore[assignment]  # make snowballstemmer stay Python
    try:
        import snowballstemmer
    except ImportError:
        return None
    finally:
        if saved is not None:
            sys.modules["Stemmer"] = saved
        else:
            del sys.modules["Stemmer"]
    return snowballstemmer.stemmer("russian").stemWord


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    words, questions = corpus_words(), corpus_questions()

    import Stemmer

    uncached = Stemmer.Stemmer("russian")
    uncached.maxCacheSize = 0
    print(f"stemming, {len(words)} words ({len(set(words))} distinct), best of {args.rounds}:")
    light = per_item(lambda: [light_stem(w) for w in words], len(words), args.rounds)
    c_uncached = per_item(lambda: [uncached.stemWord(w) for w in words], len(words), args.rounds)
    cached = Stemmer.Stemmer("russian")
    c_cached = per_item(lambda: cached.stemWords(words), len(words), args.rounds)
    print(f"  hand-written light stemmer   {light:7.2f} µs/word")
    if (pure := _pure_python_snowball()) is not None:
        python = per_item(lambda: [pure(w) for w in words], len(words), args.rounds)
        print(f"  Snowball, pure Python        {python:7.2f} µs/word")
    print(f"  PyStemmer, no cache          {c_uncached:7.2f} µs/word  ({light / c_uncached:.0f}×)")
    print(f"  PyStemmer, as the bot uses it {c_cached:6.2f} µs/word  ({light / c_cached:.0f}×)")

    def match_all() -> list[int | None]:
        return [(e.id if (e := match(q, ENTRIES, C5A)) else None) for q in questions]

    with before():
        entries_before = [FaqEntry.of(e.id, C5A, e.questions, e.answer) for e in ENTRIES]
        old_ms = per_item(
            lambda: [match(q, entries_before, C5A) for q in questions], len(questions), args.rounds
        )
        old = [(e.id if (e := match(q, entries_before, C5A)) else None) for q in questions]
    with before(stemmer=False):
        half_ms = per_item(match_all, len(questions), args.rounds)
    new_ms = per_item(match_all, len(questions), args.rounds)
    new = match_all()
    print(f"\nfaq.match, {len(questions)} chat questions against {len(ENTRIES)} stored answers:")
    print(f"  light stemmer + difflib (before)  {old_ms:7.1f} µs/question")
    print(f"  PyStemmer + difflib               {half_ms:7.1f} µs/question")
    print(f"  PyStemmer + rapidfuzz (now)       {new_ms:7.1f} µs/question ({old_ms / new_ms:.0f}×)")
    answered = sum(x is not None for x in new)
    print(f"  answered: before {sum(x is not None for x in old)}, after {answered}")
    changed = [(q, o, n) for q, o, n in zip(questions, old, new, strict=True) if o != n]
    print(f"  different answers: {len(changed)}")
    for q, o, n in changed:
        said = lambda i: "—" if i is None else f"«{STORED[i - 1][0]}»"  # noqa: E731
        print(f"    {q!r}: {said(o)} → {said(n)}")
    suggestions(args.rounds)
    return 0


def _difflib_suggest(words: list[str], limit: int = 3) -> tuple[str, ...]:
    """`grammar.suggest` as it was, with difflib."""
    from bot.domain import grammar

    scored: dict[str, float] = {}
    for phrase_words, cmd in grammar._PHRASES:
        said = " ".join(words[: len(phrase_words)])
        score = difflib.SequenceMatcher(None, said, " ".join(phrase_words)).ratio()
        if words and words[0] == phrase_words[0] and len(phrase_words) > 1:
            score = max(score, 0.7)
        if score >= 0.6 and score > scored.get(cmd.key, 0.0):
            scored[cmd.key] = score
    return tuple(sorted(scored, key=lambda k: -scored[k])[:limit])


def suggestions(rounds: int) -> None:
    from bot.domain.commands import REGISTRY
    from bot.domain.grammar import suggest

    typos = []
    for phrase in (p for c in REGISTRY for p in c.all_phrases):
        for i in range(0, len(phrase), 3):  # a letter lost, a letter wrong
            typos += [phrase[:i] + phrase[i + 1 :], phrase[:i] + "а" + phrase[i + 1 :]]
    split = [t.split() for t in typos]
    old_us = per_item(lambda: [_difflib_suggest(w) for w in split], len(split), rounds)
    new_us = per_item(lambda: [suggest(w) for w in split], len(split), rounds)
    old = [_difflib_suggest(w) for w in split]
    new = [tuple(c.key for c in suggest(w)) for w in split]
    first = sum(o[:1] != n[:1] for o, n in zip(old, new, strict=True))
    same = sum(o == n for o, n in zip(old, new, strict=True))
    print(f"\ncommand suggestions for {len(split)} typos of every command phrase:")
    print(f"  difflib {old_us:6.1f} µs/typo, rapidfuzz {new_us:6.1f} µs/typo")
    print(f"  first suggestion differs: {first}; whole list the same: {same} of {len(split)}")


if __name__ == "__main__":
    sys.exit(main())
