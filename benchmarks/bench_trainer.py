"""Trainer iterations/s vs a bare PyTorch loop of the same architecture (target: >= 0.9x).

Run: python benchmarks/bench_trainer.py [--seconds S]. Also: ganlab bench.
Prints a table; record results in benchmarks/RESULTS.md.
"""

import argparse

from ganlab.train.bench import print_table, run_benchmarks

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=6.0)
    print_table(run_benchmarks(p.parse_args().seconds))
