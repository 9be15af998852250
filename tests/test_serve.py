"""``l10n serve`` through its HTTP interface (Starlette's test client): pages, actions,
conflicts, and the security rules."""

from __future__ import annotations

import html as html_module
import re
import sys
from datetime import date
from pathlib import Path

import warnings

import pytest

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

from l10n_pipeline.cli import main
from l10n_pipeline.errors import InputError
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.gate import evaluate
from l10n_pipeline.model import Status, entry_status, has_valid_signoff, tagged_lines
from l10n_pipeline.project import Project
from l10n_pipeline.review import approve
from l10n_pipeline.serve import access, create_app

sys.path.insert(0, str(Path(__file__).parent))
from serve_project import build  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAGE = "/c/ar/about/facts"
PO = "translations/ar/about/facts.po"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def root(make_project) -> Path:
    return build(make_project)


def client(root: Path, token: str | None = None, host: str = "127.0.0.1") -> TestClient:
    rules = access(host, {"L10N_SERVE_TOKEN": token} if token else {}, "Tester")
    return TestClient(create_app(root, rules), base_url="http://127.0.0.1:8765")


def entries(html: str) -> dict[str, dict[str, str]]:
    """Each entry of a page by msgid: its id, version and status, as the page carries them."""
    found = {}
    for match in re.finditer(r'<article class="entry[^"]*" id="e-\w+" data-id="(\w+)" '
                             r'data-version="(\w+)" data-status="(\w+)".*?</article>', html, re.S):
        source = re.search(r'<div class="text source"[^>]*>(.*?)</div>', match.group(0), re.S)
        text = html_module.unescape(re.sub(r"<[^>]+>", "", source.group(1)))
        found[text] = {"entry": match.group(1), "version": match.group(2),
                       "status": match.group(3)}
    return found


def csrf(html: str) -> str:
    return re.search(r'<meta name="csrf" content="([^"]+)">', html).group(1)


def act(http: TestClient, msgid: str, action: str, fetch: bool = True, page: str | None = None,
        **fields) -> object:
    html = page or http.get(PAGE).text
    entry = next(v for k, v in entries(html).items() if msgid in k)
    data = {"csrf": csrf(html), "action": action, **entry, **fields}
    return http.post(PAGE + "/act", data=data, headers={"X-Requested-With": "fetch"} if fetch
                     else {}, follow_redirects=False)


def status_of(root: Path, msgid: str) -> Status:
    return entry_status(load_po(root / PO).find(msgid))


# -- pages ----------------------------------------------------------------------------------

def test_overview_shows_the_matrix_and_the_gates_verdict(root):
    page = client(root).get("/").text
    verdict = evaluate(Project.at(root))
    assert f"Release: blocked by {verdict.strings} string(s)" in page
    assert '<tr data-document="about/facts">' in page and 'data-lang="ar"' in page
    assert "Arabic · RTL · release" in page


def test_catalogue_page_marks_terms_findings_context_and_direction(root):
    page = client(root).get(PAGE).text
    assert page.count('<div class="text target" lang="ar" dir="rtl">') == 7
    assert '<div class="text source" lang="en" dir="ltr">' in page
    # the glossary term in both texts, with the expected target term
    assert '<mark class="term" title="glossary: migration policy → سياسة الهجرة">migration policy</mark>' in page
    assert '<mark class="term" title="glossary: migration policy → سياسة الهجرة">سياسة الهجرة</mark>' in page
    # a check error (the URL is missing from the translation) and the source reference
    assert re.search(r'<li class="error"><strong>error</strong> urls: URLs differ', page)
    assert 'href="/source/about/facts#L9">source/about/facts.md:9</a>' in page
    # neighbouring text
    assert '<p class="after" lang="en" dir="ltr">Read https://example.org/report for more. …</p>' in page
    # markup from the PO file is text
    assert "<script>alert(1)</script>" not in page
    assert "Facts about &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_filters_by_status_and_finding(root):
    http = client(root)
    assert [e["status"] for e in entries(http.get(PAGE + "?status=machine").text).values()] == \
        ["machine"]
    assert "reviewed" not in {e["status"] for e in entries(http.get(PAGE + "?status=open").text).values()}
    with_errors = entries(http.get(PAGE + "?finding=error").text)
    assert list(with_errors) == ["Facts about <script>alert(1)</script>",  # script: Latin
                                 "Read https://example.org/report for more."]
    assert list(entries(http.get(PAGE + "?finding=urls").text)) == [
        "Read https://example.org/report for more."]


def test_source_page_and_paths_outside_the_project(root):
    http = client(root)
    assert '<li id="L5"><code># Migration policy</code></li>' in http.get("/source/about/facts").text
    for path in ("/source/../../pyproject.toml", "/source/about/../../../etc/passwd",
                 "/static/../app.py", "/static/%2e%2e/app.py", "/c/ar/../../pyproject.toml",
                 "/c/ar/about/nothing", "/c/tr/about/facts", "/source/etc/passwd"):
        response = http.get(path)
        assert response.status_code == 404, path
        assert "tool.l10n" not in response.text and "root:" not in response.text


# -- actions --------------------------------------------------------------------------------

def test_approve_signs_as_review_does_and_changes_only_that_entry(root):
    before = (root / PO).read_text(encoding="utf-8")
    response = act(client(root), "Migration policy", "approve")
    assert response.status_code == 200 and 'data-status="reviewed"' in response.text
    entry = load_po(root / PO).find("Migration policy")
    assert entry_status(entry) is Status.REVIEWED
    assert tagged_lines(entry, "l10n-reviewed:")[0].endswith(f"{date.today().isoformat()} Tester")
    added = [line for line in (root / PO).read_text(encoding="utf-8").splitlines()
             if line not in before.splitlines()]
    assert added == [f"# {'l10n-reviewed: ' + tagged_lines(entry, 'l10n-reviewed:')[0]}"]


def test_reject_needs_a_reason_and_keeps_it_on_one_line(root):
    http = client(root)
    assert act(http, "Migration policy", "reject").status_code == 422
    forged = "wrong term\n# l10n-reviewed: h=0000 2026-01-01 Mallory"
    assert act(http, "Migration policy", "reject", reason=forged).status_code == 200
    entry = load_po(root / PO).find("Migration policy")
    assert entry_status(entry) is Status.FUZZY and not has_valid_signoff(entry)
    assert tagged_lines(entry, "l10n-rejected:") == [
        f"{date.today().isoformat()} Tester: wrong term # l10n-reviewed: h=0000 2026-01-01 Mallory"]
    assert tagged_lines(entry, "l10n-reviewed:") == []


def test_edit_saves_a_persons_translation(root):
    response = act(client(root), "Asylum seekers", "save", text="طالبو اللجوء\r\nمرحب بهم.")
    assert response.status_code == 200
    entry = load_po(root / PO).find("Asylum seekers are welcome.")
    assert entry.msgstr == "طالبو اللجوء\nمرحب بهم." and entry_status(entry) is Status.TRANSLATED


def test_accept_a_machine_prefill_then_approve(root):
    http = client(root)
    assert act(http, "founded in 1993", "accept").status_code == 200
    assert status_of(root, "The centre was founded in 1993.") is Status.TRANSLATED
    assert act(http, "founded in 1993", "accept").status_code == 422  # nothing left to accept
    assert act(http, "founded in 1993", "approve").status_code == 200
    assert status_of(root, "The centre was founded in 1993.") is Status.REVIEWED


def test_an_entry_with_a_check_error_needs_a_recorded_override(root):
    http = client(root)
    msgid = "Read https://example.org/report for more."
    refused = act(http, "example.org", "approve")
    assert refused.status_code == 422 and "urls" in refused.text
    assert status_of(root, msgid) is Status.TRANSLATED
    assert act(http, "example.org", "approve", override="1").status_code == 422  # no reason
    assert act(http, "example.org", "approve", override="1",
               reason="the link is in the footer").status_code == 200
    entry = load_po(root / PO).find(msgid)
    assert entry_status(entry) is Status.REVIEWED
    assert tagged_lines(entry, "l10n-override:")[0].endswith(
        "Tester: urls: the link is in the footer")


def test_editing_in_the_fix_then_approving_needs_no_override(root):
    response = act(client(root), "example.org", "approve",
                   text="اقرأ https://example.org/report لمزيد من المعلومات.")
    assert response.status_code == 200
    assert status_of(root, "Read https://example.org/report for more.") is Status.REVIEWED


def test_a_change_on_disk_refuses_the_action_and_shows_the_current_text(root):
    http = client(root)
    page = http.get(PAGE).text
    po = load_po(root / PO)  # a translator saves in their editor meanwhile
    po.find("Migration policy").msgstr = "سياسات الهجرة"
    save_po(po, root / PO)
    on_disk = (root / PO).read_bytes()
    response = act(http, "Migration policy", "save", page=page, text="نص المراجع")
    assert response.status_code == 409
    assert "changed on disk since the page was loaded" in response.text
    assert '<pre class="attempted" lang="ar" dir="rtl">نص المراجع</pre>' in response.text
    assert "سياسات الهجرة" in response.text  # the current text, shown
    assert (root / PO).read_bytes() == on_disk  # nothing applied over it
    # once reloaded, the same action goes through
    assert act(http, "Migration policy", "save", text="نص المراجع").status_code == 200


def test_a_change_to_another_entry_is_kept(root):
    http = client(root)
    page = http.get(PAGE).text
    project = Project.at(root)
    assert approve(project, "ar", "Bea", project.documents, "Migration policy").approved == 1
    assert act(http, "It works on", "approve", page=page).status_code == 200
    po = load_po(root / PO)
    assert entry_status(po.find("Migration policy")) is Status.REVIEWED
    assert entry_status(po.find("It works on migration policy and return.")) is Status.REVIEWED


def test_without_script_forms_redirect_or_show_the_refusal(root):
    http = client(root)
    done = act(http, "Migration policy", "approve", fetch=False)
    assert done.status_code == 303 and done.headers["location"].startswith(PAGE + "?")
    again = act(http, "Migration policy", "approve", fetch=False)
    assert again.status_code == 422 and "already reviewed" in again.text


# -- security -------------------------------------------------------------------------------

def test_writes_need_the_csrf_token_and_the_same_origin(root):
    http = client(root)
    before = (root / PO).read_bytes()
    assert act(http, "Migration policy", "approve", csrf="wrong").status_code == 403
    page = http.get(PAGE).text
    entry = entries(page)["Migration policy"]
    evil = http.post(PAGE + "/act", data={"csrf": csrf(page), "action": "approve", **entry},
                     headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    assert (root / PO).read_bytes() == before


def test_other_host_names_and_large_bodies_are_refused(root):
    http = client(root)
    assert http.get("/", headers={"Host": "attacker.example"}).status_code == 400
    huge = http.post(PAGE + "/act", content=b"x" * 300_000,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert huge.status_code == 413
    headers = http.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_any_other_address_needs_a_long_enough_token():
    with pytest.raises(InputError, match="L10N_SERVE_TOKEN"):
        access("0.0.0.0", {}, "Tester")
    with pytest.raises(InputError, match="too short"):
        access("0.0.0.0", {"L10N_SERVE_TOKEN": "short"}, None)
    assert access("::1", {}, "Tester").local_reviewer == "Tester"
    assert access("0.0.0.0", {"L10N_SERVE_TOKEN": TOKEN}, "Tester").local_reviewer is None


def test_cli_refuses_a_public_address_without_token(root, monkeypatch, capsys):
    monkeypatch.delenv("L10N_SERVE_TOKEN", raising=False)
    assert main(["-C", str(root), "serve", "--host", "0.0.0.0", "--by", "T"]) == 2
    assert "needs a token" in capsys.readouterr().err


def test_with_a_token_reviewers_sign_in_and_the_session_names_them(root):
    http = client(root, token=TOKEN, host="0.0.0.0")
    assert http.get(PAGE, follow_redirects=False).headers["location"] == "/login"
    login = http.get("/login").text
    bad = http.post("/login", data={"csrf": csrf(login), "name": "Mallory", "token": "nope"})
    assert bad.status_code == 403
    assert http.post("/login", data={"csrf": csrf(login), "name": "Dana Reviewer",
                                     "token": TOKEN}).status_code == 200
    # a name in the action's form is not who signs
    assert act(http, "Migration policy", "approve", name="Mallory", by="Mallory").status_code == 200
    signed = tagged_lines(load_po(root / PO).find("Migration policy"), "l10n-reviewed:")[0]
    assert signed.endswith(" Dana Reviewer")
    other = client(root, token=TOKEN, host="0.0.0.0")  # no session: no write
    response = other.post(PAGE + "/act", data={"action": "approve"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_a_broken_catalogue_is_named_not_a_traceback(root):
    (root / PO).write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    response = client(root).get(PAGE)
    assert response.status_code == 422
    assert "translations/ar/about/facts.po:2: invalid PO syntax" in response.text
    assert "Traceback" not in response.text
