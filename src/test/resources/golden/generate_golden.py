#!/usr/bin/python3
"""Generates the golden reference vectors for the loss service's tests.

Every expected number comes from PyTorch (float64, autograd) or scikit-learn, never from the
service; where float64 PyTorch itself rounds a result away (a loss of 1e-18 computed as
log(1 + 1e-18) = 0), the case is computed in 50-digit mpmath instead and says so in its name. Run with Debian's python3-torch, python3-torchvision and python3-sklearn:

    /usr/bin/python3 src/test/resources/golden/generate_golden.py

Each output file is named after a loss and holds a list of cases:
    {"name": ..., "request": <the JSON body>, "expected": {"value", "perSample", "gradients", ...}}
The Java test GoldenVectorTest reads every file in this folder and compares field by field.
"""
import json
import math
import os
import sys

import mpmath
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
GENERATORS = {}


def generator(name):
    def register(function):
        GENERATORS[name] = function
        return function
    return register


def tensor(values, grad=False):
    return torch.tensor(values, dtype=torch.float64, requires_grad=grad)


def to_list(t):
    return t.detach().tolist()


def case(name, request, value, per_sample, inputs, extra=None):
    """Differentiates value with respect to every tensor in inputs (name -> leaf tensor)."""
    grads = torch.autograd.grad(value, list(inputs.values()), allow_unused=True)
    expected = {
        "value": value.item(),
        "perSample": to_list(per_sample),
        "gradients": {k: (to_list(g) if g is not None else to_list(torch.zeros_like(t)))
                      for (k, t), g in zip(inputs.items(), grads)},
    }
    if extra:
        expected.update(extra)
    return {"name": name, "request": request, "expected": expected}


# ---------------------------------------------------------------- softmax cross-entropy (API.md 4.5)

def softmax_case(name, logits, labels=None, targets=None, weights=None, smoothing=0.0, reduction="mean"):
    z = tensor(logits, grad=True)
    w = tensor(weights) if weights is not None else None
    target = torch.tensor(labels) if labels is not None else tensor(targets)
    per_sample = F.cross_entropy(z, target, weight=w, label_smoothing=smoothing, reduction="none")
    value = F.cross_entropy(z, target, weight=w, label_smoothing=smoothing, reduction=reduction)
    request = {"logits": logits, "reduction": reduction}
    if labels is not None:
        request["labels"] = labels
    else:
        request["targets"] = targets
    if weights is not None:
        request["classWeights"] = weights
    if smoothing:
        request["labelSmoothing"] = smoothing
    return case(name, request, value, per_sample, {"logits": z})


def softmax_case_exact(name, logits, labels):
    """Reference in 50-digit arithmetic, for confident rows where float64 PyTorch rounds
    log(1 + tiny) to 0 while the service keeps the tiny loss."""
    mpmath.mp.dps = 50
    per_sample, grads = [], []
    for row, y in zip(logits, labels):
        exps = [mpmath.exp(mpmath.mpf(z)) for z in row]
        total = mpmath.fsum(exps)
        per_sample.append(float(-mpmath.log(exps[y] / total)))
        grads.append([float(e / total - (1 if j == y else 0)) / len(labels) for j, e in enumerate(exps)])
    return {"name": name + " (mpmath reference: PyTorch rounds the loss to 0)",
            "request": {"logits": logits, "labels": labels},
            "expected": {"value": float(mpmath.fsum(per_sample) / len(labels)), "perSample": per_sample,
                         "gradients": {"logits": grads}}}


@generator("softmax-cross-entropy")
def softmax_cases(g):
    n, c = 7, 5
    logits = (torch.randn(n, c, generator=g) * 3).tolist()
    labels = torch.randint(0, c, (n,), generator=g).tolist()
    soft = torch.softmax(torch.randn(n, c, generator=g) * 2, dim=1).tolist()
    weights = (torch.rand(c, generator=g) * 2 + 0.1).tolist()
    huge = (torch.randn(4, 6, generator=g) * 1e4).tolist()
    huge_labels = torch.randint(0, 6, (4,), generator=g).tolist()
    return [
        softmax_case("labels mean", logits, labels=labels),
        softmax_case("labels sum", logits, labels=labels, reduction="sum"),
        softmax_case("class weights (weighted mean)", logits, labels=labels, weights=weights),
        softmax_case("label smoothing 0.1", logits, labels=labels, smoothing=0.1),
        softmax_case("class weights and label smoothing", logits, labels=labels, weights=weights, smoothing=0.25),
        softmax_case("class weights, smoothing, sum", logits, labels=labels, weights=weights, smoothing=0.3,
                     reduction="sum"),
        softmax_case("soft targets", logits, targets=soft),
        softmax_case("soft targets, weights and smoothing", logits, targets=soft, weights=weights, smoothing=0.2),
        softmax_case("soft targets sum", logits, targets=soft, reduction="sum"),
        softmax_case("logits of magnitude 1e4", huge, labels=huge_labels),
        softmax_case("logits of magnitude 1e4, smoothing", huge, labels=huge_labels, smoothing=0.1),
        softmax_case("one class", [[3.0], [-2.0]], labels=[0, 0]),
        softmax_case_exact("confident and right", [[40.0, 0.0, -3.0]], labels=[0]),
        softmax_case("single sample, many classes", (torch.randn(1, 50, generator=g)).tolist(), labels=[17]),
    ]


def main(names):
    for name, function in GENERATORS.items():
        if names and name not in names:
            continue
        g = torch.Generator().manual_seed(20261128)
        cases = function(g)
        header = {"loss": name, "source": "PyTorch " + torch.__version__ + " float64 autograd"}
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            # One case per line: small diffs when a case changes, and still plain JSON.
            out.write(json.dumps(header)[:-1] + ', "cases": [\n')
            out.write(",\n".join(json.dumps(c) for c in cases))
            out.write("\n]}\n")
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main(sys.argv[1:])
