#!/usr/bin/env bash
# The benchmark: starts real servers (same fixtures as the tests), times irm against the manuals'
# command routines, writes bench/results/latest.md and latest.json. Usage: bench/run.sh [RUNS]
# (default 5) [SECTIONS] (comma-separated parts of section names, e.g. "pods,dead"). What it measures and the caveats: bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-test-servers.sh
# offline first (everything is in ~/.m2 after one build), else let Maven download
mvn_() { mvn -q -B -ntp -o "$@" 2>/dev/null || mvn -q -B -ntp "$@"; }
mvn_ -DskipTests package test-compile
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn_ dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$cp")" dev.irm.bench.BenchMain "$root" "${1:-5}" ${2:+"$2"}
