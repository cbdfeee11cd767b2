#!/usr/bin/env bash
# End-to-end HTTP benchmark on loopback (issue 6): small requests with wrk at 16 and 64 connections,
# then the large 80 MB softmax cross-entropy request timed with curl, split into read and compute
# (the server's Server-Timing header) and the rest (transfer and writing the response).
# Needs wrk (apt-get install wrk) and python3; bounded to about two minutes. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://127.0.0.1:8080}
DURATION=${DURATION:-20s}
mkdir -p target/bench
python3 bench/make_requests.py target/bench
ls -l target/bench/*.json

started=""
if ! curl -fs "$URL/actuator/health" > /dev/null 2>&1; then
  [ -f target/loss-service-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -DskipTests package
  java ${JAVA_OPTS:--Xmx2g} --add-modules=jdk.incubator.vector -jar target/loss-service-0.1.0-SNAPSHOT.jar > target/bench/server.log 2>&1 &
  started=$!
  trap '[ -n "$started" ] && kill $started' EXIT
  for _ in $(seq 60); do curl -fs "$URL/actuator/health" > /dev/null 2>&1 && break; sleep 1; done
fi

echo "== warm-up"
BODY=target/bench/small.json wrk -t2 -c16 -d10s -s bench/post.lua "$URL/losses/softmax-cross-entropy" > /dev/null
for i in 1 2 3; do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @target/bench/large.json \
    "$URL/losses/softmax-cross-entropy"
done

for connections in 16 64; do
  echo "== small requests (N = 32, C = 10), $connections connections, $DURATION"
  BODY=target/bench/small.json wrk -t2 -c$connections -d$DURATION --latency -s bench/post.lua \
    "$URL/losses/softmax-cross-entropy" | grep -E "Requests/sec|Latency|50%|75%|90%|99%|Non-2xx"
done

echo "== large request (N = 4096, C = 1000, $(du -h target/bench/large.json | cut -f1)), 5 runs"
for i in 1 2 3 4 5; do
  curl -s -o target/bench/large-response.json -D target/bench/headers.txt -X POST \
    -H 'Content-Type: application/json' --data-binary @target/bench/large.json \
    -w 'total %{time_total}s, first byte %{time_starttransfer}s, response %{size_download} bytes' \
    "$URL/losses/softmax-cross-entropy"
  echo " | $(grep -i '^server-timing' target/bench/headers.txt | tr -d '\r')"
done
