"""`external_link`: links to domains outside the allow-list (п. 4.6: phishing and other harm).

Links with a scheme (http, https) or «www.», and bare domains («зайдите на sferum-login.ru»).
The host is compared exactly, label by label: look-alikes (sferum-login.ru, sferum.ru.example.com,
sfеrum.ru with a Cyrillic «е», xn-- punycode) are not on the list. User info («sferum.ru@evil.io»)
and ports are stripped before the comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.moderation.domains import BARE_TLDS, DEFAULT_ALLOWED_DOMAINS
from bot.moderation.normalize import Normalized
from bot.moderation.rules import CLAUSES, EXTERNAL_LINK
from bot.moderation.types import Span

RULE_ID = EXTERNAL_LINK
CLAUSE = CLAUSES[EXTERNAL_LINK]

_TLD = "|".join(sorted((re.escape(t) for t in BARE_TLDS), key=len, reverse=True))
_GATE = re.compile(rf"://|www\.|\.(?:{_TLD}|xn--)(?![\w\-])")
_LABEL = r"[\w](?:[\w\-]{0,61}[\w])?"
# «(?<![\w@.\-])(?:…)» searched in the text with a space in front, from the character before a
# link (group 1 is the link): the engine then only tries after a space or a punctuation mark, not
# at every letter. (A link never ends right before another starts, so that character is free.)
_URL = re.compile(
    r"[^\w@.\-]((?:https?|hxxps?|ftp)://[^\s<>\"«»]+|www\.[^\s<>\"«»]+"
    rf"|(?:{_LABEL}\.)+(?:{_TLD}|xn--[\w\-]+)(?![\w\-@])(?:[:/?#][^\s<>\"«»]*)?)"
)
_TRAILING = ".,;:!?)]}'»\""
_PATH_START = re.compile(r"[/?#\\]")


def _host(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else url
    host = _PATH_START.split(rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    host = host.split(":", 1)[0]
    return host.strip(".").lower()


class ExternalLinkDetector:
    rule_id = RULE_ID
    clause = CLAUSE

    def __init__(self, extra_allowed: Iterable[str] = ()) -> None:
        allowed = {d.strip().lower().strip(".") for d in (*DEFAULT_ALLOWED_DOMAINS, *extra_allowed)}
        self.allowed = frozenset(d for d in allowed if d)

    def allowed_host(self, host: str) -> bool:
        if host in self.allowed:
            return True
        parts = host.split(".")
        return any(".".join(parts[i:]) in self.allowed for i in range(1, len(parts) - 1))

    def find(self, norm: Normalized) -> list[Span]:
        low = norm.lower
        if "." not in norm.chars or not _GATE.search(low):
            return []
        spans: list[Span] = []
        for m in _URL.finditer(" " + low):
            url = m.group(1).rstrip(_TRAILING)
            host = _host(url)
            if not host or self.allowed_host(host):
                continue
            start = m.start(1) - 1
            spans.append(Span(start, start + len(url), "link"))
        return spans
