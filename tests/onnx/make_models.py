#!/usr/bin/python3
"""Writes the small ONNX models of the import tests into tests/onnx/models/.

Uses only the onnx package (Debian: python3-onnx), no deep-learning framework:
    /usr/bin/python3 tests/onnx/make_models.py
Weights are small deterministic pseudo-random numbers; only shapes matter to the
importer. Each model mirrors a network config (see the docstrings below).
"""
import os
import random

import onnx
from onnx import TensorProto, helper

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(5)


def weights(name, dims):
    count = 1
    for d in dims:
        count *= d
    values = [rng.uniform(-0.1, 0.1) for _ in range(count)]
    return helper.make_tensor(name, TensorProto.FLOAT, dims, values)


def save(graph, file_name):
    model = helper.make_model(graph, producer_name="cnnsched make_models.py",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "models", file_name))


class Builder:
    def __init__(self):
        self.nodes = []
        self.inits = []

    def conv(self, name, x, in_ch, out_ch, k, stride=1, pad=0, group=1):
        w = weights(name + ".W", [out_ch, in_ch // group, k, k])
        b = weights(name + ".B", [out_ch])
        self.inits += [w, b]
        self.nodes.append(helper.make_node("Conv", [x, w.name, b.name], [name], name=name, kernel_shape=[k, k],
                                           strides=[stride, stride], pads=[pad] * 4, group=group))
        return name

    def bn(self, name, x, ch):
        params = [weights(name + "." + p, [ch]) for p in ("scale", "bias", "mean")]
        var = helper.make_tensor(name + ".var", TensorProto.FLOAT, [ch], [1.0] * ch)
        self.inits += params + [var]
        self.nodes.append(helper.make_node("BatchNormalization", [x] + [t.name for t in params] + [var.name],
                                           [name], name=name))
        return name

    def relu(self, name, x):
        self.nodes.append(helper.make_node("Relu", [x], [name], name=name))
        return name

    def maxpool(self, name, x, k, stride):
        self.nodes.append(helper.make_node("MaxPool", [x], [name], name=name, kernel_shape=[k, k],
                                           strides=[stride, stride]))
        return name

    def gemm(self, name, x, in_f, out_f):
        w = weights(name + ".W", [out_f, in_f])
        b = weights(name + ".B", [out_f])
        self.inits += [w, b]
        self.nodes.append(helper.make_node("Gemm", [x, w.name, b.name], [name], name=name, transB=1))
        return name

    def graph(self, name, input_dims, output, output_dims):
        return helper.make_graph(self.nodes, name,
                                 [helper.make_tensor_value_info("image", TensorProto.FLOAT, input_dims)],
                                 [helper.make_tensor_value_info(output, TensorProto.FLOAT, output_dims)],
                                 initializer=self.inits)


def lenet5():
    """configs/networks/lenet5.json: C1-S2-C3-S4-C5 with ReLU, Flatten, F6 (ReLU), F7."""
    g = Builder()
    x = g.relu("C1.relu", g.conv("C1", "image", 1, 6, 5))
    x = g.maxpool("S2", x, 2, 2)
    x = g.relu("C3.relu", g.conv("C3", x, 6, 16, 5))
    x = g.maxpool("S4", x, 2, 2)
    x = g.relu("C5.relu", g.conv("C5", x, 16, 120, 5))
    g.nodes.append(helper.make_node("Flatten", [x], ["flat"], name="flatten"))
    x = g.relu("F6.relu", g.gemm("F6", "flat", 120, 84))
    x = g.gemm("F7", x, 84, 10)
    save(g.graph("lenet5", [1, 1, 32, 32], x, [1, 10]), "lenet5.onnx")


def residual_block():
    """tests/onnx/models/residual_block.json: conv-bn-relu-conv-bn, add with the input, relu."""
    g = Builder()
    x = g.relu("conv1.relu", g.bn("bn1", g.conv("conv1", "image", 16, 16, 3, pad=1), 16))
    x = g.bn("bn2", g.conv("conv2", x, 16, 16, 3, pad=1), 16)
    g.nodes.append(helper.make_node("Add", [x, "image"], ["add"], name="add"))
    x = g.relu("add.relu", "add")
    save(g.graph("residual_block", [1, 16, 8, 8], x, [1, 16, 8, 8]), "residual_block.onnx")


def unsupported_op():
    """A conv followed by a Hardmax, which the importer does not support."""
    g = Builder()
    x = g.conv("conv1", "image", 3, 4, 3)
    g.nodes.append(helper.make_node("Hardmax", [x], ["gate"], name="gate"))
    save(g.graph("unsupported_op", [1, 3, 8, 8], "gate", [1, 4, 6, 6]), "unsupported_op.onnx")


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)
    lenet5()
    residual_block()
    unsupported_op()
