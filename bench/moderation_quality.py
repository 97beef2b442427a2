"""Moderation quality: per-rule precision/recall/F1 on the school-chat corpus (tests/data), misses
and false alarms, and the paradetox figures (../shared/eval/paradetox_dev.tsv, evaluation only).

    .venv/bin/python bench/moderation_quality.py [--quiet]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.moderation import Moderator
from bot.moderation.rules import INSULT, PROFANITY, TEXT_RULES
from tests.moderation.corpus_io import (
    PARADETOX_PATH,
    CorpusLine,
    load_all,
    load_paradetox,
)


def rules_found(moderator: Moderator, text: str, chat_kind: str | None = None) -> set[str]:
    return {v.rule for v in moderator.check(text, chat_kind)}


def corpus_scores(moderator: Moderator, lines: list[CorpusLine]):
    stats = {r: {"tp": 0, "fp": 0, "fn": 0, "misses": [], "false": []} for r in TEXT_RULES}
    for line in lines:
        got = rules_found(moderator, line.text, line.chat_kind)
        for rule in TEXT_RULES:
            s = stats[rule]
            if rule in got and rule in line.expected:
                s["tp"] += 1
            elif rule in got:
                s["fp"] += 1
                s["false"].append(line)
            elif rule in line.expected:
                s["fn"] += 1
                s["misses"].append(line)
    return stats


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def paradetox_figures(moderator: Moderator, rows) -> dict[str, float | int]:
    def toxic_flag(text: str) -> bool:
        return bool(rules_found(moderator, text) & {PROFANITY, INSULT})

    first = [r.neutral[0] for r in rows if r.neutral]
    every = [n for r in rows for n in r.neutral]
    return {
        "neutral_first": len(first),
        "neutral_first_flagged": sum(map(toxic_flag, first)),
        "neutral_all": len(every),
        "neutral_all_flagged": sum(map(toxic_flag, every)),
        "toxic": len(rows),
        "toxic_flagged": sum(toxic_flag(r.toxic) for r in rows),
    }


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    moderator = Moderator()
    lines = load_all()
    stats = corpus_scores(moderator, lines)
    print(f"Corpus: {len(lines)} lines (tests/data/moderation_corpus.tsv, scam_corpus.tsv)\n")
    print(f"{'rule':<16} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}")
    for rule, s in stats.items():
        p, r, f = prf(s["tp"], s["fp"], s["fn"])
        print(f"{rule:<16} {p:6.3f} {r:6.3f} {f:6.3f} {s['tp']:4d} {s['fp']:4d} {s['fn']:4d}")
    if not quiet:
        for rule, s in stats.items():
            for label, items in (("miss", s["misses"]), ("false alarm", s["false"])):
                for line in items:
                    print(f"  {rule} {label} (line {line.lineno}): {line.text}")
    print()
    if not PARADETOX_PATH.exists():
        print(f"paradetox: {PARADETOX_PATH} not found, skipped")
        return 0
    rows = load_paradetox()
    fig = paradetox_figures(moderator, rows)
    nf, nff = fig["neutral_first"], fig["neutral_first_flagged"]
    na, naf = fig["neutral_all"], fig["neutral_all_flagged"]
    t, tf = fig["toxic"], fig["toxic_flagged"]
    print("paradetox dev (profanity or insult):")
    print(f"  neutral paraphrases (first per row): {nff}/{nf} flagged = {nff / nf:.2%}")
    print(f"  neutral paraphrases (all):           {naf}/{na} flagged = {naf / na:.2%}")
    print(f"  toxic originals:                     {tf}/{t} flagged = {tf / t:.2%}")
    if not quiet:
        for r in rows:
            for n in r.neutral:
                if rules_found(moderator, n) & {PROFANITY, INSULT}:
                    print(f"  neutral flagged: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
