"""``l10n serve`` in a real browser: headless Chromium driven by Selenium, through the
keyboard shortcuts a reviewer uses.  Screenshots go to ``L10N_SCREENSHOTS`` when set."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.model import REVIEW_TAG, Status, entry_status, set_tagged_line
from l10n_pipeline.serve import access, create_app
from l10n_pipeline.serve.catalogue import entry_id

sys.path.insert(0, str(Path(__file__).parent))
from serve_project import build  # noqa: E402
from serve_server import running  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                reason="chromium or chromedriver is not installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1300,1000"]
PO = "translations/ar/about/facts.po"


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="l10n-serve-chromium-")
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(driver, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))
    keep = os.environ.get("L10N_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    assert path.stat().st_size > 10_000
    return path


def test_review_an_arabic_catalogue_with_the_keyboard(make_project, browser, tmp_path):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    root = build(make_project)
    ids = {e.msgid: entry_id(e) for e in load_po(root / PO) if e.msgid}

    def article(msgid: str):
        return browser.find_element(By.ID, f"e-{ids[msgid]}")

    def wait(condition) -> None:
        WebDriverWait(browser, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            condition)

    def wait_status(msgid: str, status: str) -> None:
        wait(lambda d: article(msgid).get_attribute("data-status") == status)

    def select(msgid: str) -> None:
        article(msgid).find_element(By.CSS_SELECTOR, "header .status").click()

    def keys(*sequence: str) -> None:
        ActionChains(browser).send_keys(*sequence).perform()

    def on_disk(msgid: str):
        return load_po(root / PO).find(msgid)

    app = create_app(root, access("127.0.0.1", {}, "Reviewer R"))
    with running(app) as url:
        browser.get(url + "/")
        shot(browser, tmp_path, "serve-overview")
        assert "Release: blocked by" in browser.find_element(By.ID, "verdict").text
        browser.find_element(By.CSS_SELECTOR, 'tr[data-document="about/facts"] '
                                              'td[data-lang="ar"] a').click()
        assert browser.current_url.endswith("/c/ar/about/facts?status=open")

        # Arabic is shown right to left, in Arabic, and markup stays text
        target = article("Migration policy").find_element(By.CSS_SELECTOR, ".text.target")
        assert target.get_attribute("lang") == "ar" and target.get_attribute("dir") == "rtl"
        assert target.value_of_css_property("direction") == "rtl"
        assert browser.find_elements(By.CSS_SELECTOR, "article.entry script") == []

        # approve: a
        select("Migration policy")
        keys("a")
        wait_status("Migration policy", "reviewed")
        assert entry_status(on_disk("Migration policy")) is Status.REVIEWED

        # reject with a reason: r, type, Enter
        select("It works on migration policy and return.")
        keys("r")
        keys("الترجمة ناقصة", Keys.ENTER)
        wait_status("It works on migration policy and return.", "fuzzy")
        assert "الترجمة ناقصة" in on_disk("It works on migration policy and return.").tcomment

        # edit the Arabic entry in place: e, type, Ctrl+Enter
        select("Asylum seekers are welcome.")
        keys("e")
        area = article("Asylum seekers are welcome.").find_element(By.TAG_NAME, "textarea")
        assert area.get_attribute("dir") == "rtl" and area.get_attribute("lang") == "ar"
        area.clear()
        area.send_keys("طالبو اللجوء موضع ترحيب.")
        ActionChains(browser).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(
            Keys.CONTROL).perform()
        wait_status("Asylum seekers are welcome.", "translated")
        assert on_disk("Asylum seekers are welcome.").msgstr == "طالبو اللجوء موضع ترحيب."
        shot(browser, tmp_path, "serve-arabic-after-actions")

        # the conflict: a translator saves the machine entry in an editor meanwhile
        po = load_po(root / PO)
        po.find("The centre was founded in 1993.").msgstr = "تأسس المركز عام 1993."
        save_po(po, root / PO)
        before = (root / PO).read_bytes()
        select("The centre was founded in 1993.")
        keys("m")  # accept the pre-fill the page shows
        wait(lambda d: article("The centre was founded in 1993.").find_elements(
            By.CSS_SELECTOR, ".notice.conflict"))
        entry = article("The centre was founded in 1993.")
        assert "changed on disk" in entry.find_element(By.CSS_SELECTOR, ".notice").text
        assert entry.find_element(By.CSS_SELECTOR, ".text.target").text == "تأسس المركز عام 1993."
        assert (root / PO).read_bytes() == before
        browser.execute_script("arguments[0].scrollIntoView()", entry)
        shot(browser, tmp_path, "serve-conflict")


def test_done_when_a_reviewer_finishes_the_arabic_factsheet_in_the_browser(
        corpus_project, browser, tmp_path, capsys):
    """The issue's acceptance: with only a browser, find the Arabic factsheet's open
    entries, fix one, approve the rest; report and gate reflect it, and git diff shows
    ordinary PO changes."""
    import json
    import subprocess

    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from l10n_pipeline.cli import main

    root = corpus_project.root
    po_path = root / "translations/ar/about/factsheet.po"
    po = load_po(po_path)  # as before the review pass: translated, nothing signed
    for entry in po:
        set_tagged_line(entry, REVIEW_TAG, None)
    save_po(po, po_path)
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    fixed_msgid = "It celebrated its 25th anniversary in 2018."
    fixed_text = "واحتفل المركز بالذكرى الخامسة والعشرين (25) لتأسيسه في عام 2018\u200f."

    def wait(condition) -> None:
        WebDriverWait(browser, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            condition)

    def status(key: str) -> str:
        return browser.find_element(By.ID, f"e-{key}").get_attribute("data-status")

    def select(key: str) -> None:
        browser.find_element(By.ID, f"e-{key}").find_element(
            By.CSS_SELECTOR, "header .status").click()

    app = create_app(root, access("127.0.0.1", {}, "Acceptance Reviewer"))
    with running(app) as url:
        browser.get(url + "/")
        browser.find_element(By.CSS_SELECTOR, 'tr[data-document="about/factsheet"] '
                                              'td[data-lang="ar"] a').click()
        keys = [a.get_attribute("data-id")
                for a in browser.find_elements(By.CSS_SELECTOR, "article.entry")]
        assert keys and all(status(k) != "reviewed" for k in keys)
        fixed = entry_id(load_po(po_path).find(fixed_msgid))
        assert fixed in keys
        # fix one: edit, save, then approve it
        select(fixed)
        ActionChains(browser).send_keys("e").perform()
        area = browser.find_element(By.ID, f"e-{fixed}").find_element(By.TAG_NAME, "textarea")
        area.clear()
        area.send_keys(fixed_text)
        ActionChains(browser).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(
            Keys.CONTROL).perform()
        wait(lambda d: status(fixed) == "translated")
        # approve every entry, the fixed one included
        for key in keys:
            select(key)
            ActionChains(browser).send_keys("a").perform()
            wait(lambda d, key=key: status(key) == "reviewed")
        shot(browser, tmp_path, "serve-factsheet-reviewed")

    capsys.readouterr()
    assert main(["-C", str(root), "report", "--lang", "ar", "--format", "json"]) == 0
    factsheet = json.loads(capsys.readouterr().out)["languages"]["ar"]["documents"][
        "about/factsheet"]
    assert factsheet["strings"]["reviewed"] == factsheet["strings"]["total"] == len(keys)
    main(["-C", str(root), "gate", "--lang", "ar", "--require", "reviewed"])
    assert "about/factsheet" not in capsys.readouterr().out
    assert load_po(po_path).find(fixed_msgid).msgstr == fixed_text
    # every write is an ordinary PO change: sign-offs and the fixed msgstr, nothing else
    changed = subprocess.run([*git, "diff", "--name-only"], capture_output=True, text=True,
                             check=True).stdout.split()
    assert changed == ["translations/ar/about/factsheet.po"]
    diff = subprocess.run([*git, "diff", "-U0"], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert sum(line.startswith("+# l10n-reviewed: h=") and
               line.endswith(" Acceptance Reviewer") for line in added) == len(keys)
    assert all(line.startswith(("+# l10n-reviewed: ", '+msgstr "', '+"')) for line in added)
    assert all(line.startswith(('-msgstr "', '-"')) for line in removed)
