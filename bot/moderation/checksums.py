"""Check digits of Russian identifiers and bank cards. Arguments are strings of ASCII digits."""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    """Luhn (bank cards). The 16-digit OMS policy number uses the same check: the ФОМС rule —
    double the number formed by the odd-position digits, add the digits of all — sums the same."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def snils_ok(digits: str) -> bool:
    """SNILS: 9 digits and a 2-digit check; numbers up to 001-001-998 have no check."""
    if len(digits) != 11:
        return False
    body, check = digits[:9], int(digits[9:])
    if int(body) <= 1001998:
        return False  # not issued with a check, and in chats mostly not a SNILS
    total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True))
    if total > 101:
        total %= 101
    if total in (100, 101):
        total = 0
    return total == check


_INN11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def _inn_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_person_ok(digits: str) -> bool:
    """A person's INN: 12 digits, two check digits."""
    if len(digits) != 12:
        return False
    return _inn_digit(digits, _INN11) == int(digits[10]) and _inn_digit(digits, _INN12) == int(
        digits[11]
    )


def inn_org_ok(digits: str) -> bool:
    """An organisation's INN: 10 digits (not personal data; used to avoid mislabelling)."""
    return len(digits) == 10 and _inn_digit(digits, _INN10) == int(digits[9])
