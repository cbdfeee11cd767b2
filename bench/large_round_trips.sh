#!/usr/bin/env bash
# The large softmax cross-entropy request (N = 4096, C = 1000) end to end, as JSON and as npz, for one or
# more builds of the service in one run (issue 17): each jar is started alone on port 8080, warmed up with
# WARMUP round trips of each kind, then timed ROUNDS times with curl (time_total, client on the same cores);
# each line ends with the median, and a last line per jar gives the JSON / npz ratio of the medians.
# The JIT is still compiling the server's request path after a few large requests (one request runs each
# Tomcat and Spring method a handful of times): in one run of 32 npz trips interleaved with 16 JSON trips, npz
# trips 2 to 8 took 0.12-0.19 s and trips 17 to 32 0.10-0.13 s (2026-12-02; BENCHMARKS.md runs before then
# warmed up with 2 trips of each kind).
#   JARS="old.jar new.jar" JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/large_round_trips.sh
# The answer is discarded (ANSWER=/dev/null), as a benchmark client does; ANSWER=target/bench/answer keeps it,
# which costs curl 40-50 ms of CPU per JSON round trip on the same cores (the runs of BENCHMARKS.md before 2026-12-02, night, kept it).
# Needs python3 with NumPy (bench/make_requests.py writes the bodies). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=http://127.0.0.1:8080/losses/softmax-cross-entropy
JARS=${JARS:-target/loss-service-0.1.0-SNAPSHOT.jar}
JAVA=${JAVA:-java}
ROUNDS=${ROUNDS:-8}
WARMUP=${WARMUP:-12}
ANSWER=${ANSWER:-/dev/null}
# The heap of the compose service (75 % of its 2 GB limit), fixed from the start as the image fixes it; the runs
# of BENCHMARKS.md before 2026-12-03 used -Xmx4g with the default initial heap, which starts small.
HEAP=${HEAP:--Xms1536m -Xmx1536m}
mkdir -p target/bench
[ -f target/bench/large.npz ] || python3 bench/make_requests.py target/bench
ls -l target/bench/large.json target/bench/large.npz

median() { # seconds...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

round_trip() { # content-type accept body
  curl -s -o "$ANSWER" -w '%{time_total}' -H "Content-Type: $1" -H "Accept: $2" --data-binary @"$3" "$URL"
}

for jar in $JARS; do
  "$JAVA" $HEAP --add-modules=jdk.incubator.vector -jar "$jar" > target/bench/server.log 2>&1 &
  server=$!
  trap 'kill $server 2> /dev/null' EXIT
  for _ in $(seq 90); do curl -fs http://127.0.0.1:8080/actuator/health > /dev/null 2>&1 && break; sleep 1; done
  medians=""
  for _ in $(seq "$WARMUP"); do
    round_trip application/json application/json target/bench/large.json > /dev/null
    round_trip application/x-npz application/x-npz target/bench/large.npz > /dev/null
    round_trip application/x-npz application/json target/bench/large.npz > /dev/null
  done
  for kind in "application/json application/json target/bench/large.json" \
      "application/x-npz application/x-npz target/bench/large.npz" \
      "application/x-npz application/json target/bench/large.npz"; do
    set -- $kind
    times=""
    for _ in $(seq "$ROUNDS"); do times="$times $(round_trip "$1" "$2" "$3")"; done
    echo "$jar | ${1#application/} -> ${2#application/} |$times | median $(median $times)"
    medians="$medians $(median $times)"
  done
  set -- $medians
  echo "$jar | JSON / npz, medians | $(awk -v json="$1" -v npz="$2" 'BEGIN { printf "%.2fx", json / npz }')"
  kill $server; wait $server 2> /dev/null || true
done
