#!/usr/bin/env bash
# Runs the gateway image tarball without a container runtime, to check what is inside it: unpacks
# its layers in order into a root filesystem, starts the image's entrypoint there with chroot as
# the image's user, against a fresh database on the local PostgreSQL, waits for
# /q/health/ready, prints the health answer, and stops it again. Needs root (chroot, mount).
#
#   deploy/image/smoke-test-gateway-image.sh [IMAGE_TAR]   (default: gateway/target/switchboard-gateway-image.tar)
set -euo pipefail

root_dir="$(cd "$(dirname "$0")/../.." && pwd)"
image="${1:-$root_dir/gateway/target/switchboard-gateway-image.tar}"
pg_host="${PGHOST:-127.0.0.1}"
pg_user="${PGUSER:-postgres}"
port="${SMOKE_PORT:-18088}"
work="$(mktemp -d "${TMPDIR:-/tmp}/sb-image-smoke.XXXXXX")"
database="sb_image_smoke_$$"
pid=""

log() { printf '[image-smoke] %s\n' "$*"; }
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  mountpoint -q "$work/rootfs/proc" && umount "$work/rootfs/proc"
  psql -h "$pg_host" -U "$pg_user" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$image" ] || { echo "no image at $image: build it with -Pimage (docs/deployment.md)" >&2; exit 2; }
mkdir -p "$work/image" "$work/rootfs"
tar -xf "$image" -C "$work/image"
config="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/image/manifest.json")"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/image/manifest.json"); do
  tar --warning=no-unknown-keyword -xf "$work/image/$layer" -C "$work/rootfs"
done
read -r user workdir entrypoint < <(python3 - "$work/image/$config" <<'PY'
import json, shlex, sys
c = json.load(open(sys.argv[1]))["config"]
print(c.get("User", "0"), c.get("WorkingDir", "/"), shlex.join(c["Entrypoint"] + (c.get("Cmd") or [])))
PY
)
image_env="$(python3 -c 'import json,sys,shlex; print(" ".join(shlex.quote(e) for e in json.load(open(sys.argv[1]))["config"]["Env"]))' "$work/image/$config")"
log "image user=$user workdir=$workdir entrypoint: $entrypoint"

psql -h "$pg_host" -U "$pg_user" -q -c "CREATE DATABASE $database" postgres
mount -t proc proc "$work/rootfs/proc"
mkdir -p "$work/rootfs$workdir" && chown "$user" "$work/rootfs$workdir"
eval "exec env -i $image_env \
  SWITCHBOARD_DB_URL=jdbc:postgresql://$pg_host:5432/$database SWITCHBOARD_DB_USER=$pg_user SWITCHBOARD_DB_PASSWORD= \
  SWITCHBOARD_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
  chroot --userspec=$user:$user $work/rootfs /bin/sh -c 'cd $workdir && exec $entrypoint'" > "$work/gateway.log" 2>&1 &
pid=$!

for _ in $(seq 1 180); do
  if ! kill -0 "$pid" 2>/dev/null; then tail -n 40 "$work/gateway.log" >&2; echo "the image's gateway exited" >&2; exit 1; fi
  if answer="$(curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null)"; then
    grep -m1 'started in' "$work/gateway.log" || true
    log "ready: $(echo "$answer" | tr -d ' \n')"
    exit 0
  fi
  sleep 1
done
tail -n 40 "$work/gateway.log" >&2
echo "the image's gateway was not ready within 180 s" >&2
exit 1
