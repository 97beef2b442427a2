"""`schoolbot moderate`: JSON Lines in, one verdict per line out, no config and no network."""

from __future__ import annotations

import json
import subprocess
import sys


def test_moderate_reads_json_lines_and_masks(tmp_path):
    lines = [
        {"id": 1, "text": "Добрый вечер! Завтра собрание в 18:00", "chat_kind": "parents"},
        {"id": 2, "text": "мой номер карты 4111 1111 1111 1111", "chat_kind": "parents"},
        {"id": 3, "text": "ты x.у.й", "chat_kind": "pupils"},
        "not json",
    ]
    stdin = "\n".join(
        json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "moderate"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, 2, 3, None]
    assert out[0]["violations"] == []
    # «номер карты …» is where to send money (scam) and the card itself (personal data)
    assert [v["rule"] for v in out[1]["violations"]] == ["scam", "personal_data"]
    assert {v["clause"] for v in out[1]["violations"]} == {"4.6"}
    assert "4111 1111 1111 1111" not in out[1]["masked"] and "1111" in out[1]["masked"]
    assert any(v["rule"] == "profanity" for v in out[2]["violations"])
    assert "error" in out[3]
