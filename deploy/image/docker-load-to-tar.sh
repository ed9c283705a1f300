#!/usr/bin/env bash
# Stands in for the docker CLI when Quarkus's Jib extension "loads" the image it built into a
# daemon: Jib streams a `docker load` tarball to `<docker> load`, and this writes that stream to
# $SWITCHBOARD_IMAGE_TAR instead, so the image is built where no Docker daemon runs. The tarball
# loads anywhere later: `docker load -i FILE`, `podman load -i FILE`, `skopeo copy docker-archive:FILE ...`.
# Selected by the gateway's `image` Maven profile (see docs/deployment.md).
set -euo pipefail
: "${SWITCHBOARD_IMAGE_TAR:?SWITCHBOARD_IMAGE_TAR must name the tarball to write}"
case "${1:-}" in
  info)
    # Jib asks the daemon's platform to warn about a mismatch; the tarball is built for linux/amd64.
    printf '{"OSType":"linux","Architecture":"x86_64"}\n'
    ;;
  load)
    mkdir -p "$(dirname "$SWITCHBOARD_IMAGE_TAR")"
    cat > "$SWITCHBOARD_IMAGE_TAR.part"
    mv "$SWITCHBOARD_IMAGE_TAR.part" "$SWITCHBOARD_IMAGE_TAR"
    printf 'Loaded image: written to %s\n' "$SWITCHBOARD_IMAGE_TAR"
    ;;
  *)
    printf 'docker-load-to-tar: "%s" is not supported; only Jib'"'"'s info and load are\n' "$*" >&2
    exit 1
    ;;
esac
