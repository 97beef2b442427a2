"""The start-up self-check: token valid, community found, long poll reachable."""

from __future__ import annotations

import logging

import aiohttp

from bot.config import Config
from bot.services.ports import Community, MessengerError, MessengerUnavailable
from bot.texts import core as texts
from bot.vk.gateway import VkGateway

log = logging.getLogger(__name__)


class SelfCheckFailed(Exception):
    """The bot cannot work with this community; the message says, in Russian, what to fix."""


async def self_check(gateway: VkGateway, config: Config) -> Community:
    try:
        community = await gateway.community()
    except MessengerUnavailable as error:
        raise SelfCheckFailed(texts.SELF_CHECK_BAD_TOKEN.format(detail=error.message)) from None
    except MessengerError as error:
        raise SelfCheckFailed(texts.SELF_CHECK_BAD_TOKEN.format(detail=error.message)) from None
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise SelfCheckFailed(
            texts.SELF_CHECK_UNREACHABLE.format(url=config.vk.api_url, detail=type(error).__name__)
        ) from None
    if community.id != config.vk.group_id:
        raise SelfCheckFailed(
            texts.SELF_CHECK_WRONG_GROUP.format(actual=community.id, expected=config.vk.group_id)
        )
    if config.vk.intake == "callback":
        # Events come by the Callback API: Long Poll may well be switched off.
        log.info(texts.SELF_CHECK_OK.format(name=community.name, id=community.id))
        return community
    try:
        await gateway.long_poll_server()
    except MessengerError as error:
        raise SelfCheckFailed(
            texts.SELF_CHECK_NO_LONG_POLL.format(
                detail=error.message, version=config.vk.api_version
            )
        ) from None
    log.info(texts.SELF_CHECK_OK.format(name=community.name, id=community.id))
    return community
