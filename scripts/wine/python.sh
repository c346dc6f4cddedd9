#!/usr/bin/env bash
# Run Windows CPython (under Wine, in the cached bed) with this checkout's src on PYTHONPATH, from the repo
# folder: bash scripts/wine/python.sh -c 'import quickreply; print(quickreply.__file__)'
# The bed must exist (setup.sh). Starts its own Xvfb on QR_WINE_DISPLAY (default :72); tears all down.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
QR_REPO=$(cd "$HERE/../.." && pwd)
. "$HERE/bed.sh"
exec 9>"$QR_WINE/.lock"; flock 9
export DISPLAY=${QR_WINE_DISPLAY:-:72}
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
trap 'bed_wineserver_kill; kill $XVFB 2>/dev/null; wait $XVFB 2>/dev/null; bed_umount' EXIT
bed_mount
ZSRC=$(inch "winepath -w '$QR_REPO/src'" 2>/dev/null | tr -d '\r')
args=$(printf '%q ' "$@")
inch "cd '$QR_REPO' && PYTHONPATH='$ZSRC' wine \$WPY $args </dev/null 2>&1 | cat" | grep --line-buffered -vE "$QR_WINE_NOISE"
