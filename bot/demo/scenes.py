"""The demo's scenes, one per feature, played in order in one world."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from importlib import resources

from bot.demo.scene_callback import scene_callback_intake
from bot.demo.scene_faq import scene_faq_and_confidential
from bot.demo.scene_invites import scene_class_link, scene_forwarded_code
from bot.demo.scene_roster import scene_roster_files
from bot.demo.transcript import Transcript
from bot.demo.world import World
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.storage.chat_repo import ChatRepo
from bot.texts import demo as texts

Scene = Callable[[World, Transcript], Awaitable[None]]


async def scene_first_contact(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_FIRST_CONTACT)
    parent = await world.person("Анна", "Петрова")
    out.note(texts.NOTE_START_BUTTON)
    answer = await world.dm(parent, "Начать", payload={"command": "start"})
    out.line(parent.name, texts.DM, "Начать")
    out.line(texts.BOT, texts.DM, answer[0])
    peer = await world.control.create_chat(
        "5А · родители", member_ids=[parent.id], owner_id=parent.id, bot_admin=True
    )
    mention = f"[club{world.config.vk.group_id}|@school1] помощь"
    answer = await world.say(parent, peer, mention)
    out.line(parent.name, texts.CHAT.format(title="5А · родители"), mention)
    out.line(texts.BOT, texts.CHAT.format(title="5А · родители"), answer[0])


async def scene_school_setup(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_SCHOOL_SETUP)
    admin = world.people[world.config.school.admins[0]]
    teacher = await world.person("Ольга", "Николаевна", user_id=3001)
    await world.person("Артём", "Смирнов", user_id=1003, screen_name="artem_smirnov")
    parent = await world.person("Елена", "Иванова", user_id=2001)
    roster = resources.files("bot.demo").joinpath("roster.csv").read_bytes()
    doc = {"type": "doc", "title": "roster.csv", "content_b64": base64.b64encode(roster).decode()}
    out.note(texts.NOTE_ROSTER)
    answer = await world.dm(admin, "", attachments=[doc])
    out.line(admin.name, texts.DM, texts.FILE.format(title="roster.csv"))
    out.line(texts.BOT, texts.DM, answer[0])
    for text in (
        f"назначить куратора 5А [id{teacher.id}|Ольга Николаевна]",
        f"добавить учителя [id{teacher.id}|Ольга Николаевна] математика 5А 6Б",
        "классы",
    ):
        answer = await world.dm(admin, text)
        out.line(admin.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, answer[0])
    out.note(texts.NOTE_PARENT_TRIES)
    for text in ("добавить класс 7В", "кто я"):
        answer = await world.dm(parent, text)
        out.line(parent.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, answer[0])


async def scene_invitations(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_INVITATIONS)
    curator = world.people[3001]
    parent = world.people[2001]
    stranger = await world.person("Случайный", "Прохожий")
    for text in ("кто я", "создать чат 5А родители"):
        answer = await world.dm(curator, text)
        out.line(curator.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, answer[0])
    since = await world.mark()
    await world.control.write_dm(curator.id, "пригласить 5А Иванова Елена")
    listing = await world.reply_starting(curator.id, since, "Готово:")
    sheet = await world.reply_starting(curator.id, since, "Листовки для печати")
    out.line(curator.name, texts.DM, "пригласить 5А Иванова Елена")
    out.line(texts.BOT, texts.DM, listing)
    out.line(texts.BOT, texts.DM, sheet + texts.PDF_FILE)
    link = re.search(r"https://vk\.me/\S+", listing).group(0)
    out.note(texts.NOTE_PARENT_OPENS)
    since = await world.mark()
    await world.control.open_ref_link(parent.id, link)
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(parent.id))
    out.line(parent.name, texts.DM, texts.OPENED_LINK)
    out.line(texts.BOT, texts.DM, action["params"]["message"] + texts.BUTTON)
    join = json.loads(action["params"]["keyboard"])["buttons"][0][0]["action"]["link"]
    peer = await world.control.join_by_link(parent.id, join)
    out.note(texts.NOTE_JOINED.format(title=(await world.control.chat(peer))["title"]))
    out.note(texts.NOTE_STRANGER)
    since = await world.mark()
    await world.control.join_by_link(stranger.id, join)
    await world.control.wait_action("messages.removeChatUser", since=since)
    report = await world.replies(curator.id, since)
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), report[0])
    answer = await world.dm(curator, "статус 5А")
    out.line(curator.name, texts.DM, "статус 5А")
    out.line(texts.BOT, texts.DM, answer[0])


async def scene_moderation(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_MODERATION)
    curator, parent = world.people[3001], world.people[2001]
    pupil = await world.person("Пётр", "Иванов", user_id=1001)
    pupils_title = "5А ученики (старый чат)"
    pupils_peer = await world.control.create_chat(
        pupils_title, member_ids=[curator.id, pupil.id], owner_id=curator.id
    )
    out.note(texts.NOTE_PUPILS_CHAT)
    bind = "[club1|@school1] привязать 5А ученики"
    since = await world.mark()
    await world.control.write_chat(curator.id, pupils_peer, bind)
    _welcome, answer = await world.replies(pupils_peer, since, count=2)
    out.line(curator.name, texts.CHAT.format(title=pupils_title), bind)
    out.line(texts.BOT, texts.CHAT.format(title=pupils_title), answer)
    out.note(texts.NOTE_WELCOME_PINNED)
    parents = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    for who, peer, title, text in (
        (pupil, pupils_peer, pupils_title, "ну это п.и.з.д.е.ц какой-то"),
        (
            parent,
            parents.peer_id,
            parents.title,
            "В классе нашли карту 2200 7001 2345 6781, чья она?",
        ),
    ):
        since = await world.mark()
        where = texts.CHAT.format(title=title)
        warning = await world.say(who, peer, text)
        out.line(who.name, where, text)
        out.note(texts.NOTE_DELETED)
        out.line(texts.BOT, where, warning[0])
        alert = await world.replies(curator.id, since)
        out.note(texts.NOTE_ALERT)
        out.line(texts.BOT, f"{texts.DM} ({curator.name})", alert[0])


async def scene_audits(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_AUDITS)
    admin = world.people[world.config.school.admins[0]]
    out.note(texts.NOTE_AUDIT)
    for text, starts in (("аудит участники права", "Аудит"), ("статистика", "Итоги")):
        since = await world.mark()
        await world.control.write_dm(admin.id, text)
        out.line(admin.name, texts.DM, text)
        out.line(texts.BOT, texts.DM, await world.reply_starting(admin.id, since, starts))
    await world.control.wait_action("photos.saveMessagesPhoto", since=since)
    out.note(texts.NOTE_STATS)
    out.line(texts.BOT, texts.DM, texts.PHOTO)


async def _preview_and_publish(world: World, out: Transcript, who, command: str) -> str:
    """`who` writes a post command, sees the preview and presses «Опубликовать»; returns the
    bot's next message to them (the confirmation or the report)."""
    since = await world.mark()
    await world.control.write_dm(who.id, command)
    # Scheduled audits may write to the same person meanwhile: the preview is the one with buttons.
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(who.id))
    while "keyboard" not in action["params"]:
        action = await world.control.wait_action(
            "messages.send", since=action["seq"], peer_ids=str(who.id)
        )
    out.line(who.name, texts.DM, command)
    out.line(texts.BOT, texts.DM, action["params"]["message"] + "\n" + texts.NOTE_PREVIEW_BUTTONS)
    buttons = json.loads(action["params"]["keyboard"])["buttons"][0]
    publish = json.loads(buttons[0]["action"]["payload"])
    cmid = action["response"][0]["conversation_message_id"]
    since = await world.mark()
    await world.control.press_button(who.id, who.id, cmid, publish)
    pressed = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
    out.line(who.name, texts.DM, texts.PRESSED)
    out.note(
        texts.NOTE_BUTTON_ANSWER.format(note=json.loads(pressed["params"]["event_data"])["text"])
    )
    return (await world.replies(who.id, since))[0]


async def scene_posts(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_POSTS)
    admin = world.people[world.config.school.admins[0]]
    await world.quiet(0, 0.5)  # the alerts of the scene before reach the administrator first
    out.note(texts.NOTE_CHANNEL)
    answer = await world.dm(admin, "создать чат канал")
    out.line(admin.name, texts.DM, "создать чат канал")
    out.line(texts.BOT, texts.DM, answer[0])
    command = (
        "опубликовать канал завтра 9:00 Уважаемые родители и ученики!\n"
        "Завтра в 10:00 — общешкольная линейка во дворе школы."
    )
    answer = await _preview_and_publish(world, out, admin, command)
    out.line(texts.BOT, texts.DM, answer)
    listing = await world.dm(admin, "запланировано")
    out.line(admin.name, texts.DM, "запланировано")
    out.line(texts.BOT, texts.DM, listing[0])
    out.note(texts.NOTE_CLOCK)
    channel = await ChatRepo(world.app.db).find(kind=ChatKind.CHANNEL_GENERAL)
    now = world.clock().astimezone(world.config.school.tz)
    tomorrow = now + timedelta(days=1)
    # The night's upkeep (03:30) and the morning audits (07:00, 07:30) run on their own first, as
    # they would on a real night; their reports to the administrator come before the post.
    night = tomorrow.replace(hour=8, minute=55, second=0, microsecond=0)
    await world.advance(seconds=(night - now).total_seconds())
    await world.quiet(0, 1.0)
    nine = tomorrow.replace(hour=9, minute=0, second=30, microsecond=0)
    since = await world.mark()
    await world.advance(seconds=(nine - night).total_seconds())
    report = await world.replies(admin.id, since)
    for message in await world.control.messages(channel.peer_id):
        if message["from_id"] < 0 and "линейка" in (message["text"] or ""):
            out.line(texts.BOT, texts.CHAT.format(title=channel.title), message["text"])
    out.line(texts.BOT, texts.DM, report[0])
    out.note(texts.NOTE_BROADCAST)
    answer = await _preview_and_publish(
        world, out, admin, "рассылка родителям 5А 6Б: Родительское собрание в четверг в 18:00."
    )
    out.line(texts.BOT, texts.DM, answer)


async def scene_acks(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_ACKS)
    curator, mother = world.people[3001], world.people[2001]
    kuznetsova = await world.person("Наталья", "Кузнецова", user_id=2003)
    smirnov = await world.person("Андрей", "Смирнов", user_id=2004)
    out.note(texts.NOTE_ACK_FAMILIES)
    roster = resources.files("bot.demo").joinpath("roster.csv").read_text("utf-8")
    roster = roster.replace("Смирнов;Андрей;Павлович;;", "Смирнов;Андрей;Павлович;vk.com/id2004;")
    doc = {"type": "doc", "title": "roster.csv", "content_b64": base64.b64encode(
        roster.encode()).decode()}  # fmt: skip
    await world.dm(world.people[world.config.school.admins[0]], "", attachments=[doc])
    chat = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    where = texts.CHAT.format(title=chat.title)
    link = await world.app.services.messenger.invite_link(chat.peer_id)
    for parent in (kuznetsova, smirnov):
        await world.control.join_by_link(parent.id, link)
    command = (
        "объявление с подтверждением 5А: В пятницу, 14 марта, уроки сокращены до 12:00 — "
        "в школе учебная эвакуация."
    )
    since = await world.mark()
    await world.control.write_dm(curator.id, command)
    answer = await world.reply_starting(curator.id, since, "Объявление №")
    out.line(curator.name, texts.DM, command)
    out.line(texts.BOT, texts.DM, answer)
    posted = [m for m in await world.control.messages(chat.peer_id) if m.get("keyboard")][-1]
    out.line(texts.BOT, where, posted["text"] + "\n" + texts.NOTE_ACK_BUTTON)
    payload = posted["keyboard"]["buttons"][0][0]["action"]["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload
    for parent in (mother, kuznetsova):
        since = await world.mark()
        await world.control.press_button(
            parent.id, chat.peer_id, posted["conversation_message_id"], payload
        )
        pressed = await world.control.wait_action("messages.sendMessageEventAnswer", since=since)
        out.line(parent.name, where, texts.PRESSED_ACK)
        note = json.loads(pressed["params"]["event_data"])["text"]
        out.note(texts.NOTE_BUTTON_ANSWER.format(note=note))
    out.note(texts.NOTE_ACK_CLOCK)
    since = await world.mark()
    await world.advance(hours=24, minutes=1)
    report = await world.reply_starting(curator.id, since, "Объявление №")
    for message in await world.control.messages(chat.peer_id):
        if message["from_id"] < 0 and "напоминаем" in (message["text"] or ""):
            out.line(texts.BOT, where, message["text"])
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), report)


async def _chat_messages(world: World, peer: int, since: int) -> list[str]:
    """What the bot wrote in the chat after `since`, once it has had a moment."""
    actions = await world.quiet(since, 0.3)
    return [
        a["params"].get("message", "")
        for a in actions
        if a["method"] == "messages.send" and a["params"].get("peer_ids") == str(peer)
    ]


async def scene_quiet_hours(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_QUIET)
    curator, parent = world.people[3001], world.people[2001]
    parents = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    where = texts.CHAT.format(title=parents.title)
    now = world.clock().astimezone(world.config.school.tz)
    evening = now.replace(hour=21, minute=0, second=0, microsecond=0)
    await world.advance(seconds=(evening - now).total_seconds())
    await world.quiet(0, 0.5)
    out.note(texts.NOTE_EVENING)
    for text in ("Добрый вечер! Что задали по математике?", "Ой, нашла в дневнике, спасибо!"):
        since = await world.mark()
        await world.control.write_chat(parent.id, parents.peer_id, text)
        out.line(parent.name, where, text)
        for answer in await _chat_messages(world, parents.peer_id, since):
            out.line(texts.BOT, where, answer)
    out.note(texts.NOTE_QUIET_ONCE)
    out.note(texts.NOTE_QUIET_POST)
    command = "опубликовать 5А родители сегодня в 22:00 В пятницу — парадная форма, линейка в 8:30."
    out.line(texts.BOT, texts.DM, await _preview_and_publish(world, out, curator, command))
    out.note(texts.NOTE_AWAY)
    tomorrow = evening + timedelta(days=1)
    away = f"отсутствую с {tomorrow:%d.%m} по {tomorrow + timedelta(days=2):%d.%m}: Я на курсах."
    answer = await world.dm(curator, away)
    out.line(curator.name, texts.DM, away)
    out.line(texts.BOT, texts.DM, answer[0])
    since = await world.mark()
    eight = tomorrow.replace(hour=8, minute=0, second=30)
    await world.advance(seconds=(eight - evening).total_seconds())
    await world.quiet(0, 0.5)
    await world.advance(seconds=(tomorrow.replace(hour=10) - eight).total_seconds())
    out.note(texts.NOTE_MORNING)
    for posted in await _chat_messages(world, parents.peer_id, since):
        out.line(texts.BOT, where, posted)
    text = f"[id{curator.id}|Ольга Николаевна], а собрание в пятницу будет?"
    answer = await world.say(parent, parents.peer_id, text)
    out.line(parent.name, where, text)
    out.line(texts.BOT, where, answer[0])


async def scene_scam(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_SCAM)
    curator, parent = world.people[3001], world.people[2001]
    messenger = world.app.services.messenger
    parents = await ChatRepo(world.app.db).find(kind=ChatKind.PARENTS, class_name=ClassName(5, "А"))
    where = texts.CHAT.format(title=parents.title)
    if curator.id not in (await world.control.chat(parents.peer_id))["members"]:
        await world.control.join_by_link(curator.id, await messenger.invite_link(parents.peer_id))
        await world.quiet(0, 0.3)
    out.note(texts.NOTE_HIJACKED)
    since = await world.mark()
    warning = await world.say(parent, parents.peer_id, texts.FAKE_COLLECTION)
    out.line(parent.name, where, texts.FAKE_COLLECTION)
    out.note(texts.NOTE_HELD)
    out.line(texts.BOT, where, warning[0])
    alert = await world.reply_starting(curator.id, since, "Подозрение на мошенничество")
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), alert)
    out.note(texts.NOTE_OFFICIAL)
    cmid = await world.control.write_chat(curator.id, parents.peer_id, texts.REAL_NOTICE)
    out.line(curator.name, where, texts.REAL_NOTICE)
    mark = await world.say(curator, parents.peer_id, "официально", reply_to_cmid=cmid)
    out.line(curator.name, where, texts.REPLY_OFFICIAL)
    out.line(texts.BOT, where, mark[0])
    out.note(texts.NOTE_IMPOSTOR)
    impostor = await world.person("Дирeктор", "Школы")
    since = await world.mark()
    await world.control.join_by_link(impostor.id, await messenger.invite_link(parents.peer_id))
    report = await world.reply_starting(curator.id, since, "Возможный самозванец")
    out.line(texts.BOT, texts.DM_TO.format(name=curator.name), report)


async def scene_director(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_DIRECTOR)
    admin = world.people[world.config.school.admins[0]]
    out.note(texts.NOTE_DIRECTOR)
    since = await world.mark()
    await world.control.write_dm(admin.id, "статистика")
    out.line(admin.name, texts.DM, "статистика")
    picture = await world.reply_starting(admin.id, since, "Итоги")
    out.line(texts.BOT, texts.DM, picture.split("\n\n")[0])  # the school's lines, not each class


async def scene_all_chats(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_ALL_CHATS)
    admin, curator = world.people[world.config.school.admins[0]], world.people[3001]
    out.note(texts.NOTE_ALL_CHATS)
    since = await world.mark()
    await world.control.write_dm(admin.id, "чаты всем классам")
    action = await world.control.wait_action("messages.send", since=since, peer_ids=str(admin.id))
    while "keyboard" not in action["params"]:
        action = await world.control.wait_action(
            "messages.send", since=action["seq"], peer_ids=str(admin.id)
        )
    out.line(admin.name, texts.DM, "чаты всем классам")
    out.line(texts.BOT, texts.DM, action["params"]["message"] + "\n" + texts.NOTE_SETUP_BUTTONS)
    go = json.loads(json.loads(action["params"]["keyboard"])["buttons"][0][0]["action"]["payload"])
    since = await world.mark()
    await world.control.press_button(
        admin.id, admin.id, action["response"][0]["conversation_message_id"], go
    )
    out.line(admin.name, texts.DM, texts.PRESSED_SETUP)
    summary = await world.reply_starting(admin.id, since, "Готово: чаты для всех классов")
    out.line(texts.BOT, texts.DM, summary)
    sent = await world.control.actions(since=since, method="messages.send")
    links = [
        a["params"]["message"]
        for a in sent
        if a["params"].get("peer_ids") == str(curator.id)
        and a["params"].get("message", "").startswith("Здравствуйте! Для ваших классов")
    ]
    if links:
        out.note(texts.NOTE_CURATOR_LINKS)
        out.line(texts.BOT, texts.DM_TO.format(name=curator.name), links[0])
    out.note(texts.NOTE_ALL_CHATS_AGAIN)
    again = await world.dm(admin, "чаты всем классам")
    out.line(admin.name, texts.DM, "чаты всем классам")
    out.line(texts.BOT, texts.DM, again[0])


async def scene_dm_menu(world: World, out: Transcript) -> None:
    out.scene(texts.SCENE_DM_MENU)
    parent, curator = world.people[2001], world.people[3001]
    since = await world.mark()
    await world.control.write_dm(parent.id, texts.PARENT_QUESTION)
    menu = await world.reply_starting(parent.id, since, "Здравствуйте! Я помощник")
    out.line(parent.name, texts.DM, texts.PARENT_QUESTION)
    out.line(texts.BOT, texts.DM, menu + "\n" + texts.NOTE_ASK_BUTTON)
    message = (await world.control.messages(parent.id))[-1]
    buttons = (message.get("keyboard") or {}).get("buttons", [])
    if buttons:
        ask = json.loads(buttons[0][0]["action"]["payload"])
        out.note(texts.NOTE_PARENT_PRESSES)
        since = await world.mark()
        await world.control.press_button(
            parent.id, parent.id, message["conversation_message_id"], ask
        )
        out.line(parent.name, texts.DM, texts.PRESSED_ASK)
        question = await world.reply_starting(curator.id, since, ("Вопрос родителя", "Этот вопрос"))
        out.line(texts.BOT, texts.DM_TO.format(name=curator.name), question)
        told = await world.reply_starting(parent.id, since, ("Передал", "Куратор"))
        out.line(texts.BOT, texts.DM, told)
    out.note(texts.NOTE_STRANGER_MENU)
    newcomer = await world.person("Костя", "Новенький")
    answer = await world.dm(newcomer, "Здравствуйте")
    out.line(newcomer.name, texts.DM, "Здравствуйте")
    out.line(texts.BOT, texts.DM, answer[0])


SCENES: list[Scene] = [
    scene_first_contact,
    scene_school_setup,
    scene_invitations,
    scene_moderation,
    scene_audits,
    scene_posts,
    scene_acks,
    scene_faq_and_confidential,
    scene_quiet_hours,
    scene_scam,
    scene_director,
    scene_roster_files,
    scene_all_chats,
    scene_dm_menu,
    scene_forwarded_code,
    scene_class_link,
    scene_callback_intake,
]
