"""`quickreply usage-server DIR [--port N] [--bind ADDR]`: a small team server for usage summaries, for a
lead without a web server that takes PUT (docs/usage.md). It keeps the team folder's layout in DIR:

    PUT /<agent>.usage.json   stores the summary (a usage summary's JSON, at most 5 MB) → 201 or 204
    GET /                     the JSON list of the summary files' names
    GET /<agent>.usage.json   one summary

Any folder prefix in the address is ignored (`/qr-usage/小美.usage.json` is `小美.usage.json`), so the
server also works behind a proxy that forwards a sub-path.

Anything else is refused with 4xx; nothing outside DIR is ever read or written. No passwords: run it on the
intranet only, like the shared folder it stands in for. A refusal's body is a catalogue text in the
language the request asks for (a browser's Accept-Language; else the server's own), and the same message
travels as JSON in the `X-QuickReply-Message` header, which the app renders in the agent's language.
"""

from __future__ import annotations

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from quickreply.cli.language import cli_language
from quickreply.cli.output import say, text, warn
from quickreply.core.messages import Message, msg, os_reason

DEFAULT_PORT = 8470


def _name(path: str) -> str | None:
    """The summary file a request path names, or None: one `*.usage.json` name, nothing else."""
    from quickreply.core.file_names import file_name_problem
    from quickreply.core.usage.team import SUFFIX

    # The last segment only: behind a proxy the server may sit under a prefix such as /qr-usage/
    name = unquote(urlsplit(path).path.rsplit("/", 1)[-1])
    bad = not name.endswith(SUFFIX) or name.startswith(".") or any(c in name for c in "/\\\x00")
    return None if bad or file_name_problem(name) else name


def reader_language(accept: str | None) -> str:
    """zh_CN or en for an Accept-Language header (`zh-CN,zh;q=0.9,en;q=0.8`): the most wanted of the two;
    the server's own language when it names neither."""
    wanted: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        tag = tag.strip().lower()
        lang = "zh_CN" if tag.startswith("zh") else "en" if tag.startswith("en") else ""
        if lang and weight > 0:
            wanted.append((-weight, index, lang))
    return min(wanted)[2] if wanted else cli_language()


class SummaryHandler(BaseHTTPRequestHandler):
    folder: Path  # set on the subclass that `serve` makes
    server_version = "QuickReplyUsage/1"

    def _answer(self, status: int, body: bytes = b"", kind: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: int, said: Message) -> None:
        """A 4xx/5xx: the reason in the reader's language, and as a message for the app."""
        from quickreply.core.messages.message import to_json
        from quickreply.core.sync.fetch import MESSAGE_HEADER

        body = (said.render(reader_language(self.headers.get("Accept-Language"))) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header(MESSAGE_HEADER, json.dumps(to_json(said), ensure_ascii=True))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a method other than GET and PUT, a malformed request), in the
        catalogue's words instead of its English HTML page."""
        self.close_connection = True
        if code == 501 and self.command:
            self._refuse(code, msg("usage.server.method", method=self.command))
        else:
            self._refuse(code, msg("usage.server.bad_request", status=code))

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
            self._refuse(404, msg("usage.server.no_summary", name=unquote(urlsplit(self.path).path)))
            return
        self._answer(200, path.read_bytes(), "application/json; charset=utf-8")

    def do_PUT(self) -> None:
        from quickreply.core.sync.offline import atomic_write_bytes
        from quickreply.core.usage.team import TeamUsage, add_summary
        from quickreply.core.usage.team_http import MAX_SUMMARY_BYTES

        name = _name(self.path)
        if name is None:
            self._refuse(403, msg("usage.server.not_a_summary_name", path=unquote(urlsplit(self.path).path)))
            return
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self._refuse(411, msg("usage.server.length_needed"))
            return
        if int(length) > MAX_SUMMARY_BYTES:
            self.close_connection = True  # the body is not read
            limit = MAX_SUMMARY_BYTES // (1024 * 1024)
            self._refuse(413, msg("usage.server.too_big", limit=limit, size=int(length)))
            return
        body = self.rfile.read(int(length))
        check = TeamUsage()
        add_summary(check, name, body)
        if check.problems:
            self._refuse(400, check.problems[0])
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
