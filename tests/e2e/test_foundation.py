"""A person talks to the bot through VK; the tests check what VK received."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


async def test_help_in_the_dialog(world):
    parent = await world.person("Анна", "Петрова")
    answer = await world.dm(parent, "помощь")
    assert "Здравствуйте" in answer[0]
    assert "помощь" in answer[0] and "кто я" in answer[0]


@pytest.mark.parametrize("text", ["/помощь", "!help", "ПОМОЩЬ", "Help", "/start", "начать"])
async def test_help_aliases(world, text):
    parent = await world.person("Анна", "Петрова")
    assert "Здравствуйте" in (await world.dm(parent, text))[0]


async def test_start_button_answers_with_help(world):
    parent = await world.person("Анна", "Петрова")
    answer = await world.dm(parent, "Начать", payload={"command": "start"})
    assert "Здравствуйте" in answer[0]


async def test_help_in_a_chat_after_a_mention_of_the_community(world):
    parent = await world.person("Анна", "Петрова")
    peer = await world.control.create_chat("5А · родители", [parent.id], owner_id=parent.id)
    answer = await world.say(parent, peer, "[club1|@school1] помощь")
    assert "Здравствуйте" in answer[0]
    answer = await world.say(parent, peer, "[club1|Школа], /help")
    assert "Здравствуйте" in answer[0]


async def test_ordinary_chat_talk_gets_no_answer(world):
    parent = await world.person("Анна", "Петрова")
    peer = await world.control.create_chat("5А · родители", [parent.id], owner_id=parent.id)
    since = await world.mark()
    await world.control.write_chat(parent.id, peer, "Помощь нужна с домашкой по математике?")
    await world.control.write_chat(parent.id, peer, "Добрый вечер всем!")
    sends = [a for a in await world.quiet(since, 0.5) if a["method"] == "messages.send"]
    assert sends == []


async def test_each_answer_carries_its_own_random_id(world):
    parent = await world.person("Анна", "Петрова")
    since = await world.mark()
    await world.dm(parent, "помощь")
    await world.dm(parent, "помощь")
    sends = [a for a in await world.control.actions(since) if a["method"] == "messages.send"]
    ids = [int(a["params"]["random_id"]) for a in sends]
    assert len(ids) == 2 and all(ids) and ids[0] != ids[1]


async def test_an_unknown_command_is_explained_with_a_suggestion(world):
    parent = await world.person("Анна", "Петрова")
    answer = await world.dm(parent, "помошь")
    assert "не знаю команды «помошь»" in answer[0]
    assert "Возможно, вы имели в виду: помощь" in answer[0]


async def test_the_bot_keeps_within_the_rate_limit(world):
    parent = await world.person("Анна", "Петрова")
    for _ in range(30):
        await world.control.write_dm(parent.id, "помощь")
    since = 0
    for _ in range(30):
        action = await world.control.wait_action("messages.send", since=since, timeout=10)
        since = action["seq"]
    stats = await world.control.stats()
    assert stats["rate_limited"] == 0
    assert stats["max_calls_in_any_second"] <= 20


async def test_command_words_in_chat_talk_are_not_refused_aloud(world):
    parent = await world.person("Анна", "Петрова")
    peer = await world.control.create_chat("5А · родители", [parent.id], owner_id=parent.id)
    since = await world.mark()
    await world.control.write_chat(parent.id, peer, "рассылка родителям будет завтра")
    await world.control.write_chat(parent.id, peer, "добавить класс 7В")
    sends = [a for a in await world.quiet(since, 0.5) if a["method"] == "messages.send"]
    assert sends == []
    answer = await world.say(parent, peer, "/добавить класс 7В")
    assert answer[0].startswith("Извините, у вас нет прав")
