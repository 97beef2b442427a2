"""17.4: the project's own example works offline, and the sandbox is a school to try at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.roster_cli import import_roster
from bot.sandbox_mode import embedded_config, start_sandbox_for
from tests.e2e.moderation_setup import rows

pytestmark = pytest.mark.e2e

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "roster.csv"


async def test_short_names_kept_offline_are_resolved_when_the_bot_next_talks_to_vk(world, capsys):
    # The bot is stopped; the example goes in from the command line, without VK.
    await world.app.stop()
    assert await asyncio.to_thread(import_roster, world.config, EXAMPLE) == 0
    assert "1 ссылка вида vk.com/имя сохранена как есть" in capsys.readouterr().out
    artem = "SELECT vk_id, vk_screen_name FROM people WHERE full_name = 'Смирнов Артём Андреевич'"
    assert rows(world, artem) == [(None, "artem_smirnov")]
    # VK knows the page; the bot, started again, asks it — a thousand names a request.
    pupil = await world.person("Артём", "Смирнов", user_id=1003, screen_name="artem_smirnov")
    since = await world.mark()
    await world.restart()
    asked = await world.control.wait_action(
        "users.get", since=since, timeout=10, user_ids="artem_smirnov"
    )
    assert asked["params"]["fields"] == "screen_name"
    for _ in range(200):  # the answer is written as soon as it comes back
        if rows(world, artem) == [(1003, None)]:
            break
        await asyncio.sleep(0.05)
    assert rows(world, artem) == [(1003, None)]
    answer = await world.dm(pupil, "кто я")
    assert "5А" in answer[0], answer


async def test_a_page_vk_does_not_know_is_named_to_the_administrators(world):
    await world.app.stop()
    text = EXAMPLE.read_text(encoding="utf-8").replace("artem_smirnov", "no_such_page_x")
    path = Path(world.config.storage.path).with_name("typo.csv")
    path.write_text(text, encoding="utf-8")
    assert await asyncio.to_thread(import_roster, world.config, path) == 0
    since = await world.mark()
    await world.restart()
    admin = world.config.school.admins[0]
    note = await world.reply_starting(admin, since, "ВКонтакте не подтвердил")
    assert "Смирнов Артём Андреевич: vk.com/no_such_page_x" in note


async def test_the_embedded_sandbox_knows_the_examples_people(tmp_path):
    sandbox, _ = await start_sandbox_for(
        embedded_config(tmp_path / "db.sqlite3"), with_example=True
    )
    try:
        users = sandbox.world.users
        assert users[1001].last_name == "Иванов" and users[2001].first_name == "Елена"
        assert sandbox.world.resolve_user("artem_smirnov").id == 1003
        assert {1005, 1006, 2003, 2005} <= set(users)
    finally:
        await sandbox.stop()
