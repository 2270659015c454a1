#!/usr/bin/env python3
"""PyTorch's cost per training step as the CPU time of this process, one intra-op thread and one BLAS
thread: the counterpart of backprop4j's CpuPerStep with -Dbackprop4j.blas.threads=1, for comparing the
two on one core on a machine that other programs keep busy (time the scheduler gives to others is not
CPU time of this process).

Workloads (as SideBySide's): xor (2-2-1 sigmoid, MSE, SGD 1.0, batch 4, float64), mlp (784-256-10
sigmoid, softmax cross-entropy on the logits, SGD 0.1, batch 128, float32), deep (784-512-512-10 relu,
cross-entropy, Adam 1e-3 with epsilon 1e-7, batch 128, float32). Random data, seeded.

Run with OPENBLAS_NUM_THREADS=1 and Debian's python3-torch (libopenblas0-pthread as its BLAS):
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/src/main/python/pytorch_cpu_per_step.py mlp deep
Prints `PyTorch CPU us/step: MEDIAN [min MIN, max MAX]` per workload.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def workload(name):
    g = torch.Generator().manual_seed(7)
    if name == "xor":
        x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]], dtype=torch.float64)
        y = torch.tensor([[0.], [1.], [1.], [0.]], dtype=torch.float64)
        model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid()).double()
        return model, x, y, torch.optim.SGD(model.parameters(), lr=1.0), lambda p, t: F.mse_loss(p, t)
    x = torch.rand(128, 784, generator=g)
    y = torch.randint(0, 10, (128,), generator=g)
    if name == "mlp":
        model = nn.Sequential(nn.Linear(784, 256), nn.Sigmoid(), nn.Linear(256, 10))
        return model, x, y, torch.optim.SGD(model.parameters(), lr=0.1), F.cross_entropy
    if name == "deep":
        model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
        return model, x, y, torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7), F.cross_entropy
    raise SystemExit(f"unknown workload {name}; known: xor, mlp, deep")


def main():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    for name in sys.argv[1:] or ["mlp"]:
        model, x, y, optimizer, loss_fn = workload(name)

        def train(steps):
            for _ in range(steps):
                optimizer.zero_grad()
                loss_fn(model(x), y).backward()
                optimizer.step()

        steps, deadline = 1, time.process_time() + 2.0
        while time.process_time() < deadline:
            start = time.process_time()
            train(steps)
            used = max(time.process_time() - start, 1e-6)
            steps = max(1, int(steps * 0.3 / used))
        values = []
        for _ in range(7):
            start = time.process_time()
            train(steps)
            values.append((time.process_time() - start) * 1e6 / steps)
        values.sort()
        print(f"{name}: PyTorch {torch.__version__} CPU us/step: {values[3]:.2f} [min {values[0]:.2f}, "
              f"max {values[-1]:.2f}] (7 rounds of {steps} steps)")


if __name__ == "__main__":
    main()
