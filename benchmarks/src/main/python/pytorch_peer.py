"""PyTorch twin of a backprop4j workload, driven line by line by SideBySide (the Java harness).

Commands on stdin, one per line; each answer is one line on stdout:
  load PATH   read the workload written by the harness (sizes, activations, loss, weights, data);
              answers "ok <torch version> <threads>"
  train N     N training steps (zero_grad, forward, loss, backward, SGD step); answers the seconds
  loss        the mean loss on the batch with the current weights
  quit
The network is nn.Sequential(Linear, activation, Linear[, Sigmoid]) with the harness's weights
(kernel transposed into Linear.weight); softmax + categorical cross-entropy is F.cross_entropy on
the logits, PyTorch's idiomatic (and fused) form of the same loss.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


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
            arrays[name] = (int(rows), int(cols), values)
    return header, arrays


def tensor(arrays, name, dtype):
    rows, cols, values = arrays[name]
    return torch.tensor(values, dtype=dtype).reshape(rows, cols)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    model = optimizer = x = y = loss_fn = None
    for line in sys.stdin:
        command = line.split()
        if not command:
            continue
        if command[0] == "load":
            (hidden_activation, output_activation, loss_name, lr, dtype_name), arrays = read_workload(command[1])
            dtype = torch.float64 if dtype_name == "DOUBLE" else torch.float32
            k0, b0, k1, b1 = (tensor(arrays, n, dtype) for n in ("kernel0", "bias0", "kernel1", "bias1"))
            x, y = tensor(arrays, "x", dtype), tensor(arrays, "y", dtype)
            hidden = {"sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(), "relu": nn.ReLU()}[hidden_activation]
            layers = [nn.Linear(k0.shape[0], k0.shape[1]), hidden, nn.Linear(k1.shape[0], k1.shape[1])]
            if output_activation == "sigmoid":
                layers.append(nn.Sigmoid())
            model = nn.Sequential(*layers).to(dtype)
            with torch.no_grad():
                model[0].weight.copy_(k0.T)
                model[0].bias.copy_(b0.reshape(-1))
                model[2].weight.copy_(k1.T)
                model[2].bias.copy_(b1.reshape(-1))
            if loss_name == "categorical_crossentropy" and output_activation == "softmax":
                targets = y.argmax(dim=1)
                loss_fn = lambda out: F.cross_entropy(out, targets)  # softmax + CCE on the logits
            elif loss_name == "mean_squared_error":
                loss_fn = lambda out: F.mse_loss(out, y)
            else:
                raise SystemExit("no PyTorch twin for " + loss_name + " after " + output_activation)
            optimizer = torch.optim.SGD(model.parameters(), lr=float(lr))
            print("ok", torch.__version__, torch.get_num_threads(), flush=True)
        elif command[0] == "train":
            steps = int(command[1])
            start = time.perf_counter()
            for _ in range(steps):
                optimizer.zero_grad()
                loss = loss_fn(model(x))
                loss.backward()
                optimizer.step()
            print(time.perf_counter() - start, flush=True)
        elif command[0] == "loss":
            with torch.no_grad():
                print(float(loss_fn(model(x))), flush=True)
        elif command[0] == "quit":
            break


if __name__ == "__main__":
    main()
