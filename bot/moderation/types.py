"""Value types shared by the detectors, the engine and the JSON Lines front end."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A detector's finding: offsets into the ORIGINAL text, end exclusive."""

    start: int
    end: int
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule broken by a message; `kind` narrows it (e.g. "card", "phone", "password")."""

    rule: str
    clause: str
    start: int
    end: int
    kind: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "clause": self.clause, "start": self.start, "end": self.end}
