#!/usr/bin/env python3
"""Checks your own implementation of a loss against the loss-function reference service.

    python3 examples/check_loss.py l1 examples/my_losses.py:l1_loss
    python3 examples/check_loss.py focal mypackage.losses:focal_loss --count 20 --seed 7

It downloads trusted test cases (GET /losses/{loss}/cases), calls your function on each request and
asks the service to judge what it returned (POST /losses/{loss}/check). Your function receives the
request as a dict (arrays as numpy arrays, hyperparameters as they are; a field it does not know, such
as "hessians", can be ignored) and returns a dict with any of "value", "perSample" and "gradients" (a
dict of arrays by input name). Needs only the standard library and numpy. Exit status 0 when every case
passes, 1 otherwise.
"""
import argparse
import importlib
import importlib.util
import json
import os
import sys
import urllib.error
import urllib.request

import numpy as np


def load(target):
    """'path/to/file.py:function' or 'package.module:function'."""
    where, _, name = target.rpartition(":")
    if where.endswith(".py"):
        spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(where))[0], where)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    else:
        sys.path.insert(0, os.getcwd())
        module = importlib.import_module(where)
    return getattr(module, name)


def call(url, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as failure:
        problem = json.load(failure)
        sys.exit("%s %s: %s" % (method, url, problem.get("detail", problem)))


def as_arrays(request):
    return {k: np.asarray(v, dtype=float) if isinstance(v, list) else v for k, v in request.items()}


def as_json(value):
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return np.asarray(value, dtype=float).tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("loss")
    parser.add_argument("function", help="path/to/file.py:function or module:function")
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rtol", type=float, default=1e-9)
    parser.add_argument("--atol", type=float, default=1e-12)
    args = parser.parse_args()
    function = load(args.function)
    base = args.url.rstrip("/") + "/losses/" + args.loss
    cases = call("%s/cases?count=%d&seed=%d" % (base, args.count, args.seed))["cases"]
    failed = 0
    for case in cases:
        claimed = {k: as_json(v) for k, v in function(as_arrays(case["request"])).items()
                   if k in ("value", "perSample", "gradients")}
        report = call(base + "/check", "POST", {"request": case["request"], "claimed": claimed,
                                                "rtol": args.rtol, "atol": args.atol})
        if report["verdict"] == "pass":
            print("pass  %s" % case["name"])
            continue
        failed += 1
        print("FAIL  %s" % case["name"])
        for field in report["fields"]:
            if not field["pass"]:
                print("      %s: %s" % (field["field"], field["message"]))
        for hint in report["hints"]:
            print("      hint (%s) %s: %s" % (hint["code"], hint["field"], hint["message"]))
    print("%d of %d cases passed" % (len(cases) - failed, len(cases)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
