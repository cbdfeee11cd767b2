#!/usr/bin/python3
"""Golden vectors for the metric and self-supervised losses of API.md 8.

The expected numbers come from pytorch-metric-learning (PML) 2.8.1 in float64 (the class with its
default reducer for the value, the same class with DoNothingReducer for the per-pair or per-anchor
losses, autograd for the gradients) and from plain PyTorch for CLIP. Where the contract deliberately
differs from PML (API.md 8.12), the case is computed from the contract's formula in float64 PyTorch,
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
                terms.append(F.softplus(torch.logsumexp(z, 0)))
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
    ]


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
        terms.append(torch.logaddexp(torch.zeros(()), z))
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
