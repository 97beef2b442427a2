"""Readers for the moderation corpus (tests/data) and the external paradetox evaluation set.

Shared by the tests and bench/moderation_quality.py.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_PATH = REPO_ROOT / "tests" / "data" / "moderation_corpus.tsv"
# Fake money collections, requisites, code requests, short links and their hard negatives.
SCAM_CORPUS_PATH = REPO_ROOT / "tests" / "data" / "scam_corpus.tsv"
# CI clones the repo with ../shared beside it; the data stays outside the repo.
PARADETOX_PATH = REPO_ROOT.parent / "shared" / "eval" / "paradetox_dev.tsv"


@dataclass(frozen=True)
class CorpusLine:
    lineno: int
    expected: frozenset[str]
    chat_kind: str
    text: str


def load_corpus(path: Path = CORPUS_PATH) -> list[CorpusLine]:
    lines: list[CorpusLine] = []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, raw in enumerate(f, start=1):
            raw = raw.rstrip("\n")
            if lineno == 1 or not raw.strip():
                continue  # header
            expected, chat_kind, text = raw.split("\t", 2)
            rules = frozenset(r.strip() for r in expected.split(",") if r.strip())
            lines.append(CorpusLine(lineno, rules, chat_kind, text))
    return lines


def load_all() -> list[CorpusLine]:
    """Both corpora: the school chats and the scam one."""
    return load_corpus() + load_corpus(SCAM_CORPUS_PATH)


@dataclass(frozen=True)
class ParadetoxRow:
    toxic: str
    neutral: tuple[str, ...]


def load_paradetox(path: Path = PARADETOX_PATH) -> list[ParadetoxRow]:
    rows: list[ParadetoxRow] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if not row:
                continue
            neutral = tuple(c for c in row[1:] if c.strip())
            rows.append(ParadetoxRow(row[0], neutral))
    return rows
