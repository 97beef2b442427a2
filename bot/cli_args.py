"""argparse in Russian: usage, help headings and every error a person can make on the command line.

argparse builds its English sentences inside the standard library; the parser here keeps the
parsing and says the same things in Russian. An error the table does not know is shown as argparse
wrote it rather than lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from rapidfuzz import process

from bot.texts import cli as texts


class RussianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, texts.USAGE if prefix is None else prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, headings and errors are Russian (subcommands inherit it)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", RussianHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = texts.POSITIONALS
        self._optionals.title = texts.OPTIONALS
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=texts.HELP_HELP
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, texts.cli_error(self.prog, translate(message)))


def _choices(raw: str) -> list[str]:
    return [c.strip().strip("'\"") for c in raw.split(",") if c.strip()]


def _invalid_choice(m: re.Match[str]) -> str:
    name, value, choices = m.group("name"), m.group("value"), _choices(m.group("choices"))
    best = process.extractOne(value, choices, score_cutoff=60)
    return texts.invalid_choice(name, value, choices, best[0] if best else None)


def _invalid_type(m: re.Match[str]) -> str:
    return texts.invalid_type(m.group("name"), m.group("type"), m.group("value"))


_ARG = r"argument (?P<name>[^:]+): "
_VALUE = r"'?(?P<value>.*?)'?"
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern + r"\Z", re.DOTALL), render)
    for pattern, render in (
        (
            _ARG + r"invalid choice: " + _VALUE + r" \(choose from (?P<choices>.*)\)",
            _invalid_choice,
        ),
        (_ARG + r"invalid (?P<type>\S+) value: " + _VALUE, _invalid_type),
        (_ARG + r"expected one argument", lambda m: texts.expected_value(m.group("name"))),
        (
            _ARG + r"expected (?:at least one|at most one|\d+) arguments?",
            lambda m: texts.expected_value(m.group("name")),
        ),
        (
            _ARG + r"not allowed with argument (?P<other>.+)",
            lambda m: texts.not_together(m.group("name"), m.group("other")),
        ),
        (
            r"the following arguments are required: (?P<names>.+)",
            lambda m: texts.required(m.group("names").split(", ")),
        ),
        (
            r"one of the arguments (?P<names>.+) is required",
            lambda m: texts.one_of_required(m.group("names")),
        ),
        (r"unrecognized arguments: (?P<rest>.+)", lambda m: texts.unrecognized(m.group("rest"))),
        (
            r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
            lambda m: texts.ambiguous(m.group("option"), m.group("matches")),
        ),
        (
            _ARG + r"ignored explicit argument " + _VALUE,
            lambda m: texts.no_value(m.group("name"), m.group("value")),
        ),
    )
)


def translate(message: str) -> str:
    """argparse's English error → Russian; an unknown one is kept as it is."""
    for pattern, render in _RULES:
        if m := pattern.match(message):
            return render(m)
    return message
