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
TOLERANCES = {}


def generator(name, tolerance=1e-12):
    """Registers the cases of one loss, with the relative tolerance its acceptance criteria set
    (1e-10 for the angular-margin family and center, contrastive, triplet, coco and focal, whose logits scale
    cosines by up to 64, so that float64 rounding of the softmax is amplified accordingly)."""
    def register(function):
        GENERATORS[name] = function
        TOLERANCES[name] = tolerance
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


# ---------------------------------------------------------------- softmax cross-entropy

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
    ] + softmax_ignore_cases(g)


# ---------------------------------------------------------------- losses on scores

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


# ---------------------------------------------------------------- angular-margin family

def chebyshev(m, c):
    """T_m(c) by the three-term recurrence (independent of the service's generated coefficients)."""
    previous, current = torch.ones_like(c), c
    if m == 0:
        return previous
    for _ in range(m - 1):
        previous, current = current, 2 * c * current - previous
    return current


def psi(m, c):
    theta = torch.acos(c.detach().clamp(-1, 1))
    k = torch.clamp(torch.floor(m * theta / math.pi), max=m - 1)
    return (-1) ** k * chebyshev(m, c) - 2 * k


def angular_case(name, member, params, labels, embeddings=None, weights=None, cosines=None, reduction="mean"):
    y = torch.tensor(labels)
    request = {"labels": labels, "reduction": reduction}
    request.update(params)
    if cosines is None:
        x = tensor(embeddings, grad=True)
        w = tensor(weights, grad=True)
        inputs = {"embeddings": x, "weights": w}
        request.update({"embeddings": embeddings, "weights": weights})
        x_norm = x.norm(dim=1, keepdim=True)
        w_norm = w.norm(dim=1, keepdim=True)
        c = (x / x_norm) @ (w / w_norm).T
    else:
        c = tensor(cosines, grad=True)
        inputs = {"cosines": c}
        request["cosines"] = cosines
    onehot = F.one_hot(y, c.shape[1]).bool()
    if member in ("large-margin-softmax", "angular-softmax"):
        m, lam = params.get("margin", 4), params.get("lambda", 0.0)
        target = (lam * c + psi(m, c)) / (1 + lam)
        scale = x_norm * w_norm.T if member == "large-margin-softmax" else x_norm
    elif member == "additive-margin-softmax":
        target = c - params.get("margin", 0.35)
        scale = params.get("scale", 30.0)
    elif member == "arcface":
        m = params.get("margin", 0.5)
        sin = torch.sqrt(((1 - c) * (1 + c)).clamp(min=0))
        arc = c * math.cos(m) - sin * math.sin(m)
        if params.get("easyMargin", False):
            target = torch.where(c > 0, arc, c)
        else:
            target = torch.where(c >= math.cos(math.pi - m), arc, c - math.sin(math.pi - m) * m)
        if params.get("detachMargin", False):
            target = c + (target - c).detach()
        scale = params.get("scale", 64.0)
    else:
        target = c
        scale = params.get("scale", 20.0)
    logits = scale * torch.where(onehot, target, c)
    per_sample = F.cross_entropy(logits, y, reduction="none")
    return case(name, request, reduce(per_sample, reduction), per_sample, inputs)


def angled_batch(g, thetas, labels, d, classes, weight_norms=True):
    """Class weights at random, and each embedding at the given angle from its class weight."""
    w = torch.randn(classes, d, generator=g)
    if weight_norms:
        w = w * (0.5 + torch.rand(classes, 1, generator=g))
    rows = []
    for theta, label in zip(thetas, labels):
        u = w[label] / w[label].norm()
        v = torch.randn(d, generator=g)
        v = v - (v @ u) * u
        v = v / v.norm()
        radius = 0.5 + 2 * torch.rand(1, generator=g).item()
        rows.append((radius * (math.cos(theta) * u + math.sin(theta) * v)).tolist())
    return rows, w.tolist()


def random_angles(g, n):
    return (torch.rand(n, generator=g) * math.pi).tolist()


def random_labels(g, n, classes):
    return torch.randint(0, classes, (n,), generator=g).tolist()


def cosines_for(g, n, classes, target_cosines, labels):
    c = (torch.rand(n, classes, generator=g) * 2 - 1)
    for i, (value, label) in enumerate(zip(target_cosines, labels)):
        c[i, label] = value
    return c.tolist()


def multiplicative_cases(g, member):
    cases = []
    n, d, classes = 6, 5, 4
    for m in range(1, 7):
        for lam in (0.0, 2.5):
            labels = random_labels(g, n, classes)
            x, w = angled_batch(g, random_angles(g, n), labels, d, classes)
            cases.append(angular_case("margin %d, lambda %s, random angles" % (m, lam), member,
                                      {"margin": m, "lambda": lam}, labels, x, w))
    labels = random_labels(g, 6, classes)
    for m in (2, 4, 6):
        boundaries = [k * math.pi / m + delta for k in range(1, m) for delta in (-1e-4, 1e-4)][:6]
        labels = random_labels(g, len(boundaries), classes)
        x, w = angled_batch(g, boundaries, labels, d, classes)
        cases.append(angular_case("margin %d, angles next to k pi / m" % m, member, {"margin": m}, labels, x, w))
    edge = [0.01, 0.02, math.pi - 0.01, math.pi - 0.02]
    labels = random_labels(g, len(edge), classes)
    x, w = angled_batch(g, edge, labels, d, classes)
    cases.append(angular_case("angles near 0 and near pi", member, {"margin": 4}, labels, x, w))
    cases.append(angular_case("angles near 0 and near pi, lambda 1, sum", member, {"margin": 3, "lambda": 1.0},
                              labels, x, w, reduction="sum"))
    return cases


@generator("large-margin-softmax", tolerance=1e-10)
def large_margin_cases(g):
    return multiplicative_cases(g, "large-margin-softmax")


@generator("angular-softmax", tolerance=1e-10)
def angular_softmax_cases(g):
    return multiplicative_cases(g, "angular-softmax")


def normalised_cases(g, member, parameter_sets):
    cases = []
    n, d, classes = 6, 5, 4
    for params in parameter_sets:
        labels = random_labels(g, n, classes)
        x, w = angled_batch(g, random_angles(g, n), labels, d, classes)
        cases.append(angular_case("embeddings, " + json.dumps(params), member, params, labels, x, w))
        labels = random_labels(g, n, classes)
        cos = cosines_for(g, n, classes, (torch.rand(n, generator=g) * 2 - 1).tolist(), labels)
        cases.append(angular_case("cosines, " + json.dumps(params), member, params, labels, cosines=cos,
                                  reduction="sum"))
    edge = [0.01, 1e-3, math.pi - 0.01, math.pi - 1e-3]
    labels = random_labels(g, len(edge), classes)
    x, w = angled_batch(g, edge, labels, d, classes)
    cases.append(angular_case("embeddings at angles near 0 and near pi", member, parameter_sets[0], labels, x, w))
    cos = cosines_for(g, 4, classes, [math.cos(1e-6), 1 - 1e-15, -math.cos(1e-6), -1 + 1e-15], labels)
    cases.append(angular_case("cosines within 1e-6 rad of 0 and pi", member, parameter_sets[0], labels,
                              cosines=cos))
    return cases


@generator("additive-margin-softmax", tolerance=1e-10)
def additive_margin_cases(g):
    return normalised_cases(g, "additive-margin-softmax",
                            [{"scale": 30.0, "margin": 0.35}, {"scale": 64.0, "margin": 0.1}, {"scale": 10.0, "margin": 0.0}])


@generator("normface", tolerance=1e-10)
def normface_cases(g):
    return normalised_cases(g, "normface", [{"scale": 20.0}, {"scale": 1.0}, {"scale": 64.0}])


@generator("arcface", tolerance=1e-10)
def arcface_cases(g):
    cases = normalised_cases(g, "arcface", [
        {"scale": 64.0, "margin": 0.5}, {"scale": 30.0, "margin": 0.2, "easyMargin": True},
        {"scale": 64.0, "margin": 0.5, "detachMargin": True}, {"scale": 16.0, "margin": 1.2},
        {"scale": 64.0, "margin": 0.0}])
    classes, d = 4, 5
    for m in (0.5, 1.0):
        near = [math.pi - m - 1e-3, math.pi - m + 1e-3, math.pi - m - 0.1, math.pi - m + 0.1]
        labels = random_labels(g, len(near), classes)
        x, w = angled_batch(g, near, labels, d, classes)
        cases.append(angular_case("angles either side of pi - m, m = %s" % m, "arcface", {"margin": m}, labels, x, w))
        cos = cosines_for(g, 4, classes, [math.cos(t) for t in near], labels)
        cases.append(angular_case("cosines either side of pi - m, m = %s" % m, "arcface", {"margin": m}, labels,
                                  cosines=cos))
        cases.append(angular_case("easy margin either side of pi / 2, m = %s" % m, "arcface",
                                  {"margin": m, "easyMargin": True}, labels,
                                  cosines=cosines_for(g, 4, classes, [1e-3, -1e-3, 0.3, -0.3], labels)))
    return cases


# ---------------------------------------------------------------- center, contrastive, triplet, coco, focal

def reduce_triplets(per_sample, reduction):
    if reduction == "mean-nonzero":
        positive = (per_sample > 0).sum()
        return per_sample.sum() / positive if positive > 0 else per_sample.sum() * 0
    if per_sample.numel() == 0:
        return per_sample.sum()
    return reduce(per_sample, reduction)


def center_case(name, x_values, labels, c_values, lam, alpha, logits=None, reduction="mean"):
    x, c = tensor(x_values, grad=True), tensor(c_values, grad=True)
    y = torch.tensor(labels)
    inputs = {"embeddings": x, "centers": c}
    per_sample = lam / 2 * ((x - c[y]) ** 2).sum(dim=1)
    request = {"embeddings": x_values, "labels": labels, "centers": c_values, "lambda": lam, "alpha": alpha,
               "reduction": reduction}
    if logits is not None:
        z = tensor(logits, grad=True)
        inputs["logits"] = z
        per_sample = per_sample + F.cross_entropy(z, y, reduction="none")
        request["logits"] = logits
    # Wen et al.'s update, as a naive loop over classes.
    updated = []
    for j, center in enumerate(c_values):
        members = [i for i, label in enumerate(labels) if label == j]
        delta = [sum(center[k] - x_values[i][k] for i in members) / (1 + len(members)) for k in range(len(center))]
        updated.append([center[k] - alpha * delta[k] for k in range(len(center))])
    return case(name, request, reduce(per_sample, reduction), per_sample, inputs, {"updatedCenters": updated})


@generator("center", tolerance=1e-10)
def center_cases(g):
    n, d, classes = 7, 4, 3
    x = torch.randn(n, d, generator=g).tolist()
    labels = [0, 1, 0, 2, 1, 0, 1]
    c = torch.randn(classes, d, generator=g).tolist()
    z = (torch.randn(n, classes, generator=g) * 2).tolist()
    return [
        center_case("center term, mean", x, labels, c, 1.0, 0.5),
        center_case("center term, lambda 0.01, alpha 0.2, sum", x, labels, c, 0.01, 0.2, reduction="sum"),
        center_case("joint with softmax", x, labels, c, 0.003, 0.5, logits=z),
        center_case("class 2 absent from the batch", x[:3], [0, 1, 0], c, 2.0, 1.0),
    ]


def contrastive_case(name, a_values, b_values, labels, margin, reduction="mean"):
    a, b = tensor(a_values, grad=True), tensor(b_values, grad=True)
    y = tensor(labels)
    distance = (a - b).norm(dim=1)
    per_sample = 0.5 * (y * distance ** 2 + (1 - y) * torch.clamp(margin - distance, min=0) ** 2)
    request = {"first": a_values, "second": b_values, "labels": labels, "margin": margin, "reduction": reduction}
    return case(name, request, reduce(per_sample, reduction), per_sample, {"first": a, "second": b})


@generator("contrastive", tolerance=1e-10)
def contrastive_cases(g):
    n, d = 8, 3
    a = (torch.randn(n, d, generator=g) * 0.6).tolist()
    b = (torch.randn(n, d, generator=g) * 0.6).tolist()
    labels = [1, 0, 1, 0, 0, 1, 0, 0]
    return [
        contrastive_case("margin 1, mean", a, b, labels, 1.0),
        contrastive_case("margin 2, sum", a, b, labels, 2.0, reduction="sum"),
        contrastive_case("margin 0.3 (most dissimilar pairs beyond it)", a, b, labels, 0.3),
    ]


def distance_matrix(x, squared):
    diff = x[:, None, :] - x[None, :, :]
    d2 = (diff ** 2).sum(dim=2)
    if squared:
        return d2
    # sqrt has an infinite derivative at 0: the diagonal is masked to 0 without entering the graph.
    eye = torch.eye(x.shape[0], dtype=torch.bool)
    return torch.where(eye, torch.zeros_like(d2), torch.sqrt(torch.where(eye, torch.ones_like(d2), d2)))


def mine(labels, dist, mining):
    """Naive loops: batch-all, batch-hard (Hermans et al.), semi-hard (TensorFlow Addons' algorithm)."""
    n = len(labels)
    d = dist.detach().tolist()
    triplets = []
    for a in range(n):
        positives = [p for p in range(n) if p != a and labels[p] == labels[a]]
        negatives = [q for q in range(n) if labels[q] != labels[a]]
        if not positives or not negatives:
            continue
        if mining == "batch-all":
            triplets += [[a, p, q] for p in positives for q in negatives]
        elif mining == "batch-hard":
            p = max(positives, key=lambda j: (d[a][j], -j))
            q = min(negatives, key=lambda j: (d[a][j], j))
            triplets.append([a, p, q])
        else:
            for p in positives:
                outside = [q for q in negatives if d[a][q] > d[a][p]]
                if outside:   # masked minimum over the negatives farther than the positive
                    q = min(outside, key=lambda j: (d[a][j], j))
                else:         # masked maximum over all negatives
                    q = max(negatives, key=lambda j: (d[a][j], -j))
                triplets.append([a, p, q])
    return triplets


def mined_case(name, x_values, labels, mining, distance, margin, reduction="mean"):
    x = tensor(x_values, grad=True)
    dist = distance_matrix(x, distance == "squared-euclidean")
    triplets = mine(labels, dist, mining)
    if triplets:
        t = torch.tensor(triplets)
        per_sample = torch.clamp(dist[t[:, 0], t[:, 1]] - dist[t[:, 0], t[:, 2]] + margin, min=0)
    else:
        per_sample = x.sum() * torch.zeros(0)
    value = reduce_triplets(per_sample, reduction) + 0 * x.sum()
    request = {"embeddings": x_values, "labels": labels, "mining": mining, "distance": distance, "margin": margin,
               "reduction": reduction}
    return case(name, request, value, per_sample, {"embeddings": x}, {"triplets": triplets})


def explicit_case(name, a_values, p_values, n_values, distance, margin, reduction="mean"):
    a, p, q = tensor(a_values, grad=True), tensor(p_values, grad=True), tensor(n_values, grad=True)
    if distance == "euclidean":
        # PyTorch's own triplet loss; eps=0 removes the 1e-6 it otherwise adds inside the distance.
        per_sample = F.triplet_margin_loss(a, p, q, margin=margin, p=2, eps=0, reduction="none")
    else:
        per_sample = torch.clamp(((a - p) ** 2).sum(1) - ((a - q) ** 2).sum(1) + margin, min=0)
    request = {"anchors": a_values, "positives": p_values, "negatives": n_values, "distance": distance,
               "margin": margin, "reduction": reduction}
    return case(name, request, reduce_triplets(per_sample, reduction), per_sample,
                {"anchors": a, "positives": p, "negatives": q})


@generator("triplet", tolerance=1e-10)
def triplet_cases(g):
    n, d = 10, 4
    a = torch.randn(n, d, generator=g).tolist()
    p = (torch.tensor(a) + 0.5 * torch.randn(n, d, generator=g)).tolist()
    q = (torch.tensor(a) + 0.8 * torch.randn(n, d, generator=g)).tolist()
    x = torch.randn(12, d, generator=g).tolist()
    labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 0, 2, 4]
    cases = [
        explicit_case("explicit, squared-euclidean, mean", a, p, q, "squared-euclidean", 0.2),
        explicit_case("explicit, euclidean (torch triplet_margin_loss, eps=0)", a, p, q, "euclidean", 1.0),
        explicit_case("explicit, euclidean, sum", a, p, q, "euclidean", 0.5, "sum"),
        explicit_case("explicit, mean-nonzero", a, p, q, "squared-euclidean", 0.5, "mean-nonzero"),
    ]
    for mining in ("batch-all", "batch-hard", "semi-hard"):
        for distance in ("squared-euclidean", "euclidean"):
            for reduction in ("mean", "mean-nonzero"):
                cases.append(mined_case("%s, %s, %s" % (mining, distance, reduction), x, labels, mining, distance,
                                        0.5, reduction))
    cases.append(mined_case("semi-hard, margin 2, sum", x, labels, "semi-hard", "euclidean", 2.0, "sum"))
    cases.append(mined_case("no valid triplet (one class)", x[:4], [3, 3, 3, 3], "batch-all", "euclidean", 0.2))
    return cases


def coco_case(name, x_values, c_values, labels, alpha, reduction="mean"):
    x, c = tensor(x_values, grad=True), tensor(c_values, grad=True)
    f = alpha * x / x.norm(dim=1, keepdim=True)
    c_hat = c / c.norm(dim=1, keepdim=True)
    per_sample = F.cross_entropy(f @ c_hat.T, torch.tensor(labels), reduction="none")
    request = {"embeddings": x_values, "centers": c_values, "labels": labels, "alpha": alpha, "reduction": reduction}
    return case(name, request, reduce(per_sample, reduction), per_sample, {"embeddings": x, "centers": c})


@generator("coco", tolerance=1e-10)
def coco_cases(g):
    n, d, classes = 6, 5, 4
    labels = random_labels(g, n, classes)
    x, w = angled_batch(g, random_angles(g, n), labels, d, classes)
    edge = [0.01, math.pi - 0.01, 1.0]
    labels_edge = random_labels(g, 3, classes)
    x_edge, w_edge = angled_batch(g, edge, labels_edge, d, classes)
    return [
        coco_case("alpha 6.25, mean", x, w, labels, 6.25),
        coco_case("alpha 20, sum", x, w, labels, 20.0, "sum"),
        coco_case("angles near 0 and pi", x_edge, w_edge, labels_edge, 6.25),
    ]


def focal_binary_reference(z, y, alpha, gamma):
    """The API's formula in log space: log p_t = -softplus(-z_t), (1 - p_t)^gamma = exp(-gamma softplus(z_t))."""
    zt = torch.where(y == 1, z, -z)
    weight = 1.0 if alpha is None else torch.where(y == 1, torch.full_like(z, alpha), torch.full_like(z, 1 - alpha))
    return weight * torch.exp(-gamma * F.softplus(zt)) * F.softplus(-zt)


def focal_logits_case(name, logits, labels, alpha, gamma, reference, reduction="mean"):
    import torchvision
    z = tensor(logits, grad=True)
    y = tensor([1.0 if v == 1 else 0.0 for v in labels])
    if reference == "torchvision":
        per_sample = torchvision.ops.sigmoid_focal_loss(z, y, alpha=-1 if alpha is None else alpha, gamma=gamma,
                                                        reduction="none")
    else:
        per_sample = focal_binary_reference(z, y, alpha, gamma)
    request = {"logits": logits, "labels": labels, "alpha": alpha, "gamma": gamma, "reduction": reduction}
    return case(name, request, reduce(per_sample, reduction), per_sample, {"logits": z})


def focal_probability_case(name, probabilities, labels, alpha, gamma, reduction="mean"):
    q = tensor(probabilities, grad=True)
    y = torch.tensor(labels)
    pt = torch.where(y == 1, q, 1 - q)
    weight = 1.0 if alpha is None else torch.where(y == 1, torch.full_like(q, alpha), torch.full_like(q, 1 - alpha))
    per_sample = -weight * (1 - pt) ** gamma * torch.clamp(torch.log(pt), min=-100)
    request = {"probabilities": probabilities, "labels": labels, "alpha": alpha, "gamma": gamma, "reduction": reduction}
    return case(name, request, reduce(per_sample, reduction), per_sample, {"probabilities": q})


def focal_multiclass_case(name, logits, labels, weights, gamma, reduction="mean"):
    z = tensor(logits, grad=True)
    y = torch.tensor(labels)
    log_pt = F.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
    weight = tensor(weights)[y] if weights is not None else 1.0
    per_sample = -weight * (1 - torch.exp(log_pt)) ** gamma * log_pt
    request = {"logits": logits, "labels": labels, "gamma": gamma, "reduction": reduction}
    if weights is not None:
        request["classWeights"] = weights
    return case(name, request, reduce(per_sample, reduction), per_sample, {"logits": z})


@generator("focal", tolerance=1e-10)
def focal_cases(g):
    n = 10
    z = (torch.randn(n, generator=g) * 3).tolist()
    labels = torch.randint(0, 2, (n,), generator=g).tolist()
    signed = [1 if v == 1 else -1 for v in labels]
    large = [30.0, -30.0, 200.0, -200.0, 1e4, -1e4, 18.0, -18.0]
    large_labels = [1, 1, 0, 0, 1, 1, 0, 1]
    q = torch.rand(n, generator=g).clamp(0.01, 0.99).tolist()
    mz = (torch.randn(6, 4, generator=g) * 2).tolist()
    ml = random_labels(g, 6, 4)
    cases = []
    for gamma in (0.0, 0.5, 1.0, 2.0, 5.0):
        cases.append(focal_logits_case("torchvision, alpha 0.25, gamma %s" % gamma, z, labels, 0.25, gamma,
                                       "torchvision"))
    cases += [
        focal_logits_case("torchvision, no weighting (alpha null), sum", z, labels, None, 2.0, "torchvision", "sum"),
        focal_logits_case("negatives labelled -1", z, signed, 0.75, 2.0, "torchvision"),
        focal_logits_case("logits up to 1e4 (log-space reference)", large, large_labels, 0.25, 2.0, "log-space"),
        focal_logits_case("logits up to 1e4, gamma 0.5, no weighting", large, large_labels, None, 0.5, "log-space"),
        focal_probability_case("probabilities, alpha 0.25, gamma 2", q, labels, 0.25, 2.0),
        focal_probability_case("probabilities, no weighting, gamma 1.5, sum", q, labels, None, 1.5, "sum"),
        focal_multiclass_case("multi-class, gamma 2", mz, ml, None, 2.0),
        focal_multiclass_case("multi-class with class weights, gamma 0.5", mz, ml, [1.0, 0.5, 2.0, 0.25], 0.5),
        focal_multiclass_case("multi-class, gamma 0 (cross-entropy), sum", mz, ml, None, 0.0, "sum"),
    ]
    return cases


# ---------------------------------------------------------------- PyTorch's other losses

def elementwise_case(name, function, predictions, targets, request_extra=None, reduction="mean", field="predictions",
                     target_field="targets", extra_inputs=None):
    """function(p, t, **extra) -> elementwise losses (PyTorch, reduction none)."""
    p = tensor(predictions, grad=True)
    t = tensor(targets)
    inputs = {field: p}
    kwargs = {}
    request = {field: predictions, target_field: targets, "reduction": reduction}
    for key, values in (extra_inputs or {}).items():
        kwargs[key] = tensor(values, grad=True)
        inputs[key] = kwargs[key]
        request[key] = values
    request.update(request_extra or {})
    per_sample = function(p, t, **kwargs)
    return case(name, request, reduce(per_sample, reduction), per_sample, inputs)


def regression_data(g, n=6, d=None, scale=2.0):
    shape = (n,) if d is None else (n, d)
    return (torch.randn(*shape, generator=g) * scale).tolist(), (torch.randn(*shape, generator=g)).tolist()


@generator("l1")
def l1_cases(g):
    p, t = regression_data(g)
    pm, tm = regression_data(g, 3, 2)
    return [elementwise_case("vectors", lambda a, b: F.l1_loss(a, b, reduction="none"), p, t),
            elementwise_case("matrices, sum", lambda a, b: F.l1_loss(a, b, reduction="none"), pm, tm, reduction="sum"),
            elementwise_case("p = t exactly (gradient 0)", lambda a, b: F.l1_loss(a, b, reduction="none"),
                             [1.0, -2.0, 0.5], [1.0, 0.0, 0.5])]


@generator("smooth-l1")
def smooth_l1_cases(g):
    p, t = regression_data(g)
    pm, tm = regression_data(g, 3, 2)
    f = lambda beta: (lambda a, b: F.smooth_l1_loss(a, b, beta=beta, reduction="none"))
    return [elementwise_case("vectors, beta 1", f(1.0), p, t, {"beta": 1.0}),
            elementwise_case("matrices, beta 0.5, sum", f(0.5), pm, tm, {"beta": 0.5}, "sum"),
            elementwise_case("|x| = beta exactly (linear branch)", f(0.5), [1.5, -0.5, 0.2], [1.0, 0.0, 0.0], {"beta": 0.5}),
            elementwise_case("beta 0 is l1, 0 at p = t (reference: F.l1_loss; torch 1.13's smooth_l1 gives -1 there)",
                             lambda a, b: F.l1_loss(a, b, reduction="none"), [1.0, -2.0, 0.5], [1.0, 0.0, 0.7], {"beta": 0.0})]


@generator("huber")
def huber_cases(g):
    p, t = regression_data(g)
    pm, tm = regression_data(g, 3, 2)
    f = lambda delta: (lambda a, b: F.huber_loss(a, b, delta=delta, reduction="none"))
    return [elementwise_case("vectors, delta 1", f(1.0), p, t, {"delta": 1.0}),
            elementwise_case("matrices, delta 0.5, sum", f(0.5), pm, tm, {"delta": 0.5}, "sum"),
            elementwise_case("|x| = delta exactly (linear branch)", f(2.0), [3.0, -2.0, 0.5], [1.0, 0.0, 0.0], {"delta": 2.0})]


def mp_elementwise_case(name, value, derivative, predictions, targets, request_extra=None, reduction="mean"):
    """A reference in 50-digit mpmath from the loss's formula (for losses PyTorch lacks)."""
    mpmath.mp.dps = 50
    flat_p = flatten(predictions)
    flat_t = flatten(targets)
    n = len(flat_p)
    losses = [value(mpmath.mpf(a), mpmath.mpf(b)) for a, b in zip(flat_p, flat_t)]
    coefficient = mpmath.mpf(1) / n if reduction == "mean" else mpmath.mpf(1)
    gradients = [float(coefficient * derivative(mpmath.mpf(a), mpmath.mpf(b))) for a, b in zip(flat_p, flat_t)]
    request = {"predictions": predictions, "targets": targets, "reduction": reduction}
    request.update(request_extra or {})
    return {"name": name + " (mpmath reference)", "request": request,
            "expected": {"value": float(mpmath.fsum(losses) * coefficient), "perSample": reshape([float(x) for x in losses], predictions),
                         "gradients": {"predictions": reshape(gradients, predictions)}}}


def flatten(values):
    return [x for row in values for x in row] if values and isinstance(values[0], list) else list(values)


def reshape(flat, like):
    if like and isinstance(like[0], list):
        width = len(like[0])
        return [flat[i:i + width] for i in range(0, len(flat), width)]
    return flat


@generator("log-cosh")
def log_cosh_cases(g):
    p, t = regression_data(g)
    pm, tm = regression_data(g, 3, 2)
    value = lambda a, b: mpmath.log(mpmath.cosh(a - b))
    derivative = lambda a, b: mpmath.tanh(a - b)
    return [mp_elementwise_case("vectors", value, derivative, p, t),
            mp_elementwise_case("matrices, sum", value, derivative, pm, tm, reduction="sum"),
            mp_elementwise_case("residuals of 1e3, 1e-9 and 0", value, derivative, [1000.0, -1000.0, 1e-9, 0.5],
                                [0.0, 0.0, 0.0, 0.5]),
            mp_elementwise_case("small residuals only (x^2 / 2 must survive)", value, derivative, [1e-9, -3e-5, 1e-3, 0.9],
                                [0.0, 0.0, 0.0, 0.0])]


@generator("quantile")
def quantile_cases(g):
    p, t = regression_data(g)
    pm, tm = regression_data(g, 3, 2)

    def pinball(tau):
        value = lambda a, b: max(tau * (b - a), (tau - 1) * (b - a))
        derivative = lambda a, b: -tau if a < b else (1 - tau if a > b else 0)
        return value, derivative
    cases = []
    for tau, name, pp, tt, red in ((0.9, "vectors, tau 0.9", p, t, "mean"), (0.5, "matrices, median, sum", pm, tm, "sum"),
                                   (0.25, "p = t exactly (gradient 0), tau 0.25", [1.0, -2.0, 0.5], [1.0, 0.0, 0.5], "mean")):
        value, derivative = pinball(mpmath.mpf(tau))
        cases.append(mp_elementwise_case(name, value, derivative, pp, tt, {"quantile": tau}, red))
    return cases


@generator("poisson-nll")
def poisson_cases(g):
    p = (torch.randn(6, generator=g)).tolist()
    t = torch.poisson(torch.rand(6, generator=g) * 4, generator=g).tolist()
    rates = (torch.rand(3, 2, generator=g) * 5).tolist()
    counts = [[0.0, 1.0], [3.0, 7.0], [2.0, 0.5]]
    f = lambda log_input, full, eps=1e-8: (lambda a, b: F.poisson_nll_loss(a, b, log_input=log_input, full=full, eps=eps,
                                                                           reduction="none"))
    return [elementwise_case("log rates", f(True, False), p, t),
            elementwise_case("log rates, full (Stirling where t > 1), sum", f(True, True), p, t, {"full": True}, "sum"),
            elementwise_case("rates, matrices, full", f(False, True), rates, counts, {"logInput": False, "full": True}),
            elementwise_case("rates with a zero rate, eps 1e-3", f(False, False, 1e-3), [0.0, 2.0, 0.5], [1.0, 2.0, 0.0],
                             {"logInput": False, "eps": 1e-3})]


@generator("gaussian-nll")
def gaussian_nll_cases(g):
    p, t = regression_data(g)
    v = (torch.rand(6, generator=g) * 2 + 0.1).tolist()
    pm, tm = regression_data(g, 3, 2)
    vm = (torch.rand(3, generator=g) * 2 + 0.1).tolist()
    f = lambda full=False, eps=1e-6: (lambda a, b, variances: F.gaussian_nll_loss(a, b, variances, full=full, eps=eps,
                                                                                  reduction="none"))
    return [elementwise_case("one variance per element", f(), p, t, extra_inputs={"variances": v}),
            elementwise_case("one variance per sample of [N x d], full, sum", lambda a, b, variances: F.gaussian_nll_loss(
                a, b, variances[:, None], full=True, reduction="none"), pm, tm, {"full": True}, "sum",
                extra_inputs={"variances": vm}),
            elementwise_case("variances below eps (gradient taken at eps, passed on)", f(eps=1e-3), [0.5, -1.2, 2.0],
                             [0.0, -1.0, 1.0], {"eps": 1e-3}, extra_inputs={"variances": [1e-5, 0.0, 1.5]})]


def matrix_case(name, function, inputs, request, reduction="mean", data_inputs=None):
    """function(**tensors) -> per-sample losses; inputs are differentiated, data_inputs are not."""
    tensors = {k: tensor(v, grad=True) for k, v in inputs.items()}
    data = {k: (torch.tensor(v) if isinstance(v, list) and v and isinstance(flatten(v)[0], int) else tensor(v))
            for k, v in (data_inputs or {}).items()}
    per_sample = function(**tensors, **data)
    body = dict(request, reduction=reduction)
    body.update(inputs)
    body.update(data_inputs or {})
    value = reduce(per_sample, reduction) if reduction in ("mean", "sum") else per_sample.sum() / per_sample.shape[0]
    return case(name, body, value, per_sample, tensors)


@generator("negative-log-likelihood")
def nll_cases(g):
    x = F.log_softmax(torch.randn(5, 4, generator=g) * 2, dim=1).tolist()
    y = torch.randint(0, 4, (5,), generator=g).tolist()
    w = (torch.rand(4, generator=g) * 2 + 0.1).tolist()
    y_ignored = list(y)
    y_ignored[1] = -100
    nll = lambda weight=None, ignore=-100: (lambda logProbabilities, labels: F.nll_loss(
        logProbabilities, labels, weight=None if weight is None else tensor(weight), ignore_index=ignore, reduction="none"))

    def weighted_mean(name, weight, labels, ignore):
        lp = tensor(x, grad=True)
        per_sample = nll(weight, ignore)(lp, torch.tensor(labels))
        value = F.nll_loss(lp, torch.tensor(labels), weight=None if weight is None else tensor(weight), ignore_index=ignore)
        request = {"logProbabilities": x, "labels": labels, "reduction": "mean"}
        if weight is not None:
            request["classWeights"] = weight
        if ignore != -100 or -100 in labels:
            request["ignoreIndex"] = ignore
        return case(name, request, value, per_sample, {"logProbabilities": lp})
    return [weighted_mean("labels mean", None, y, -100),
            weighted_mean("class weights: weighted mean", w, y, -100),
            weighted_mean("class weights and an ignored sample", w, y_ignored, -100),
            weighted_mean("ignoreIndex 2 (a class value)", None, y, 2),
            matrix_case("sum", nll(), {"logProbabilities": x}, {}, "sum", {"labels": y})]


@generator("kl-divergence")
def kl_cases(g):
    x = F.log_softmax(torch.randn(4, 3, generator=g), dim=1).tolist()
    p = torch.softmax(torch.randn(4, 3, generator=g) * 2, dim=1).tolist()
    p[1][2] = 0.0
    logp = F.log_softmax(torch.randn(4, 3, generator=g), dim=1).tolist()

    def kl(name, targets, reduction, log_target=False):
        lq = tensor(x, grad=True)
        per_sample = F.kl_div(lq, tensor(targets), reduction="none", log_target=log_target).sum(dim=1)
        value = F.kl_div(lq, tensor(targets), reduction=reduction, log_target=log_target)
        request = {"logInputs": x, "targets": targets, "reduction": reduction}
        if log_target:
            request["logTarget"] = True
        return case(name, request, value, per_sample, {"logInputs": lq})
    return [kl("batchmean, a target of 0 (0 log 0 = 0, gradient -0)", p, "batchmean"), kl("sum", p, "sum"),
            kl("PyTorch's mean over all entries", p, "mean"), kl("log targets, batchmean", logp, "batchmean", True)]


@generator("multi-margin")
def multi_margin_cases(g):
    x = (torch.randn(5, 4, generator=g)).tolist()
    y = torch.randint(0, 4, (5,), generator=g).tolist()
    w = (torch.rand(4, generator=g) * 2 + 0.1).tolist()
    tie = [[0.0, 1.0, 1.0, 0.5], [2.0, 1.0, 1.0, 2.0]]

    def mm(name, scores, labels, p=1, margin=1.0, weight=None, reduction="mean"):
        f = lambda scores, labels: F.multi_margin_loss(scores, labels, p=p, margin=margin,
                                                       weight=None if weight is None else tensor(weight), reduction="none")
        request = {"p": p, "margin": margin}
        if weight is not None:
            request["classWeights"] = weight
        return matrix_case(name, f, {"scores": scores}, request, reduction, {"labels": labels})
    return [mm("p 1", x, y), mm("p 2, margin 0.5, class weights, sum", x, y, 2, 0.5, w, "sum"),
            mm("ties and a term exactly 0 (counted only where > 0)", tie, [0, 3], 1, 1.0),
            mm("p 2 with ties", tie, [1, 0], 2, 1.0)]


@generator("multilabel-margin")
def multilabel_margin_cases(g):
    x = (torch.randn(3, 4, generator=g)).tolist()
    targets = [[3, 0, -1, 1], [0, 2, 1, -1], [-1, 2, 0, 1]]
    exact = [[1.0, 0.0, 0.5, 2.0]]
    f = lambda scores, targets: F.multilabel_margin_loss(scores, targets, reduction="none")
    return [matrix_case("PyTorch's target format (entries after -1 ignored)", f, {"scores": x}, {}, "mean", {"targets": targets}),
            matrix_case("sum", f, {"scores": x}, {}, "sum", {"targets": targets}),
            matrix_case("a term exactly 0 (counted only where > 0)", f, {"scores": exact}, {}, "mean", {"targets": [[0, -1, 0, 0]]})]


@generator("multilabel-soft-margin")
def multilabel_soft_margin_cases(g):
    x = (torch.randn(4, 3, generator=g) * 3).tolist()
    t = torch.randint(0, 2, (4, 3), generator=g).double().tolist()
    w = (torch.rand(3, generator=g) * 2 + 0.1).tolist()
    soft = torch.rand(4, 3, generator=g).tolist()

    def msm(name, targets, weight=None, reduction="mean"):
        f = lambda logits, targets: F.multilabel_soft_margin_loss(logits, targets, weight=None if weight is None else tensor(weight),
                                                                  reduction="none")
        request = {} if weight is None else {"classWeights": weight}
        return matrix_case(name, f, {"logits": x}, request, reduction, {"targets": targets})
    return [msm("binary targets", t), msm("class weights, sum", t, w, "sum"), msm("soft targets", soft)]


@generator("soft-margin")
def soft_margin_cases(g):
    x = (torch.randn(6, generator=g) * 3).tolist()
    y = signs_of(g, 6)
    xm = (torch.randn(2, 3, generator=g) * 3).tolist()
    ym = [signs_of(g, 3), signs_of(g, 3)]
    f = lambda a, b: F.soft_margin_loss(a, b, reduction="none")
    return [elementwise_case("vectors", f, x, y, field="scores", target_field="labels"),
            elementwise_case("matrices, sum", f, xm, ym, reduction="sum", field="scores", target_field="labels"),
            elementwise_case("scores up to 30 (PyTorch is exact there)", f, [30.0, -30.0, 25.0], [1, 1, -1], field="scores",
                             target_field="labels")]


def signs_of(g, n):
    return (torch.randint(0, 2, (n,), generator=g) * 2 - 1).tolist()


@generator("margin-ranking")
def margin_ranking_cases(g):
    a = (torch.randn(6, generator=g)).tolist()
    b = (torch.randn(6, generator=g)).tolist()
    y = signs_of(g, 6)
    f = lambda margin: (lambda first, second, labels: F.margin_ranking_loss(first, second, labels, margin=margin,
                                                                            reduction="none"))
    return [matrix_case("pairs", f(0.0), {"first": a, "second": b}, {"margin": 0.0}, "mean", {"labels": y}),
            matrix_case("margin 0.5, sum", f(0.5), {"first": a, "second": b}, {"margin": 0.5}, "sum", {"labels": y}),
            matrix_case("exactly at the kink (the gradient passes)", f(0.5), {"first": [1.0, 0.0], "second": [0.5, 0.5]},
                        {"margin": 0.5}, "mean", {"labels": [-1, 1]})]


@generator("hinge-embedding")
def hinge_embedding_cases(g):
    x = (torch.rand(6, generator=g) * 3).tolist()
    y = signs_of(g, 6)
    f = lambda margin: (lambda distances, labels: F.hinge_embedding_loss(distances, labels, margin=margin, reduction="none"))
    return [matrix_case("pairs", f(1.0), {"distances": x}, {"margin": 1.0}, "mean", {"labels": y}),
            matrix_case("margin 2, sum", f(2.0), {"distances": x}, {"margin": 2.0}, "sum", {"labels": y}),
            matrix_case("exactly at the kink (the gradient passes)", f(2.0), {"distances": [2.0, 0.5]}, {"margin": 2.0},
                        "mean", {"labels": [-1, 1]})]


@generator("cosine-embedding")
def cosine_embedding_cases(g):
    a = (torch.randn(5, 3, generator=g)).tolist()
    b = (torch.randn(5, 3, generator=g)).tolist()
    y = signs_of(g, 5)
    f = lambda margin: (lambda first, second, labels: F.cosine_embedding_loss(first, second, labels, margin=margin,
                                                                              reduction="none"))
    return [matrix_case("pairs", f(0.0), {"first": a, "second": b}, {"margin": 0.0}, "mean", {"labels": y}),
            matrix_case("margin 0.2, sum", f(0.2), {"first": a, "second": b}, {"margin": 0.2}, "sum", {"labels": y}),
            matrix_case("a zero vector (cosine 0 through eps)", f(0.0), {"first": [[0.0, 0.0], [1.0, 2.0]],
                                                                         "second": [[0.5, 1.0], [0.0, 0.0]]},
                        {"margin": 0.0}, "mean", {"labels": [1, -1]}),
            cosine_at_the_kink()]


def cosine_at_the_kink():
    """A dissimilar pair whose cosine equals the margin exactly (PyTorch's own cosine as the margin): the
    gradient passes there, as clamp's."""
    a, b = [[0.6, 0.8]], [[0.8, 0.6]]
    at, bt = tensor(a), tensor(b)
    cos = ((at * bt).sum(1) / ((at * at).sum(1) + 1e-12).mul((bt * bt).sum(1) + 1e-12).sqrt()).item()
    f = lambda first, second, labels: F.cosine_embedding_loss(first, second, labels, margin=cos, reduction="none")
    return matrix_case("y = -1 with cos = margin exactly (the gradient passes)", f, {"first": a, "second": b},
                       {"margin": cos}, "mean", {"labels": [-1]})


def softmax_ignore_cases(g):
    """ignoreIndex, drawn after the other softmax cases so that theirs stay as they were."""
    logits = (torch.randn(5, 4, generator=g) * 2).tolist()
    labels = [1, -100, 3, 0, -100]
    w = (torch.rand(4, generator=g) + 0.5).tolist()

    def ce(name, weight=None, smoothing=0.0, reduction="mean", ignore=-100, y=labels):
        z = tensor(logits, grad=True)
        args = dict(weight=None if weight is None else tensor(weight), label_smoothing=smoothing, ignore_index=ignore)
        per_sample = F.cross_entropy(z, torch.tensor(y), reduction="none", **args)
        value = F.cross_entropy(z, torch.tensor(y), reduction=reduction, **args)
        request = {"logits": logits, "labels": y, "ignoreIndex": ignore, "reduction": reduction}
        if weight is not None:
            request["classWeights"] = weight
        if smoothing:
            request["labelSmoothing"] = smoothing
        return case(name, request, value, per_sample, {"logits": z})
    return [ce("ignoreIndex -100"), ce("ignoreIndex, class weights and label smoothing", w, 0.2),
            ce("ignoreIndex 3, sum", reduction="sum", ignore=3, y=[1, 2, 3, 0, 3])]


# ---------------------------------------------------------------- CTC

def ctc_case(name, logits, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False,
             mode="logits"):
    """PyTorch's ctc_loss on [T x N x C] log-probabilities; the request is batch first. In logits mode the
    gradient is autograd's through log_softmax; in logProbabilities mode the exact derivative is PyTorch's
    returned gradient minus g_i exp(log_probs) on each sample's first inputLength frames."""
    x = tensor(logits, grad=True)
    log_probs = F.log_softmax(x, dim=2) if mode == "logits" else x
    flat_targets = torch.tensor([[int(v) for v in row] for row in targets], dtype=torch.long) if targets and targets[0] \
        else torch.zeros((len(targets), 0), dtype=torch.long)
    args = dict(blank=blank, zero_infinity=zero_infinity)
    il, tl = torch.tensor(input_lengths), torch.tensor(target_lengths)
    per_sample = F.ctc_loss(log_probs.transpose(0, 1), flat_targets, il, tl, reduction="none", **args)
    value = F.ctc_loss(log_probs.transpose(0, 1), flat_targets, il, tl, reduction=reduction, **args)
    gradient, = torch.autograd.grad(value, x)
    if mode == "logProbabilities":
        n = len(input_lengths)
        g = torch.tensor([1.0 / max(t, 1) / n if reduction == "mean" else 1.0 for t in target_lengths])
        mask = torch.zeros_like(x)
        for i, length in enumerate(input_lengths):
            infinite = zero_infinity and per_sample[i].item() == 0.0
            if not infinite:
                mask[i, :length, :] = 1.0
        gradient = gradient - g[:, None, None] * torch.exp(x.detach()) * mask
    request = {mode: logits, "targets": targets, "inputLengths": input_lengths, "targetLengths": target_lengths,
               "reduction": reduction}
    if blank:
        request["blank"] = blank
    if zero_infinity:
        request["zeroInfinity"] = True
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": to_list(per_sample),
                                                          "gradients": {mode: to_list(gradient)}}}


@generator("ctc", tolerance=1e-10)
def ctc_cases(g):
    def logits(n, t, c, scale=1.0):
        return (torch.randn(n, t, c, generator=g) * scale).tolist()
    x = logits(3, 12, 5)
    targets = [[1, 2, 2, 3], [4, 4, 0, 0], [1, 3, 2, 0]]
    long_x = logits(2, 200, 6, 2.0)
    long_targets = [[1 + (k * 7) % 5 for k in range(40)], [2 + (k % 3) for k in range(40)]]
    cases = [
        ctc_case("logits, repeated labels, padding, mean", x, targets, [12, 9, 7], [4, 2, 3]),
        ctc_case("logits, sum", x, targets, [12, 9, 7], [4, 2, 3], reduction="sum"),
        ctc_case("log-probabilities (exact derivative: PyTorch's minus g exp(log_probs))",
                 F.log_softmax(torch.tensor(x), dim=2).tolist(), targets, [12, 9, 7], [4, 2, 3], mode="logProbabilities"),
        ctc_case("blank 4 (not 0)", x, [[1, 2, 2, 3], [0, 0, 1, 1], [1, 3, 2, 0]], [12, 9, 7], [4, 4, 3], blank=4),
        ctc_case("an empty target", x, [[1, 2, 2, 3], [4, 4, 0, 0], [1, 3, 2, 0]], [12, 9, 7], [4, 0, 3]),
        ctc_case("every target empty (S = 0)", x, [[], [], []], [12, 9, 7], [0, 0, 0]),
        ctc_case("zeroInfinity: a target longer than its input", x, [[1, 1, 1, 1], [4, 4, 0, 0], [1, 3, 2, 0]], [5, 9, 7],
                 [4, 2, 3], zero_infinity=True),
        ctc_case("zeroInfinity, sum, log-probabilities", F.log_softmax(torch.tensor(x), dim=2).tolist(),
                 [[1, 1, 1, 1], [4, 4, 0, 0], [1, 3, 2, 0]], [5, 9, 7], [4, 2, 3], zero_infinity=True, reduction="sum",
                 mode="logProbabilities"),
        ctc_case("T = 200, S = 40", long_x, long_targets, [200, 170], [40, 37]),
    ]
    return cases


def main(names):
    for name, function in GENERATORS.items():
        if names and name not in names:
            continue
        g = torch.Generator().manual_seed(20261128)
        cases = function(g)
        header = {"loss": os.path.basename(name), "tolerance": TOLERANCES[name], "source": "PyTorch " + torch.__version__ + " float64 autograd"}
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            # One case per line: small diffs when a case changes, and still plain JSON.
            out.write(json.dumps(header)[:-1] + ', "cases": [\n')
            out.write(",\n".join(json.dumps(c) for c in cases))
            out.write("\n]}\n")
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main(sys.argv[1:])
