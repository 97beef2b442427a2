"""Exactly once across a crash: the real `schoolbot run` process is killed (SIGKILL) in the middle
of a scheduled broadcast, started again, and every chat ends up with the post exactly once."""

from __future__ import annotations

import signal
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.post_records import Delivery, Post, PostStatus
from bot.domain.posts import PostKind
from bot.storage.db import Database
from bot.storage.post_repo import PostRepo
from tests.e2e.test_process import TOKEN, read_until, start, stop
from vksandbox import Sandbox, SandboxClient

pytestmark = pytest.mark.e2e

ADMIN = 100001
CHATS = 60  # three `execute` requests of 25, 25 and 10 sends
TEXT = "Уважаемые родители!\nЗавтра сокращённые уроки."


async def schedule_broadcast(db_path, peers: list[int], due: datetime) -> int:
    """The post a confirmed «рассылка … завтра 9:00» leaves in the database."""
    db = await Database.open(db_path)
    try:
        post = await PostRepo(db).add(
            post=Post(
                kind=PostKind.BROADCAST, author_vk_id=ADMIN, target="чаты родителей",
                text=TEXT, created_at=datetime.now(UTC), nonce="crash1",
                status=PostStatus.SCHEDULED, due_at=due,
            ),
            deliveries=[Delivery(peer, f"Чат {peer}") for peer in peers],
        )  # fmt: skip
    finally:
        await db.close()
    return post.id or 0


async def test_a_broadcast_killed_mid_way_is_finished_once_after_restart(tmp_path):
    async with Sandbox(group_id=7, screen_name="school7", token=TOKEN) as sandbox:
        async with SandboxClient(sandbox.url) as control:
            await control.create_user("Админ", "Школы", user_id=ADMIN)
            await control.allow_messages(ADMIN)
            parent = await control.create_user("Анна", "Петрова")
            peers = [await control.create_chat(f"Чат {n}", [parent], parent) for n in range(CHATS)]
            (tmp_path / "config.toml").write_text(
                f'[vk]\ngroup_id = 7\napi_url = "{sandbox.api_url}"\n'
                f'[school]\nname = "Школа № 7"\nadmins = [{ADMIN}]\n'
                '[storage]\npath = "db/bot.sqlite3"\n[posts]\ngrace_minutes = 30\n',
                encoding="utf-8",
            )
            db_path = tmp_path / "db" / "bot.sqlite3"
            due = datetime.now(UTC) + timedelta(seconds=3)
            post_id = await schedule_broadcast(db_path, peers, due)
            # Each batch waits a second at VK, so the kill lands between batches.
            await control.inject_latency(1.0, method="execute")
            env = {"SCHOOLBOT_VK_TOKEN": TOKEN}
            first = await start(tmp_path, "--log-level", "WARNING", env=env)
            try:
                await control.wait_action("execute", timeout=15)
            finally:
                first.send_signal(signal.SIGKILL)
                await first.wait()
            assert first.returncode == -signal.SIGKILL
            half = 0
            for peer in peers:
                half += any(m["text"] == TEXT for m in await control.messages(peer))
            assert 0 < half < CHATS, half  # killed mid-broadcast

            await control.reset_faults()
            since = (await control.actions())[-1]["seq"]
            second = await start(tmp_path, "--log-level", "WARNING", env=env)
            try:
                await read_until(second.stdout, r"запущен и слушает сообщество 7")
                report = await control.wait_action(
                    "messages.send", since=since, timeout=15, peer_ids=str(ADMIN)
                )
            finally:
                code, _, err = await stop(second)
            assert code == 0, err
            said = report["params"]["message"]
            assert f"Рассылка №{post_id} доставлена во все чаты ({CHATS})" in said, said
            for peer in peers:
                got = [m for m in await control.messages(peer) if m["text"] == TEXT]
                assert len(got) == 1, (peer, len(got))

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM posts").fetchall() == [("sent",)]
        states = conn.execute("SELECT status, COUNT(*) FROM post_deliveries GROUP BY 1").fetchall()
        assert states == [("sent", CHATS)]
    finally:
        conn.close()
