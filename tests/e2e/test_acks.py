"""Announcements answered by button, end to end: the curator posts, parents press, the bot
reminds the ones who did not, the curator sees who is missing and gets the answers as a table."""

from __future__ import annotations

import base64
import csv
import io
import json
from dataclasses import dataclass

import pytest

from bot.demo.world import Person, World
from bot.domain.chats import ChatKind
from tests.e2e.moderation_setup import register
from tests.e2e.school_setup import School, roster_doc, set_up_school

pytestmark = pytest.mark.e2e

# The demo roster, plus a father for the Ivanovs and one more family whose father writes to the
# bot. 5А then has four families: the Ivanovs (two pupils, two parents with VK), the Smirnovs
# (a father with no VK), the Kuznetsovs (a mother with VK who never wrote to the community) and
# the Sokolovs (a father who did).
EXTRA = (
    "5А;ученик;Соколова;Вера;;;\n"
    "5А;родитель;Иванов;Сергей;;vk.com/id2002;Иванов Пётр Сергеевич\n"
    ";родитель;Соколов;Игорь;;vk.com/id2004;Соколова Вера\n"
)


@dataclass
class Class5A:
    school: School
    chat: int
    mother: Person  # Иванова Елена, of Пётр and Мария
    father: Person  # Иванов Сергей, of Пётр
    kuznetsova: Person  # never wrote to the community: no DMs
    sokolov: Person  # wrote to the community: DMs allowed


@dataclass
class Shown:
    cmid: int
    payloads: dict[str, dict]  # label → payload


async def set_up(world: World) -> Class5A:
    school = await set_up_school(world)
    father = await world.person("Сергей", "Иванов", user_id=2002)
    kuznetsova = await world.person("Наталья", "Кузнецова", user_id=2003)
    sokolov = await world.person("Игорь", "Соколов", user_id=2004)
    roster = roster_doc().get("content_b64")
    data = base64.b64decode(roster).decode("utf-8") + EXTRA
    answer = await world.dm(school.admin, "", attachments=[roster_doc(data.encode())])
    assert answer[0].startswith("Списки загружены"), answer
    members = [school.curator, school.parent, father, kuznetsova, sokolov, school.stranger]
    chat = await world.control.create_chat(
        "5А · родители", member_ids=[m.id for m in members], owner_id=school.curator.id
    )
    await register(world, chat, ChatKind.PARENTS, "5А · родители")
    await world.dm(sokolov, "кто я")  # now the bot may write to him
    return Class5A(school, chat, school.parent, father, kuznetsova, sokolov)


async def shown(world: World, peer_id: int, text: str) -> Shown:
    """The bot's last message with buttons in `peer_id` that carries `text`."""
    found = [
        m
        for m in await world.control.messages(peer_id)
        if m["from_id"] < 0 and text in (m["text"] or "") and m.get("keyboard")
    ]
    assert found, f"no message with buttons and «{text}» in {peer_id}"
    buttons = [b["action"] for row in found[-1]["keyboard"]["buttons"] for b in row]
    payloads = {
        b["label"]: json.loads(b["payload"]) if isinstance(b["payload"], str) else b["payload"]
        for b in buttons
    }
    return Shown(found[-1]["conversation_message_id"], payloads)


async def press(world: World, who: Person, peer_id: int, message: Shown, label: str) -> str:
    since = await world.mark()
    await world.control.press_button(who.id, peer_id, message.cmid, message.payloads[label])
    answer = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
    return json.loads(answer["params"]["event_data"])["text"]


async def answer_to(world: World, who: Person, since: int, starts: str | tuple[str, ...]) -> str:
    """The bot's message to `who` after `since` that starts with `starts`: the scheduled audits
    that run while the clock moves on may write to the curator too."""
    return await world.reply_starting(who.id, since, starts)


async def results(world: World, who: Person, command: str = "итоги 1") -> str:
    since = await world.mark()
    await world.control.write_dm(who.id, command)
    return await answer_to(world, who, since, ("Объявление №", "Согласие №", "Опрос №"))


def from_bot(messages: list[dict], text: str) -> list[dict]:
    return [m for m in messages if m["from_id"] < 0 and text in (m["text"] or "")]


ANNOUNCE = "объявление с подтверждением 5А: В пятницу уроки сокращены до 12:00."


async def test_an_acknowledged_announcement_is_counted_reminded_and_reported(world):
    c = await set_up(world)
    curator = c.school.curator
    answer = (await world.dm(curator, ANNOUNCE))[0]
    assert answer.startswith("Объявление №1 отправлено в «5А · родители».")
    assert "итоги 1" in answer and "итоги 1 файл" in answer
    post = await shown(world, c.chat, "В пятницу уроки сокращены")
    assert list(post.payloads) == ["Ознакомлен(а)"]
    assert (
        "достаточно одного ответа от семьи"
        in from_bot(await world.control.messages(c.chat), "В пятницу")[0]["text"]
    )

    # One family answers; either parent's press is the family's, a second press is polite.
    assert await press(world, c.mother, c.chat, post, "Ознакомлен(а)") == "Спасибо, отмечено!"
    again = await press(world, c.mother, c.chat, post, "Ознакомлен(а)")
    assert again == "Вы уже отметились, спасибо!"
    other = await press(world, c.father, c.chat, post, "Ознакомлен(а)")
    assert other == "Ваша семья уже отметилась, спасибо!"
    for who in (c.school.stranger, curator):
        refusal = await press(world, who, c.chat, post, "Ознакомлен(а)")
        assert refusal == "Извините, эта кнопка — для родителей 5А по списку класса."

    report = await results(world, curator)
    assert "Ознакомились 1 из 4 семей (25%)." in report
    assert "Ещё не ответили (3):" in report
    assert "• Кузнецова Алиса — Кузнецова Наталья" in report
    assert "• Смирнов Артём Андреевич — Смирнов Андрей Павлович (нет ВКонтакте)" in report
    assert "Иванов Пётр" not in report.split("Ещё не ответили")[1]

    # The set time passes: a DM where the bot may write, one mention in the chat otherwise,
    # and the author's report.
    since = await world.mark()
    await world.advance(hours=24, minutes=1)
    auto = await answer_to(world, curator, since, "Объявление №1")
    assert "Ознакомились 1 из 4 семей (25%)." in auto
    assert "Напоминание: в личные сообщения — 1, упоминанием в чате — 1." in auto
    reminder = await shown(world, c.sokolov.id, "Напоминание от школы")
    assert (
        "В пятницу уроки сокращены"
        in from_bot(await world.control.messages(c.sokolov.id), "Напоминание")[0]["text"]
    )
    mentions = from_bot(await world.control.messages(c.chat), "напоминаем")
    assert len(mentions) == 1
    assert mentions[0]["text"].startswith(f"[id{c.kuznetsova.id}|Кузнецова Наталья]: напоминаем")
    assert "id2001" not in mentions[0]["text"] and "id2004" not in mentions[0]["text"]

    # The reminded father answers right in his dialog.
    assert await press(world, c.sokolov, c.sokolov.id, reminder, "Ознакомлен(а)") == (
        "Спасибо, отмечено!"
    )
    assert "Ознакомились 2 из 4 семей (50%)." in await results(world, curator)

    # Exactly once: a day later nothing is repeated.
    await world.advance(days=1)
    await world.quiet(0, 0.2)
    assert len(from_bot(await world.control.messages(c.chat), "напоминаем")) == 1
    assert len(from_bot(await world.control.messages(c.sokolov.id), "Напоминание от")) == 1
    assert len(from_bot(await world.control.messages(curator.id), "Ознакомились 1 из 4")) == 2


async def test_the_answers_come_as_a_table(world):
    c = await set_up(world)
    curator = c.school.curator
    await world.dm(curator, ANNOUNCE)
    post = await shown(world, c.chat, "В пятницу")
    await press(world, c.father, c.chat, post, "Ознакомлен(а)")
    since = await world.mark()
    await world.control.write_dm(curator.id, "итоги 1 файл")
    await world.control.wait_action("messages.send", since=since, peer_ids=str(curator.id))
    docs = await world.control.sent_documents(curator.id)
    assert docs[-1]["title"] == "otvety-1.csv"
    text = base64.b64decode(docs[-1]["content_b64"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Ученик (семья)", "Ответ", "Кто ответил", "Когда", "Родители"]
    by_family = {row[0]: row for row in rows[1:]}
    assert len(by_family) == 4
    ivanovs = by_family["Иванов Пётр Сергеевич, Иванова Мария Сергеевна"]
    assert ivanovs[1:3] == ["Ознакомлен(а)", "Иванов Сергей"]
    assert ivanovs[4] == "Иванов Сергей, Иванова Елена Викторовна"
    assert by_family["Кузнецова Алиса"][1:3] == ["нет ответа", ""]
    # Another curator's or a parent's «итоги» shows nothing.
    assert (await world.dm(c.mother, "итоги 1"))[0].startswith("Извините, у вас нет прав")
    assert "Ознакомились 1 из 4" in (await world.dm(c.school.director, "итоги 1"))[0]


async def test_a_poll_and_a_consent_take_one_answer_per_family_which_may_change(world):
    c = await set_up(world)
    curator = c.school.curator
    answer = await world.dm(curator, "опрос 5А: Когда удобно собрание?; 12 марта 18:00; 14 марта")
    assert answer[0].startswith("Опрос №1 отправлен в «5А · родители».")
    poll = await shown(world, c.chat, "Когда удобно собрание?")
    assert list(poll.payloads) == ["12 марта 18:00", "14 марта"]
    assert await press(world, c.mother, c.chat, poll, "12 марта 18:00") == "Спасибо, отмечено!"
    changed = await press(world, c.father, c.chat, poll, "14 марта")
    assert changed == "Ответ изменён: «14 марта»."
    await press(world, c.kuznetsova, c.chat, poll, "14 марта")
    report = await results(world, curator)
    assert "Ответили 2 из 4 семей (50%)." in report
    assert "• 12 марта 18:00 — 0" in report and "• 14 марта — 2" in report

    await world.dm(curator, "согласие 5А: Экскурсия в музей 15 марта.")
    consent = await shown(world, c.chat, "Экскурсия в музей")
    assert list(consent.payloads) == ["Согласен", "Не согласен"]
    await press(world, c.kuznetsova, c.chat, consent, "Не согласен")
    assert await press(world, c.kuznetsova, c.chat, consent, "Согласен") == (
        "Ответ изменён: «Согласен»."
    )
    report = (await world.dm(curator, "итоги 2"))[0]
    assert "Ответили 1 из 4 семей (25%)." in report
    assert "• Согласен — 1" in report and "• Не согласен — 0" in report


async def test_wrong_commands_get_an_example_and_send_nothing(world):
    c = await set_up(world)
    curator, parent = c.school.curator, c.school.parent
    before = len(await world.control.messages(c.chat))
    answer = (await world.dm(parent, ANNOUNCE))[0]
    assert answer.startswith("Извините, у вас нет прав") and "Её могут выполнять:" in answer
    answer = (await world.dm(curator, "опрос 5А: Когда собрание?; в понедельник"))[0]
    assert "в опросе нужно от 2 до 6 вариантов через «;»" in answer
    assert "Пример: опрос 5А: Когда удобно собрание?; 12 марта 18:00; 14 марта 18:00" in answer
    answer = (await world.dm(curator, "объявление с подтверждением 5А"))[0]
    assert "Пожалуйста, укажите текст объявления." in answer
    assert "объявление с подтверждением 5А: В пятницу" in answer
    answer = (await world.dm(curator, "согласие 6Б: Экскурсия"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только")
    answer = (await world.dm(curator, "объявление с подтверждением 5А ученики: Субботник"))[0]
    assert answer.startswith("У 5А ещё нет чата учеников")
    assert (await world.dm(curator, "итоги 7"))[0].startswith("Объявления с таким номером нет")
    assert len(await world.control.messages(c.chat)) == before


async def test_the_reminder_survives_a_restart_and_goes_out_once(world):
    c = await set_up(world)
    await world.dm(c.school.curator, ANNOUNCE)
    since = await world.mark()
    await world.restart(hours=30)
    auto = await answer_to(world, c.school.curator, since, "Объявление №1")
    assert "Ознакомились 0 из 4 семей (0%)." in auto
    assert "Напоминание: в личные сообщения — 1, упоминанием в чате — 2." in auto
    await world.restart(hours=30)
    await world.quiet(0, 0.3)
    mentions = from_bot(await world.control.messages(c.chat), "напоминаем")
    assert len(mentions) == 1
    assert (
        f"[id{c.mother.id}|" in mentions[0]["text"] and f"[id{c.father.id}|" in mentions[0]["text"]
    )
    assert len(from_bot(await world.control.messages(c.sokolov.id), "Напоминание от")) == 1


async def test_in_the_chat_a_command_needs_its_colon_and_chat_talk_stays_talk(world):
    c = await set_up(world)
    curator = c.school.curator
    for text in ("Согласие 5А класса на экскурсию собрано", "Итоги 3 четверти — в пятницу"):
        since = await world.mark()
        await world.control.write_chat(curator.id, c.chat, text)
        assert [a for a in await world.quiet(since) if a["method"] == "messages.send"] == []
    since = await world.mark()
    await world.control.write_chat(c.mother.id, c.chat, "опрос 5А: Когда?; Пн; Вт")
    assert [a for a in await world.quiet(since) if a["method"] == "messages.send"] == []

    since = await world.mark()
    await world.control.write_chat(curator.id, c.chat, "Согласие 5А: Поход в театр 20 марта.")
    confirmation = (await world.replies(curator.id, since))[0]
    assert confirmation.startswith("Согласие №1 отправлено в «5А · родители».")
    consent = await shown(world, c.chat, "Поход в театр")
    assert list(consent.payloads) == ["Согласен", "Не согласен"]
