#!/usr/bin/env bash
# Builds target/irm-image.tar (`docker load -i target/irm-image.tar` gives irm:VERSION and irm:latest) from
# target/irm.jar and target/lib, built first by `mvn -DskipTests package` if missing. No registry, no engine.
# Run it by hand, or as `mvn -Pimage package`. Up to date (nothing newer than the archive): does nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/target"
out="$target/irm-image.tar"
if [[ ! -f "$target/irm.jar" || ! -d "$target/lib" ]]; then
  (cd "$root" && mvn -q -B -ntp -DskipTests package)
fi
version="$(sed -n 's/^version=//p' "$target/maven-archiver/pom.properties")"
[[ -n "$version" ]] || { echo "image: no version in target/maven-archiver/pom.properties" >&2; exit 70; }
if [[ -f "$out" && -z "$(find "$target/irm.jar" "$target/lib" "$root/deploy/image" -newer "$out" -print -quit)" ]]; then
  echo "image: $out is up to date (irm:$version)" >&2
  exit 0
fi
"$root/deploy/image/java-image.sh" --jar "$target/irm.jar" --lib "$target/lib" --name irm \
  --tag "irm:$version" --tag irm:latest --out "$out" --cds-training dev.irm.CdsTraining \
  --java-opts "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -XX:MaxRAMPercentage=75"
