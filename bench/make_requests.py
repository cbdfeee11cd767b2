"""Writes the HTTP benchmark's request bodies: a small softmax cross-entropy request (N = 32, C = 10)
and a large one (N = 4096, C = 1000, about 80 MB of JSON), the large one also as an .npz archive of
the same numbers (numpy.savez: float64 logits, int64 labels) when NumPy is installed."""
import json
import random
import sys

random.seed(1)


def batch(n, c):
    logits = [[random.gauss(0, 3) for _ in range(c)] for _ in range(n)]
    labels = [random.randrange(c) for _ in range(n)]
    return {"logits": logits, "labels": labels}


def body(n, c):
    return json.dumps(batch(n, c))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "target"
    with open(out + "/small.json", "w") as f:
        f.write(body(32, 10))
    large = batch(4096, 1000)
    with open(out + "/large.json", "w") as f:
        f.write(json.dumps(large))
    try:
        import numpy
    except ImportError:
        sys.exit(0)
    numpy.savez(out + "/large.npz", logits=numpy.array(large["logits"], dtype=numpy.float64),
                labels=numpy.array(large["labels"], dtype=numpy.int64))
