"""`quickreply usage-server DIR [--port N] [--bind ADDR]`: a small team server for usage summaries, for a
lead without a web server that takes PUT (docs/usage.md). It keeps the team folder's layout in DIR:

    PUT /<agent>.usage.json   stores the summary (a usage summary's JSON, at most 5 MB) → 201 or 204
    GET /                     the JSON list of the summary files' names
    GET /<agent>.usage.json   one summary

Any folder prefix in the address is ignored (`/qr-usage/小美.usage.json` is `小美.usage.json`), so the
server also works behind a proxy that forwards a sub-path.

Anything else is refused with 4xx; nothing outside DIR is ever read or written. No passwords: run it on the
intranet only, like the shared folder it stands in for.
"""

from __future__ import annotations

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from quickreply.cli.output import say, text, warn
from quickreply.core.messages import os_reason

DEFAULT_PORT = 8470


def _name(path: str) -> str | None:
    """The summary file a request path names, or None: one `*.usage.json` name, nothing else."""
    from quickreply.core.file_names import file_name_problem
    from quickreply.core.usage.team import SUFFIX

    # The last segment only: behind a proxy the server may sit under a prefix such as /qr-usage/
    name = unquote(urlsplit(path).path.rsplit("/", 1)[-1])
    bad = not name.endswith(SUFFIX) or name.startswith(".") or any(c in name for c in "/\\\x00")
    return None if bad or file_name_problem(name) else name


class SummaryHandler(BaseHTTPRequestHandler):
    folder: Path  # set on the subclass that `serve` makes
    server_version = "QuickReplyUsage/1"

    def _answer(self, status: int, body: bytes = b"", kind: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/") or not urlsplit(self.path).path:
            from quickreply.core.usage.team import SUFFIX

            names = sorted(p.name for p in self.folder.glob(f"*{SUFFIX}") if p.is_file())
            self._answer(
                200, json.dumps(names, ensure_ascii=False).encode(), "application/json; charset=utf-8"
            )
            return
        name = _name(self.path)
        path = self.folder / name if name else None
        if path is None or not path.is_file():
            self._answer(404, b"no such summary\n")
            return
        self._answer(200, path.read_bytes(), "application/json; charset=utf-8")

    def do_PUT(self) -> None:
        from quickreply.core.sync.offline import atomic_write_bytes
        from quickreply.core.usage.team import TeamUsage, add_summary
        from quickreply.core.usage.team_http import MAX_SUMMARY_BYTES

        name = _name(self.path)
        if name is None:
            self._answer(403, b"only PUT /<agent>.usage.json is taken\n")
            return
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self._answer(411, b"Content-Length is needed\n")
            return
        if int(length) > MAX_SUMMARY_BYTES:
            self._answer(413, b"a summary is at most 5 MB\n")
            return
        body = self.rfile.read(int(length))
        check = TeamUsage()
        add_summary(check, name, body)
        if check.problems:
            self._answer(400, (check.problems[0].render("en") + "\n").encode())
            return
        existed = (self.folder / name).exists()
        atomic_write_bytes(self.folder / name, body, shared=True)  # nginx or the lead may read the folder
        self._answer(204 if existed else 201)


def make_server(folder: Path, bind: str, port: int) -> ThreadingHTTPServer:
    handler = type("Handler", (SummaryHandler,), {"folder": folder})
    return ThreadingHTTPServer((bind, port), handler)


def _serve(ns: argparse.Namespace) -> int:
    folder: Path = ns.folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        server = make_server(folder, ns.bind, ns.port)
    except OSError as exc:
        warn("cli.server.cannot_serve", folder=folder, port=ns.port, reason=os_reason(exc))
        return 2
    host = ns.bind or "0.0.0.0"
    say("cli.server.serving", folder=folder, url=f"http://{host}:{server.server_port}/")
    sys.stdout.flush()  # a lead starting it in the background sees where it listens at once
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def add_usage_server_command(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "usage-server", help=text("cli.help.server"), description=text("cli.help.server")
    )
    serve.add_argument("folder", type=Path, metavar="DIR", help=text("cli.help.server.folder"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=text("cli.help.server.port"))
    serve.add_argument("--bind", default="", metavar="ADDR", help=text("cli.help.server.bind"))
    serve.set_defaults(run=_serve, parser=serve)
