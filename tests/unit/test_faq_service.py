"""FaqService on the hot path: what a chat message costs, and the repeat window."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo.world import ManualClock
from bot.domain.classes import ClassName
from bot.domain.events import IncomingMessage
from bot.domain.faq import FaqEntry
from bot.domain.grammar import NotACommand
from bot.domain.people import Role, RoleGrant, Roles
from bot.handlers.faq import IsChatQuestion
from bot.services.faq import FaqService
from bot.services.turns import Speaker, Turn

C5A = ClassName(5, "А")
PEER = 2_000_000_005
PARENT = Roles.of(RoleGrant(Role.PARENT, pupil_id=1))


class CountingRepo:
    def __init__(self, entries: list[FaqEntry]) -> None:
        self.entries = entries
        self.loads = self.lookups = 0
        self.hits: list[tuple[int, int]] = []

    async def all(self) -> list[FaqEntry]:
        self.loads += 1
        return self.entries

    async def class_of_chat(self, *, peer_id: int) -> ClassName | None:
        self.lookups += 1
        return C5A

    async def record_hit(self, *, answer_id: int, peer_id: int, cmid: int, at: datetime) -> None:
        self.hits.append((answer_id, cmid))


class RecordingMessenger:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str, int | None]] = []

    async def send(self, peer_id: int, text: str, *, dedup_key: str, keyboard=None, reply_to=None):
        self.sent.append((peer_id, text, reply_to))
        return len(self.sent)


def turn(text: str, cmid: int, roles: Roles = PARENT) -> Turn:
    incoming = IncomingMessage(PEER, 2001, cmid, text)
    return Turn(incoming, NotACommand(), Speaker(2001, None, roles), None)


def service(
    entries: list[FaqEntry],
) -> tuple[FaqService, CountingRepo, RecordingMessenger, ManualClock]:
    repo, messenger = CountingRepo(entries), RecordingMessenger()
    clock = ManualClock(datetime(2026, 9, 1, 9, tzinfo=UTC))
    return FaqService(repo, messenger, clock=clock), repo, messenger, clock  # type: ignore[arg-type]


async def test_plain_talk_never_reaches_the_service():
    rule = IsChatQuestion()
    assert not await rule.check(None, turn("Всем спасибо, до завтра", 1))  # type: ignore[arg-type]
    assert await rule.check(None, turn("Что задали?", 2))  # type: ignore[arg-type]


async def test_no_answers_means_one_load_and_no_lookups():
    faq, repo, messenger, _ = service([])
    for n in range(5):
        assert not await faq.on_question(turn("Что задали?", n))
    assert (repo.loads, repo.lookups, messenger.sent) == (1, 0, [])


async def test_an_answer_is_a_reply_once_per_window_and_staff_are_not_answered():
    faq, repo, messenger, clock = service([FaqEntry.of(1, C5A, ["что задали"], "В дневнике")])
    curator = Roles.of(RoleGrant(Role.CURATOR, C5A))
    assert not await faq.on_question(turn("Что задали?", 1, curator))
    assert await faq.on_question(turn("Что задали?", 2))
    assert messenger.sent == [(PEER, "💡 В дневнике", 2)]
    assert not await faq.on_question(turn("А что задали?", 3))
    clock.advance(minutes=10, seconds=1)
    assert await faq.on_question(turn("что задали", 4))
    assert repo.hits == [(1, 2), (1, 4)] and repo.loads == 2  # reloaded after CACHE_TTL
