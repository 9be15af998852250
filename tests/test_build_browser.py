"""Built HTML in headless Chromium: a Latin URL in an Arabic page is laid out in its own
order.  Chromium measures where the first and the last character of the link land."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n_pipeline.build import html_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

# Writes, into the page itself, where the link's first ("h") and last ("/") characters
# are drawn; --dump-dom then returns it.
MEASURE = """<script>
const text = document.querySelector("a").firstChild;
const left = (i) => { const r = document.createRange(); r.setStart(text, i);
  r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
document.body.dataset.order = left(0) < left(text.length - 1) ? "ltr" : "rtl";
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_bare_url_in_an_arabic_page_reads_left_to_right(tmp_path):
    page = html_page("# الموقع\n\n<https://www.icmpd.org/>\n\nنص عربي.\n", "ar")
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert 'data-order="ltr"' in dom  # without isolation Chromium draws "/https://..."
