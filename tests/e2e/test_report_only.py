"""Moderation's dry run («только отчёт») through the sandbox: a new school tunes before acting."""

from __future__ import annotations

import pytest

from tests.e2e.moderation_setup import set_up_chats
from tests.e2e.school_setup import set_up_school
from tests.e2e.test_moderation import OBSCENE

pytestmark = pytest.mark.e2e


async def test_in_report_only_nothing_is_done_and_the_admin_gets_the_digest(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    answer = (await world.dm(school.admin, "пробный режим родители вкл"))[0]
    assert answer.startswith("Пробный режим включён: чат родителей — только отчёт.")
    since = await world.mark()
    cmid = await world.control.write_chat(school.parent.id, chats.parents, OBSCENE)
    await world.control.write_chat(school.pupil.id, chats.pupils, OBSCENE)  # pupils' chats act
    await world.control.wait_action("messages.delete", since=since, timeout=10,
                                    peer_id=str(chats.pupils))  # fmt: skip
    done = await world.quiet(since, 0.5)
    in_parents = [a for a in done if str(chats.parents) in str(a["params"].get("peer_id", ""))
                  or str(chats.parents) in str(a["params"].get("peer_ids", ""))]  # fmt: skip
    assert in_parents == []  # no deletion, no note in the parents' chat
    parent_message = next(m for m in await world.control.messages(chats.parents)
                          if m["conversation_message_id"] == cmid)  # fmt: skip
    assert not parent_message["deleted"]
    alerts = [a["params"]["message"] for a in done if a["method"] == "messages.send"
              and a["params"].get("peer_ids") == str(school.admin.id)]  # fmt: skip
    assert all("5А · родители" not in text for text in alerts)  # only the pupils' alert
    digest = (await world.dm(school.admin, "отчёт пробного режима"))[0]
    assert "я бы вмешался 1 раз" in digest and "«5А · родители» — 1" in digest
    assert "п.и.з.д.е.ц" not in digest and "нецензурная лексика" in digest
    # It is a contract with the school: kept across a restart, and undone by the same command.
    await world.restart()
    assert "чат родителей" in (await world.dm(school.admin, "пробный режим"))[0]
    await world.dm(school.admin, "пробный режим родители выкл")
    since = await world.mark()
    await world.control.write_chat(school.parent.id, chats.parents, OBSCENE + " снова")
    await world.control.wait_action("messages.delete", since=since, timeout=10,
                                    peer_id=str(chats.parents))  # fmt: skip


async def test_the_daily_digest_comes_at_its_hour_and_only_admins_switch_it(world):
    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    refused = (await world.dm(school.curator, "пробный режим ученики вкл"))[0]
    assert "администратор" in refused.lower()
    wrong = (await world.dm(school.admin, "пробный режим ученики"))[0]
    assert (
        wrong.startswith("Не понял, включить или выключить")
        and "пробный режим родители вкл" in wrong
    )
    wrong = (await world.dm(school.admin, "пробный режим родитили вкл"))[0]
    assert wrong.startswith("Не понял, о каких чатах речь: «родитили вкл»")
    await world.dm(school.admin, "пробный режим ученики вкл")
    for text in (OBSCENE, "ты дура", OBSCENE + "!"):
        await world.control.write_chat(school.pupil.id, chats.pupils, text)
    await world.quiet(await world.mark(), 0.5)
    since = await world.mark()
    await world.advance(hours=8)  # 10:00 → 18:00: the 17:00 digest is due
    digest = await world.reply_starting(school.admin.id, since, "Пробный режим модерации")
    assert "«5А · ученики» — 3" in digest and "вмешался 3 раза" in digest
