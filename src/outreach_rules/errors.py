"""The library's own exception types."""

from __future__ import annotations

__all__ = ["InvalidData"]


class InvalidData(ValueError):
    """Outside data that cannot become a value, with the path of each bad field.

    ``str(error)`` is one line per problem, each starting with the path
    (``history[3].outcome: 'hungup' is not one of ...``); ``error.problems``
    holds the same lines as a tuple, in input order.
    """

    def __init__(self, problems: tuple[str, ...] | list[str], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__("\n".join(prefix + p for p in self.problems) or "invalid data")


class UsageError(Exception):
    """Bad command-line input or arguments: the command prints it as one line and exits 2."""
