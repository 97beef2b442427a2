"""The config file: what loads, and how a wrong one is explained."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.cli import main
from bot.config import ChatKindModerationConfig, ConfigError, QuietKindConfig, load_config

REPO = Path(__file__).resolve().parents[2]

GOOD = """
[vk]
group_id = 42
[school]
name = "Школа № 7"
admins = [101, 102]
[storage]
path = "{db}"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, environ: dict | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text), environ=environ or {})
    return str(caught.value)


def test_example_config_is_valid_and_documents_every_key():
    config = load_config(REPO / "config.example.toml", environ={})
    assert config.vk.group_id == 123456789
    lines = (REPO / "config.example.toml").read_text(encoding="utf-8").splitlines()

    def documented(section: str, model: type[BaseModel]) -> None:
        for key, field in model.model_fields.items():
            inner = field.annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                documented(f"{section}.{key}" if section else key, inner)
                continue
            heads = (f"{key} =", f"[{section}.{key}.")
            at = next(
                (i for i, line in enumerate(lines) if line.lstrip("# ").startswith(heads)), None
            )
            assert at is not None, f"[{section}].{key} is not in config.example.toml"
            assert lines[at - 1].startswith("#"), f"[{section}].{key} has no comment above it"

    documented("", type(config))
    documented("moderation.kinds.*", ChatKindModerationConfig)
    documented("quiet.kinds.*", QuietKindConfig)


def test_defaults_fill_optional_keys(tmp_path):
    config = load_config(write(tmp_path, GOOD.format(db="x.sqlite3")), environ={})
    assert config.vk.api_url == "https://api.vk.ru/method/"
    assert config.vk.api_version == "5.199"
    assert config.vk.requests_per_second == 20
    assert config.school.timezone == "Europe/Moscow"
    assert config.school.admins == [101, 102]
    assert not config.has_token


def test_token_comes_from_environment_and_never_prints(tmp_path):
    config = load_config(
        write(tmp_path, GOOD.format(db="x")), environ={"SCHOOLBOT_VK_TOKEN": "vk1.secret-value"}
    )
    assert config.has_token
    assert config.vk.token.get_secret_value() == "vk1.secret-value"
    assert "secret-value" not in repr(config)
    assert "secret-value" not in str(config.model_dump())


def test_bad_token_type_is_reported_without_showing_it(tmp_path):
    text = GOOD.format(db="x").replace("group_id = 42", "group_id = 42\ntoken = 12345678")
    message = problems(tmp_path, text)
    assert "[vk].token" in message
    assert "12345678" not in message


def test_unknown_key_is_named(tmp_path):
    message = problems(tmp_path, GOOD.format(db="x") + "\n[vk_extra]\nfoo = 1\n")
    assert "неизвестный ключ [vk_extra]" in message
    message = problems(
        tmp_path, GOOD.format(db="x").replace("group_id = 42", "group_id = 42\ngroupid = 1")
    )
    assert "[vk].groupid" in message


def test_missing_required_key_is_named_with_an_example(tmp_path):
    message = problems(tmp_path, GOOD.format(db="x").replace("group_id = 42", ""))
    assert "не хватает ключа [vk].group_id" in message
    assert "group_id = 123456789" in message


def test_bad_values_are_named_with_the_reason(tmp_path):
    text = (
        GOOD.format(db="x")
        .replace("group_id = 42", 'group_id = "abc"\nrequests_per_second = 50')
        .replace('name = "Школа № 7"', 'name = "Школа № 7"\ntimezone = "Europe/Nowhere"')
        .replace("admins = [101, 102]", "admins = []")
    )
    message = problems(tmp_path, text)
    assert "[vk].group_id = 'abc': нужно целое число" in message
    assert "[vk].requests_per_second = 50: должно быть не больше 20" in message
    assert "[school].timezone" in message and "неизвестный часовой пояс" in message
    assert "[school].admins" in message and "не должно быть пустым" in message


def test_broken_toml_and_missing_file(tmp_path):
    assert "не разобран как TOML" in problems(tmp_path, "[vk\ngroup_id = 1")
    with pytest.raises(ConfigError, match="файл не найден"):
        load_config(tmp_path / "nope.toml", environ={})


def test_check_config_command(tmp_path, capsys):
    good = write(tmp_path, GOOD.format(db="x"))
    assert main(["check-config", "--config", str(good)]) == 0
    assert "в порядке" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text("[vk]\ngroup_id = 0\n", encoding="utf-8")
    assert main(["check-config", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "[vk].group_id = 0: должно быть больше 0" in err
    assert "не хватает ключа [school]" in err


def test_moderation_defaults_and_checks():
    from bot.config import ModerationConfig

    mod = ModerationConfig()
    assert (mod.warning_days, mod.restrict_after, mod.remove_after) == (30, 2, 4)
    assert mod.for_kind("teachers_room").off == ["external_link"]
    assert mod.for_kind("pupils").off == []
    merged = ModerationConfig.model_validate({"kinds": {"parents": {"warn_only": ["insult"]}}})
    assert merged.for_kind("parents").warn_only == ["insult"]
    assert merged.for_kind("teachers_room").off == ["external_link"]  # defaults stay
    for bad in (
        {"restrict_after": 3, "remove_after": 3},
        {"alert_to": "log_chat"},
        {"exempt_staff_rules": ["swearing"]},
        {"kinds": {"parents": {"off": ["nope"]}}},
        {"kinds": {"kitchen": {}}},
        {"log_chat_peer_id": 5},
    ):
        with pytest.raises(ValueError):
            ModerationConfig.model_validate(bad)
