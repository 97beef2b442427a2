"""`python -m bot.docs [--check]`: the command table of docs/commands.md, from the bot's own table.

Every command of `bot.domain.commands.REGISTRY` gets a row: how to write it (with its other
phrases and English aliases), what it does and a correct example (the texts `помощь` shows), and
who may run it (`bot.domain.permissions.PERMISSIONS`, the rules the bot enforces). Only the part
between the markers is written; the hand-written sections around it stay as they are.
`--check` changes nothing and fails when the file differs (a test does the same).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli_args import RussianArgumentParser
from bot.domain.commands import HELP_GROUP_ORDER, REGISTRY, Command
from bot.domain.people import Role
from bot.domain.permissions import PERMISSIONS, Rule, Scope
from bot.texts import docs as texts
from bot.texts.commands import HELP_GROUP_TITLES, describe, example, usage

DOC = Path(__file__).resolve().parents[1] / "docs" / "commands.md"
_LEADERS = {Role.ADMIN, Role.DIRECTOR, Role.DEPUTY}


def _code(text: str) -> str:
    return f"`{text}`".replace("|", "\\|")


def who_may(rules: tuple[Rule, ...]) -> str:
    """«администрация; кураторы — для своего класса» from the permission rules."""
    if not rules:
        return texts.EVERYONE
    anywhere = [r.role for r in rules if r.scope is Scope.ANY]
    parts = []
    if _LEADERS <= set(anywhere):
        parts.append(texts.LEADERS)
        anywhere = [role for role in anywhere if role not in _LEADERS]
    parts += [texts.ROLES[role] for role in dict.fromkeys(anywhere)]
    scoped: dict[Scope, list[str]] = {}
    for rule in rules:
        if rule.scope is not Scope.ANY:
            scoped.setdefault(rule.scope, []).append(texts.ROLES[rule.role])
    limited = [f"{' и '.join(dict.fromkeys(roles))} — {texts.SCOPES[scope]}"
               for scope, roles in scoped.items()]  # fmt: skip
    return "; ".join(filter(None, [", ".join(parts), *limited]))


def _row(cmd: Command) -> str:
    others = ", ".join(_code(p) for p in cmd.all_phrases[1:])
    written = _code(usage(cmd)) + (f" ({others})" if others else "")
    return (
        f"| {written} | {describe(cmd.key)} | {who_may(PERMISSIONS[cmd.key])} | "
        f"{_code(example(cmd.key))} |"
    )


def render_table() -> str:
    """The generated part, markers included."""
    lines = [texts.BEGIN, "", texts.HEADER]
    for group in HELP_GROUP_ORDER:
        in_group = [c for c in REGISTRY if c.group is group]
        if in_group:
            lines.append(f"| **{HELP_GROUP_TITLES[group]}** | | | |")
            lines += [_row(c) for c in in_group]
    lines += ["", texts.LEADERS_NOTE, "", texts.END]
    return "\n".join(lines)


def regenerate(document: str) -> str:
    """`document` with its generated part replaced; ValueError when the markers are missing."""
    start, end = document.find(texts.BEGIN), document.find(texts.END)
    if start < 0 or end < start:
        raise ValueError(texts.NO_MARKERS.format(begin=texts.BEGIN, end=texts.END))
    return document[:start] + render_table() + document[end + len(texts.END) :]


def main(argv: list[str] | None = None) -> int:
    parser = RussianArgumentParser(prog="python -m bot.docs")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--file", type=Path, default=DOC)
    args = parser.parse_args(argv)
    document = args.file.read_text(encoding="utf-8")
    try:
        fresh = regenerate(document)
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 2
    if args.check:
        if fresh != document:
            print(texts.OUT_OF_DATE, file=sys.stderr)
            return 1
        print(texts.UP_TO_DATE.format(count=len(REGISTRY)))
        return 0
    if fresh != document:
        args.file.write_text(fresh, encoding="utf-8")
    print(texts.WRITTEN.format(count=len(REGISTRY)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
