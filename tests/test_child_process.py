"""The child-process measurement counts the child, never the (large) test process."""

import sys

import numpy as np
from child_process import run_measured


def test_child_process_peak_is_the_childs_own():
    ballast = np.ones(100_000_000)  # 800 MB resident in this process
    small = run_measured([sys.executable, "-c", "import time; time.sleep(0.5)"])
    big = run_measured(
        [sys.executable, "-c", "import numpy, time; x = numpy.ones(40_000_000); time.sleep(0.5)"]
    )
    assert ballast.sum() == 100_000_000
    assert small.code == big.code == 0
    assert small.peak_rss < 200e6
    # The child's own 320 MB array is seen.
    assert big.peak_rss > small.peak_rss + 250e6
