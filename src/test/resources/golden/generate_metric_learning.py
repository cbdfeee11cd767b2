#!/usr/bin/python3
"""Golden vectors for the metric and self-supervised losses.

The expected numbers come from pytorch-metric-learning (PML) 2.8.1 in float64 (the class with its
default reducer for the value, the same class with DoNothingReducer for the per-pair or per-anchor
losses, autograd for the gradients) and from plain PyTorch for CLIP. Where the contract deliberately
differs from PML, the case is computed from the contract's formula in float64 PyTorch,
in a form that is exact there, and its name gives PML's value. PML is not a Debian package: bring its
repository, export its src folder outside the project and put it on PYTHONPATH for this script only:

    git -C <pml-repository> archive v2.8.1 src | tar -x -C /tmp/pml
    PYTHONPATH=/tmp/pml/src /usr/bin/python3 src/test/resources/golden/generate_metric_learning.py

(Debian's python3-torch and python3-tqdm). The output files have the format of generate_golden.py.
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
import pytorch_metric_learning
from pytorch_metric_learning import losses, reducers

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
GENERATORS = {}
SOURCE = "pytorch-metric-learning " + pytorch_metric_learning.__version__ + " float64, PyTorch " + torch.__version__


def generator(name):
    def register(function):
        GENERATORS[name] = function
        return function
    return register


def leaf(values):
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def gradients(value, inputs):
    if not value.requires_grad:
        return {k: torch.zeros_like(t).tolist() for k, t in inputs.items()}
    grads = torch.autograd.grad(value, list(inputs.values()), allow_unused=True)
    return {k: (g if g is not None else torch.zeros_like(t)).tolist() for (k, t), g in zip(inputs.items(), grads)}


def pml_case(name, loss_class, params, request_params, x_values, labels, reduction="mean", extra=None):
    """PML's value (default reducer, or SumReducer for sum) and its per-term losses (DoNothingReducer).
    extra(out, labels) gives (perSample, extras) from PML's DoNothingReducer output."""
    x = leaf(x_values)
    y = torch.tensor(labels)
    if reduction == "sum":
        value = loss_class(reducer=reducers.SumReducer(), **params)(x, y)
    else:
        value = loss_class(**params)(x, y)
    detail = loss_class(reducer=reducers.DoNothingReducer(), **params)(x.detach(), y)
    per_sample, extras = extra(detail, labels)
    request = {"embeddings": x_values, "labels": labels, **request_params}
    if reduction != "mean":
        request["reduction"] = reduction
    expected = {"value": value.item(), "perSample": per_sample, "gradients": gradients(value, {"embeddings": x})}
    expected.update(extras)
    return {"name": name, "request": request, "expected": expected}


def pair_terms(detail, labels):
    """Per ordered positive pair, ascending (a, p), as PML lists them (torch.where over the label matrix)."""
    loss = detail["loss"]
    if not torch.is_tensor(loss["losses"]) or loss["losses"].numel() == 0 or loss["reduction_type"] == "already_reduced":
        return [], {"pairs": []}
    a, p = loss["indices"]
    pairs = sorted(zip(a.tolist(), p.tolist(), loss["losses"].tolist()))
    return [v for _, _, v in pairs], {"pairs": [[i, j] for i, j, _ in pairs]}


def anchor_terms(counted):
    """Per anchor that the contract counts (counted(a, labels)), ascending."""
    def terms(detail, labels):
        loss = detail["loss"]
        if not torch.is_tensor(loss["losses"]) or loss["reduction_type"] == "already_reduced":
            return [], {"anchors": []}
        values = loss["losses"].tolist()
        anchors = [a for a in range(len(labels)) if counted(a, labels)]
        return [values[a] for a in anchors], {"anchors": anchors}
    return terms


def has_positive(a, labels):
    return any(labels[j] == labels[a] for j in range(len(labels)) if j != a)


def has_negative(a, labels):
    return any(labels[j] != labels[a] for j in range(len(labels)))


def element_terms(detail, labels):
    loss = detail["loss"]
    if not torch.is_tensor(loss["losses"]) or loss["reduction_type"] == "already_reduced":
        return [0.0] * len(labels), {}
    return loss["losses"].tolist(), {}


def softplus(z):
    """log(1 + e^z), exact for any z (F.softplus returns z above 20; logaddexp(0, z) rounds e^z away below -37)."""
    return torch.where(z > 0, z + torch.log1p(torch.exp(-z.abs())), torch.log1p(torch.exp(-z.abs())))


def batch(g, n, d, scale=1.0):
    return (torch.randn(n, d, generator=g) * scale).tolist()


def random_labels(g, n, classes):
    return torch.randint(0, classes, (n,), generator=g).tolist()


def cosines(x):
    u = F.normalize(torch.as_tensor(x), dim=1)
    return u @ u.T


# ---------------------------------------------------------------- 8.1 nt-xent

def ntxent_exact(name, x_values, labels, t, pml_note):
    """The contract's formula, log(1 + sum_n e^{(s_an - s_ap)/t}) as softplus(logsumexp): exact where PML caps."""
    x = leaf(x_values)
    s = F.normalize(x, dim=1) @ F.normalize(x, dim=1).T
    terms, pairs = [], []
    for a in range(len(labels)):
        for p in range(len(labels)):
            if p != a and labels[p] == labels[a]:
                negatives = [q for q in range(len(labels)) if labels[q] != labels[a]]
                z = (s[a, negatives] - s[a, p]) / t
                terms.append(softplus(torch.logsumexp(z, 0)))
                pairs.append([a, p])
    per_sample = torch.stack(terms)
    value = per_sample.mean()
    return {"name": name + " (" + pml_note + ")", "request": {"embeddings": x_values, "labels": labels, "temperature": t},
            "expected": {"value": value.item(), "perSample": per_sample.tolist(), "pairs": pairs,
                         "gradients": gradients(value, {"embeddings": x})}}


@generator("nt-xent")
def ntxent_cases(g):
    views = batch(g, 8, 5)
    labels = [0, 0, 1, 1, 2, 2, 3, 3]
    many = batch(g, 10, 4)
    many_labels = [5, 5, 5, -1, -1, 7, 2, 2, 7, 9]
    cases = [
        pml_case("two views of four images, default temperature", losses.NTXentLoss, {}, {}, views, labels,
                 extra=pair_terms),
        pml_case("temperature 0.5", losses.NTXentLoss, {"temperature": 0.5}, {"temperature": 0.5}, views, labels,
                 extra=pair_terms),
        pml_case("three samples of a label, negative labels, a singleton, sum", losses.NTXentLoss, {"temperature": 0.2},
                 {"temperature": 0.2}, many, many_labels, reduction="sum", extra=pair_terms),
    ]
    # PML: log(q + 2.2e-308) caps a pair at 708.4 once (s_an - s_ap)/t > 708.
    x = [[1.0, 0.0], [-1.0, 0.01], [1.0, 0.001], [0.0, 1.0]]
    y = [0, 0, 1, 2]
    pml = losses.NTXentLoss(temperature=0.002)(torch.tensor(x), torch.tensor(y)).item()
    cases.append(ntxent_exact("temperature 0.002, a positive far beyond its negative", x, y, 0.002,
                              "PML caps at 708.4: PML's value %.6f" % pml))
    return cases


# ---------------------------------------------------------------- 8.2 supervised-contrastive

def supcon_terms(detail, labels):
    counted = has_negative_pair(labels)
    return anchor_terms(lambda a, l: counted and has_positive(a, l))(detail, labels)


def has_negative_pair(labels):
    return len(set(labels)) > 1


@generator("supervised-contrastive")
def supcon_cases(g):
    x = batch(g, 9, 5)
    labels = [0, 0, 0, 1, 1, 2, 2, 2, 3]
    return [
        pml_case("three classes and a singleton, default temperature", losses.SupConLoss, {}, {}, x, labels,
                 extra=supcon_terms),
        pml_case("temperature 0.5", losses.SupConLoss, {"temperature": 0.5}, {"temperature": 0.5}, x, labels,
                 extra=supcon_terms),
        pml_case("sum", losses.SupConLoss, {"temperature": 0.3}, {"temperature": 0.3}, x, labels, reduction="sum",
                 extra=supcon_terms),
        pml_case("one label only: 0 (PML's rule)", losses.SupConLoss, {}, {}, x[:4], [7, 7, 7, 7], extra=supcon_terms),
        pml_case("no positive pair: 0", losses.SupConLoss, {}, {}, x[:4], [0, 1, 2, 3], extra=supcon_terms),
        supcon_exact("temperature 0.002: tiny losses stay counted", [[1.0, 0.0], [1.0, 0.001], [0.0, 1.0], [0.1, 1.0],
                     [0.6, 0.6], [-0.7, -0.5]], [0, 0, 1, 1, 2, 2], 0.002),
    ]


def supcon_exact(name, x_values, labels, t):
    """Each log-ratio as log(1 + sum_{k != a, p} e^{(s_ak - s_ap)/t}), exact where PML rounds tiny losses to 0
    and drops those anchors from its mean."""
    x = leaf(x_values)
    s = F.normalize(x, dim=1) @ F.normalize(x, dim=1).T
    terms, anchors = [], []
    for a in range(len(labels)):
        positives = [p for p in range(len(labels)) if p != a and labels[p] == labels[a]]
        if not positives:
            continue
        logs = []
        for p in positives:
            others = [k for k in range(len(labels)) if k not in (a, p)]
            logs.append(softplus(torch.logsumexp((s[a, others] - s[a, p]) / t, 0)))
        terms.append(torch.stack(logs).mean())
        anchors.append(a)
    per_sample = torch.stack(terms)
    value = per_sample.mean()
    pml = losses.SupConLoss(temperature=t)(torch.tensor(x_values), torch.tensor(labels)).item()
    return {"name": name + " (PML's value %.6g averages only the losses above 0 after rounding)" % pml,
            "request": {"embeddings": x_values, "labels": labels, "temperature": t},
            "expected": {"value": value.item(), "perSample": per_sample.tolist(), "anchors": anchors,
                         "gradients": gradients(value, {"embeddings": x})}}


# ---------------------------------------------------------------- 8.4 circle

def circle_torch(name, x_values, labels, m, gamma, detach, reduction="mean"):
    """The contract's circle loss: exact softplus (logaddexp), alpha detached only when asked."""
    x = leaf(x_values)
    u = F.normalize(x, dim=1)
    s = u @ u.T
    terms, anchors = [], []
    for a in range(len(labels)):
        pos = [j for j in range(len(labels)) if j != a and labels[j] == labels[a]]
        neg = [j for j in range(len(labels)) if labels[j] != labels[a]]
        if not pos or not neg:
            continue
        sp, sn = s[a, pos], s[a, neg]
        ap = torch.relu(1 + m - (sp.detach() if detach else sp))
        an = torch.relu((sn.detach() if detach else sn) + m)
        z = torch.logsumexp(-gamma * ap * (sp - (1 - m)), 0) + torch.logsumexp(gamma * an * (sn - m), 0)
        terms.append(softplus(z))
        anchors.append(a)
    per_sample = torch.stack(terms)
    value = per_sample.sum() if reduction == "sum" else per_sample.mean()
    request = {"embeddings": x_values, "labels": labels, "m": m, "gamma": gamma}
    if detach:
        request["detachWeights"] = True
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample.tolist(),
            "anchors": anchors, "gradients": gradients(value, {"embeddings": x})}}


def circle_terms(detail, labels):
    return anchor_terms(lambda a, l: has_positive(a, l) and has_negative(a, l))(detail, labels)


CIRCLE_UNDERFLOW = [[1.0, 0.0], [1.0, 0.0], [-0.4, math.sqrt(0.84)], [-0.4, -math.sqrt(0.84)]]


@generator("circle")
def circle_cases(g):
    x = batch(g, 10, 6)
    labels = [0, 0, 0, 1, 1, 2, 2, 3, 3, 4]
    small = batch(g, 6, 3)
    small_labels = [0, 0, 1, 1, 2, 2]
    return [
        circle_torch("defaults, exact gradient (PML's value; its gradient detaches alpha)", x, labels, 0.4, 80.0, False),
        circle_torch("defaults, detachWeights (PML's gradient, but for its softplus threshold at 20)", x, labels, 0.4,
                     80.0, True),
        circle_torch("m 0.25, gamma 256, sum, exact", x, labels, 0.25, 256.0, False, reduction="sum"),
        circle_torch("gamma 5000, m 0.4: gamma m^2 > 372, two anchors' softplus underflows to 0 and stays counted "
                     "(PML drops them: its value %.6g)" % losses.CircleLoss(m=0.4, gamma=5000.0)(
                         torch.tensor(CIRCLE_UNDERFLOW), torch.tensor([0, 0, 1, 1])).item(),
                     CIRCLE_UNDERFLOW, [0, 0, 1, 1], 0.4, 5000.0, False),
        pml_case("gamma 4 (softplus below PML's threshold), detachWeights: PML's value and gradient", losses.CircleLoss,
                 {"m": 0.25, "gamma": 4.0}, {"m": 0.25, "gamma": 4.0, "detachWeights": True}, small, small_labels,
                 extra=circle_terms),
        pml_case("gamma 4, sum, detachWeights", losses.CircleLoss, {"m": 0.4, "gamma": 4.0},
                 {"m": 0.4, "gamma": 4.0, "detachWeights": True}, small, small_labels, reduction="sum", extra=circle_terms),
    ]


# ---------------------------------------------------------------- 8.5 multi-similarity

@generator("multi-similarity")
def multi_similarity_cases(g):
    x = batch(g, 9, 5)
    labels = [0, 0, 0, 1, 1, 2, 2, 3, 4]
    return [
        pml_case("paper values, singletons", losses.MultiSimilarityLoss, {}, {}, x, labels, extra=element_terms),
        pml_case("alpha 10, beta 40, base 0.2, sum", losses.MultiSimilarityLoss, {"alpha": 10.0, "beta": 40.0, "base": 0.2},
                 {"alpha": 10.0, "beta": 40.0, "base": 0.2}, x, labels, reduction="sum", extra=element_terms),
        pml_case("one label only: positive terms only", losses.MultiSimilarityLoss, {}, {}, x[:4], [1, 1, 1, 1],
                 extra=element_terms),
    ]


# ---------------------------------------------------------------- 8.6 lifted-structure

@generator("lifted-structure")
def lifted_cases(g):
    x = batch(g, 8, 4)
    labels = [0, 0, 0, 1, 1, 2, 3, 3]
    return [
        pml_case("default margins", losses.LiftedStructureLoss, {}, {}, x, labels, extra=pair_terms),
        pml_case("negMargin 2, posMargin 0.3, sum", losses.LiftedStructureLoss, {"neg_margin": 2.0, "pos_margin": 0.3},
                 {"negMargin": 2.0, "posMargin": 0.3}, x, labels, reduction="sum", extra=pair_terms),
        pml_case("negMargin 0, some pairs at 0", losses.LiftedStructureLoss, {"neg_margin": 0.0, "pos_margin": 0.5},
                 {"negMargin": 0.0, "posMargin": 0.5}, x, labels, extra=pair_terms),
    ]


# ---------------------------------------------------------------- 8.7 n-pairs

def npairs_terms(detail, labels):
    loss = detail["loss"]
    if not torch.is_tensor(loss["losses"]) or loss["reduction_type"] == "already_reduced":
        return [], {"pairs": []}
    anchors = loss["indices"].tolist()
    by_anchor = sorted(zip(anchors, loss["losses"].tolist()))
    pairs = []
    for a, _ in by_anchor:
        p = min(j for j in range(len(labels)) if j > a and labels[j] == labels[a])
        pairs.append([a, p])
    return [v for _, v in by_anchor], {"pairs": pairs}


@generator("n-pairs")
def npairs_cases(g):
    x = batch(g, 9, 4)
    labels = [3, 1, 3, 1, 0, 3, 2, 0, 5]
    return [
        pml_case("three pairs, a third sample and singletons ignored", losses.NPairsLoss, {}, {}, x, labels,
                 extra=npairs_terms),
        pml_case("sum", losses.NPairsLoss, {}, {}, x, labels, reduction="sum", extra=npairs_terms),
        pml_case("one pair: 0", losses.NPairsLoss, {}, {}, x[:3], [4, 9, 4], extra=npairs_terms),
    ]


# ---------------------------------------------------------------- 8.3 clip (plain PyTorch, as OpenCLIP's ClipLoss)

def clip_case(name, first_values, second_values, t, reduction="mean"):
    first, second = leaf(first_values), leaf(second_values)
    logits = F.normalize(first, dim=1) @ F.normalize(second, dim=1).T / t
    target = torch.arange(len(first_values))
    per_sample = (F.cross_entropy(logits, target, reduction="none") + F.cross_entropy(logits.T, target, reduction="none")) / 2
    value = per_sample.sum() if reduction == "sum" else (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
    request = {"first": first_values, "second": second_values, "temperature": t}
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample.tolist(),
            "gradients": gradients(value, {"first": first, "second": second})}}


@generator("clip")
def clip_cases(g):
    first, second = batch(g, 6, 8), batch(g, 6, 8)
    return [
        clip_case("six pairs, temperature 0.07", first, second, 0.07),
        clip_case("temperature 1, sum", first, second, 1.0, reduction="sum"),
        clip_case("temperature 0.01 (logit scale 100, CLIP's clamp)", first, second, 0.01),
        clip_case("one pair: 0", first[:1], second[:1], 0.07),
    ]


# ---------------------------------------------------------------- 8.8 proxy-nca

def with_parameter(loss, name, values):
    """Installs values as the loss's parameter (proxies, W) and returns that leaf."""
    parameter = torch.nn.Parameter(torch.tensor(values, dtype=torch.float64))
    setattr(loss, name, parameter)
    return parameter


def proxy_nca_case(name, x_values, labels, proxies, scale, reduction="mean"):
    x = leaf(x_values)
    y = torch.tensor(labels)
    reducer = reducers.SumReducer() if reduction == "sum" else reducers.MeanReducer()
    loss = losses.ProxyNCALoss(num_classes=len(proxies), embedding_size=len(proxies[0]), softmax_scale=scale, reducer=reducer)
    p = with_parameter(loss, "proxies", proxies)
    value = loss(x, y)
    detail = losses.ProxyNCALoss(num_classes=len(proxies), embedding_size=len(proxies[0]), softmax_scale=scale,
                                 reducer=reducers.DoNothingReducer())
    with_parameter(detail, "proxies", proxies)
    per_sample = detail(x.detach(), y)["loss"]["losses"].tolist()
    request = {"embeddings": x_values, "labels": labels, "proxies": proxies, "softmaxScale": scale}
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample,
            "gradients": gradients(value, {"embeddings": x, "proxies": p})}}


def proxy_nca_exact(name, x_values, labels, proxies, scale):
    """The contract's log-softmax over -s D2, exact where PML's -log p underflows."""
    x, p = leaf(x_values), leaf(proxies)
    d2 = (F.normalize(x, dim=1).unsqueeze(1) - F.normalize(p, dim=1).unsqueeze(0)).pow(2).sum(2)
    per_sample = -F.log_softmax(-scale * d2, dim=1).gather(1, torch.tensor(labels).unsqueeze(1)).squeeze(1)
    value = per_sample.mean()
    loss = losses.ProxyNCALoss(num_classes=len(proxies), embedding_size=len(proxies[0]), softmax_scale=scale)
    with_parameter(loss, "proxies", proxies)
    pml = loss(torch.tensor(x_values), torch.tensor(labels)).item()
    return {"name": name + " (PML's value %.6g)" % pml,
            "request": {"embeddings": x_values, "labels": labels, "proxies": proxies, "softmaxScale": scale},
            "expected": {"value": value.item(), "perSample": per_sample.tolist(),
                         "gradients": gradients(value, {"embeddings": x, "proxies": p})}}


@generator("proxy-nca")
def proxy_nca_cases(g):
    x = batch(g, 8, 5)
    labels = random_labels(g, 8, 4)
    proxies = batch(g, 4, 5)
    far = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.05]]
    return [
        proxy_nca_case("four classes, softmaxScale 1", x, labels, proxies, 1.0),
        proxy_nca_case("softmaxScale 8, sum", x, labels, proxies, 8.0, reduction="sum"),
        proxy_nca_case("softmaxScale 100", x, labels, proxies, 100.0),
        proxy_nca_exact("softmaxScale 400: a sample whose own proxy is opposite", far, [0, 1, 0],
                        [[1.0, 0.0], [0.0, 1.0]], 400.0),
    ]


# ---------------------------------------------------------------- 8.9 proxy-anchor

def proxy_anchor_case(name, x_values, labels, proxies, margin, alpha, reduction="mean"):
    x = leaf(x_values)
    y = torch.tensor(labels)
    params = {"num_classes": len(proxies), "embedding_size": len(proxies[0]), "margin": margin, "alpha": alpha}
    loss = losses.ProxyAnchorLoss(**params, **({"reducer": reducers.SumReducer()} if reduction == "sum" else {}))
    p = with_parameter(loss, "proxies", proxies)
    value = loss(x, y)
    detail = losses.ProxyAnchorLoss(**params, reducer=reducers.DoNothingReducer())
    with_parameter(detail, "proxies", proxies)
    parts = detail(x.detach(), y)
    per_sample = (parts["pos_loss"]["losses"] + parts["neg_loss"]["losses"]).tolist()
    request = {"embeddings": x_values, "labels": labels, "proxies": proxies, "margin": margin, "alpha": alpha}
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample,
            "gradients": gradients(value, {"embeddings": x, "proxies": p})}}


@generator("proxy-anchor")
def proxy_anchor_cases(g):
    x = batch(g, 9, 5)
    labels = [0, 0, 1, 1, 1, 3, 3, 0, 3]
    proxies = batch(g, 5, 5)
    return [
        proxy_anchor_case("five proxies, two without samples, paper values", x, labels, proxies, 0.1, 32.0),
        proxy_anchor_case("margin 0.3, alpha 8", x, labels, proxies, 0.3, 8.0),
        proxy_anchor_case("sum", x, labels, proxies, 0.1, 32.0, reduction="sum"),
    ]


# ---------------------------------------------------------------- 8.10 sub-center-arcface

def sub_center_case(name, x_values, weights, labels, scale, margin, k, reduction="mean"):
    x = leaf(x_values)
    y = torch.tensor(labels)
    classes = len(weights) // k

    def make():
        loss = losses.SubCenterArcFaceLoss(num_classes=classes, embedding_size=len(x_values[0]),
                                           margin=margin * 180 / math.pi, scale=scale, sub_centers=k)
        w = with_parameter(loss, "W", torch.tensor(weights).T.tolist())
        return loss, w
    loss, w = make()
    if reduction == "sum":
        # PML's SubCenterArcFaceLoss ignores reducer=SumReducer(): sum its per-sample losses.
        loss.reducer = reducers.DoNothingReducer()
        value = loss(x, y)["loss"]["losses"].sum()
    else:
        value = loss(x, y)
    detail, _ = make()
    detail.reducer = reducers.DoNothingReducer()
    per_sample = detail(x.detach(), y)["loss"]["losses"].tolist()
    grads = gradients(value, {"embeddings": x, "weights": w})
    grads["weights"] = torch.tensor(grads["weights"]).T.tolist()
    request = {"embeddings": x_values, "weights": weights, "labels": labels, "scale": scale, "margin": margin,
               "subCenters": k}
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample,
            "gradients": grads}}


@generator("sub-center-arcface")
def sub_center_cases(g):
    x = batch(g, 7, 6)
    labels = random_labels(g, 7, 3)
    weights = batch(g, 9, 6)
    return [
        sub_center_case("three classes, K 3, margin 0.5 rad (PML 28.648 degrees)", x, weights, labels, 64.0, 0.5, 3),
        sub_center_case("K 1 is arcface, scale 30, margin 0.3", x, weights[:3], labels, 30.0, 0.3, 1),
        sub_center_case("sum (PML ignores SumReducer: summed per-sample)", x, weights, labels, 16.0, 0.5, 3,
                        reduction="sum"),
        sub_center_case("PML's default 28.6 degrees = 0.49916 rad", x, weights, labels, 64.0, 28.6 * math.pi / 180, 3),
    ]


# ---------------------------------------------------------------- 8.11 combined-margin (InsightFace's formula, plain PyTorch)

def combined_case(name, labels, params, embeddings=None, weights=None, cosines=None, reduction="mean"):
    s, m1, m2, m3 = params.get("scale", 64.0), params.get("m1", 1.0), params.get("m2", 0.5), params.get("m3", 0.0)
    detach = params.get("detachMargin", False)
    inputs = {}
    if cosines is not None:
        c = leaf(cosines)
        inputs["cosines"] = c
        cos = c
    else:
        x, w = leaf(embeddings), leaf(weights)
        inputs["embeddings"], inputs["weights"] = x, w
        cos = (F.normalize(x, dim=1) @ F.normalize(w, dim=1).T).clamp(-1, 1)
    y = torch.tensor(labels)
    target = cos.gather(1, y.unsqueeze(1))
    modified = torch.cos(m1 * torch.acos(target) + m2) - m3
    if detach:
        modified = target + (modified - target).detach()
    logits = s * cos.scatter(1, y.unsqueeze(1), modified)
    per_sample = F.cross_entropy(logits, y, reduction="none")
    value = per_sample.sum() if reduction == "sum" else per_sample.mean()
    request = {"labels": labels, **params}
    if cosines is not None:
        request["cosines"] = cosines
    else:
        request["embeddings"], request["weights"] = embeddings, weights
    if reduction != "mean":
        request["reduction"] = reduction
    return {"name": name, "request": request, "expected": {"value": value.item(), "perSample": per_sample.tolist(),
            "gradients": gradients(value, inputs)}}


@generator("combined-margin")
def combined_cases(g):
    x = batch(g, 6, 5)
    w = batch(g, 4, 5)
    labels = random_labels(g, 6, 4)
    cos = (torch.rand(6, 4, generator=g) * 1.8 - 0.9).tolist()
    wide = [[-0.95, 0.1, 0.2], [-0.6, 0.3, 0.1], [0.7, 0.2, -0.5]]
    return [
        combined_case("embeddings, InsightFace's combined (1.0, 0.3, 0.2)", labels, {"scale": 64.0, "m1": 1.0, "m2": 0.3, "m3": 0.2},
                      embeddings=x, weights=w),
        combined_case("embeddings, defaults (ArcFace without its fallback)", labels, {}, embeddings=x, weights=w),
        combined_case("cosines, SphereFace-like m1 1.35", labels, {"scale": 32.0, "m1": 1.35, "m2": 0.0}, cosines=cos),
        combined_case("cosines, CosFace (1, 0, 0.35), sum", labels, {"scale": 30.0, "m2": 0.0, "m3": 0.35}, cosines=cos,
                      reduction="sum"),
        combined_case("m1 theta + m2 beyond pi: no fallback", [0, 0, 1], {"scale": 16.0, "m1": 1.5, "m2": 0.5},
                      cosines=wide),
        combined_case("detachMargin (arcface_torch's gradient)", labels, {"m1": 1.2, "m2": 0.2, "m3": 0.1,
                      "detachMargin": True}, embeddings=x, weights=w),
    ]


def main(names):
    for name, function in GENERATORS.items():
        if names and name not in names:
            continue
        g = torch.Generator().manual_seed(20261202)
        cases = function(g)
        header = {"loss": name, "tolerance": 1e-10, "source": SOURCE}
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            out.write(json.dumps(header)[:-1] + ', "cases": [\n')
            out.write(",\n".join(json.dumps(c) for c in cases))
            out.write("\n]}\n")
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main(sys.argv[1:])
