"""`python -m bench`: every benchmark, one after another, each printing its own figures."""

from __future__ import annotations

import sys

from bench import (
    callback_intake,
    e2e,
    faq_stemming,
    invite_sheet,
    moderation_quality,
    moderation_speed,
    onboarding,
    roster_import,
    soak,
)

BENCHES = (
    ("moderation quality", moderation_quality.main, ["--quiet"]),
    ("moderation speed", moderation_speed.main, []),
    ("FAQ stemming and fuzzy matching", faq_stemming.main, []),
    ("end to end", e2e.main, []),
    ("roster import", roster_import.main, ["--sizes", "1000", "5000"]),
    ("invitation sheets", invite_sheet.main, []),
    (
        "a 30-class school from one workbook (`--families all` for every family)",
        onboarding.main,
        ["--families", "sample"],
    ),
    ("Callback API against Long Poll", callback_intake.main, []),
    ("soak (1 minute; `python -m bench.soak --minutes 10` for the full run)", soak.main, []),
)


def main() -> int:
    status = 0
    for title, run, args in BENCHES:
        print(f"\n##### {title} #####", flush=True)
        status |= run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
