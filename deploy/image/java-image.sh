#!/usr/bin/env bash
# Packs a Java application into a container image without a registry or a Docker engine: a jlinked JRE
# (modules from jdeps unless given), the shared libraries it links (ldd), busybox for a shell, the jar and
# its lib/, written as a `docker save` archive that `docker load -i` takes.
#
#   java-image.sh --jar APP.jar --tag REPO:TAG... --out IMAGE.tar [--lib DIR] [--name CMD]
#                 [--modules m1,m2,...] [--java-opts "OPTS"] [--env NAME=VALUE]... [--user UID]
#                 [--cds-training MAIN_CLASS]
#
# In the image: the JRE in /opt/java, the jar and lib/ in /opt/app, a launcher /usr/local/bin/CMD
# (the ENTRYPOINT; arguments go to the application), HOME=/home/app, user UID (default 10001).
# jlinked runtimes are cached by module list and JDK in ${IRM_IMAGE_CACHE:-~/.cache/irm/jre}.
# --cds-training: run MAIN_CLASS once inside the image's root (unshare -r chroot: no root needed where user
# namespaces are allowed) and ship the AppCDS archive it writes; skipped, with a note, where that cannot run.
set -euo pipefail

die() { echo "java-image: $*" >&2; exit 64; }
jar="" lib="" out="" name="" modules="" java_opts="" user=10001 training=""
envs=() tags=()
while (($#)); do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --lib) lib="$2"; shift 2 ;;
    --tag) tags+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --modules) modules="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --env) envs+=("$2"); shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --cds-training) training="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ -f "$jar" ]] || die "--jar: no such file: ${jar:-(none)}"
((${#tags[@]})) && [[ -n "$out" ]] || die "--tag and --out are required"
[[ -z "$lib" || -d "$lib" ]] || die "--lib: no such directory: $lib"
[[ "$user" =~ ^[0-9]+$ ]] || die "--user takes a numeric uid"
[[ -n "$name" ]] || name="$(basename "$jar" .jar)"
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "--name: not a command name: $name"
busybox=/bin/busybox
[[ -x "$busybox" ]] || die "$busybox missing: install busybox-static"
for tool in jlink jdeps ldd tar sha256sum; do command -v "$tool" >/dev/null || die "$tool not found"; done

if [[ -z "$modules" ]]; then
  cp=()
  [[ -n "$lib" ]] && cp=(--class-path "$lib/*")
  modules="$(jdeps -q --ignore-missing-deps --print-module-deps --multi-release 17 "${cp[@]}" "$jar")"
fi
# loaded through service lookups that jdeps cannot see: elliptic-curve TLS, DNS, zip file systems
modules="$modules,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs"
modules="$(tr ',' '\n' <<<"$modules" | sed '/^$/d' | sort -u | paste -sd, -)"

jdk_id="$(readlink -f "$(command -v jlink)") $(java -version 2>&1 | head -2 | tr '\n' ' ')"
cache="${IRM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/irm/jre}"
jre="$cache/$(printf '%s\n%s\n' "$jdk_id" "$modules" | sha256sum | cut -c1-16)"
if [[ ! -x "$jre/bin/java" ]]; then
  mkdir -p "$cache"
  tmp_jre="$jre.tmp.$$"
  rm -rf "$tmp_jre"
  echo "java-image: jlink $modules" >&2
  # headless: no X11, sound or splash-screen libraries (java.desktop is there for java.beans)
  jlink --add-modules "$modules" --output "$tmp_jre" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --generate-cds-archive \
    --exclude-files='glob:/java.desktop/lib/libawt_xawt.so,glob:/java.desktop/lib/libsplashscreen.so,glob:/java.desktop/lib/libjsound.so' 
  # Debian's JDK links these to /etc: copy the files themselves
  for f in "$tmp_jre"/lib/security/* "$tmp_jre"/conf/security/java.security; do
    [[ -L "$f" ]] && cp --remove-destination "$(readlink -f "$f")" "$f"
  done
  mv "$tmp_jre" "$jre"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/java-image.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{opt,etc,bin,tmp,proc,home/app,usr/local/bin}
cp -a "$jre" "$root/opt/java"
mkdir -p "$root/opt/app"
cp "$jar" "$root/opt/app/"
[[ -n "$lib" ]] && cp -r "$lib" "$root/opt/app/lib"

# the shared libraries of the JRE's executables and libraries, at the paths the loader looks in
# (not those of font rendering and image codecs: a headless server draws nothing)
find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) \
  ! -name 'libfontmanager.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' -print0 |
  xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' |
  grep -v "^$root/" | sort -u |
  while read -r so; do
    mkdir -p "$root$(dirname "$so")"
    cp -L "$so" "$root$so"
  done

cp "$busybox" "$root/bin/busybox"
for applet in sh cat echo env ls ps wget sleep grep head tail tee date printf test true false mkdir rm; do
  ln -s busybox "$root/bin/$applet"
done
cat >"$root/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/bin/sh
app:x:$user:$user:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
printf 'root:x:0:\napp:x:%s:\nnogroup:x:65534:\n' "$user" >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp" "$root/home/app"
app_jar="/opt/app/$(basename "$jar")"
if [[ -n "$training" ]]; then
  # shellcheck disable=SC2086
  # a /proc of its own: the loader finds the JRE's libraries through /proc/self/exe ($ORIGIN)
  if timeout 600 unshare -r -m -p -f --mount-proc="$root/proc" chroot "$root" /opt/java/bin/java $java_opts -XX:ArchiveClassesAtExit=/opt/app/app.jsa \
       -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$app_jar" "$training" >/dev/null 2>&1 && [[ -s "$root/opt/app/app.jsa" ]]; then
    java_opts+=" -XX:SharedArchiveFile=/opt/app/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  else
    rm -f "$root/opt/app/app.jsa"
    echo "java-image: no AppCDS archive (the training run needs 'unshare -r chroot'); the image starts slower" >&2
  fi
  rm -rf "$root"/tmp/* "$root"/root
fi
# the rootfs has no locale, so the JVM would write ASCII ('?' for every Korean log keyword): UTF-8 by option
cat >"$root/usr/local/bin/$name" <<LAUNCHER
#!/bin/sh
exec /opt/java/bin/java -Dfile.encoding=UTF-8 $java_opts \${JAVA_OPTS:-} -jar $app_jar "\$@"
LAUNCHER
chmod 755 "$root/usr/local/bin/$name"

# the layer: reproducible for the same inputs (sorted, fixed times and owners)
image="$work/image"
mkdir -p "$image"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$image/layer.tar" .
layer="$(sha256sum "$image/layer.tar" | cut -d' ' -f1)"
mkdir "$image/$layer"
mv "$image/layer.tar" "$image/$layer/layer.tar"

json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
env_json="$(json_string "PATH=/usr/local/bin:/opt/java/bin:/bin"),$(json_string "JAVA_HOME=/opt/java"),$(json_string "HOME=/home/app"),$(json_string "LANG=C.UTF-8")"
for e in "${envs[@]}"; do
  [[ "$e" == *=* ]] || die "--env takes NAME=VALUE: $e"
  env_json+=",$(json_string "$e")"
done
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"%s","Env":[%s],"Entrypoint":[%s],"WorkingDir":"/home/app"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/java-image.sh"}]}' \
  "$arch" "$user" "$env_json" "$(json_string "/usr/local/bin/$name")" "$layer" >"$image/config.json"
config="$(sha256sum "$image/config.json" | cut -d' ' -f1)"
mv "$image/config.json" "$image/$config.json"
repo_tags=""
for t in "${tags[@]}"; do repo_tags+="${repo_tags:+,}$(json_string "$t")"; done
printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":["%s/layer.tar"]}]' "$config" "$repo_tags" "$layer" >"$image/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$image" -cf "$out.tmp" .
mv "$out.tmp" "$out"
echo "java-image: ${tags[*]} -> $out ($(du -h "$out" | cut -f1))" >&2
