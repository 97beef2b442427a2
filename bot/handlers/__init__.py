"""vkbottle labelers, one module per feature, loaded in one explicit order (first match wins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler

from bot.handlers import guard, roster, school
from bot.handlers import help as help_handlers

if TYPE_CHECKING:
    from bot.services.container import Services

# Wrong and refused commands first, so no feature handler ever sees them.
FEATURES = (guard, help_handlers, school, roster)


def build_labeler(services: Services) -> BotLabeler:
    labeler = BotLabeler()
    for feature in FEATURES:
        labeler.load(feature.labeler(services))
    return labeler
