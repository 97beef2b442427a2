"""The real `schoolbot run` on VK's Callback API, killed with SIGKILL after it said «ok» and
before it finished handling: nothing is lost, nothing is done twice, and the database never
held the message in clear."""

from __future__ import annotations

import asyncio
import socket

import pytest

from tests.e2e.moderation_setup import set_up_chats
from tests.e2e.school_setup import set_up_school
from tests.reliability.process import BotProcess, query, read_config, setup_world
from tests.reliability.test_restart import OBSCENE, bot_messages, eventually
from vksandbox import Sandbox, SandboxClient

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

SECRET = "callback-secret-of-school-1"
CLEAR = "п.и.з.д.е.ц"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def sandbox():
    from tests.reliability.process import TOKEN

    async with Sandbox(group_id=1, screen_name="school1", token=TOKEN, rps_limit=20) as sb:
        async with SandboxClient(sb.url) as control:
            await control.create_user("Администратор", "1", user_id=100001)
        yield sb


def write_callback_config(folder, sandbox, port: int):
    path = folder / "config.toml"
    path.write_text(
        f'[vk]\ngroup_id = 1\napi_url = "{sandbox.api_url}"\nintake = "callback"\n'
        f'[vk.callback]\nport = {port}\nsecret = "{SECRET}"\n'
        '[school]\nname = "Школа № 1"\nadmins = [100001]\n'
        f'[storage]\npath = "{folder / "data" / "bot.sqlite3"}"\n',
        encoding="utf-8",
    )
    return path


async def test_sigkill_after_ok_loses_nothing_and_repeats_nothing(sandbox, tmp_path):
    port = free_port()
    config_path = write_callback_config(tmp_path, sandbox, port)
    config = read_config(config_path)
    db = config.storage.path
    async with setup_world(sandbox, config) as world:
        added = await world.control.add_callback_server(
            f"http://127.0.0.1:{port}/vk/callback", secret=SECRET
        )
        assert added["status"] == "ok"
        school = await set_up_school(world)
        chats = await set_up_chats(world, school)
    process = BotProcess(tmp_path, config_path)
    control = SandboxClient(sandbox.url)
    try:
        await process.start()
        # Handling hangs in "VK" (the deletions are slow): the kill lands after «ok» was said.
        await control.inject_latency(3.0, method="messages.delete", count=2)
        since = (await control.actions())[-1]["seq"]
        first = len(await control.callback_deliveries())
        violations = [
            await control.write_chat(school.pupil.id, chats.pupils, OBSCENE),
            await control.write_chat(school.parent.id, chats.parents, OBSCENE),
        ]

        async def both_acknowledged():
            done = [d for d in (await control.callback_deliveries())[first:] if d["answer"] == "ok"]
            assert len({d["event_id"] for d in done}) == 2

        await eventually(both_acknowledged)
        await process.kill()
        stored = query(db, "SELECT COUNT(*) FROM callback_inbox")[0][0]
        assert stored >= 1, "the kill came after handling finished: the test proves nothing"
        for path in db.parent.iterdir():  # the database, its WAL and its shared memory
            assert CLEAR.encode() not in path.read_bytes(), path.name

        await asyncio.sleep(3.5)  # the slowed deletions of the killed process land now
        await control.reset_faults()
        await process.start()

        async def all_handled():
            assert query(db, "SELECT COUNT(*) FROM callback_inbox")[0][0] == 0
            incidents = query(db, "SELECT COUNT(*) FROM incidents WHERE source = 'message'")
            assert incidents[0][0] == len(violations)

        await eventually(all_handled)
        await asyncio.sleep(1.0)  # anything doubled would show up by now
        for peer in (chats.pupils, chats.parents):
            deleted = [m for m in await control.messages(peer) if m["deleted"]]
            assert len(deleted) == 1, peer
            assert len(await bot_messages(control, peer)) == 1, peer  # one warning each
        alerts = [a for a in await bot_messages(control, school.admin.id)
                  if a.startswith("Нарушение в чате")]  # fmt: skip
        assert len(alerts) == len(violations), alerts
        assert (await control.actions(since=since, method="messages.delete")) != []
        code, seconds = await process.terminate()
        assert code == 0 and seconds < 8, process.output()
    finally:
        await control.close()
        await process.close()
