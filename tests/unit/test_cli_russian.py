"""The command line speaks Russian: usage, help, every mistake, and check-config's advice."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli_args import translate

REPO = Path(__file__).resolve().parents[2]
# Words argparse writes in English; none may reach a person.
ENGLISH = re.compile(
    r"usage:|error:|positional arguments|options:|show this help|invalid choice|required|"
    r"unrecognized|expected one argument|invalid int value"
)

GOOD = """
[vk]
group_id = 42
[school]
name = "Школа № 7"
admins = [101]
[storage]
path = "{db}"
"""


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["rn"], "нет такой команды «rn». Может быть, «run»?"),
        (["run", "--sandbox-port", "abc"], "--sandbox-port: нужно целое число, а не «abc»."),
        (["run", "--log-level", "loud"], "--log-level: нет такого значения «LOUD»"),
        (["invites", "sheet"], "в команде не хватает: КЛАСС."),
        (["roster"], "в команде не хватает: ДЕЙСТВИЕ."),
        (["check-config", "--config"], "после --config нужно указать значение."),
        (["demo", "лишнее"], "лишнее в команде: лишнее."),
        (["run", "--sandbox"], "--sandbox"),
    ],
)
def test_every_mistake_is_explained_in_russian(capsys, argv, said):
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert said in err
    assert "Как запускать: schoolbot" in err
    assert re.search(r"schoolbot[\w -]*: ошибка: ", err)
    assert "Справка: schoolbot" in err
    assert not ENGLISH.search(err), err


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["invites", "sheet", "-h"]])
def test_help_is_russian(capsys, argv):
    code, out, _ = run_cli(capsys, *argv)
    assert code == 0
    assert out.startswith("Как запускать: schoolbot")
    assert "показать эту справку и выйти" in out
    assert not ENGLISH.search(out), out


def test_no_command_prints_the_russian_help(capsys):
    code, out, _ = run_cli(capsys)
    assert code == 0
    assert "аргументы:" in out and "check-config" in out


def test_an_unknown_argparse_message_is_kept_rather_than_lost():
    assert translate("something new in Python 3.14") == "something new in Python 3.14"


def test_check_config_suggests_the_key_meant(tmp_path, capsys):
    path = tmp_path / "config.toml"
    text = GOOD.format(db="x").replace("group_id = 42", "group_id = 42\nrequests_per_secnd = 5")
    path.write_text(text + "\n[moderation]\nwarning_dys = 10\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check-config", "--config", str(path))
    assert code == 2
    assert "неизвестный ключ [vk].requests_per_secnd" in err
    assert "Может быть, вы имели в виду [vk].requests_per_second?" in err
    assert "Может быть, вы имели в виду [moderation].warning_days?" in err


def test_a_key_nothing_resembles_gets_no_guess(tmp_path, capsys):
    path = tmp_path / "config.toml"
    path.write_text(GOOD.format(db="x") + "\n[chats]\nzzz = 1\n", encoding="utf-8")
    _, _, err = run_cli(capsys, "check-config", "--config", str(path))
    assert "неизвестный ключ [chats].zzz. Уберите его" in err
    assert "Может быть" not in err


def test_check_config_refuses_a_token_written_in_the_file(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SCHOOLBOT_VK_TOKEN", raising=False)
    secret = "vk1.a.written-in-the-file-0042"
    path = tmp_path / "config.toml"
    text = GOOD.format(db="x").replace("group_id = 42", f'group_id = 42\ntoken = "{secret}"')
    path.write_text(text.replace("admins = [101]", "admins = []"), encoding="utf-8")
    code, out, err = run_cli(capsys, "check-config", "--config", str(path))
    assert code == 2
    assert "ключ доступа записан в файле ([vk].token)" in err
    assert "SCHOOLBOT_VK_TOKEN" in err
    assert "[school].admins" in err  # the other problems are still named
    assert secret not in out + err
    # The placeholder of the example file is no token.
    path.write_text(GOOD.format(db="x").replace("group_id = 42", 'group_id = 42\ntoken = ""'))
    assert run_cli(capsys, "check-config", "--config", str(path))[0] == 0


def test_run_still_accepts_an_old_config_with_the_token_but_warns(tmp_path):
    """The key is a contract: an old config.toml keeps working; the advice is printed."""
    path = tmp_path / "config.toml"
    text = GOOD.format(db=tmp_path / "db.sqlite3")
    path.write_text(text.replace("group_id = 42", 'group_id = 42\ntoken = "wrong"\n'
                                 'api_url = "http://127.0.0.1:9/method/"\nrequest_timeout = 1'))  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(path), "--log-level", "ERROR"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert "ключ доступа записан в файле настроек" in done.stderr
    assert "Не удалось связаться с API ВКонтакте" in done.stdout  # it did try to start
    assert "wrong" not in done.stdout + done.stderr


def test_a_database_from_a_newer_bot_is_named_in_russian_and_left_alone(tmp_path, capsys):
    import sqlite3

    db = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    path = tmp_path / "config.toml"
    path.write_text(GOOD.format(db=db), encoding="utf-8")
    code, _, err = run_cli(capsys, "stats", "export", "--config", str(path))
    assert code == 2
    assert "записана более новой версией бота (версия схемы 9999" in err
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9999
    conn.close()
