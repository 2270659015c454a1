"""Makes the PyTorch fixtures that OnnxPytorchImportTest imports.

Run from this directory with Debian 12's packages (python3-torch 1.13.1, python3-onnx 1.12.0):

    /usr/bin/python3 make_fixtures.py

Each fixture is a small nn.Sequential of Linear layers and activations, exported with
torch.onnx.export (opset 17, a symbolic batch dimension, input "x", output "y"), plus
NAME.json: the inputs and what PyTorch predicted for them, as exact decimal numbers
(Python's repr of each float), so the Java test compares with PyTorch's own outputs.
"""
import json

import onnx
import torch
from torch import nn


class MatMulAdd(nn.Module):
    """x @ W + b written out, which torch.onnx.export writes as MatMul then Add (not Gemm)."""

    def __init__(self, inputs, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(inputs, units) * 0.5)
        self.bias = nn.Parameter(torch.randn(units) * 0.1)

    def forward(self, x):
        return x @ self.weight + self.bias


def fixtures():
    torch.manual_seed(23)
    yield "pytorch_float", nn.Sequential(
        nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.Tanh(), nn.Linear(6, 3), nn.Softmax(dim=1)), torch.float32
    yield "pytorch_double", nn.Sequential(
        nn.Linear(5, 7), nn.Sigmoid(), nn.Dropout(0.3), nn.Linear(7, 2)), torch.float64
    yield "pytorch_matmul_add", nn.Sequential(
        MatMulAdd(3, 4), nn.Tanh(), MatMulAdd(4, 2), nn.Sigmoid()), torch.float32


def main():
    for name, model, dtype in fixtures():
        model = model.to(dtype).eval()
        torch.manual_seed(7)
        width = model[0].in_features if isinstance(model[0], nn.Linear) else model[0].weight.shape[0]
        inputs = (torch.rand(6, width, dtype=dtype) * 4 - 2)
        with torch.no_grad():
            outputs = model(inputs)
        torch.onnx.export(model, inputs, name + ".onnx", input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=17)
        onnx.checker.check_model(onnx.load(name + ".onnx"))
        with open(name + ".json", "w") as out:
            json.dump({"torch": torch.__version__, "dtype": str(dtype),
                       "inputs": inputs.tolist(), "outputs": outputs.tolist()}, out, indent=1)
        print(name, [node.op_type for node in onnx.load(name + ".onnx").graph.node])


if __name__ == "__main__":
    main()
