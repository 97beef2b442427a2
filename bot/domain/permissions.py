"""Who may run which command: ONE table, read by `check_permission` and `commands_for`.

A rule is a role plus a scope. ANY: anywhere. OWN_CLASS: only for a class the person holds that
role in (a curator's own class, a teacher's classes). OWN_SUBJECT: a teacher, only for a subject
they teach (in the target class, when one is given). SELF: only about oneself (for later commands).
EVERYONE: anybody, even a person the bot does not know yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.classes import ClassName
from bot.domain.commands import BY_KEY, REGISTRY, Command
from bot.domain.people import Role, Roles


class Scope(StrEnum):
    ANY = "any"
    OWN_CLASS = "own_class"
    OWN_SUBJECT = "own_subject"
    SELF = "self"


@dataclass(frozen=True, slots=True)
class Rule:
    role: Role
    scope: Scope = Scope.ANY


EVERYONE: tuple[Rule, ...] = ()  # marker: no rules means no restriction

_ADMIN = (Rule(Role.ADMIN),)
_LEADERS = (Rule(Role.ADMIN), Rule(Role.DIRECTOR), Rule(Role.DEPUTY))
_CURATING = (Rule(Role.ADMIN), Rule(Role.CURATOR, Scope.OWN_CLASS))

PERMISSIONS: dict[str, tuple[Rule, ...]] = {
    "help": EVERYONE,
    "whoami": EVERYONE,
    "add_admin": _ADMIN,
    "remove_admin": _ADMIN,
    "set_director": _ADMIN,
    "add_deputy": _ADMIN,
    "remove_deputy": _ADMIN,
    "import_roster": _ADMIN,
    "export_roster": _ADMIN,
    "list_classes": (*_LEADERS, Rule(Role.CURATOR), Rule(Role.TEACHER)),
    "class_people": (
        *_LEADERS,
        Rule(Role.CURATOR, Scope.OWN_CLASS),
        Rule(Role.TEACHER, Scope.OWN_CLASS),
    ),
    "add_class": _ADMIN,
    "rename_class": _ADMIN,
    "remove_class": _ADMIN,
    "set_curator": _ADMIN,
    "add_teacher": _ADMIN,
    "remove_teacher": _ADMIN,
    "log": _LEADERS,
    # A teacher creates and binds subject chats of their own classes; the chat service then
    # checks the subject too, once it knows which chat was meant.
    "create_chat": (
        *_ADMIN,
        Rule(Role.CURATOR, Scope.OWN_CLASS),
        Rule(Role.TEACHER, Scope.OWN_CLASS),
    ),
    "bind_chat": (
        *_ADMIN,
        Rule(Role.CURATOR, Scope.OWN_CLASS),
        Rule(Role.TEACHER, Scope.OWN_CLASS),
    ),
    "invite": _CURATING,
    "list_invites": _CURATING,
    # The invitation's number names no class: the service checks it is the curator's own.
    "revoke_invite": (*_ADMIN, Rule(Role.CURATOR)),
    "revoke_invites": _CURATING,
    "reset_link": _CURATING,
    "admit": _CURATING,
    "class_status": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "invite_sheet": _CURATING,
    "setup_all_chats": _ADMIN,
    # The class join link lets people ask; the curator (or an administrator) lets them in.
    "class_link": _CURATING,
    "revoke_class_link": _CURATING,
    "report": EVERYONE,
    "incidents": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    # How the whole school's chats are moderated is the administrators' choice.
    "report_only": _ADMIN,
    "report_only_digest": _ADMIN,
    "audit": _ADMIN,
    "stats": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "move_pupil": _ADMIN,
    "person_left": _ADMIN,
    "new_year": _ADMIN,
    # Channels and broadcasts are the administration's; a curator posts to their class's chats.
    "publish": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "broadcast": _LEADERS,
    "announce_event": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    # A post's number names no class: the service lets a curator touch only their own posts.
    "list_posts": (*_LEADERS, Rule(Role.CURATOR)),
    "reschedule_post": (*_LEADERS, Rule(Role.CURATOR)),
    "cancel_post": (*_LEADERS, Rule(Role.CURATOR)),
    # Announcements answered by button go to a class's chat; the results are the author's (the
    # number names no class: the service shows a curator only their own).
    "ack_announce": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "ack_consent": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "ack_poll": (*_LEADERS, Rule(Role.CURATOR, Scope.OWN_CLASS)),
    "ack_results": (*_LEADERS, Rule(Role.CURATOR)),
    # Answers to recurring questions: a curator for their class, an administrator for any class
    # or the whole school. An answer's number names no class: the service checks it.
    "faq_add": _CURATING,
    "faq_list": _CURATING,
    "faq_remove": (*_ADMIN, Rule(Role.CURATOR)),
    # The confidential line is for pupils and parents; the appeal's recipient (the psychologist
    # named in the config holds no role) answers by number, and the service checks it is theirs.
    # The psychologist is open to anyone who writes: a pupil missing from the roster must still
    # reach them (issue 17.6); `[confidential] appeals_per_day` caps each sender.
    "appeal_psychologist": EVERYONE,
    "appeal_administration": (Rule(Role.PUPIL), Rule(Role.PARENT)),
    "appeal_answer": EVERYONE,
    # Away mode is about oneself: anyone who teaches or leads may set their own.
    "away_set": (*_LEADERS, Rule(Role.CURATOR), Rule(Role.TEACHER)),
    "away_show": (*_LEADERS, Rule(Role.CURATOR), Rule(Role.TEACHER)),
    "away_cancel": (*_LEADERS, Rule(Role.CURATOR), Rule(Role.TEACHER)),
    # Verified staff mark their own messages as official (the service checks «own»).
    "official": (*_LEADERS, Rule(Role.CURATOR), Rule(Role.TEACHER)),
}


@dataclass(frozen=True, slots=True)
class Allowed:
    rule: Rule | None  # the rule that let the person in; None for EVERYONE


@dataclass(frozen=True, slots=True)
class Denied:
    command_key: str
    who_may: tuple[Rule, ...]
    # The person holds a role that may run this command, only not for this class or subject.
    out_of_scope: bool = False

    @property
    def roles(self) -> tuple[Role, ...]:
        return tuple(dict.fromkeys(r.role for r in self.who_may))


def _fits(
    rule: Rule, roles: Roles, target_class: ClassName | None, subject: str | None, self_: bool
) -> bool:
    if not roles.has(rule.role):
        return False
    match rule.scope:
        case Scope.ANY:
            return True
        case Scope.SELF:
            return self_
        case Scope.OWN_CLASS:
            if target_class is None:
                return False
            if rule.role is Role.TEACHER:
                return roles.teaches(None, target_class)
            if rule.role is Role.CURATOR:
                return target_class in roles.curated_classes
            return any(g.class_name == target_class for g in roles.grants if g.role is rule.role)
        case Scope.OWN_SUBJECT:
            return subject is not None and roles.teaches(subject, target_class)
    return False  # pragma: no cover


def check_permission(
    command_key: str,
    roles: Roles,
    target_class: ClassName | None = None,
    subject: str | None = None,
    *,
    about_self: bool = False,
) -> Allowed | Denied:
    """May a person holding `roles` run `command_key` on `target_class` / `subject`?

    A scoped rule with no target to check against does not allow: the handler must pass the class
    (or subject) the command is about. Unknown command keys are denied to everyone."""
    rules = PERMISSIONS.get(command_key)
    if rules is None:
        return Denied(command_key, ())
    if rules == EVERYONE:
        return Allowed(None)
    for rule in rules:
        if _fits(rule, roles, target_class, subject, about_self):
            return Allowed(rule)
    return Denied(command_key, rules, out_of_scope=any(roles.has(r.role) for r in rules))


def may_ever(command_key: str, roles: Roles) -> bool:
    """Could this person run the command for some target? (For help: scope is not checked.)"""
    rules = PERMISSIONS.get(command_key)
    if rules is None:
        return False
    return rules == EVERYONE or any(roles.has(r.role) for r in rules)


def commands_for(roles: Roles) -> tuple[Command, ...]:
    """The commands this person may use, in registry order."""
    return tuple(c for c in REGISTRY if may_ever(c.key, roles))


if set(PERMISSIONS) != set(BY_KEY):  # fail at import, not at the first refused command
    raise RuntimeError(f"PERMISSIONS and REGISTRY differ: {set(PERMISSIONS) ^ set(BY_KEY)}")
