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


# ---------------------------------------------------------------- losses on scores (API.md 4.1, 4.2, 4.4)

def reduce(per_sample, reduction):
    return per_sample.mean() if reduction == "mean" else per_sample.sum()


def score_case(name, pointwise, request, scores_field, scores=None, linear=None, reduction="mean", scale=1.0,
               sklearn_value=None):
    """pointwise(f) -> per-sample losses. linear = (X, w, b, l2) replaces the scores by X w + b."""
    request = dict(request)
    request["reduction"] = reduction
    inputs = {}
    if linear is None:
        f = tensor(scores, grad=True)
        inputs[scores_field] = f
        request[scores_field] = scores
        penalty = 0.0
    else:
        X, w_values, b_value, l2 = linear
        w = tensor(w_values, grad=True)
        b = tensor(b_value, grad=True)
        inputs = {"weights": w, "bias": b}
        f = tensor(X) @ w + b
        request.update({"features": X, "weights": w_values, "bias": b_value})
        if l2:
            request["l2"] = l2
        penalty = l2 / 2 * (w * w).sum()
    per_sample = pointwise(f)
    value = scale * reduce(per_sample, reduction) + penalty
    result = case(name, request, value, per_sample, inputs)
    if sklearn_value is not None:
        result["expected"]["sklearnValue"] = sklearn_value
    return result


def signs(g, n):
    return (torch.randint(0, 2, (n,), generator=g) * 2 - 1).tolist()


def linear_model(g, n, d, l2):
    X = (torch.randn(n, d, generator=g)).tolist()
    w = (torch.randn(d, generator=g) * 0.7).tolist()
    return X, w, 0.3, l2


def away_from(values, points, gap=1e-3):
    """Moves any value within gap of one of the points, so that no golden case sits on a kink."""
    return [v + 2 * gap if any(abs(v - p) < gap for p in points) else v for v in values]


@generator("zero-one")
def zero_one_cases(g):
    import numpy as np
    from sklearn.metrics import zero_one_loss
    n = 9
    f = away_from((torch.randn(n, generator=g) * 2).tolist(), [0.0])
    y = signs(g, n)
    # "+ 0 * s" keeps the scores in the autograd graph: the derivative of the step is 0 wherever it exists.
    loss = lambda yt: (lambda s: (yt * s < 0).double() + 0 * s)
    yt = tensor(y)
    sk = float(zero_one_loss(np.array(y), np.where(np.array(f) >= 0, 1, -1)))
    lin = linear_model(g, 6, 3, 0.5)
    y6 = signs(g, 6)
    return [
        score_case("scores mean (scikit-learn zero_one_loss)", loss(yt), {"labels": y}, "scores", scores=f,
                   sklearn_value=sk),
        score_case("scores sum", loss(yt), {"labels": y}, "scores", scores=f, reduction="sum"),
        score_case("margin exactly 0 is correct", loss(tensor([1, -1, 1])), {"labels": [1, -1, 1]}, "scores",
                   scores=[0.0, 0.0, -0.5]),
        score_case("linear model with l2 (weight gradient l2 w)", loss(tensor(y6)), {"labels": y6}, "features",
                   linear=lin),
    ]


@generator("exponential")
def exponential_cases(g):
    n = 9
    f = (torch.randn(n, generator=g) * 2).tolist()
    y = signs(g, n)
    loss = lambda yt: (lambda s: torch.exp(-yt * s))
    lin = linear_model(g, 7, 4, 0.25)
    y7 = signs(g, 7)
    return [
        score_case("scores mean", loss(tensor(y)), {"labels": y}, "scores", scores=f),
        score_case("scores sum", loss(tensor(y)), {"labels": y}, "scores", scores=f, reduction="sum"),
        score_case("large margins", loss(tensor([1, -1, 1])), {"labels": [1, -1, 1]}, "scores",
                   scores=[700.0, 30.0, -700.0]),
        score_case("linear model", loss(tensor(y7)), {"labels": y7}, "features", linear=linear_model(g, 7, 4, 0.0)),
        score_case("linear model with l2, sum", loss(tensor(y7)), {"labels": y7}, "features", linear=lin,
                   reduction="sum"),
    ]


@generator("hinge")
def hinge_cases(g):
    import numpy as np
    from sklearn.metrics import hinge_loss
    n = 11
    y = signs(g, n)
    f = away_from((torch.randn(n, generator=g) * 1.5).tolist(), [1.0, -1.0])
    loss = lambda yt: (lambda s: torch.clamp(1 - yt * s, min=0))
    sk = float(hinge_loss(np.array(y), np.array(f)))
    X, w, b, _ = linear_model(g, 8, 3, 0.0)
    y8 = signs(g, 8)
    request_c = {"labels": y8, "c": 10.0}
    return [
        score_case("scores mean (scikit-learn hinge_loss)", loss(tensor(y)), {"labels": y}, "scores", scores=f,
                   sklearn_value=sk),
        score_case("scores sum with c = 2.5", loss(tensor(y)), {"labels": y, "c": 2.5}, "scores", scores=f,
                   reduction="sum", scale=2.5),
        score_case("soft-margin SVM primal: sum, C = 10, l2 = 1", loss(tensor(y8)), request_c, "features",
                   linear=(X, w, b, 1.0), reduction="sum", scale=10.0),
        score_case("linear model mean, l2 = 0.1", loss(tensor(y8)), {"labels": y8}, "features",
                   linear=(X, w, b, 0.1)),
    ]


@generator("binary-cross-entropy")
def bce_cases(g):
    import numpy as np
    from sklearn.metrics import log_loss
    n = 10
    z = (torch.randn(n, generator=g) * 3).tolist()
    t = torch.randint(0, 2, (n,), generator=g).double().tolist()
    soft = torch.rand(n, generator=g).tolist()
    q = torch.rand(n, generator=g).clamp(0.01, 0.99).tolist()

    def logits_loss(tt, pos_weight=None):
        pw = tensor([pos_weight]) if pos_weight is not None else None
        return lambda s: F.binary_cross_entropy_with_logits(s, tt, pos_weight=pw, reduction="none")

    def probability_loss(tt):
        return lambda s: F.binary_cross_entropy(s, tt, reduction="none")

    sk = float(log_loss(np.array(t), 1 / (1 + np.exp(-np.array(z))), labels=[0, 1]))
    X, w, b, _ = linear_model(g, 8, 3, 0.0)
    t8 = torch.randint(0, 2, (8,), generator=g).double().tolist()
    extreme = [1e4, -1e4, 1e4, -1e4, 40.0, -40.0, 745.0, -745.0]
    extreme_t = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    edge_q = [0.0, 1.0, 1e-20, 1 - 1e-12, 0.5, 1e-5]
    edge_t = [0.0, 1.0, 1.0, 0.0, 1.0, 0.0]
    return [
        score_case("logits mean (scikit-learn log_loss)", logits_loss(tensor(t)), {"targets": t}, "logits", scores=z,
                   sklearn_value=sk),
        score_case("logits sum, soft targets", logits_loss(tensor(soft)), {"targets": soft}, "logits", scores=z,
                   reduction="sum"),
        score_case("logits with posWeight 3", logits_loss(tensor(soft), 3.0), {"targets": soft, "posWeight": 3.0},
                   "logits", scores=z),
        score_case("logits of magnitude up to 1e4", logits_loss(tensor(extreme_t)), {"targets": extreme_t}, "logits",
                   scores=extreme),
        score_case("probabilities", probability_loss(tensor(t)), {"targets": t}, "probabilities", scores=q),
        score_case("probabilities, soft targets, sum", probability_loss(tensor(soft)), {"targets": soft},
                   "probabilities", scores=q, reduction="sum"),
        score_case("probabilities at 0 and 1 (clamped logs, PyTorch's gradient)", probability_loss(tensor(edge_t)),
                   {"targets": edge_t}, "probabilities", scores=edge_q),
        score_case("logistic regression", logits_loss(tensor(t8)), {"targets": t8}, "features", linear=(X, w, b, 0.0)),
        score_case("logistic regression with l2 and posWeight, sum", logits_loss(tensor(t8), 2.0),
                   {"targets": t8, "posWeight": 2.0}, "features", linear=(X, w, b, 0.5), reduction="sum"),
    ]


@generator("square")
def square_cases(g):
    n = 8
    p = (torch.randn(n, generator=g) * 2).tolist()
    t = (torch.randn(n, generator=g) * 2).tolist()
    loss = lambda tt: (lambda s: F.mse_loss(s, tt, reduction="none"))
    X, w, b, _ = linear_model(g, 9, 4, 0.0)
    t9 = (torch.randn(9, generator=g)).tolist()
    return [
        score_case("predictions mean (mse_loss)", loss(tensor(t)), {"targets": t}, "predictions", scores=p),
        score_case("predictions sum", loss(tensor(t)), {"targets": t}, "predictions", scores=p, reduction="sum"),
        score_case("least squares J (sum)", loss(tensor(t9)), {"targets": t9}, "features", linear=(X, w, b, 0.0),
                   reduction="sum"),
        score_case("ridge (l2 = 2), mean", loss(tensor(t9)), {"targets": t9}, "features", linear=(X, w, b, 2.0)),
    ]


@generator("boosting-step/exponential")
def boosting_cases(g):
    def stage(name, f, y, phi):
        ft, yt, pt = tensor(f), tensor(y), tensor(phi)
        unnormalised = torch.exp(-yt * ft)
        w = unnormalised / unnormalised.sum()
        R = w[pt != yt].sum()
        theta = 0.5 * torch.log((1 - R) / R)
        updated = ft + theta * pt
        return {"name": name, "request": {"scores": f, "labels": y, "weakPredictions": phi},
                "expected": {"sampleWeights": to_list(w), "weightedError": R.item(),
                             "classifierWeight": theta.item(), "updatedScores": to_list(updated),
                             "lossBefore": unnormalised.sum().item(),
                             "lossAfter": torch.exp(-yt * updated).sum().item()}}
    n = 12
    y = signs(g, n)
    phi = [v if torch.rand(1, generator=g).item() > 0.3 else -v for v in y]
    f = (torch.randn(n, generator=g)).tolist()
    return [
        stage("first stage (scores all zero)", [0.0] * n, y, phi),
        stage("later stage", f, y, phi),
        stage("one mistake", [0.5, -0.2, 0.1, 0.0], [1, -1, 1, -1], [1, -1, -1, -1]),
    ]


def main(names):
    for name, function in GENERATORS.items():
        if names and name not in names:
            continue
        g = torch.Generator().manual_seed(20261128)
        cases = function(g)
        header = {"loss": os.path.basename(name), "source": "PyTorch " + torch.__version__ + " float64 autograd"}
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            # One case per line: small diffs when a case changes, and still plain JSON.
            out.write(json.dumps(header)[:-1] + ', "cases": [\n')
            out.write(",\n".join(json.dumps(c) for c in cases))
            out.write("\n]}\n")
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main(sys.argv[1:])
