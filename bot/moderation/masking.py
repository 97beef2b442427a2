"""Masking of what a message must not show: obscenity, personal data, secrets.

The result stays useful to an administrator (what kind of thing was there, the last digits to
tell two cards apart) without revealing the data (152-ФЗ): never more than the last 2–4 digits.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.moderation.rules import ACCOUNT_SHARING, PERSONAL_DATA, PROFANITY
from bot.moderation.types import Violation

# How many trailing digits each kind of personal data keeps.
_KEEP_DIGITS = {"card": 4, "oms": 4, "phone": 2, "snils": 2, "inn": 2, "passport": 2}
_PLACEHOLDERS = {
    "email": "[e-mail скрыт]",
    "address": "[адрес скрыт]",
    "birth_certificate": "[свидетельство скрыто]",
}


def _mask_digits(fragment: str, keep: int) -> str:
    total = sum(c.isdigit() for c in fragment)
    out: list[str] = []
    seen = 0
    for i, c in enumerate(fragment):
        if c.isdigit():
            seen += 1
            if seen > total - keep:
                out.append(c)
            elif seen == 1 and total == 11 and c in "78" and (i == 0 or fragment[i - 1] == "+"):
                out.append(c)  # the trunk prefix +7 / 8 of a Russian phone tells nothing
            else:
                out.append("*")
        else:
            out.append(c)
    return "".join(out)


def _mask_word(fragment: str) -> str:
    first = next((i for i, c in enumerate(fragment) if c.isalpha()), 0)
    head = fragment[: first + 1]
    return head + "".join("*" if not c.isspace() else c for c in fragment[first + 1 :])


def _replacement(v: Violation, fragment: str) -> str | None:
    if v.rule == PROFANITY:
        return _mask_word(fragment)
    if v.rule == PERSONAL_DATA:
        if v.kind in _PLACEHOLDERS:
            return _PLACEHOLDERS[v.kind]
        return _mask_digits(fragment, _KEEP_DIGITS.get(v.kind or "", 2))
    if v.rule == ACCOUNT_SHARING and v.kind in ("password", "code"):
        return "***"
    return None


def mask(text: str, violations: Sequence[Violation]) -> str:
    """The text with obscenity, personal data and posted secrets masked; other rules untouched."""
    if not violations:
        return text
    chosen: list[tuple[int, int, str]] = []
    for v in sorted(violations, key=lambda v: (v.start, -v.end)):
        if not 0 <= v.start < v.end <= len(text):
            continue
        if chosen and v.start < chosen[-1][1]:
            continue
        replacement = _replacement(v, text[v.start : v.end])
        if replacement is not None:
            chosen.append((v.start, v.end, replacement))
    if not chosen:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, replacement in chosen:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
