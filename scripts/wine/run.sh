#!/usr/bin/env bash
# QuickReply's Windows lane: the unit suite and the end-to-end tests under Windows CPython in Wine 10.
# Builds or refreshes the cached bed first (setup.sh), then tears down everything it mounted or started.
# Usage: bash scripts/wine/run.sh [unit]      (no argument: every stage, in order)
#   QR_WINE_DISPLAY (default :71) the Xvfb display number to use; logs and screenshots go to $QR_RUN
#   (default <repo>/.wine-lane, ignored by git). Exit status: the number of failed stages.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
QR_REPO=$(cd "$HERE/../.." && pwd)
QR_RUN=${QR_RUN:-$QR_REPO/.wine-lane}
. "$HERE/bed.sh"
stages=("$@"); [ "${#stages[@]}" -gt 0 ] || stages=(unit)
t_lane=$(date +%s)
mkdir -p "$QR_WINE" "$QR_RUN"
exec 9>"$QR_WINE/.lock"; flock 9; export QR_WINE_LOCKED=1

XVFB=
cleanup() {
  bed_wineserver_kill
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null && wait "$XVFB" 2>/dev/null
  bed_umount
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$HERE/setup.sh" || { echo "wine lane: the bed could not be built"; exit 1; }
bed_mount || { echo "wine lane: cannot mount the chroot"; exit 1; }
export DISPLAY=${QR_WINE_DISPLAY:-:71}
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$QR_RUN/xvfb.log" 2>&1 & XVFB=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break; sleep 0.1; done
inch "wineboot -u >/dev/null 2>&1; true"

win() { inch "winepath -w '$1'" 2>/dev/null | tr -d '\r'; }
ZREPO=$(win "$QR_REPO")
fails=0
stage() { echo "== wine lane: $1 ($(( $(date +%s) - t_lane )) s)"; }

for s in "${stages[@]}"; do
  t0=$(date +%s)
  case "$s" in
    unit)
      stage "unit suite under Windows CPython"
      rm -rf "$QR_RUN/pytest-tmp"; mkdir -p "$QR_RUN/pytest-tmp"
      inch "cd '$QR_REPO' && PYTHONPATH='$ZREPO\\src' QT_QPA_PLATFORM=offscreen timeout 1500 wine \$WPY -m pytest \
          -q -p no:cacheprovider -rs --basetemp='$(win "$QR_RUN/pytest-tmp")' ${QR_WINE_PYTEST_ARGS:-} </dev/null 2>&1 | cat" \
        | grep --line-buffered -vE "$QR_WINE_NOISE" | tee "$QR_RUN/unit.log" | grep -E "^(FAILED|ERROR|SKIPPED)|[0-9]+ (passed|failed)"
      tail -1 "$QR_RUN/unit.log" | grep -qE "^=* ?[0-9]+ passed" && ! tail -1 "$QR_RUN/unit.log" | grep -qE "failed|error" \
        || { echo "wine lane: unit suite FAILED (log: $QR_RUN/unit.log)"; fails=$((fails + 1)); };;
    *) echo "wine lane: unknown stage $s"; fails=$((fails + 1));;
  esac
  echo "   $s took $(( $(date +%s) - t0 )) s"
done
echo "== wine lane done in $(( $(date +%s) - t_lane )) s; failed stages: $fails"
exit "$fails"
