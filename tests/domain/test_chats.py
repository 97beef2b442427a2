from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.chats import (
    CLASS_KINDS,
    BotRights,
    ChatKind,
    ChatKindChoice,
    GatePolicy,
    JoinReason,
    JoinVerdict,
    KnownPerson,
    Right,
    SchoolChat,
    TitleTemplates,
    decide_joiner,
    missing_rights,
    parse_chat_kind,
)
from bot.domain.classes import ClassName
from bot.domain.invites import Invitation
from bot.domain.people import Person, Role, RoleGrant, Roles
from bot.texts import chats as t

K = ChatKind
C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


# ---------------------------------------------------------------- kinds and words


def test_kinds_and_what_they_need():
    assert {k.value for k in ChatKind} == {
        "pupils",
        "parents",
        "subject",
        "teachers_room",
        "director_deputies",
        "director_teachers",
        "channel_general",
        "channel_staff",
    }
    assert {k for k in ChatKind if k.needs_class} == CLASS_KINDS
    assert [k for k in ChatKind if k.needs_subject] == [K.SUBJECT]
    assert {k for k in ChatKind if k.is_gated} == {K.PUPILS, K.PARENTS, K.SUBJECT}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ученики", ChatKindChoice(K.PUPILS)),
        ("Класс", ChatKindChoice(K.PUPILS)),
        ("учащиеся", ChatKindChoice(K.PUPILS)),
        ("родители", ChatKindChoice(K.PARENTS)),
        ("«Родители»", ChatKindChoice(K.PARENTS)),
        ("учительская", ChatKindChoice(K.TEACHERS_ROOM)),
        ("администрация", ChatKindChoice(K.DIRECTOR_DEPUTIES)),
        ("директор  и заместители", ChatKindChoice(K.DIRECTOR_DEPUTIES)),
        ("педсовет", ChatKindChoice(K.DIRECTOR_TEACHERS)),
        ("Директор и учителя", ChatKindChoice(K.DIRECTOR_TEACHERS)),
        ("предмет", ChatKindChoice(K.SUBJECT)),
        ("предмет Русский  язык", ChatKindChoice(K.SUBJECT, "русский язык")),
        ("математика", ChatKindChoice(K.SUBJECT, "математика")),
        ("Алгебра", ChatKindChoice(K.SUBJECT, "алгебра")),
        ("канал", ChatKindChoice(K.CHANNEL_GENERAL)),
        ("канал сотрудников", ChatKindChoice(K.CHANNEL_STAFF)),
    ],
)
def test_parse_chat_kind(text, expected):
    assert parse_chat_kind(text, known_subjects=["математика", "алгебра"]) == expected


@pytest.mark.parametrize("text", ["", "  ", "родитили", "физика", "предмет 123", "5А"])
def test_parse_chat_kind_refuses(text):
    assert parse_chat_kind(text, known_subjects=["математика"]) is None


def test_school_chat_validates():
    assert SchoolChat(1, K.SUBJECT, C5A, "Математика ").subject == "математика"
    assert SchoolChat(2, K.TEACHERS_ROOM).class_name is None
    for bad in [
        dict(kind=K.PUPILS),
        dict(kind=K.TEACHERS_ROOM, class_name=C5A),
        dict(kind=K.SUBJECT, class_name=C5A),
        dict(kind=K.PARENTS, class_name=C5A, subject="математика"),
        dict(kind=K.SUBJECT, class_name=C5A, subject="  "),
    ]:
        with pytest.raises(ValueError):
            SchoolChat(peer_id=2000000001, **bad)


# ---------------------------------------------------------------- titles


def test_default_titles():
    tt = TitleTemplates()
    assert tt.render(K.PUPILS, C5A) == "5А · ученики"
    assert tt.render(K.PARENTS, C5A) == "5А · родители"
    assert tt.render(K.SUBJECT, C5A, "математика") == "5А · математика"
    assert tt.render(K.TEACHERS_ROOM) == "Учительская"
    assert tt.render(K.DIRECTOR_DEPUTIES) == "Администрация"
    assert tt.render(K.DIRECTOR_TEACHERS) == "Директор и педагоги"
    assert tt.render(K.CHANNEL_GENERAL) == "Общий канал школы"
    assert tt.render(K.CHANNEL_STAFF) == "Сотрудники"


def test_custom_templates_with_school():
    tt = TitleTemplates(
        parents="{school}: родители {class}", teachers_room="{school} · учительская"
    )
    assert tt.render(K.PARENTS, C5A, school="Лицей 42") == "Лицей 42: родители 5А"
    assert tt.render(K.TEACHERS_ROOM, school="Лицей 42") == "Лицей 42 · учительская"
    with pytest.raises(ValueError, match="school"):
        tt.render(K.TEACHERS_ROOM)


@pytest.mark.parametrize(
    ("field", "template"),
    [
        ("parents", "{klass} · родители"),
        ("teachers_room", "Учительская {class}"),
        ("pupils", "{class} · {subject}"),
        ("pupils", "{class · ученики"),
        ("pupils", "{class!r}"),
        ("pupils", "{class:>10}"),
        ("pupils", "{class.grade}"),
        ("pupils", "{0}"),
        ("pupils", "  "),
    ],
)
def test_bad_templates_fail_at_construction(field, template):
    with pytest.raises(ValueError, match=field):
        TitleTemplates(**{field: template})


def test_render_needs_its_values():
    tt = TitleTemplates()
    with pytest.raises(ValueError):
        tt.render(K.PARENTS)
    with pytest.raises(ValueError):
        tt.render(K.SUBJECT, C5A)
    with pytest.raises(ValueError):
        TitleTemplates(subject="{class} · предмет").render(K.SUBJECT, C5A)
    assert len(TitleTemplates(pupils="{class} " + "я" * 300).render(K.PUPILS, C5A)) == 120


# ---------------------------------------------------------------- rights


def test_missing_rights():
    assert missing_rights(K.PARENTS, BotRights()) == [Right.MEMBER]
    assert missing_rights(K.PARENTS, BotRights(is_member=True)) == [Right.ADMIN, Right.READ_ALL]
    assert missing_rights(K.PARENTS, BotRights(is_member=True, can_see_all=True)) == [Right.ADMIN]
    assert missing_rights(K.PARENTS, BotRights.full()) == []
    restricted = BotRights(
        True, True, True, can_see_invite_link=False, can_kick=True, can_pin=False, can_delete=True
    )
    assert missing_rights(K.PARENTS, restricted) == [Right.PIN, Right.INVITE_LINK]
    assert (
        missing_rights(K.TEACHERS_ROOM, BotRights(True, True, True, True, False, True, True)) == []
    )
    assert missing_rights(K.PUPILS, BotRights(True, True, True, True, False, True, True)) == [
        Right.KICK
    ]


def test_missing_rights_text():
    text = t.render_missing_rights([Right.ADMIN, Right.READ_ALL], "5А · родители")
    assert text.splitlines() == [
        "Чтобы я мог следить за порядком, сделайте меня администратором чата «5А · родители» и ещё:",
        "• дайте мне доступ ко всем сообщениям чата.",
    ]
    assert t.render_missing_rights([Right.ADMIN]) == (
        "Чтобы я мог следить за порядком, сделайте меня администратором чата."
    )
    assert "Добавьте сообщество" in t.render_missing_rights([Right.MEMBER])
    restricted = t.render_missing_rights([Right.PIN, Right.KICK])
    assert "не хватает прав" in restricted and restricted.endswith("исключать участников.")
    assert t.render_missing_rights([]) == t.RIGHTS_OK
    assert set(t.RIGHT_NAMES) == set(Right)


# ---------------------------------------------------------------- the gate


def person(pid: int, *grants: RoleGrant, vk: int | None = None) -> KnownPerson:
    return KnownPerson(
        Person(pid, vk if vk is not None else 100 + pid, f"Человек {pid}"), Roles.of(*grants)
    )


PEOPLE = {
    "pupil": person(1, RoleGrant(Role.PUPIL, C5A)),
    "parent": person(2, RoleGrant(Role.PARENT, pupil_id=1)),
    "curator": person(3, RoleGrant(Role.CURATOR, C5A)),
    "teacher": person(4, RoleGrant(Role.TEACHER, C5A, "математика")),
    "admin": person(5, RoleGrant(Role.ADMIN)),
    "director": person(6, RoleGrant(Role.DIRECTOR)),
    "deputy": person(7, RoleGrant(Role.DEPUTY)),
    "other_pupil": person(8, RoleGrant(Role.PUPIL, C6B)),
    "other_parent": person(9, RoleGrant(Role.PARENT, pupil_id=8)),
    "other_teacher": person(10, RoleGrant(Role.TEACHER, C6B, "физика")),
    "other_curator": person(11, RoleGrant(Role.CURATOR, C6B)),
}
R = JoinReason
STAFF = {"admin": R.STAFF, "director": R.STAFF, "deputy": R.STAFF}
WRONG = R.WRONG_CHAT
# Who is admitted where, and why; everyone not listed is WRONG_CHAT; a stranger is UNKNOWN.
ADMITTED: dict[ChatKind, dict[str, JoinReason]] = {
    K.PUPILS: {**STAFF, "pupil": R.PUPIL, "curator": R.CURATOR, "teacher": R.TEACHER},
    K.PARENTS: {**STAFF, "parent": R.PARENT, "curator": R.CURATOR, "teacher": R.TEACHER},
    K.SUBJECT: {**STAFF, "pupil": R.PUPIL, "curator": R.CURATOR, "teacher": R.TEACHER},
    K.TEACHERS_ROOM: {
        **STAFF,
        "curator": R.CURATOR,
        "teacher": R.TEACHER,
        "other_teacher": R.TEACHER,
        "other_curator": R.CURATOR,
    },
    K.DIRECTOR_DEPUTIES: STAFF,
    K.DIRECTOR_TEACHERS: {
        **STAFF,
        "curator": R.CURATOR,
        "teacher": R.TEACHER,
        "other_teacher": R.TEACHER,
        "other_curator": R.CURATOR,
    },
    K.CHANNEL_GENERAL: {**dict.fromkeys(PEOPLE, R.ROSTER), **STAFF},
    K.CHANNEL_STAFF: {
        **STAFF,
        "curator": R.CURATOR,
        "teacher": R.TEACHER,
        "other_teacher": R.TEACHER,
        "other_curator": R.CURATOR,
    },
}


def chat_of(kind: ChatKind) -> SchoolChat:
    return SchoolChat(
        2000000001,
        kind,
        C5A if kind.needs_class else None,
        "математика" if kind.needs_subject else None,
        id=1,
    )


@pytest.mark.parametrize("policy", list(GatePolicy))
@pytest.mark.parametrize("who", [*PEOPLE, "stranger"])
@pytest.mark.parametrize("kind", list(ChatKind))
def test_decide_joiner_table(kind, who, policy):
    vk_id = PEOPLE[who].person.vk_id if who in PEOPLE else 999
    decision = decide_joiner(
        chat_of(kind), vk_id, invitations=[], people=PEOPLE.values(), policy=policy, now=NOW
    )
    expected = ADMITTED[kind].get(who, WRONG if who in PEOPLE else R.UNKNOWN)
    assert decision.reason is expected
    if expected in (WRONG, R.UNKNOWN):
        want = JoinVerdict.REMOVE if policy is GatePolicy.REMOVE else JoinVerdict.REPORT
        assert decision.verdict is want
    else:
        assert decision.verdict is JoinVerdict.ADMIT
    if who in PEOPLE:
        assert decision.person == PEOPLE[who].person
    else:
        assert decision.person is None


def invitation(**kw) -> Invitation:
    base = dict(
        code_hash="x" * 64,
        chat_id=1,
        role=Role.PARENT,
        person_id=2,
        issued_by=3,
        issued_at=NOW - timedelta(days=1),
        expires_at=NOW + timedelta(days=13),
        claimed_at=NOW - timedelta(hours=1),
        claimed_vk_id=555,
    )
    return Invitation(**(base | kw))


def decide(kind=K.PARENTS, vk_id=555, invitations=(), people=None):
    return decide_joiner(
        chat_of(kind),
        vk_id,
        invitations=invitations,
        people=PEOPLE.values() if people is None else people,
        policy=GatePolicy.REMOVE,
        now=NOW,
    )


def test_a_claimed_invitation_admits_its_holder():
    d = decide(invitations=[invitation()])
    assert d.verdict is JoinVerdict.ADMIT and d.reason is R.INVITATION
    assert d.person == PEOPLE["parent"].person  # the roster entry the invitation is for
    assert d.invitation == invitation()
    # Even past its date: it was claimed in time.
    late = decide_joiner(
        chat_of(K.PARENTS),
        555,
        invitations=[invitation()],
        people=[],
        policy=GatePolicy.REMOVE,
        now=NOW + timedelta(days=60),
    )
    assert late.verdict is JoinVerdict.ADMIT and late.person is None and late.person_id == 2


@pytest.mark.parametrize(
    "inv",
    [
        invitation(claimed_vk_id=777),  # someone else's
        invitation(chat_id=2),  # another chat's
        invitation(revoked_at=NOW - timedelta(minutes=5)),
        invitation(claimed_at=None, claimed_vk_id=None),  # not claimed
    ],
)
def test_invitations_that_do_not_admit(inv):
    d = decide(invitations=[inv])
    assert d.verdict is JoinVerdict.REMOVE and d.reason is R.UNKNOWN


def test_invitation_beats_roles():
    # The curator deliberately invited a pupil into the parents' chat: admitted.
    d = decide(vk_id=101, invitations=[invitation(claimed_vk_id=101, person_id=1, role=Role.PUPIL)])
    assert d.reason is R.INVITATION and d.person == PEOPLE["pupil"].person


def test_parent_is_matched_through_the_class_pupils_passed_in():
    without_child = [k for name, k in PEOPLE.items() if name != "pupil"]
    assert decide(vk_id=102, people=without_child).reason is WRONG
    assert decide(vk_id=102).reason is R.PARENT


def test_a_person_with_several_roles_is_admitted_by_any():
    both = person(20, RoleGrant(Role.PARENT, pupil_id=1), RoleGrant(Role.PUPIL, C6B), vk=120)
    assert decide(vk_id=120, people=[*PEOPLE.values(), both]).reason is R.PARENT


def test_non_positive_ids_are_strangers():
    nobody = person(30, RoleGrant(Role.ADMIN), vk=0)
    assert decide(vk_id=0, people=[nobody]).reason is R.UNKNOWN
    assert decide(vk_id=-5, invitations=[invitation(claimed_vk_id=-5)]).reason is R.UNKNOWN


def test_gate_texts():
    removed = decide(vk_id=999)
    note = t.render_removed_note(
        removed, chat_title="5А · родители", curator_name="Мария Петрова", curator_vk_id=103
    )
    assert "личному приглашению" in note and "[id103|Мария Петрова]" in note
    wrong = decide(vk_id=101)
    assert "не для вас" in t.render_removed_note(wrong, chat_title="5А · родители")
    report = t.render_gate_report(removed, vk_id=999, chat_title="5А · родители")
    assert "[id999|id999]" in report and "удалил" in report
    report = t.render_gate_report(
        wrong, vk_id=101, chat_title="5А · родители", known_as="ученик 5А"
    )
    assert "Человек 1" in report and "ученик 5А" in report
    kept = decide_joiner(
        chat_of(K.PARENTS),
        999,
        invitations=[],
        people=[],
        policy=GatePolicy.KEEP_AND_REPORT,
        now=NOW,
    )
    assert "оставил" in t.render_gate_report(kept, vk_id=999, chat_title="5А · родители")


# ---------------------------------------------------------------- chat texts


def test_chat_texts():
    assert t.describe_chat(K.PARENTS, C5A) == "чат родителей 5А"
    assert t.describe_chat(K.SUBJECT, C5A, "математика") == "предметный чат 5А (математика)"
    assert "«5А · родители» создан" in t.render_chat_created("5А · родители")
    assert "уже есть" in t.render_chat_exists("5А · родители")
    assert "чат родителей 5А" in t.render_chat_bound("Родители", K.PARENTS, C5A)
    assert "уже привязан" in t.render_already_bound("Родители", K.PARENTS, C5A)
    assert set(t.CHAT_KIND_NAMES) == set(t.CHAT_KIND_WORDS) == set(ChatKind)
    for word in t.CHAT_KIND_WORDS.values():
        assert parse_chat_kind(word.split(" <")[0]) is not None


@pytest.mark.parametrize("kind", list(ChatKind))
def test_welcome(kind):
    text = t.render_welcome(
        kind,
        school="Лицея № 42",
        class_name=C5A if kind.needs_class else None,
        subject="математика" if kind.needs_subject else None,
    )
    assert "Правила" in text and "{" not in text
    assert ("по личным приглашениям" in text) == kind.is_gated


def test_class_status():
    status = t.ClassStatus(
        C5A,
        chats=[
            t.ChatStatus(
                "5А · ученики",
                K.PUPILS,
                joined=["Петя", "Аня"],
                not_joined=["Илья"],
                open_invitations=["Илья"],
            ),
            t.ChatStatus(
                "5А · родители", K.PARENTS, missing_rights=[Right.ADMIN], not_joined=["Иванова Е."]
            ),
            t.ChatStatus(
                "5А · математика", K.SUBJECT, subject="математика", missing_rights=[Right.PIN]
            ),
        ],
    )
    text = t.render_class_status(status)
    assert text.splitlines()[0] == "Статус 5А:"
    assert "вступили: 2 из 3 — Петя, Аня" in text
    assert "не вступили: Илья" in text
    assert "1 открытое приглашение: Илья" in text
    assert "я не администратор" in text
    assert "закреплять" in text
    assert "права в порядке" in text
    assert "открытых приглашений нет" in text
    nobody = t.ChatStatus("5А · родители", K.PARENTS)
    assert "нет никого" in t.render_class_status(t.ClassStatus(C5A, chats=[nobody]))
    empty = t.render_class_status(t.ClassStatus(C5A, absent_kinds=[K.PARENTS]))
    assert "пока нет чатов" in empty
    many = t.ChatStatus("5А · ученики", K.PUPILS, not_joined=[f"У{i}" for i in range(50)])
    assert "и ещё 10" in t.render_class_status(t.ClassStatus(C5A, chats=[many]))
    absent = t.render_class_status(t.ClassStatus(C5A, chats=[many], absent_kinds=[K.PARENTS]))
    assert absent.endswith("Ещё не созданы: чат родителей.")
