#!/usr/bin/env bash
# QuickReply's Windows lane: the unit suite and the end-to-end tests under Windows CPython in Wine 10.
# Builds or refreshes the cached bed first (setup.sh), then tears down everything it mounted or started.
# Usage: bash scripts/wine/run.sh [unit] [e2e] [build] [exe]     (no argument: all four, in that order)
#   QR_WINE_DISPLAY (default :71) the Xvfb display number to use; logs and screenshots go to $QR_RUN
#   (default <repo>/.wine-lane, ignored by git). Exit status: the number of failed stages.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
QR_REPO=$(cd "$HERE/../.." && pwd)
QR_RUN=${QR_RUN:-$QR_REPO/.wine-lane}
. "$HERE/bed.sh"
stages=("$@"); [ "${#stages[@]}" -gt 0 ] || stages=(unit e2e build exe)
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
          -q -p no:cacheprovider -rfEs --basetemp='$(win "$QR_RUN/pytest-tmp")' ${QR_WINE_PYTEST_ARGS:-} </dev/null 2>&1 | cat" \
        | grep --line-buffered -vE "$QR_WINE_NOISE" | tee "$QR_RUN/unit.log" | grep -E "^(FAILED|ERROR|SKIPPED)|[0-9]+ (passed|failed)"
      tail -1 "$QR_RUN/unit.log" | grep -qE "^=* ?[0-9]+ passed" && ! tail -1 "$QR_RUN/unit.log" | grep -qE "failed|error" \
        || { echo "wine lane: unit suite FAILED (log: $QR_RUN/unit.log)"; fails=$((fails + 1)); };;
    build)
      stage "PyInstaller one-folder build (build.spec) under Windows CPython"
      rm -rf "$QR_REPO/dist/windows" "$QR_REPO/build/windows"
      inch "cd '$QR_REPO' && PYTHONPATH='$ZREPO\src' wine \$WPY scripts/make_icon.py build </dev/null 2>&1 | cat
          PYTHONPATH='$ZREPO\src' timeout 900 wine \$WPY -m PyInstaller --noconfirm --log-level WARN           --distpath dist/windows --workpath build/windows build.spec </dev/null 2>&1 | cat" \
        | grep --line-buffered -vE "$QR_WINE_NOISE" >"$QR_RUN/build.log"
      if [ -f "$QR_REPO/dist/windows/QuickReply/QuickReply.exe" ]; then
        (cd "$QR_REPO/dist/windows" && rm -f QuickReply-windows.zip && python3 -m zipfile -c QuickReply-windows.zip QuickReply)
        echo "FIGURE build: $(du -sm "$QR_REPO/dist/windows/QuickReply" | cut -f1) MB unpacked," \
             "$(( $(stat -c %s "$QR_REPO/dist/windows/QuickReply-windows.zip") / 1048576 )) MB zipped" | tee -a "$QR_RUN/build.log"
      else
        tail -20 "$QR_RUN/build.log"; echo "wine lane: build FAILED (log: $QR_RUN/build.log)"; fails=$((fails + 1))
      fi;;
    e2e|exe)
      exe=
      if [ "$s" = exe ]; then
        stage "end to end with the built QuickReply.exe"
        exe=$QR_REPO/dist/windows/QuickReply/QuickReply.exe
        [ -f "$exe" ] || { echo "wine lane: no $exe (run the build stage first)"; fails=$((fails + 1)); continue; }
        exe=$(win "$exe")
      else
        stage "end to end: python -m quickreply, notepad, clipboard"
      fi
      # A Wine virtual desktop: a window manager (focus, z-order) and a system tray for the app
      inch "wine reg add 'HKCU\\Software\\Wine\\Explorer' /v Desktop /d Default /f >/dev/null 2>&1
            wine reg add 'HKCU\\Software\\Wine\\Explorer\\Desktops' /v Default /d 1280x780 /f >/dev/null 2>&1; true"
      rm -rf "$QR_RUN/e2e-tmp"; mkdir -p "$QR_RUN/e2e-tmp"
      rm -f "$QR_RUN/$s"-{pasted,end}.{bmp,png}
      # notepad's own font has no Chinese (boxes) and Wine links no fallback to it: a CJK font of the bed,
      # as a Chinese Windows would show it
      inch "wine reg add 'HKCU\\Software\\Microsoft\\Notepad' /v lfFaceName /d 'WenQuanYi Micro Hei' /f >/dev/null 2>&1
            wine reg add 'HKCU\\Software\\Microsoft\\Notepad' /v lfCharSet /t REG_DWORD /d 1 /f >/dev/null 2>&1; true"
      inch "cd '$QR_REPO' && QUICKREPLY_WINDOWS_E2E=1 QUICKREPLY_E2E_EXE='$exe' QUICKREPLY_E2E_SHOTS='$(win "$QR_RUN")' PYTHONPATH='$ZREPO\src' timeout 600           wine \$WPY -m pytest -q -s -p no:cacheprovider -rfEs --basetemp='$(win "$QR_RUN/e2e-tmp")' tests/windows_e2e           </dev/null 2>&1 | cat" | grep --line-buffered -vE "$QR_WINE_NOISE" | tee "$QR_RUN/$s.log" \
        | grep -E "^(FAILED|ERROR|SKIPPED|FIGURE|NOTE)|[0-9]+ (passed|failed)|^E  "
      inch "wine reg delete 'HKCU\\Software\\Wine\\Explorer' /v Desktop /f >/dev/null 2>&1; wineserver -k; true"
      # The test's own screenshots, taken while notepad shows the pasted text and at its end (a shot of the
      # X screen here, after the test, would be black: notepad and the Wine desktop have closed by then).
      for shot in pasted end; do
        if [ -f "$QR_RUN/$s-$shot.bmp" ]; then
          /usr/bin/convert "$QR_RUN/$s-$shot.bmp" "$QR_RUN/$s-$shot.png" 2>/dev/null && rm -f "$QR_RUN/$s-$shot.bmp"
          echo "   screenshot: $(ls "$QR_RUN/$s-$shot."* | head -1)"
        else
          echo "   no screenshot from the test ($QR_RUN/$s-$shot.bmp)"
        fi
      done
      tail -1 "$QR_RUN/$s.log" | grep -qE "^=* ?[0-9]+ passed" \
        || { echo "wine lane: $s FAILED (log: $QR_RUN/$s.log)"; fails=$((fails + 1)); };;
    *) echo "wine lane: unknown stage $s"; fails=$((fails + 1));;
  esac
  echo "   $s took $(( $(date +%s) - t0 )) s"
done
echo "== wine lane done in $(( $(date +%s) - t_lane )) s; failed stages: $fails"
exit "$fails"
