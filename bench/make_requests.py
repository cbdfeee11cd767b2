"""Writes the HTTP benchmark's request bodies: a small softmax cross-entropy request (N = 32, C = 10)
and a large one (N = 4096, C = 1000, about 80 MB of JSON)."""
import json
import random
import sys

random.seed(1)


def body(n, c):
    logits = [[random.gauss(0, 3) for _ in range(c)] for _ in range(n)]
    labels = [random.randrange(c) for _ in range(n)]
    return json.dumps({"logits": logits, "labels": labels})


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "target"
    with open(out + "/small.json", "w") as f:
        f.write(body(32, 10))
    with open(out + "/large.json", "w") as f:
        f.write(body(4096, 1000))
