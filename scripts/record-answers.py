#!/usr/bin/env python3
"""Records the service's answers to everything the catalog describes, one file per answer, so that a
refactoring can be shown to change no answer: record before, record after, and compare the two folders
byte for byte (`diff -r before after`).

    python3 scripts/record-answers.py --url http://localhost:8080 --out /tmp/answers-before

Recorded, for every loss of GET /losses:
  - every catalog example, POSTed as JSON and answered as JSON and as npz, and POSTed as an npz archive
    (numpy.savez of the example's fields) and answered as JSON;
  - GET /losses/{name}/curve and /curve.svg (the default curve);
  - GET /losses/{name}/cases for seeds 1, 2 and 3 (count 10, and count 100 for seed 1);
  - POST /losses/{name}/check of the first example with a perturbed claim (value times 1.001, the first
    entry of every gradient plus 1e-3);
  - two plots of several curves (curves/);
  - the catalog entry itself, the gallery page and the OpenAPI document (kept apart, in catalog/, since
    a change of the documentation is not a change of an answer).
Each file holds the HTTP status, the content type and the body. Needs numpy and the standard library.
"""
import argparse
import io
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import numpy as np


def call(url, method="GET", body=None, content_type="application/json", accept="application/json"):
    headers = {"Accept": accept}
    if body is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as failure:
        return failure.code, failure.headers.get("Content-Type", ""), failure.read()


def save(path, answer):
    status, content_type, body = answer
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(("%d %s\n" % (status, content_type)).encode())
        out.write(body)


def as_npz(fields):
    """The example's fields as numpy.savez writes them: arrays by dtype as parsed, 0-d for scalars,
    a 0-size array for null."""
    arrays = {}
    for name, value in fields.items():
        arrays[name] = np.array([]) if value is None else np.array(value)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def perturbed(answer):
    claimed = {"value": answer["value"] * 1.001}
    gradients = {}
    for name, gradient in (answer.get("gradients") or {}).items():
        array = np.array(gradient, dtype=float)
        if array.size:
            array.flat[0] += 1e-3
        gradients[name] = array.tolist()
    if gradients:
        claimed["gradients"] = gradients
    return claimed


def slug(text):
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")[:60]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    base = args.url.rstrip("/")
    status, _, body = call(base + "/losses")
    if status != 200:
        sys.exit("GET /losses answered %d" % status)
    catalog = json.loads(body)
    names = [entry["name"] for entry in (catalog["losses"] if isinstance(catalog, dict) else catalog)]
    for name in names:
        out = os.path.join(args.out, name)
        loss = base + "/losses/" + name
        save(os.path.join(args.out, "catalog", name + ".json"), call(loss))
        entry = json.loads(call(loss)[2])
        for k, example in enumerate(entry["examples"]):
            request = example["request"]
            fields = request if isinstance(request, dict) else json.loads(request)
            text = json.dumps(fields).encode()
            stem = os.path.join(out, "example-%02d-%s" % (k, slug(example["name"])))
            save(stem + ".json", call(loss, "POST", text))
            save(stem + ".npz-answer", call(loss, "POST", text, accept="application/x-npz"))
            save(stem + ".npz-request", call(loss, "POST", as_npz(fields), content_type="application/x-npz"))
            if k == 0:
                status, _, answer = call(loss, "POST", text)
                if status == 200:
                    check = {"request": fields, "claimed": perturbed(json.loads(answer))}
                    save(os.path.join(out, "check.json"), call(loss + "/check", "POST", json.dumps(check).encode()))
        save(os.path.join(out, "curve.json"), call(loss + "/curve"))
        save(os.path.join(out, "curve.svg"), call(loss + "/curve.svg", accept="image/svg+xml"))
        for seed in (1, 2, 3):
            save(os.path.join(out, "cases-seed-%d.json" % seed), call(loss + "/cases?seed=%d" % seed))
        save(os.path.join(out, "cases-seed-1-count-100.json"), call(loss + "/cases?seed=1&count=100"))
    for k, query in enumerate(("losses=zero-one,hinge,exponential,binary-cross-entropy",
                               "loss=focal&vary=gamma&values=0,0.5,1,2,5&alpha=null")):
        save(os.path.join(args.out, "curves", "curves-%d.svg" % k), call(base + "/curves.svg?" + query,
                                                                          accept="image/svg+xml"))
    save(os.path.join(args.out, "catalog", "gallery.html"), call(base + "/", accept="text/html"))
    save(os.path.join(args.out, "catalog", "api-docs.json"), call(base + "/v3/api-docs"))
    print("recorded %d losses into %s" % (len(names), args.out))


if __name__ == "__main__":
    main()
