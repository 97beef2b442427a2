"""vkbottle labelers, one module per feature, loaded in one explicit order (first match wins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler

from bot.handlers import (
    acks,
    appeals,
    audits,
    away,
    channels,
    chat_setup,
    chats,
    claims,
    dm_menu,
    faq,
    faq_commands,
    gate,
    guard,
    invites,
    moderation,
    moderation_desk,
    official,
    posts,
    quiet,
    report_only,
    roster,
    school,
    talk,
)
from bot.handlers import help as help_handlers

if TYPE_CHECKING:
    from bot.services.container import Services

# Moderation first: a message that breaks the rules is acted on and goes no further (its join
# hook does not block, so the gate still sees joins). Joins, leaves and invitation codes come
# before commands: a bare code in the dialog is not a misspelt command. Then wrong and refused
# commands, so no feature handler ever sees them. A channel takes nothing from those who may not
# write there, not even a command, so its guard comes right after moderation. Plain talk ends
# next: nothing after it acts on ordinary chat messages. Just before it: a chat question that a
# stored answer covers is answered (without blocking), then quiet hours and away mode answer the
# talk that earns a note (and pass the rest on). Moderation's joins and commands come right after
# talk: every handler placed before it costs each plain message one more rule check. The
# dialog's menu is last: it answers only the words in the community's dialog that no code,
# answer, appeal or command took.
FEATURES = (
    moderation,
    channels,
    faq,
    quiet,
    talk,
    moderation_desk,
    gate,
    claims,
    guard,
    help_handlers,
    school,
    roster,
    chats,
    invites,
    posts,
    audits,
    acks,
    faq_commands,
    appeals,
    away,
    official,
    chat_setup,
    report_only,
    dm_menu,
)


def build_labeler(services: Services) -> BotLabeler:
    labeler = BotLabeler()
    for feature in FEATURES:
        labeler.load(feature.labeler(services))
    return labeler
