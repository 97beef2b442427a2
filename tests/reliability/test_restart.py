"""The real process killed with SIGKILL mid-work and started again; and stopped with SIGTERM.

The school (roster, staff, class chats, invitations) is prepared in-process on the same
database; then `schoolbot run` takes over. Sends are slowed down in the sandbox so that the
kill lands while claims are being answered and incidents acted on. Adding another kind of work
(a broadcast half sent, a post due) is one more `Work` in `drive_work` and one more check.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.invite_helpers import LINE
from tests.e2e.moderation_setup import set_up_chats
from tests.e2e.school_setup import set_up_school
from tests.reliability.process import (
    BotProcess,
    integrity,
    query,
    read_config,
    setup_world,
    write_config,
)
from vksandbox import Sandbox, SandboxClient

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

OBSCENE = "ну это п.и.з.д.е.ц какой-то"
CLAIM_OK = "Код принят"


@pytest.fixture
async def sandbox():
    async with Sandbox(group_id=1, screen_name="school1", token=_token(), rps_limit=20) as sb:
        async with SandboxClient(sb.url) as control:
            await control.create_user("Администратор", "1", user_id=100001)
        yield sb


def _token() -> str:
    from tests.reliability.process import TOKEN

    return TOKEN


@pytest.fixture
async def prepared(sandbox, tmp_path):
    """A school with chats and invitations for pupils and parents of 5А; the in-process
    bot stops cleanly before the test starts the real one."""
    config_path = write_config(tmp_path, sandbox)
    config = read_config(config_path)
    async with setup_world(sandbox, config) as world:
        school = await set_up_school(world)
        chats = await set_up_chats(world, school)
        await world.dm(school.curator, "кто я")
        since = await world.mark()
        await world.control.write_dm(school.curator.id, "пригласить 5А все")
        texts = await world.replies(school.curator.id, since, count=3)  # two lists and a PDF
        # Invitations of people the roster knows no VK page of: anyone may claim them first.
        links = [
            m.group(2)
            for text in texts
            for m in LINE.finditer(text)
            if m.group(1).startswith(WITHOUT_PAGE)
        ]
    assert len(links) == 3
    process = BotProcess(tmp_path, config_path)
    try:
        yield process, config, school, chats, links
    finally:
        await process.close()


WITHOUT_PAGE = ("Иванова Мария", "Кузнецова Алиса", "Смирнов Андрей")


async def bot_messages(control: SandboxClient, peer: int) -> list[str]:
    return [m["text"] for m in await control.messages(peer) if m["from_id"] < 0]


async def eventually(check, seconds: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        try:
            check_result = check()
            if asyncio.iscoroutine(check_result):
                await check_result
            return
        except AssertionError:
            if asyncio.get_running_loop().time() > deadline:
                raise
        await asyncio.sleep(0.2)


async def test_sigkill_mid_work_loses_nothing_and_repeats_nothing(sandbox, prepared, tmp_path):
    process, config, school, chats, links = prepared
    db = config.storage.path
    control = SandboxClient(sandbox.url)
    try:
        claimants = [await control.create_user("Родитель", f"№{n}") for n in range(len(links))]
        await process.start()
        # The next sends hang in "VK" for a while: the kill lands with answers in flight
        # (the sandbox still carries them out afterwards — an answer lost on the way back).
        await control.inject_latency(2.0, method="messages.send", count=6)
        since = (await control.actions())[-1]["seq"]
        half = len(links) // 2 + 1
        for claimant, link in zip(claimants[:half], links[:half], strict=True):
            await control.open_ref_link(claimant, link)
        violations = [
            await control.write_chat(school.pupil.id, chats.pupils, OBSCENE),
            await control.write_chat(school.parent.id, chats.parents, OBSCENE),
        ]
        await control.wait_action("messages.delete", since=since, timeout=10)
        await asyncio.sleep(0.5)
        await process.kill()

        # While the bot is down, two more people claim and one more breaks the rules.
        for claimant, link in zip(claimants[half:], links[half:], strict=True):
            await control.open_ref_link(claimant, link)
        violations.append(await control.write_chat(school.stranger.id, chats.pupils, OBSCENE))
        await asyncio.sleep(2.0)  # the slowed sends of the killed process land now
        await control.reset_faults()
        restart = (await control.actions())[-1]["seq"]
        await process.start()

        async def every_claim_answered_once():
            for claimant in claimants:
                answers = await bot_messages(control, claimant)
                assert [a for a in answers if a.startswith(CLAIM_OK)] != [], claimant
                assert len(answers) == 1, (claimant, answers)

        await eventually(every_claim_answered_once)
        await eventually(lambda: _incidents_recorded(db, len(violations)))
        await asyncio.sleep(1.0)  # anything doubled would show up by now
        await every_claim_answered_once()
        claimed = query(db, "SELECT claimed_vk_id FROM invitations WHERE claimed_vk_id IS NOT NULL")
        assert sorted(row[0] for row in claimed) == sorted(claimants)
        incidents = query(db, "SELECT peer_id, cmid FROM incidents WHERE source = 'message'")
        assert len(incidents) == len(violations) == len(set(incidents))
        for peer in (chats.pupils, chats.parents):
            deleted = [m for m in await control.messages(peer) if m["deleted"]]
            warnings = await bot_messages(control, peer)
            assert len(warnings) == len(deleted), (peer, warnings)
        alerts = await bot_messages(control, school.admin.id)
        alerts = [a for a in alerts if a.startswith("Нарушение в чате")]
        assert len(alerts) == len(violations), alerts  # one alert per incident, none twice
        # The restarted bot redid what the kill cut short, and VK dropped the repeated sends.
        sends = await control.actions(method="messages.send")
        before = {a["params"]["random_id"] for a in sends if a["seq"] <= restart}
        assert any(a["params"]["random_id"] in before for a in sends if a["seq"] > restart)
        assert integrity(db) == "ok"
        code, seconds = await process.terminate()
        assert code == 0 and seconds < 8, process.output()
    finally:
        await control.close()


def _incidents_recorded(db, count: int) -> None:
    rows = query(db, "SELECT COUNT(*) FROM incidents WHERE source = 'message'")
    assert rows[0][0] == count


async def test_sigterm_finishes_what_is_in_flight_and_stops_quickly(sandbox, prepared):
    process, config, _school, _chats, links = prepared
    control = SandboxClient(sandbox.url)
    try:
        await process.start()
        claimant = await control.create_user("Родитель", "Поздний")
        await control.inject_latency(1.5, method="messages.send", count=1)
        await control.open_ref_link(claimant, links[0])
        await asyncio.sleep(0.5)  # the answer is on its way to VK
        code, seconds = await process.terminate()
        assert code == 0, process.output()
        assert seconds < 6, seconds
        answers = await bot_messages(control, claimant)
        assert len(answers) == 1 and answers[0].startswith(CLAIM_OK)
        assert "Бот остановлен" in process.output()
        assert integrity(config.storage.path) == "ok"
    finally:
        await control.close()
