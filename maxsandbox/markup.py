"""`format: markdown | html` → the text people see plus MAX's `markup` ranges.

Offsets and lengths count UTF-16 code units (MAX's servers are Java). Nesting is not parsed:
`**a *b* c**` becomes one strong range with the inner asterisks kept — a simplification.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_MD = re.compile(
    r"\*\*(?P<strong>.+?)\*\*|__(?P<strong2>.+?)__|~~(?P<strikethrough>.+?)~~"
    r"|\+\+(?P<underline>.+?)\+\+|\^\^(?P<highlighted>.+?)\^\^"
    r"|```(?P<code_block>.+?)```|`(?P<monospaced>[^`]+?)`"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_url>[^)\s]+)\)"
    r"|\*(?P<emphasized>[^*]+?)\*|(?<!\w)_(?P<emphasized2>[^_]+?)_(?!\w)",
    re.DOTALL,
)
_KIND = {"strong2": "strong", "emphasized2": "emphasized", "code_block": "monospaced"}
_USER = re.compile(r"max://user/(\d+)$")


def u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _link(start: int, length: int, url: str) -> dict[str, Any]:
    user = _USER.match(url)
    if user:
        return {
            "type": "user_mention",
            "from": start,
            "length": length,
            "user_id": int(user.group(1)),
        }
    return {"type": "link", "from": start, "length": length, "url": url}


def _markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    marks: list[dict[str, Any]] = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            out.append("\n")
        block = None
        if line.startswith("# "):
            block, line = "heading", line[2:]
        elif line.startswith("> "):
            block, line = "quote", line[2:]
        line_start = u16("".join(out))
        pos = 0
        for m in _MD.finditer(line):
            out.append(line[pos : m.start()])
            start = u16("".join(out))
            kind = m.lastgroup or ""
            if kind == "link_url":
                inner, url = m.group("link_text"), m.group("link_url")
                out.append(inner)
                marks.append(_link(start, u16(inner), url))
            else:
                inner = m.group(kind)
                out.append(inner)
                marks.append({"type": _KIND.get(kind, kind), "from": start, "length": u16(inner)})
            pos = m.end()
        out.append(line[pos:])
        if block:
            marks.append(
                {"type": block, "from": line_start, "length": u16("".join(out)) - line_start}
            )
    return "".join(out), marks


_HTML_KIND = {
    "b": "strong",
    "strong": "strong",
    "i": "emphasized",
    "em": "emphasized",
    "del": "strikethrough",
    "s": "strikethrough",
    "ins": "underline",
    "u": "underline",
    "code": "monospaced",
    "pre": "monospaced",
    "mark": "highlighted",
    "blockquote": "quote",
    "h1": "heading",
    "a": "link",
}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marks: list[dict[str, Any]] = []
        self.open: list[tuple[str, int, str | None]] = []

    def _pos(self) -> int:
        return u16("".join(self.text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.text.append("\n")
        elif tag in _HTML_KIND:
            self.open.append((tag, self._pos(), dict(attrs).get("href")))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                _, start, href = self.open.pop(i)
                length = self._pos() - start
                if tag == "a":
                    if href:
                        self.marks.append(_link(start, length, href))
                else:
                    self.marks.append({"type": _HTML_KIND[tag], "from": start, "length": length})
                return

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(text: str | None, fmt: str | None) -> tuple[str | None, list[dict[str, Any]] | None]:
    if text is None or fmt is None:
        return text, None
    if fmt == "markdown":
        plain, marks = _markdown(text)
    else:
        parser = _Html()
        parser.feed(text)
        parser.close()
        plain, marks = "".join(parser.text), parser.marks
    return plain, sorted(marks, key=lambda m: (m["from"], m["type"])) or None
