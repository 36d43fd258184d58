"""A progress line for long-running commands: redrawn in place on a terminal, logged otherwise."""

import time
from typing import TextIO

from django.core.management.base import OutputWrapper

# Below this many items a command says nothing until its summary.
PROGRESS_THRESHOLD = 300


class Progress:
    """Call with (done, total); on a terminal one ``\\r`` line, elsewhere a line per tenth.

    Says nothing for ``threshold`` items or fewer (slow items, such as images, want 0)."""

    def __init__(
        self,
        stream: TextIO,
        label: str,
        tty: bool | None = None,
        threshold: int = PROGRESS_THRESHOLD,
    ):
        self.stream = stream
        self.threshold = threshold
        self.label = label
        self.tty = stream.isatty() if tty is None else tty
        self.next_step = 0
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if total <= self.threshold:
            return
        percent = done * 100 // total
        line = f"{self.label}: {done:,}/{total:,} ({percent}%)"
        if self.tty:
            self._write(f"\r{line}" + ("\n" if done >= total else ""))
            self.stream.flush()
        elif percent >= self.next_step or done >= total:
            self._write(f"{line}\n")
            self.next_step = percent - percent % 10 + 10

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started
