"""PyTorch twin of backprop4j's benchmark workloads.

Two ways to run it:

1. Driven line by line by SideBySide (the Java harness), given the weights and data backprop4j starts
   from. Commands on stdin, one per line; each answer is one line on stdout:
     load PATH   read the workload written by the harness; answers "ok <torch version> <threads>"
     train N     N training steps (zero_grad, forward, loss, backward, optimizer step); answers the seconds
     loss        the mean loss on the batch with the current weights
     quit
   The workload file: a header line "hidden_activation output_activation loss learning_rate dtype
   [optimizer]" (optimizer "sgd", the default, or "adam"), then arrays as "name rows cols" followed by
   one line of values: kernel0, bias0, kernel1, bias1, ... (any number of Dense layers; kernel i is
   (inputs, units) as in Keras and is transposed into Linear.weight), x and y.

2. On its own: `python3 pytorch_peer.py --standalone [WORKLOAD ...] [--threads N] [--rounds R]
   [--round-ms MS] [--warmup-ms MS]` builds the workloads from seeded random weights and data and
   prints the time per step, median [IQR] of R rounds after a warm-up, in wall-clock time and in CPU
   time of the process (all its threads; on a machine shared with other jobs the less noisy of the
   two), one line per workload. The workloads (default: all):
     xor          2-2-1 sigmoid, MSE, SGD 1.0, the 4 samples as one batch, DOUBLE
     mlp          784-256-10 sigmoid/softmax, cross-entropy, SGD 0.1, batch 128, FLOAT
     deep         784-512-512-10 relu/softmax, cross-entropy, Adam 1e-3, batch 128, FLOAT
     scale-b1, scale-b32, scale-b128, scale-b1024
                  784-256-10 sigmoid/softmax, cross-entropy, SGD 0.1, FLOAT, at batch 1/32/128/1024
     wide-1024    784-1024-10 sigmoid/softmax, cross-entropy, SGD 0.1, batch 128, FLOAT
     deep-sgd     784-512-512-10 relu/softmax, cross-entropy, SGD 0.1, batch 128, FLOAT

Softmax + categorical cross-entropy is F.cross_entropy on the logits (PyTorch's idiomatic, fused form
of the same loss). Adam uses Keras' defaults (beta 0.9 / 0.999, epsilon 1e-7) so that it does what a
Keras-style Adam does. For a fair peer PyTorch should run on an optimised BLAS: on Debian install
libopenblas0-pthread (without it Debian's python3-torch falls back to the reference BLAS, ~20-30x
slower), and use one intra-op thread (torch.set_num_threads(1)), its best setting on a shared
2-core machine.
"""
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU}

# name: (layer sizes, hidden activation, output activation, loss, learning rate, batch, dtype, optimizer)
WORKLOADS = {
    "xor": ([2, 2, 1], "sigmoid", "sigmoid", "mean_squared_error", 1.0, 4, "DOUBLE", "sgd"),
    "mlp": ([784, 256, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 128, "FLOAT", "sgd"),
    "deep": ([784, 512, 512, 10], "relu", "softmax", "categorical_crossentropy", 1e-3, 128, "FLOAT", "adam"),
    "scale-b1": ([784, 256, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 1, "FLOAT", "sgd"),
    "scale-b32": ([784, 256, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 32, "FLOAT", "sgd"),
    "scale-b128": ([784, 256, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 128, "FLOAT", "sgd"),
    "scale-b1024": ([784, 256, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 1024, "FLOAT", "sgd"),
    "wide-1024": ([784, 1024, 10], "sigmoid", "softmax", "categorical_crossentropy", 0.1, 128, "FLOAT", "sgd"),
    "deep-sgd": ([784, 512, 512, 10], "relu", "softmax", "categorical_crossentropy", 0.1, 128, "FLOAT", "sgd"),
}


class Peer:
    """A network, its data, loss and optimizer: what one workload trains."""

    def __init__(self, kernels, biases, hidden, output, loss_name, lr, dtype_name, optimizer_name, x, y):
        dtype = torch.float64 if dtype_name == "DOUBLE" else torch.float32
        layers = []
        for i, (kernel, bias) in enumerate(zip(kernels, biases)):
            linear = nn.Linear(kernel.shape[0], kernel.shape[1])
            with torch.no_grad():
                linear.weight.copy_(kernel.T)
                linear.bias.copy_(bias.reshape(-1))
            layers.append(linear)
            if i < len(kernels) - 1:
                layers.append(ACTIVATIONS[hidden]())
        if output in ACTIVATIONS:
            layers.append(ACTIVATIONS[output]())
        self.model = nn.Sequential(*layers).to(dtype)
        self.x = x.to(dtype)
        self.y = y.to(dtype)
        if loss_name == "categorical_crossentropy" and output == "softmax":
            targets = self.y.argmax(dim=1)
            self.loss_fn = lambda out: F.cross_entropy(out, targets)  # softmax + CCE on the logits
        elif loss_name == "mean_squared_error":
            self.loss_fn = lambda out: F.mse_loss(out, self.y)
        else:
            raise SystemExit("no PyTorch twin for " + loss_name + " after " + output)
        if optimizer_name == "adam":
            self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-7)
        elif optimizer_name == "sgd":
            self.optimizer = torch.optim.SGD(self.model.parameters(), lr=lr)
        else:
            raise SystemExit("no PyTorch twin for optimizer " + optimizer_name)

    def train(self, steps):
        """Seconds (wall-clock) for `steps` training steps on the batch."""
        return self.timed(steps)[0]

    def timed(self, steps):
        """Wall-clock seconds and CPU seconds of the whole process (all its threads) for `steps` steps."""
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(steps):
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(self.x))
            loss.backward()
            self.optimizer.step()
        return time.perf_counter() - start, time.process_time() - cpu_start

    def loss(self):
        with torch.no_grad():
            return float(self.loss_fn(self.model(self.x)))


def read_workload(path):
    with open(path) as f:
        header = f.readline().split()
        arrays = {}
        while True:
            line = f.readline()
            if not line:
                break
            name, rows, cols = line.split()
            values = [float(v) for v in f.readline().split()]
            arrays[name] = torch.tensor(values, dtype=torch.float64).reshape(int(rows), int(cols))
    return header, arrays


def load(path):
    header, arrays = read_workload(path)
    hidden, output, loss_name, lr, dtype_name = header[:5]
    optimizer_name = header[5] if len(header) > 5 else "sgd"
    count = sum(1 for name in arrays if name.startswith("kernel"))
    kernels = [arrays["kernel%d" % i] for i in range(count)]
    biases = [arrays["bias%d" % i] for i in range(count)]
    return Peer(kernels, biases, hidden, output, loss_name, float(lr), dtype_name, optimizer_name,
                arrays["x"], arrays["y"])


def seeded(name, seed=7):
    """The workload `name` with Glorot-uniform kernels, zero biases and a random batch, all seeded."""
    sizes, hidden, output, loss_name, lr, batch, dtype_name, optimizer_name = WORKLOADS[name]
    generator = torch.Generator().manual_seed(seed)
    kernels, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        kernels.append((torch.rand(fan_in, fan_out, generator=generator, dtype=torch.float64) * 2 - 1) * limit)
        biases.append(torch.zeros(1, fan_out, dtype=torch.float64))
    if name == "xor":
        x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float64)
        y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float64)
    else:
        x = torch.rand(batch, sizes[0], generator=generator, dtype=torch.float64)
        y = torch.zeros(batch, sizes[-1], dtype=torch.float64)
        y[torch.arange(batch), torch.randint(sizes[-1], (batch,), generator=generator)] = 1
    return Peer(kernels, biases, hidden, output, loss_name, lr, dtype_name, optimizer_name, x, y)


def quartiles(values):
    q = statistics.quantiles(values, n=4, method="inclusive")
    return statistics.median(values), q[0], q[2]


def standalone(args):
    names, threads, rounds, round_ms, warmup_ms = [], 1, 9, 500, 3000
    i = 0
    while i < len(args):
        if args[i] == "--threads":
            threads, i = int(args[i + 1]), i + 1
        elif args[i] == "--rounds":
            rounds, i = int(args[i + 1]), i + 1
        elif args[i] == "--round-ms":
            round_ms, i = int(args[i + 1]), i + 1
        elif args[i] == "--warmup-ms":
            warmup_ms, i = int(args[i + 1]), i + 1
        elif args[i] in WORKLOADS:
            names.append(args[i])
        else:
            raise SystemExit("unknown argument " + args[i] + "; workloads: " + " ".join(WORKLOADS))
        i += 1
    torch.set_num_threads(threads)
    print("PyTorch %s, %d intra-op thread(s), BLAS: %s" % (torch.__version__, torch.get_num_threads(),
                                                          blas_name()), flush=True)
    for name in names or list(WORKLOADS):
        peer = seeded(name)
        steps, seconds_per_step = 1, float("inf")
        deadline = time.perf_counter() + warmup_ms / 1000
        while time.perf_counter() < deadline:  # warm-up, and the steps of one round
            seconds_per_step = min(seconds_per_step, peer.train(steps) / steps)
            steps = min(steps * 2, max(1, int(0.1 / seconds_per_step)))
        steps = max(1, round(round_ms / 1000 / seconds_per_step))
        rounds_timed = [peer.timed(steps) for _ in range(rounds)]
        wall = [w / steps for w, _ in rounds_timed]
        cpu = [c / steps for _, c in rounds_timed]
        median, q1, q3 = quartiles(wall)
        cpu_median, cpu_q1, cpu_q3 = quartiles(cpu)
        unit, scale = ("ms", 1e3) if median >= 1e-3 else ("us", 1e6)
        print("%-12s %8.3f %s/step [IQR %.3f - %.3f, min %.3f, max %.3f]; CPU of the process %.3f [%.3f - %.3f]"
              "  (%d rounds of %d steps, loss %.6f)"
              % (name, median * scale, unit, q1 * scale, q3 * scale, min(wall) * scale, max(wall) * scale,
                 cpu_median * scale, cpu_q1 * scale, cpu_q3 * scale, rounds, steps, peer.loss()), flush=True)


def blas_name():
    """Which BLAS library this process loaded (from /proc/self/maps), or 'unknown'."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split("/")[-1].strip() for line in maps if "blas" in line.lower()}
        return ", ".join(sorted(names)) or "unknown"
    except OSError:
        return "unknown"


def driven(threads):
    torch.set_num_threads(threads)
    peer = None
    for line in sys.stdin:
        command = line.split()
        if not command:
            continue
        if command[0] == "load":
            peer = load(command[1])
            print("ok", torch.__version__, torch.get_num_threads(), flush=True)
        elif command[0] == "train":
            print(peer.train(int(command[1])), flush=True)
        elif command[0] == "loss":
            print(peer.loss(), flush=True)
        elif command[0] == "quit":
            break


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--standalone":
        standalone(sys.argv[2:])
    else:
        driven(int(sys.argv[1]) if len(sys.argv) > 1 else 2)


if __name__ == "__main__":
    main()
