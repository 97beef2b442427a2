"""Russian texts for moderation: rule names, clause references, kinds of personal data.

Used later in warnings to people and alerts to administrators. Keys are the stable rule ids of
bot/moderation/rules.py and the `kind` values of its detectors.
"""

from __future__ import annotations

REGULATION = "Положения об использовании VK-мессенджера"

RULE_NAMES: dict[str, str] = {
    "profanity": "нецензурная лексика",
    "insult": "оскорбление участников",
    "personal_data": "чужие персональные данные",
    "account_sharing": "передача доступа к аккаунту",
    "external_link": "ссылка на сторонний сайт",
    "flood": "флуд",
    "raid": "массовое вступление в чат",
}

CLAUSE_TEXTS: dict[str, str] = {
    "4.5": (
        "п. 4.5: выражать мысли в вежливой форме, не использовать ненормированную лексику "
        "и не оскорблять других участников образовательного процесса"
    ),
    "4.6": (
        "п. 4.6: не нарушать права и интересы других лиц, не собирать и не распространять "
        "чужие персональные данные, не предоставлять третьим лицам доступ к своему аккаунту"
    ),
}

KIND_NAMES: dict[str, str] = {
    "phone": "номер телефона",
    "email": "адрес электронной почты",
    "card": "номер банковской карты",
    "oms": "номер полиса ОМС",
    "snils": "СНИЛС",
    "inn": "ИНН",
    "passport": "паспортные данные",
    "birth_certificate": "данные свидетельства о рождении",
    "address": "домашний адрес",
    "password": "пароль",
    "code": "код подтверждения",
    "request": "просьба передать пароль или код",
    "account_use": "вход в чужой аккаунт",
    "link": "ссылка вне списка разрешённых сайтов",
}


def rule_title(rule: str, clause: str) -> str:
    """«нецензурная лексика (п. 4.5 Положения об использовании VK-мессенджера)»."""
    return f"{RULE_NAMES.get(rule, rule)} (п. {clause} {REGULATION})"


WARNING = "Сообщение удалено: {rule_title}. Пожалуйста, соблюдайте правила чата."
ADMIN_ALERT = "Нарушение в чате «{chat}»: {rule_title}. Автор: {author}. Текст: {masked}"
FLOOD_WARNING = "Слишком много сообщений подряд. Пожалуйста, пишите реже."
RAID_ALERT = "В чат «{chat}» за короткое время вступило слишком много участников."
