#!/usr/bin/python3
"""The comparison service of issue 17: softmax cross-entropy and its gradient with FastAPI and PyTorch
float64, the way a Python team would serve it. Answers the same JSON fields as the service.

    /usr/bin/python3 bench/fastapi_reference.py [port]     # apt-get install python3-fastapi python3-uvicorn
"""
import sys

import torch
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

torch.set_num_threads(1)
app = FastAPI()


class Batch(BaseModel):
    logits: list[list[float]]
    labels: list[int]


@app.post("/losses/softmax-cross-entropy")
def softmax_cross_entropy(batch: Batch):
    logits = torch.tensor(batch.logits, dtype=torch.float64, requires_grad=True)
    labels = torch.tensor(batch.labels)
    per_sample = torch.nn.functional.cross_entropy(logits, labels, reduction="none")
    loss = per_sample.mean()
    loss.backward()
    return {"loss": "softmax-cross-entropy", "reduction": "mean", "value": loss.item(),
            "perSample": per_sample.tolist(), "gradients": {"logits": logits.grad.tolist()}}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]) if len(sys.argv) > 1 else 8000, log_level="warning")
