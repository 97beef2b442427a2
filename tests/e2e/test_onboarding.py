"""A whole 30-class school set up through the sandbox from one XLSX (issue 17, «Measure it»).

The administrator sends one workbook (850 pupils, 1,100 parents, 30 classroom teachers, 30 more
teachers), writes `чаты всем классам` and presses «Создать»; every curator presses «Начать» in
the community's dialog, goes into her chats by the links the bot then sends, and writes two
commands; families open the class links, and the curator lets in with one tap whoever the file
has no VK page for. Every family of 1А and 10В goes through, and one family with a father to
approve in each other class (`python -m bench.onboarding` takes every family). The counts come
from what went through the sandbox."""

from __future__ import annotations

import pytest

from bench.onboarding import (
    ADMIN_ACTIONS_BAR,
    CURATOR_COMMANDS_BAR,
    FAMILY_TAPS_BAR,
    chosen_families,
    run,
    taps_per_family,
)

pytestmark = pytest.mark.e2e


async def test_a_30_class_school_from_one_workbook_within_the_bars(world):
    school, tally = await run(world, "sample")
    families = chosen_families(school, "sample")
    assert len(school.families) == 850
    assert sum(len(f.parents) for f in school.families) == 1100

    # The administrator: the file, the command, the button — nothing else.
    assert len(tally.admin_actions) <= ADMIN_ACTIONS_BAR
    assert tally.admin_actions[:2] == ["[файл]", "чаты всем классам"]
    assert tally.admin_actions[2].startswith('[кнопка] {"chats_all": "go"')
    assert len(tally.admin_actions) == 3
    report = tally.shots["2-import-report"].text
    assert "Назначено классных руководителей: 30.\n• 1А — " in report
    assert "Сотрудники (учитель, сотрудник): 30 строк" in report
    summary = tally.shots["4-chats-summary"].text
    assert "Создано: 60 чатов" in summary

    # Every curator: at most three commands; her presses are only on join requests.
    assert set(tally.curator_commands) == {m.vk_id for m in school.curators.values()}
    for cls, curator in school.curators.items():
        commands = tally.curator_commands[curator.vk_id]
        assert len(commands) <= CURATOR_COMMANDS_BAR, (cls, commands)
        assert commands == [
            "Начать",
            f"ссылка для класса {cls} родители",
            f"ссылка для класса {cls} ученики",
        ]
    assert all("jr" in p for presses in tally.curator_presses.values() for p in presses)

    # One tap for a family whose file lacks a page, none for the others.
    taps = taps_per_family(school, tally)
    assert max(taps.values()) <= FAMILY_TAPS_BAR
    assert set(taps) == {f.number for f in families if f.has_unlisted}
    assert len(taps) >= 30  # at least one approval in every class

    # Everyone who went through is in their class's chat, and only there.
    for f in families:
        pupils, parents = f"{f.class_name} · ученики", f"{f.class_name} · родители"
        assert f.pupil.vk_id in tally.members[pupils]
        assert all(p.vk_id in tally.members[parents] for p in f.parents)
        assert f.pupil.vk_id not in tally.members[parents]
    for cls, curator in school.curators.items():
        assert curator.vk_id in tally.members[f"{cls} · ученики"]
        assert curator.vk_id in tally.members[f"{cls} · родители"]
    went = {m.vk_id for f in families for m in (f.pupil, *f.parents)}
    staff = {m.vk_id for m in school.curators.values()}
    for title, members in tally.members.items():
        cls = title.split(" · ")[0]
        mine = {m.vk_id for f in families if str(f.class_name) == cls
                for m in (f.pupil, *f.parents)}  # fmt: skip
        assert (members & went) <= mine, title
        assert members - staff - went <= {-world.config.vk.group_id}, title
    assert not await world.control.actions(since=0, method="messages.removeChatUser")
