"""Terminal I/O: the consoles (stdout for results, stderr for messages and progress),
single key presses, and progress bars.

Every string printed is plain text, never Rich markup or emoji codes, with control
characters shown escaped (``render.escape.terminal``): text from files cannot style,
link or drive the terminal. Not on a terminal, nothing is wrapped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from .render.escape import terminal

T = TypeVar("T")
UNWRAPPED = 1_000_000  # the width of a console that is not a terminal: never wrap


class SafeConsole(Console):
    """A console on which a ``str`` is always data: escaped, no markup, no emoji."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)
        if not self.is_terminal:
            self.width = UNWRAPPED

    def render_str(self, text: str, **kwargs) -> Text:
        kwargs.update(markup=False, emoji=False, highlight=False)
        return super().render_str(terminal(text), **kwargs)


console = SafeConsole(stderr=True)  # on a terminal, long messages wrap at words
stdout = SafeConsole()


def plain_text(renderable) -> str:
    """A renderable as plain text: no colour, no wrapping, no trailing blanks."""
    import io
    buffer = io.StringIO()
    SafeConsole(file=buffer, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def read_key(prompt: str, keys: str) -> str:
    """One key press on a terminal (no Enter); a line elsewhere. Lower case."""
    stdout.print(prompt, end="")
    stdin = sys.stdin
    if not stdin.isatty():
        return stdin.readline().strip().lower()[:1]
    import termios
    import tty
    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        while True:
            key = stdin.read(1).lower()
            if key in keys or key in ("\x03", "\x04", ""):
                break
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if key == "\x03":
        raise KeyboardInterrupt
    stdout.print(key if key != "\x04" else "")
    return "q" if key in ("\x04", "") else key


def progress() -> Progress:
    """A progress display on stderr; invisible when stderr is not a terminal."""
    return Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True,
                    disable=not console.is_terminal)


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a progress bar on long work."""
    with progress() as bar:
        yield from bar.track(items, total=total, description=description)
