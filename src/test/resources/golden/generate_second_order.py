#!/usr/bin/python3
"""Generates the golden second derivatives (docs/http-api.md 6) of the losses on scores and logits.

Every expected Hessian comes from PyTorch float64 double backward (torch.autograd.grad with
create_graph=True): for losses whose samples are independent scalars the diagonal is the gradient of
the summed gradient; for rows coupled by a softmax it is taken column by column; for a linear model
the full Hessian over (w, b) is taken row by row, and the Newton step is torch.linalg.solve of it.
The one exception is binary cross-entropy on probabilities, whose second derivative the contract
defines as the derivative of its (PyTorch-compatible) gradient, not PyTorch's double backward: that
case says so and is computed from the contract's formula. The Newton-iteration reference for
logistic regression comes from scikit-learn. Run with Debian's python3-torch and python3-sklearn:

    /usr/bin/python3 src/test/resources/golden/generate_second_order.py

It writes golden/second-order/<loss>.json in the format of the other golden files, with
"hessians" (and "newtonStep") beside "gradients"; GoldenVectorTest reads them too.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "second-order")
FLOAT32_EPS = float(torch.tensor(1e-12, dtype=torch.float32).item())
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


def reduce(per_sample, reduction):
    return per_sample.mean() if reduction == "mean" else per_sample.sum()


def diagonal(value, x, coupled):
    """d^2 value / dx_k^2 for every entry of x: one double backward for independent entries, one per
    column where the entries of a row are coupled (a softmax row)."""
    g, = torch.autograd.grad(value, x, create_graph=True)
    if not g.requires_grad:
        return torch.zeros_like(x)
    if not coupled:
        h, = torch.autograd.grad(g.sum(), x, retain_graph=True, allow_unused=True)
        # "+ zeros" materialises the zero tensors some double backwards return without storage.
        return torch.zeros_like(x) if h is None else torch.zeros_like(x) + h
    h = torch.zeros_like(x)
    for j in range(x.shape[1]):
        column, = torch.autograd.grad(g[:, j].sum(), x, retain_graph=True, allow_unused=True)
        if column is not None:
            h[:, j] = torch.zeros_like(x)[:, j] + column[:, j]
    return h


def linear_hessian(value, w, b):
    """The full Hessian over (w, b): the blocks weights [d x d], bias, weightsBias [d], and the
    joint (d + 1) x (d + 1) matrix for the Newton step."""
    d = w.shape[0]
    gw, gb = torch.autograd.grad(value, [w, b], create_graph=True)
    full = torch.zeros(d + 1, d + 1)
    for j in range(d + 1):
        target = gw[j] if j < d else gb
        if not target.requires_grad:
            continue
        rw, rb = torch.autograd.grad(target, [w, b], retain_graph=True, allow_unused=True)
        full[j, :d] = torch.zeros(d) if rw is None else rw
        full[j, d] = 0.0 if rb is None else rb
    gradient = torch.cat([gw.detach(), gb.detach().reshape(1)])
    return full, gradient


def expected(value, per_sample, inputs, coupled=False, linear=False, newton=False):
    grads = torch.autograd.grad(value, list(inputs.values()), retain_graph=True, allow_unused=True)
    result = {"value": value.item(), "perSample": to_list(per_sample),
              "gradients": {k: to_list(g if g is not None else torch.zeros_like(t))
                            for (k, t), g in zip(inputs.items(), grads)}}
    if linear:
        w, b = inputs["weights"], inputs["bias"]
        full, gradient = linear_hessian(value, w, b)
        d = w.shape[0]
        result["hessians"] = {"weights": to_list(full[:d, :d]), "bias": full[d, d].item(),
                              "weightsBias": to_list(full[:d, d])}
        if newton:
            step = torch.linalg.solve(full, -gradient)
            result["newtonStep"] = {"weights": to_list(step[:d]), "bias": step[d].item()}
    else:
        result["hessians"] = {k: to_list(diagonal(value, t, coupled)) for k, t in inputs.items()}
    return result


def score_case(name, pointwise, request, field, scores=None, linear=None, reduction="mean", scale=1.0, newton=False):
    """pointwise(f) -> per-sample losses; linear = (X, w, b, l2) replaces the scores by X w + b."""
    request = dict(request, reduction=reduction, hessians=True)
    if linear is None:
        f = tensor(scores, grad=True)
        inputs = {field: f}
        request[field] = scores
        penalty = 0.0
    else:
        X, w_values, b_value, l2 = linear
        w, b = tensor(w_values, grad=True), tensor(b_value, grad=True)
        inputs = {"weights": w, "bias": b}
        f = tensor(X) @ w + b
        request.update({"features": X, "weights": w_values, "bias": b_value})
        if l2:
            request["l2"] = l2
        if newton:
            request["newtonStep"] = True
        penalty = l2 / 2 * (w * w).sum()
    per_sample = pointwise(f)
    value = scale * reduce(per_sample, reduction) + penalty
    return {"name": name, "request": request,
            "expected": expected(value, per_sample, inputs, linear=linear is not None, newton=newton)}


def signs(g, n):
    return (torch.randint(0, 2, (n,), generator=g) * 2 - 1).tolist()


def linear_model(g, n, d, l2):
    return (torch.randn(n, d, generator=g)).tolist(), (torch.randn(d, generator=g) * 0.7).tolist(), 0.3, l2


@generator("zero-one")
def zero_one(g):
    f = (torch.randn(8, generator=g) * 2).tolist() + [0.0]
    y = signs(g, 9)
    loss = lambda yt: (lambda s: (yt * s < 0).double() + 0 * s)
    y6 = signs(g, 6)
    return [score_case("scores, hessians 0", loss(tensor(y)), {"labels": y}, "scores", scores=f),
            score_case("linear model with l2: the Hessian is l2 I and 0", loss(tensor(y6)), {"labels": y6}, "features",
                       linear=linear_model(g, 6, 3, 0.5))]


@generator("square")
def square(g):
    n = 9
    p = (torch.randn(n, generator=g) * 2).tolist()
    t = (torch.randn(n, generator=g)).tolist()
    loss = lambda tt: (lambda s: (s - tt) ** 2)
    t7 = (torch.randn(7, generator=g)).tolist()
    return [score_case("predictions mean", loss(tensor(t)), {"targets": t}, "predictions", scores=p),
            score_case("predictions sum", loss(tensor(t)), {"targets": t}, "predictions", scores=p, reduction="sum"),
            score_case("least squares: linear model, sum, Newton step", loss(tensor(t7)), {"targets": t7}, "features",
                       linear=linear_model(g, 7, 3, 0.0), reduction="sum", newton=True),
            score_case("ridge: linear model, l2 = 2, mean, Newton step", loss(tensor(t7)), {"targets": t7}, "features",
                       linear=linear_model(g, 7, 3, 2.0), newton=True)]


@generator("exponential")
def exponential(g):
    f = (torch.randn(9, generator=g) * 2).tolist()
    y = signs(g, 9)
    loss = lambda yt: (lambda s: torch.exp(-yt * s))
    y7 = signs(g, 7)
    return [score_case("scores sum (a boosting objective)", loss(tensor(y)), {"labels": y}, "scores", scores=f,
                       reduction="sum"),
            score_case("near overflow: margins -700 and 700", loss(tensor([1, -1, 1])), {"labels": [1, -1, 1]}, "scores",
                       scores=[-700.0, 30.0, 700.0]),
            score_case("linear model with l2, Newton step", loss(tensor(y7)), {"labels": y7}, "features",
                       linear=linear_model(g, 7, 3, 0.25), newton=True)]


@generator("hinge")
def hinge(g):
    y = signs(g, 8) + [1, -1]
    f = (torch.randn(8, generator=g) * 1.5).tolist() + [1.0, -1.0]
    # relu, whose subgradient at 0 is 0 as the service's hinge (clamp would pass the gradient at the kink).
    loss = lambda yt: (lambda s: torch.relu(1 - yt * s))
    y6 = signs(g, 6)
    return [score_case("scores, two exactly at the kink m = 1 (double backward: 0)", loss(tensor(y)),
                       {"labels": y, "c": 2.5}, "scores", scores=f, reduction="sum", scale=2.5),
            score_case("linear model with l2 (the Hessian is l2 I and 0)", loss(tensor(y6)), {"labels": y6}, "features",
                       linear=linear_model(g, 6, 3, 1.0))]


@generator("binary-cross-entropy")
def binary_cross_entropy(g):
    n = 9
    z = (torch.randn(n, generator=g) * 3).tolist() + [1e3, -1e3, 30.0]
    t = torch.rand(n, generator=g).tolist() + [1.0, 0.0, 0.0]
    bce = lambda tt, pw: (lambda s: F.binary_cross_entropy_with_logits(s, tt, pos_weight=pw, reduction="none"))
    X, w, b, _ = linear_model(g, 10, 3, 0.0)
    labels10 = torch.randint(0, 2, (10,), generator=g).double().tolist()
    cases = [
        score_case("logits sum (XGBoost's grad and hess), logits up to 1e3", bce(tensor(t), None), {"targets": t},
                   "logits", scores=z, reduction="sum"),
        score_case("logits with posWeight 3, mean", bce(tensor(t), tensor(3.0)), {"targets": t, "posWeight": 3.0},
                   "logits", scores=z),
        score_case("logistic regression: linear model, l2 = 0.5, sum, Newton step (IRLS)", bce(tensor(labels10), None),
                   {"targets": labels10}, "features", linear=(X, w, b, 0.5), reduction="sum", newton=True),
    ]
    q = torch.rand(7, generator=g).clamp(0.02, 0.98).tolist() + [1e-13, 1.0 - 1e-13, 0.3]
    tq = torch.rand(10, generator=g).tolist()
    cases.append(probability_case(q, tq))
    return cases


def probability_case(q, t):
    """The contract's second derivative on probabilities (docs/http-api.md 6), not PyTorch's double backward: the
    derivative of the gradient (q - t) / max(q (1 - q), eps), t/q^2 + (1 - t)/(1 - q)^2 where
    q (1 - q) > eps and 0 where the clamp holds."""
    qt = tensor(q, grad=True)
    tt = tensor(t)
    per_sample = F.binary_cross_entropy(qt, tt, reduction="none")
    value = per_sample.mean()
    result = expected(value, per_sample, {"probabilities": qt})
    n = len(q)
    result["hessians"] = {"probabilities": [
        (ti / qi ** 2 + (1 - ti) / (1 - qi) ** 2) / n if qi * (1 - qi) > FLOAT32_EPS else 0.0 for qi, ti in zip(q, t)]}
    return {"name": "probabilities mean, two within eps of 0 and 1 (the contract's formula, not double backward)",
            "request": {"probabilities": q, "targets": t, "reduction": "mean", "hessians": True}, "expected": result}


@generator("softmax-cross-entropy")
def softmax_cross_entropy(g):
    n, c = 6, 4
    logits = (torch.randn(n, c, generator=g) * 3).tolist()
    labels = torch.randint(0, c, (n,), generator=g).tolist()
    soft = torch.softmax(torch.randn(n, c, generator=g) * 2, dim=1).tolist()
    weights = (torch.rand(c, generator=g) * 2 + 0.1).tolist()

    def ce(name, target, weight=None, smoothing=0.0, reduction="mean", use_labels=True):
        z = tensor(logits, grad=True)
        tgt = torch.tensor(target) if use_labels else tensor(target)
        w = tensor(weight) if weight is not None else None
        per_sample = F.cross_entropy(z, tgt, weight=w, label_smoothing=smoothing, reduction="none")
        value = F.cross_entropy(z, tgt, weight=w, label_smoothing=smoothing, reduction=reduction)
        request = {"logits": logits, "reduction": reduction, "hessians": True,
                   ("labels" if use_labels else "targets"): target}
        if weight is not None:
            request["classWeights"] = weight
        if smoothing:
            request["labelSmoothing"] = smoothing
        return {"name": name, "request": request,
                "expected": expected(value, per_sample, {"logits": z}, coupled=True)}

    return [ce("labels mean", labels), ce("labels sum", labels, reduction="sum"),
            ce("class weights and label smoothing 0.2", labels, weights, 0.2),
            ce("soft targets, weights, sum", soft, weights, reduction="sum", use_labels=False)]


@generator("focal")
def focal(g):
    n = 10
    z = (torch.randn(n, generator=g) * 3).tolist() + [30.0, -30.0, 12.0]
    labels = torch.randint(0, 2, (n,), generator=g).tolist() + [1, 0, 0]

    def binary_logits(name, gamma, alpha, reduction):
        zt = tensor(z, grad=True)
        y = tensor([1.0 if v == 1 else 0.0 for v in labels])
        s = torch.where(y == 1, zt, -zt)
        weight = 1.0 if alpha is None else torch.where(y == 1, torch.full_like(zt, alpha), torch.full_like(zt, 1 - alpha))
        per_sample = weight * torch.exp(-gamma * F.softplus(s)) * F.softplus(-s)
        request = {"logits": z, "labels": labels, "alpha": alpha, "gamma": gamma, "reduction": reduction,
                   "hessians": True}
        return {"name": name, "request": request,
                "expected": expected(reduce(per_sample, reduction), per_sample, {"logits": zt})}

    q = torch.rand(n, generator=g).clamp(0.01, 0.99).tolist() + [1e-7, 0.999999]
    ql = torch.randint(0, 2, (n,), generator=g).tolist() + [0, 1]

    def binary_probabilities(name, gamma, alpha, reduction):
        qt = tensor(q, grad=True)
        y = torch.tensor(ql)
        log_pt = torch.where(y == 1, torch.log(qt), torch.log1p(-qt))
        pt_complement = torch.where(y == 1, 1 - qt, qt)
        weight = 1.0 if alpha is None else torch.where(y == 1, torch.full_like(qt, alpha), torch.full_like(qt, 1 - alpha))
        per_sample = -weight * pt_complement ** gamma * torch.clamp(log_pt, min=-100)
        request = {"probabilities": q, "labels": ql, "alpha": alpha, "gamma": gamma, "reduction": reduction,
                   "hessians": True}
        return {"name": name, "request": request,
                "expected": expected(reduce(per_sample, reduction), per_sample, {"probabilities": qt})}

    mz = (torch.randn(5, 4, generator=g) * 2).tolist()
    ml = torch.randint(0, 4, (5,), generator=g).tolist()

    def multiclass(name, gamma, weights, reduction):
        zt = tensor(mz, grad=True)
        y = torch.tensor(ml)
        log_pt = F.log_softmax(zt, dim=1).gather(1, y[:, None])[:, 0]
        weight = tensor(weights)[y] if weights is not None else 1.0
        per_sample = -weight * (-torch.expm1(log_pt)) ** gamma * log_pt
        request = {"logits": mz, "labels": ml, "gamma": gamma, "reduction": reduction, "hessians": True}
        if weights is not None:
            request["classWeights"] = weights
        return {"name": name, "request": request,
                "expected": expected(reduce(per_sample, reduction), per_sample, {"logits": zt}, coupled=True)}

    cases = [binary_logits("logits, gamma %s, alpha 0.25, |z| up to 30" % gamma, gamma, 0.25, "sum")
             for gamma in (0.0, 0.5, 1.0, 2.0, 5.0)]
    cases.append(binary_logits("logits, gamma 2, no weighting, mean", 2.0, None, "mean"))
    cases += [binary_probabilities("probabilities, gamma %s, alpha 0.25 (log1p(-p) for negatives)" % gamma, gamma,
                                   0.25, "sum") for gamma in (0.0, 1.0, 1.5, 2.0, 3.0)]
    cases += [multiclass("multi-class, gamma %s" % gamma, gamma, None, "mean") for gamma in (0.0, 0.5, 2.0)]
    cases.append(multiclass("multi-class, gamma 2, class weights, sum", 2.0, [1.0, 0.5, 2.0, 0.25], "sum"))
    return cases


# ---------------------------------------------------------------- PyTorch's other losses (second derivatives: docs/http-api.md 6)

def diagonal_case(name, request, value, per_sample, inputs, coupled=False):
    return {"name": name, "request": dict(request, hessians=True),
            "expected": expected(value, per_sample, inputs, coupled=coupled)}


def elementwise(name, function, predictions, targets, request=None, reduction="mean", field="predictions",
                target_field="targets", extra=None):
    p = tensor(predictions, grad=True)
    inputs = {field: p}
    kwargs = {k: tensor(v, grad=True) for k, v in (extra or {}).items()}
    inputs.update(kwargs)
    per_sample = function(p, tensor(targets), **kwargs)
    body = dict(request or {}, reduction=reduction)
    body[field] = predictions
    body[target_field] = targets
    body.update(extra or {})
    return diagonal_case(name, body, reduce(per_sample, reduction), per_sample, inputs)


@generator("l1")
def l1(g):
    return [elementwise("vectors, one at p = t", lambda a, b: F.l1_loss(a, b, reduction="none"), [0.5, -1.0, 2.0],
                        [0.0, -1.0, 3.0])]


@generator("smooth-l1")
def smooth_l1(g):
    p = [0.5, -1.0, 2.0, 1.5, 0.0]
    t = [0.0, -1.2, 3.0, 1.0, 0.0]
    return [elementwise("beta 0.5: both branches and |x| = beta", lambda a, b: F.smooth_l1_loss(a, b, beta=0.5,
                                                                                                   reduction="none"),
                        p, t, {"beta": 0.5}, "sum")]


@generator("huber")
def huber(g):
    return [elementwise("delta 1: both branches and |x| = delta", lambda a, b: F.huber_loss(a, b, delta=1.0, reduction="none"),
                        [[0.5, -1.0], [2.0, 1.0]], [[0.0, -1.2], [3.0, 0.0]], {"delta": 1.0})]


@generator("log-cosh")
def log_cosh(g):
    p = [0.5, -1.0, 30.0, 0.0]
    t = [0.0, -1.2, 0.0, 0.0]
    x = tensor(p, grad=True)
    per_sample = torch.log(torch.cosh(x - tensor(t)))
    value = per_sample.mean()
    result = diagonal_case("vectors, sech^2 (1 at x = 0)", {"predictions": p, "targets": t, "reduction": "mean"}, value,
                           per_sample, {"predictions": x})
    return [result]


@generator("quantile")
def quantile(g):
    tau = 0.3
    f = lambda a, b: torch.maximum(tau * (b - a), (tau - 1) * (b - a))
    return [elementwise("tau 0.3 (second derivative 0)", f, [0.5, -1.0, 2.0], [0.0, -0.5, 3.0], {"quantile": tau})]


@generator("poisson-nll")
def poisson(g):
    return [elementwise("log rates", lambda a, b: F.poisson_nll_loss(a, b, reduction="none"), [0.5, -1.0, 2.0],
                        [1.0, 0.0, 6.0], None, "sum"),
            elementwise("rates", lambda a, b: F.poisson_nll_loss(a, b, log_input=False, reduction="none"),
                        [[1.5, 0.2], [7.0, 2.5]], [[1.0, 0.0], [6.0, 3.0]], {"logInput": False})]


@generator("gaussian-nll")
def gaussian_nll(g):
    f = lambda a, b, variances: F.gaussian_nll_loss(a, b, variances, reduction="none")
    return [elementwise("predictions and variances (no cross terms)", f, [0.5, -1.2, 2.0], [0.0, -1.0, 3.5], None, "mean",
                        extra={"variances": [0.5, 1.0, 2.0]})]


def matrix_diagonals(name, function, inputs, data, request, reduction="mean", coupled=False):
    tensors = {k: tensor(v, grad=True) for k, v in inputs.items()}
    data_tensors = {k: (torch.tensor(v) if k == "labels" else tensor(v)) for k, v in data.items()}
    per_sample = function(**tensors, **data_tensors)
    body = dict(request, reduction=reduction)
    body.update(inputs)
    body.update(data)
    return diagonal_case(name, body, reduce(per_sample, reduction), per_sample, tensors, coupled)


@generator("negative-log-likelihood")
def nll(g):
    x = F.log_softmax(torch.randn(3, 4, generator=g), dim=1).tolist()
    return [matrix_diagonals("labels (0: linear)", lambda logProbabilities, labels: F.nll_loss(logProbabilities, labels,
                                                                                              reduction="none"),
                             {"logProbabilities": x}, {"labels": [1, 0, 3]}, {}, coupled=True)]


@generator("kl-divergence")
def kl(g):
    x = F.log_softmax(torch.randn(2, 3, generator=g), dim=1).tolist()
    p = [[0.2, 0.3, 0.5], [0.0, 0.4, 0.6]]
    lq = tensor(x, grad=True)
    per_sample = F.kl_div(lq, tensor(p), reduction="none").sum(dim=1)
    value = F.kl_div(lq, tensor(p), reduction="batchmean")
    return [diagonal_case("batchmean (0: linear)", {"logInputs": x, "targets": p, "reduction": "batchmean"}, value,
                          per_sample, {"logInputs": lq}, coupled=True)]


@generator("multi-margin")
def multi_margin(g):
    """PyTorch cannot differentiate multi_margin_loss twice: the second derivatives of docs/http-api.md 6 from the same
    formula written with clamp, whose double backward gives 2 w / C per active squared term."""
    x = [[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.5, 0.1]]
    y = [3, 2]
    w = [1.0, 0.5, 2.0, 1.0]

    def squared_hinge(scores, labels):
        target = scores.gather(1, labels[:, None])
        z = torch.clamp(0.5 - target + scores, min=0) ** 2
        mask = torch.ones_like(scores).scatter_(1, labels[:, None], 0.0)
        return tensor(w)[labels] * (z * mask).sum(dim=1) / scores.shape[1]
    return [matrix_diagonals("p 2, margin 0.5, class weights (the formula with clamp)", squared_hinge, {"scores": x},
                             {"labels": y}, {"p": 2, "margin": 0.5, "classWeights": w}, coupled=True)]


@generator("multilabel-soft-margin")
def multilabel_soft_margin(g):
    x = (torch.randn(3, 4, generator=g) * 2).tolist()
    t = [[1.0, 0.0, 0.5, 1.0], [0.0, 0.0, 1.0, 0.2], [1.0, 1.0, 0.0, 0.0]]
    f = lambda logits, targets: F.multilabel_soft_margin_loss(logits, targets, reduction="none")
    return [matrix_diagonals("targets", f, {"logits": x}, {"targets": t}, {}, "sum", coupled=True)]


@generator("soft-margin")
def soft_margin(g):
    return [elementwise("scores", lambda a, b: F.soft_margin_loss(a, b, reduction="none"), [0.5, -1.2, 2.0, 30.0],
                        [1, 1, -1, -1], None, "mean", "scores", "labels")]


@generator("margin-ranking")
def margin_ranking(g):
    f = lambda first, second, labels: F.margin_ranking_loss(first, second, labels, margin=0.2, reduction="none")
    return [matrix_diagonals("pairs (0: piecewise linear)", f, {"first": [0.5, -1.2, 2.0], "second": [0.3, 0.4, 2.5]},
                             {"labels": [1, 1, -1]}, {"margin": 0.2})]


@generator("hinge-embedding")
def hinge_embedding(g):
    f = lambda distances, labels: F.hinge_embedding_loss(distances, labels, margin=1.0, reduction="none")
    return [matrix_diagonals("pairs (0: piecewise linear)", f, {"distances": [0.3, 1.7, 0.4]}, {"labels": [1, -1, -1]},
                             {"margin": 1.0})]


@generator("cosine-embedding")
def cosine_embedding(g):
    a = (torch.randn(3, 3, generator=g)).tolist()
    b = (torch.randn(3, 3, generator=g)).tolist()
    f = lambda first, second, labels: F.cosine_embedding_loss(first, second, labels, margin=-0.5, reduction="none")
    return [matrix_diagonals("pairs, margin -0.5 (the diagonal, column by column)", f, {"first": a, "second": b},
                             {"labels": [1, -1, -1]}, {"margin": -0.5}, coupled=True)]


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, function in GENERATORS.items():
        g = torch.Generator().manual_seed(20261129)
        cases = function(g)
        header = {"loss": name, "tolerance": 1e-10,
                  "source": "PyTorch " + torch.__version__ + " float64 double backward"}
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            out.write(json.dumps(header)[:-1] + ', "cases": [\n')
            out.write(",\n".join(json.dumps(c) for c in cases))
            out.write("\n]}\n")
        print(name, len(cases), "cases")


def logistic_regression_reference():
    """scikit-learn's LogisticRegression(C = 1 / l2) to convergence: the minimiser of
    sum_i logloss_i + (l2 / 2) ||w||^2 with an unpenalised intercept, the point that repeated Newton
    steps of binary-cross-entropy (reduction sum) must reach."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    rng = np.random.default_rng(20261129)
    X = rng.normal(size=(40, 3))
    y = (X @ np.array([1.5, -2.0, 0.5]) + 0.3 + rng.normal(size=40) > 0).astype(float)
    cases = []
    for l2 in (0.5, 2.0):
        model = LogisticRegression(C=1.0 / l2, tol=1e-12, max_iter=1000, solver="newton-cholesky")
        model.fit(X, y)
        cases.append({"name": "l2 = %s" % l2, "l2": l2, "features": X.tolist(), "targets": y.tolist(),
                      "weights": model.coef_[0].tolist(), "bias": float(model.intercept_[0])})
    path = os.path.join(os.path.dirname(HERE), "newton", "logistic-regression.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        import sklearn
        json.dump({"source": "scikit-learn " + sklearn.__version__ + " LogisticRegression(C = 1 / l2, newton-cholesky, tol 1e-12; gradient below 1e-14 at the answer)",
                   "cases": cases}, out)
        out.write("\n")
    print("newton/logistic-regression.json", len(cases), "cases")


if __name__ == "__main__":
    main()
    logistic_regression_reference()
