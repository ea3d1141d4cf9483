"""Longer run of the office reader's fuzz test: random grids of form wording, values and spans.

    .venv/bin/python evals/office/fuzz_reader.py [--examples 3000]

Passes when no grid crashes the reader and every filled cell is kept, noted or form wording
(the same property as ``tests/test_office.py::test_reader_survives_any_grid``, which CI runs with 150).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
import test_office


def fuzz(examples: int) -> None:
    """Read ``examples`` random grids; raises (hypothesis's failure) on a crash or a lost cell."""
    grids = st.lists(
        st.lists(st.tuples(test_office._TEXTS, st.integers(1, 3)), min_size=1, max_size=6), min_size=1, max_size=12
    )
    inner = test_office.test_reader_survives_any_grid.hypothesis.inner_test
    settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))(given(grids)(inner))()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=3000)
    args = parser.parse_args()
    started = time.perf_counter()
    fuzz(args.examples)
    print(
        f"{args.examples} grids read without a crash or a silently lost cell in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
