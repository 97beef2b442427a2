"""Class chats and personal invitations, end to end: the way a curator and parents use them."""

from __future__ import annotations

import base64
import re
import sqlite3

import pypdfium2
import pytest

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.texts.school import SENT_TO_DM
from tests.e2e.invite_helpers import LINE, Issued, claim, issue, join_link_from
from tests.e2e.invite_helpers import curator_ready as _curator_ready
from tests.e2e.school_setup import roster_doc, set_up_school

pytestmark = pytest.mark.e2e


async def curator_ready(world, school):
    await _curator_ready(world, school.curator)


async def issued_invitations(world, school, command: str) -> list[Issued]:
    _listing, issued = await issue(world, school.curator, command)
    return issued


async def test_the_whole_path_from_chat_to_gate(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    created = (await world.dm(school.curator, "создать чат 5А родители"))[0]
    assert created.startswith("Чат «5А · родители» создан")
    again = (await world.dm(school.curator, "создать чат 5а родители"))[0]
    assert again.startswith("Такой чат уже есть: «5А · родители»")
    chats = [a for a in await world.control.actions(0) if a["method"] == "messages.createChat"]
    assert len(chats) == 1
    peer = 2_000_000_000 + 1
    info = await world.control.chat(peer)
    assert info["title"] == "5А · родители" and info["pinned_cmid"] is not None

    invitations = await issued_invitations(world, school, "пригласить 5А родители")
    assert len(invitations) == 3  # the three parents of 5А in the roster
    mother = next(i for i in invitations if "Иванова Елена" in i.who)
    assert "Иванов Пётр Сергеевич" in mother.who  # her children are named
    link, code = mother.link, mother.display

    # The mother opens her link: the dialog starts and the bot answers with a join button.
    answer = await claim(world, school.parent, link)
    assert answer["params"]["message"].startswith("Код принят")
    join_link = join_link_from(answer)
    assert await world.control.join_by_link(school.parent.id, join_link) == peer
    await world.quiet(0, 0.3)
    assert school.parent.id in (await world.control.chat(peer))["members"]

    # Her code is spent: a stranger who got it forwarded is refused, and the curator named.
    stranger = school.stranger
    answer = (await world.dm(stranger, f"мой код {code.lower()}"))[0]
    assert answer.startswith("Этим приглашением уже воспользовался другой человек")
    assert "Николаевна" in answer

    # The stranger gets hold of the chat's link itself and walks in: the gate removes him.
    since = await world.mark()
    await world.control.join_by_link(stranger.id, join_link)
    await world.control.wait_action("messages.removeChatUser", since=since, timeout=5)
    assert stranger.id not in (await world.control.chat(peer))["members"]
    report = await world.replies(school.curator.id, since)
    assert "без приглашения" in report[0] and "удалил" in report[0]

    # The curator resets the leaked link: the old one stops working.
    answer = (await world.dm(school.curator, "сбросить ссылку 5А родители"))[0]
    assert "«5А · родители» заменена: старая больше не работает" in answer
    with pytest.raises(Exception, match="link"):
        await world.control.join_by_link(stranger.id, join_link)

    status = (await world.dm(school.curator, "статус 5А"))[0]
    assert "вступили: 1 из 3" in status and "Иванова Елена" in status


async def test_revoked_and_unknown_codes_are_explained(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    invitations = await issued_invitations(world, school, "пригласить 5А Иванова Елена")
    assert len(invitations) == 1
    code = invitations[0].display
    listing = (await world.dm(school.curator, "приглашения 5А"))[0]
    number = int(re.search(r"№(\d+) Иванова Елена", listing).group(1))
    answer = (await world.dm(school.curator, f"отозвать приглашение {number}"))[0]
    assert "отменено" in answer.lower() or "отозван" in answer.lower()
    answer = (await world.dm(school.parent, code))[0]
    assert answer.startswith("Это приглашение отменено")
    answer = (await world.dm(school.parent, "AAAA-BBBB-CC2"))[0]
    assert answer.startswith("Такого кода я не нашёл")
    listing = (await world.dm(school.curator, "приглашения 5А"))[0]
    assert "отменено" in listing


async def test_guessing_codes_is_slowed_down_and_reported(world):
    school = await set_up_school(world)
    await world.dm(school.admin, "кто я")
    for attempt in range(5):
        answer = (await world.dm(school.stranger, f"ABCD-EFGH-JK{attempt + 2}"))[0]
    assert answer.startswith("Слишком много неверных кодов")
    since = await world.mark()
    answer = (await world.dm(school.stranger, "ABCD-EFGH-JK9"))[0]
    assert answer.startswith("Слишком много неверных кодов")
    sends = [a for a in await world.control.actions(0) if a["method"] == "messages.send"]
    assert any(
        a["params"]["peer_ids"] == str(school.admin.id) and "неверный код" in a["params"]["message"]
        for a in sends
    )
    assert since  # the bot kept answering; nothing crashed


async def test_binding_an_existing_chat_says_what_rights_are_missing(world):
    school = await set_up_school(world)
    peer = await world.control.create_chat(
        "Родители 5А (старый)", [school.curator.id], owner_id=school.curator.id, bot_admin=False
    )
    answer = (await world.say(school.curator, peer, "[club1|@school1] привязать 5А родители"))[0]
    assert "теперь чат родителей 5А" in answer
    assert "сделайте меня администратором чата" in answer
    await world.control.set_bot_admin(peer, True)
    since = await world.mark()
    await world.control.write_chat(school.curator.id, peer, "/привязать 5А родители")
    answer = await world.reply_starting(peer, since, "Спасибо")  # the welcome comes too
    assert answer.startswith("Спасибо, права администратора у меня есть")
    assert "«Родители 5А (старый)»" in answer
    answer = (await world.say(school.curator, peer, "/привязать 5А родители"))[0]
    assert "уже привязан" in answer and "Все нужные права у меня есть" in answer


async def test_a_curator_cannot_touch_another_class_and_a_parent_cannot_invite(world):
    school = await set_up_school(world)
    answer = (await world.dm(school.curator, "создать чат 6Б родители"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только")
    answer = (await world.dm(school.parent, "пригласить 5А родители"))[0]
    assert answer.startswith("Извините, у вас нет прав")


async def test_the_printable_sheet_reaches_the_curator_as_a_pdf(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "листовки 5А")
    saved = await world.control.wait_action("docs.save", since=since, timeout=10)
    await world.control.wait_action("messages.send", since=saved["seq"], timeout=10)
    docs = await world.control.sent_documents(school.curator.id)
    assert len(docs) == 1 and docs[0]["ext"] == "pdf"
    pdf = base64.b64decode(docs[0]["content_b64"])
    assert pdf.startswith(b"%PDF")
    db = sqlite3.connect(world.config.storage.path)
    open_count = db.execute(
        "SELECT COUNT(*) FROM invitations WHERE claimed_at IS NULL AND revoked_at IS NULL"
    ).fetchone()[0]
    db.close()
    assert open_count == 3


def pdf_text(document: dict) -> str:
    pdf = pypdfium2.PdfDocument(base64.b64decode(document["content_b64"]))
    return "".join(page.get_textpage().get_text_range() for page in pdf)


def open_invitations(world) -> int:
    db = sqlite3.connect(world.config.storage.path)
    try:
        return db.execute(
            "SELECT COUNT(*) FROM invitations WHERE claimed_at IS NULL AND revoked_at IS NULL"
        ).fetchone()[0]
    finally:
        db.close()


async def test_a_class_list_of_links_and_one_pdf_in_one_dm(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    since = await world.mark()
    listing, issued = await issue(world, school.curator, "пригласить 5А родители")
    assert listing.startswith("Готово: 3 приглашения в чат «5А · родители»")
    assert [i.who.split(" (")[0] for i in issued] == [
        "Иванова Елена Викторовна", "Кузнецова Наталья", "Смирнов Андрей Павлович",
    ]  # fmt: skip
    sends = [a for a in await world.control.actions(since) if a["method"] == "messages.send"]
    assert {a["params"]["peer_ids"] for a in sends} == {str(school.curator.id)}
    assert len(sends) == 2  # the list, and the PDF: not a message per person
    (document,) = await world.control.sent_documents(school.curator.id)
    text = pdf_text(document)
    assert "Иванова Елена" in text and "Кузнецова Наталья" in text and "Смирнов Андрей" in text
    for one in issued:
        assert one.display in text  # the same invitations, not new ones
    assert open_invitations(world) == 3

    # Asked in a chat, the list still goes to the dialog only.
    peer = 2_000_000_001
    await world.control.join_by_link(school.curator.id, await world.app.services.chats.join_link(
        await world.app.services.chats.of_kind(ChatKind.PARENTS, ClassName(5, "А"))
    ))  # fmt: skip
    await world.quiet(0, 0.3)
    since = await world.mark()
    await world.control.write_chat(
        school.curator.id, peer, "[club1|@school1] пригласить 5А родители"
    )
    await world.reply_starting(peer, since, "Ответ содержит личные данные")
    in_chat = [
        a["params"].get("message", "")
        for a in await world.quiet(since, 0.3)
        if a["method"] == "messages.send" and a["params"]["peer_ids"] == str(peer)
    ]
    assert in_chat == [SENT_TO_DM]  # no link ever lands in the chat


async def test_printing_after_handing_out_keeps_the_old_codes_valid(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    _listing, issued = await issue(world, school.curator, "пригласить 5А родители")
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "листовки 5А")
    note = await world.reply_starting(school.curator.id, since, "Листовки для печати")
    assert "3 приглашения (родителям)" in note and "выданные раньше, остаются в силе" in note
    assert open_invitations(world) == 6  # three handed out before, three printed
    # Asked again, those with an open invitation are skipped, with the way to new links.
    listing, again = await issue(world, school.curator, "пригласить 5А Иванова Елена")
    assert again == [] and "Пропущены" in listing
    assert "пригласить 5А родители заново" in listing
    _listing, again = await issue(world, school.curator, "пригласить 5А Иванова Елена заново")
    assert len(again) == 1 and again[0].code != issued[0].code
    assert open_invitations(world) == 7
    mother = next(i for i in issued if "Иванова Елена" in i.who)
    answer = await claim(world, school.parent, mother.link)
    assert answer["params"]["message"].startswith("Код принят")


async def test_sheets_for_pupils(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А ученики")
    since = await world.mark()
    await world.control.write_dm(school.curator.id, "листовки 5А ученики")
    note = await world.reply_starting(school.curator.id, since, "Листовки для печати")
    assert "4 приглашения (ученикам)" in note
    (document,) = await world.control.sent_documents(school.curator.id)
    text = pdf_text(document)
    assert "Иванов Пётр Сергеевич" in text and "Кузнецова Алиса" in text
    assert "Ребёнок:" not in text  # a pupil's card names no child
    # «все» needs the parents' chat too, which 5А does not have yet: said plainly, nothing made.
    answer = (await world.dm(school.curator, "листовки 5А все"))[0]
    assert answer.startswith("У меня нет чата: чат родителей 5А")


async def test_codes_are_stored_only_as_hashes(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    invitations = await issued_invitations(world, school, "пригласить 5А родители")
    codes = {i.code for i in invitations}
    raw = world.config.storage.path.read_bytes()
    for wal in world.config.storage.path.parent.glob("*.sqlite3-wal"):
        raw += wal.read_bytes()
    assert not any(code.encode() in raw for code in codes)


async def test_an_expired_code_says_whom_to_ask(world, clock):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    invitations = await issued_invitations(world, school, "пригласить 5А Иванова Елена")
    code = invitations[0].display
    clock.advance(days=15)  # invitations are valid for 14 days by default
    answer = (await world.dm(school.parent, code))[0]
    assert answer.startswith("Срок действия этого приглашения истёк")
    assert "[id3001|Ольга Николаевна]" in answer
    listing = (await world.dm(school.curator, "приглашения 5А"))[0]
    assert "истекло" in listing


async def test_a_curator_lets_someone_in_by_hand(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    answer = (await world.dm(school.curator, "создать чат 5А родители"))[0]
    join = re.search(r"https://vk\.me/join/\S+", answer).group(0)
    grandmother = await world.person("Бабушка", "Иванова")
    answer = await world.dm(school.curator, f"впустить [id{grandmother.id}|Бабушка] 5А родители")
    assert answer[0].startswith("Готово: Бабушка Иванова может войти")
    since = await world.mark()
    await world.control.join_by_link(grandmother.id, join)
    actions = await world.quiet(since, 0.5)
    assert not any(a["method"] == "messages.removeChatUser" for a in actions)
    assert grandmother.id in (await world.control.chat(2_000_000_001))["members"]


async def test_keep_and_report_policy_keeps_the_stranger(tmp_path, monkeypatch):
    from bot.demo.world import running_world
    from bot.domain.chats import GatePolicy
    from bot.sandbox_mode import embedded_config

    monkeypatch.chdir(tmp_path)
    config = embedded_config(tmp_path / "bot.sqlite3")
    chats = config.chats.model_copy(update={"gate_policy": GatePolicy.KEEP_AND_REPORT})
    async with running_world(tmp_path, config=config.model_copy(update={"chats": chats})) as world:
        school = await set_up_school(world)
        await curator_ready(world, school)
        answer = (await world.dm(school.curator, "создать чат 5А родители"))[0]
        join = re.search(r"https://vk\.me/join/\S+", answer).group(0)
        since = await world.mark()
        await world.control.join_by_link(school.stranger.id, join)
        report = (await world.replies(school.curator.id, since))[0]
        assert "оставил" in report and "Незнакомец Прохожий" in report
        assert school.stranger.id in (await world.control.chat(2_000_000_001))["members"]


async def test_staff_and_subject_chats_and_who_may_make_them(world):
    school = await set_up_school(world)
    await world.dm(school.curator, "кто я")
    answer = (await world.dm(school.admin, "создать чат учительская"))[0]
    assert answer.startswith("Чат «Учительская» создан")
    answer = (await world.dm(school.admin, "создать чат администрация"))[0]
    assert answer.startswith("Чат «Администрация» создан")
    answer = (await world.dm(school.teacher, "создать чат 5А предмет математика"))[0]
    assert answer.startswith("Чат «5А · математика» создан")
    answer = (await world.dm(school.teacher, "создать чат 5А родители"))[0]
    assert answer.startswith("Извините, этот чат может создать")
    answer = (await world.dm(school.curator, "создать чат учительская"))[0]
    assert answer.startswith("Извините, эту команду вы можете выполнять только")
    answer = (await world.dm(school.admin, "создать чат 5А родитили"))[0]
    assert answer.startswith("Не понимаю, какой это чат")
    answer = (await world.dm(school.admin, "создать чат 5А предмет химия"))[0]
    assert "не ведут предмет «химия»" in answer
    titles = [
        a["params"]["title"]
        for a in await world.control.actions(0)
        if a["method"] == "messages.createChat"
    ]
    assert titles == ["Учительская", "Администрация", "5А · математика"]


async def test_revoking_every_open_invitation_of_a_chat(world):
    school = await set_up_school(world)
    await curator_ready(world, school)
    await world.dm(school.curator, "создать чат 5А родители")
    invitations = await issued_invitations(world, school, "пригласить 5А родители")
    answer = (await world.dm(school.curator, "отозвать приглашения 5А родители"))[0]
    assert answer == "Отменено 3 приглашения в чат «5А · родители». Использованные остались в силе."
    code = invitations[0].display
    answer = (await world.dm(school.parent, code))[0]
    assert answer.startswith("Это приглашение отменено")
    answer = (await world.dm(school.curator, "отозвать приглашения 5А родители"))[0]
    assert answer == "В чате «5А · родители» нет действующих неиспользованных приглашений."


async def test_anyone_on_the_roster_may_join_the_general_channel(world):
    school = await set_up_school(world)
    await world.dm(school.admin, "кто я")
    answer = (await world.dm(school.admin, "создать чат канал"))[0]
    join = re.search(r"https://vk\.me/join/\S+", answer).group(0)
    since = await world.mark()
    await world.control.join_by_link(school.parent.id, join)
    await world.control.join_by_link(school.stranger.id, join)
    report = (await world.replies(school.admin.id, since))[0]
    assert "Незнакомец Прохожий" in report and "Иванова" not in report


async def test_a_big_class_gets_its_whole_list_with_no_line_cut(world):
    """64 parents: the list is longer than one VK message, so it comes in a few, each cut between
    lines; every line is a name and its link, every link works for its person, and one PDF."""
    school = await set_up_school(world)
    surnames = ("Алексеев", "Борисов", "Васильев", "Григорьев", "Дмитриев", "Егоров", "Жуков",
                "Зайцев")  # fmt: skip
    boys, mothers, fathers = ("Иван", "Олег", "Павел", "Роман"), ("Анна", "Вера", "Галина",
                              "Дарья"), ("Сергей", "Андрей", "Виктор", "Юрий")  # fmt: skip
    rows = ["класс;роль;фамилия;имя;отчество;vk;ребёнок"]
    for surname in surnames:
        for boy, mother, father in zip(boys, mothers, fathers, strict=True):
            rows.append(f"8Б;ученик;{surname};{boy};;;")
            rows.append(f";родитель;{surname}а;{mother};;;{surname} {boy}")
            rows.append(f";родитель;{surname};{father};;;{surname} {boy}")
    data = "\n".join(rows).encode()
    answer = await world.dm(school.admin, "", attachments=[roster_doc(data, "8b.csv")])
    assert answer[0].startswith("Списки загружены"), answer
    await world.dm(school.admin, "создать чат 8Б родители")
    since = await world.mark()
    await world.control.write_dm(school.admin.id, "пригласить 8Б родители")
    await world.reply_starting(school.admin.id, since, "Листовки для печати")
    texts = [
        a["params"]["message"]
        for a in await world.control.actions(since)
        if a["method"] == "messages.send" and a["params"]["peer_ids"] == str(school.admin.id)
    ]
    listing, pdf_note = texts[:-1], texts[-1]
    assert len(listing) >= 2 and all(len(text) <= 4096 for text in listing)
    assert listing[0].startswith("Готово: 64 приглашения в чат «8Б · родители»")
    assert pdf_note.startswith("Листовки для печати: 64 приглашения (родителям)")
    numbered = [line for text in listing for line in text.split("\n") if line[:1].isdigit()]
    found = [LINE.fullmatch(line) for line in numbered]
    assert all(found) and [int(line.split(".")[0]) for line in numbered] == list(range(1, 65))
    assert len({m.group(3) for m in found}) == 64
    (document,) = await world.control.sent_documents(school.admin.id)
    text = pdf_text(document)
    assert all(f"{c[:4]}-{c[4:8]}-{c[8:]}" in text for c in (m.group(3) for m in found))
    # The last line of the last message works for its person, who binds her page by it.
    last = found[-1]
    assert last.group(1) == "Зайцева Дарья (родитель: Зайцев Роман)"
    mother = await world.person("Дарья", "Зайцева")
    answer = await claim(world, mother, last.group(2))
    assert answer["params"]["message"].startswith("Код принят")
