"""BERTopic, imported without sentence-transformers and transformers.

`import bertopic` runs `bertopic.backend`, whose `__init__` imports the multimodal backend
and with it sentence-transformers, transformers and their checks of optional packages. The
themes stage never needs them: it hands BERTopic precomputed embeddings and no embedding
model. Importing them costs seconds, and transformers' `is_kernels_available()` crashes with
`InvalidVersion: 'N/A'` whenever the working folder holds a folder named `kernels` (a
namespace package without a version) and is on `sys.path`, as it is under `python -c`,
pytest or a notebook.

So this module imports BERTopic while those two packages are hidden from the import system
(for this thread only). BERTopic treats them as not installed, as it does for its other
optional backends, and its multimodal backend and transformer-based representations become
its "not installed" placeholders; nothing here uses them. Afterwards both import normally,
so the `sentence-transformers:` embedding backend still works. When either package is
already imported, BERTopic is imported as usual.

Every module of the themes stage takes BERTopic from here.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.abc import MetaPathFinder

HIDDEN = ("sentence_transformers", "transformers")


class _Hide(MetaPathFinder):
    """A finder that reports the `names` packages missing, to imports in one thread."""

    def __init__(self, names: tuple[str, ...]):
        self.names = frozenset(names)
        self.thread = threading.get_ident()

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(
                f"{fullname} is hidden while BERTopic is imported", name=fullname
            )
        return None


@contextmanager
def hidden(names: tuple[str, ...] = HIDDEN) -> Iterator[None]:
    """Make `import <name>` raise ModuleNotFoundError in this thread, for the block's length.

    Args:
        names: Top-level package names to hide; one already imported stays available.
    """
    finder = _Hide(tuple(name for name in names if name not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


with hidden():
    from bertopic import BERTopic
    from bertopic._bertopic import TopicMapper
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

__all__ = [
    "BERTopic",
    "BaseCluster",
    "BaseDimensionalityReduction",
    "ClassTfidfTransformer",
    "TopicMapper",
]
