"""`scam` (п. 4.6): the fraud seen in school chats — fake money collections and the like.

Kinds:
- "money_request": asking people to pay, transfer or hand in money («скиньте по 500 на подарок»,
  «собираем по 1000 р», «переводите на карту …», «оплатите до пятницы 700 ₽», «сбор денег»).
  A request verb needs a money word near it (a sum with a currency, «по 500», «деньги», «на карту»,
  «по номеру»); «сбор на …» needs one anywhere in the message («сбор в 8:30 у школы» is a meeting);
- "requisites": where to send money («по номеру +7 …», «на Сбер/Тинькофф», «реквизиты», БИК,
  a 20-digit account, «номер карты …»); card numbers themselves are personal_data's;
- "code_request": asking for a code from an SMS («продиктуйте код из смс»);
- "short_link": a link shortener that hides where it leads (clck.ru, vk.cc, bit.ly …);
- "fake_mark": a hand-typed copy of the bot's mark «Официальное сообщение школы».

Not flagged: questions («сколько стоит экскурсия?», «кому переводить за экскурсию?»), statements
(«завтра принесу 200 рублей на тетради», «экскурсия стоит 500 рублей»), warnings («не переводите
деньги незнакомым»). Every finder sits behind a substring gate: most messages hold none of the
gate words and cost a few `in` tests.
"""

from __future__ import annotations

import re

from bot.moderation.normalize import Normalized
from bot.moderation.rules import CLAUSES, SCAM
from bot.moderation.types import Span

RULE_ID = SCAM
CLAUSE = CLAUSES[SCAM]

SHORTENERS: tuple[str, ...] = (
    "clck.ru", "vk.cc", "bit.ly", "tinyurl.com", "goo.su", "cutt.ly", "goo.gl", "t.ly", "is.gd",
    "ow.ly", "rb.gy", "u.to", "qps.ru", "shorturl.at", "tiny.cc", "v.gd", "s.id", "bitly.com",
    "rebrand.ly", "clc.la", "clc.to", "kurl.ru", "to.click", "l.linklyhq.com", "surl.li",
)  # fmt: skip

# Gates: short pieces that every word of a pattern holds (пере- for переведите/перечислите,
# сб- for сбор/сбросимся/Сбер/СБП …), fewer `in` tests than one per word.
_REQUEST_STEMS = ("пере", "опла", "ски", "сб", "сда", "соб", "кин", "донат", "принес")
_REQUEST = re.compile(
    r"(?<![\w\-])(?:"
    r"перев[еоё]д(?:ите|и|ем|ём|им)\b|переводи(?:те|м)?\b|перечисл(?:ите|яйте|яем|им)\b"
    r"|оплат(?:ите|и|им)\b|оплачива(?:йте|ем)\b|оплатить\b"
    r"|скинь(?:те)?\b|скидыва(?:йте|емся|ем)\b|скин(?:ем|емся)\b|сброс(?:имся|ьте)\b|сбрасываемся\b"
    r"|сда(?:[её]м|йте|ть|вайте|ем)\b|собира(?:ем|ю|емся)\b|собер[её]м\b|закинь(?:те)?\b"
    r"|киньте\b|задонать(?:те)?\b|принесите\b"
    r"|(?:нужно|надо|необходимо|просьба|прошу)\s+(?:сдать|перевести|оплатить|скинуть|перечислить)\b"
    r"|(?:денежный\s+)?сбор\w*\s+(?:денег|денежных|средств)\b"
    r")"
)
_COLLECTION = re.compile(r"(?<![\w\-])сбор\s+на\s+(?!\d)[^\W\d_]")
# Every branch opens with a digit or a literal, so the regex engine skips ahead to them.
_MONEY = re.compile(
    r"\d[\d\s]{0,7}\s?(?:р\b|р\.|руб\w*|₽|т\.?\s?р\b|тыс\w*|k\b|к\b)"
    r"|по\s+\d{3,6}\b|по\s+\d[\d\s]{0,6}\s*(?:р\b|руб|₽|на\s)"
    r"|деньг|денег|денежн|с(?<!ос)редств|на\s+карт|по\s+номер|на\s+номер|на\s+сч[её]т|сбп\b|реквизит"
)
_REQUEST_WINDOW = (40, 90)  # characters before and after a request verb where money is looked for
_NEGATION = re.compile(r"(?:\bне|\bни|никому|никогда)\s+$")
_SENTENCE_END = re.compile(r"[.!?\n]")

# Without a digit, a request or requisites need one of these words (money, bank, account).
_MONEY_WORDS = ("ден", "средств", "карт", "номер", "сч", "сбп", "реквиз")
_BANKS = ("сбер", "тин", "банк", "альф", "втб", "юмани", "райф")
_DIGITS = frozenset("0123456789")
# A shortener's host ends in one of these: a sentence's full stop does not pass.
_LINK_GATE = re.compile(r"\.(?:ru|cc|ly|com|su|gl|gd|at|id|to|li|la|gy|is)\b")
# Requisites, each pattern behind the word it cannot match without (a substring test is cheaper
# than a scan that finds nothing). No look-behind in front: the engine skips ahead to the first
# literal; a lone «в» is checked after it is matched, as in patterns.words_after.
_REQUISITES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("номер",), re.compile(r"(?:по|на)\s+номер\w*\s+(?:телефона\s+)?(?:\+\s?7|8|7)[\s\-(]*\d")),
    (
        ("сбер", "тин", "банк", "альф", "втб", "юмани", "райф"),
        re.compile(
            r"(?:на|в(?<![\w\-]в))\s+(?:сбер\w*|тинь?к\w*|т-?банк\w*|альф\w*[\s\-]?банк\w*|альфу"
            r"|втб|озон[\s\-]?банк\w*|юмани|газпромбанк\w*|райф\w*)\b"
        ),
    ),
    (("сбп", "реквиз"), re.compile(r"сбп\b|реквизит\w*")),
    (
        ("бик", "р/с", "расч"),
        re.compile(r"бик\s*:?\s*\d{9}\b|(?:р/с|расч[её]тн\w*\s+сч[её]т\w*)\s*:?\s*\d"),
    ),
    (("карт",), re.compile(r"(?:номер\w*\s+карт\w*|на\s+карт\w*)[^\n\d]{0,25}\d{4}")),
    (
        ("40",),
        re.compile(r"4(?<!\d4)0[5-8]\d{2}[\s\-]?\d{3}[\s\-]?\d[\s\-]?\d{4}[\s\-]?\d{7}(?!\d)"),
    ),
)
_CODE_REQUEST = re.compile(
    r"(?<![\w\-])(?:продиктуй|назови|скажи|пришли|скинь|сообщи|отправь|перешли|напиши|кинь)\w*"
    r"\s+(?:[\w\-]+\s+){0,3}?код\w*[^.!?\n]{0,40}?(?:смс|sms|сообщени|прид[её]т|пришел|пришёл|"
    r"пришла|придут|банка)"
)
_TRAILING = ".,;:!?)]}'»\""
_MARK = "официальное сообщение школы"
_LINK_TAIL = r"(?:/[^\s<>\"«»]*)?"
_SHORT_LINK = re.compile(
    r"(?<![\w.\-@])(?:https?://)?(?:www\.)?(?:"
    + "|".join(re.escape(s) for s in sorted(SHORTENERS, key=len, reverse=True))
    + r")(?![\w\-])"
    + _LINK_TAIL
)


def _holds(low: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word in low:
            return True
    return False


def _question(low: str, end: int) -> bool:
    m = _SENTENCE_END.search(low, end)
    return m is not None and m.group() == "?"


def _requests(low: str) -> list[Span]:
    if not _MONEY.search(low):  # every request needs a money word: the cheaper scan first
        return []
    spans = []
    before, after = _REQUEST_WINDOW
    for m in _REQUEST.finditer(low):
        if _NEGATION.search(low[max(0, m.start() - 12) : m.start()]) or _question(low, m.end()):
            continue
        if m.group().startswith("сбор") or _MONEY.search(low, max(0, m.start() - before),
                                                          m.end() + after):  # fmt: skip
            spans.append(Span(m.start(), m.end(), "money_request"))
    if "сбор" in low and not spans:
        for m in _COLLECTION.finditer(low):
            if not _question(low, m.end()) and _MONEY.search(low):
                spans.append(Span(m.start(), m.end(), "money_request"))
    return spans


def find(norm: Normalized) -> list[Span]:
    low = norm.lower
    spans: list[Span] = []
    money = not _DIGITS.isdisjoint(norm.chars) or _holds(low, _MONEY_WORDS)
    if money and _holds(low, _REQUEST_STEMS):
        spans += _requests(low)
    if money or _holds(low, _BANKS):
        for words, pattern in _REQUISITES:
            if _holds(low, words):
                spans += [Span(m.start(), m.end(), "requisites") for m in pattern.finditer(low)]
    if "код" in low:
        spans += [Span(m.start(), m.end(), "code_request") for m in _CODE_REQUEST.finditer(low)]
    if "." in norm.chars and _LINK_GATE.search(low):
        for m in _SHORT_LINK.finditer(low):
            link = m.group().rstrip(_TRAILING)
            spans.append(Span(m.start(), m.start() + len(link), "short_link"))
    if "официальн" in low and _MARK in low.replace("ё", "е"):
        start = low.find("официальн")
        spans.append(Span(start, start + len(_MARK), "fake_mark"))
    return sorted(spans, key=lambda s: s.start)
