"""Short VK names of a roster are looked up many at a request, and unknown ones say so."""

from __future__ import annotations

import pytest

from bot.vk.gateway import VkGateway

pytestmark = pytest.mark.reliability


async def test_many_short_names_are_one_request_and_unknown_ones_are_none(api, control):
    gateway = VkGateway(api, group_id=1)
    known = {}
    for n in range(30):
        known[f"pupil_{n}"] = await control.create_user("Ученик", str(n), screen_name=f"pupil_{n}")
    plain = await control.create_user("Без", "Имени")
    names = [*known, "no_such_page", f"id{plain}"]
    found = await gateway.resolve_screen_names(names)
    assert found == {**known, "no_such_page": None, f"id{plain}": plain}
    calls = [a["method"] for a in await control.actions()]
    # One users.get for all; only the name it did not find is asked about alone.
    assert calls == ["users.get", "utils.resolveScreenName"]


async def test_a_list_of_nothing_but_unknown_names(api, control):
    gateway = VkGateway(api, group_id=1)
    assert await gateway.resolve_screen_names(["nobody_1", "nobody_2"]) == {
        "nobody_1": None,
        "nobody_2": None,
    }
