#!/usr/bin/env bash
# Installs what `irm lab up` needs, in a checkout of irm:
#  - the Debian packages of its servers: redis-server, mariadb-server, prometheus, prometheus-alertmanager,
#    docker.io (the app's container, root only) — scripts/install-test-servers.sh installs them;
#  - the reference app's jar, lab/hhplus-app/target/hhplus-app.jar (Maven; its dependencies come from Maven Central);
#  - irm's build with the Kafka broker's jars in target/lib/kafka (mvn -DskipTests package).
# Nothing else is downloaded, now or when the lab runs. Then: bin/irm lab up && bin/irm --context lab diagnose all
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
[[ -f "$here/lab/hhplus-app/pom.xml" && -f "$here/pom.xml" ]] || { echo "install-lab: run it from a checkout of irm" >&2; exit 64; }

"$here/scripts/install-test-servers.sh"

app="$here/lab/hhplus-app/target/hhplus-app.jar"
if [[ ! -f "$app" || -n "$(find "$here/lab/hhplus-app/src" "$here/lab/hhplus-app/pom.xml" -newer "$app" -print -quit)" ]]; then
  echo "install-lab: building the reference app ($app)" >&2
  mvn -q -B -ntp -f "$here/lab/hhplus-app/pom.xml" -DskipTests package >&2
fi

if [[ ! -f "$here/target/irm.jar" || -z "$(ls "$here"/target/lib/kafka/*.jar 2>/dev/null)" ]]; then
  echo "install-lab: building irm with the Kafka broker's jars (target/lib/kafka)" >&2
  (cd "$here" && mvn -q -B -ntp -DskipTests package >&2)
fi
echo "install-lab: ready: bin/irm lab up && bin/irm --context lab diagnose all"
