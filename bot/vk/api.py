"""vkbottle's API with the configured base URL, a rate limit and retries.

Every request — the bot's own and vkbottle's polling set-up — goes through `request`, so the
limit holds for all of them.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import aiohttp
from vkbottle import API
from vkbottle.exception_factory import VKAPIError
from vkbottle.http import AiohttpClient

from bot.vk.limiter import SlidingWindowLimiter
from bot.vk.retry import RetryPolicy

log = logging.getLogger(__name__)


class TransientFailure(Exception):
    """VK answered with something that is not JSON (a proxy's 502 page, a cut-off body)."""


class UnsureOutcome(Exception):
    """A call's answer was lost on the way: VK may or may not have done it."""


class GatewayAPI(API):
    def __init__(
        self,
        token: str,
        *,
        api_url: str,
        api_version: str,
        requests_per_second: int,
        retry: RetryPolicy | None = None,
        timeout: float = 20.0,
    ) -> None:
        super().__init__(
            token,
            http_client=AiohttpClient(timeout=aiohttp.ClientTimeout(total=timeout)),
        )
        self.API_URL = api_url
        self.API_VERSION = api_version
        self.limiter = SlidingWindowLimiter(requests_per_second)
        self.retry = retry or RetryPolicy()

    async def request(
        self, method: str, data: dict[str, Any], version: str | None = None
    ) -> dict[str, Any]:
        data = await self.validate_request(data)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._request_once(method, data, version)
            except VKAPIError as error:
                if not self.retry.is_retryable(error.code) or attempt >= self.retry.attempts:
                    raise
                reason = f"VK error {error.code}"
            except (aiohttp.ClientError, TimeoutError, TransientFailure) as error:
                if attempt >= self.retry.attempts:
                    raise
                reason = type(error).__name__
            delay = self.retry.delay(attempt)
            log.warning("%s failed (%s), retry %d in %.2fs", method, reason, attempt, delay)
            await asyncio.sleep(delay)

    async def request_at_most_once(self, method: str, data: dict[str, Any]) -> dict[str, Any]:
        """For a call that must not take effect twice (`messages.createChat`: VK has no key to
        drop a repeat). Only error 6 is tried again, since VK refuses it before doing anything;
        a timeout, a dropped connection or an error page may hide a call that was done, so it
        is raised as `UnsureOutcome` for the caller to look for what the call made."""
        data = await self.validate_request(data)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._request_once(method, data, None)
            except VKAPIError as error:
                if error.code != 6 or attempt >= self.retry.attempts:
                    raise
            except (aiohttp.ClientError, TimeoutError, TransientFailure) as error:
                raise UnsureOutcome(f"{method}: {type(error).__name__}") from error
            await asyncio.sleep(self.retry.delay(attempt))

    async def _request_once(
        self, method: str, data: dict[str, Any], version: str | None
    ) -> dict[str, Any]:
        async with self.limiter.slot(), self.token_generator as token:
            text = await self.http_client.request_text(
                self.API_URL + method,
                method="POST",
                data=data,
                params={"access_token": token, "v": version or self.API_VERSION},
            )
        try:
            json.loads(text)
        except (TypeError, ValueError):
            raise TransientFailure(f"{method}: the answer is not JSON") from None
        return await self.validate_response(method, data, text)

    async def close(self) -> None:
        await self.http_client.close()
