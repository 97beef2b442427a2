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
    by_key = data.pupils_by_key()
    for par in data.parents:
        pupils = [by_key[k] for k in par.children if k in by_key]
        # A child whose name another pupil shares is named with the class: «Иванов Пётр (6Б)».
        # One line per parent: two lines of one name would read back as two people.
        children = " | ".join(
            p.full_name if names[p.key.name] == 1 else f"{p.full_name} ({p.class_name})"
            for p in pupils
        )
        w.writerow(("", PARENT_WORD, *_split_name(par.full_name), par.vk or "", children))
    return out.getvalue()
