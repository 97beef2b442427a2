"""docs/commands.md cannot drift from the commands the bot understands and the rules it enforces."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.docs import DOC, main, regenerate, render_table, who_may
from bot.domain.commands import REGISTRY
from bot.domain.grammar import Parsed, parse_command
from bot.domain.people import Role
from bot.domain.permissions import EVERYONE, PERMISSIONS, Rule, Scope
from bot.texts import docs as texts
from bot.texts.commands import example, usage


def generated_part(document: str) -> str:
    start, end = document.index(texts.BEGIN), document.index(texts.END)
    return document[start : end + len(texts.END)]


def test_the_command_table_in_the_docs_is_the_generated_one():
    document = DOC.read_text(encoding="utf-8")
    assert generated_part(document) == render_table(), texts.OUT_OF_DATE


def test_every_command_has_its_row_with_a_working_example():
    table = render_table()
    for cmd in REGISTRY:
        head = f"| `{usage(cmd)}`".replace("|", "\\|").replace("\\|", "|", 1)
        row = next((line for line in table.splitlines() if line.startswith(head)), None)
        assert row is not None, cmd.key
        for phrase in cmd.all_phrases:
            assert f"`{phrase}" in row, (cmd.key, phrase)
        shown = example(cmd.key)
        assert f"`{shown}`".replace("|", "\\|") in row
        # The example really is that command (in a DM, as a person would type it).
        parsed = parse_command(shown, community_id=1)
        assert isinstance(parsed, Parsed) and parsed.key == cmd.key, (shown, parsed)


def test_who_may_says_what_the_rules_say():
    assert who_may(EVERYONE) == "все"
    assert who_may((Rule(Role.ADMIN),)) == "администраторы"
    leaders = (Rule(Role.ADMIN), Rule(Role.DIRECTOR), Rule(Role.DEPUTY))
    assert who_may((*leaders, Rule(Role.CURATOR, Scope.OWN_CLASS))) == (
        "администрация; кураторы — для своего класса"
    )
    assert who_may((*leaders, Rule(Role.CURATOR, Scope.OWN_CLASS),
                    Rule(Role.TEACHER, Scope.OWN_CLASS))) == (
        "администрация; кураторы и учителя — для своего класса"
    )  # fmt: skip
    assert who_may((Rule(Role.PUPIL), Rule(Role.PARENT))) == "ученики, родители"
    for key, rules in PERMISSIONS.items():  # nobody is left out of a row
        said = who_may(rules)
        assert said, key
        assert (said == "все") == (rules == EVERYONE), key


def test_hand_written_command_tables_name_only_real_commands():
    """The prose sections keep their own tables; a renamed or removed command shows up here."""
    document = DOC.read_text(encoding="utf-8")
    prose = document.replace(generated_part(document), "")
    phrases = sorted((p for c in REGISTRY for p in c.all_phrases), key=len, reverse=True)
    in_command_table = False
    for line in prose.splitlines():
        if re.match(r"\|\s*команда\s*\|", line, re.IGNORECASE):
            in_command_table = True
            continue
        if not line.startswith("|"):
            in_command_table = False
            continue
        first = line.split("|")[1].strip()
        if in_command_table and first.startswith("`"):
            written = first.strip("`").split("`")[0].casefold().replace("ё", "е")
            assert any(written.startswith(p) for p in phrases), line


def test_regenerating_keeps_the_prose_and_the_check_fails_on_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "commands.md"
    shutil.copy(DOC, stale)
    document = stale.read_text(encoding="utf-8")
    edited = document.replace("| `кто я`", "| `кто я` (устарело)", 1)
    edited = edited.replace("## Как писать команды", "## Как писать команды (своё)", 1)
    stale.write_text(edited, encoding="utf-8")
    assert main(["--check", "--file", str(stale)]) == 1
    assert "make docs" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == edited  # --check changes nothing
    assert main(["--file", str(stale)]) == 0
    fresh = stale.read_text(encoding="utf-8")
    assert "(устарело)" not in fresh
    assert "## Как писать команды (своё)" in fresh  # hand-written text kept
    assert main(["--check", "--file", str(stale)]) == 0


def test_a_file_without_markers_is_refused(tmp_path, capsys):
    bare = tmp_path / "commands.md"
    bare.write_text("# Команды\n", encoding="utf-8")
    assert main(["--file", str(bare)]) == 2
    assert "нет отметок" in capsys.readouterr().err
    try:
        regenerate("# Команды\n")
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("no markers must be an error")
    assert Path(bare).read_text(encoding="utf-8") == "# Команды\n"
