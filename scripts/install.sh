#!/usr/bin/env bash
# Installs irm from its release archive (target/irm-VERSION.tar.gz, built by `mvn package`) into a prefix:
#   PREFIX/lib/irm/{bin,lib}           the launcher and the jars
#   PREFIX/bin/irm                     -> ../lib/irm/bin/irm
#   PREFIX/share/man/man1/irm*.1       man irm
#   PREFIX/share/bash-completion/completions/irm, PREFIX/share/zsh/site-functions/_irm
#
#   scripts/install.sh [--prefix DIR] [ARCHIVE]      (default prefix: /usr/local as root, else ~/.local)
#   scripts/install.sh --uninstall [--prefix DIR]
# Also inside the archive as install.sh: run from there, it installs that unpacked archive.
set -euo pipefail
die() { echo "install: $*" >&2; exit 64; }
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
prefix="" archive="" uninstall=0
while (($#)); do
  case "$1" in
    --prefix) [[ $# -ge 2 ]] || die "--prefix needs a folder"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) archive="$1"; shift ;;
  esac
done
if [[ -z "$prefix" ]]; then
  if ((EUID == 0)); then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi
mkdir -p "$prefix" || die "cannot create $prefix"
prefix="$(cd "$prefix" && pwd)"
dest="$prefix/lib/irm"
links=("$prefix/bin/irm" "$prefix/share/bash-completion/completions/irm" "$prefix/share/zsh/site-functions/_irm")

remove_installed() {
  rm -f "${links[@]}"
  if [[ -d "$dest" ]]; then
    for page in "$dest"/man/man1/*.1; do [[ -e "$page" ]] && rm -f "$prefix/share/man/man1/$(basename "$page")"; done
    rm -rf "$dest"
  fi
}

if ((uninstall)); then
  remove_installed
  echo "install: removed irm from $prefix"
  exit 0
fi

work=""
trap '[[ -z "$work" ]] || rm -rf "$work"' EXIT
if [[ -z "$archive" && -f "$here/lib/irm.jar" && -f "$here/bin/irm" ]]; then
  src="$here"                                        # run from an unpacked archive
else
  if [[ -z "$archive" ]]; then
    archive="$(ls -t "$here"/../target/irm-*.tar.gz 2>/dev/null | head -1 || true)"
    [[ -n "$archive" ]] || die "no target/irm-*.tar.gz: build it with 'mvn -DskipTests package' (or name an archive)"
  fi
  [[ -f "$archive" ]] || die "no such archive: $archive"
  work="$(mktemp -d)"
  tar -xzf "$archive" -C "$work"
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
  [[ -f "$src/lib/irm.jar" && -f "$src/bin/irm" ]] || die "$archive is not an irm release archive"
fi

remove_installed
mkdir -p "$dest" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
cp -R "$src/bin" "$src/lib" "$src/man" "$src/completions" "$dest/"
[[ ! -d "$src/lab" ]] || cp -R "$src/lab" "$src/deploy" "$dest/"   # irm lab: rules, the app's jar, its image script
chmod 755 "$dest/bin/irm"
ln -s ../lib/irm/bin/irm "$prefix/bin/irm"
cp "$src"/man/man1/*.1 "$prefix/share/man/man1/"
ln -s ../../../lib/irm/completions/irm.bash "$prefix/share/bash-completion/completions/irm"
ln -s ../../../lib/irm/completions/irm.zsh "$prefix/share/zsh/site-functions/_irm"
echo "install: irm $(basename "$src" | sed 's/^irm-//') in $prefix (run $prefix/bin/irm; man irm)"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install: add $prefix/bin to PATH" ;; esac
