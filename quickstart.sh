#!/usr/bin/env bash
# Switchboard quickstart: builds what the demo needs, then starts Keycloak 26.7.3 with the extension
# (hub, a SAML and an OIDC IdP, two SCIM app realms), SCIMMY and the gateway, and prints what to try.
# Ctrl-C stops everything it started. Options: ./quickstart --help; details: docs/quickstart.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/quickstart/target/switchboard-quickstart.jar"

say() { printf '[quickstart] %s\n' "$*"; }
fail() { printf '[quickstart] %s\n' "$*" >&2; exit 1; }

skip_build="${QUICKSTART_SKIP_BUILD:-}"
args=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    *) args+=("$arg") ;;
  esac
done

if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[ -n "$JAVA" ] && [ -x "$JAVA" ] || fail "needs a JDK 17 or newer: java not found (set JAVA_HOME or put java on the PATH)"
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
[ "${java_major:-0}" -ge 17 ] || fail "needs Java 17 or newer, found ${java_major:-an unknown version} at $JAVA"
command -v node >/dev/null && command -v npm >/dev/null \
  || fail "needs Node.js with npm for SCIMMY, the demo's non-Keycloak SCIM app (e.g. apt-get install nodejs npm)"

build() {
  local log="$ROOT/quickstart/target/quickstart-build.log"
  mkdir -p "$(dirname "$log")"
  say "building testkit, Keycloak extension, gateway and launcher (full log: ${log#"$ROOT"/})"
  say "the first build downloads Maven, the dependencies and Keycloak (a few hundred MB); later builds reuse them"
  local started=$SECONDS status=0
  # Maven's own output goes to the log; the reactor's "Building <module> [n/m]" lines are the progress.
  "$ROOT/mvnw" -B -ntp -f "$ROOT/pom.xml" -pl quickstart -am package -Dmaven.test.skip=true >"$log" 2>&1 &
  local mvn_pid=$!
  trap 'kill "$mvn_pid" 2>/dev/null; wait "$mvn_pid" 2>/dev/null; exit 130' INT TERM
  tail -n +1 -F --pid="$mvn_pid" "$log" 2>/dev/null \
    | sed -un 's/^\[INFO\] Building \(.*\) [0-9][^ ]* *\[\([0-9]*\)\/\([0-9]*\)\]$/[quickstart]   build \2\/\3: \1/p' || true
  wait "$mvn_pid" || status=$?
  trap - INT TERM
  if [ "$status" -ne 0 ]; then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2 || true
    fail "build failed (exit $status); see $log"
  fi
  say "built in $((SECONDS - started)) s"
}

case " ${args[*]:-} " in
  *" --help "*|*" -h "*) skip_build=1 ;;
esac
if [ -z "$skip_build" ]; then
  # A launcher from an earlier build checks the options and ports now, not after minutes of building.
  if [ -f "$JAR" ]; then
    "$JAVA" -Dquickstart.root="$ROOT" -jar "$JAR" --check-only "${args[@]}" || exit $?
  fi
  build
elif [ ! -f "$JAR" ]; then
  fail "nothing built yet ($JAR is missing): run ./quickstart.sh without --skip-build"
fi

# exec: the JVM gets Ctrl-C / SIGTERM itself, and its shutdown hook stops what it started.
exec "$JAVA" -Dquickstart.root="$ROOT" -jar "$JAR" "${args[@]}"
