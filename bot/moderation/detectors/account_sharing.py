"""`account_sharing` (п. 4.6): giving third parties access to an account, or asking for it.

Kinds:
- "password": a password posted in the chat («пароль: Qwerty12», «логин ivanova, пароль 1234abcd»);
  the span is the password itself, so masking hides it;
- "code": a confirmation code posted («код из смс 4821», «код подтверждения: 123456»);
- "request": asking for someone's password, login, code or account («скиньте код, который
  придёт», «дай свой пароль от госуслуг», «продиктуйте код из смс»);
- "account_use": using someone else's account («зайди под моим логином», «войду с маминого
  аккаунта»), or handing one over («продам аккаунт»).

Not flagged: warnings and help questions («никому не сообщайте код», «как восстановить пароль
от дневника?», «пароль должен содержать 8 символов»), «код» of a program or a lesson.
"""

from __future__ import annotations

import re

from bot.moderation.normalize import Normalized
from bot.moderation.patterns import words_after
from bot.moderation.rules import ACCOUNT_SHARING, CLAUSES
from bot.moderation.types import Span

RULE_ID = ACCOUNT_SHARING
CLAUSE = CLAUSES[ACCOUNT_SHARING]

# Nothing is flagged unless the message holds one of these (substring tests: cheaper than a regex
# scan over the message).
_GATE_WORDS = tuple("парол код логин аккаунт учетк учётк доступ профил страниц".split())
_GATE_LATIN = ("pass", "pwd", "login")  # looked for only when the message has Latin letters
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")

_PASSWORD = re.compile(
    words_after(("пароль", "пароля", "паролем", "пасс", "password", "passwd", "pass", "pwd"), r"\w")
    + r"\b"
    r"(?:\s+(?:от|для|к|на)\s+[\w\-]+\b(?:\s+[\w\-]+\b)?)?"
    r"\s*(?:[:=\-—–]|\s+это|\s+такой|\s+будет|\s+тот\s+же)?\s*"
    r"(?P<v>[^\s,;«»\"']{4,40}?)(?=[\s,;.!?)»\"']*(?:\s|$))"
)
_SECRET_LOOK = re.compile(r"[0-9a-z]")
_URLISH = re.compile(r"://|^www\.|\.(?:ru|com|рф)\b")

_CODE = re.compile(r"к(?<!\wк)од\w{0,3}\b(?P<gap>[^\n\d]{0,40}?)(?<!\d)(?P<v>\d{4,8})(?!\d)")
_CODE_CONTEXT = re.compile(
    r"смс|sms|подтвержд|сообщени|вход|госуслуг|сферум|\bвк\b|vk|дневник|авториз|прид[её]т|"
    r"пришел|пришёл|пришла|из приложения|из почты|верификац|одноразов"
)

_VERBS = (
    r"скинь|скиньте|скинуть|дай|дайте|пришли|пришлите|перешли|перешлите|продиктуй|продиктуйте|"
    r"сообщи|сообщите|отправь|отправьте|напиши|напишите|скажи|скажите|назови|назовите|кинь|"
    r"киньте|сбрось|сбросьте|дашь|дадите|покажи|покажите|нужен|нужна|нужно"
)
_REQUEST = re.compile(
    words_after(_VERBS.split("|"), r"\w", "не ") + r"\b(?P<gap>(?:[\s,]+[\w\-]+){0,4}?)[\s,]+"
    r"(?P<obj>парол\w*|логин\w*|аккаунт\w*|уч[её]тк\w*|код\w{0,3}\b"
    r"|доступ\w*\s+(?:к|от|в)\s+(?:[\w\-]+\s+)?(?:аккаунт|страниц|профил|госуслуг|дневник|сферум"
    r"|почт|вк|vk)\w*)"
)
# «Введите код из смс на сайте …»: a code typed into a third-party page is a code handed over.
_ENTER_ELSEWHERE = re.compile(
    words_after(("введи", "введите", "укажи", "укажите", "вбей", "вбейте"), r"\w")
    + r"\s+(?:[\w\-]+\s+){0,3}?(?:код|парол)\w*"
    r"[^.!?\n]{0,40}?(?:на сайте|по ссылке|на странице|в форме|в боте)"
)
_GAP_WORD = re.compile(r"[\w\-]+")
_QUESTION_WORDS = frozenset(
    "как где почему зачем куда откуда если сменить восстановить поменять сбросить забыл забыла "
    "новый новую придумать не".split()
)

_OWNERS = (
    r"моим|моего|мой|мою|моей|твоим|твоего|твой|твою|твоей|вашим|вашего|ваш|вашу|вашей|чужим|"
    r"чужого|чужой|чужую|его|ее|её|маминым|маминого|мамин|маминой|папиным|папиного|папин|папиной"
)
_ACCOUNT_VERBS = (
    "зайди зайдите зайти зайду войди войдите войти войду заходи заходите захожу залогинься "
    "залогиньтесь авторизуйся авторизуйтесь сиди сидит сижу пиши пишу сидеть"
).split()
_ACCOUNT_USE = re.compile(
    words_after(_ACCOUNT_VERBS, r"\w") + r"\b(?:\s+[\w\-]+){0,2}?\s+(?:под|в|с|со|через|на)\s+"
    rf"(?:{_OWNERS})\s+(?:аккаунт|логин|уч[её]тн|профил|страниц|дневник|госуслуг|сферум|вк|почт)\w*"
)
_HAND_OVER_VERBS = (
    "передам продам отдам передаю продаю отдаю передай передайте продай куплю одолжу одолжи"
).split()
_HAND_OVER = re.compile(
    words_after(_HAND_OVER_VERBS, r"\w", "не ")
    + r"\s+(?:[\w\-]+\s+)?(?:аккаунт|уч[её]тк|логин|доступ\s+к\s+аккаунт)\w*"
)


# Words each pattern can't match without (substring tests, cheaper than a scan that finds nothing).
_PASSWORD_WORDS = ("парол", "пасс", "pass", "pwd")
_REQUEST_OBJECTS = ("парол", "логин", "аккаунт", "учетк", "учётк", "код", "доступ")
_ACCOUNT_OBJECTS = tuple(
    "аккаунт логин учетн учётн профил страниц дневник госуслуг сферум вк почт".split()
)
_HAND_OVER_OBJECTS = ("аккаунт", "учетк", "учётк", "логин")


def _holds(low: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word in low:
            return True
    return False


def find(norm: Normalized) -> list[Span]:
    low = norm.lower
    if not (
        _holds(low, _GATE_WORDS) or (not _LATIN.isdisjoint(norm.chars) and _holds(low, _GATE_LATIN))
    ):
        return []
    spans: list[Span] = []
    for m in _PASSWORD.finditer(low) if _holds(low, _PASSWORD_WORDS) else ():
        value = m.group("v").rstrip(".!?)")
        if _SECRET_LOOK.search(value) and not _URLISH.search(value):
            start = m.start("v")
            spans.append(Span(start, start + len(value), "password"))
    for m in _CODE.finditer(low) if "код" in low else ():
        window = low[max(0, m.start() - 30) : m.end() + 30]
        if _CODE_CONTEXT.search(window):
            spans.append(Span(m.start("v"), m.end("v"), "code"))
    for m in _REQUEST.finditer(low) if _holds(low, _REQUEST_OBJECTS) else ():
        gap = set(_GAP_WORD.findall(m.group("gap")))
        if not _QUESTION_WORDS.isdisjoint(gap):
            continue
        obj = m.group("obj")
        if obj.startswith("код"):
            window = low[m.start() : m.end() + 40]
            if not _CODE_CONTEXT.search(window):
                continue
        spans.append(Span(m.start(), m.end(), "request"))
    for m in _ENTER_ELSEWHERE.finditer(low) if "код" in low or "парол" in low else ():
        spans.append(Span(m.start(), m.end(), "request"))
    for m in _ACCOUNT_USE.finditer(low) if _holds(low, _ACCOUNT_OBJECTS) else ():
        spans.append(Span(m.start(), m.end(), "account_use"))
    for m in _HAND_OVER.finditer(low) if _holds(low, _HAND_OVER_OBJECTS) else ():
        spans.append(Span(m.start(), m.end(), "account_use"))
    return sorted(spans, key=lambda s: s.start)
