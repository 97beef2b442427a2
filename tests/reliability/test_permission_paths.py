"""Who may do what: every handler goes through the one permission table (or says, here, why
it needs none), and powers end the moment they are taken away."""

from __future__ import annotations

import inspect
from unittest.mock import MagicMock

import pytest

from bot.domain.commands import BY_KEY
from bot.domain.permissions import PERMISSIONS
from bot.handlers import build_labeler
from bot.rules.command import IsCommand
from bot.services.class_links import ClassLinkService
from bot.services.incidents import IncidentDesk
from bot.services.invite_owners import InviteOwners
from tests.e2e.school_setup import set_up_school

pytestmark = pytest.mark.reliability

# Handlers that run without a command's permission, and why that is safe.
OPEN_DOORS = {
    "Violates": "moderation acts on the message itself; it grants nobody any power",
    "JoinedByLink": "counts joins for raid detection; acts on nobody's say-so",
    "ChatAction": "the gate: joins and leaves are checked against invitations",
    "HasInviteCode": "the one-time code is the permission; guessing is throttled",
    "IsMisspelt": "answers with the correct form only",
    "IsRefused": "answers with the refusal only",
    "HasDocument": "checks the import_roster permission itself (see below)",
    "IsModerationButton": "IncidentDesk checks the presser, not the addressee (see below)",
    "IsPlainTalk": "does nothing: ordinary talk ends here after moderation",
    "OutOfTurnInChannel": "removes what those not allowed to speak post in a channel; grants nothing",
    "IsPostButton": "PostService publishes only when the post's own author presses (see below)",
    "IsYearButton": "SchoolYearService acts only when an administrator presses (see below)",
    "IsAckButton": "AckService records an answer only from a person of the class (see below)",
    "IsChatQuestion": "answers a chat question with the class's stored answer; changes nothing",
    "EarnsQuietNote": "answers plain talk with the quiet-hours or away note only; grants nothing",
    "AsksForOfficialMark": "OfficialMarks refuses those who may not mark (see the table)",
    "Joined": "reports a joiner whose name poses as staff; acts on nobody's say-so",
    "IsChatSetupButton": "ChatSetupService starts a run only when an administrator presses",
    "IsMenuTalk": "answers the dialog's plain words with the speaker's own menu; grants nothing",
    "IsAskCuratorButton": "DmMenuService passes on only a parent's own message to their class's"
    " curator (see below)",
    "AllowsMessages": "delivers what waited for the person who allowed messages; grants nothing",
    "AnswersJoinQuestion": "a class link's answer only becomes a request the curator decides on;"
    " it grants nothing",
    "IsOwnerButton": "InviteOwners acts only when the class's curator or an administrator"
    " presses (see below)",
    "IsJoinRequestButton": "ClassLinkService acts only when the class's curator or an"
    " administrator presses (see below)",
}


def _handlers():
    labeler = build_labeler(MagicMock())
    for handler in labeler.message_view.handlers:
        yield handler.handler, handler.rules
    for event, handlers in labeler.raw_event_view.handlers.items():
        for item in handlers:
            inner = item.handler
            yield getattr(inner, "handler", inner), [*getattr(inner, "rules", []), event]


def test_every_handler_is_a_permitted_command_or_a_known_open_door():
    for function, rules in _handlers():
        names = {type(rule).__name__ for rule in rules}
        commands = [rule for rule in rules if isinstance(rule, IsCommand)]
        if commands:
            for rule in commands:
                assert rule.keys <= set(BY_KEY) and rule.keys <= set(PERMISSIONS), rule.keys
            continue
        if "message_edit" in {str(getattr(r, "value", r)) for r in rules}:
            continue  # an edited message goes to moderation, like a new one
        known = names & set(OPEN_DOORS)
        assert known, f"{function.__qualname__} runs with rules {names} and no permission check"


def test_the_open_doors_that_act_check_permission_themselves():
    from bot.services.posts import PostService
    from bot.services.school_year import SchoolYearService

    assert "post.author_vk_id != press.user_id" in inspect.getsource(PostService._decide)
    assert "not roles.is_admin" in inspect.getsource(SchoolYearService.on_button)
    documents = next(f for f, rules in _handlers() if f.__name__ == "on_document")
    assert 'check_permission("import_roster"' in inspect.getsource(documents)
    assert "may_decide(self._school_repo, press.user_id" in inspect.getsource(InviteOwners._decide)
    assert "may_decide(self._school_repo, press.user_id" in inspect.getsource(ClassLinkService._decide)
    decide = inspect.getsource(IncidentDesk._decide)
    assert "self._may_decide(press.user_id" in decide  # the presser, never the addressee
    from bot.services.acks import AckService

    assert "PressOutcome.STRANGER" in inspect.getsource(AckService._decide)
    from bot.services.chat_setup import ChatSetupService
    from bot.services.dm_menu import DmMenuService

    assert "not roles.is_admin" in inspect.getsource(ChatSetupService.on_button)
    ask = inspect.getsource(DmMenuService._ask)
    assert "self._children_in(roles, class_name)" in ask and "found[0] != press.user_id" in ask


@pytest.mark.e2e
async def test_a_removed_administrator_loses_the_powers_at_once(world):
    school = await set_up_school(world)
    helper = school.newcomer
    answer = await world.dm(school.admin, f"добавить админа [id{helper.id}|Новый]")
    assert answer[0].startswith("Готово"), answer
    allowed = await world.dm(helper, "добавить класс 7В")
    assert allowed[0].startswith("Класс 7В добавлен"), allowed
    answer = await world.dm(school.admin, f"удалить админа [id{helper.id}|Новый]")
    assert answer[0].startswith("Готово"), answer
    refused = await world.dm(helper, "добавить класс 8Г")
    assert refused[0].startswith("Извините, у вас нет прав"), refused
    classes = await world.dm(school.admin, "классы")
    assert "8Г" not in classes[0] and "7В" in classes[0]
