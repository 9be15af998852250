"""A LibreTranslate-compatible HTTP server on 127.0.0.1 for tests and benchmarks.

Translations are deterministic: ``"[<target>] " + text`` (placeholders kept). Modes:
``latency`` (seconds per request), ``fail_429`` / ``fail_503`` (that many failures
first; 429 carries ``Retry-After``), ``malformed`` (invalid JSON), ``hang`` (never
answers within a test's timeout), ``drop_placeholders``.  It counts requests.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class LibreServer:
    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.fail_429 = 0
        self.retry_after = "1"
        self.fail_503 = 0
        self.malformed = False
        self.hang = 0.0
        self.drop_placeholders = False
        self.requests: list[dict[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                query = parse_qs(urlparse(self.path).query) or parse_qs(body)
                params = {k: v[0] for k, v in query.items()}
                server.handle(self, params)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def handle(self, handler: BaseHTTPRequestHandler, params: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(params)
            status = 200
            if self.fail_429 > 0:
                self.fail_429 -= 1
                status = 429
            elif self.fail_503 > 0:
                self.fail_503 -= 1
                status = 503
        if self.hang:
            time.sleep(self.hang)
        if self.latency:
            time.sleep(self.latency)
        if status != 200:
            handler.send_response(status)
            if status == 429:
                handler.send_header("Retry-After", self.retry_after)
            handler.end_headers()
            return
        text = params.get("q", "")
        if self.drop_placeholders:
            import re
            text = re.sub(r"⟦\d+⟧", "", text)
        payload = b"{not json" if self.malformed else json.dumps(
            {"translatedText": f"[{params.get('target')}] {text}"}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        try:
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def __enter__(self) -> LibreServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":  # a standalone server for manual runs and benchmarks
    import sys
    with LibreServer(latency=float(sys.argv[1]) if len(sys.argv) > 1 else 0.0) as srv:
        print(srv.url, flush=True)
        threading.Event().wait()
