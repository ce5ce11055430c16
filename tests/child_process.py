"""Run a command in a child process and measure it: exit code, peak memory, wall time.

Peak memory is sampled (every 50 ms) as the resident set size of the child plus all its
descendants, with psutil. `ru_maxrss` from `os.wait4` cannot be used: Linux carries the
parent's high-water mark into a child started by fork or vfork and exec, so a test run late
in a large suite would "measure" the pytest process itself.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


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
        peak = 0
        while True:
            peak = max(peak, _tree_rss(process.pid))
            pid, status, _ = os.wait4(process.pid, os.WNOHANG)
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
    return Measured(process.returncode, peak, seconds, stderr)


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants now (0 once it has gone)."""
    total = 0
    with contextlib.suppress(psutil.Error):
        parent = psutil.Process(pid)
        for process in [parent, *parent.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
    return total
