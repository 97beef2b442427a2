"""Personal invitations: codes, their hashes, and an invitation's life.

The code. 11 characters from a 31-symbol alphabet without the look-alikes 0/O and 1/I/L:
31¹¹ ≈ 2⁵⁴·⁵ codes (10 characters would give only 2⁴⁹·⁵). Every code holds at least one digit and
one letter, which costs under 4 % of the codes and lets `extract_code` tell a code from a word.
People see it in groups, «K7QF-9XWM-2PR»; the link's `ref` carries it bare.

What people type back is normalised: case, spaces, dashes and dots do not matter, full-width
characters are folded (NFKC), and Cyrillic letters that look like Latin ones («К», «М», «Р», «З»
for 3 …), typed on the wrong keyboard layout, are read as the Latin ones.

Storage keeps only `code_hash` — HMAC-SHA256 of the normalised code keyed with an optional pepper —
so a leaked database does not leak live codes. Compare with `verify_code` (hmac.compare_digest).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol
from urllib.parse import quote

from bot.domain.people import Role

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 11
GROUPS = (4, 4, 3)
_DIGITS = frozenset("23456789")
_ALPHABET_SET = frozenset(ALPHABET)
INVITE_ROLES = frozenset({Role.PUPIL, Role.PARENT})

# Cyrillic capitals drawn like Latin ones or like a digit of the alphabet (З → 3).
_CYRILLIC_LOOKALIKES = str.maketrans(
    {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
     "Т": "T", "Х": "X", "У": "Y", "З": "3", "Ѕ": "S", "Ј": "J"}
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·•]+")
_TOKEN = re.compile(r"[^\W_]+")
MAX_SCAN = 4096  # characters of a message `extract_code` looks at


class ChoiceSource(Protocol):
    """`secrets` itself, or `random.Random(seed)` in tests."""

    def choice(self, seq: str, /) -> str: ...


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper().translate(_CYRILLIC_LOOKALIKES)


def normalize_code(text: str) -> str:
    """What a person typed → the canonical form: «k7qf 9xwm-2pr» → «K7QF9XWM2PR». Never raises;
    the result is not necessarily a valid code (see `InviteCode.parse`)."""
    if not isinstance(text, str):
        return ""
    return _SEPARATORS.sub("", _fold(text[:MAX_SCAN]))


def _valid(value: str) -> bool:
    return (
        len(value) == CODE_LENGTH
        and set(value) <= _ALPHABET_SET
        and any(c in _DIGITS for c in value)
        and any(c not in _DIGITS for c in value)
    )


@dataclass(frozen=True, slots=True)
class InviteCode:
    value: str  # canonical: 11 characters of ALPHABET, no separators

    def __post_init__(self) -> None:
        if not _valid(self.value):
            raise ValueError("not an invite code")

    @classmethod
    def generate(cls, source: ChoiceSource = secrets) -> InviteCode:
        while True:
            value = "".join(source.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if _valid(value):
                return cls(value)

    @classmethod
    def parse(cls, text: str) -> InviteCode | None:
        value = normalize_code(text)
        return cls(value) if _valid(value) else None

    @property
    def display(self) -> str:
        """«K7QF-9XWM-2PR»: for people to read and type."""
        parts, start = [], 0
        for size in GROUPS:
            parts.append(self.value[start : start + size])
            start += size
        return "-".join(parts)

    def __str__(self) -> str:
        return self.display

    def __repr__(self) -> str:
        return "InviteCode(…)"  # a live code stays out of logs and tracebacks


def extract_code(text: str | None) -> InviteCode | None:
    """A code in a message or a `ref`: «мой код k7qf 9xwm 2pr», «K7QF-9XWM-2PR.», a vk.me link.
    Tries runs of neighbouring words that together make exactly one code. None if there is none;
    never raises."""
    if not isinstance(text, str) or not text:
        return None
    tokens = _TOKEN.findall(_fold(text[:MAX_SCAN]))
    for i in range(len(tokens)):
        joined = ""
        for token in tokens[i:]:
            joined += token
            if len(joined) >= CODE_LENGTH:
                break
        if _valid(joined):
            return InviteCode(joined)
    return None


# Words a person may put before the code: «Код: K7QF-9XWM-2PR», «мой код k7qf 9xwm 2pr».
_LEAD_WORDS = frozenset({"код", "мой", "вот", "приглашения", "приглашение", "code", "my"})
_WRAPPING = "«»„“”\"'()[]<>.,!?:;"
_GROUP_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·•]+")
_OUR_LINK = re.compile(
    r"(?:https?://)?(?:m\.)?vk\.(?:me|com)/[A-Za-z0-9_.]+/?\?(?:\S*&)?ref=([A-Za-z0-9\-]+)\S*", re.I
)
_CYRILLIC_WORD = re.compile(r"[а-яё]{3,}", re.I)
MAX_CODE_MESSAGE = 200  # characters: a code with a few words around it is far shorter
# Where a typed code may be split: where its printed groups end («K7QF-9XWM-2PR»), or nowhere.
_GROUP_ENDS = frozenset(sum(GROUPS[: i + 1]) for i in range(len(GROUPS) - 1))


def code_alone(text: str | None) -> InviteCode | None:
    """The code, when the whole message is one: «K7QF-9XWM-2PR», «k7qf 9xwm 2pr», «Код: …»,
    the personal link itself. Anything else is ordinary text, never a code: «2 марта; 3 марта»
    reads as «MAPTA3MAPTA» once Cyrillic look-alikes are folded, and «KAPTA 2 MAPTA» (Russian
    words in Latin look-alikes) is already one, so a code may be split only where its printed
    groups end (4 + 4 + 3, 8 + 3, 4 + 7, or whole), and Russian words (three or more Cyrillic
    letters) are not taken for a group. Never raises."""
    if not isinstance(text, str) or not text or len(text) > MAX_CODE_MESSAGE:
        return None
    s = unicodedata.normalize("NFKC", text).strip().strip(_WRAPPING).strip()
    if link := _OUR_LINK.fullmatch(s):
        return InviteCode.parse(link.group(1))
    words = s.split()
    while words and words[0].casefold().strip(_WRAPPING) in _LEAD_WORDS:
        words.pop(0)
    rest = " ".join(words).strip(_WRAPPING)
    groups = [g for g in _GROUP_SEPARATORS.split(rest) if g]
    if not groups or any(not g.isalnum() or _CYRILLIC_WORD.fullmatch(g) for g in groups):
        return None
    ends = {sum(len(g) for g in groups[: i + 1]) for i in range(len(groups) - 1)}
    if not ends <= _GROUP_ENDS:
        return None
    return InviteCode.parse("".join(groups))


def code_hash(code: InviteCode | str, pepper: bytes = b"") -> str:
    """Hex HMAC-SHA256 of the normalised code, keyed with `pepper` (may be empty)."""
    value = code.value if isinstance(code, InviteCode) else normalize_code(code)
    return hmac.new(pepper, value.encode("ascii", "replace"), hashlib.sha256).hexdigest()


def verify_code(typed: InviteCode | str, stored_hash: str, pepper: bytes = b"") -> bool:
    """Does what was typed match the stored hash? Constant-time comparison."""
    return hmac.compare_digest(code_hash(typed, pepper).encode(), stored_hash.encode())


def vk_me_link(screen_name: str, code: InviteCode) -> str:
    """https://vk.me/<community>?ref=<code> — opens the community's dialog with `ref` set."""
    screen = screen_name.strip().removeprefix("@").strip("/")
    if not screen or "/" in screen or "?" in screen:
        raise ValueError(f"bad community screen name: {screen_name!r}")
    return f"https://vk.me/{quote(screen, safe='._-')}?ref={code.value}"


def expires_at(issued_at: datetime, valid_days: int) -> datetime:
    if valid_days < 1:
        raise ValueError("an invitation is valid for at least one day")
    return issued_at + timedelta(days=valid_days)


# ---------------------------------------------------------------- an invitation's life


class InviteState(StrEnum):
    ISSUED = "issued"
    CLAIMED = "claimed"
    EXPIRED = "expired"
    REVOKED = "revoked"


class ClaimResult(StrEnum):
    OK = "ok"  # also: the same VK id claiming its own invitation again
    EXPIRED = "expired"
    SPENT = "spent"  # claimed by someone else
    REVOKED = "revoked"
    FOREIGN = "foreign"  # the roster gives the invitation's person another VK page
    UNCHECKED = "unchecked"  # the person's VK page could not be looked up just now


@dataclass(frozen=True, slots=True)
class Invitation:
    """One person's single-use invitation to one chat. Times are timezone-aware."""

    code_hash: str
    chat_id: int
    role: Role
    person_id: int
    issued_by: int  # person id of the curator or administrator
    issued_at: datetime
    expires_at: datetime
    claimed_at: datetime | None = None
    claimed_vk_id: int | None = None
    revoked_at: datetime | None = None
    id: int | None = None  # set by storage

    def __post_init__(self) -> None:
        if self.role not in INVITE_ROLES:
            raise ValueError(f"an invitation is for a pupil or a parent, not {self.role}")
        for name in ("issued_at", "expires_at", "claimed_at", "revoked_at"):
            at = getattr(self, name)
            if at is not None and at.tzinfo is None:
                raise ValueError(f"Invitation.{name} must be timezone-aware")
        if self.expires_at <= self.issued_at:
            raise ValueError("an invitation must expire after it is issued")
        if (self.claimed_at is None) != (self.claimed_vk_id is None):
            raise ValueError("claimed_at and claimed_vk_id go together")

    def state(self, now: datetime) -> InviteState:
        """REVOKED wins over CLAIMED, CLAIMED over EXPIRED: a claimed invitation stays claimed
        after its date, so its holder can still be matched when they join later."""
        if self.revoked_at is not None:
            return InviteState.REVOKED
        if self.claimed_at is not None:
            return InviteState.CLAIMED
        if now >= self.expires_at:
            return InviteState.EXPIRED
        return InviteState.ISSUED

    def claim(self, now: datetime, vk_id: int) -> Invitation:
        """The invitation as claimed by `vk_id`; check `check_claim` first."""
        if check_claim(self, now, vk_id) is not ClaimResult.OK:
            raise ValueError("this invitation cannot be claimed")
        if self.claimed_vk_id == vk_id:
            return self
        return replace(self, claimed_at=now, claimed_vk_id=vk_id)

    def revoke(self, now: datetime) -> Invitation:
        return self if self.revoked_at is not None else replace(self, revoked_at=now)


def check_claim(inv: Invitation, now: datetime, vk_id: int) -> ClaimResult:
    state = inv.state(now)
    if state is InviteState.REVOKED:
        return ClaimResult.REVOKED
    if state is InviteState.CLAIMED:
        return ClaimResult.OK if inv.claimed_vk_id == vk_id else ClaimResult.SPENT
    if state is InviteState.EXPIRED:
        return ClaimResult.EXPIRED
    return ClaimResult.OK


# ---------------------------------------------------------------- whose invitation it is


class Ownership(StrEnum):
    """Who may claim a personal invitation, as the roster tells."""

    OWNER = "owner"  # the roster's VK page is the claimer's
    FOREIGN = "foreign"  # the roster names another VK page: the claimer is not the person
    FIRST = "first"  # the roster has no VK page: the first claimer binds it, the curator is told


def ownership(owner_vk_id: int | None, claimer_vk_id: int) -> Ownership:
    if owner_vk_id is None:
        return Ownership.FIRST
    return Ownership.OWNER if owner_vk_id == claimer_vk_id else Ownership.FOREIGN


class AttemptKind(StrEnum):
    FOREIGN = "foreign"  # another account tried someone's invitation
    BOUND = "bound"  # the first claimer bound a person the roster knew no VK page of


class AttemptDecision(StrEnum):
    ADMIT = "admit"  # let the other account in anyway
    DENY = "deny"  # keep them out
    UNDO = "undo"  # the binding was wrong: unbind, revoke, remove


@dataclass(frozen=True, slots=True)
class InviteAttempt:
    """What the curator is asked to decide about one invitation and one account."""

    id: int
    invitation_id: int
    vk_id: int
    kind: AttemptKind
    at: datetime
    decision: AttemptDecision | None = None
    decided_by: int | None = None
