#!/usr/bin/python3
"""PyTorch CPU reference timings for the native benchmark (tests/bench/native_bench.cpp).

Times the same two workloads, forward + backward, in float64 on ONE thread:
  crossEntropy   F.cross_entropy on 4096 x 1000 logits with class-index targets, reduction 'mean'
  bceWithLogits  F.binary_cross_entropy_with_logits on 4,194,304 logits with 0/1 targets, reduction 'mean'
Inputs come from a fixed seed; each workload runs a few warm-up repetitions, then `reps` timed ones, and reports
the median wall time in seconds (time.perf_counter around the forward and the backward, gradient included).

Run with Debian's python3 (python3-torch 1.13), not the pyenv python3 on PATH:
    /usr/bin/python3 tests/bench/torch_bench.py [reps]        (reps defaults to 15)
Prints one JSON object on stdout:
    {"runner": "torch", "torch": "1.13.x", "threads": 1, "dtype": "float64", "reps": 15,
     "benchmarks": {"crossEntropy": {"shape": [4096, 1000], "median_s": ..., "min_s": ..., "loss": ...},
                    "bceWithLogits": {"shape": [4194304], "median_s": ..., "min_s": ..., "loss": ...}}}
"""

import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F

ROWS, CLASSES = 4096, 1000
BCE_N = 4 * 1024 * 1024
WARMUP = 3


def time_it(step, reps):
    for _ in range(WARMUP):
        step()
    times = []
    loss = None
    for _ in range(reps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "min_s": min(times), "loss": loss}


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(12345)

    logits = (torch.randn(ROWS, CLASSES, generator=gen, dtype=torch.float64) * 3.0).requires_grad_(True)
    labels = torch.randint(0, CLASSES, (ROWS,), generator=gen)

    def ce_step():
        logits.grad = None
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        return loss.item()

    z = (torch.randn(BCE_N, generator=gen, dtype=torch.float64) * 3.0).requires_grad_(True)
    y = torch.randint(0, 2, (BCE_N,), generator=gen).to(torch.float64)

    def bce_step():
        z.grad = None
        loss = F.binary_cross_entropy_with_logits(z, y)
        loss.backward()
        return loss.item()

    out = {
        "runner": "torch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "dtype": "float64",
        "reps": reps,
        "benchmarks": {
            "crossEntropy": {"shape": [ROWS, CLASSES], **time_it(ce_step, reps)},
            "bceWithLogits": {"shape": [BCE_N], **time_it(bce_step, reps)},
        },
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
