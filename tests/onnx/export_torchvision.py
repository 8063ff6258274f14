#!/usr/bin/python3
"""By-hand tool, not run by the test suite: exports torchvision networks to ONNX
for the import table of tests/onnx/torchvision_table.sh (issue #14).

Random weights (weights=None, nothing is downloaded), eval mode, batch 1,
input 1x3x224x224 (LeNet-5: 1x1x32x32), opsets 11 and 13. Needs PyTorch and
torchvision (Debian: python3-torch, python3-torchvision):
    /usr/bin/python3 tests/onnx/export_torchvision.py OUT_DIR [MODEL ...]
writes OUT_DIR/<model>_opset<N>.onnx.
"""
import os
import sys

import torch
import torchvision


class LeNet5(torch.nn.Module):
    """LeNet-5 as in configs/networks/lenet5.json: two conv + max-pool stages, three FC."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(
            torch.nn.Conv2d(1, 6, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(6, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2))
        self.classifier = torch.nn.Sequential(
            torch.nn.Flatten(), torch.nn.Linear(16 * 5 * 5, 120), torch.nn.ReLU(),
            torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


def build(name):
    m = torchvision.models
    if name == "lenet5":
        return LeNet5(), (1, 1, 32, 32)
    if name == "googlenet":
        return m.googlenet(weights=None, aux_logits=False, init_weights=True), (1, 3, 224, 224)
    return getattr(m, name)(weights=None), (1, 3, 224, 224)


MODELS = ["lenet5", "alexnet", "vgg16", "resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small",
          "squeezenet1_0", "googlenet", "densenet121", "efficientnet_b0", "shufflenet_v2_x1_0"]
OPSETS = [11, 13]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for name in sys.argv[2:] or MODELS:
        model, shape = build(name)
        model.eval()
        x = torch.randn(*shape)
        for opset in OPSETS:
            path = os.path.join(out, "%s_opset%d.onnx" % (name, opset))
            with torch.no_grad():
                torch.onnx.export(model, x, path, opset_version=opset, input_names=["x"],
                                  output_names=["y"], do_constant_folding=True)
            print(path, flush=True)


if __name__ == "__main__":
    main()
