"""The deployment files work: every command the systemd units and the Dockerfile call exists and
starts. No Docker engine runs here, so the Dockerfile and compose.yaml are read, the image's paths
are mapped to a temporary folder, and each command runs there for real: `check-config`, `run`
against the sandbox (it answers a parent, then stops on SIGTERM), `backup` while it runs, the
pruning `find`, and the package build the image's `pip install .` does."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from vksandbox import SandboxClient

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv's bin, where `schoolbot` is installed
UNIT = REPO / "deploy" / "schoolbot.service"
BACKUP_UNIT = REPO / "deploy" / "schoolbot-backup.service"


def unit_entries(path: Path) -> dict[str, list[str]]:
    """`Key=value` lines of a systemd unit (a key may repeat), sections ignored."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def dockerfile(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            steps.append((word.upper(), rest.strip()))
    return steps


def sandbox_config(path: Path, db: Path) -> Path:
    """The deployment's config.toml, with the database where the test keeps it (no token: the
    bot runs on the sandbox, as `schoolbot run` does without one)."""
    raw = (REPO / "deploy" / "config.toml").read_text(encoding="utf-8")
    text = re.sub(r'^path = ".*"$', f'path = "{db}"', raw, flags=re.MULTILINE)
    assert text != raw, "deploy/config.toml names no [storage] path"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def mapped(argv: list[str], paths: dict[str, Path]) -> list[str]:
    out = []
    for arg in argv:
        for prefix, local in sorted(paths.items(), key=lambda p: -len(p[0])):
            if arg == prefix or arg.startswith(prefix + "/"):
                arg = str(local) + arg[len(prefix) :]
                break
        out.append(arg)
    return out


def env_without_token() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SCHOOLBOT_VK_TOKEN"}


async def run_briefly(argv: list[str], cwd: Path, env: dict[str, str], *, backup: list[str] = ()):
    """`schoolbot run …`: waits for the banner, has a parent write to the bot and checks the answer,
    runs `backup` meanwhile (if given), then SIGTERM; returns the exit code."""
    process = await asyncio.create_subprocess_exec(
        *argv, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        seen = ""
        async with asyncio.timeout(60):
            while "Управление песочницей" not in seen:
                line = await process.stdout.readline()
                assert line, f"{argv} stopped before it started: {seen}"
                seen += line.decode()
        url = re.search(r"песочницей VK на (http://127\.0\.0\.1:\d+)", seen).group(1)
        async with SandboxClient(url) as control:
            parent = await control.create_user("Анна", "Петрова")
            await control.write_dm(parent, "помощь")
            await control.wait_action("messages.send", timeout=20, peer_ids=str(parent))
        if backup:
            done = await asyncio.to_thread(
                subprocess.run, backup, cwd=cwd, env=env, capture_output=True, text=True, timeout=60
            )
            assert done.returncode == 0, done.stderr
            assert "Копия базы сохранена" in done.stdout
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert "Traceback" not in err.decode(), err.decode()
    assert "Warning" not in err.decode(), err.decode()  # no library warnings on a normal run
    return process.returncode


def test_the_systemd_units_commands_exist_and_start(tmp_path):
    state, etc = tmp_path / "var-lib-schoolbot", tmp_path / "etc-schoolbot"
    state.mkdir()
    paths = {
        "/opt/schoolbot/.venv/bin": BIN,
        "/etc/schoolbot": etc,
        "/var/lib/schoolbot": state,
    }
    unit = unit_entries(UNIT)
    assert unit["WorkingDirectory"] == ["/var/lib/schoolbot"] and unit["StateDirectory"] == [
        "schoolbot"
    ]
    sandbox_config(etc / "config.toml", state / "schoolbot.sqlite3")
    (env_file,) = mapped(unit["EnvironmentFile"], paths)
    Path(env_file).write_text("# SCHOOLBOT_VK_TOKEN=vk1.a.… (here: none, the sandbox)\n")
    env = env_without_token()

    for line in unit["ExecStartPre"]:
        argv = mapped(shlex.split(line), paths)
        done = subprocess.run(argv, cwd=state, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (line, done.stderr)
        assert "в порядке" in done.stdout

    backup_unit = unit_entries(BACKUP_UNIT)
    (backup_line,) = backup_unit["ExecStart"]
    (start_line,) = unit["ExecStart"]
    code = asyncio.run(
        run_briefly(
            mapped(shlex.split(start_line), paths),
            state,
            env,
            backup=mapped(shlex.split(backup_line), paths),
        )
    )
    assert code == 0  # a clean stop on SIGTERM, as KillSignal says
    assert unit["KillSignal"] == ["SIGTERM"]
    copies = list((state / "backups").glob("*.sqlite3"))
    assert len(copies) == 1 and copies[0].stat().st_mode & 0o777 == 0o600

    for line in backup_unit["ExecStartPost"]:  # pruning old copies keeps the new one
        argv = mapped(shlex.split(line), paths)
        assert shutil.which(argv[0]), argv[0]
        subprocess.run(argv, check=True, timeout=30)
    assert list((state / "backups").glob("*.sqlite3")) == copies

    timer = unit_entries(REPO / "deploy" / "schoolbot-backup.timer")
    assert timer["OnCalendar"] and timer["Persistent"] == ["true"]
    if shutil.which("systemd-analyze"):
        # systemd's own reading of the files, with the paths of this machine.
        local = tmp_path / "units"
        local.mkdir()
        for source in (UNIT, BACKUP_UNIT, REPO / "deploy" / "schoolbot-backup.timer"):
            text = source.read_text(encoding="utf-8")
            for prefix, there in paths.items():
                text = text.replace(prefix, str(there))
            (local / source.name).write_text(text, encoding="utf-8")
        done = subprocess.run(
            ["systemd-analyze", "verify", *[str(p) for p in sorted(local.iterdir())]],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def image_build_context(tmp_path: Path, steps: list[tuple[str, str]]) -> Path:
    """The files the Dockerfile COPYs, copied as it does, into a fresh folder."""
    context = tmp_path / "image"
    context.mkdir()
    for word, args in steps:
        if word == "COPY":
            *sources, target = shlex.split(args)
            for source in sources:
                src = REPO / source
                assert src.exists(), f"COPY {source}: no such file in the repository"
                dest = context / (source if target.endswith("/") and target != "./" else target)
                if target in ("./", "."):
                    dest = context / Path(source).name
                if src.is_dir():
                    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy2(src, dest)
    return context


def test_the_dockerfile_and_compose_commands_exist_and_start(tmp_path):
    steps = dockerfile(REPO / "Dockerfile")
    base = next(args for word, args in steps if word == "FROM")
    wanted = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    version = re.match(r"python:3\.(\d+)", base)
    assert version and int(version.group(1)) >= int(wanted.removeprefix(">=3.")), base

    # RUN: each command exists; the package install is the same build pip does in the image.
    context = image_build_context(tmp_path, steps)
    (run,) = [args for word, args in steps if word == "RUN"]
    for command in (shlex.split(part) for part in run.split("&&")):
        assert shutil.which(command[0]), command[0]
        if command[:3] == ["python", "-m", "pip"]:
            assert command[3] == "install" and command[-1] == "."
            wheels = tmp_path / "wheels"
            built = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
                cwd=context, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert built.returncode == 0, built.stderr
            assert "Warning" not in built.stderr, built.stderr  # a normal build says nothing
            (wheel,) = wheels.glob("schoolbot-*.whl")
            names = set(zipfile.ZipFile(wheel).namelist())
            for needed in ("bot/storage/migrations/0001_init.sql", "bot/demo/roster.csv",
                           "bot/printing/fonts/LICENSE.txt", "vksandbox/__init__.py"):  # fmt: skip
                assert needed in names, needed

    # ENTRYPOINT + CMD, in WORKDIR /data with the settings mounted where compose mounts them.
    entry = yaml.safe_load(next(args for word, args in steps if word == "ENTRYPOINT"))
    cmd = yaml.safe_load(next(args for word, args in steps if word == "CMD"))
    workdir = [args for word, args in steps if word == "WORKDIR"][-1]
    volume = yaml.safe_load(next(args for word, args in steps if word == "VOLUME"))
    assert workdir in volume  # the bot's state is written into the volume
    assert ("STOPSIGNAL", "SIGTERM") in steps
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["schoolbot"]
    assert service["build"] == "." and service["stop_signal"] == "SIGTERM"
    assert "SCHOOLBOT_VK_TOKEN" in service["environment"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in service["volumes"]}
    config_in_image = cmd[cmd.index("--config") + 1]
    assert config_in_image in mounts and mounts[config_in_image] == "./config.toml"
    assert mounts["/data"] in compose["volumes"]

    data, config_dir = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    sandbox_config(config_dir / "config.toml", data / "schoolbot.sqlite3")
    paths = {"/data": data, "/config": config_dir}
    argv = mapped([str(BIN / entry[0]), *cmd], paths)
    assert asyncio.run(run_briefly(argv, data, env_without_token())) == 0
    assert (data / "schoolbot.sqlite3").exists()
    backup = mapped([str(BIN / entry[0]), "backup", "--config", config_in_image], paths)
    done = subprocess.run(backup, cwd=data, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
