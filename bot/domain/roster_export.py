"""Roster export: the lists as the same CSV that parse_roster reads (round-trip tested)."""

from __future__ import annotations

import csv
import io

from bot.domain.roster_model import RosterData

HEADER = ("класс", "роль", "фамилия", "имя", "отчество", "vk", "ребёнок")
PUPIL_WORD, PARENT_WORD = "ученик", "родитель"


def _split_name(full_name: str) -> tuple[str, str, str]:
    parts = full_name.split()
    return (parts[0] if parts else "", parts[1] if len(parts) > 1 else "", " ".join(parts[2:]))


def render_roster_csv(data: RosterData) -> str:
    """The same format parse_roster reads («;», a header line). Encode as UTF-8 with BOM
    (`utf-8-sig`) for Excel."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(HEADER)
    for p in data.pupils:
        w.writerow((str(p.class_name), PUPIL_WORD, *_split_name(p.full_name), p.vk or "", ""))
    names: dict[str, int] = {}
    for p in data.pupils:
        names[p.key.name] = names.get(p.key.name, 0) + 1
    for par in data.parents:
        pupils = [data.pupil(k) for k in par.children]
        plain = [p for p in pupils if p and names[p.key.name] == 1]
        rows = [("", " | ".join(p.full_name for p in plain))] if plain else []
        # A child whose name another pupil shares gets a line of its own, with the class.
        rows += [(str(p.class_name), p.full_name) for p in pupils if p and p not in plain]
        for cls, children in rows:
            w.writerow((cls, PARENT_WORD, *_split_name(par.full_name), par.vk or "", children))
    return out.getvalue()
