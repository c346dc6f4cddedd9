#!/usr/bin/env python3
"""The worst import inputs found in issue 8: time and peak memory of `quickreply pack import` on each.

    python3 scripts/bench_import.py [--timeout 150] [--only NAME ...] [--src OLD/src]

Writes each input into a temporary folder, runs `python3 -m quickreply.cli pack import` on it in a fresh
process (so one hang or crash cannot spoil the others), and prints one row per input: exit code, wall
time, peak RSS (ru_maxrss of the child) and the last line the command printed. A run past --timeout is
killed and shown as TIMEOUT. Figures only, no asserts: docs/benchmarks.md records what they were.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def billion_laughs(path: Path) -> Path:
    """405-byte espanso file: nine levels of YAML aliases, each a list of ten of the one before."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    lines.append("matches:\n  - trigger: ':lol'\n    replace: lol\n    label: *i")
    out = path / "laughs.yml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def identical_rows(path: Path, rows: int = 20_000) -> Path:
    out = path / "same.csv"
    out.write_text(
        "快捷短语编码,快捷短语,快捷短语分组\n" + "".join(",亲，在的\n" for _ in range(rows)), "utf-8"
    )
    return out


def too_many_rows(path: Path, rows: int = 300_000) -> Path:
    out = path / "rows300k.csv"
    body = "".join(f"c{i},第{i}条回复,分组{i % 50}\n" for i in range(rows))
    out.write_text("快捷短语编码,快捷短语,快捷短语分组\n" + body, "utf-8")
    return out


def huge_xlsx(path: Path, rows: int = 2_000_000) -> Path:
    """A ~10 MB workbook of 2 M one-cell rows, written as raw sheet XML (openpyxl would take minutes)."""
    out = path / "rows2m.xlsx"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="'
            '/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            "sheet."
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
                b'<row r="1"><c r="B1" t="inlineStr"><is><t>' + "快捷短语".encode() + b"</t></is></c></row>"
            )
            chunk = []
            for i in range(2, rows + 2):
                chunk.append(b'<row r="%d"><c r="B%d"><v>%d</v></c></row>' % (i, i, i))
                if len(chunk) == 10_000:
                    sheet.write(b"".join(chunk))
                    chunk.clear()
            sheet.write(b"".join(chunk) + b"</sheetData></worksheet>")
    return out


def deep_json(path: Path, depth: int = 100_000) -> Path:
    out = path / "deep.json"
    out.write_text('{"combos": [' + "[" * depth + "]" * depth + "]}", "utf-8")
    return out


def deep_yaml(path: Path, depth: int = 5_000) -> Path:
    out = path / "deep.yml"
    out.write_text("matches:\n  - replace: " + "[" * depth + "]" * depth + "\n", "utf-8")
    return out


def damaged_xlsx(path: Path) -> Path:
    good = huge_xlsx(path, rows=200)
    data = bytearray(good.read_bytes())
    out = path / "damaged.xlsx"
    middle = len(data) // 2
    data[middle : middle + 64] = b"\0" * 64  # a sheet part whose deflate stream breaks halfway
    out.write_bytes(bytes(data))
    return out


INPUTS: dict[str, Callable[[Path], Path]] = {
    "billion-laughs.yml": billion_laughs,
    "20k-identical-rows.csv": identical_rows,
    "300k-rows.csv": too_many_rows,
    "2M-rows.xlsx": huge_xlsx,
    "deep.json": deep_json,
    "deep.yml": deep_yaml,
    "damaged.xlsx": damaged_xlsx,
}


SRC = REPO / "src"


def run(source: Path, out: Path, timeout: float) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "quickreply.cli", "pack", "import", str(source), "-o", str(out), "--force"]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate(timeout=timeout)
        code: object = child.returncode
    except subprocess.TimeoutExpired:
        child.kill()
        stdout, stderr = child.communicate()
        code = "TIMEOUT"
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, the largest child so far
    lines = [line for line in (stderr + stdout).splitlines() if line.strip()]
    traceback = any(line.startswith("Traceback") for line in lines)
    return {
        "exit": code,
        "seconds": round(seconds, 1),
        "max_rss_kib": rss,
        "traceback": traceback,
        "lines": len(lines),
        "last": lines[-1][:150] if lines else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--timeout", type=float, default=150.0)
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--src", type=Path, help="the quickreply sources to run (default: this checkout's)")
    args = parser.parse_args()
    global SRC
    SRC = args.src or SRC
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in INPUTS.items():
            if args.only and name not in args.only:
                continue
            folder = Path(tmp) / name.replace(".", "_")
            folder.mkdir()
            source = make(folder)
            result = _isolated(source, folder / "out.toml", args.timeout)
            result = {"input": name, "bytes": source.stat().st_size, **result}
            rows.append(result)
            if not args.json:
                print(
                    f"{name:24} {result['bytes']:>10,} B  exit {result['exit']!s:8} {result['seconds']:>6} s"
                    f"  {result['max_rss_kib'] // 1024:>6} MiB  traceback={result['traceback']!s:5}"
                    f"  {result['last']}",
                    flush=True,
                )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


def _isolated(source: Path, out: Path, timeout: float) -> dict[str, object]:
    """`run` in a forked child, so RUSAGE_CHILDREN counts only this input's import process."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        result = run(source, out, timeout)
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(data)


if __name__ == "__main__":
    raise SystemExit(main())
