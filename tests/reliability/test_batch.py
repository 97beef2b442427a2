"""Bulk work through `execute`: chunks of 25, one result per call, failures per call."""

from __future__ import annotations

import json

import pytest

from bot.services.ports import MessengerUnavailable, RecipientUnreachable
from bot.vk.batch import MAX_CALLS, Batcher, Call, chunks, match_results, vkscript
from bot.vk.random_ids import random_id_for
from tests.reliability.conftest import make_api

pytestmark = pytest.mark.reliability


def send(peer: int, text: str, key: str) -> Call:
    return Call(
        "messages.send", {"peer_id": peer, "message": text, "random_id": random_id_for(key)}
    )


async def test_a_bulk_send_goes_in_chunks_and_reports_each_failure(api, control):
    people = [await control.create_user("Родитель", str(n)) for n in range(30)]
    for person in people[:27]:
        await control.allow_messages(person)  # the last three never wrote to the community
    calls = [
        send(person, f"Собрание в четверг, {n}", f"notice:{n}") for n, person in enumerate(people)
    ]
    results = await Batcher(api).run(calls)
    assert [r.call for r in results] == calls
    assert all(r.ok for r in results[:27])
    assert all(isinstance(r.error, RecipientUnreachable) for r in results[27:])
    assert [a["method"] for a in await control.actions() if a["method"] == "execute"] == [
        "execute",
        "execute",
    ]
    for person in people[:27]:
        assert len(await control.messages(person)) == 1


async def test_a_lost_execute_answer_is_retried_without_repeats(api, control):
    people = [await control.create_user("Родитель", str(n)) for n in range(3)]
    for person in people:
        await control.allow_messages(person)
    await control.inject_drop("execute", executed=True)
    results = await Batcher(api).run([send(p, "Привет", f"hi:{p}") for p in people])
    assert all(r.ok for r in results)
    for person in people:
        assert [m["text"] for m in await control.messages(person)] == ["Привет"]


async def test_text_with_quotes_newlines_and_emoji_arrives_as_written(api, control):
    person = await control.create_user("Анна", "Петрова")
    await control.allow_messages(person)
    text = 'Он сказал: "завтра" \\ в 8:00\nи ушёл 👨‍👩‍👧 // не комментарий'
    (result,) = await Batcher(api).run([send(person, text, "odd")])
    assert result.ok
    assert (await control.messages(person))[0]["text"] == text


async def test_a_whole_execute_refused_fails_every_call_of_its_chunk(sandbox, control):
    api = make_api(sandbox)
    api.token_generator.token = "revoked-token"  # VK answers 5 to the execute itself
    try:
        results = await Batcher(api).run([Call("users.get", {"user_ids": "1"})] * 3)
    finally:
        await api.close()
    assert all(isinstance(r.error, MessengerUnavailable) for r in results)
    assert len(await control.actions(method="execute")) == 1  # and it is not retried


def test_vkscript_is_one_return_of_json_literals():
    code = vkscript([Call("users.get", {"user_ids": "1,2"}), Call("groups.getById")])
    assert code == 'return [API.users.get({"user_ids": "1,2"}),API.groups.getById({})];'
    with pytest.raises(ValueError):
        vkscript([Call("users.get")] * (MAX_CALLS + 1))
    assert [len(c) for c in chunks([Call("users.get")] * 51)] == [25, 25, 1]


def test_errors_go_to_the_calls_that_failed():
    calls = [Call("messages.send"), Call("users.get"), Call("messages.send")]
    errors = [{"method": "messages.send", "error_code": 917, "error_msg": "no access"}]
    results = match_results(calls, [1, json.loads("[]"), False], errors)
    assert [r.ok for r in results] == [True, True, False]
    assert results[2].error.code == 917
