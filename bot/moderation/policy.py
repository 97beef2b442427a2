"""What to do about a message that broke the rules: a pure decision, driven by the settings.

Read from the regulation (§4.5, §4.6) and the issue:
- a text violation is deleted for everyone, and the author is warned in the chat (the warning
  names the clause and never repeats what was written);
- warnings are remembered for `warning_days`; with this one counted, `restrict_after` active
  warnings restrict writing for `restrict_seconds`, `remove_after` remove the author from the chat;
- flood restricts writing at once (the flood is the harm; its messages stay);
- staff (administrators, the director, deputies, curators, teachers) are exempt from
  `exempt_staff_rules` (a teacher posting the school's approved link), and are never restricted
  or removed by the bot: their messages are deleted and the administrators told;
- a parent posting a phone number or an e-mail in the parents' chat is most likely sharing their
  own contact: they are only warned, the message stays. The same data from anyone in the pupils'
  chat is deleted: children must not spread it;
- rules in `warn_only[chat kind]` only warn, in any chat of that kind;
- `scam` (money requests, payment requisites, SMS-code requests, short links) holds the message
  back: deleted, the author told why, the curator alerted. Verified staff are exempt (a curator
  may post a collection, with the card or phone to pay to: those are their requisites, not
  someone's personal data). The author is often a hacked account, so by default it is not counted
  as a warning (`scam_counts`); the curator decides with the alert's buttons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.moderation.rules import (
    ACCOUNT_SHARING,
    CLAUSES,
    EXTERNAL_LINK,
    FLOOD,
    INSULT,
    PERSONAL_DATA,
    PROFANITY,
    SCAM,
)
from bot.moderation.types import Violation

# The leading rule of a message that breaks several: the one that harms most.
SEVERITY: tuple[str, ...] = (
    SCAM,
    ACCOUNT_SHARING,
    PERSONAL_DATA,
    PROFANITY,
    INSULT,
    EXTERNAL_LINK,
    FLOOD,
)
# Contacts a parent shares about themselves in the parents' chat.
OWN_CONTACT_KINDS = frozenset({"phone", "email"})
PARENTS_CHAT = "parents"
# The card or phone in a staff member's money collection: where to pay, not a leak.
REQUISITE_KINDS = frozenset({"card", "phone"})


class Standing(StrEnum):
    """Who wrote, as far as moderation cares."""

    STAFF = "staff"
    PARENT = "parent"
    PUPIL = "pupil"
    OTHER = "other"  # not on the roster


@dataclass(frozen=True, slots=True)
class PolicySettings:
    warning_days: int = 30
    restrict_after: int = 2
    restrict_seconds: int = 3600
    remove_after: int = 4
    exempt_staff_rules: frozenset[str] = frozenset({EXTERNAL_LINK})
    warn_only: Mapping[str, frozenset[str]] = field(default_factory=dict)  # chat kind → rules
    scam_counts: bool = False  # a held-back scam message counts as a warning


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do. `counts`: the warning counts towards restriction and removal."""

    rule: str
    clause: str
    kind: str | None
    delete: bool
    warn: bool
    counts: bool
    restrict_seconds: int | None = None
    remove: bool = False
    alert: bool = True

    @property
    def steps(self) -> tuple[str, ...]:
        """The actions in the order they are taken, as stable words for the record."""
        named = (
            ("deleted", self.delete),
            ("warned", self.warn),
            ("restricted", self.restrict_seconds is not None),
            ("removed", self.remove),
        )
        return tuple(word for word, done in named if done)


def _rank(rule: str) -> int:
    return SEVERITY.index(rule) if rule in SEVERITY else len(SEVERITY)


def _soft(v: Violation, chat_kind: str, standing: Standing, settings: PolicySettings) -> bool:
    if v.rule in settings.warn_only.get(chat_kind, frozenset()):
        return True
    return (
        standing is Standing.PARENT
        and chat_kind == PARENTS_CHAT
        and v.rule == PERSONAL_DATA
        and v.kind in OWN_CONTACT_KINDS
    )


def _only_scam(found: Sequence[Violation]) -> bool:
    """The message is a scam and nothing else (its requisites are part of it)."""
    return all(
        v.rule == SCAM or (v.rule == PERSONAL_DATA and v.kind in REQUISITE_KINDS) for v in found
    )


def decide(
    chat_kind: str,
    violations: Sequence[Violation],
    *,
    flood: bool,
    standing: Standing,
    active_warnings: int,
    settings: PolicySettings,
) -> Plan | None:
    """The plan for one message, or None when nothing is to be done."""
    staff = standing is Standing.STAFF
    exempt = settings.exempt_staff_rules | {SCAM} if staff else frozenset()
    collection = staff and any(v.rule == SCAM for v in violations)
    found = [
        v
        for v in violations
        if v.rule not in exempt
        and not (collection and v.rule == PERSONAL_DATA and v.kind in REQUISITE_KINDS)
    ]
    flood = flood and FLOOD not in exempt
    if not found and not flood:
        return None
    if found:
        lead = min(found, key=lambda v: (_rank(v.rule), v.start))
        rule, kind = lead.rule, lead.kind
    else:
        rule, kind = FLOOD, None
    clause = CLAUSES[rule]
    if not flood and all(_soft(v, chat_kind, standing, settings) for v in found):
        return Plan(rule, clause, kind, delete=False, warn=True, counts=False)
    delete = bool(found)
    if staff:
        return Plan(rule, clause, kind, delete=delete, warn=True, counts=False)
    if rule == SCAM and not flood and not settings.scam_counts and _only_scam(found):
        return Plan(rule, clause, kind, delete=True, warn=True, counts=False)
    total = active_warnings + 1
    remove = total >= settings.remove_after
    restrict = not remove and (flood or total >= settings.restrict_after)
    return Plan(
        rule,
        clause,
        kind,
        delete=delete,
        warn=True,
        counts=True,
        restrict_seconds=settings.restrict_seconds if restrict else None,
        remove=remove,
    )
