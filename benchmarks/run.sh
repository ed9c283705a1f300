#!/usr/bin/env bash
# Runs a benchmark against the packaged PostgreSQL gateway. Build first, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests
# then e.g.  benchmarks/run.sh all   or   benchmarks/run.sh fanout --concurrency=16
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec java -Xmx2g \
  -Dgateway.runner="$root/gateway/target/postgresql/quarkus-run.jar" \
  -Dswitchboard.provider.jar="$root/keycloak-extension/provider/target/switchboard-keycloak-extension-0.1.0-SNAPSHOT.jar" \
  -cp "$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")" \
  dev.switchboard.benchmarks.BenchmarkMain "$@"
