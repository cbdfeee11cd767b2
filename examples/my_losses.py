"""Two implementations of PyTorch's l1_loss for examples/check_loss.py: one right, one with the most
common porting mistake (the sum where the mean is expected)."""
import numpy as np


def l1_loss(request):
    p, t = request["predictions"], request["targets"]
    per_sample = np.abs(p - t)
    scale = 1.0 if request.get("reduction") == "sum" else 1.0 / per_sample.size
    return {"value": scale * per_sample.sum(), "perSample": per_sample,
            "gradients": {"predictions": scale * np.sign(p - t)}}


def l1_loss_summed(request):
    p, t = request["predictions"], request["targets"]
    per_sample = np.abs(p - t)
    return {"value": per_sample.sum(), "perSample": per_sample, "gradients": {"predictions": np.sign(p - t)}}
