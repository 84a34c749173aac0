#!/usr/bin/env bash
# Installs the real servers the tests start (Redis, MariaDB, Docker, busybox-static), then runs the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-test-servers.sh"
cd "$root"
exec mvn -B -ntp verify "$@"
