"""Russian texts for the school's chats: creating and binding them, the pinned welcome, the rights
the bot needs, the gate's notes, and `статус 5А`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain.chats import ChatKind, JoinDecision, JoinReason, JoinVerdict, Right
from bot.domain.classes import ClassName
from bot.texts.invites import mention, plural

CHAT_KIND_NAMES: dict[ChatKind, str] = {
    ChatKind.PUPILS: "чат учеников",
    ChatKind.PARENTS: "чат родителей",
    ChatKind.SUBJECT: "предметный чат",
    ChatKind.TEACHERS_ROOM: "учительская",
    ChatKind.DIRECTOR_DEPUTIES: "чат администрации (директор и заместители)",
    ChatKind.DIRECTOR_TEACHERS: "чат директора и педагогов",
    ChatKind.CHANNEL_GENERAL: "общий канал школы",
    ChatKind.CHANNEL_STAFF: "канал сотрудников",
}
# «привязать 5А родители»: the words a command takes, for help and errors.
CHAT_KIND_WORDS: dict[ChatKind, str] = {
    ChatKind.PUPILS: "ученики",
    ChatKind.PARENTS: "родители",
    ChatKind.SUBJECT: "предмет <название>",
    ChatKind.TEACHERS_ROOM: "учительская",
    ChatKind.DIRECTOR_DEPUTIES: "администрация",
    ChatKind.DIRECTOR_TEACHERS: "педсовет",
    ChatKind.CHANNEL_GENERAL: "канал",
    ChatKind.CHANNEL_STAFF: "канал сотрудников",
}


def describe_chat(
    kind: ChatKind, class_name: ClassName | None = None, subject: str | None = None
) -> str:
    """«чат родителей 5А», «предметный чат 5А (математика)», «учительская»."""
    text = CHAT_KIND_NAMES[kind]
    if class_name is not None:
        text += f" {class_name}"
    if subject:
        text += f" ({subject})"
    return text


UNKNOWN_CHAT_KIND = (
    "Не понимаю, какой это чат. Можно так: "
    + ", ".join(f"«{w}»" for w in CHAT_KIND_WORDS.values())
    + ".\nПримеры: создать чат 5А родители; привязать 5А ученики; создать чат 5А предмет математика."
)
SUBJECT_NEEDED = "Укажите предмет, например: создать чат 5А предмет математика."
CLASS_NEEDED = "Для этого чата нужен класс, например: создать чат 5А родители."


def unknown_subject(subject: str, class_name: ClassName) -> str:
    return (
        f"В {class_name} не ведут предмет «{subject}». Проверьте название или сначала "
        "добавьте учителя этого предмета."
    )


# ---------------------------------------------------------------- creating and binding


def render_chat_created(title: str) -> str:
    return (
        f"Чат «{title}» создан. Я закрепил в нём приветствие с правилами.\n"
        "Пригласить людей: пригласить <класс> <ученики|родители>."
    )


def render_chat_exists(title: str) -> str:
    return f"Такой чат уже есть: «{title}». Второй я создавать не стал."


def render_chat_bound(title: str, kind: ChatKind, class_name: ClassName | None = None,
                      subject: str | None = None) -> str:  # fmt: skip
    return f"Готово: этот чат («{title}») теперь {describe_chat(kind, class_name, subject)}."


def render_already_bound(title: str, kind: ChatKind, class_name: ClassName | None = None,
                         subject: str | None = None) -> str:  # fmt: skip
    return (
        f"Этот чат уже привязан: «{title}» — {describe_chat(kind, class_name, subject)}. "
        "Чтобы привязать его иначе, сначала отвяжите его."
    )


def render_kind_taken(title: str) -> str:
    return f"У класса уже есть такой чат: «{title}». Сначала отвяжите его, потом привяжите этот."


def not_yours(kind: ChatKind) -> str:
    if kind in (ChatKind.PUPILS, ChatKind.PARENTS, ChatKind.SUBJECT):
        return (
            "Извините, этот чат может создать или привязать администратор или куратор класса "
            "(предметный — и учитель этого предмета в классе)."
        )
    return "Извините, школьные служебные чаты и каналы создают и привязывают администраторы."


def no_such_class(class_name: str) -> str:
    return f"Класса {class_name} нет. Сначала добавьте его: добавить класс {class_name}"


def no_chat_yet(kind: ChatKind, class_name: ClassName | None, subject: str | None) -> str:
    what = describe_chat(kind, class_name, subject)
    where = f"{class_name} " if class_name else ""
    return (
        f"У меня нет чата: {what}. Создайте его (создать чат {where}{CHAT_KIND_WORDS[kind]}) "
        f"или привяжите существующий (написать в нём: привязать {where}{CHAT_KIND_WORDS[kind]})."
    )


CREATE_LIMIT = (
    "ВКонтакте больше не даёт сообществу создавать чаты сегодня. Попробуйте завтра — или "
    "привяжите уже существующий чат: напишите в нём «привязать …»."
)
CREATE_UNSURE = (
    "ВКонтакте не ответил, создан ли чат, и я его не нашёл. Повторите команду через минуту: "
    "второй такой же чат я не создам."
)
BIND_ONLY_IN_CHAT = "Эту команду нужно написать в том чате, который вы хотите привязать."


# ---------------------------------------------------------------- the pinned welcome

_WHO: dict[ChatKind, str] = {
    ChatKind.PUPILS: "для учеников {cls}, куратора и учителей класса",
    ChatKind.PARENTS: "для родителей учеников {cls}, куратора и учителей класса",
    ChatKind.SUBJECT: "для учеников {cls} и учителя по предмету «{subject}»",
    ChatKind.TEACHERS_ROOM: "для педагогов и администрации школы",
    ChatKind.DIRECTOR_DEPUTIES: "для директора и его заместителей",
    ChatKind.DIRECTOR_TEACHERS: "для директора и педагогов",
    ChatKind.CHANNEL_GENERAL: "для объявлений школы",
    ChatKind.CHANNEL_STAFF: "для объявлений для сотрудников",
}
_RULES = (
    "• общаемся вежливо: без грубости, мата и оскорблений;",
    "• не публикуем чужие телефоны, адреса и другие личные данные;",
    "• не пересылаем ссылку на чат и личные приглашения посторонним;",
    "• реклама и сторонние ссылки — только с разрешения куратора.",
)


def render_welcome(
    kind: ChatKind,
    *,
    school: str,
    class_name: ClassName | None = None,
    subject: str | None = None,
) -> str:
    """The short welcome the bot pins in a new or newly bound chat."""
    who = _WHO[kind].format(cls=class_name or "", subject=subject or "")
    lines = [school, f"Добро пожаловать! Этот чат — {who}.", "Правила:", *_RULES]
    if kind.is_gated:
        lines.append("В чат входят по личным приглашениям; посторонних я удаляю.")
    lines.append("Сообщения с нарушениями я удаляю. Вопросы — куратору класса или администрации.")
    return "\n".join(lines)


# ---------------------------------------------------------------- the bot's rights

RIGHT_NAMES: dict[Right, str] = {
    Right.MEMBER: "добавьте меня (сообщество) в чат",
    Right.ADMIN: "назначьте меня администратором чата",
    Right.READ_ALL: "дайте мне доступ ко всем сообщениям чата",
    Right.INVITE_LINK: "разрешите администраторам видеть и менять ссылку на чат",
    Right.KICK: "разрешите администраторам исключать участников",
    Right.PIN: "разрешите администраторам закреплять сообщения",
    Right.DELETE: "разрешите администраторам удалять сообщения",
}
RIGHTS_OK = "Все нужные права у меня есть: я слежу за порядком в этом чате."


def rights_pending(command: str, minutes: int) -> str:
    """After binding a chat where the bot is not yet an administrator (issue 15.9)."""
    return (
        "Пока я не администратор, ВКонтакте не показывает мне ни настоящего названия чата, ни "
        "сообщений в нём. Как только права появятся, я сам возьму название чата и закреплю "
        "приветствие с правилами: я замечу это по первому сообщению в чате и проверяю права "
        f"каждые {minutes} {plural(minutes, 'минуту', 'минуты', 'минут')}. Можно и написать здесь "
        f"снова: {command}"
    )


def render_binding_completed(title: str) -> str:
    return (
        f"Спасибо, права администратора у меня есть. Название чата — «{title}»; приветствие с "
        "правилами я закрепил."
    )


def render_missing_rights(missing: Sequence[Right], chat_title: str | None = None) -> str:
    """Says plainly what to grant. Empty `missing` → RIGHTS_OK."""
    if not missing:
        return RIGHTS_OK
    where = f" «{chat_title}»" if chat_title else ""
    if Right.MEMBER in missing:
        return (
            f"Меня нет в чате{where}. Добавьте сообщество школы в чат "
            "(в настройках чата: «Добавить участника» → сообщество), а затем назначьте "
            "меня администратором."
        )
    if Right.ADMIN in missing:
        rest = [r for r in missing if r is not Right.ADMIN]
        head = f"Чтобы я мог следить за порядком, сделайте меня администратором чата{where}"
        if not rest:
            return head + "."
        head += " и ещё:"
    else:
        rest = list(missing)
        head = f"Я администратор чата{where}, но мне не хватает прав:"
    steps = [f"• {RIGHT_NAMES[r]};" for r in rest]
    steps[-1] = steps[-1][:-1] + "."
    return "\n".join([head, *steps])


# ---------------------------------------------------------------- the gate


def render_removed_note(
    decision: JoinDecision,
    *,
    chat_title: str,
    curator_name: str | None = None,
    curator_vk_id: int | None = None,
) -> str:
    """Said in the chat (or the joiner's DM) when the gate removes someone."""
    curator = f" — {mention(curator_name, curator_vk_id)}" if curator_name else ""
    if decision.reason is JoinReason.WRONG_CHAT:
        return (
            f"Здравствуйте! Чат «{chat_title}» — не для вас, поэтому я вас из него удалил. "
            f"Если это ошибка, пожалуйста, напишите куратору класса{curator}."
        )
    return (
        f"Здравствуйте! В чат «{chat_title}» входят только по личному приглашению, поэтому "
        "я вас из него удалил. Если вы ученик или родитель этого класса, пожалуйста, "
        f"попросите личное приглашение у куратора класса{curator}."
    )


def render_gate_report(
    decision: JoinDecision, *, vk_id: int, chat_title: str, known_as: str | None = None
) -> str:
    """To the curator: who came in without an invitation, and what the bot did.

    `known_as`: how the roster knows the person («ученик 5А»), for WRONG_CHAT."""
    who = (
        mention(decision.person.full_name, vk_id)
        if decision.person
        else mention(f"id{vk_id}", vk_id)
    )
    if decision.reason is JoinReason.WRONG_CHAT:
        what = f"{who} ({known_as or 'есть в списках школы'}) вошёл в чат «{chat_title}», который не для него"
    else:
        what = f"В чат «{chat_title}» вошёл человек без приглашения: {who}"
    if decision.verdict is JoinVerdict.REMOVE:
        return f"{what}. Я его удалил и вежливо объяснил почему."
    return (
        f"{what}. По настройкам чата я его оставил. Если он здесь лишний, пожалуйста, "
        "удалите его из чата."
    )


# ---------------------------------------------------------------- `статус 5А`


@dataclass(frozen=True, slots=True)
class ChatStatus:
    """One chat of a class, as `статус 5А` shows it. Plain data the service fills in."""

    title: str
    kind: ChatKind
    missing_rights: Sequence[Right] = ()
    joined: Sequence[str] = ()  # names of roster people who are in the chat
    not_joined: Sequence[str] = ()  # names of those who should be and are not
    open_invitations: Sequence[str] = ()  # names with an issued, unclaimed, unexpired invitation
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class ClassStatus:
    class_name: ClassName
    chats: Sequence[ChatStatus] = ()
    absent_kinds: Sequence[ChatKind] = field(default=())  # class chats not created or bound yet


def _names(names: Sequence[str], limit: int) -> str:
    shown = ", ".join(names[:limit])
    more = len(names) - limit
    return shown + (f" и ещё {more}" if more > 0 else "")


def render_class_status(status: ClassStatus, *, names_limit: int = 40) -> str:
    lines = [f"Статус {status.class_name}:"]
    if not status.chats:
        lines.append("У класса пока нет чатов. Создать: создать чат "
                     f"{status.class_name} ученики; создать чат {status.class_name} родители.")  # fmt: skip
        return "\n".join(lines)
    for chat in status.chats:
        lines.append("")
        lines.append(f"«{chat.title}» — {describe_chat(chat.kind, subject=chat.subject)}")
        if not chat.missing_rights:
            lines.append("• я администратор, права в порядке")
        elif Right.MEMBER in chat.missing_rights:
            lines.append("• ⚠ меня нет в этом чате")
        elif Right.ADMIN in chat.missing_rights:
            lines.append("• ⚠ я не администратор: слежу за порядком только после назначения")
        else:
            lacks = "; ".join(RIGHT_NAMES[r] for r in chat.missing_rights)
            lines.append(f"• ⚠ не хватает прав: {lacks}")
        total = len(chat.joined) + len(chat.not_joined)
        if total == 0:
            lines.append("• в списках класса нет никого для этого чата")
            continue
        lines.append(f"• вступили: {len(chat.joined)} из {total}"
                     + (f" — {_names(chat.joined, names_limit)}" if chat.joined else ""))  # fmt: skip
        if chat.not_joined:
            lines.append(f"• не вступили: {_names(chat.not_joined, names_limit)}")
        n = len(chat.open_invitations)
        if n:
            word = plural(n, "открытое приглашение", "открытых приглашения", "открытых приглашений")
            lines.append(f"• {n} {word}: {_names(chat.open_invitations, names_limit)}")
        else:
            lines.append("• открытых приглашений нет")
    if status.absent_kinds:
        lines.append("")
        lines.append(
            "Ещё не созданы: " + ", ".join(CHAT_KIND_NAMES[k] for k in status.absent_kinds) + "."
        )
    return "\n".join(lines)


def chat_link(link: str) -> str:
    return f"Ссылка для входа (только для своих, людей лучше приглашать лично): {link}"


# ---------------------------------------------------------------- many joiners at once (issue 15.10)

NAMES_IN_SUMMARY = 20  # mentions shown in one note or alert; the rest are counted


def _mentions(people: Sequence[tuple[str, int]], limit: int = NAMES_IN_SUMMARY) -> str:
    shown = ", ".join(mention(name, vk_id) for name, vk_id in people[:limit])
    more = len(people) - limit
    return shown + (f" и ещё {more}" if more > 0 else "")


def _people(n: int) -> str:
    """«удалил 1 человека, 3 человека, 15 человек» (accusative: the bot removes them)."""
    return f"{n} {plural(n, 'человека', 'человека', 'человек')}"


def render_removed_note_many(
    people: Sequence[tuple[str, int]],
    *,
    chat_title: str,
    curator_name: str | None = None,
    curator_vk_id: int | None = None,
) -> str:
    """One note in the chat for everyone the gate removes together."""
    curator = f" — {mention(curator_name, curator_vk_id)}" if curator_name else ""
    return (
        f"Здравствуйте! В чат «{chat_title}» входят только по личному приглашению, поэтому я "
        f"удаляю из него {_people(len(people))}, вошедших без приглашения: {_mentions(people)}. "
        "Если вы ученик или родитель этого класса, пожалуйста, попросите личное приглашение у "
        f"куратора класса{curator}."
    )


@dataclass(frozen=True, slots=True)
class RaidNote:
    joins: int
    seconds: int
    link_reset: bool


def render_join_digest(
    *,
    chat_title: str,
    removed: Sequence[tuple[str, int]] = (),
    wrong_chat: Sequence[tuple[str, int]] = (),
    kept: Sequence[tuple[str, int]] = (),
    raid: RaidNote | None = None,
    rule: str = "",
    admit_example: str | None = None,
) -> str:
    """To the curator (and, in a raid, the administrators): everyone who came in together
    without an invitation, and what the bot did, in one message."""
    lines = []
    if raid is not None:
        lines.append(
            f"В чат «{chat_title}» по ссылке вступило больше {raid.joins} "
            f"{plural(raid.joins, 'человека', 'человек', 'человек')} за {raid.seconds} с — "
            f"похоже на наплыв посторонних{f' ({rule})' if rule else ''}."
        )
        lines.append(
            "Ссылка-приглашение заменена новой: старая больше не действует."
            if raid.link_reset
            else "Заменить ссылку-приглашение не удалось: проверьте права бота в чате."
        )
    gone = len(removed) + len(wrong_chat)
    if gone:
        lines.append(
            f"Я удалил из чата «{chat_title}» {_people(gone)} без приглашения и объяснил почему:"
        )
        if removed:
            lines.append(f"• не из списков школы: {_mentions(removed)}")
        if wrong_chat:
            lines.append(f"• есть в списках школы, но чат не для них: {_mentions(wrong_chat)}")
    if kept:
        lines.append(
            f"В чат «{chat_title}» вошли без приглашения: {_mentions(kept)}. По настройкам чата "
            f"я {'его' if len(kept) == 1 else 'их'} оставил. Если кто-то здесь лишний, "
            "пожалуйста, удалите его из чата."
        )
    if gone and raid is None and admit_example:
        lines.append(f"Если кого-то из них вы ждали, впустите его командой: {admit_example}")
    return "\n".join(lines)
