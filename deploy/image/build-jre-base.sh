#!/usr/bin/env bash
# Assembles the gateway image's base (Debian bookworm, minimal, with the OpenJDK 17 runtime) from
# Debian packages alone and writes it as a `docker load`-compatible tarball, so Jib can build the
# gateway image on a machine that reaches no container registry:
#
#   deploy/image/build-jre-base.sh [OUT_TAR]      (default: deploy/image/target/jre-base.tar)
#   ./mvnw -B -pl gateway -am package -DskipTests -Pimage \
#       -Dquarkus.jib.base-jvm-image=tar://$PWD/deploy/image/target/jre-base.tar
#
# Needs root (debootstrap makes device nodes and runs maintainer scripts) and the debootstrap
# package. Where a registry is reachable, skip this and let Jib pull a JRE base image instead
# (see docs/deployment.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/target/jre-base.tar}"
suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d "${TMPDIR:-/tmp}/sb-jre-base.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log() { printf '[jre-base] %s\n' "$*"; }

command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: debootstrap needs it" >&2; exit 2; }

rootfs="$work/rootfs"
log "debootstrap $suite (minbase + openjdk-17-jre-headless) from $mirror"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

log "trimming caches and documentation"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
       "$rootfs"/var/log/* "$rootfs"/tmp/*
# The unprivileged user the gateway runs as (uid 185, the user Quarkus images conventionally use).
chroot "$rootfs" groupadd --system --gid 185 switchboard
chroot "$rootfs" useradd --system --uid 185 --gid 185 --home-dir /work --no-create-home switchboard
mkdir -p "$rootfs/work" && chown 185:185 "$rootfs/work"
java_home="$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java" | sed "s#^$rootfs##")")")"
[ -x "$rootfs$java_home/bin/java" ] || { echo "no java in the root filesystem" >&2; exit 1; }

log "packing the root filesystem as one layer"
layer="$work/layer.tar"
tar --create --file "$layer" --directory "$rootfs" --numeric-owner --sort=name \
    --mtime='2026-01-01 00:00:00Z' --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' .
layer_sha="$(sha256sum "$layer" | cut -d' ' -f1)"
created="2026-01-01T00:00:00Z"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "User":"185","WorkingDir":"/work"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"$created","created_by":"deploy/image/build-jre-base.sh: debootstrap $suite minbase + openjdk-17-jre-headless"}]}
JSON
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mkdir -p "$work/image/$layer_sha"
mv "$layer" "$work/image/$layer_sha/layer.tar"
mv "$work/config.json" "$work/image/$config_sha.json"
cat > "$work/image/manifest.json" <<JSON
[{"Config":"$config_sha.json","RepoTags":["switchboard/jre-base:17-$suite"],"Layers":["$layer_sha/layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
# member names without a leading "./": Jib refuses an archive entry that names the folder itself
(cd "$work/image" && tar --create --file "$out" --sort=name --mtime="$created" -- *)
log "wrote $out ($(du -h "$out" | cut -f1), java at $java_home)"
