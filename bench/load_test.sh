#!/usr/bin/env bash
# Load test (issue 7): 60 s at 64 connections of mixed requests on loopback (98 % small softmax
# cross-entropy requests, 2 % of 4 MB), then the heap after a full GC compared with its baseline.
# Expect no status other than 200 and intended 503s. Needs wrk and python3; not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://127.0.0.1:8080}
DURATION=${DURATION:-60s}
mkdir -p target/bench
python3 bench/make_requests.py target/bench
python3 - <<'PY'
import json, random
random.seed(2)
n, c = 512, 400
body = {"logits": [[random.gauss(0, 3) for _ in range(c)] for _ in range(n)],
        "labels": [random.randrange(c) for _ in range(n)]}
open("target/bench/medium.json", "w").write(json.dumps(body))
PY
[ -f target/loss-service-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -DskipTests package
java ${JAVA_OPTS:--Xmx1g} --add-modules=jdk.incubator.vector -jar target/loss-service-0.1.0-SNAPSHOT.jar > target/bench/load-server.log 2>&1 &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 60); do curl -fs "$URL/actuator/health" > /dev/null 2>&1 && break; sleep 1; done

heap() { jcmd "$server" GC.run > /dev/null; sleep 1; jcmd "$server" GC.heap_info | awk '/used/ {print; exit}'; }
echo "== heap at baseline (after warm-up and a full GC)"
BODY=target/bench/small.json wrk -t2 -c16 -d10s -s bench/post.lua "$URL/losses/softmax-cross-entropy" > /dev/null
heap
echo "== $DURATION at 64 connections, mixed"
wrk -t2 -c64 -d"$DURATION" --timeout 30s --latency -s bench/mixed.lua "$URL" | grep -E "Requests/sec|status|p50|Non-2xx|Socket errors"
echo "== heap after the run (after a full GC)"
heap
curl -fs "$URL/actuator/health"; echo
