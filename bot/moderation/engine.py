"""The moderator: runs the text detectors over a message and masks what must not be shown."""

from __future__ import annotations

from collections.abc import Callable

from bot.moderation import masking
from bot.moderation.detectors import account_sharing, insult, personal_data, profanity, scam
from bot.moderation.detectors.external_link import ExternalLinkDetector
from bot.moderation.normalize import Normalized, normalize
from bot.moderation.rules import (
    ACCOUNT_SHARING,
    CLAUSES,
    EXTERNAL_LINK,
    INSULT,
    PERSONAL_DATA,
    PROFANITY,
    SCAM,
    TEXT_RULES,
)
from bot.moderation.settings import ModerationSettings
from bot.moderation.types import Span, Violation

Finder = Callable[[Normalized], list[Span]]


def _position(v: Violation) -> tuple[int, int, str]:
    return v.start, v.end, v.rule


class Moderator:
    """Pure and cheap to call: everything is compiled once, here or at import."""

    def __init__(self, settings: ModerationSettings | None = None) -> None:
        self.settings = settings or ModerationSettings()
        links = ExternalLinkDetector(self.settings.extra_allowed_domains)
        self._finders = {
            PROFANITY: profanity.find,
            INSULT: insult.find,
            PERSONAL_DATA: personal_data.find,
            ACCOUNT_SHARING: account_sharing.find,
            EXTERNAL_LINK: links.find,
            SCAM: scam.find,
        }
        enabled = tuple(r for r in TEXT_RULES if r in self.settings.enabled_rules)
        self._plan = self._make_plan(enabled)
        self._plan_by_kind = {
            kind: self._make_plan(tuple(r for r in enabled if r not in disabled))
            for kind, disabled in self.settings.disabled_by_chat_kind.items()
        }
        # `moderator.mask(...)` straight to the function: one call a message instead of two.
        self.mask = masking.mask  # type: ignore[method-assign]

    def _make_plan(self, rules: tuple[str, ...]) -> tuple[tuple[str, str, Finder], ...]:
        return tuple((rule, CLAUSES[rule], self._finders[rule]) for rule in rules)

    def rules_for(self, chat_kind: str | None) -> tuple[str, ...]:
        plan = self._plan if chat_kind is None else self._plan_by_kind.get(chat_kind, self._plan)
        return tuple(rule for rule, _, _ in plan)

    def check(self, text: str, chat_kind: str | None = None) -> list[Violation]:
        """Violations in `text`, ordered by position; offsets index the text as given."""
        plan = self._plan if chat_kind is None else self._plan_by_kind.get(chat_kind, self._plan)
        if not text or not plan:
            return []
        norm = normalize(text)
        found: list[Violation] = []
        for rule, clause, finder in plan:
            spans = finder(norm)
            if spans:
                found.extend(Violation(rule, clause, s.start, s.end, s.kind) for s in spans)
        if len(found) > 1:
            found.sort(key=_position)
        return found

    @staticmethod
    def mask(text: str, violations: list[Violation]) -> str:
        return masking.mask(text, violations)
