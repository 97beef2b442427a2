"""The bot's settings: config.toml read into pydantic models, secrets from the environment.

Every field carries a Russian hint (`description`) that `ConfigError` shows when the value is
missing or wrong, so the person starting the bot learns which key to fix and how.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.domain.chats import STAFF_KINDS, ChatKind, GatePolicy, TitleTemplates
from bot.domain.events import CHAT_PEER_BASE
from bot.domain.quiet import QuietPolicy, QuietRules, expand_holidays, parse_holiday
from bot.moderation.rules import ALL_RULES, EXTERNAL_LINK
from bot.texts import config as texts

VK_API_URL = "https://api.vk.ru/method/"
TOKEN_ENV = "SCHOOLBOT_VK_TOKEN"
CALLBACK_SECRET_ENV = "SCHOOLBOT_VK_CALLBACK_SECRET"
CONFIG_ENV = "SCHOOLBOT_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CallbackConfig(_Section):
    host: Annotated[str, Field(min_length=1, description=texts.HINT_CALLBACK_HOST)] = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535, description=texts.HINT_CALLBACK_PORT)] = 8080
    path: Annotated[str, Field(pattern=r"^/[\w\-./]*$", description=texts.HINT_CALLBACK_PATH)] = (
        "/vk/callback"
    )
    confirmation: Annotated[
        str | None, Field(min_length=1, description=texts.HINT_CALLBACK_CONFIRMATION)
    ] = None
    secret: Annotated[SecretStr | None, Field(description=texts.HINT_CALLBACK_SECRET)] = None


class HealthConfig(_Section):
    host: Annotated[str, Field(min_length=1, description=texts.HINT_HEALTH_HOST)] = "127.0.0.1"
    port: Annotated[int, Field(ge=0, le=65535, description=texts.HINT_HEALTH_PORT)] = 0


class VkConfig(_Section):
    group_id: Annotated[int, Field(gt=0, description=texts.HINT_GROUP_ID)]
    token: Annotated[SecretStr | None, Field(description=texts.HINT_TOKEN)] = None
    api_url: Annotated[str, Field(description=texts.HINT_API_URL)] = VK_API_URL
    api_version: Annotated[str, Field(pattern=r"^5\.\d+$", description=texts.HINT_API_VERSION)] = (
        "5.199"
    )
    requests_per_second: Annotated[int, Field(ge=1, le=20, description=texts.HINT_RPS)] = 20
    long_poll_wait: Annotated[int, Field(ge=1, le=90, description=texts.HINT_LP_WAIT)] = 25
    screen_name: Annotated[
        str | None, Field(pattern=r"^[A-Za-z0-9_.]{2,64}$", description=texts.HINT_SCREEN_NAME)
    ] = None
    request_timeout: Annotated[
        float, Field(ge=1, le=120, description=texts.HINT_REQUEST_TIMEOUT)
    ] = 20.0
    intake: Annotated[Literal["longpoll", "callback"], Field(description=texts.HINT_INTAKE)] = (
        "longpoll"
    )
    callback: Annotated[CallbackConfig, Field(description=texts.HINT_SECTION_CALLBACK)] = (
        CallbackConfig()
    )

    @property
    def community_address(self) -> str:
        """The community's short name, for vk.me links made without asking VK."""
        return self.screen_name or f"club{self.group_id}"

    @field_validator("api_url")
    @classmethod
    def _url_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(texts.BAD_URL)
        # vkbottle appends the method name to this prefix as is.
        return value if value.endswith("/") else value + "/"


class SchoolConfig(_Section):
    name: Annotated[str, Field(min_length=1, description=texts.HINT_SCHOOL_NAME)]
    timezone: Annotated[str, Field(description=texts.HINT_TIMEZONE)] = "Europe/Moscow"
    admins: Annotated[list[int], Field(min_length=1, description=texts.HINT_ADMINS)]

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(texts.BAD_TIMEZONE) from exc
        return value

    @field_validator("admins")
    @classmethod
    def _positive_ids(cls, value: list[int]) -> list[int]:
        if any(vk_id <= 0 for vk_id in value):
            raise ValueError(texts.BAD_ADMIN_ID)
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class TitlesConfig(_Section):
    pupils: Annotated[str, Field(description=texts.HINT_TITLE)] = "{class} · ученики"
    parents: Annotated[str, Field(description=texts.HINT_TITLE)] = "{class} · родители"
    subject: Annotated[str, Field(description=texts.HINT_TITLE)] = "{class} · {subject}"
    teachers_room: Annotated[str, Field(description=texts.HINT_TITLE)] = "Учительская"
    director_deputies: Annotated[str, Field(description=texts.HINT_TITLE)] = "Администрация"
    director_teachers: Annotated[str, Field(description=texts.HINT_TITLE)] = "Директор и педагоги"
    channel_general: Annotated[str, Field(description=texts.HINT_TITLE)] = "Общий канал школы"
    channel_staff: Annotated[str, Field(description=texts.HINT_TITLE)] = "Сотрудники"

    @model_validator(mode="after")
    def _templates_work(self) -> TitlesConfig:
        try:
            self.templates()
        except ValueError as exc:
            raise ValueError(texts.bad_title(str(exc))) from None
        return self

    def templates(self) -> TitleTemplates:
        return TitleTemplates(**self.model_dump())


class ChatsConfig(_Section):
    invite_days: Annotated[int, Field(ge=1, le=90, description=texts.HINT_INVITE_DAYS)] = 14
    gate_policy: Annotated[GatePolicy, Field(description=texts.HINT_GATE_POLICY)] = (
        GatePolicy.REMOVE
    )
    titles: Annotated[TitlesConfig, Field(description=texts.HINT_SECTION_TITLES)] = TitlesConfig()
    digest_seconds: Annotated[
        float, Field(ge=0.1, le=60, description=texts.HINT_DIGEST_SECONDS)
    ] = 2.0
    digest_longest_seconds: Annotated[
        float, Field(ge=1, le=600, description=texts.HINT_DIGEST_LONGEST)
    ] = 30.0
    rights_check_minutes: Annotated[
        int, Field(ge=1, le=1440, description=texts.HINT_RIGHTS_CHECK_MINUTES)
    ] = 10


class StorageConfig(_Section):
    path: Annotated[Path, Field(description=texts.HINT_DB_PATH)] = Path("data/schoolbot.sqlite3")


def _known_rules(value: list[str]) -> list[str]:
    unknown = [rule for rule in value if rule not in ALL_RULES]
    if unknown:
        raise ValueError(texts.bad_rules(unknown, ALL_RULES))
    return value


class ChatKindModerationConfig(_Section):
    off: Annotated[list[str], Field(description=texts.HINT_MOD_OFF)] = []
    warn_only: Annotated[list[str], Field(description=texts.HINT_MOD_WARN_ONLY)] = []

    _rules = field_validator("off", "warn_only")(_known_rules)


# Staff talk among themselves: links to the school's own resources are their daily work.
DEFAULT_KIND_MODERATION: dict[ChatKind, ChatKindModerationConfig] = {
    kind: ChatKindModerationConfig(off=[EXTERNAL_LINK]) for kind in sorted(STAFF_KINDS)
}


class ModerationConfig(_Section):
    enabled: Annotated[bool, Field(description=texts.HINT_MOD_ENABLED)] = True
    warning_days: Annotated[int, Field(ge=1, le=365, description=texts.HINT_MOD_WARNING_DAYS)] = 30
    restrict_after: Annotated[
        int, Field(ge=1, le=100, description=texts.HINT_MOD_RESTRICT_AFTER)
    ] = 2
    restrict_minutes: Annotated[
        int, Field(ge=1, le=43200, description=texts.HINT_MOD_RESTRICT_MINUTES)
    ] = 60
    remove_after: Annotated[int, Field(ge=1, le=100, description=texts.HINT_MOD_REMOVE_AFTER)] = 4
    flood_messages: Annotated[int, Field(ge=2, le=100, description=texts.HINT_MOD_FLOOD)] = 8
    flood_seconds: Annotated[int, Field(ge=1, le=3600, description=texts.HINT_MOD_FLOOD)] = 10
    raid_joins: Annotated[int, Field(ge=2, le=1000, description=texts.HINT_MOD_RAID)] = 10
    raid_seconds: Annotated[int, Field(ge=1, le=3600, description=texts.HINT_MOD_RAID)] = 60
    alert_to: Annotated[Literal["dm", "log_chat"], Field(description=texts.HINT_MOD_ALERT_TO)] = (
        "dm"
    )
    log_chat_peer_id: Annotated[
        int | None, Field(gt=CHAT_PEER_BASE, description=texts.HINT_MOD_LOG_CHAT)
    ] = None
    allowed_domains: Annotated[list[str], Field(description=texts.HINT_MOD_DOMAINS)] = []
    exempt_staff_rules: Annotated[list[str], Field(description=texts.HINT_MOD_EXEMPT)] = [
        EXTERNAL_LINK
    ]
    reports_per_hour: Annotated[int, Field(ge=1, le=100, description=texts.HINT_MOD_REPORTS)] = 5
    scam_counts: Annotated[bool, Field(description=texts.HINT_MOD_SCAM_COUNTS)] = False
    impersonation: Annotated[bool, Field(description=texts.HINT_MOD_IMPERSONATION)] = True
    qr_codes: Annotated[bool, Field(description=texts.HINT_MOD_QR)] = True
    kinds: Annotated[
        dict[ChatKind, ChatKindModerationConfig], Field(description=texts.HINT_MOD_KINDS)
    ] = DEFAULT_KIND_MODERATION

    _rules = field_validator("exempt_staff_rules")(_known_rules)

    @field_validator("kinds")
    @classmethod
    def _over_defaults(
        cls, value: dict[ChatKind, ChatKindModerationConfig]
    ) -> dict[ChatKind, ChatKindModerationConfig]:
        return {**DEFAULT_KIND_MODERATION, **value}

    @model_validator(mode="after")
    def _consistent(self) -> ModerationConfig:
        if self.remove_after <= self.restrict_after:
            raise ValueError(texts.BAD_MOD_THRESHOLDS)
        if self.alert_to == "log_chat" and self.log_chat_peer_id is None:
            raise ValueError(texts.BAD_MOD_LOG_CHAT)
        return self

    def for_kind(self, kind: ChatKind) -> ChatKindModerationConfig:
        found = self.kinds.get(kind)
        return found if found is not None else ChatKindModerationConfig()


def _cron(value: str) -> str:
    if not value.strip():
        return ""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value.strip())
    except ValueError as exc:
        raise ValueError(texts.bad_cron(str(exc))) from None
    return value.strip()


class AuditsConfig(_Section):
    invites: Annotated[str, Field(description=texts.HINT_CRON)] = "0 7 * * *"
    members: Annotated[str, Field(description=texts.HINT_CRON)] = "30 7 * * *"
    rights: Annotated[str, Field(description=texts.HINT_CRON)] = "0 8 * * 1"
    warnings: Annotated[str, Field(description=texts.HINT_CRON)] = "15 3 * * *"
    weekly_report: Annotated[str, Field(description=texts.HINT_CRON)] = "0 9 * * 1"

    _crons = field_validator("invites", "members", "rights", "warnings", "weekly_report")(_cron)


class SchoolYearConfig(_Section):
    graduate_chats: Annotated[
        Literal["leave", "read_only"], Field(description=texts.HINT_GRADUATE_CHATS)
    ] = "read_only"


SPEAKER_ROLES = ("admin", "director", "deputy", "curator", "teacher")


class PostsConfig(_Section):
    speakers: Annotated[list[str], Field(description=texts.HINT_POSTS_SPEAKERS)] = [
        "admin",
        "director",
        "deputy",
    ]
    grace_minutes: Annotated[int, Field(ge=0, le=1440, description=texts.HINT_POSTS_GRACE)] = 30

    @field_validator("speakers")
    @classmethod
    def _known_roles(cls, value: list[str]) -> list[str]:
        unknown = [role for role in value if role not in SPEAKER_ROLES]
        if unknown:
            raise ValueError(texts.bad_speakers(unknown, SPEAKER_ROLES))
        return value


class AcksConfig(_Section):
    remind_after_hours: Annotated[int, Field(ge=1, le=720, description=texts.HINT_ACKS_REMIND)] = 24


class ConfidentialConfig(_Section):
    psychologist: Annotated[
        int | None, Field(gt=0, description=texts.HINT_CONFIDENTIAL_PSYCHOLOGIST)
    ] = None
    psychologist_title: Annotated[
        str, Field(min_length=1, max_length=100, description=texts.HINT_CONFIDENTIAL_TITLE)
    ] = "школьный психолог"
    appeals_per_day: Annotated[
        int, Field(ge=1, le=50, description=texts.HINT_CONFIDENTIAL_PER_DAY)
    ] = 5


def _clock_time(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        hour, minute = value.strip().split(":")
        time(int(hour), int(minute))
    except (ValueError, AttributeError):
        raise ValueError(texts.BAD_QUIET_TIME) from None
    return value.strip()


def _as_time(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


class QuietKindConfig(_Section):
    """One chat kind's own hours; what is not given is the school's."""

    start: Annotated[str | None, Field(description=texts.HINT_QUIET_START)] = None
    end: Annotated[str | None, Field(description=texts.HINT_QUIET_END)] = None
    weekends: Annotated[bool | None, Field(description=texts.HINT_QUIET_WEEKENDS)] = None

    _times = field_validator("start", "end")(_clock_time)


class QuietConfig(_Section):
    enabled: Annotated[bool, Field(description=texts.HINT_QUIET_ENABLED)] = True
    start: Annotated[str, Field(description=texts.HINT_QUIET_START)] = "20:00"
    end: Annotated[str, Field(description=texts.HINT_QUIET_END)] = "08:00"
    weekends: Annotated[bool, Field(description=texts.HINT_QUIET_WEEKENDS)] = True
    holidays: Annotated[list[date | str], Field(description=texts.HINT_QUIET_HOLIDAYS)] = []
    chats: Annotated[list[ChatKind], Field(description=texts.HINT_QUIET_CHATS)] = [
        ChatKind.PARENTS,
        ChatKind.PUPILS,
    ]
    kinds: Annotated[
        dict[ChatKind, QuietKindConfig], Field(description=texts.HINT_QUIET_KINDS)
    ] = {}

    _times = field_validator("start", "end")(_clock_time)

    @field_validator("holidays")
    @classmethod
    def _holidays_read(cls, value: list[date | str]) -> list[date | str]:
        for item in value:
            try:
                parse_holiday(item)
            except ValueError:
                raise ValueError(texts.bad_holiday(item)) from None
        return value

    @model_validator(mode="after")
    def _kinds_are_quiet(self) -> QuietConfig:
        stray = [str(kind) for kind in self.kinds if kind not in self.chats]
        if stray:
            raise ValueError(texts.quiet_kind_not_in_chats(stray))
        return self

    def policy(self, tz: ZoneInfo) -> QuietPolicy:
        if not self.enabled:
            return QuietPolicy()
        holidays = expand_holidays(parse_holiday(item) for item in self.holidays)
        rules = {}
        for kind in self.chats:
            own = self.kinds.get(kind) or QuietKindConfig()
            rules[kind] = QuietRules(
                tz,
                start=_as_time(own.start or self.start),
                end=_as_time(own.end or self.end),
                weekends=self.weekends if own.weekends is None else own.weekends,
                holidays=holidays,
            )
        return QuietPolicy(rules)


class Config(_Section):
    vk: Annotated[VkConfig, Field(description=texts.HINT_SECTION_VK)]
    school: Annotated[SchoolConfig, Field(description=texts.HINT_SECTION_SCHOOL)]
    storage: Annotated[StorageConfig, Field(description=texts.HINT_SECTION_STORAGE)] = (
        StorageConfig()
    )
    chats: Annotated[ChatsConfig, Field(description=texts.HINT_SECTION_CHATS)] = ChatsConfig()
    moderation: Annotated[ModerationConfig, Field(description=texts.HINT_SECTION_MODERATION)] = (
        ModerationConfig()
    )
    audits: Annotated[AuditsConfig, Field(description=texts.HINT_SECTION_AUDITS)] = AuditsConfig()
    school_year: Annotated[SchoolYearConfig, Field(description=texts.HINT_SECTION_SCHOOL_YEAR)] = (
        SchoolYearConfig()
    )
    posts: Annotated[PostsConfig, Field(description=texts.HINT_SECTION_POSTS)] = PostsConfig()
    acks: Annotated[AcksConfig, Field(description=texts.HINT_SECTION_ACKS)] = AcksConfig()
    confidential: Annotated[
        ConfidentialConfig, Field(description=texts.HINT_SECTION_CONFIDENTIAL)
    ] = ConfidentialConfig()
    quiet: Annotated[QuietConfig, Field(description=texts.HINT_SECTION_QUIET)] = QuietConfig()
    health: Annotated[HealthConfig, Field(description=texts.HINT_SECTION_HEALTH)] = HealthConfig()

    @property
    def has_token(self) -> bool:
        return self.vk.token is not None and bool(self.vk.token.get_secret_value())


class ConfigError(Exception):
    """The config cannot be used; `problems` are Russian lines, one per key."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(texts.render_config_error(source, problems))


def load_config(
    path: Path | None = None,
    *,
    environ: dict[str, str] | None = None,
    refuse_token_in_file: bool = False,
) -> Config:
    """Read and check a config file; the token may come from the environment instead.

    `refuse_token_in_file` (check-config): a token written in the file is a problem to fix,
    reported with the others. `run` still accepts it (an old config keeps working) and warns.
    """
    env = os.environ if environ is None else environ
    if path is None:
        path = Path(env.get(CONFIG_ENV, "config.toml"))
    source = str(path)
    raw = _read_toml(path, source)
    if refuse_token_in_file and token_in_file(raw):
        vk = {k: v for k, v in raw["vk"].items() if k != "token"}
        try:
            config_from_mapping({**raw, "vk": vk}, source=source, environ=env)
        except ConfigError as error:
            raise ConfigError(source, [texts.TOKEN_IN_FILE, *error.problems]) from None
        raise ConfigError(source, [texts.TOKEN_IN_FILE])
    return config_from_mapping(raw, source=source, environ=env)


def _read_toml(path: Path, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(source, [texts.FILE_NOT_FOUND]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(source, [texts.bad_toml(str(exc))]) from None


def token_in_file(raw: dict[str, Any]) -> bool:
    """`[vk] token = "…"` written in the file (an empty string is the example's placeholder)."""
    vk = raw.get("vk")
    return isinstance(vk, dict) and vk.get("token") not in (None, "")


def file_has_token(path: Path) -> bool:
    try:
        return token_in_file(_read_toml(path, str(path)))
    except ConfigError:
        return False


def config_from_mapping(
    raw: dict[str, Any], *, source: str = "config", environ: dict[str, str] | None = None
) -> Config:
    env = os.environ if environ is None else environ
    token = env.get(TOKEN_ENV)
    if token:
        vk = raw.get("vk")
        raw = {**raw, "vk": {**(vk if isinstance(vk, dict) else {}), "token": token}}
    secret = env.get(CALLBACK_SECRET_ENV)
    if secret:
        vk = raw.get("vk") if isinstance(raw.get("vk"), dict) else {}
        callback = vk.get("callback") if isinstance(vk.get("callback"), dict) else {}
        raw = {**raw, "vk": {**vk, "callback": {**callback, "secret": secret}}}
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(source, [_describe(error) for error in exc.errors()]) from None


def _describe(error: Any) -> str:
    loc = [str(part) for part in error["loc"]]
    key = _key_name(loc)
    hint = _hint_for(loc)
    kind = error["type"]
    if kind == "missing":
        return texts.missing_key(key, hint)
    if kind == "extra_forbidden":
        closest = _closest_key(loc)
        return texts.unknown_key(key, _key_name([*loc[:-1], closest]) if closest else None)
    return texts.bad_value(key, _safe_input(loc, error.get("input")), _reason(error), hint)


def _reason(error: Any) -> str:
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])
    template = texts.REASONS.get(error["type"], texts.UNKNOWN_REASON)
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def _key_name(loc: list[str]) -> str:
    if len(loc) == 1:
        return f"[{loc[0]}]"
    section, *rest = loc
    return f"[{section}].{'.'.join(rest)}"


def _closest_key(loc: list[str]) -> str | None:
    """The known key an unknown one was probably meant to be: `[vk].groupid` → `group_id`."""
    from rapidfuzz import fuzz, process, utils

    model: Any = Config
    for part in loc[:-1]:
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return None
        model = field.annotation
    if not _is_model(model):
        return None
    best = process.extractOne(
        loc[-1], list(model.model_fields), scorer=fuzz.ratio, processor=utils.default_process,
        score_cutoff=70,
    )  # fmt: skip
    return best[0] if best else None


def _is_model(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, BaseModel)


def _hint_for(loc: list[str]) -> str:
    model: Any = Config
    field = None
    for part in loc:
        if not isinstance(model, type) or not issubclass(model, BaseModel):
            break
        field = model.model_fields.get(part)
        if field is None:
            return ""
        model = field.annotation
    return field.description or "" if field is not None else ""


def _safe_input(loc: list[str], value: Any) -> str:
    if loc and loc[-1] == "token":
        return "***"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
