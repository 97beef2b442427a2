"""One turn of talk: a person's message, what it asks for, who the person is, and may they."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.classes import ClassName
from bot.domain.commands import BY_KEY
from bot.domain.events import IncomingMessage
from bot.domain.grammar import (
    NotACommand,
    Parsed,
    ParseError,
    ParseResult,
    is_start_payload,
    parse_command,
)
from bot.domain.incidents import ContentVerdict, Verdict
from bot.domain.people import Person, Roles
from bot.domain.permissions import Allowed, Denied, check_permission
from bot.services.ports import Community
from bot.services.speakers import SpeakerService


@dataclass(frozen=True)
class Speaker:
    vk_id: int
    person: Person | None
    roles: Roles


@dataclass(frozen=True)
class Turn:
    incoming: IncomingMessage
    parsed: ParseResult
    speaker: Speaker
    permission: Allowed | Denied | None
    verdict: Verdict | None = None  # set by moderation when the message must be acted on
    content: ContentVerdict | None = None  # set when the chat's content rules remove it

    @property
    def command(self) -> str | None:
        return self.parsed.key if isinstance(self.parsed, Parsed) else None

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.parsed.args) if isinstance(self.parsed, Parsed) else {}

    @property
    def error(self) -> ParseError | None:
        return self.parsed if isinstance(self.parsed, ParseError) else None

    @property
    def allowed(self) -> bool:
        return isinstance(self.permission, Allowed)


class TurnService:
    def __init__(self, community: Community, speakers: SpeakerService) -> None:
        self._community = community
        self._speakers = speakers

    async def begin(self, incoming: IncomingMessage) -> Turn:
        parsed = self._parse(incoming)
        person, roles = await self._speakers.identify(incoming.author_id)
        speaker = Speaker(incoming.author_id, person, roles)
        permission = None
        if isinstance(parsed, Parsed):
            permission = check_permission(parsed.key, roles, *_target(parsed))
        return Turn(incoming, parsed, speaker, permission)

    def _parse(self, incoming: IncomingMessage) -> ParseResult:
        if is_start_payload(incoming.payload):
            return Parsed(BY_KEY["help"], {}, True)
        if incoming.author_id <= 0:
            return NotACommand()
        return parse_command(
            incoming.text,
            community_id=self._community.id,
            community_screen_name=self._community.screen_name,
            in_chat=incoming.is_chat,
        )


def _target(parsed: Parsed) -> tuple[ClassName | None, str | None]:
    args = parsed.args
    target = args.get("class_name")
    if target is None and args.get("classes"):
        target = args["classes"][0]
    return target, args.get("subject")
