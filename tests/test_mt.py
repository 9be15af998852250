"""Machine translation against hostile servers on 127.0.0.1: keys never printed nor sent
elsewhere, a total deadline and a size limit per answer, control characters refused,
settings checked at load."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po
from l10n_pipeline.mt import redact
from l10n_pipeline.mt.deep import _REQUESTS, _provider_module
from l10n_pipeline.mt.transport import answer_limit

sys.path.insert(0, str(Path(__file__).parent))
from libretranslate_server import LibreServer  # noqa: E402

KEY = "s3cr3t-KEY/with+signs"
DOC = "# Asylum\n\nAsylum seekers arrived.\n"
Handler = Callable[[BaseHTTPRequestHandler], None]


class Scripted:
    """An HTTP server on 127.0.0.1 whose every POST is answered by ``answer``."""

    def __init__(self, answer: Handler):
        self.hits: list[str] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                outer.hits.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                try:
                    answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted():
    servers: list[Scripted] = []

    def start(answer: Handler) -> Scripted:
        servers.append(Scripted(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def json_answer(text: str) -> Handler:
    def answer(h: BaseHTTPRequestHandler) -> None:
        body = json.dumps({"translatedText": text}).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return answer


def project_with(make_project, url: str, extra: str = "", timeout: float = 5):
    config = (f'[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "libre"\n'
              f'url = "{url}"\ntimeout = {timeout}\nretries = 1\n{extra}')
    project = make_project({"source/a.md": DOC}, config=config)
    assert main(["-C", str(project.root), "extract"]) == 0
    assert main(["-C", str(project.root), "update"]) == 0
    return project


def prefill(project, capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(project.root), "prefill", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def msgstrs(project) -> list[str]:
    return [e.msgstr for e in load_po(project.root / "translations/fr/a.po") if e.msgid]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_refused_key_is_never_printed(make_project, scripted, capsys, monkeypatch, fmt):
    def forbidden(h):
        h.send_response(403)
        h.send_header("Content-Length", "0")
        h.end_headers()
    server = scripted(forbidden)
    monkeypatch.setenv("L10N_MT_KEY", KEY)
    project = project_with(make_project, server.url, 'api_key_env = "L10N_MT_KEY"\n')
    code, output = prefill(project, capsys, "--format", fmt)
    assert code == 0 and server.hits
    assert "AuthorizationException" in output  # the failure is reported...
    assert "s3cr3t" not in output  # ...without the key, in any encoding
    assert "***" in output


def test_redact_covers_url_encodings():
    message = f"GET /t?api_key=s3cr3t-KEY%2Fwith%2Bsigns and {KEY} and s3cr3t-KEY/with%2Bsigns"
    assert "s3cr3t" not in redact(message.replace("/with%2Bsigns", "%2Fwith%2Bsigns"), [KEY])
    assert redact("nothing secret", [KEY]) == "nothing secret"


def test_no_redirect_to_another_origin_with_a_key(make_project, scripted, capsys, monkeypatch):
    elsewhere = scripted(json_answer("Demandeurs"))

    def redirect(h):
        h.send_response(307)
        h.send_header("Location", elsewhere.url + "translate")
        h.send_header("Content-Length", "0")
        h.end_headers()
    server = scripted(redirect)
    monkeypatch.setenv("LIBRE_API_KEY", KEY)
    project = project_with(make_project, server.url, 'api_key_env = "LIBRE_API_KEY"\n')
    code, output = prefill(project, capsys)
    assert server.hits and not elsewhere.hits
    assert "redirect to another origin" in output and "s3cr3t" not in output
    assert not any(msgstrs(project))


def test_a_same_origin_redirect_is_followed(make_project, scripted, capsys):
    def answer(h):
        if h.path.startswith("/moved"):
            return json_answer("Demandeurs d'asile arrivés.")(h)
        h.send_response(307)
        h.send_header("Location", "/moved/translate")
        h.send_header("Content-Length", "0")
        h.end_headers()
    server = scripted(answer)
    project = project_with(make_project, server.url)
    assert prefill(project, capsys)[0] == 0
    assert "Demandeurs d'asile arrivés." in msgstrs(project)


def test_the_deadline_is_per_request_not_per_read(make_project, scripted, capsys):
    def drip(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(1000):
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.2)
    server = scripted(drip)
    project = project_with(make_project, server.url, timeout=1)
    started = time.monotonic()
    code, output = prefill(project, capsys)
    assert time.monotonic() - started < 4  # 2 texts, a 1 s deadline each; not 200 s
    assert "no answer within 1 s" in output


def test_the_deadline_holds_while_the_headers_drip(make_project, scripted, capsys):
    def drip_headers(h):
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(400):  # one header byte at a time, each within the read timeout
            h.wfile.write(b"X")
            h.wfile.flush()
            time.sleep(0.1)
    server = scripted(drip_headers)
    project = project_with(make_project, server.url, timeout=1)
    started = time.monotonic()
    code, output = prefill(project, capsys)
    assert time.monotonic() - started < 4  # 2 texts, a 1 s deadline each; not 40 s each
    assert "no answer within 1 s" in output


def test_an_endless_chunked_answer_is_cut_off(make_project, scripted, capsys):
    def endless(h):
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"x" * 65536
        while True:
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    server = scripted(endless)
    project = project_with(make_project, server.url, timeout=30)
    started = time.monotonic()
    code, output = prefill(project, capsys)
    assert time.monotonic() - started < 10
    assert "bytes refused" in output
    assert not any(msgstrs(project))


def test_an_oversized_answer_is_refused_before_reading(make_project, scripted, capsys):
    server = scripted(json_answer("x" * (answer_limit("Asylum seekers arrived.") + 10)))
    project = project_with(make_project, server.url)
    code, output = prefill(project, capsys)
    assert "bytes refused" in output
    assert not any(msgstrs(project))
    cache = project.root / ".l10n-cache/mt.jsonl"
    assert not cache.exists() or "xxxx" not in cache.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["Asile\x00", "\x1b]0;owned\x07Asile", "Asi\x85le", "A\rB"])
def test_answers_with_control_characters_are_failures(make_project, scripted, capsys, bad):
    server = scripted(json_answer(bad))
    project = project_with(make_project, server.url)
    code, output = prefill(project, capsys)
    assert "control character" in output
    assert not any(msgstrs(project))
    assert main(["-C", str(project.root), "check"]) == 0  # the catalogue is still readable


def test_cache_lines_of_the_wrong_shape_are_discarded(make_project, capsys):
    with LibreServer() as server:
        project = project_with(make_project, server.url)
        cache = project.root / ".l10n-cache/mt.jsonl"
        cache.parent.mkdir(exist_ok=True)
        lines = [
            {"p": "libre", "s": "en", "t": "fr", "q": "Asylum", "r": 5},
            {"p": "libre", "s": "en", "t": "fr", "q": "Asylum seekers arrived.",
             "r": "Demandeurs\x1b[2J"},
            [1, 2], "text", None,
        ]
        cache.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
        code, output = prefill(project, capsys)
        assert code == 0, output
        assert sorted(msgstrs(project)) == ["[fr] Asylum", "[fr] Asylum seekers arrived."]


@pytest.mark.parametrize("extra, key, message", [
    ('provider = "google"\nurl = "http://127.0.0.1:9/"\n', "mt.url", "no custom endpoint"),
    ('provider = "microsoft"\nurl = "http://127.0.0.1:9/"\n', "mt.url", "no custom endpoint"),
    ('provider = "libre"\nurl = "ftp://x/"\n', "mt.url", "is not an http(s) address"),
    ('provider = "libre"\nurl = "http://user:pw@x/"\n', "mt.url", "is not an http(s) address"),
    ('provider = "deepl"\napi_key_env = "GITHUB_TOKEN"\n', "mt.api_key_env", "GITHUB_TOKEN"),
    ('provider = "libre"\napi_key_env = "L10N_"\n', "mt.api_key_env", "L10N_"),
    ('provider = "babelfish"\n', "mt.provider", "babelfish"),
])
def test_mt_settings_are_checked_at_load(tmp_path, capsys, extra, key, message):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\n{extra}', encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source/a.md").write_text(DOC, encoding="utf-8")
    assert main(["-C", str(tmp_path), "run"]) == 2
    err = capsys.readouterr().err
    line = 4 if key == "mt.provider" else 5
    assert f"pyproject.toml:{line}: tool.l10n.{key}:" in err and message in err
    assert not (tmp_path / "translations").exists()  # validated before writing


def test_run_checks_the_key_variable_before_writing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "deepl"\n'
        'api_key_env = "DEEPL_API_KEY"\n', encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source/a.md").write_text(DOC, encoding="utf-8")
    assert main(["-C", str(tmp_path), "run"]) == 2
    err = capsys.readouterr().err
    assert "DEEPL_API_KEY" in err and "pyproject.toml" in err
    assert not (tmp_path / "translations").exists()


def test_url_without_trailing_slash_works(make_project, capsys):
    with LibreServer() as server:
        project = project_with(make_project, server.url.rstrip("/"))
        assert prefill(project, capsys)[0] == 0
        assert "[fr] Asylum" in msgstrs(project)


def test_deep_translator_never_sends_outside_a_provider_call():
    module = _provider_module("libre")
    assert module.requests is _REQUESTS
    with pytest.raises(RuntimeError):
        module.requests.post("http://127.0.0.1:9/translate")
