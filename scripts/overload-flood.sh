#!/usr/bin/env bash
# Floods one running instance with concurrent large requests and checks that every one of them ends
# with an HTTP status, 200 or 503, with and without `Expect: 100-continue` (curl sends it above 1 MB).
# Usage: scripts/overload-flood.sh [base-url] [concurrency] [rounds]
# Needs curl and python3 (to write the 80 MB body once, under ${TMPDIR:-/tmp}).
set -euo pipefail

base=${1:-http://127.0.0.1:8080}
concurrency=${2:-24}
rounds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body="$work/large.json"

# Softmax cross-entropy, 4096 x 1000 logits with 17 significant digits: about 80 MB of JSON.
python3 - "$body" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as out:
    out.write('{"logits": [')
    for i in range(4096):
        out.write(("," if i else "") + "[" + ",".join(repr(random.gauss(0, 3)) for _ in range(1000)) + "]")
    out.write('], "labels": [' + ",".join(str(random.randrange(1000)) for _ in range(4096)) + "]}")
PY
echo "body: $(du -m "$body" | cut -f1) MB, $concurrency concurrent requests, $rounds rounds each way"

failures=0
for expect in with without; do
    header=()
    if [ "$expect" = without ]; then header=(-H "Expect:"); fi
    for round in $(seq 1 "$rounds"); do
        for i in $(seq 1 "$concurrency"); do
            ( code=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" -H 'Content-Type: application/json' \
                      --data-binary @"$body" "$base/losses/softmax-cross-entropy"); echo "$? $code" > "$work/$i" ) &
        done
        wait
        summary=$(cat "$work"/[0-9]* | sort | uniq -c | tr '\n' ';' | tr -s ' ')
        bad=$(cat "$work"/[0-9]* | grep -cvE '^0 (200|503)$' || true)
        failures=$((failures + bad))
        echo "$expect Expect, round $round: curl-exit status counts:$summary unexpected $bad"
        rm -f "$work"/[0-9]*
    done
done
health=$(curl -s "$base/actuator/health")
echo "health afterwards: $health"
[ "$failures" -eq 0 ] && [[ "$health" == *'"UP"'* ]]
