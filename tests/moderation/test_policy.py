"""The moderation policy, table by table."""

from __future__ import annotations

import pytest

from bot.moderation.policy import PolicySettings, Standing, decide
from bot.moderation.types import Violation

S = PolicySettings(restrict_after=2, restrict_seconds=600, remove_after=4)
PROF = Violation("profanity", "4.5", 0, 4, "obscene")
PHONE = Violation("personal_data", "4.6", 10, 22, "phone")
CARD = Violation("personal_data", "4.6", 10, 29, "card")
LINK = Violation("external_link", "4.6", 0, 10, "link")
PASSWORD = Violation("account_sharing", "4.6", 30, 40, "password")


def steps(kind, violations, standing, warnings=0, flood=False, settings=S):
    plan = decide(
        kind,
        violations,
        flood=flood,
        standing=standing,
        active_warnings=warnings,
        settings=settings,
    )
    return None if plan is None else (plan.rule, plan.steps, plan.counts)


@pytest.mark.parametrize(
    ("kind", "violations", "standing", "warnings", "flood", "expected"),
    [
        # clean
        ("pupils", [], Standing.PUPIL, 0, False, None),
        # first offence: delete and warn; the warning counts
        ("pupils", [PROF], Standing.PUPIL, 0, False, ("profanity", ("deleted", "warned"), True)),
        # second within the period: restricted
        (
            "pupils",
            [PROF],
            Standing.PUPIL,
            1,
            False,
            ("profanity", ("deleted", "warned", "restricted"), True),
        ),
        # fourth: removed (no restriction needed)
        (
            "pupils",
            [PROF],
            Standing.OTHER,
            3,
            False,
            ("profanity", ("deleted", "warned", "removed"), True),
        ),
        # a pupil's data in the pupils' chat is deleted
        (
            "pupils",
            [PHONE],
            Standing.PUPIL,
            0,
            False,
            ("personal_data", ("deleted", "warned"), True),
        ),
        # a parent's own phone in the parents' chat: only warned, not counted
        ("parents", [PHONE], Standing.PARENT, 0, False, ("personal_data", ("warned",), False)),
        # ... but not a card number
        (
            "parents",
            [CARD],
            Standing.PARENT,
            0,
            False,
            ("personal_data", ("deleted", "warned"), True),
        ),
        # ... and not a phone posted by a non-parent in the parents' chat
        (
            "parents",
            [PHONE],
            Standing.OTHER,
            0,
            False,
            ("personal_data", ("deleted", "warned"), True),
        ),
        # staff are exempt from links; never restricted
        ("pupils", [LINK], Standing.STAFF, 0, False, None),
        ("pupils", [PROF], Standing.STAFF, 5, False, ("profanity", ("deleted", "warned"), False)),
        # the most harmful rule leads
        (
            "pupils",
            [PROF, PASSWORD],
            Standing.PUPIL,
            0,
            False,
            ("account_sharing", ("deleted", "warned"), True),
        ),
        # flood restricts at once, deletes nothing
        ("pupils", [], Standing.PUPIL, 0, True, ("flood", ("warned", "restricted"), True)),
        (
            "parents",
            [PHONE],
            Standing.PARENT,
            0,
            True,
            ("personal_data", ("deleted", "warned", "restricted"), True),
        ),
        ("pupils", [], Standing.STAFF, 0, True, ("flood", ("warned",), False)),
    ],
)
def test_policy_table(kind, violations, standing, warnings, flood, expected):
    assert steps(kind, violations, standing, warnings, flood) == expected


def test_warn_only_per_chat_kind_and_exemptions_from_settings():
    settings = PolicySettings(
        warn_only={"subject": frozenset({"external_link"})}, exempt_staff_rules=frozenset()
    )
    assert steps("subject", [LINK], Standing.PUPIL, settings=settings) == (
        "external_link",
        ("warned",),
        False,
    )
    assert steps("pupils", [LINK], Standing.STAFF, settings=settings) == (
        "external_link",
        ("deleted", "warned"),
        False,
    )


def test_restriction_lasts_as_configured():
    plan = decide(
        "pupils", [PROF], flood=False, standing=Standing.PUPIL, active_warnings=1, settings=S
    )
    assert plan is not None and plan.restrict_seconds == 600 and plan.clause == "4.5"
