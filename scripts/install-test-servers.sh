#!/usr/bin/env bash
# Installs, when missing, the Debian packages of the real servers the tests and the benchmark
# start (Redis, MariaDB, Docker, busybox-static for the test images, man-db for the installed man pages),
# and checks Java and Maven (a JDK: jlink and jdeps build the container image).
set -euo pipefail
packages=(redis-server mariadb-server docker.io busybox-static man-db)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "install-test-servers: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "install-test-servers: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "install-test-servers: $tool not found (need JDK 17+ and Maven 3.6+)" >&2; exit 1; }
done
