"""What importing a roster would change, so the reply can say so and a second import is a no-op.

Import adds and updates; it never removes. A person in the school's lists but not in the file is
reported as absent and kept. An empty VK cell never erases a VK id the bot already knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.classes import ClassName
from bot.domain.roster_model import PupilKey, RosterData, RosterParent, RosterPupil


@dataclass(frozen=True, slots=True)
class RosterChange:
    before: RosterPupil | RosterParent
    after: RosterPupil | RosterParent
    fields: tuple[str, ...]  # "class", "vk", "children"


@dataclass(frozen=True, slots=True)
class RosterDiff:
    classes_added: tuple[ClassName, ...] = ()
    pupils_added: tuple[RosterPupil, ...] = ()
    pupils_changed: tuple[RosterChange, ...] = ()
    parents_added: tuple[RosterParent, ...] = ()
    parents_changed: tuple[RosterChange, ...] = ()
    unchanged: int = 0
    absent_pupils: tuple[RosterPupil, ...] = ()  # in the lists, not in the file: kept
    absent_parents: tuple[RosterParent, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.classes_added
            or self.pupils_added
            or self.pupils_changed
            or self.parents_added
            or self.parents_changed
        )


def _match_pupils(existing: RosterData, incoming: RosterData) -> dict[PupilKey, RosterPupil | None]:
    """incoming pupil key → the existing pupil it is (by VK, then name and class, then a name
    that is unique among the unmatched: the pupil moved to another class)."""
    free = list(existing.pupils)
    out: dict[PupilKey, RosterPupil | None] = {}
    passes = (
        lambda e, p: p.vk is not None and e.vk == p.vk,
        lambda e, p: e.key == p.key and (e.vk is None or p.vk is None or e.vk == p.vk),
        lambda e, p: e.key.name == p.key.name and (e.vk is None or p.vk is None or e.vk == p.vk),
    )
    for n, same in enumerate(passes):
        for p in incoming.pupils:
            if p.key in out:
                continue
            hits = [e for e in free if same(e, p)]
            if len(hits) == 1 or (hits and n < 2):
                out[p.key] = hits[0]
                free.remove(hits[0])
    return {p.key: out.get(p.key) for p in incoming.pupils}


def diff_roster(existing: RosterData, incoming: RosterData) -> RosterDiff:
    match = _match_pupils(existing, incoming)
    back = {e.key: k for k, e in match.items() if e is not None}  # existing key → incoming key
    pupils_added, pupils_changed, unchanged = [], [], 0
    for p in incoming.pupils:
        e = match[p.key]
        if e is None:
            pupils_added.append(p)
            continue
        after = RosterPupil(p.full_name, p.class_name, p.vk or e.vk)
        fields = tuple(f for f, moved in (("class", e.class_name != p.class_name),
                                          ("vk", after.vk != e.vk)) if moved)  # fmt: skip
        if fields:
            pupils_changed.append(RosterChange(e, after, fields))
        else:
            unchanged += 1

    free = list(existing.parents)
    parents_added, parents_changed = [], []
    for p in incoming.parents:
        e = next((e for e in free if p.vk is not None and e.vk == p.vk), None) or next(
            (e for e in free if e.key == p.key and (e.vk is None or p.vk is None)), None
        )
        if e is None:
            parents_added.append(p)
            continue
        free.remove(e)
        kids = set(p.children) | {back.get(k, k) for k in e.children}
        after = RosterParent(p.full_name, p.vk or e.vk, tuple(sorted(kids)))
        fields = tuple(f for f, moved in (("vk", after.vk != e.vk),
                                          ("children", kids != {back.get(k, k) for k in e.children}))
                       if moved)  # fmt: skip
        if fields:
            parents_changed.append(RosterChange(e, after, fields))
        else:
            unchanged += 1

    matched = {id(e) for e in match.values() if e is not None}
    return RosterDiff(
        classes_added=tuple(c for c in incoming.classes if c not in existing.classes),
        pupils_added=tuple(pupils_added),
        pupils_changed=tuple(pupils_changed),
        parents_added=tuple(parents_added),
        parents_changed=tuple(parents_changed),
        unchanged=unchanged,
        absent_pupils=tuple(e for e in existing.pupils if id(e) not in matched),
        absent_parents=tuple(free),
    )


def apply_diff(existing: RosterData, diff: RosterDiff) -> RosterData:
    """The lists after the import (`diff` computed against this same `existing`).

    diff_roster(apply_diff(e, d), incoming) is empty: importing twice changes nothing."""
    changed_p = {id(c.before): c.after for c in diff.pupils_changed}
    changed_par = {id(c.before): c.after for c in diff.parents_changed}
    back = {c.before.key: c.after.key for c in diff.pupils_changed}
    pupils = [changed_p.get(id(p), p) for p in existing.pupils] + list(diff.pupils_added)
    parents = [
        changed_par.get(id(p))
        or RosterParent(p.full_name, p.vk, tuple(sorted(back.get(k, k) for k in p.children)))
        for p in existing.parents
    ] + list(diff.parents_added)
    return RosterData.build(pupils, parents, existing.classes + diff.classes_added)
