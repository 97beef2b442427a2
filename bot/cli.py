"""The command line: schoolbot run | demo | check-config | moderate."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli_args import RussianArgumentParser
from bot.config import Config, ConfigError, file_has_token, load_config
from bot.texts import cli as texts
from bot.texts import config as config_texts


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    from bot.storage.db import SchemaTooNew

    try:
        return int(args.handler(args) or 0)
    except SchemaTooNew as error:
        print(texts.schema_too_new(error.path, error.current, error.known), file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(prog="schoolbot", description=texts.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА")

    run = sub.add_parser("run", help=texts.HELP_RUN)
    _config_option(run)
    run.add_argument(
        "--sandbox-port", type=int, default=0, metavar="ПОРТ", help=texts.HELP_SANDBOX_PORT
    )
    run.add_argument(
        "--log-level",
        default="INFO",
        type=str.upper,
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        metavar="УРОВЕНЬ",
        help=texts.HELP_LOG_LEVEL,
    )
    run.add_argument("--fresh", action="store_true", help=texts.HELP_FRESH)
    run.set_defaults(handler=_cmd_run)

    demo = sub.add_parser("demo", help=texts.HELP_DEMO)
    demo.set_defaults(handler=_cmd_demo)

    roster = sub.add_parser("roster", help=texts.HELP_ROSTER)
    roster_sub = roster.add_subparsers(dest="roster_command", metavar="ДЕЙСТВИЕ", required=True)
    importing = roster_sub.add_parser("import", help=texts.HELP_ROSTER_IMPORT)
    importing.add_argument("file", type=Path, metavar="ФАЙЛ", help=texts.HELP_ROSTER_FILE)
    importing.add_argument("--sheet", default=None, metavar="ЛИСТ", help=texts.HELP_ROSTER_SHEET)
    _config_option(importing)
    importing.set_defaults(handler=_cmd_roster_import)
    exporting = roster_sub.add_parser("export", help=texts.HELP_ROSTER_EXPORT)
    exporting.add_argument(
        "--output", "-o", type=Path, default=None, metavar="ФАЙЛ", help=texts.HELP_OUTPUT
    )
    _config_option(exporting)
    exporting.set_defaults(handler=_cmd_roster_export)

    invites = sub.add_parser("invites", help=texts.HELP_INVITES)
    invites_sub = invites.add_subparsers(dest="invites_command", metavar="ДЕЙСТВИЕ", required=True)
    sheet = invites_sub.add_parser("sheet", help=texts.HELP_SHEET)
    sheet.add_argument("class_name", metavar="КЛАСС", help=texts.HELP_SHEET_CLASS)
    sheet.add_argument(
        "--output", "-o", type=Path, default=None, metavar="ФАЙЛ", help=texts.HELP_SHEET_OUTPUT
    )
    sheet.add_argument(
        "--for", dest="whom", choices=("родители", "ученики", "все"), default="родители",
        help=texts.HELP_SHEET_FOR,
    )  # fmt: skip
    _config_option(sheet)
    sheet.set_defaults(handler=_cmd_invite_sheet)

    stats = sub.add_parser("stats", help=texts.HELP_STATS)
    stats_sub = stats.add_subparsers(dest="stats_command", metavar="ДЕЙСТВИЕ", required=True)
    stats_export = stats_sub.add_parser("export", help=texts.HELP_STATS_EXPORT)
    stats_export.add_argument(
        "--output", "-o", type=Path, default=None, metavar="ФАЙЛ", help=texts.HELP_OUTPUT
    )
    _config_option(stats_export)
    stats_export.set_defaults(handler=_cmd_stats_export)

    moderate = sub.add_parser("moderate", help=texts.HELP_MODERATE)
    moderate.set_defaults(handler=_cmd_moderate)

    backup = sub.add_parser("backup", help=texts.HELP_BACKUP)
    backup.add_argument(
        "--output", "-o", type=Path, default=None, metavar="ФАЙЛ", help=texts.HELP_BACKUP_OUTPUT
    )
    _config_option(backup)
    backup.set_defaults(handler=_cmd_backup)

    check = sub.add_parser("check-config", help=texts.HELP_CHECK)
    _config_option(check)
    check.set_defaults(handler=_cmd_check_config)
    return parser


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=None, metavar="ПУТЬ", help=texts.HELP_CONFIG)


def _resolve_config(path: Path | None) -> Config:
    """An explicit --config must exist; otherwise config.toml if present, else the sandbox."""
    from bot.sandbox_mode import embedded_config

    if path is not None:
        return load_config(path)
    default = Path("config.toml")
    if default.exists():
        return load_config(default)
    return embedded_config(Path("data") / "sandbox.sqlite3")


def _cmd_check_config(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config or Path("config.toml"), refuse_token_in_file=True)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    print(
        texts.CONFIG_OK.format(
            source=args.config or "config.toml",
            school=config.school.name,
            group_id=config.vk.group_id,
            db=config.storage.path,
            token=texts.TOKEN_SET if config.has_token else texts.TOKEN_MISSING,
        )
    )
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    source = args.config or Path("config.toml")
    if source.exists() and file_has_token(source):
        print(config_texts.TOKEN_IN_FILE_WARNING.format(source=source), file=sys.stderr)
    secrets = [config.vk.token.get_secret_value()] if config.vk.token else []
    setup_logging(args.log_level.upper(), secrets)
    from bot.runner import serve

    return asyncio.run(serve(config, sandbox_port=args.sandbox_port, fresh=args.fresh))


def _cmd_roster_import(args: argparse.Namespace) -> int:
    from bot.roster_cli import import_roster

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return import_roster(config, args.file, args.sheet)


def _cmd_roster_export(args: argparse.Namespace) -> int:
    from bot.roster_cli import export_roster

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return export_roster(config, args.output)


def _cmd_stats_export(args: argparse.Namespace) -> int:
    from bot.stats_cli import export_stats

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return export_stats(config, args.output)


def _cmd_invite_sheet(args: argparse.Namespace) -> int:
    from bot.sheet_cli import invite_sheet

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return invite_sheet(config, args.class_name, args.output, args.whom)


def _cmd_backup(args: argparse.Namespace) -> int:
    from bot.backup_cli import backup

    try:
        config = _resolve_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return backup(config, args.output)


def _cmd_moderate(args: argparse.Namespace) -> int:
    from bot.moderation.jsonl import run

    return run(sys.stdin, sys.stdout)


def _cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import play
    from bot.logs import setup_logging

    setup_logging("WARNING")
    return asyncio.run(play())
