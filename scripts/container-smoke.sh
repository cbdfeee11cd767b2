#!/usr/bin/env bash
# Builds the Dockerfile offline and starts the image's filesystem, as root, without a container engine:
#   1. base images made with mmdebstrap (Debian bookworm + OpenJDK 17 JDK / JRE), imported into podman;
#   2. `podman build --isolation=chroot --format docker` with BUILD_IMAGE / RUN_IMAGE pointing at them;
#   3. the image mounted and started with unshare + chroot as the image's user, once on a writable and
#      once on a read-only root with a tmpfs /tmp, then the health endpoint and the image's own
#      HEALTHCHECK are asked.
# Needs: apt-get install -y podman mmdebstrap jq curl iproute2. Takes a few minutes cold. Not run by CI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/loss-service-smoke}
IMAGE=${IMAGE:-localhost/loss-service:smoke}
JDK_BASE=${JDK_BASE:-localhost/debian-openjdk17-jdk:bookworm}
JRE_BASE=${JRE_BASE:-localhost/debian-openjdk17-jre:bookworm}
PORT=8080
mkdir -p "$WORK"

base() { # kind image
  if podman image exists "$2"; then echo "base $2: present"; return; fi
  local hooks=()
  if [ "$1" = jdk ] && compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
    # Maven inside the build must trust the same TLS proxy as this host.
    hooks=(--customize-hook='cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/"'
           --customize-hook='chroot "$1" update-ca-certificates')
  fi
  mmdebstrap --variant=apt --include="openjdk-17-$1-headless,ca-certificates" "${hooks[@]}" bookworm \
    "$WORK/rootfs-$1.tar" > "$WORK/mmdebstrap-$1.log" 2>&1
  podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$WORK/rootfs-$1.tar" "$2" > /dev/null
  rm -f "$WORK/rootfs-$1.tar"
  echo "base $2: built"
}

base jdk "$JDK_BASE"
base jre "$JRE_BASE"
echo "== build"
podman build --isolation=chroot --format docker --build-arg "BUILD_IMAGE=$JDK_BASE" --build-arg "RUN_IMAGE=$JRE_BASE" \
  -t "$IMAGE" "$ROOT" > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }

config=$(podman image inspect "$IMAGE" | jq -c '.[0] | {User: .Config.User, Dir: .Config.WorkingDir,
  Argv: ((.Config.Entrypoint // []) + (.Config.Cmd // [])), Env: (.Config.Env // []), Check: (.Healthcheck.Test // [])}')
echo "image: $config"
user=$(jq -r .User <<< "$config"); uid=${user%%:*}; gid=${user#*:}
[ -n "$uid" ] && [ "$uid" != 0 ] && [ "$uid" != root ] || { echo "FAIL: the image runs as root"; exit 1; }
mapfile -t argv < <(jq -r '.Argv[]' <<< "$config")
mapfile -t envv < <(jq -r '.Env[]' <<< "$config")
mapfile -t check < <(jq -r '.Check[]' <<< "$config")
[ "${#check[@]}" -gt 1 ] || { echo "FAIL: no HEALTHCHECK"; exit 1; }
dir=$(jq -r .Dir <<< "$config")
mounted=$(podman image mount "$IMAGE")
trap 'podman image unmount "$IMAGE" > /dev/null 2>&1 || true' EXIT

start() { # rw | ro, run inside new mount, pid and network namespaces
  local mode=$1 root=$WORK/root-$1 app ok=0
  mkdir -p "$root"
  if [ "$mode" = ro ]; then
    mount --bind "$mounted" "$root"; mount -o remount,bind,ro "$root"
    if touch "$root/.write-probe" 2> /dev/null; then echo "FAIL: the root is writable"; return 1; fi
  else
    mkdir -p "$WORK/upper"; mount -t tmpfs tmpfs "$WORK/upper"; mkdir "$WORK/upper/u" "$WORK/upper/w"
    mount -t overlay overlay -o "lowerdir=$mounted,upperdir=$WORK/upper/u,workdir=$WORK/upper/w" "$root"
  fi
  mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777,size=256m tmpfs "$root/tmp"; ip link set lo up
  local run=(/usr/bin/unshare --root="$root" --wd="$dir" --setuid="$uid" --setgid="$gid" --)
  env -i "${envv[@]}" HOME=/ "${run[@]}" "${argv[@]}" > "$WORK/app-$mode.log" 2>&1 &
  app=$!
  for _ in $(seq 120); do
    kill -0 "$app" 2> /dev/null || { echo "FAIL: the service exited"; tail -20 "$WORK/app-$mode.log"; return 1; }
    if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" | grep -q '"status":"UP"'; then ok=1; break; fi
    sleep 1
  done
  echo "$mode root: ready=$ok, $(grep -E '^Uid' /proc/$app/status | tr -s '\t' ' ')"
  curl -fs -X POST -H 'Content-Type: application/json' -d '{"logits": [[1, 2]], "labels": [0]}' \
    "http://127.0.0.1:$PORT/losses/softmax-cross-entropy" > /dev/null && echo "$mode root: loss endpoint answers"
  local kernels; kernels=$(curl -fs "http://127.0.0.1:$PORT/actuator/info" | grep -o '"kernels":"[a-z-]*"')
  echo "$mode root: $kernels"; [ "$kernels" = '"kernels":"vector-api"' ] || ok=0
  if env -i "${envv[@]}" "${run[@]}" "${check[@]:1}"; then echo "$mode root: HEALTHCHECK exit 0"; else ok=0; fi
  kill -TERM "$app"; wait "$app" || true
  [ "$ok" = 1 ]
}

for mode in rw ro; do
  unshare --mount --pid --net --fork --propagation private --mount-proc -- bash -c \
    "$(declare -p WORK mounted dir uid gid PORT argv envv check); $(declare -f start); start $mode"
done
echo "RESULT: PASS"
