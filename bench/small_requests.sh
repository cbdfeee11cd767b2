#!/usr/bin/env bash
# Small JSON requests (softmax cross-entropy, N = 32, C = 10) at 16 connections, for several runtime
# configurations of the service and for the FastAPI + PyTorch reference (bench/fastapi_reference.py), all
# in one run (issue 17). wrk runs on the same cores, with each of CLIENT_THREADS (default: one thread, then two):
# WARMUP (40 s: the JIT needs it on 2 cores), then RUNS runs of DURATION. A second client thread competes with the
# service for the same 2 cores, and the time a response waits for it to be scheduled counts as latency.
#   CONFIGS=$'java17|java|-Xmx1g\njava25|/usr/lib/jvm/temurin-25-jdk-amd64/bin/java|-Xmx1g' bench/small_requests.sh
# One configuration per line: label|java executable|JVM options|jar (Spring options go as -D...; the container
# adds --add-modules=jdk.incubator.vector; the jar defaults to JAR, so that two builds can be compared in one run).
# Needs wrk, python3-fastapi and python3-uvicorn (apt-get install). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/loss-service-0.1.0-SNAPSHOT.jar}
CONFIGS=${CONFIGS:-"default|java|-Xmx1g --add-modules=jdk.incubator.vector"}
DURATION=${DURATION:-15s}
RUNS=${RUNS:-2}
mkdir -p target/bench
[ -f target/bench/small.json ] || python3 bench/make_requests.py target/bench

measure() { # label url
  BODY=target/bench/small.json wrk -t1 -c16 -d"${WARMUP:-40s}" -s bench/post.lua "$2" > /dev/null
  for threads in ${CLIENT_THREADS:-1 2}; do
    for _ in $(seq "$RUNS"); do
      BODY=target/bench/small.json wrk -t"$threads" -c16 -d"$DURATION" --latency -s bench/post.lua "$2" \
        | awk -v label="$1, wrk -t$threads" '/Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 90%/ {p90 = $2} / 99%/ {p99 = $2}
            /Non-2xx/ {bad = $4}
            END {printf "%s | %s req/s | p50 %s | p90 %s | p99 %s | non-2xx %s\n", label, rps, p50, p90, p99, bad == "" ? 0 : bad}'
    done
  done
}

while IFS='|' read -r label java options jar; do
  [ -n "$label" ] || continue
  # shellcheck disable=SC2086
  "$java" $options -jar "${jar:-$JAR}" > "target/bench/server-$label.log" 2>&1 &
  server=$!
  for _ in $(seq 90); do curl -fs http://127.0.0.1:8080/actuator/health > /dev/null 2>&1 && break; sleep 1; done
  measure "$label" http://127.0.0.1:8080/losses/softmax-cross-entropy
  kill $server; wait $server 2> /dev/null || true
done <<< "$CONFIGS"

/usr/bin/python3 bench/fastapi_reference.py 8000 > target/bench/fastapi.log 2>&1 &
reference=$!
for _ in $(seq 30); do curl -fs -o /dev/null -H 'Content-Type: application/json' --data-binary @target/bench/small.json \
  http://127.0.0.1:8000/losses/softmax-cross-entropy && break; sleep 1; done
measure "fastapi+pytorch" http://127.0.0.1:8000/losses/softmax-cross-entropy
kill $reference
