"""The built site over HTTP as GitHub Pages serves it: under site_url's path,
gzip-compressed when the client accepts it, 404.html for missing pages."""

from __future__ import annotations

import functools
import gzip
import http.server
import pathlib
import threading
from urllib.parse import urlsplit

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb")


class Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    compress = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _file(self) -> pathlib.Path | None:
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            return None
        target = pathlib.Path(self.translate_path("/" + path[len(self.prefix):]))
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self) -> None:
        target = self._file()
        status = 200
        if target is None:
            status, target = 404, pathlib.Path(self.directory) / "404.html"
        body = target.read_bytes()
        ctype = self.guess_type(str(target))
        gz = self.compress and target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class SiteServer:
    def __init__(self, site: pathlib.Path, prefix: str = "/", compress: bool = True):
        handler = type("SiteHandler", (Handler,), {"prefix": prefix, "compress": compress})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.prefix = prefix

    def __enter__(self) -> "SiteServer":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, page: str = "") -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{self.prefix}{page}"


def site_prefix(site_url: str | None) -> str:
    path = urlsplit(site_url or "/").path.strip("/")
    return f"/{path}/" if path else "/"
