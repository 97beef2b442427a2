"""The end-to-end benchmark's harness works (a tiny school, a few messages); it times nothing."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.e2e import bench, parse_args  # noqa: E402


async def test_the_harness_measures_both_bots_and_the_rate_limit(monkeypatch):
    monkeypatch.chdir(ROOT)
    opts = parse_args(
        ["--classes", "2", "--pupils", "4", "--chats", "4", "--rates", "20", "--seconds", "1",
         "--saturate", "20", "--burst", "4"]
    )  # fmt: skip
    report = await bench(opts)
    for kind in ("bare", "full"):
        run = report[kind]["rates"][20.0]
        assert run["complete"] and run["processed"] == run["events"] == 20, run
        assert report[kind]["saturated"]["complete"]
    # The bare bot answers every message; the full bot only the commands and violations.
    assert report["bare"]["rates"][20.0]["acted_on"] == 20
    limited = report["rate_limit"]
    assert limited["deletions"] == 4
    assert limited["max_calls_in_any_second"] <= 20
