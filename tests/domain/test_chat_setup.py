"""«Чаты всем классам»: the plan from the roster and the chats there are."""

from bot.domain.chat_setup import SETUP_KINDS, plan_chat_setup, settle_wait
from bot.domain.chats import ChatKind, SchoolChat, TitleTemplates
from bot.domain.classes import ClassName

C5A, C6B, C1A = ClassName(5, "А"), ClassName(6, "Б"), ClassName(1, "А")
T = TitleTemplates()


def test_every_class_gets_both_chats_titled_by_the_school_pattern():
    plan = plan_chat_setup([C6B, C5A, C1A], [], templates=T, school="Школа №1")
    assert [(str(s.class_name), s.kind, s.title) for s in plan.to_make] == [
        ("1А", ChatKind.PUPILS, "1А · ученики"),
        ("1А", ChatKind.PARENTS, "1А · родители"),
        ("5А", ChatKind.PUPILS, "5А · ученики"),
        ("5А", ChatKind.PARENTS, "5А · родители"),
        ("6Б", ChatKind.PUPILS, "6Б · ученики"),
        ("6Б", ChatKind.PARENTS, "6Б · родители"),
    ]
    assert SETUP_KINDS == (ChatKind.PUPILS, ChatKind.PARENTS)


def test_chats_a_class_has_are_left_alone_and_a_second_plan_is_empty():
    have = [SchoolChat(2_000_000_001, ChatKind.PARENTS, C5A, title="Родители 5А (старый)")]
    plan = plan_chat_setup([C5A], have, templates=T, school="Ш")
    assert [s.kind for s in plan.to_make] == [ChatKind.PUPILS]
    assert plan.existing[0].existing == have[0]
    made = [*have, SchoolChat(2_000_000_002, ChatKind.PUPILS, C5A, title="5А · ученики")]
    assert plan_chat_setup([C5A], made, templates=T, school="Ш").to_make == ()
    # Subject and staff chats are not what the run makes.
    other = [
        SchoolChat(3, ChatKind.SUBJECT, C5A, "математика"),
        SchoolChat(4, ChatKind.TEACHERS_ROOM),
    ]
    assert len(plan_chat_setup([C5A], other, templates=T, school="Ш").to_make) == 2


def test_a_class_added_later_changes_the_fingerprint():
    first = plan_chat_setup([C5A], [], templates=T, school="Ш")
    again = plan_chat_setup([C5A], [], templates=T, school="Ш")
    later = plan_chat_setup([C5A, C6B], [], templates=T, school="Ш")
    assert first.fingerprint == again.fingerprint != later.fingerprint


def test_the_school_pattern_is_the_config_one():
    custom = TitleTemplates(parents="Родители {class} — {school}")
    plan = plan_chat_setup([C5A], [], templates=custom, school="Лицей")
    assert plan.to_make[1].title == "Родители 5А — Лицей"


def test_a_lost_create_is_looked_for_only_after_the_request_time():
    assert settle_wait(None, 100.0, 20.0) == 0.0
    assert settle_wait(95.0, 100.0, 20.0) == 15.0
    assert settle_wait(70.0, 100.0, 20.0) == 0.0
