#!/usr/bin/env bash
# Loads the gallery and one combined plot in headless Chromium and saves screenshots to target/screenshots
# (issue 8). Needs Debian's chromium (apt-get install chromium). Starts the jar if nothing listens on 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://127.0.0.1:8080}
OUT=target/screenshots
mkdir -p "$OUT"
started=""
if ! curl -fs "$URL/actuator/health" > /dev/null 2>&1; then
  [ -f target/loss-service-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -DskipTests package
  java --add-modules=jdk.incubator.vector -jar target/loss-service-0.1.0-SNAPSHOT.jar > "$OUT/server.log" 2>&1 &
  started=$!
  trap '[ -n "$started" ] && kill $started' EXIT
  for _ in $(seq 60); do curl -fs "$URL/actuator/health" > /dev/null 2>&1 && break; sleep 1; done
fi
shoot() { # name url width height [extra flags]
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --disable-quic --user-data-dir="$profile" --hide-scrollbars \
    --virtual-time-budget=15000 --window-size="$3,$4" "${@:5}" --screenshot="$OUT/$1.png" "$2" > /dev/null 2>&1
  rm -rf "$profile"
  echo "$OUT/$1.png"
}
DARK=(--force-dark-mode --blink-settings=preferredColorScheme=0)
shoot gallery "$URL/" 1200 2400
shoot gallery-dark "$URL/" 1200 1400 --force-dark-mode --blink-settings=preferredColorScheme=0
shoot surrogates "$URL/curves.svg?losses=zero-one,hinge,exponential,binary-cross-entropy" 660 420
shoot focal-gamma "$URL/curves.svg?loss=focal&vary=gamma&values=0,0.5,1,2,5&alpha=null" 660 420
# The playground (issue 18), committed under docs/playground: focal loss at gamma 0 and 5 and ArcFace's batch
# panel with its gradient heat maps, in light and dark mode and at phone width, taken with Selenium (each card
# once drawn; chromium's --screenshot does not wait for the page's requests).
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/screenshots/classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/screenshots/classpath)" dev.lossref.support.PlaygroundScreenshots \
  "$URL" docs/playground
