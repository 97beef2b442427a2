"""Rules by content type through the sandbox: VK's real attachment objects, one note why."""

from __future__ import annotations

import pytest

from tests.e2e.moderation_setup import set_up_chats
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.e2e


async def deleted(world, peer: int, cmid: int) -> bool:
    return next(m for m in await world.control.messages(peer)
                if m["conversation_message_id"] == cmid)["deleted"]  # fmt: skip


async def test_a_long_voice_message_and_all_are_removed_from_the_pupils_chat(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    pupil = school.pupil
    since = await world.mark()
    long_voice = await world.control.write_chat(
        pupil.id, chats.pupils, "", attachments=[{"type": "audio_message", "duration": 95}]
    )
    note = await world.control.wait_action("messages.send", since=since, timeout=10,
                                           peer_ids=str(chats.pupils))  # fmt: skip
    assert "не длиннее 60 секунд" in note["params"]["message"]
    assert "Это не нарушение" in note["params"]["message"]
    assert await deleted(world, chats.pupils, long_voice)
    short_voice = await world.control.write_chat(
        pupil.id, chats.pupils, "", attachments=[{"type": "audio_message", "duration": 20}]
    )
    since = await world.mark()
    everyone = await world.control.write_chat(pupil.id, chats.pupils, "@all го в кино")
    note = await world.control.wait_action("messages.send", since=since, timeout=10,
                                           peer_ids=str(chats.pupils))  # fmt: skip
    assert "упоминать сразу всех" in note["params"]["message"]
    assert await deleted(world, chats.pupils, everyone)
    assert not await deleted(world, chats.pupils, short_voice)
    # Not misconduct: no alert to the administrators, no warning counted.
    admin_alerts = [a for a in await world.control.actions(method="messages.send")
                    if a["params"].get("peer_ids") == str(school.admin.id)
                    and "Нарушение" in a["params"]["message"]]  # fmt: skip
    assert admin_alerts == []


async def test_the_parents_chat_allows_them_and_staff_are_never_limited(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    since = await world.mark()
    voice = await world.control.write_chat(
        school.parent.id,
        chats.parents,
        "",
        attachments=[{"type": "audio_message", "duration": 300}],
    )
    sticker = await world.control.write_chat(school.parent.id, chats.parents, "",
                                             attachments=[{"type": "sticker"}])  # fmt: skip
    repost = await world.control.write_chat(
        school.parent.id, chats.parents, "", attachments=[{"type": "wall", "from_id": -777}]
    )
    # The curator may call everyone in the pupils' chat: staff are never limited.
    staff = await world.control.write_chat(school.curator.id, chats.pupils, "@all завтра экскурсия")
    done = await world.quiet(since, 0.6)
    assert [a for a in done if a["method"] == "messages.delete"] == []  # not even tried
    for cmid in (voice, sticker, repost):
        assert not await deleted(world, chats.parents, cmid)
    assert not await deleted(world, chats.pupils, staff)
