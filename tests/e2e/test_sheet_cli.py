"""`schoolbot invites sheet 5А`: the printable sheet from the command line, on the bot's database."""

from __future__ import annotations

import pypdfium2
import pytest

from bot.cli import main
from bot.demo.world import running_world
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e


async def test_sheet_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    async with running_world(tmp_path) as world:
        school = await set_up_school(world)
        await world.dm(school.curator, "кто я")
        await world.dm(school.curator, "создать чат 5А родители")
        db_path = world.config.storage.path
    config = tmp_path / "config.toml"
    config.write_text(
        f'[vk]\ngroup_id = 1\nscreen_name = "school1"\n'
        f'[school]\nname = "Школа № 1"\nadmins = [100001]\n[storage]\npath = "{db_path}"\n',
        encoding="utf-8",
    )
    out = tmp_path / "sheet.pdf"
    code = await _run(["invites", "sheet", "5а", "-o", str(out), "--config", str(config)])
    assert code == 0, capsys.readouterr().err
    assert "Сохранено 3 приглашения" in capsys.readouterr().out
    pdf = pypdfium2.PdfDocument(out.read_bytes())
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Иванова Елена" in text and "vk.me/school1" in text
    assert await _run(["invites", "sheet", "12Я", "--config", str(config)]) == 2
    assert "Не понимаю класс «12Я»" in capsys.readouterr().err
    assert await _run(["invites", "sheet", "6Б", "--config", str(config)]) == 1
    assert "нет чата" in capsys.readouterr().err


async def _run(argv: list[str]) -> int:
    import asyncio

    # The command line runs its own event loop; keep it off this test's loop.
    return await asyncio.to_thread(main, argv)
