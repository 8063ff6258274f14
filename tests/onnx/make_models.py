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


def save(graph, file_name, opset=OPSET):
    model = helper.make_model(graph, producer_name="cnnsched make_models.py",
                              opset_imports=[helper.make_opsetid("", opset)])
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

    def node(self, op, name, inputs, outputs=None, **attributes):
        self.nodes.append(helper.make_node(op, inputs, outputs or [name], name=name, **attributes))
        return name

    def ints(self, name, values):
        self.inits.append(helper.make_tensor(name, TensorProto.INT64, [len(values)], values))
        return name

    def concat(self, name, inputs):
        return self.node("Concat", name, inputs, axis=1)

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


def inception():
    """Inception / SqueezeNet fire style: four parallel branches on one tensor, concatenated."""
    g = Builder()
    a = g.relu("b1.relu", g.conv("b1", "image", 8, 4, 1))
    b = g.relu("b2a.relu", g.conv("b2a", "image", 8, 4, 1))
    b = g.relu("b2b.relu", g.conv("b2b", b, 4, 6, 3, pad=1))
    c = g.node("MaxPool", "b3pool", ["image"], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])
    c = g.relu("b3.relu", g.conv("b3", c, 8, 2, 1))
    d = g.relu("b4.relu", g.conv("b4", "image", 8, 3, 3, pad=1))
    x = g.concat("cat", [a, b, c, d])
    x = g.conv("head", x, 15, 4, 1)
    save(g.graph("inception", [1, 8, 8, 8], x, [1, 4, 8, 8]), "inception.onnx")


def dense_block():
    """DenseNet style: BN-ReLU-conv1x1-BN-ReLU-conv3x3 layers, each concatenated with all before it;
    the BatchNormalization on the network input and on each concat is a layer of its own, the one
    after each conv is folded; a transition (BN, ReLU, conv 1x1, avgpool 2) ends it."""
    g = Builder()
    features = ["image"]
    channels = 6
    x = "image"
    for i in (1, 2):
        p = "d%d" % i
        x = g.relu(p + ".relu1", g.bn(p + ".bn1", x, channels))
        x = g.relu(p + ".relu2", g.bn(p + ".bn2", g.conv(p + ".conv1", x, channels, 8, 1), 8))
        features.append(g.conv(p + ".conv2", x, 8, 4, 3, pad=1))
        channels += 4
        x = g.concat(p + ".cat", list(features))
    x = g.relu("t.relu", g.bn("t.bn", x, channels))
    x = g.conv("t.conv", x, channels, 8, 1)
    x = g.node("AveragePool", "t.pool", [x], kernel_shape=[2, 2], strides=[2, 2])
    save(g.graph("dense_block", [1, 6, 6, 6], x, [1, 8, 3, 3]), "dense_block.onnx")


def split_concat():
    """Split (opset 13: sizes as an input) into 3 + 5 channels, a conv on the 5, Slice (constant
    starts/ends/axes/steps) of the conv's channels 1..4, concatenated with the 3."""
    g = Builder()
    g.node("Split", "split", ["image", g.ints("split.sizes", [3, 5])], ["split", "split_1"], axis=1)
    x = g.relu("conv.relu", g.conv("conv", "split_1", 5, 6, 3, pad=1))
    g.node("Slice", "slice", [x, g.ints("s.starts", [1]), g.ints("s.ends", [5]), g.ints("s.axes", [1]),
                              g.ints("s.steps", [1])])
    x = g.concat("cat", ["split", "slice"])
    save(g.graph("split_concat", [1, 8, 6, 6], x, [1, 7, 6, 6]), "split_concat.onnx")


def shuffle(g, name, x, channels, hw, computed_shape):
    """torchvision's channel_shuffle(x, 2): view(N, 2, C/2, H, W), transpose(1, 2), view(N, -1, H, W).
    computed_shape: the Shape -> Gather -> Div -> Unsqueeze -> Concat subgraph PyTorch emits
    without constant folding (opset 11 forms); else the shapes as initializers."""
    if computed_shape:
        g.node("Shape", name + ".shape", [x])
        dims = []
        for k in range(4):
            g.inits.append(helper.make_tensor("%s.i%d" % (name, k), TensorProto.INT64, [], [k]))
            dims.append(g.node("Gather", "%s.g%d" % (name, k), [name + ".shape", "%s.i%d" % (name, k)], axis=0))
        g.inits.append(helper.make_tensor(name + ".two", TensorProto.INT64, [], [2]))
        per_group = g.node("Div", name + ".div", [dims[1], name + ".two"])
        g.inits.append(helper.make_tensor(name + ".minus1", TensorProto.INT64, [], [-1]))

        def unsq(n, t):
            return g.node("Unsqueeze", name + ".u" + n, [t], axes=[0])
        five = [unsq("n", dims[0]), unsq("g", name + ".two"), unsq("c", per_group), unsq("h", dims[2]),
                unsq("w", dims[3])]
        shape5 = g.node("Concat", name + ".shape5", five, axis=0)
        shape4 = g.node("Concat", name + ".shape4", [unsq("n2", dims[0]), unsq("m", name + ".minus1"),
                                                      unsq("h2", dims[2]), unsq("w2", dims[3])], axis=0)
    else:
        shape5 = g.ints(name + ".shape5", [1, 2, channels // 2, hw, hw])
        shape4 = g.ints(name + ".shape4", [1, -1, hw, hw])
    g.node("Reshape", name + ".view", [x, shape5])
    g.node("Transpose", name + ".t", [name + ".view"], perm=[0, 2, 1, 3, 4])
    return g.node("Reshape", name, [name + ".t", shape4])


def shuffle_unit():
    """ShuffleNet-V2 (opset 11): a stem conv, a stride-1 unit (Split with the sizes as attribute,
    the right half through conv1x1-dw3x3-conv1x1, concat, channel shuffle through the computed
    shape subgraph), a stride-2 unit (both branches, concat, shuffle with constant shapes) and a
    stride-1 unit whose chunk is two Slices sharing a computed middle, as PyTorch exports it."""
    g = Builder()
    x = g.relu("stem.relu", g.conv("stem", "image", 3, 8, 3, pad=1))
    g.node("Split", "u1.split", [x], ["u1.split", "u1.split_1"], axis=1, split=[4, 4])
    b = g.relu("u1.c1.relu", g.conv("u1.c1", "u1.split_1", 4, 4, 1))
    b = g.bn("u1.dw.bn", g.conv("u1.dw", b, 4, 4, 3, pad=1, group=4), 4)
    b = g.relu("u1.c2.relu", g.conv("u1.c2", b, 4, 4, 1))
    x = g.concat("u1.cat", ["u1.split", b])
    x = shuffle(g, "u1.shuffle", x, 8, 8, True)
    a = g.conv("u2.b1.dw", x, 8, 8, 3, stride=2, pad=1, group=8)
    a = g.relu("u2.b1.c.relu", g.conv("u2.b1.c", a, 8, 8, 1))
    b = g.relu("u2.b2.c1.relu", g.conv("u2.b2.c1", x, 8, 8, 1))
    b = g.conv("u2.b2.dw", b, 8, 8, 3, stride=2, pad=1, group=8)
    b = g.relu("u2.b2.c2.relu", g.conv("u2.b2.c2", b, 8, 8, 1))
    x = g.concat("u2.cat", [a, b])
    x = shuffle(g, "u2.shuffle", x, 16, 4, False)
    # x.chunk(2, dim=1) as PyTorch exports it: two Slices sharing the computed middle.
    g.node("Shape", "u3.shape", [x])
    g.inits.append(helper.make_tensor("u3.one", TensorProto.INT64, [1], [1]))
    g.inits.append(helper.make_tensor("u3.zero", TensorProto.INT64, [1], [0]))
    g.inits.append(helper.make_tensor("u3.two", TensorProto.INT64, [1], [2]))
    g.inits.append(helper.make_tensor("u3.big", TensorProto.INT64, [1], [2 ** 63 - 1]))
    g.node("Gather", "u3.c", ["u3.shape", "u3.one"], axis=0)
    g.node("Add", "u3.add", ["u3.c", "u3.one"])
    g.node("Div", "u3.div", ["u3.add", "u3.two"])
    g.node("Mul", "u3.mid", ["u3.div", "u3.one"])
    g.node("Slice", "u3.x1", [x, "u3.zero", "u3.mid", "u3.one"])
    g.node("Slice", "u3.x2", [x, "u3.mid", "u3.big", "u3.one"])
    b = g.relu("u3.c1.relu", g.conv("u3.c1", "u3.x2", 8, 8, 1))
    b = g.relu("u3.c2.relu", g.conv("u3.c2", g.conv("u3.dw", b, 8, 8, 3, pad=1, group=8), 8, 8, 1))
    x = shuffle(g, "u3.shuffle", g.concat("u3.cat", ["u3.x1", b]), 16, 4, False)
    x = g.node("GlobalAveragePool", "gap", [x])
    save(g.graph("shuffle_unit", [1, 3, 8, 8], x, [1, 16, 1, 1]), "shuffle_unit.onnx", opset=11)


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)
    lenet5()
    residual_block()
    unsupported_op()
    inception()
    dense_block()
    split_concat()
    shuffle_unit()
