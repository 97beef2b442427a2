"""The school's chats: their kinds, titles, the rights the bot needs in them, and who may join.

Kinds. Class chats (pupils', parents', subject) belong to one class; a subject chat also to one
subject. Staff chats (the teachers' room, the two administration chats) and the channels belong to
the whole school.

Who may join (`decide_joiner`), read from the regulation:
- a claimed, unrevoked invitation to this very chat admits its holder, whatever their roles: the
  curator chose to invite them;
- school staff (administrators, the director, deputies) are admitted everywhere;
- the class's curator and the teachers of the class are admitted into all of the class's chats;
- a pupil of the class is admitted into the pupils' chat and the class's subject chats, but NOT
  into the parents' chat: parents talk there about their children;
- a parent of a pupil of the class is admitted into the parents' chat, but NOT into the pupils' or
  subject chats: those are the children's space;
- the teachers' room and «директор и педагоги»: staff, curators and teachers; «администрация»:
  staff only; the general channel: anyone on the roster; the staff channel: staff, curators and
  teachers;
- anyone else (a stranger, or a known person in the wrong chat) is removed or kept and reported,
  as the chat's policy says.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from bot.domain.classes import ClassName
from bot.domain.invites import Invitation, InviteState
from bot.domain.people import Person, Role, Roles, normalize_subject


class ChatKind(StrEnum):
    PUPILS = "pupils"
    PARENTS = "parents"
    SUBJECT = "subject"
    TEACHERS_ROOM = "teachers_room"
    DIRECTOR_DEPUTIES = "director_deputies"
    DIRECTOR_TEACHERS = "director_teachers"
    CHANNEL_GENERAL = "channel_general"
    CHANNEL_STAFF = "channel_staff"

    @property
    def needs_class(self) -> bool:
        return self in CLASS_KINDS

    @property
    def needs_subject(self) -> bool:
        return self is ChatKind.SUBJECT

    @property
    def is_gated(self) -> bool:
        """People join by personal invitation; strangers are handled by the gate policy."""
        return self in GATED_KINDS


CLASS_KINDS = frozenset({ChatKind.PUPILS, ChatKind.PARENTS, ChatKind.SUBJECT})
GATED_KINDS = CLASS_KINDS
STAFF_KINDS = frozenset(
    {ChatKind.TEACHERS_ROOM, ChatKind.DIRECTOR_DEPUTIES, ChatKind.DIRECTOR_TEACHERS}
)
CHANNEL_KINDS = frozenset({ChatKind.CHANNEL_GENERAL, ChatKind.CHANNEL_STAFF})


@dataclass(frozen=True, slots=True)
class SchoolChat:
    """A chat the bot runs. `id` is ours (storage), `peer_id` is VK's (2000000000 + chat_id)."""

    peer_id: int
    kind: ChatKind
    class_name: ClassName | None = None
    subject: str | None = None
    title: str = ""
    id: int | None = None  # set by storage

    def __post_init__(self) -> None:
        if self.kind.needs_class != (self.class_name is not None):
            need = "required" if self.kind.needs_class else "not used"
            raise ValueError(f"{self.kind}: class_name is {need}")
        if self.kind.needs_subject != (self.subject is not None):
            need = "required" if self.kind.needs_subject else "not used"
            raise ValueError(f"{self.kind}: subject is {need}")
        if self.subject is not None:
            subject = normalize_subject(self.subject)
            if not subject:
                raise ValueError("subject is empty")
            object.__setattr__(self, "subject", subject)


# ---------------------------------------------------------------- the words people use in commands


@dataclass(frozen=True, slots=True)
class ChatKindChoice:
    """What a command's words named: a kind, and for a subject chat the subject if it was named."""

    kind: ChatKind
    subject: str | None = None


_KIND_WORDS: dict[str, ChatKind] = {
    **dict.fromkeys(
        ["ученики", "учеников", "ученический", "ученическая", "учащиеся", "учащихся", "класс",
         "классный"],
        ChatKind.PUPILS,
    ),
    **dict.fromkeys(["родители", "родителей", "родительский", "родительская"], ChatKind.PARENTS),
    **dict.fromkeys(["учительская", "учительский", "учителей"], ChatKind.TEACHERS_ROOM),
    **dict.fromkeys(
        ["администрация", "администрации", "руководство", "директор и заместители",
         "директор и замы", "директор с заместителями", "директор и завучи"],
        ChatKind.DIRECTOR_DEPUTIES,
    ),
    **dict.fromkeys(
        ["педсовет", "педагогический совет", "директор и учителя", "директор и педагоги",
         "директор с учителями", "директор с педагогами"],
        ChatKind.DIRECTOR_TEACHERS,
    ),
    **dict.fromkeys(["канал", "общий канал", "канал школы"], ChatKind.CHANNEL_GENERAL),
    **dict.fromkeys(
        ["канал сотрудников", "сотрудники", "канал для сотрудников"], ChatKind.CHANNEL_STAFF
    ),
}  # fmt: skip
_SUBJECT_WORDS = ("предметный", "предмет")
_PUNCT = re.compile(r"[«»\"'„“”`.,;:!?()]")


def _words(text: str) -> str:
    return (
        re.sub(r"\s+", " ", _PUNCT.sub(" ", text.replace("ё", "е").replace("Ё", "Е")))
        .strip()
        .lower()
    )


def parse_chat_kind(
    text: str, known_subjects: Iterable[str] | None = None
) -> ChatKindChoice | None:
    """«родители» → PARENTS; «предмет» → SUBJECT (subject not named); «предмет математика» or
    «математика» (when it is one of `known_subjects`) → SUBJECT, «математика». None if not
    understood: an unknown word is NOT taken for a subject, so a typo («родитили») is not a new
    subject chat."""
    words = _words(text if isinstance(text, str) else str(text))
    if not words:
        return None
    if words in _KIND_WORDS:
        return ChatKindChoice(_KIND_WORDS[words])
    for lead in _SUBJECT_WORDS:
        if words == lead:
            return ChatKindChoice(ChatKind.SUBJECT)
        if words.startswith(lead + " "):
            rest = normalize_subject(words[len(lead) + 1 :])
            has_letters = any(c.isalpha() for c in rest)
            return ChatKindChoice(ChatKind.SUBJECT, rest) if has_letters else None
    subjects = {normalize_subject(s) for s in known_subjects or ()}
    subject = normalize_subject(words)
    if subject in subjects:
        return ChatKindChoice(ChatKind.SUBJECT, subject)
    return None


# ---------------------------------------------------------------- titles

_PLACEHOLDERS: dict[ChatKind, frozenset[str]] = {
    kind: frozenset(
        {"school"}
        | ({"class"} if kind.needs_class else set())
        | ({"subject"} if kind.needs_subject else set())
    )
    for kind in ChatKind
}
MAX_TITLE_LENGTH = 120  # VK cuts longer chat titles


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@dataclass(frozen=True, slots=True)
class TitleTemplates:
    """Chat titles from the config. Placeholders: {class} and {subject} where the kind has them,
    {school} everywhere. A bad template raises ValueError at construction (so at start)."""

    pupils: str = "{class} · ученики"
    parents: str = "{class} · родители"
    subject: str = "{class} · {subject}"
    teachers_room: str = "Учительская"
    director_deputies: str = "Администрация"
    director_teachers: str = "Директор и педагоги"
    channel_general: str = "Общий канал школы"
    channel_staff: str = "Сотрудники"

    def __post_init__(self) -> None:
        for f in fields(self):
            kind = ChatKind(f.name)
            template = getattr(self, f.name)
            if not isinstance(template, str) or not template.strip():
                raise ValueError(f"title template {f.name!r} is empty")
            try:
                names = _placeholders(template)
            except ValueError as e:
                raise ValueError(f"title template {f.name!r}: {e}: {template!r}") from None
            for name in names:
                if name not in _PLACEHOLDERS[kind]:
                    allowed = ", ".join("{" + p + "}" for p in sorted(_PLACEHOLDERS[kind]))
                    raise ValueError(
                        f"title template {f.name!r}: unknown placeholder {{{name}}} "
                        f"in {template!r}; allowed: {allowed}"
                    )
            for _, _, spec, conversion in string.Formatter().parse(template):
                if spec or conversion:
                    raise ValueError(
                        f"title template {f.name!r}: format specs are not allowed: {template!r}"
                    )

    def template(self, kind: ChatKind) -> str:
        return getattr(self, kind.value)

    def render(
        self,
        kind: ChatKind,
        class_name: ClassName | None = None,
        subject: str | None = None,
        school: str | None = None,
    ) -> str:
        template = self.template(kind)
        names = set(_placeholders(template))
        values = {"class": class_name, "subject": subject, "school": school}
        for name in names:
            if values[name] is None or str(values[name]).strip() == "":
                raise ValueError(f"title of {kind} needs {{{name}}}")
        if kind.needs_class and class_name is None:
            raise ValueError(f"title of {kind} needs a class")
        if kind.needs_subject and not subject:
            raise ValueError(f"title of {kind} needs a subject")
        title = template.format(**{k: str(v).strip() for k, v in values.items() if k in names})
        title = re.sub(r"\s+", " ", title).strip()
        return title[:MAX_TITLE_LENGTH]


# ---------------------------------------------------------------- the bot's rights in a chat


class Right(StrEnum):
    MEMBER = "member"  # the bot is in the chat at all
    ADMIN = "admin"  # the bot is an administrator of the chat
    READ_ALL = "read_all"  # the bot sees every message, not only those addressed to it
    INVITE_LINK = "invite_link"  # may see and reset the chat's invite link
    KICK = "kick"  # may remove members
    PIN = "pin"  # may pin messages
    DELETE = "delete"  # may delete others' messages


@dataclass(frozen=True, slots=True)
class BotRights:
    """What the bot has in a chat, as the VK gateway found it.

    `hidden`: the messenger would not show the chat at all (VK does so to a community that is
    not the chat's administrator): the bot is taken to be a member without admin rights, and
    the chat's title and settings are unknown until the rights come."""

    is_member: bool = False
    is_admin: bool = False
    can_see_all: bool = False
    can_see_invite_link: bool = False
    can_kick: bool = False
    can_pin: bool = False
    can_delete: bool = False
    hidden: bool = False

    @classmethod
    def full(cls) -> BotRights:
        return cls(True, True, True, True, True, True, True)

    @classmethod
    def not_admin_yet(cls) -> BotRights:
        return cls(is_member=True, hidden=True)

    def has(self, right: Right) -> bool:
        return {
            Right.MEMBER: self.is_member,
            Right.ADMIN: self.is_admin,
            Right.READ_ALL: self.can_see_all,
            Right.INVITE_LINK: self.can_see_invite_link,
            Right.KICK: self.can_kick,
            Right.PIN: self.can_pin,
            Right.DELETE: self.can_delete,
        }[right]


# Moderation needs every message and deleting; gatekeeping needs kicking and the invite link;
# the welcome needs pinning.
_MODERATED = (Right.ADMIN, Right.READ_ALL, Right.DELETE, Right.PIN)
NEEDED_RIGHTS: dict[ChatKind, tuple[Right, ...]] = {
    **dict.fromkeys(GATED_KINDS, (*_MODERATED, Right.INVITE_LINK, Right.KICK)),
    **dict.fromkeys(STAFF_KINDS, (*_MODERATED, Right.INVITE_LINK)),
    **dict.fromkeys(CHANNEL_KINDS, (Right.ADMIN, Right.READ_ALL, Right.PIN, Right.INVITE_LINK)),
}
# Rights VK gives every chat administrator unless the chat's owner restricted them.
_ADMIN_IMPLIES = frozenset({Right.INVITE_LINK, Right.KICK, Right.PIN, Right.DELETE})


def missing_rights(kind: ChatKind, rights: BotRights) -> list[Right]:
    """What the bot still needs in a chat of `kind`, in a stable order.

    Not a member: only [MEMBER] — nothing else can be granted before the bot is added. Not an
    administrator: ADMIN (plus READ_ALL if missing), without the rights an administrator gets
    anyway. An administrator: whatever the chat's settings still withhold."""
    if not rights.is_member:
        return [Right.MEMBER]
    needed = NEEDED_RIGHTS[kind]
    if not rights.is_admin:
        return [r for r in needed if r not in _ADMIN_IMPLIES and not rights.has(r)]
    return [r for r in needed if not rights.has(r)]


# ---------------------------------------------------------------- gatekeeping


class GatePolicy(StrEnum):
    REMOVE = "remove"  # default: a stranger is removed with a polite note; the curator is told
    KEEP_AND_REPORT = "keep_and_report"


class JoinVerdict(StrEnum):
    ADMIT = "admit"
    REMOVE = "remove"
    REPORT = "report"  # keep, and tell the curator


class JoinReason(StrEnum):
    INVITATION = "invitation"
    STAFF = "staff"
    CURATOR = "curator"
    TEACHER = "teacher"
    PUPIL = "pupil"
    PARENT = "parent"
    ROSTER = "roster"  # anyone on the roster (the general channel)
    WRONG_CHAT = "wrong_chat"  # known to the school, but this chat is not theirs
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A roster person with their roles. For the class's chats pass everyone tied to the class —
    its pupils (with or without a VK id: parents are matched through them), their parents, its
    curator and teachers — and the school's staff."""

    person: Person
    roles: Roles


@dataclass(frozen=True, slots=True)
class JoinDecision:
    verdict: JoinVerdict
    reason: JoinReason
    person: Person | None = None  # who the joiner is, when the bot knows
    invitation: Invitation | None = None  # the invitation that admitted them
    person_id: int | None = None  # the invitation's person, when `people` did not hold them


def _role_reason(
    chat: SchoolChat, roles: Roles, class_pupil_ids: frozenset[int]
) -> JoinReason | None:
    """Why `roles` may be in `chat`, or None."""
    if roles.is_staff:
        return JoinReason.STAFF
    kind, cls = chat.kind, chat.class_name
    if kind in CLASS_KINDS:
        if cls in roles.curated_classes:
            return JoinReason.CURATOR
        if cls in roles.taught_classes:
            return JoinReason.TEACHER
        if kind is not ChatKind.PARENTS and cls in roles.pupil_classes:
            return JoinReason.PUPIL
        if kind is ChatKind.PARENTS and roles.children & class_pupil_ids:
            return JoinReason.PARENT
        return None
    if kind in (ChatKind.TEACHERS_ROOM, ChatKind.DIRECTOR_TEACHERS, ChatKind.CHANNEL_STAFF):
        if roles.curated_classes:
            return JoinReason.CURATOR
        if roles.has(Role.TEACHER):
            return JoinReason.TEACHER
        return None
    if kind is ChatKind.CHANNEL_GENERAL and roles:
        return JoinReason.ROSTER
    return None  # DIRECTOR_DEPUTIES: staff only


def decide_joiner(
    chat: SchoolChat,
    vk_id: int,
    *,
    invitations: Iterable[Invitation],
    people: Iterable[KnownPerson],
    policy: GatePolicy,
    now: datetime,
) -> JoinDecision:
    """Someone joined `chat`: admit them, remove them, or keep them and report. See the module
    docstring for who is admitted. `invitations` may hold any of the chat's invitations: only
    those claimed by `vk_id` for this chat and not revoked count."""
    known = list(people)
    by_id = {k.person.id: k for k in known}
    if vk_id > 0:
        for inv in invitations:
            if (
                inv.claimed_vk_id == vk_id
                and (chat.id is None or inv.chat_id == chat.id)
                and inv.state(now) is InviteState.CLAIMED
            ):
                holder = by_id.get(inv.person_id)
                return JoinDecision(
                    JoinVerdict.ADMIT,
                    JoinReason.INVITATION,
                    holder.person if holder else None,
                    inv,
                    inv.person_id,
                )
    pupils = frozenset(
        k.person.id
        for k in known
        if chat.class_name is not None and chat.class_name in k.roles.pupil_classes
    )
    matches = [k for k in known if vk_id > 0 and k.person.vk_id == vk_id]
    for k in matches:
        reason = _role_reason(chat, k.roles, pupils)
        if reason is not None:
            return JoinDecision(JoinVerdict.ADMIT, reason, k.person, person_id=k.person.id)
    match = matches[0] if matches else None
    verdict = JoinVerdict.REMOVE if policy is GatePolicy.REMOVE else JoinVerdict.REPORT
    if match is not None:
        return JoinDecision(verdict, JoinReason.WRONG_CHAT, match.person, person_id=match.person.id)
    return JoinDecision(verdict, JoinReason.UNKNOWN)
