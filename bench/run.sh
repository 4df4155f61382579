#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md in one command: builds the benchmark jar and the CLI (never during
# `./mvnw verify`), then runs every section against Okta sandboxes and writes bench/target/results/.
# Options go to the harness: bench/run.sh --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl bench,cli -am package -DskipTests
java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
exec "$java_cmd" -Xmx4g -jar bench/target/benchmarks.jar "$@"
