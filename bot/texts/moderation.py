"""Russian texts for moderation: rule names, clause references, kinds of personal data.

Used later in warnings to people and alerts to administrators. Keys are the stable rule ids of
bot/moderation/rules.py and the `kind` values of its detectors.
"""

from __future__ import annotations

from bot.texts.grammar import DAYS, MINUTES_ACC, counted

REGULATION = "Положения об использовании VK-мессенджера"

RULE_NAMES: dict[str, str] = {
    "profanity": "нецензурная лексика",
    "insult": "оскорбление участников",
    "personal_data": "чужие персональные данные",
    "account_sharing": "передача доступа к аккаунту",
    "external_link": "ссылка на сторонний сайт",
    "flood": "флуд",
    "raid": "массовое вступление в чат",
    "report": "жалоба участника",
    "scam": "сбор денег, реквизиты или подозрительная ссылка",
    "impersonation": "выдаёт себя за сотрудника школы",
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
    "money_request": "просьба перевести или сдать деньги",
    "requisites": "реквизиты для перевода денег",
    "code_request": "просьба сообщить код из СМС",
    "short_link": "короткая ссылка, которая скрывает адрес сайта",
    "fake_mark": "поддельная отметка «Официальное сообщение школы»",
    "qr": "QR-код на картинке",
}


def rule_title(rule: str, clause: str) -> str:
    """«нецензурная лексика (п. 4.5 Положения об использовании VK-мессенджера)»."""
    return f"{RULE_NAMES.get(rule, rule)} (п. {clause} {REGULATION})"


STEP_NAMES: dict[str, str] = {
    "deleted": "сообщение удалено",
    "warned": "автор предупреждён",
    "restricted": "запрет писать",
    "removed": "автор исключён из чата",
    "delete_failed": "удалить не удалось (у бота нет прав администратора в чате)",
    "restrict_failed": "запретить писать не удалось",
    "remove_failed": "исключить не удалось",
    "link_reset": "ссылка-приглашение заменена, старая не действует",
}
RESOLUTION_NAMES: dict[str, str] = {
    "forgiven": "прощено",
    "removed": "исключён",
    "ok": "просмотрено",
}
BUTTON_FORGIVE = "Простить"
BUTTON_REMOVE = "Исключить"
BUTTON_OK = "Ок"


def mention(vk_id: int, name: str) -> str:
    return f"[id{vk_id}|{name}]"


# --------------------------------------------------------------------- in the chat, to the author


def warning(
    who: str,
    rule: str,
    clause: str,
    kind: str | None,
    *,
    deleted: bool,
    restrict_minutes: int | None,
    removed: bool,
) -> str:
    """Never repeats what was written: names the rule and the clause only."""
    what = KIND_NAMES.get(kind or "", "") if rule in ("personal_data", "account_sharing") else ""
    title = rule_title(rule, clause) + (f": {what}" if what else "")
    if rule == "scam" and deleted:
        text = scam_warning(who, kind)
    elif rule == "flood":
        text = f"{who}, слишком много сообщений подряд — {title}. Пожалуйста, пишите реже."
    elif deleted:
        text = f"{who}, ваше сообщение удалено — {title}. Пожалуйста, соблюдайте правила чата."
    else:
        text = (
            f"{who}, пожалуйста, не публикуйте в общем чате личные данные — {title}. "
            "Если это ваши контакты, лучше отправить их лично тому, кому они нужны."
        )
    if removed:
        text += " Нарушения повторяются, поэтому вы исключены из чата. Вернуть вас может куратор."
    elif restrict_minutes:
        text += f" Писать в чат вы сможете через {counted(restrict_minutes, MINUTES_ACC)}."
    return text


SCAM_ADVICE = (
    "Если сбор настоящий, объявите его сами: сообщения сотрудников бот не задерживает. "
    "Если аккаунт автора взломан, «Исключить» уберёт его из чата; «Ок» — просмотрено."
)


def scam_warning(who: str, kind: str | None) -> str:
    what = KIND_NAMES.get(kind or "", "сбор денег")
    return (
        f"{who}, ваше сообщение скрыто ({what}). В чатах школы деньги, реквизиты, коды из СМС "
        "и короткие ссылки публикуют только сотрудники школы — так чаще всего действуют "
        "мошенники со взломанных аккаунтов. Классный руководитель уже знает и проверит. "
        "Уважаемые участники, пожалуйста, не переводите деньги и не сообщайте коды по таким "
        "сообщениям. Если ваш аккаунт взломали, смените пароль."
    )


# --------------------------------------------------------------------- to the curator and admins


def alert(
    *,
    chat: str,
    author: str,
    rule: str,
    clause: str,
    masked: str,
    steps: list[str],
    warnings: int | None,
    days: int,
    restrict_minutes: int | None,
) -> str:
    done = [STEP_NAMES.get(s, s) for s in steps]
    if restrict_minutes and "restricted" in steps:
        done[steps.index("restricted")] += f" на {counted(restrict_minutes, MINUTES_ACC)}"
    lines = [
        f"Подозрение на мошенничество в чате «{chat}»"
        if rule == "scam"
        else f"Нарушение в чате «{chat}»",
        f"Автор: {author}",
        f"Правило: {rule_title(rule, clause)}",
        f"Текст (личные данные скрыты): «{masked}»",
        "Сделано: " + (", ".join(done) if done else "ничего") + ".",
    ]
    if warnings:
        lines.append(f"Действующих предупреждений за {counted(days, DAYS)}: {warnings}.")
    if rule == "scam" and not warnings:
        lines.append(SCAM_ADVICE)
        return "\n".join(lines)
    if rule == "scam":
        lines.append(SCAM_ADVICE)
    lines.append("«Простить» снимет предупреждение и запрет писать; «Исключить» удалит из чата.")
    return "\n".join(lines)


def report_alert(*, chat: str, reporter: str, author: str, masked: str, reason: str | None) -> str:
    lines = [
        f"Жалоба из чата «{chat}»",
        f"Пожаловался(-ась): {reporter}",
        f"На сообщение: {author}",
        f"Текст (личные данные скрыты): «{masked}»",
    ]
    if reason:
        lines.append(f"Причина: {reason}")
    lines.append("Решите, что делать: «Исключить» удалит автора из чата.")
    return "\n".join(lines)


def raid_alert(*, chat: str, joins: int, seconds: int, link_reset: bool) -> str:
    text = (
        f"В чат «{chat}» по ссылке вступило больше {joins} человек за {seconds} с — "
        f"похоже на наплыв посторонних ({rule_title('raid', '4.6')})."
    )
    if link_reset:
        return text + " Ссылка-приглашение заменена новой: старая больше не действует."
    return text + " Заменить ссылку-приглашение не удалось: проверьте права бота в чате."


def for_unreachable(mentions: str) -> str:
    return f"{mentions}: не могу написать вам в личные сообщения, поэтому пишу здесь.\n"


def how_to_allow(community_link: str) -> str:
    return (
        "\nЧтобы получать такие сообщения лично, откройте диалог с сообществом "
        f"{community_link} и нажмите «Начать» (или «Разрешить сообщения»)."
    )


# --------------------------------------------------------------------- buttons (pop-up notes)

PRESS_FORGIVEN = "Прощено: предупреждение снято, писать снова можно."
PRESS_FORGIVEN_REMOVED = "Предупреждение снято. Вернуть в чат можно по приглашению."
PRESS_REMOVED = "Автор исключён из чата."
PRESS_REMOVE_FAILED = "Исключить не удалось: у бота нет прав администратора в чате."
PRESS_OK = "Отмечено как просмотренное."
PRESS_ALREADY = "Решение по этому нарушению уже принято."
PRESS_REFUSED = "Это решают куратор класса и администраторы."
PRESS_UNKNOWN = "Это нарушение не найдено."

# --------------------------------------------------------------------- reports

REPORT_SENT = "Спасибо! Жалоба передана куратору и администраторам. Ваше сообщение в чате скрыто."
REPORT_NEEDS_REPLY = "Чтобы пожаловаться, ответьте словом «жалоба» на само сообщение в чате."
REPORT_LIMIT = "Вы отправили много жалоб за последний час. Пожалуйста, подождите немного."
REPORT_ONLY_IN_CHAT = "Жалоба отправляется из чата: ответьте словом «жалоба» на сообщение."

# --------------------------------------------------------------------- «нарушения»

NO_INCIDENTS = "Нарушений с такими условиями нет."


def incident_line(
    *, when: str, chat: str, author: str, rule: str, clause: str, steps: list[str], masked: str,
    resolution: str | None,
) -> str:  # fmt: skip
    title = RULE_NAMES.get(rule, rule) + (f" (п. {clause})" if clause else "")
    done = ", ".join(STEP_NAMES.get(s, s) for s in steps)
    line = f"• {when} · «{chat}» · {author} · {title}"
    if done:
        line += f" · {done}"
    line += f" · «{masked[:200]}»"
    if resolution:
        line += f" · {RESOLUTION_NAMES.get(resolution, resolution)}"
    return line


def incident_list(lines: list[str]) -> str:
    return f"Нарушения ({len(lines)}), сначала новые:\n" + "\n".join(lines)


def impostor_alert(*, chat: str, who: str, title: str | None, member: str | None) -> str:
    """An account whose name poses as staff, in a school chat."""
    if member:
        claim = (
            f"Участник {who} назвался именем сотрудника школы ({member}), но это не тот "
            "аккаунт, что указан в списках школы."
        )
    else:
        claim = (
            f"Имя участника {who} выдаёт его за сотрудника школы («{title}»), но в списках "
            "школы этот аккаунт сотрудником не значится."
        )
    return "\n".join(
        [
            f"Возможный самозванец в чате «{chat}»",
            claim,
            "Так действуют мошенники: просят деньги или коды из СМС от имени школы. "
            "Проверьте и, если это не сотрудник, предупредите участников чата.",
            "«Исключить» удалит этот аккаунт из чата.",
        ]
    )


def qr_note(text: str) -> str:
    """What a QR code in a held-back picture said, for the curator (masked, shortened)."""
    short = text if len(text) <= 200 else text[:200] + "…"
    return f"[QR-код на картинке: {short}]"
