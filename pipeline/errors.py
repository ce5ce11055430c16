"""The errors a user can fix, and how the command line reports them.

Every error kruispunt raises on purpose subclasses `KruispuntError`; its message names the
thing that is wrong and what to do. The command line prints such an error, and a missing or
unreadable file or folder, as one line on stderr and exits with code 2 (`--debug` shows
the traceback). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class KruispuntError(Exception):
    """An error the user can fix: bad params, missing input, a model that is not there."""


class MissingInputError(KruispuntError, FileNotFoundError):
    """A stage's input table or folder does not exist (an earlier stage has not run)."""


class NoDocumentsError(KruispuntError):
    """An input folder holds no transcript that could be read."""


# File-system errors a user fixes by pointing at the right place (not their subclasses
# such as BrokenPipeError or TimeoutError, which are not about a path).
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    KruispuntError,
    FileNotFoundError,
    NotADirectoryError,
    IsADirectoryError,
    PermissionError,
)

EXIT_CODE = 2


def is_known(err: BaseException) -> bool:
    """Whether `err` is reported as one line rather than a traceback."""
    return isinstance(err, KNOWN_ERRORS)


def one_line(err: BaseException) -> str:
    """The error's message on one line: its lines joined with '; ', spaces collapsed."""
    lines = [" ".join(line.split()) for line in str(err).splitlines()]
    message = "; ".join(line for line in lines if line)
    return message.replace(":;", ":") or type(err).__name__
