"""Moderation speed: messages per second through ALL text detectors on a realistic mix, against a
baseline measured in the same run on the same messages.

Baseline: `python-obscene-words-filter` (a regex-only obscenity masker, profanity only) when it is
importable — install it for the benchmark only: `.venv/bin/pip install python-obscene-words-filter`;
otherwise a naive regex baseline (one alternation of obscene stems with letter-gap separators, in
the style of that package). The script says which one it used. One core, no parallelism.

    .venv/bin/python bench/moderation_speed.py [--seconds 3]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.moderation import TEXT_RULES, Moderator
from tests.moderation.corpus_io import load_corpus

# A school chat is mostly ordinary talk: the mix is the corpus's clean lines weighted 9:1 against
# its lines with violations (which are deliberately dense in the corpus).
CLEAN_WEIGHT = 9
# The baseline and ours alternate in this many slices each (see `throughputs`).
SLICES = 10


def realistic_mix() -> list[str]:
    lines = load_corpus()
    clean = [line.text for line in lines if not line.expected]
    dirty = [line.text for line in lines if line.expected]
    mix = clean * CLEAN_WEIGHT + dirty
    # Interleave deterministically so caches and branch patterns see a stream, not blocks.
    return [mix[(i * 7919) % len(mix)] for i in range(len(mix))]


def _naive_baseline() -> Callable[[str], object]:
    stems = [
        "пизд",
        "хуй",
        "хуе",
        "хуя",
        "еба",
        "ебу",
        "бля",
        "сук",
        "муд",
        "пидор",
        "залуп",
        "манд",
        "гандон",
        "шлюх",
        "дроч",
    ]
    sep = r"[^а-яё]*"
    pattern = re.compile(
        "|".join(r"[а-яё]*" + sep.join(stem) + r"[а-яё]*" for stem in stems), re.IGNORECASE
    )
    return lambda text: pattern.sub("***", text)


def baseline() -> tuple[str, Callable[[str], object]]:
    try:
        from obscene_words_filter import get_default_filter
    except ImportError:
        return "naive regex baseline (python-obscene-words-filter not installed)", _naive_baseline()
    words_filter = get_default_filter()
    return "python-obscene-words-filter 0.1.6 (mask_bad_words)", words_filter.mask_bad_words


def _run_for(fn: Callable[[str], object], messages: list[str], seconds: float) -> tuple[int, float]:
    """Whole passes over the mix for about `seconds`: (messages done, time taken)."""
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for text in messages:
            fn(text)
        done += len(messages)
        now = time.perf_counter()
        if now >= deadline:
            return done, now - start


def throughputs(
    fns: list[Callable[[str], object]], messages: list[str], seconds: float, slices: int = SLICES
) -> list[float]:
    """Messages per second of each function, `seconds` each in all. The functions take turns in
    short slices, so that a slower or faster spell of a shared machine falls on all of them
    alike instead of on whichever happened to run then; the ratio is what the slices add up to."""
    for fn in fns:
        for text in messages[:200]:
            fn(text)  # warm-up: lazy caches, regex compilation
    done = [0] * len(fns)
    took = [0.0] * len(fns)
    for _ in range(slices):
        for i, fn in enumerate(fns):
            n, t = _run_for(fn, messages, seconds / slices)
            done[i] += n
            took[i] += t
    return [n / t for n, t in zip(done, took, strict=True)]


def main(argv: list[str]) -> int:
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 3.0
    messages = realistic_mix()
    moderator = Moderator()

    def ours(text: str) -> object:
        violations = moderator.check(text)
        return moderator.mask(text, violations)

    name, base_fn = baseline()
    base, mine = throughputs([base_fn, ours], messages, seconds)
    avg_len = sum(map(len, messages)) / len(messages)
    print(f"messages in mix: {len(messages)} (avg {avg_len:.0f} chars, {CLEAN_WEIGHT}:1 clean)")
    print(f"baseline: {name}")
    print(f"  {base:12,.0f} msg/s")
    print(f"schoolbot Moderator.check + mask (all {len(TEXT_RULES)} text detectors)")
    print(f"  {mine:12,.0f} msg/s")
    print(f"ratio: {mine / base:.1f}x the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
