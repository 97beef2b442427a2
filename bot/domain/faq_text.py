"""Reading a curator's answer: «что задали; домашнее задание = Задания — в дневнике»."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.faq import analyse

MAX_ALTERNATIVES = 5
MAX_KEY_CHARS = 100
MAX_ANSWER_CHARS = 1000
_SEPARATORS = re.compile(r"\s*[;|]\s*")


class FaqTextProblem(StrEnum):
    NO_EQUALS = "no_equals"
    NO_QUESTION = "no_question"
    NO_ANSWER = "no_answer"
    TOO_MANY = "too_many"
    TOO_LONG_QUESTION = "too_long_question"
    TOO_LONG_ANSWER = "too_long_answer"
    NO_WORDS = "no_words"


class FaqTextError(ValueError):
    def __init__(self, problem: FaqTextProblem, value: str = "") -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.value = value


@dataclass(frozen=True, slots=True)
class FaqDraft:
    questions: tuple[str, ...]
    answer: str


def parse_faq_text(text: str) -> FaqDraft:
    """«что задали; домашнее задание = Задания — в электронном дневнике»."""
    if "=" not in text:
        raise FaqTextError(FaqTextProblem.NO_EQUALS)
    left, right = text.split("=", 1)
    answer = right.strip()
    questions = tuple(dict.fromkeys(q.strip(" ?") for q in _SEPARATORS.split(left) if q.strip()))
    if not questions:
        raise FaqTextError(FaqTextProblem.NO_QUESTION)
    if not answer:
        raise FaqTextError(FaqTextProblem.NO_ANSWER)
    if len(questions) > MAX_ALTERNATIVES:
        raise FaqTextError(FaqTextProblem.TOO_MANY, str(len(questions)))
    if len(answer) > MAX_ANSWER_CHARS:
        raise FaqTextError(FaqTextProblem.TOO_LONG_ANSWER, str(len(answer)))
    for q in questions:
        if len(q) > MAX_KEY_CHARS:
            raise FaqTextError(FaqTextProblem.TOO_LONG_QUESTION, q[:40])
        if not analyse(q).stems:
            raise FaqTextError(FaqTextProblem.NO_WORDS, q)
    return FaqDraft(questions, answer)
