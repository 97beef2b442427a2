"""The class join link: one code for a whole chat, posted once where the parents already are.

Whoever opens it is asked whose parent they are (a pupil: who they are); the answer is matched
against the roster, and a match reaches the curator as one message with «Впустить» and
«Отклонить». Nobody gets in without the curator's tap, unless the roster already gives their VK
page to a parent (or a pupil) of the class. Strangers' guesses never reach the curator, and one
person cannot flood them: see the limits below. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MAX_TRIES = 3  # names typed per request before the bot gives up politely
MAX_OPEN_PER_PERSON = 3  # requests one account may have waiting for curators at once
MAX_WAITING_PER_PUPIL = 3  # requests about one pupil waiting at once (a leaked link)
COOLDOWN = timedelta(hours=24)  # after a refusal or a failed match: no new request
ASKING_FOR = timedelta(hours=24)  # how long the bot reads the next message as the answer
MAX_ANSWER = 200  # characters of an answer worth reading as a name


class LinkState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class ClassLink:
    code_hash: str
    chat_id: int
    issued_by: int
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    id: int | None = None

    def state(self, now: datetime) -> LinkState:
        if self.revoked_at is not None:
            return LinkState.REVOKED
        if now >= self.expires_at:
            return LinkState.EXPIRED
        return LinkState.ACTIVE


class RequestState(StrEnum):
    ASKING = "asking"  # waiting for the person to say whose parent they are
    WAITING = "waiting"  # matched; waiting for the curator
    ADMITTED = "admitted"
    REFUSED = "refused"  # by the curator
    UNMATCHED = "unmatched"  # no such pupil after MAX_TRIES names
    CLOSED = "closed"  # the person gave up («отмена»), or a newer request replaced it


OPEN_STATES = frozenset({RequestState.ASKING, RequestState.WAITING})


@dataclass(frozen=True, slots=True)
class JoinRequest:
    id: int
    link_id: int
    vk_id: int
    state: RequestState
    created_at: datetime
    pupil_id: int | None = None
    tries: int = 0
    decided_by: int | None = None
    decided_at: datetime | None = None

    def asking(self, now: datetime) -> bool:
        return self.state is RequestState.ASKING and now < self.created_at + ASKING_FOR


class Opening(StrEnum):
    """What opening a class link leads to, before anyone types a name."""

    ASK = "ask"  # ask whose parent they are
    KNOWN = "known"  # the roster gives this VK page to a parent of the class: let them in
    WAITING = "waiting"  # their request is with the curator already
    COOLING = "cooling"  # refused or unmatched lately: ask the curator in person
    TOO_MANY = "too_many"  # too many requests of theirs are open


def on_opening(requests: list[JoinRequest], link_id: int, *, known: bool, now: datetime) -> Opening:
    """`requests`: this account's requests, newest first."""
    if known:
        return Opening.KNOWN
    here = [r for r in requests if r.link_id == link_id]
    if any(r.state is RequestState.WAITING for r in here):
        return Opening.WAITING
    for request in here:
        if request.state in (RequestState.REFUSED, RequestState.UNMATCHED):
            if now < (request.decided_at or request.created_at) + COOLDOWN:
                return Opening.COOLING
    waiting = sum(r.state is RequestState.WAITING for r in requests)
    if waiting >= MAX_OPEN_PER_PERSON:
        return Opening.TOO_MANY
    return Opening.ASK


class Answer(StrEnum):
    """What a typed answer to «whose parent are you?» leads to."""

    MATCHED = "matched"  # exactly one pupil: the request goes to the curator
    AGAIN = "again"  # no pupil or several: ask once more
    GIVE_UP = "give_up"  # the last try failed: refuse politely, tell nobody
    BUSY = "busy"  # that pupil has too many requests waiting already
    CANCELLED = "cancelled"


CANCEL_WORDS = frozenset({"отмена", "отменить", "стоп", "не надо", "cancel"})


def on_answer(
    tries_before: int, matches: int, *, waiting_for_pupil: int, cancelled: bool
) -> Answer:
    if cancelled:
        return Answer.CANCELLED
    if matches == 1:
        return Answer.BUSY if waiting_for_pupil >= MAX_WAITING_PER_PUPIL else Answer.MATCHED
    return Answer.GIVE_UP if tries_before + 1 >= MAX_TRIES else Answer.AGAIN


def is_cancel(text: str) -> bool:
    return text.strip().strip(".!").casefold() in CANCEL_WORDS
