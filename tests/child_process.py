"""Run a command in a child process and measure it: exit code, peak memory, wall time.

`os.wait4` returns the resource usage of exactly that child, so the peak resident set
size is the child's own, not the largest of every child the test process ever had.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """What a finished child process did.

    Attributes:
        code: Exit code (negative: killed by that signal).
        peak_rss: Peak resident set size in bytes.
        seconds: Wall time.
        stderr: What it wrote to stderr.
    """

    code: int
    peak_rss: int
    seconds: float
    stderr: str


def run_measured(command: list[str], *, cwd: Path | None = None, timeout: float = 900) -> Measured:
    """Run a command to its end and measure it.

    Args:
        command: The program and its arguments.
        cwd: Working folder.
        timeout: Kill the child after this many seconds and raise.

    Returns:
        The exit code, peak RSS, wall time and stderr.

    Raises:
        TimeoutError: When the command runs too long.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                process.kill()
                process.wait()
                raise TimeoutError(f"{command} ran longer than {timeout} s")
            time.sleep(0.05)
        seconds = time.monotonic() - start
        # The child is reaped here, not by Popen; tell Popen so it does not wait again.
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in kilobytes.
    return Measured(process.returncode, usage.ru_maxrss * 1024, seconds, stderr)
