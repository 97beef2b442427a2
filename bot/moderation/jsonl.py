"""`schoolbot moderate`: JSON Lines in, one verdict line out per input line.

Input: {"id": ..., "text": ..., "chat_kind": ...} per line. Output per line:
{"id": ..., "violations": [{"rule", "clause", "start", "end"}], "masked": ...}; offsets index the
text as given (Python str indices, i.e. code points). A line that is not a JSON object with a
string "text" yields {"id": <id or null>, "error": "..."} and processing goes on. Blank lines are
skipped. No config, no network.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from bot.moderation.engine import Moderator


def _verdict(moderator: Moderator, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {"id": None, "error": "expected a JSON object"}
    item_id = item.get("id")
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": item_id, "error": "field 'text' must be a string"}
    chat_kind = item.get("chat_kind")
    if chat_kind is not None and not isinstance(chat_kind, str):
        return {"id": item_id, "error": "field 'chat_kind' must be a string or null"}
    violations = moderator.check(text, chat_kind)
    return {
        "id": item_id,
        "violations": [v.as_dict() for v in violations],
        "masked": moderator.mask(text, violations),
    }


def run(stdin: TextIO, stdout: TextIO) -> int:
    moderator = Moderator()
    for line in stdin:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            out: dict[str, Any] = {"id": None, "error": f"bad JSON: {exc}"}
        else:
            out = _verdict(moderator, item)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0
