"""Pure moderation: text normalisation, detectors, verdicts, masking, flood/raid trackers. No I/O.

The service layer uses:

    moderator = Moderator(ModerationSettings(...))
    violations = moderator.check(text, chat_kind)      # list[Violation]
    masked = moderator.mask(text, violations)
    FloodTracker(max_messages, per_seconds).hit(chat_id, user_id, now)
    RaidTracker(max_joins, per_seconds).join(chat_id, user_id, now)
"""

from bot.moderation.engine import Moderator
from bot.moderation.flood import FloodTracker, RaidTracker
from bot.moderation.masking import mask
from bot.moderation.rules import ALL_RULES, CLAUSES, TEXT_RULES
from bot.moderation.settings import ModerationSettings
from bot.moderation.types import Span, Violation

__all__ = [
    "ALL_RULES",
    "CLAUSES",
    "TEXT_RULES",
    "FloodTracker",
    "ModerationSettings",
    "Moderator",
    "RaidTracker",
    "Span",
    "Violation",
    "mask",
]
