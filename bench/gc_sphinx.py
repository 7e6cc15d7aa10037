"""Run ``sphinx-build`` with its arguments, then print on stderr how long the cyclic garbage collector ran.

``bench/run.py`` builds through this script to tell collection time apart from the work of the build.
"""

from __future__ import annotations

import atexit
import gc
import runpy
import sys
import time
from typing import Any

_spent = [0.0]
_started = [0.0]


def _time_collections(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        _spent[0] += time.perf_counter() - _started[0]


gc.callbacks.append(_time_collections)
atexit.register(lambda: print(f"cyclic gc: {_spent[0]:.3f} s", file=sys.stderr))
sys.argv = ["sphinx-build", *sys.argv[1:]]
runpy.run_module("sphinx", run_name="__main__", alter_sys=True)
