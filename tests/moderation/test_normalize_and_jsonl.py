from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.moderation import Moderator
from bot.moderation.jsonl import run
from bot.moderation.normalize import normalize

MOD = Moderator()


def test_normalize_folds_and_maps_offsets_back() -> None:
    text = "Ну х.у.й\u200b знает, 6ляха"
    norm = normalize(text)
    assert "хуй" in norm.text
    start = norm.text.index("хуй")
    assert norm.to_original(start, start + 3) == (3, 8)
    assert text[3:8] == "х.у.й"


def test_normalize_fast_path_keeps_identity() -> None:
    norm = normalize("Обычное сообщение без фокусов")
    assert norm.offsets is None
    assert norm.text == "обычное сообщение без фокусов"


def test_jsonl_contract() -> None:
    lines = [
        json.dumps({"id": 1, "text": "звоните 8 (912) 345-67-89, бл*ть", "chat_kind": "parents"}),
        "{not json",
        json.dumps({"id": "x", "text": 5}),
        "",
        json.dumps({"id": 3, "text": "Добрый вечер!"}),
    ]
    out = io.StringIO()
    assert run(io.StringIO("\n".join(lines) + "\n"), out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 4
    first = results[0]
    assert first["id"] == 1
    assert [v["rule"] for v in first["violations"]] == ["personal_data", "profanity"]
    assert first["violations"][0] == {
        "rule": "personal_data",
        "clause": "4.6",
        "start": 8,
        "end": 25,
    }
    assert first["masked"] == "звоните 8 (***) ***-**-89, б****"
    assert results[1]["id"] is None and "error" in results[1]
    assert results[2]["id"] == "x" and "error" in results[2]
    assert results[3] == {"id": 3, "violations": [], "masked": "Добрый вечер!"}


_PLAIN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВХУЙabcxyz0123456789 .,-_*#@:/+()\n\t"
_ODD = ["\u200b", "\u00ad", "\u0301", "İ", "ß", "№", "ﬁ", "Ｂ", "ⓑ", "😀", "\u3164"]
ALPHABET = st.sampled_from([*_PLAIN, *_ODD])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=60))
def test_arbitrary_text_never_raises_and_spans_are_in_bounds(text: str) -> None:
    norm = normalize(text)
    assert len(norm.text) == len(norm.base)
    if norm.offsets is not None:
        assert len(norm.offsets) == len(norm.text)
        assert all(0 <= i < len(text) for i in norm.offsets)
    violations = MOD.check(text)
    for v in violations:
        assert 0 <= v.start < v.end <= len(text)
    masked = MOD.mask(text, violations)
    assert isinstance(masked, str)
