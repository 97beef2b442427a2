"""Texts of the bot's start-up and of its basic replies."""

SELF_CHECK_BAD_TOKEN = (
    "Ключ доступа сообщества не подходит (ВКонтакте ответил: {detail}). "
    "Создайте новый ключ в «Управление → Работа с API → Ключи доступа» с правами "
    "«сообщения сообщества» и «управление сообществом» и задайте его в SCHOOLBOT_VK_TOKEN."
)
SELF_CHECK_WRONG_GROUP = (
    "Ключ доступа принадлежит сообществу {actual}, а в настройках указано [vk].group_id = "
    "{expected}. Исправьте group_id или возьмите ключ нужного сообщества."
)
SELF_CHECK_NO_LONG_POLL = (
    "Long Poll API сообщества недоступен (ВКонтакте ответил: {detail}). Включите его: "
    "«Управление → Работа с API → Long Poll API», версия {version}, типы событий: "
    "входящее сообщение, редактирование сообщения, действие с сообщением (message_event)."
)
SELF_CHECK_UNREACHABLE = (
    "Не удалось связаться с API ВКонтакте по адресу {url} ({detail}). "
    "Проверьте доступ в интернет и ключ [vk].api_url."
)
SELF_CHECK_OK = "Проверка пройдена: сообщество «{name}» (id {id}), Long Poll доступен."

RUN_SANDBOX = (
    "Ключ доступа не задан — бот работает с песочницей VK на {url}\n"
    "  Страница песочницы — попробуйте бота за администратора, куратора, родителя: {url}/_sandbox/\n"
    "  API песочницы: {url}/method/  (ключ: {token})\n"
    "  Управление песочницей из программ (JSON): POST {url}/_sandbox/<действие>\n"
    "  База данных: {db}\n"
    "{kept}"
    "Остановить: Ctrl+C."
)
RUN_SANDBOX_EXAMPLE = (
    "  В песочнице уже есть ученики и родители из примера: загрузите его командой "
    "«schoolbot roster import examples/roster.csv» — и это школа, в которой можно пробовать."
)
RUN_VK = "Бот «{school}» запущен и слушает сообщество {group_id}. Остановить: Ctrl+C."
RUN_CALLBACK = (
    "События ВКонтакте приходят по Callback API на {url} — этот адрес (через HTTPS) указан"
    " в настройках сообщества: «Управление → Работа с API → Callback API»."
)
RUN_HEALTH = "Состояние бота: {url}/health, метрики Prometheus: {url}/metrics"
STOPPED = "Бот остановлен."
UNNAMED_ADMIN = "Администратор (id{id})"
COMMAND_LINE_ACTOR = "командная строка"
