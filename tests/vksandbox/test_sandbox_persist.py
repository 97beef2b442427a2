"""The sandbox keeps its world in a file: people, chats and messages come back after a restart."""

from __future__ import annotations

import stat

import pytest

from vksandbox import Sandbox, SandboxClient
from vksandbox.persist import StateFileError


def _sandbox(state) -> Sandbox:
    return Sandbox(group_id=1, screen_name="school1", token="sandbox-token", state_path=state)


async def test_people_chats_and_messages_come_back_after_a_restart(tmp_path):
    state = tmp_path / "world.json"
    async with _sandbox(state) as first, SandboxClient(first.url) as control:
        anna = await control.create_user("Анна", "Петрова")
        boris = await control.create_user("Борис", "Сидоров")
        peer = await control.create_chat("5А · родители", [anna, boris], owner_id=anna)
        await control.write_chat(anna, peer, "Завтра собрание в 18:00")
        await control.write_dm(boris, "помощь")

    # Another run, another port: the same world.
    async with _sandbox(state) as second, SandboxClient(second.url) as control:
        assert second.restored
        names = {u["id"]: f"{u['first_name']} {u['last_name']}" for u in await control.users()}
        assert names[anna] == "Анна Петрова" and names[boris] == "Борис Сидоров"
        chat = next(c for c in await control.conversations(anna) if c["peer_id"] == peer)
        assert chat["title"] == "5А · родители"
        before = await control.messages(peer)  # the chat's creation, then what Анна wrote
        assert [m["text"] for m in before if m["text"]] == ["Завтра собрание в 18:00"]
        assert [m["text"] for m in await control.messages(boris)] == ["помощь"]
        # Someone new is someone else: ids and message numbers go on, not over.
        vera = await control.create_user("Вера", "Ким")
        assert vera not in (anna, boris)
        cmid = await control.write_chat(boris, peer, "Буду")
        after = await control.messages(peer)
        assert after[-1]["conversation_message_id"] == cmid
        assert cmid not in {m["conversation_message_id"] for m in before}


async def test_the_saved_world_is_readable_by_its_owner_only(tmp_path):
    state = tmp_path / "world.json"
    async with _sandbox(state) as sb, SandboxClient(sb.url) as control:
        await control.create_user("Анна", "Петрова")
    assert "Анна" in state.read_text(encoding="utf-8")
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 99}'])
async def test_a_broken_saved_world_is_refused_and_left_as_it_was(tmp_path, content):
    state = tmp_path / "world.json"
    state.write_text(content, encoding="utf-8")
    sb = _sandbox(state)
    with pytest.raises(StateFileError):
        await sb.start()
    assert state.read_text(encoding="utf-8") == content


async def test_without_a_state_file_every_start_is_a_new_world(tmp_path):
    async with Sandbox() as first, SandboxClient(first.url) as control:
        await control.create_user("Анна", "Петрова")
    async with Sandbox() as second, SandboxClient(second.url) as control:
        assert not second.restored
        assert all(u["first_name"] != "Анна" for u in await control.users())
    assert list(tmp_path.iterdir()) == []
