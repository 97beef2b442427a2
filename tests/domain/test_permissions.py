"""Every command × every role: the expected answer is written out here, not read from the table."""

import pytest

from bot.domain.classes import ClassName
from bot.domain.commands import BY_KEY, REGISTRY
from bot.domain.people import Role, RoleGrant, Roles
from bot.domain.permissions import (
    PERMISSIONS,
    Allowed,
    Denied,
    Rule,
    Scope,
    check_permission,
    commands_for,
)
from bot.texts.commands import ROLE_NAMES_PLURAL, render_refusal

C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")

ACTORS = {
    "admin": Roles.of(RoleGrant(Role.ADMIN)),
    "director": Roles.of(RoleGrant(Role.DIRECTOR)),
    "deputy": Roles.of(RoleGrant(Role.DEPUTY)),
    "curator5A": Roles.of(RoleGrant(Role.CURATOR, C5A)),
    "teacher5A": Roles.of(RoleGrant(Role.TEACHER, C5A, "математика")),
    "pupil": Roles.of(RoleGrant(Role.PUPIL, C5A)),
    "parent": Roles.of(RoleGrant(Role.PARENT, pupil_id=1)),
    "stranger": Roles(),
}
ALL = set(ACTORS)
LEADERS = {"admin", "director", "deputy"}
STAFF = LEADERS | {"curator5A", "teacher5A"}

# key → (who may, acting on 5А) and (who may, acting on 6Б) — identical unless scoped
EXPECTED: dict[str, tuple[set[str], set[str]]] = {
    "help": (ALL, ALL),
    "whoami": (ALL, ALL),
    "add_admin": ({"admin"}, {"admin"}),
    "remove_admin": ({"admin"}, {"admin"}),
    "set_director": ({"admin"}, {"admin"}),
    "add_deputy": ({"admin"}, {"admin"}),
    "remove_deputy": ({"admin"}, {"admin"}),
    "import_roster": ({"admin"}, {"admin"}),
    "export_roster": ({"admin"}, {"admin"}),
    "list_classes": (STAFF, STAFF),
    "class_people": (STAFF, LEADERS),
    "add_class": ({"admin"}, {"admin"}),
    "rename_class": ({"admin"}, {"admin"}),
    "remove_class": ({"admin"}, {"admin"}),
    "set_curator": ({"admin"}, {"admin"}),
    "add_teacher": ({"admin"}, {"admin"}),
    "remove_teacher": ({"admin"}, {"admin"}),
    "log": (LEADERS, LEADERS),
    "create_chat": ({"admin", "curator5A", "teacher5A"}, {"admin"}),
    "bind_chat": ({"admin", "curator5A", "teacher5A"}, {"admin"}),
    "invite": ({"admin", "curator5A"}, {"admin"}),
    "list_invites": ({"admin", "curator5A"}, {"admin"}),
    "revoke_invite": ({"admin", "curator5A"}, {"admin", "curator5A"}),
    "revoke_invites": ({"admin", "curator5A"}, {"admin"}),
    "reset_link": ({"admin", "curator5A"}, {"admin"}),
    "admit": ({"admin", "curator5A"}, {"admin"}),
    "class_status": (LEADERS | {"curator5A"}, LEADERS),
    "invite_sheet": ({"admin", "curator5A"}, {"admin"}),
    "setup_all_chats": ({"admin"}, {"admin"}),
    "class_link": ({"admin", "curator5A"}, {"admin"}),
    "revoke_class_link": ({"admin", "curator5A"}, {"admin"}),
    "report": (ALL, ALL),
    "incidents": (LEADERS | {"curator5A"}, LEADERS),
    "audit": ({"admin"}, {"admin"}),
    "report_only": ({"admin"}, {"admin"}),
    "report_only_digest": ({"admin"}, {"admin"}),
    "stats": (LEADERS | {"curator5A"}, LEADERS),
    "move_pupil": ({"admin"}, {"admin"}),
    "person_left": ({"admin"}, {"admin"}),
    "new_year": ({"admin"}, {"admin"}),
    "publish": (LEADERS | {"curator5A"}, LEADERS),
    "broadcast": (LEADERS, LEADERS),
    "announce_event": (LEADERS | {"curator5A"}, LEADERS),
    "list_posts": (LEADERS | {"curator5A"}, LEADERS | {"curator5A"}),
    "reschedule_post": (LEADERS | {"curator5A"}, LEADERS | {"curator5A"}),
    "cancel_post": (LEADERS | {"curator5A"}, LEADERS | {"curator5A"}),
    "ack_announce": (LEADERS | {"curator5A"}, LEADERS),
    "ack_consent": (LEADERS | {"curator5A"}, LEADERS),
    "ack_poll": (LEADERS | {"curator5A"}, LEADERS),
    "ack_results": (LEADERS | {"curator5A"}, LEADERS | {"curator5A"}),
    "faq_add": ({"admin", "curator5A"}, {"admin"}),
    "faq_list": ({"admin", "curator5A"}, {"admin"}),
    "faq_remove": ({"admin", "curator5A"}, {"admin", "curator5A"}),
    "appeal_psychologist": (ALL, ALL),
    "appeal_administration": ({"pupil", "parent"}, {"pupil", "parent"}),
    "appeal_answer": (ALL, ALL),
    "away_set": (LEADERS | {"curator5A", "teacher5A"}, LEADERS | {"curator5A", "teacher5A"}),
    "away_show": (LEADERS | {"curator5A", "teacher5A"}, LEADERS | {"curator5A", "teacher5A"}),
    "away_cancel": (LEADERS | {"curator5A", "teacher5A"}, LEADERS | {"curator5A", "teacher5A"}),
    "official": (STAFF, STAFF),
}
SCOPED = {k for k, (on5a, on6b) in EXPECTED.items() if on5a != on6b}


def test_expectations_cover_every_command():
    assert set(EXPECTED) == set(BY_KEY) == set(PERMISSIONS)


CASES = [
    (key, actor, cls, actor in EXPECTED[key][i])
    for key in EXPECTED
    for actor in ACTORS
    for i, cls in enumerate((C5A, C6B))
]


@pytest.mark.parametrize(("key", "actor", "cls", "allowed"), CASES)
def test_every_command_as_every_role(key, actor, cls, allowed):
    result = check_permission(key, ACTORS[actor], target_class=cls)
    assert isinstance(result, Allowed) is allowed, result
    if not allowed:
        assert isinstance(result, Denied) and result.who_may
        text = render_refusal(result)
        assert text.startswith("Извините")
        for role in result.roles:
            assert ROLE_NAMES_PLURAL[role] in text
        out_of_scope = key in SCOPED and actor in EXPECTED[key][0]
        assert text.startswith("Извините, эту команду вы можете выполнять только") == out_of_scope


def test_out_of_scope_refusal_is_explained():
    r = check_permission("class_people", ACTORS["curator5A"], C6B)
    assert isinstance(r, Denied) and r.out_of_scope
    assert "только для своего класса" in render_refusal(r)
    r = check_permission("add_class", ACTORS["curator5A"])
    assert isinstance(r, Denied) and not r.out_of_scope
    assert render_refusal(r) == (
        "Извините, у вас нет прав на эту команду. Её могут выполнять: администраторы."
    )


def test_scoped_rule_needs_a_target():
    assert isinstance(check_permission("class_people", ACTORS["curator5A"]), Denied)
    assert isinstance(check_permission("class_people", ACTORS["director"]), Allowed)


def test_several_roles_add_up():
    roles = Roles.of(RoleGrant(Role.PARENT, pupil_id=1), RoleGrant(Role.CURATOR, C6B))
    assert isinstance(check_permission("class_people", roles, C6B), Allowed)
    assert isinstance(check_permission("class_people", roles, C5A), Denied)


def test_unknown_command_is_denied():
    assert isinstance(check_permission("no_such", ACTORS["admin"]), Denied)


def test_own_subject_scope(monkeypatch):
    monkeypatch.setitem(PERMISSIONS, "help", (Rule(Role.TEACHER, Scope.OWN_SUBJECT),))
    t = ACTORS["teacher5A"]
    assert isinstance(check_permission("help", t, C5A, "Математика"), Allowed)
    assert isinstance(check_permission("help", t, None, "математика"), Allowed)
    assert isinstance(check_permission("help", t, C6B, "математика"), Denied)
    assert isinstance(check_permission("help", t, C5A, "физика"), Denied)
    assert isinstance(check_permission("help", t, C5A), Denied)


def test_self_scope(monkeypatch):
    monkeypatch.setitem(PERMISSIONS, "help", (Rule(Role.PARENT, Scope.SELF),))
    assert isinstance(check_permission("help", ACTORS["parent"], about_self=True), Allowed)
    assert isinstance(check_permission("help", ACTORS["parent"]), Denied)


@pytest.mark.parametrize("actor", list(ACTORS))
def test_help_lists_what_the_person_may_ever_use(actor):
    keys = {c.key for c in commands_for(ACTORS[actor])}
    assert keys == {k for k, (on5a, on6b) in EXPECTED.items() if actor in on5a | on6b}
    order = [c.key for c in REGISTRY]
    listed = [c.key for c in commands_for(ACTORS[actor])]
    assert listed == sorted(listed, key=order.index)
