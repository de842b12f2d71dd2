"""A command's output on stdout: piped into `head`, which stops reading early, it ends quietly, not with a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def to_stdout() -> Iterator[None]:
    """Print within this block; a reader that closes the pipe ends the output, not the program with an error."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout once more at exit: point it at /dev/null so that this flush cannot fail as well.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
