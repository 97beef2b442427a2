"""The Makefile speaks Russian where a newcomer meets it: an old Python, a missing VK schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.texts.cli import python_too_old

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def fake_python(tmp_path: Path, version: str) -> Path:
    """A `python3` that answers every question as Python `version` would."""
    path = tmp_path / f"python{version}"
    path.write_text(f'#!/bin/sh\necho "{version}"\n', encoding="utf-8")
    path.chmod(0o755)
    return path


def make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_an_old_python_is_refused_in_russian_before_any_install(tmp_path):
    venv = tmp_path / "venv"
    done = make(f"PYTHON={fake_python(tmp_path, '3.10')}", f"VENV={venv}", "test")
    assert done.returncode != 0
    assert "schoolbot нужен Python 3.11 или новее" in done.stderr
    assert "— это Python 3.10" in done.stderr
    assert "make PYTHON=python3.11 test" in done.stderr
    assert not venv.exists()  # nothing was created or installed


def test_a_missing_python_is_named(tmp_path):
    done = make(f"PYTHON={tmp_path / 'no-such-python'}", "python-check")
    assert done.returncode != 0
    assert "Не найден Python" in done.stderr


@pytest.mark.parametrize("version", ["3.11", "3.12", "3.13"])
def test_a_new_enough_python_passes(tmp_path, version):
    assert make(f"PYTHON={fake_python(tmp_path, version)}", "python-check").returncode == 0


def test_a_missing_vk_schema_is_explained(tmp_path):
    done = make(f"SCHEMA={tmp_path / 'vk-api-schema'}", "schema-check")
    assert done.returncode == 0  # the rest of the suite still runs
    assert "официальная схема VK API" in done.stderr
    assert "VKCOM/vk-api-schema" in done.stderr
    assert make("schema-check").stderr == ""  # present beside this repo: nothing said


def test_the_package_itself_refuses_an_old_python_in_russian():
    code = "import sys; sys.version_info = (3, 10, 12); import bot"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.strip() == python_too_old((3, 10, 12), (3, 11))
    assert "Python 3.11 или новее, а запущен Python 3.10.12" in done.stderr
