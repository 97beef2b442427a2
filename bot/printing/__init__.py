"""Printable documents (PDF). Pure: bytes in, bytes out; no I/O beyond reading the bundled fonts."""

from bot.printing.invite_sheet import InviteCard, render_invite_sheet

__all__ = ["InviteCard", "render_invite_sheet"]
