"""The workloads of issue 6 in PyTorch float64 (forward + backward), one thread. Imported by
side_by_side.py; run alone it prints the PyTorch timings."""
import math
import os
import time

# torch.set_num_threads(1) does not reach the BLAS: Debian's torch multiplies matrices with OpenBLAS's
# pthread build, which starts one thread per core unless told otherwise before it is loaded.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def softmax_cross_entropy(g):
    z = torch.randn(4096, 1000, generator=g).requires_grad_()
    y = torch.randint(0, 1000, (4096,), generator=g)
    return lambda: F.cross_entropy(z, y).backward()


def arcface(g):
    x = torch.randn(256, 512, generator=g).requires_grad_()
    w = torch.randn(10000, 512, generator=g).requires_grad_()
    y = torch.randint(0, 10000, (256,), generator=g)
    s, m = 64.0, 0.5

    def run():
        c = F.normalize(x) @ F.normalize(w).T
        sin = torch.sqrt(((1 - c) * (1 + c)).clamp(min=0))
        arc = c * math.cos(m) - sin * math.sin(m)
        target = torch.where(c >= math.cos(math.pi - m), arc, c - math.sin(math.pi - m) * m)
        onehot = F.one_hot(y, 10000).bool()
        F.cross_entropy(s * torch.where(onehot, target, c), y).backward()
    return run


def triplet_explicit(g):
    a, p, n = (torch.randn(4096, 128, generator=g).requires_grad_() for _ in range(3))
    return lambda: torch.clamp(((a - p) ** 2).sum(1) - ((a - n) ** 2).sum(1) + 0.2, min=0).mean().backward()


def triplet_batch_hard(g):
    x = torch.randn(1024, 128, generator=g).requires_grad_()
    labels = torch.randint(0, 64, (1024,), generator=g)

    def run():
        d = torch.cdist(x, x) ** 2
        same = labels[:, None] == labels[None, :]
        eye = torch.eye(1024, dtype=torch.bool)
        hardest_positive = torch.where(same & ~eye, d, torch.full_like(d, -1.0)).max(1).values
        hardest_negative = torch.where(~same, d, torch.full_like(d, math.inf)).min(1).values
        torch.clamp(hardest_positive - hardest_negative + 0.2, min=0).mean().backward()
    return run


def focal_binary(g):
    import torchvision
    z = torch.randn(1_000_000, generator=g).requires_grad_()
    t = torch.randint(0, 2, (1_000_000,), generator=g).double()
    return lambda: torchvision.ops.sigmoid_focal_loss(z, t, alpha=0.25, gamma=2.0, reduction="mean").backward()


def hinge(g):
    f = torch.randn(1_000_000, generator=g).requires_grad_()
    y = (torch.randint(0, 2, (1_000_000,), generator=g) * 2 - 1).double()
    return lambda: torch.clamp(1 - y * f, min=0).mean().backward()


def ctc(g):
    z = torch.randn(32, 200, 30, generator=g).requires_grad_()
    targets = torch.randint(1, 30, (32, 40), generator=g)
    lengths = torch.full((32,), 200, dtype=torch.long)
    target_lengths = torch.full((32,), 40, dtype=torch.long)
    return lambda: F.ctc_loss(F.log_softmax(z, dim=2).transpose(0, 1), targets, lengths, target_lengths).backward()


def metric_learning(loss_class):
    """pytorch-metric-learning's loss on two views of 256 images (PYTHONPATH must hold PML's src)."""
    def make(g):
        from pytorch_metric_learning import losses
        x = torch.randn(512, 128, generator=g).requires_grad_()
        labels = torch.arange(256).repeat(2)
        loss = getattr(losses, loss_class)()
        return lambda: loss(x, labels).backward()
    return make


WORKLOADS = {
    "softmax-cross-entropy 4096x1000": softmax_cross_entropy,
    "arcface N=256 d=512 C=10000": arcface,
    "triplet explicit N=4096 d=128": triplet_explicit,
    "triplet batch-hard N=1024 d=128": triplet_batch_hard,
    "focal binary N=1e6": focal_binary,
    "hinge N=1e6": hinge,
    "ctc N=32 T=200 C=30 S=40": ctc,
    "nt-xent N=512 d=128": metric_learning("NTXentLoss"),
    "supervised-contrastive N=512 d=128": metric_learning("SupConLoss"),
}


def median_seconds(run, repeats):
    end = time.perf_counter() + 2
    while time.perf_counter() < end:
        run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def time_all(repeats=7, only=()):
    g = torch.Generator().manual_seed(1)
    return {name: median_seconds(make(g), repeats) for name, make in WORKLOADS.items()
            if not only or any(name.startswith(prefix) for prefix in only)}


if __name__ == "__main__":
    for name, seconds in time_all().items():
        print("%-36s %9.2f ms" % (name, seconds * 1e3))
