#!/usr/bin/env bash
# The benchmark: starts real servers (same fixtures as the tests), times irm against the manuals'
# command routines, writes bench/results/latest.md and latest.json. Usage: bench/run.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -ntp -DskipTests package test-compile
cp="$(mktemp)"
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat "$cp")" dev.irm.bench.BenchMain "$root" "${1:-5}"
