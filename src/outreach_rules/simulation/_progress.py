"""An optional progress bar: rich when installed, else a plain counter; off unless wanted."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

__all__ = ["check_progress", "progress_bar"]

Advance = Callable[[int], None]


def check_progress(value: object) -> bool | None:
    """Return ``value`` if it is ``None``, ``True`` or ``False``, or raise naming ``progress``."""
    if value is not None and not isinstance(value, bool):
        raise TypeError(
            f"progress: expected None (on when stderr is a terminal), True or False, got {value!r}"
        )
    return value


def _ignore(_count: int) -> None:
    return None


@contextlib.contextmanager
def progress_bar(
    enabled: bool | None, *, total: int, label: str, stream: TextIO | None = None
) -> Iterator[Advance]:
    """Yield a function that advances a progress bar on stderr by a count.

    ``enabled=None`` shows the bar only when stderr is a terminal; ``True``
    and ``False`` force it on or off. The bar is rich's when rich is
    installed (the ``[cli]`` extra), else a plain counter.
    """
    out = sys.stderr if stream is None else stream
    on = _is_terminal(out) if enabled is None else enabled
    if not on or total <= 0:
        yield _ignore
        return
    try:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )
    except ImportError:
        with _counter(out, total=total, label=label) as advance:
            yield advance
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=out)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda count: bar.advance(task, count)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _counter(out: TextIO, *, total: int, label: str) -> Iterator[Advance]:
    done = 0
    shown = -1

    def advance(count: int) -> None:
        nonlocal done, shown
        done += count
        percent = done * 100 // total
        if percent != shown:
            shown = percent
            out.write(f"\r{label}: {done}/{total} ({percent}%)")
            out.flush()

    try:
        yield advance
    finally:
        out.write("\n")
        out.flush()
