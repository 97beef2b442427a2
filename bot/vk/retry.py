"""Which VK failures are worth another try, and how long to wait before it."""

from __future__ import annotations

import random
from dataclasses import dataclass

# 1 unknown, 6 too many requests per second, 9 flood control, 10 internal server error.
RETRYABLE_CODES = frozenset({1, 6, 9, 10})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.2
    max_delay: float = 5.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Full jitter: a random wait up to an exponentially growing cap."""
        cap = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return (rng or random).uniform(cap / 2, cap)

    @staticmethod
    def is_retryable(code: int) -> bool:
        return code in RETRYABLE_CODES
