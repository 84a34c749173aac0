#!/usr/bin/env bash
# Installs the real servers the tests start (Redis, MariaDB, Docker, busybox-static), then runs the build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(redis-server mariadb-server docker.io busybox-static)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "test.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool not found (need JDK 17+ and Maven 3.6+)" >&2; exit 1; }
done

cd "$root"
exec mvn -B -ntp verify "$@"
